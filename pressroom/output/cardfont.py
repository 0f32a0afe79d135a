"""The share card's font: Noto Sans CJK JP Bold, which draws German, English and Japanese alike,
and what it cannot draw.

The font comes from PyPI (``noto-cjk-sans-jp-bold``, SIL Open Font License), so a fresh machine
renders the same card as any other: no system font is assumed. Characters it has no glyph for
are drawn as a letter without its mark or a letter drawn like them, else left out
(`drawable`); `lost_characters` names those left out, for the build's warnings.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from pressroom.base.languageparts import HAN_LANGUAGES, primary_subtag
from pressroom.base.patterns import lazy
from pressroom.base.text import collapse_spaces

if TYPE_CHECKING:
    from PIL import ImageFont

PROBE_SIZE = 30
"""The size a glyph is looked up at: any would do; the site's mark's (`cardlayout.MARK_SIZES`),
loaded anyway."""

ALWAYS_DRAWN = (
    ("\u00a0", "\u00ac"),  # Latin-1 (German, French, Spanish, the Nordic languages) but the soft hyphen,
    ("\u00ae", "\u0103"),  # which is invisible; Ā to ă
    ("\u2010", "\u2016"),  # dashes
    ("\u2018", "\u201a"),  # single quotation marks
    ("\u201c", "\u201e"),  # double quotation marks
    ("\u2020", "\u2022"),  # daggers, bullet
    ("\u2025", "\u2027"),  # ellipses
    ("\u3000", "\u303f"),  # Japanese punctuation
    ("\u3041", "\u3096"),  # hiragana
    ("\u3099", "\u30ff"),  # kana marks, katakana
    ("\u4e00", "\u9fef"),  # CJK unified ideographs
    ("\uff01", "\uffbe"),  # full-width forms, half-width katakana
)
"""Ranges the font draws whole, known without loading it (a test checks each code point against
the font). Much else it lacks: most of Latin Extended-A (č, ł, ő, ş), accented Greek, Cyrillic
beyond Russian's alphabet without ё, other scripts, emoji."""
_BEYOND_ALWAYS_DRAWN = lazy("[^\t\n -~" + "".join(f"{low}-{high}" for low, high in ALWAYS_DRAWN) + "]")
LOOK_ALIKES = {"Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h", "ı": "i"} | dict(zip("ІіЇїЈјЅѕ", "IiÏïJjSs", strict=True))
"""What the card draws for letters the font lacks that Unicode does not decompose: letters with
a stroke as the letter without it, and Cyrillic letters of Ukrainian, Belarusian and the South
Slavic languages as the Latin letters they are drawn like."""


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow and the font's package are loaded when a card is first drawn (here and below):
    # most rebuilds draw none.
    from noto_cjk_sans_jp_bold import FONT_PATH
    from PIL import ImageFont

    # Basic layout: no dependence on whether libraqm is present, so every machine draws alike.
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def drawable(title: str, lang: str) -> str:
    """``title`` as the card's font can draw it: invisible characters (a soft hyphen, a zero-width
    space or joiner, a direction mark) left out; a letter whose mark the font lacks (č, ł, ё) as
    the letter without it; other characters it has no glyph for (emoji, most scripts but Latin,
    Greek, Cyrillic and Japanese), which it draws as boxes, left out; and outside Japanese and
    Chinese, "…" as three dots, which this font centres on the line as they set it."""
    if _BEYOND_ALWAYS_DRAWN.search(title) is not None:
        title = "".join(map(_drawn_as, title))
    if primary_subtag(lang) not in HAN_LANGUAGES:
        title = title.replace("…", "...")
    return "\n".join(collapse_spaces(line) for line in title.split("\n"))


def lost_characters(text: str) -> tuple[str, ...]:
    """The visible characters of ``text`` a card leaves out (`drawable`), each once, in the order
    they come; not those it draws as a letter without its mark (``Łódź`` as ``Lódz``)."""
    if _BEYOND_ALWAYS_DRAWN.search(text) is None:
        return ()  # a build asks for every title: most hold nothing to look up
    return tuple(dict.fromkeys(c for c in text if not _drawn_as(c) and unicodedata.category(c) != "Cf"))


@cache
def _drawn_as(character: str) -> str:
    """What the card draws for one character: itself if the font has it; else its letter without
    a mark, or a letter drawn like it (`LOOK_ALIKES`), if the font has that; a space of another
    width as a space; else nothing (invisible format characters always so)."""
    if _has_glyph(character):
        return character
    if unicodedata.category(character) == "Cf":
        return ""
    if character.isspace():
        return " "  # a space of another width (an en quad, a thin space)
    plain = LOOK_ALIKES.get(character) or unicodedata.normalize("NFD", character)[0]
    return plain if plain != character and _has_glyph(plain) else ""


@cache
def _has_glyph(character: str) -> bool:
    if unicodedata.category(character) == "Cf":
        return False  # drawn as nothing or as a box, never as what it means
    if character.isascii():
        return True
    if any(low <= character <= high for low, high in ALWAYS_DRAWN):
        return True  # the font (and Pillow) need not be loaded to know: the usual titles
    mask = font(PROBE_SIZE).getmask(character)
    return (mask.size, bytes(mask)) != _missing_glyph()


@cache
def _missing_glyph() -> tuple[tuple[int, int], bytes]:
    """The box the font draws for a character it lacks (a private-use code point)."""
    mask = font(PROBE_SIZE).getmask("\U0010fffd")
    return mask.size, bytes(mask)


def ellipsis(lang: str) -> str:
    """The mark of a shortened title: Japanese and Chinese set "…" on the line's middle, others on
    its foot."""
    return "…" if primary_subtag(lang) in HAN_LANGUAGES else "..."
