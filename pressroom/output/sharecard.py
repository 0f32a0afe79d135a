"""Share cards: the 1200×630 picture a shared link shows when a release has no image of its own.

A card carries the site's mark (a bar in the site's accent colour and the site's title; on the
language chooser's, the languages' names) and the release's title in that version's language
(set in lines by `pressroom.output.cardlayout`, in the font of `pressroom.output.cardfont`).
Cards are PNG with a palette (sharp text, flat colours), the same bytes for the same title, and
cached like image renditions.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL

from pressroom.base.files import write_whole
from pressroom.base.versions import version
from pressroom.output.cardfont import font
from pressroom.output.cardlayout import HEIGHT, MARGIN, MARK_INDENT, WIDTH, layout, mark_text
from pressroom.output.mediarecord import MediaRecord

if TYPE_CHECKING:
    from PIL import Image

ACCENT = (11, 83, 148)
"""The site's accent colour (``--accent`` in style.css)."""
INK = (26, 26, 26)
PAPER = (255, 255, 255)
CARD_FORMAT = 11
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


def draw_card(title: str, lang: str, site_title: str, line_langs: tuple[str, ...] = ()) -> Image.Image:
    from PIL import ImageDraw

    card = _blank_card(site_title, lang).copy()
    draw = ImageDraw.Draw(card)
    placed = layout(title, lang, line_langs)
    for top, line in zip(placed.tops, placed.lines, strict=True):
        draw.text((MARGIN, top), line, font=font(placed.size), fill=INK)
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
    mark, size = mark_text(site_title, lang)
    draw.text((MARGIN + MARK_INDENT, 94), mark, font=font(size), fill=ACCENT, anchor="lm")
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


def card_path(title: str, lang: str, site_title: str, cache_dir: Path, line_langs: tuple[str, ...] = ()) -> str:
    """Where the card is kept in the cache, as the media record names it."""
    key = card_key(title, lang, site_title, line_langs)
    # Joined as a string: one card per release and language, and pathlib parses every part.
    return os.path.join(cache_dir, "cards", key[:2], f"{key}.png")


def share_card(
    title: str, lang: str, site_title: str, cache_dir: Path, record: MediaRecord, line_langs: tuple[str, ...] = ()
) -> Path:
    """The card's PNG file in the cache, drawn now unless a card of the same text is there as
    ``record`` has it. ``line_langs``: the language of each line of a ``mul`` title."""
    path = card_path(title, lang, site_title, cache_dir, line_langs)
    if not record.intact(path):
        record.make_room(path)
        # Workers drawing the same card write the same bytes.
        write_whole(Path(path), card_png(title, lang, site_title, line_langs))
        record.made(path)
    return Path(path)
