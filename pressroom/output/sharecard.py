"""Share cards: the 1200×630 picture a shared link shows when a release has no image of its own.

A card carries the site's mark (a bar in the site's accent colour and the site's title) and the
release's title in that version's language, set in Noto Sans CJK JP Bold, which draws German,
English and Japanese alike. The font comes from PyPI (``noto-cjk-sans-jp-bold``, SIL Open Font
License), so a fresh machine renders the same card as any other: no system font is assumed.

Japanese titles break between phrases (BudouX), Chinese ones between characters, all at spaces
and never where kinsoku forbids (`pressroom.base.typography.line_pieces`), into lines as even as
the breaks allow (CSS's ``text-wrap: balance``); a title too long for four lines at the smallest
size is shortened with an ellipsis. Cards are PNG with a palette
(sharp text, flat colours), the same bytes for the same title, and cached like image renditions.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL

from pressroom.base.files import write_whole
from pressroom.base.patterns import lazy
from pressroom.base.text import collapse_spaces
from pressroom.base.typography import HAN_LANGUAGES, character_pieces, line_pieces
from pressroom.base.versions import version
from pressroom.output.mediarecord import MediaRecord

if TYPE_CHECKING:
    from PIL import Image, ImageFont

WIDTH, HEIGHT = 1200, 630
"""The size Open Graph and X (Twitter) cards show without cropping."""
MARGIN = 80
ACCENT = (11, 83, 148)
"""The site's accent colour (``--accent`` in style.css)."""
INK = (26, 26, 26)
PAPER = (255, 255, 255)
TITLE_SIZES = (68, 60, 52, 46)
"""Headline sizes tried in turn, largest first, until the title fits in `MAX_LINES` without a
word or phrase cut between characters (else the first size it fits at)."""
MAX_LINES = 4
MARK_SIZE = 30
CARD_FORMAT = 9
"""Raised when the card's design or encoding changes, so that cached cards are drawn again."""
PNG_LEVEL = 3
"""A build with no cache (a fresh clone, a CI runner) draws a card for every version of every
release: at 1,000 releases two thirds of its time. Encoding was half of a card's 8 ms at zlib's
default level 6; level 3 takes 2.1 ms instead of 4.2 ms for 22 KiB instead of 18 (level 9 took
eight times as long as 6 for 5 % fewer bytes)."""
SHADES = 32
"""Steps from the paper to the ink, and from the paper to the accent, in the encoded card's
palette. A drawn card has three colours and the edges between them (about 500 shades in all);
mapped onto these two ramps its pixels move by at most a few levels, the three colours stay
exact, and the file is 40 % of the full-colour PNG's size and encoded in less than half the
time (13 against 31 ms)."""


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
    if lang.split("-")[0] not in HAN_LANGUAGES:
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
    mask = font(MARK_SIZE).getmask(character)
    return (mask.size, bytes(mask)) != _missing_glyph()


@cache
def _missing_glyph() -> tuple[tuple[int, int], bytes]:
    """The box the font draws for a character it lacks (a private-use code point)."""
    mask = font(MARK_SIZE).getmask("\U0010fffd")
    return mask.size, bytes(mask)


def ellipsis(lang: str) -> str:
    """The mark of a shortened title: Japanese and Chinese set "…" on the line's middle, others on
    its foot."""
    return "…" if lang.split("-")[0] in HAN_LANGUAGES else "..."


@lru_cache(maxsize=8)
def units(title: str, lang: str) -> tuple[str, ...]:
    """The pieces a title may break between, each with the spaces after it (`line_pieces`). Kept
    for the title's every size and its balancing: parsing phrases is most of a Japanese layout."""
    return line_pieces(title, lang)


def _parts(title: str, lang: str, line_langs: tuple[str, ...] = (), drawn: bool = False) -> list[tuple[str, str]]:
    """Each line of ``title`` (the language chooser's card: one title a line) with the language
    it is laid out by: its own of ``line_langs``, else ``lang``; ``drawn``: as the card draws it."""
    langs = itertools.chain(line_langs, itertools.repeat(lang))
    lines = zip(title.strip().split("\n"), langs, strict=False)
    return [((drawable(line, part_lang) if drawn else line).strip(), part_lang) for line, part_lang in lines]


def _fits(text: str, size: int, width: float) -> bool:
    return _length(text, size) <= width


