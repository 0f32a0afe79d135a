"""Draw the bundled site's mark as ``templates/static/favicon.ico`` (32 × 32, PNG inside ICO).

The same shapes as ``templates/static/logo.svg``: a rounded gold square with three navy bars.
Run ``python scripts/favicon.py`` after changing the mark; the output is byte-for-byte stable.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 32
GROUND = (0xE0, 0xA8, 0x00, 0xFF)
BAR = (0x0E, 0x35, 0x58, 0xFF)
CLEAR = (0, 0, 0, 0)
BARS = ((7, 8, 25, 11.5), (7, 14.25, 25, 17.75), (7, 20.5, 19, 24))
"""(left, top, right, bottom) in the 32-unit box of logo.svg."""
RADIUS = 6
TARGET = Path(__file__).resolve().parents[1] / "templates" / "static" / "favicon.ico"


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


def png() -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(image: bytes) -> bytes:
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    TARGET.write_bytes(ico(png()))
    print(f"wrote {TARGET.name} ({TARGET.stat().st_size} bytes)")
