"""The partner map: Natural Earth land outlines drawn as inline SVG at build time.

Plain equirectangular projection, cropped to the inhabited latitudes; no tiles, no scripts,
no request to any host. The outline path is computed once per process.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "world-110m.json"
WIDTH = 1000
NORTH, SOUTH = 84.0, -58.0
"""Latitudes shown: Antarctica and the high Arctic would only take space."""
HEIGHT = round(WIDTH * (NORTH - SOUTH) / 360)


def project(lat: float, lon: float) -> tuple[float, float]:
    """Degrees → SVG coordinates in a WIDTH × HEIGHT box."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


@cache
def land_path() -> str:
    """The SVG path data of all land outlines."""
    rings = json.loads(DATA.read_text(encoding="utf-8"))["rings"]
    parts = []
    for ring in rings:
        points = [project(lat, lon) for lon, lat in ring]
        if all(y < 0 or y > HEIGHT for _, y in points):
            continue
        # A ring crossing the antimeridian would draw a line across the whole map: lift the pen.
        crosses = any(abs(a[0] - b[0]) > WIDTH / 2 for a, b in itertools.pairwise(points))
        commands = []
        for index, (x, y) in enumerate(points):
            jump = index == 0 or abs(x - points[index - 1][0]) > WIDTH / 2
            commands.append(f"{'M' if jump else 'L'}{x:g},{y:g}")
        parts.append("".join(commands) + ("" if crosses else "Z"))
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    href: str
    label: str
    dormant: bool


def marker(lat: float, lon: float, href: str, label: str, dormant: bool) -> Marker:
    x, y = project(max(SOUTH, min(NORTH, lat)), lon)
    return Marker(x, y, href, label, dormant)
