"""What a file that is not UTF-8 was saved as, told in words an editor can act on.

Editors' tools save in other encodings: Windows' Notepad offers "Unicode" (UTF-16), an older
editor on a German Windows saves Windows-1252, a Japanese one Shift_JIS. UTF-16 without its
byte order mark even decodes as UTF-8 where the text is plain ASCII, every other byte a NUL:
told as an invisible control character to delete, it sent the editor looking for one
character where the whole file needs saving again. Naming the encoding, and the character on
the line that shows it, tells the editor which setting of the editor's "Save as" to change.
"""

from __future__ import annotations

import codecs
import itertools
import re

from pressroom.base.scripts import (
    FULLWIDTH_FORMS,
    FULLWIDTH_SIGNS,
    HAN,
    HIRAGANA,
    IDEOGRAPHIC_PUNCTUATION,
    IDEOGRAPHIC_SPACE,
    IDEOGRAPHIC_ZERO,
    KANJI_MARKS,
    KATAKANA,
    character_class,
)

UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_LOOKED_AT = 256
"""Bytes at the start of a file looked at for the NULs of UTF-16 without its mark."""

_WESTERN = frozenset("„“”‚‘’–—…€«»°§")
"""Windows-1252 characters beyond letters that editors type (German quotes, dashes)."""
_KANA = re.compile(f"[{character_class(HIRAGANA, KATAKANA)}]")
_JAPANESE = re.compile(
    "["
    + character_class(
        IDEOGRAPHIC_SPACE,
        IDEOGRAPHIC_PUNCTUATION,
        KANJI_MARKS,
        IDEOGRAPHIC_ZERO,
        HIRAGANA,
        KATAKANA,
        HAN,
        FULLWIDTH_FORMS,
        FULLWIDTH_SIGNS,
    )
    + "]"
)
"""Of what Shift_JIS encodes, what shows Japanese text: kana, kanji, 、。々〆〇, the full-width
space and full-width forms; not its Greek, Cyrillic or box drawing, nor half-width katakana,
which single Western letters read as (ß as ﾟ, ° as ｰ)."""


def saved_as_utf16(data: bytes) -> bool:
    """Whether ``data`` is UTF-16 text, with its byte order mark or without: ASCII characters,
    which every front matter begins with, have a NUL byte beside each of them."""
    if data.startswith(UTF16_MARKS):
        return True
    head = data[:_LOOKED_AT]
    pairs = len(head) // 2
    if pairs < 4:
        return False
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    return max(even, odd) * 2 >= pairs and min(even, odd) * 8 < pairs


def not_utf8(data: bytes, start: int) -> tuple[int, str]:
    """The line to name and the message for ``data``, which is not UTF-8 text, or is UTF-16
    that happens to decode; ``start`` is where decoding as UTF-8 failed."""
    if saved_as_utf16(data):
        return 1, 'file is saved as UTF-16 ("Unicode"), not UTF-8; save it as UTF-8'
    line = data[:start].count(b"\n") + 1
    guess = _guess(data, start)
    if guess is None:
        return line, "file is not UTF-8 text (save it as UTF-8)"
    character, encoding = guess
    return line, f"file is not UTF-8 text: its '{character}' on this line is {encoding}; save it as UTF-8"


def _guess(data: bytes, start: int) -> tuple[str, str] | None:
    """The character the bytes at ``start`` make in the encoding the whole file reads as, and
    that encoding's name, where it gives text an editor would have typed; None where nothing
    fits (a damaged file, an image saved as .md)."""
    if all(0x80 <= byte <= 0xBF for byte in data[start + 1 :]):  # a UTF-8 file cut short
        return None
    begin = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    line = data[begin : len(data) if end < 0 else end]
    at = start - begin
    try:
        data.decode("shift_jis")
        japanese = line.decode("shift_jis")
    except UnicodeDecodeError:
        pass
    else:
        # Bytes of Windows-1252 letters pair up into a lone kanji now and then ("ä" and the
        # letter after it); kana, or kanji side by side, are what Japanese text is made of.
        before = len(line[:at].decode("shift_jis", errors="replace"))
        shown = japanese[before] if before < len(japanese) else ""
        if _written_in_japanese(japanese) and _is_japanese(shown):
            return shown, "Shift_JIS (Japanese)"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    character = line[at : at + 1].decode("cp1252")
    latin = "\u00c0" <= character <= "\u00fe" and character not in "×÷"
    if latin or character in _WESTERN:
        return character, "Windows-1252 (Western European)"
    return None


def _is_japanese(character: str) -> bool:
    return _JAPANESE.match(character) is not None


def _written_in_japanese(text: str) -> bool:
    kana = _KANA.search(text) is not None
    return kana or any(_is_japanese(a) and _is_japanese(b) for a, b in itertools.pairwise(text))
