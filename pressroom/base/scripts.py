"""The Unicode ranges of Chinese, Japanese and Korean script, and the regular-expression classes made of them.

Several modules ask of a character which script it is in, each its own question: whether an
untranslated copy's title is still in its original's language (`pressroom.model.copies`),
whether CSS drops a line end between two characters and whether a character is Hangul
(`pressroom.source.mdcjk`), whether a file's bytes read as Japanese in Shift_JIS
(`pressroom.base.encodings`), which characters the search indexer is given one by one
(`pressroom.output.search_text`), which runs of a text in another language are Japanese,
Korean, or kanji that may be either Japanese or Chinese (`pressroom.source.scriptruns`). Their
answers differ, so each composes its own class with `character_class`; the ranges it is
composed of are named here, each once, where a reader can see what one class has and another
has not.

Each range is a tuple of (first, last) code points, both included; a Unicode block's name is
given where a range is one.
"""

from __future__ import annotations

from collections.abc import Iterable

Ranges = tuple[tuple[int, int], ...]

HAN: Ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
"""Kanji (hanzi, hanja) of the Basic Multilingual Plane: CJK Unified Ideographs, Extension A and
the Compatibility Ideographs."""
HAN_SUPPLEMENTARY: Ranges = ((0x20000, 0x3FFFD),)
"""The rarer kanji of the Supplementary and Tertiary Ideographic Planes (Extensions B to H)."""
CJK_RADICALS: Ranges = ((0x2E80, 0x2FFF),)
"""CJK Radicals Supplement, Kangxi Radicals, Ideographic Description Characters."""
CJK_SYMBOLS: Ranges = ((0x3000, 0x303F),)
"""CJK Symbols and Punctuation: the ideographic space, 、。「」〒, the iteration marks 々〻."""
IDEOGRAPHIC_SPACE: Ranges = ((0x3000, 0x3000),)
"""The full-width space, white space to every reader."""
IDEOGRAPHIC_PUNCTUATION: Ranges = ((0x3001, 0x3002),)
"""、 and 。: the comma and full stop of Japanese and Chinese."""
KANJI_MARKS: Ranges = ((0x3005, 0x3006), (0x303B, 0x303B))
"""々〆〻: among CJK Symbols, but written and read as kanji are."""
IDEOGRAPHIC_ZERO: Ranges = ((0x3007, 0x3007),)
"""〇, the kanji numeral zero."""
HALF_FILL_SPACE: Ranges = ((0x303F, 0x303F),)
"""The one character of CJK Symbols and Punctuation that is not wide."""
HIRAGANA: Ranges = ((0x3041, 0x309F),)
"""Hiragana, with the kana voicing marks and the iteration marks ゝゞ."""
KANA_VOICING_MARKS: Ranges = ((0x3099, 0x309C),)
"""゛゜, combining (U+3099, U+309A) and spacing (U+309B, U+309C)."""
COMBINING_VOICING_MARKS: Ranges = ((0x3099, 0x309A),)
KATAKANA: Ranges = ((0x30A0, 0x30FF),)
"""Katakana, with ゠ (the double hyphen), ・ (the middle dot), ー and the iteration marks ヽヾ."""
KATAKANA_DOUBLE_HYPHEN: Ranges = ((0x30A0, 0x30A0),)
KATAKANA_MIDDLE_DOT: Ranges = ((0x30FB, 0x30FB),)
KATAKANA_PHONETIC_EXTENSIONS: Ranges = ((0x31F0, 0x31FF),)
"""Small katakana for Ainu (ㇰ to ㇿ)."""
BOPOMOFO: Ranges = ((0x3100, 0x312F), (0x31A0, 0x31BF))
HANGUL_COMPATIBILITY_JAMO: Ranges = ((0x3130, 0x318F),)
KANBUN: Ranges = ((0x3190, 0x319F),)
CJK_STROKES: Ranges = ((0x31C0, 0x31EF),)
ENCLOSED_CJK: Ranges = ((0x3200, 0x32FF),)
"""Enclosed CJK Letters and Months: ㈱, ㊤, ㋿."""
CJK_COMPATIBILITY: Ranges = ((0x3300, 0x33FF),)
"""Squared words and units: ㌔, ㍻, ㎞."""
HANGUL_JAMO: Ranges = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))
"""Hangul Jamo with its Extended-A and Extended-B blocks (the compatibility jamo apart)."""
HANGUL_SYLLABLES: Ranges = ((0xAC00, 0xD7AF),)
CJK_COMPATIBILITY_FORMS: Ranges = ((0xFE30, 0xFE4F),)
"""Punctuation for vertical text."""
FULLWIDTH_FORMS: Ranges = ((0xFF01, 0xFF60),)
"""Full-width ASCII (！＃，０Ａａ) and white parentheses."""
FULLWIDTH_DIGITS: Ranges = ((0xFF10, 0xFF19),)
FULLWIDTH_LATIN: Ranges = ((0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
HALFWIDTH_PUNCTUATION: Ranges = ((0xFF61, 0xFF65),)
"""｡｢｣､･: half-width CJK punctuation."""
HALFWIDTH_KATAKANA: Ranges = ((0xFF66, 0xFF9F),)
"""Half-width katakana, with their voicing marks."""
HALFWIDTH_VOICING_MARKS: Ranges = ((0xFF9E, 0xFF9F),)
FULLWIDTH_SIGNS: Ranges = ((0xFFE0, 0xFFE6),)
"""￠￡￢￣￤￥￦."""


def character_class(*scripts: Ranges, without: Iterable[Ranges] = ()) -> str:
    """What goes between a character class's brackets (``[...]``) to match the characters of
    ``scripts`` but those of ``without``: ranges in order, those that touch joined."""
    spans = [span for ranges in scripts for span in ranges]
    for cut_first, cut_last in (span for ranges in without for span in ranges):
        spans = [
            piece
            for first, last in spans
            for piece in ((first, min(last, cut_first - 1)), (max(first, cut_last + 1), last))
            if piece[0] <= piece[1]
        ]
    joined: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return "".join(_written(first) + ("" if first == last else f"-{_written(last)}") for first, last in joined)


def _written(code: int) -> str:
    character = chr(code)
    return f"\\{character}" if character in "\\]^-[" else character
