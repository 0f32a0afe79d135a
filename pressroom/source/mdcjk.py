"""Emphasis beside Chinese, Japanese and Korean text, as the CommonMark CJK-friendly amendment reads it.

CommonMark takes ``**`` as the start of emphasis only when it does not stand between a letter and
punctuation: ``これは**「重要」**です`` kept its asterisks, since ``は`` is a letter and ``「`` is
punctuation, and a Japanese editor had to write a space after ``：**`` that Japanese typesetting
does not want. The CJK-friendly amendment (https://github.com/tats-u/markdown-cjk-friendly,
``specification.md``) counts a CJK character beside a delimiter run as punctuation does, and CJK
punctuation inside it as a letter does, which changes nothing where no CJK character is near.

Neither parser can be told the amended rule, so `mark_cjk_emphasis` says it in their terms: where
the amended rule makes a run of ``*`` or ``~`` open (or close) emphasis and CommonMark's does
not, it puts `SENTINEL`, a punctuation mark no text uses, before (after) the run; CommonMark's
rule then agrees, and `unmark` takes the marks out of the parser's output. ``_`` is left as
CommonMark reads it (the amendment's ``_`` rules guard words joined by underscores).

A line end inside a paragraph is a space to a browser, also between two Japanese characters,
where CSS Text 3 removes it but Chromium does not: `join_cjk_lines` removes it from the HTML
where CSS would (wide characters on both sides, Hangul excepted), outside ``<pre>``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pressroom.base.scripts import (
    BOPOMOFO,
    CJK_COMPATIBILITY,
    CJK_COMPATIBILITY_FORMS,
    CJK_RADICALS,
    CJK_STROKES,
    CJK_SYMBOLS,
    ENCLOSED_CJK,
    FULLWIDTH_FORMS,
    FULLWIDTH_SIGNS,
    HALF_FILL_SPACE,
    HALFWIDTH_KATAKANA,
    HALFWIDTH_PUNCTUATION,
    HAN,
    HAN_SUPPLEMENTARY,
    HANGUL_COMPATIBILITY_JAMO,
    HANGUL_JAMO,
    HANGUL_SYLLABLES,
    HIRAGANA,
    KANBUN,
    KATAKANA,
    KATAKANA_PHONETIC_EXTENSIONS,
    character_class,
)

SENTINEL = "\u2e0f"
"""PARAGRAPHOS, an ancient Greek punctuation mark: punctuation to both parsers, and never in a
press release (a body that holds it is read by CommonMark's rule alone)."""
_NEAR_WIDE = re.compile(r"[*~][^\x00-\x7f]|[^\x00-\x7f][*~]")
"""Only a character beyond ASCII beside a run can be a CJK one: elsewhere both rules agree."""
_SCAN = re.compile(r"\\[\s\S]|(`+)|\]\([^)\s]*|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|\*+|~+")
"""What the scan meets: an escape, backticks, a link's address or an autolink (passed over as a
whole, so no mark goes into an address), or a run of ``*`` or ``~``."""
_WHITESPACE = frozenset("\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000") | frozenset(map(chr, range(0x2000, 0x200B)))
"""Whitespace as markdown-it reads it (U+3000, the ideographic space, among it)."""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_HANGUL = re.compile(f"[{character_class(HANGUL_JAMO, HANGUL_COMPATIBILITY_JAMO, HANGUL_SYLLABLES)}]")
_EMOJI = re.compile("[\u2300-\u2bff\U0001f000-\U0001faff]")
"""Where the wide characters are emoji, which the amendment does not count as CJK."""
_VARIATION = re.compile("[\ufe00-\ufe0e]")
_IDEOGRAPHIC_VARIATION = re.compile("[\U000e0100-\U000e01ef]")


def mark_cjk_emphasis(text: str) -> str:
    """``text`` with `SENTINEL` where CommonMark needs it to read emphasis as the amendment does."""
    if SENTINEL in text or not _NEAR_WIDE.search(text):
        return text
    places: list[int] = []
    pos = 0
    while (found := _SCAN.search(text, pos)) is not None:
        pos = found.end()
        run = found.group()
        if run[0] not in "*~`":
            continue
        if found.group(1):  # a code span or fence: its marks are its text
            closing = _backticks(len(run)).search(text, pos)
            pos = closing.end() if closing else pos
            continue
        before = text[found.start() - 1] if found.start() else "\n"
        after = text[pos] if pos < len(text) else "\n"
        if _left_flanking(text, found.start(), after) and not _commonmark_left(before, after):
            places.append(found.start())
        elif _right_flanking(text, found.start(), after) and not _commonmark_right(before, after):
            places.append(pos)
    if not places:
        return text
    pieces, done = [], 0
    for place in places:
        pieces += [text[done:place], SENTINEL]
        done = place
    pieces.append(text[done:])
    return "".join(pieces)


def unmark(text: str) -> str:
    """The parser's output (or its text) without the marks `mark_cjk_emphasis` put in; only for
    a text that function changed."""
    return text.replace(SENTINEL, "")


@cache
def _backticks(count: int) -> re.Pattern[str]:
    return re.compile(f"(?<!`){'`' * count}(?!`)")


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _cjk(char: str) -> bool:
    if unicodedata.east_asian_width(char) in ("W", "F", "H"):
        return not _EMOJI.match(char)
    return bool(_HANGUL.match(char))


def _commonmark_left(before: str, after: str) -> bool:
    return after not in _WHITESPACE and (not _punctuation(after) or before in _WHITESPACE or _punctuation(before))


def _commonmark_right(before: str, after: str) -> bool:
    return before not in _WHITESPACE and (not _punctuation(before) or after in _WHITESPACE or _punctuation(after))


def _cjk_sequence_before(text: str, start: int) -> bool:
    """Whether what precedes ``start`` is a CJK character, alone or with its variation selector."""
    before = text[start - 1] if start else "\n"
    if _IDEOGRAPHIC_VARIATION.match(before):
        return True
    if _VARIATION.match(before) and start > 1:
        before = text[start - 2]
    return _cjk(before)


def _left_flanking(text: str, start: int, after: str) -> bool:
    """The amendment's left-flanking run: a CJK character before it counts as punctuation
    does, CJK punctuation after it as a letter does."""
    before = text[start - 1] if start else "\n"
    if after in _WHITESPACE:
        return False
    non_cjk_after = _punctuation(after) and not _cjk(after)
    return (
        not non_cjk_after
        or before in _WHITESPACE
        or (_punctuation(before) and not _cjk(before))
        or _cjk_sequence_before(text, start)
    )


def _right_flanking(text: str, start: int, after: str) -> bool:
    before = text[start - 1] if start else "\n"
    if before in _WHITESPACE:
        return False
    if _VARIATION.match(before) and start > 1:
        before = text[start - 2]
    non_cjk_before = _punctuation(before) and not _cjk(before)
    return not non_cjk_before or after in _WHITESPACE or (_punctuation(after) and not _cjk(after)) or _cjk(after)


_WIDE = character_class(
    CJK_RADICALS,
    CJK_SYMBOLS,
    HIRAGANA,
    KATAKANA,
    BOPOMOFO,
    HANGUL_COMPATIBILITY_JAMO,
    KANBUN,
    CJK_STROKES,
    KATAKANA_PHONETIC_EXTENSIONS,
    ENCLOSED_CJK,
    CJK_COMPATIBILITY,
    HAN,
    CJK_COMPATIBILITY_FORMS,
    FULLWIDTH_FORMS,
    HALFWIDTH_PUNCTUATION,
    HALFWIDTH_KATAKANA,
    FULLWIDTH_SIGNS,
    HAN_SUPPLEMENTARY,
    without=(HALF_FILL_SPACE,),
)
"""Wide, full-width and half-width characters but Hangul (its compatibility jamo aside): where
CSS Text 3 drops a line end."""
_INLINE = "(?:a|em|strong|s|span|code|sup)"
_CJK_LINE_END = re.compile(f"([{_WIDE}])((?:</{_INLINE}>)*)\n((?:<{_INLINE}\\b[^>]*>)*)(?=[{_WIDE}])")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def join_cjk_lines(html: str) -> str:
    """A body's HTML without the line ends between two CJK characters (outside ``<pre>``)."""
    if "<pre" not in html:
        return _CJK_LINE_END.sub(r"\1\2\3", html)
    pieces, done = [], 0
    for block in _PRE.finditer(html):
        pieces += [_CJK_LINE_END.sub(r"\1\2\3", html[done : block.start()]), block.group()]
        done = block.end()
    pieces.append(_CJK_LINE_END.sub(r"\1\2\3", html[done:]))
    return "".join(pieces)