def _length(text: str, size: int) -> float:
    """How wide ``text`` is drawn: the sum of its characters' advances, as Pillow's basic layout
    sets them without kerning (a test checks it against the font). Measuring a whole line took
    a few µs a character, most of a layout; an advance is looked up once."""
    return sum(_advance(char, size) for char in text)


@cache
def _advance(char: str, size: int) -> float:
    return font(size).getlength(char)


def wrap(title: str, lang: str, size: int, width: int, limit: int | None = None) -> list[str]:
    """Greedy lines no wider than ``width``; a piece wider than a line is cut between characters,
    where kinsoku allows. A line break in ``title`` starts a line. ``limit``: at most that many
    lines, the first ones of the whole wrap; a card shows only a few, and measuring every line
    of a title pasted whole into the field took minutes."""
    return [line for line, _, _ in itertools.islice(_wrapped(_parts(title, lang), size, width), limit)]


def _wrapped(parts: list[tuple[str, str]], size: int, width: int) -> Iterator[tuple[str, str, bool]]:
    """The greedy lines of each part, each with its part's language and whether it ends where
    the title may break (`_wrap_part`)."""
    for text, lang in parts:
        for line, whole in _wrap_part(text, lang, size, width):
            yield line, lang, whole


def _wrap_part(title: str, lang: str, size: int, width: int) -> Iterator[tuple[str, bool]]:
    """Greedy lines, each with whether it ends where the title may break (False: inside a word
    or phrase wider than a line, cut between characters)."""
    current = ""
    for piece in units(title, lang):
        if _fits((current + piece).rstrip(" "), size, width):
            current += piece
            continue
        if current:
            yield current.rstrip(" "), True
        current = ""
        if _fits(piece.rstrip(" "), size, width):
            current = piece
            continue
        for cut in character_pieces(piece, lang):  # a single piece too wide: a long compound word or phrase
            if current and not _fits((current + cut).rstrip(" "), size, width):
                yield current.rstrip(" "), False
                current = ""
            current += cut
    if current:
        yield current.rstrip(" "), True


def balanced(title: str, lang: str, size: int, width: int) -> list[str]:
    """The lines of `wrap`, as many, but as even as its breaks allow (CSS's ``text-wrap:
    balance``): greedy filling left a short last line, a word alone under a full one
    ("Baden-Württemberg – Internationaler" over "Austausch"). Each part of a title with line
    breaks is balanced on its own."""
    return [line for text, part_lang in _parts(title, lang) for line in _balanced_part(text, part_lang, size, width)]


def _balanced_part(title: str, lang: str, size: int, width: int) -> list[str]:
    greedy = [line for line, _ in _wrap_part(title, lang, size, width)]
    pieces = units(title, lang)
    lengths = [_length(piece, size) for piece in pieces]
    at_end = [_length(piece.rstrip(" "), size) for piece in pieces]  # at a line's end, without its spaces
    if len(greedy) < 2 or max(at_end) > width:
        return greedy  # one line; or a piece cut between characters, where greedy filling cut it
    # For each first piece, the least sum of squared line widths that sets it and all after it
    # in the lines left, with where its next line starts: the lines' widths sum to the same
    # whatever the breaks, so the least sum of squares is the least spread. Ties go to the
    # earlier break, so the same title always gets the same lines.
    runs = [list(_runs(lengths, at_end, start, width)) for start in range(len(pieces))]
    best: dict[int, tuple[float, tuple[int, ...]]] = {len(pieces): (0.0, ())}
    for _ in range(len(greedy)):
        best = {
            start: min((run * run + best[end][0], (end, *best[end][1])) for end, run in ends)
            for start, widths in enumerate(runs)
            if (ends := [(end, run) for end, run in enumerate(widths, start + 1) if end in best])
        }
    breaks = (0, *best[0][1])
    return ["".join(pieces[start:end]).rstrip(" ") for start, end in itertools.pairwise(breaks)]


