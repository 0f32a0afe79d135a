#!/usr/bin/env python3
"""Draw the bundled site's map of the Baden-Württemberg–Kanagawa partnership, one per language.

The release of 17 July 2024 shows it as its lead image: ``content/media/2024/kanagawa-map.png``
(German labels) with ``kanagawa-map.ja.png`` and ``kanagawa-map.en.png`` beside it, which
replace it on the Japanese and English pages; each has a ``.dark`` variant (``kanagawa-map.dark.png``,
``kanagawa-map.ja.dark.png``, …) in the site's dark-mode map colours, which readers in dark mode
see instead. Land outlines: Natural Earth 1:110m (public
domain), the same data as the partner map (``pressroom/pages/world-110m.json``); places from
the partner files; labels set in the Noto Sans CJK JP font that pressroom installs. The output
is the same bytes on every machine. Usage: ``python scripts/release_map.py``.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

from noto_cjk_sans_jp_bold import FONT_PATH
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = ROOT / "pressroom" / "pages" / "world-110m.json"
MEDIA = ROOT / "content" / "media" / "2024"
WIDTH, HEIGHT = 1600, 800
WEST, EAST, NORTH, SOUTH = -12.0, 152.0, 76.0, 18.0


@dataclass(frozen=True)
class Palette:
    sea: tuple[int, int, int]
    land: tuple[int, int, int]
    coast: tuple[int, int, int]
    accent: tuple[int, int, int]
    ink: tuple[int, int, int]
    ring: tuple[int, int, int]
    """Around the two markers."""


LIGHT = Palette((226, 236, 244), (208, 216, 206), (160, 172, 160), (11, 83, 148), (26, 26, 26), (255, 255, 255))
DARK = Palette((24, 35, 48), (58, 74, 90), (86, 104, 122), (142, 197, 255), (232, 236, 240), (18, 23, 28))
"""The partner map's dark-mode colours (--color-map-sea, -land, -coast, --color-marker, --color-text and
--color-marker-ring in templates/static/style.css)."""
STUTTGART = (48.78, 9.18)
"""Where the declaration was signed, in Baden-Württemberg."""
KANAGAWA = (35.45, 139.64)
"""Yokohama, seat of the prefecture (content/partners/kanagawa.yaml)."""
LABELS = {
    "": ("Baden-Württemberg", "Präfektur Kanagawa", "Partner seit 1989"),
    "ja": ("バーデン＝ヴュルテンベルク州", "神奈川県", "1989年から友好提携"),
    "en": ("Baden-Württemberg", "Kanagawa Prefecture", "Partners since 1989"),
}


def project(lat: float, lon: float) -> tuple[float, float]:
    # Equirectangular: a plain projection is enough to show where the two partners are.
    x = (lon - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return x, y


def unwrapped(ring: list[list[float]]) -> list[tuple[float, float]]:
    """A ring whose longitudes never jump across the map: Eurasia's crosses 180° in Chukotka."""
    shift = 0.0
    points = []
    for index, (lon, lat) in enumerate(ring):
        if index and abs(lon + shift - points[-1][0]) > 180:
            shift += 360 if lon + shift < points[-1][0] else -360
        points.append((lon + shift, lat))
    return points


def great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = 64) -> list[tuple[float, float]]:
    (lat1, lon1), (lat2, lon2) = (tuple(math.radians(v) for v in p) for p in (a, b))
    p1 = (math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1))
    p2 = (math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2))
    omega = math.acos(sum(u * v for u, v in zip(p1, p2, strict=True)))
    points = []
    for i in range(steps + 1):
        t = i / steps
        f1, f2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (f1 * u + f2 * v for u, v in zip(p1, p2, strict=True))
        points.append(project(math.degrees(math.asin(z)), math.degrees(math.atan2(y, x))))
    return points


def draw(labels: tuple[str, str, str], colours: Palette) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), colours.sea)
    canvas = ImageDraw.Draw(image)
    for ring in json.loads(OUTLINES.read_text(encoding="utf-8"))["rings"]:
        ring = unwrapped(ring)
        for turn in (-360, 0, 360):  # wherever unwrapping put a ring, one copy falls on the map
            points = [project(lat, lon + turn) for lon, lat in ring]
            if len(points) > 2:
                canvas.polygon(points, fill=colours.land, outline=colours.coast)
    route = great_circle(STUTTGART, KANAGAWA)
    for start in range(0, len(route) - 1, 2):  # dashed
        canvas.line(route[start : start + 2], fill=colours.accent, width=5)
    font = ImageFont.truetype(str(FONT_PATH), 40, layout_engine=ImageFont.Layout.BASIC)
    small = ImageFont.truetype(str(FONT_PATH), 32, layout_engine=ImageFont.Layout.BASIC)
    for (lat, lon), text, anchor, offset in (
        (STUTTGART, labels[0], "lt", (-40, 26)),
        (KANAGAWA, labels[1], "rt", (10, 26)),
    ):
        x, y = project(lat, lon)
        canvas.ellipse((x - 13, y - 13, x + 13, y + 13), fill=colours.accent, outline=colours.ring, width=4)
        canvas.text(
            (x + offset[0], y + offset[1]),
            text,
            font=font,
            fill=colours.ink,
            anchor=anchor,
            stroke_width=5,
            stroke_fill=colours.sea,
        )
    middle = route[len(route) // 2]
    canvas.text(
        (middle[0], middle[1] + 28),
        labels[2],
        font=small,
        fill=colours.accent,
        anchor="mt",
        stroke_width=5,
        stroke_fill=colours.land,
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    MEDIA.mkdir(parents=True, exist_ok=True)
    for lang, labels in LABELS.items():
        for mode, colours in (("", LIGHT), (".dark", DARK)):
            name = f"kanagawa-map{'.' + lang if lang else ''}{mode}.png"
            (MEDIA / name).write_bytes(draw(labels, colours))
            print(f"wrote content/media/2024/{name}")


if __name__ == "__main__":
    main()
