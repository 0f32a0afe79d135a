"""Draw the bundled site's mark as ``templates/static/favicon.ico`` (32 × 32, PNG inside ICO),
``templates/static/apple-touch-icon.png`` (180 × 180, the icon an iPhone shows for the site added
to its home screen) and the icons the web app manifests name (`HOME_SCREEN_ICONS`: 192 and 512
pixels for Chromium's "Install" and Android's "Add to home screen", and a 512-pixel maskable one
that Android launchers crop to their own shape).

The same shapes as ``templates/static/logo.svg``: a rounded gold square with three navy bars.
The iPhone's icon and the maskable one fill their square to the edges, opaque: the phone rounds
or crops the corners itself, and shows a transparent corner as black; the bars lie within the
central circle of four fifths of the width that a launcher's mask always keeps. The manifest's
plain icons are the logo's rounded square, their corners transparent, as a desktop shows an
installed site's icon as it is. All but the favicon have their edges smoothed (each pixel the
mean of 4 × 4 samples): at 32 pixels a half-covered pixel only blurs the bars.
Run ``python scripts/favicon.py`` after changing the mark; the output is byte-for-byte stable
and holds no metadata (nothing but the image's header, palette and pixels). The large icons are
stored with a palette: smoothing makes a few dozen colours, and a palette PNG of them is a
fraction of the size of a full-colour one.
"""

from __future__ import annotations

import math
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from pathlib import Path

SIZE = 32
GROUND = (0xE0, 0xA8, 0x00, 0xFF)
BAR = (0x0E, 0x35, 0x58, 0xFF)
CLEAR = (0, 0, 0, 0)
BARS = ((7, 8, 25, 11.5), (7, 14.25, 25, 17.75), (7, 20.5, 19, 24))
"""(left, top, right, bottom) in the 32-unit box of logo.svg."""
RADIUS = 6
STATIC = Path(__file__).resolve().parents[1] / "templates" / "static"
TARGET = STATIC / "favicon.ico"
TOUCH_SIZE = 180
TOUCH_TARGET = STATIC / "apple-touch-icon.png"
SAMPLES = 4
"""Samples along each side of a pixel of the phone's icon."""
HOME_SCREEN_ICONS = (
    (STATIC / "icon-192.png", 192, "any"),
    (STATIC / "icon-512.png", 512, "any"),
    (STATIC / "icon-512-maskable.png", 512, "maskable"),
)
"""The icons each web app manifest names (pressroom/pages/homescreen.py): file, size, purpose."""


def _inside_rounded(x: float, y: float, left: float, top: float, right: float, bottom: float, radius: float) -> bool:
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2 and left <= x <= right and top <= y <= bottom


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    px, py = x + 0.5, y + 0.5
    if not _inside_rounded(px, py, 0, 0, SIZE, SIZE, RADIUS):
        return CLEAR
    for left, top, right, bottom in BARS:
        if _inside_rounded(px, py, left, top, right, bottom, (bottom - top) / 2):
            return BAR
    return GROUND


def rounded_span(
    y: float, left: float, top: float, right: float, bottom: float, radius: float
) -> tuple[float, float] | None:
    """Where the rectangle with corners rounded by ``radius`` crosses the line at height ``y`` of
    the 32-unit box, if it does."""
    if not top <= y <= bottom:
        return None
    rise = max(top + radius - y, y - bottom + radius, 0)
    reach = math.sqrt(radius**2 - rise**2)
    return left + radius - reach, right - radius + reach


def bar_span(y: float) -> tuple[float, float] | None:
    """Where a bar crosses the line at height ``y`` of the 32-unit box (each bar is a rounded
    rectangle as high as its corners are round), if one does."""
    for left, top, right, bottom in BARS:
        if top <= y <= bottom:
            return rounded_span(y, left, top, right, bottom, (bottom - top) / 2)
    return None


Coverage = list[list[tuple[int, int]]]
"""Row by row, each pixel's samples on the mark's square and, of those, on a bar."""