def _runs(lengths: list[float], at_end: list[float], start: int, width: int) -> Iterator[float]:
    """The widths of the lines that start with piece ``start`` and fit in ``width``: one piece,
    two, and so on (the last one's spaces not counted)."""
    run = 0.0
    for length, last in zip(lengths[start:], at_end[start:], strict=True):
        if run + last > width:
            return
        yield run + last
        run += length


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the headline goes: its size, lines and the top of the first line."""

    size: int
    lines: tuple[str, ...]
    top: int
    line_height: int


def layout(title: str, lang: str, line_langs: tuple[str, ...] = ()) -> Layout:
    """``line_langs``: the language of each line of ``title`` (the language chooser's card),
    whose rules it is broken by."""
    parts = _parts(title, lang, line_langs, drawn=True)
    width = WIDTH - 2 * MARGIN
    # A smaller size that sets a phrase whole (バーデン＝ヴュルテンベルク州国際交流ニュース) reads
    # better than a larger one that cuts it between characters, as a page would not.
    fitting = None
    for size in TITLE_SIZES:
        placed = list(itertools.islice(_wrapped(parts, size, width), MAX_LINES + 1))
        if len(placed) <= MAX_LINES:
            fitting = fitting or size
            if all(whole for _, _, whole in placed):
                fitting = size
                break
    if fitting is not None:
        size = fitting
        lines = [line for text, part_lang in parts for line in _balanced_part(text, part_lang, size, width)]
    else:
        lines = [line for line, _, _ in placed[:MAX_LINES]]
        last, last_lang, _ = placed[MAX_LINES - 1]
        mark = ellipsis(last_lang)
        # Shortened where a line could break: never after 「 nor between a letter and its mark.
        cuts = list(character_pieces(last, last_lang))
        while cuts and not _fits("".join(cuts).rstrip() + mark, size, width):
            cuts.pop()
        lines[-1] = "".join(cuts).rstrip() + mark
    line_height = round(size * 1.35)
    block = line_height * len(lines)
    top = 170 + max(0, (HEIGHT - 170 - 90 - block) // 2)  # centred between the mark and the bottom band
    return Layout(size, tuple(lines), top, line_height)


def draw_card(title: str, lang: str, site_title: str, line_langs: tuple[str, ...] = ()) -> Image.Image:
    from PIL import ImageDraw

    card = _blank_card(site_title, lang).copy()
    draw = ImageDraw.Draw(card)
    placed = layout(title, lang, line_langs)
    for number, line in enumerate(placed.lines):
        draw.text((MARGIN, placed.top + number * placed.line_height), line, font=font(placed.size), fill=INK)
    return card


@lru_cache(maxsize=16)
def _blank_card(site_title: str, lang: str) -> Image.Image:
    """A card without its headline: the site's mark at the top, the accent band at the foot.
    The same for every card of a language (a fifth of drawing one); the headline, set between
    them, never reaches either."""
    from PIL import Image, ImageDraw

    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(card)
    draw.rectangle((MARGIN, 70, MARGIN + 12, 70 + 48), fill=ACCENT)  # the mark: the header's accent bar
    draw.text((MARGIN + 32, 94), drawable(site_title, lang), font=font(MARK_SIZE), fill=ACCENT, anchor="lm")
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    return card


def card_png(title: str, lang: str, site_title: str, line_langs: tuple[str, ...] = ()) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    card = draw_card(title, lang, site_title, line_langs).quantize(palette=_palette(), dither=Image.Dither.NONE)
    card.save(out, "PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


@cache
def _palette() -> Image.Image:
    from PIL import Image

    colours = [*_ramp(PAPER, INK), *_ramp(PAPER, ACCENT)[1:]]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[tuple[int, ...]]:
    return [
        tuple(round(a + (b - a) * step / (SHADES - 1)) for a, b in zip(start, end, strict=True))
        for step in range(SHADES)
    ]


@cache
def _card_versions() -> str:
    return f"{PIL.__version__}|{version('noto-cjk-sans-jp-bold')}|{CARD_FORMAT}"


def card_key(title: str, lang: str, site_title: str, line_langs: tuple[str, ...] = ()) -> str:
    text = f"{_card_versions()}\0{lang}\0{' '.join(line_langs)}\0{site_title}\0{title}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def share_card(
    title: str, lang: str, site_title: str, cache_dir: Path, record: MediaRecord, line_langs: tuple[str, ...] = ()
) -> Path:
    """The card's PNG file in the cache, drawn now unless a card of the same text is there as
    ``record`` has it. ``line_langs``: the language of each line of a ``mul`` title."""
    key = card_key(title, lang, site_title, line_langs)
    # Joined as a string: one card per release and language, and pathlib parses every part.
    path = os.path.join(cache_dir, "cards", key[:2], f"{key}.png")
    if not record.intact(path):
        record.make_room(path)
        # Workers drawing the same card write the same bytes.
        write_whole(Path(path), card_png(title, lang, site_title, line_langs))
        record.made(path)
    return Path(path)
