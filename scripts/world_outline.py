#!/usr/bin/env python3
"""Regenerate ``pressroom/data/world-110m.json`` from Natural Earth's land outlines.

Source: the npm package ``world-atlas`` (``land-110m.json``, TopoJSON of Natural Earth 4.1.0,
public domain). Usage: ``npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz`` and then
``python scripts/world_outline.py package/land-110m.json``. The output is a list of polygon
rings in degrees, rounded to 0.1°, which is plenty for a small map drawn at build time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "pressroom" / "pages" / "world-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                points = [(round(x, 1), round(y, 1)) for x, y in ring(indexes, arcs)]
                deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(deduped) >= 4:
                    rings.append(deduped)
    data = {
        "source": "Natural Earth 1:110m land (public domain), via the world-atlas package",
        "rings": rings,
    }
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{len(rings)} rings, {sum(len(r) for r in rings)} points -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