def coverage(size: int, rounded: bool) -> Coverage:
    """The mark drawn ``size`` pixels wide, its square's corners ``rounded`` as the logo's or
    filled. Each line of samples is asked once where the square and the bars cross it, the
    samples between are counted in bulk, and a row crossed as one before is that row again
    (drawn sample by sample, a 512-pixel icon took seconds)."""
    unit = SIZE / size
    # Every sample's place along a line, in order: a span covers the run of them it brackets.
    places = [(x + (i + 0.5) / SAMPLES) * unit for x in range(size) for i in range(SAMPLES)]
    drawn: dict[tuple[tuple[int, int], ...], list[tuple[int, int]]] = {}
    rows = []
    for y in range(size):
        runs = []
        for j in range(SAMPLES):
            height = (y + (j + 0.5) / SAMPLES) * unit
            for span in (rounded_span(height, 0, 0, SIZE, SIZE, RADIUS) if rounded else (0, SIZE), bar_span(height)):
                runs.append((0, 0) if span is None else (bisect_left(places, span[0]), bisect_right(places, span[1])))
        key = tuple(runs)
        if key not in drawn:
            drawn[key] = list(
                zip(_per_pixel(runs[0::2], len(places)), _per_pixel(runs[1::2], len(places)), strict=True)
            )
        rows.append(drawn[key])
    return rows


def _per_pixel(runs: list[tuple[int, int]], samples: int) -> list[int]:
    """Each pixel's covered samples, from the runs of covered samples of each of its lines."""
    starts = [0] * (samples + 1)
    for start, stop in runs:
        starts[start] += 1
        starts[stop] -= 1
    running = [0, *accumulate(accumulate(starts[:-1]))]
    return [running[end] - running[end - SAMPLES] for end in range(SAMPLES, len(running), SAMPLES)]


@cache
def _mean(bar: int, samples: int) -> tuple[int, int, int]:
    """The colour of a pixel ``bar`` of whose ``samples`` fall on a bar, the rest on the ground."""
    red, green, blue = (round((BAR[n] * bar + GROUND[n] * (samples - bar)) / samples) for n in range(3))
    return red, green, blue


@cache
def _blend(inside: int, bar: int) -> tuple[int, int, int, int]:
    """A pixel of the rounded mark: the mean colour of its samples on the square, as opaque as
    the share of its samples there."""
    if not inside:
        return CLEAR
    return (*_mean(bar, inside), round(255 * inside / SAMPLES**2))


def _filled(size: int) -> list[list[tuple[int, int, int]]]:
    """The mark ``size`` pixels wide with its square's corners filled, opaque."""
    return [[_mean(bar, SAMPLES * SAMPLES) for _, bar in row] for row in coverage(size, rounded=False)]


def touch_png() -> bytes:
    rows = _filled(TOUCH_SIZE)
    return png(TOUCH_SIZE, lambda x, y: rows[y][x], channels=3)


def home_screen_png(size: int, purpose: str) -> bytes:
    """An icon of the manifests: ``maskable``, the iPhone's full square; ``any``, the logo's
    rounded one."""
    if purpose == "maskable":
        return palette_png(_filled(size))
    return palette_png([[_blend(inside, bar) for inside, bar in row] for row in coverage(size, rounded=True)])


def png(size: int = SIZE, draw: Callable[[int, int], tuple[int, ...]] = pixel, channels: int = 4) -> bytes:
    """A PNG of ``size`` × ``size`` pixels, each ``draw(x, y)``: RGBA (4 channels) or RGB (3)."""
    rows = b"".join(b"\x00" + b"".join(bytes(draw(x, y)) for x in range(size)) for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6 if channels == 4 else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def palette_png(rows: list[list[tuple[int, ...]]]) -> bytes:
    """A PNG of ``rows`` of RGB or RGBA pixels, with a palette of their colours (at most 256):
    the transparent ones first, so that their alphas (``tRNS``) stop where the opaque begin."""
    colours = sorted({colour for row in rows for colour in row}, key=lambda c: (c[3:] or (255,), c))
    index = {colour: n for n, colour in enumerate(colours)}
    plte = b"".join(bytes(colour[:3]) for colour in colours)
    alphas = bytes(colour[3] for colour in colours if colour[3:] and colour[3] < 255)
    pixels = b"".join(b"\x00" + bytes(index[colour] for colour in row) for row in rows)
    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 3, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", plte)
        + (_chunk(b"tRNS", alphas) if alphas else b"")
        + _chunk(b"IDAT", zlib.compress(pixels, 9))
        + _chunk(b"IEND", b"")
    )


def ico(image: bytes) -> bytes:
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    TARGET.write_bytes(ico(png()))
    TOUCH_TARGET.write_bytes(touch_png())
    for icon, size, purpose in HOME_SCREEN_ICONS:
        icon.write_bytes(home_screen_png(size, purpose))
    for target in (TARGET, TOUCH_TARGET, *(icon for icon, _, _ in HOME_SCREEN_ICONS)):
        print(f"wrote {target.name} ({target.stat().st_size} bytes)")
