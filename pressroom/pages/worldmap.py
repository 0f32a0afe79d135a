"""The partner maps: Natural Earth land outlines drawn as inline SVG at build time.

Plain equirectangular projection, cropped to the inhabited latitudes; no tiles, no scripts,
no request to any host. The outline path is computed once per process, and each map's part of
it remembered between builds (`textmemo`). Baden-Württemberg is marked on every map; dots that
would cover each other (Kanagawa and Hitachi lie 100 km apart) are moved apart until each keeps
a tap target of its own, with a line to where it really is.
A partner's locator map is cut to the box around it and Baden-Württemberg.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pressroom.base.textmemo import recall

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


HOME = (48.6, 9.0)
"""Baden-Württemberg (its middle, near Tübingen): marked on every map."""
SPACING = 40.0
"""Least distance between two dots, in map units: 24 px targets on a map at least 640 px wide."""
LEADER_MIN = 16.0
"""The least move of a dot drawn with a line to where it really is, in map units: a dot moved
less lies within about a ring's width of its place at any width the map is shown at (the ring is
8 px; the world map is 640 to some 1,100 px wide)."""


@cache
def _outlines() -> tuple[tuple[tuple[tuple[float, float], ...], str], ...]:
    """Each land ring on the map: its projected points and its SVG path data (read once per process)."""
    rings = json.loads(DATA.read_text(encoding="utf-8"))["rings"]
    outlines = []
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
        outlines.append((tuple(points), "".join(commands) + ("" if crosses else "Z")))
    return tuple(outlines)


@cache
def land_path(box: tuple[float, float, float, float] | None = None) -> str:
    """The SVG path data of the land outlines (only those reaching into ``box``: x0, y0, x1, y1),
    remembered between builds: a rebuild that redraws one partner's page projects no outline."""

    def make() -> str:
        return "".join(path for points, path in _outlines() if box is None or _touches(points, box))

    return recall(f"land {box}", make)


def _touches(points: Sequence[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    href: str
    label: str
    dormant: bool
    true_x: float = 0.0
    """Where the place really is; differs from (x, y) when the dot was moved off a neighbour."""
    true_y: float = 0.0

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.true_x, self.true_y)


def marker(lat: float, lon: float, href: str, label: str, dormant: bool) -> Marker:
    x, y = project(max(SOUTH, min(NORTH, lat)), lon)
    return Marker(x, y, href, label, dormant, x, y)


def home_marker(label: str) -> Marker:
    return marker(*HOME, "", label, False)


def spread(
    markers: Sequence[Marker], fixed: Sequence[Marker] = (), spacing: float = SPACING, leader_min: float = 0.0
) -> tuple[Marker, ...]:
    """Move dots apart until no two are closer than ``spacing`` (``fixed`` ones stay put).

    A dot moved less than ``leader_min`` is drawn where it was moved to without a line to where
    it really is: that line would be a stub beside its ring, and the small dot at its end a
    speck that reads as a partner. Deterministic: a fixed number of rounds, pairs in input
    order, ties broken by index."""
    points = [[m.x, m.y] for m in markers]
    anchors = [(m.x, m.y) for m in fixed]
    for _ in range(60):
        moved = False
        for i, j in itertools.combinations(range(len(points)), 2):
            moved |= _push(points[i], points[j], spacing, i)
        for i, (ax, ay) in itertools.product(range(len(points)), anchors):
            moved |= _push(points[i], [ax, ay], spacing, i, both=False)
        if not moved:
            break
    placed = (
        replace(m, x=round(min(max(x, 12.0), WIDTH - 12.0), 1), y=round(min(max(y, 12.0), HEIGHT - 12.0), 1))
        for m, (x, y) in zip(markers, points, strict=True)
    )
    return tuple(
        replace(m, true_x=m.x, true_y=m.y) if math.hypot(m.x - m.true_x, m.y - m.true_y) < leader_min else m
        for m in placed
    )


def _push(a: list[float], b: list[float], spacing: float, salt: int, both: bool = True) -> bool:
    dx, dy = a[0] - b[0], a[1] - b[1]
    distance = math.hypot(dx, dy)
    if distance >= spacing - 0.01:
        return False
    if distance < 0.01:  # the same spot: part them along a direction of their own
        dx, dy, distance = math.cos(salt), math.sin(salt), 1.0
    share = (spacing - distance) / (2 if both else 1) + 0.05
    a[0] += dx / distance * share
    a[1] += dy / distance * share
    if both:
        b[0] -= dx / distance * share
        b[1] -= dy / distance * share
    return True


@dataclass(frozen=True, slots=True)
class MapBox:
    """The part of the world a map shows (``viewBox``), and its land."""

    x: float
    y: float
    width: float
    height: float
    land: str


def world() -> MapBox:
    return MapBox(0, 0, WIDTH, HEIGHT, land_path())


def locator_box(place: Marker, home: Marker, margin: float = 60.0) -> MapBox:
    """The box around a place and Baden-Württemberg, at least 2:1 and 240 units wide."""
    x0, x1 = min(place.x, home.x) - margin, max(place.x, home.x) + margin
    y0, y1 = min(place.y, home.y) - margin, max(place.y, home.y) + margin
    width = max(x1 - x0, 2 * (y1 - y0), 240.0)
    height = width / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - width / 2, 0.0), max(WIDTH - width, 0.0))
    top = min(max(cy - height / 2, 0.0), max(HEIGHT - height, 0.0))
    box = (round(left, 1), round(top, 1), round(width, 1), round(height, 1))
    return MapBox(*box, land_path((box[0], box[1], box[0] + box[2], box[1] + box[3])))
