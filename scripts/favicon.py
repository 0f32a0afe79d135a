"""Draw the bundled site's mark as ``templates/static/favicon.ico`` (32 × 32, PNG inside ICO) and
``templates/static/apple-touch-icon.png`` (180 × 180, the icon a phone shows for the site added
to its home screen).

The same shapes as ``templates/static/logo.svg``: a rounded gold square with three navy bars.
The phone's icon fills its square to the edges, opaque: the phone rounds its corners itself, and
shows a transparent corner as black. Its edges are smoothed (each pixel the mean of 4 × 4
samples); the favicon's are not, as at 32 pixels a half-covered pixel only blurs the bars.
Run ``python scripts/favicon.py`` after changing the mark; the output is byte-for-byte stable
and holds no metadata (nothing but the image's header and pixels).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
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


def bar_span(y: float) -> tuple[float, float] | None:
    """Where a bar crosses the line at height ``y`` of the 32-unit box (each bar is a rounded
    rectangle as high as its corners are round), if one does."""
    for left, top, right, bottom in BARS:
        radius = (bottom - top) / 2
        if top <= y <= bottom:
            reach = math.sqrt(radius**2 - (y - top - radius) ** 2)
            return left + radius - reach, right - radius + reach
    return None


def touch_rows() -> list[list[tuple[int, int, int]]]:
    """The phone's icon, row by row: each pixel the mean colour of its samples, the square's
    corners filled. Only the bars vary along a line, so each line of samples is asked once where
    they cross it (drawn sample by sample, the icon took seconds)."""
    unit = SIZE / TOUCH_SIZE
    columns = [[(x + (i + 0.5) / SAMPLES) * unit for i in range(SAMPLES)] for x in range(TOUCH_SIZE)]
    rows = []
    for y in range(TOUCH_SIZE):
        covered = [0] * TOUCH_SIZE
        for j in range(SAMPLES):
            span = bar_span((y + (j + 0.5) / SAMPLES) * unit)
            if span is not None:
                for x, samples in enumerate(columns):
                    covered[x] += sum(span[0] <= sample <= span[1] for sample in samples)
        rows.append([_mean(count, SAMPLES * SAMPLES) for count in covered])
    return rows


def _mean(bar: int, samples: int) -> tuple[int, int, int]:
    """The colour of a pixel ``bar`` of whose ``samples`` fall on a bar, the rest on the ground."""
    red, green, blue = (round((BAR[n] * bar + GROUND[n] * (samples - bar)) / samples) for n in range(3))
    return red, green, blue


def touch_png() -> bytes:
    rows = touch_rows()
    return png(TOUCH_SIZE, lambda x, y: rows[y][x], channels=3)


def png(size: int = SIZE, draw: Callable[[int, int], tuple[int, ...]] = pixel, channels: int = 4) -> bytes:
    """A PNG of ``size`` × ``size`` pixels, each ``draw(x, y)``: RGBA (4 channels) or RGB (3)."""
    rows = b"".join(b"\x00" + b"".join(bytes(draw(x, y)) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6 if channels == 4 else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(image: bytes) -> bytes:
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    TARGET.write_bytes(ico(png()))
    TOUCH_TARGET.write_bytes(touch_png())
    for target in (TARGET, TOUCH_TARGET):
        print(f"wrote {target.name} ({target.stat().st_size} bytes)")
