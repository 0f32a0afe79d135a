"""Issue 20's targets, each as a ratio from one interleaved run (see ``run.py``)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Protocol, TypeVar

NOTHING_KEPT = "pressroom --no-search, nothing kept"
PAGES_RENDERED = "pressroom --no-search, every page rendered"
NO_SEARCH = "pressroom --no-search"
AFTER_EDIT = "pressroom --no-search, after a one-line edit"
DEFAULT = "pressroom"
DEFAULT_INDEXED = "pressroom, search index made anew"
HUGO_PAGEFIND = "hugo + pagefind"
EDIT = "pressroom --no-search one-file edit rebuild"
EDIT_SEARCH = "pressroom one-file edit rebuild"


ROUND_ORDER = (NOTHING_KEPT, PAGES_RENDERED, "hugo", NO_SEARCH, AFTER_EDIT, DEFAULT_INDEXED, DEFAULT, HUGO_PAGEFIND)
"""The builds of a round in the order they run. Each target's ratio is taken within a round,
so its two builds run as close together as they can: Hugo between the two rows that are most
often compared with it (on a machine whose speed moved by half within minutes, Hugo had run a
minute after the every-page build and five rows later), and the default builds just before
Hugo with Pagefind."""

T = TypeVar("T")


def in_round_order(builds: dict[str, T]) -> dict[str, T]:
    """``builds`` in `ROUND_ORDER`, those it does not name (Pelican) after them."""
    rank = {name: place for place, name in enumerate(ROUND_ORDER)}
    return dict(sorted(builds.items(), key=lambda item: rank.get(item[0], len(rank))))


class Sample(Protocol):
    wall_s: float
    peak_pss_kib: int


class Result(Protocol):
    name: str
    samples: Sequence[Sample]


def _paired(ours: Result | None, theirs: Result | None) -> float | None:
    """The median of the round-by-round wall-time ratios (builds of a round ran back to back)."""
    if not ours or not theirs or not ours.samples or len(ours.samples) != len(theirs.samples):
        return None
    return statistics.median(o.wall_s / t.wall_s for o, t in zip(ours.samples, theirs.samples, strict=True))


def _medians(ours: Result | None, theirs: Result | None, attr: str) -> float | None:
    if not ours or not theirs or not ours.samples or not theirs.samples:
        return None
    base = statistics.median(getattr(s, attr) for s in theirs.samples)
    return statistics.median(getattr(s, attr) for s in ours.samples) / base if base else None


def report(fresh: dict[str, Result], incremental: Sequence[Result]) -> str:
    hugo, cold, rendered = fresh.get("hugo"), fresh.get(NO_SEARCH), fresh.get(PAGES_RENDERED)
    searched = _paired(fresh.get(DEFAULT), fresh.get(HUGO_PAGEFIND))
    indexed = _paired(fresh.get(DEFAULT_INDEXED), fresh.get(HUGO_PAGEFIND))
    edit = next((r for r in incremental if r.name == EDIT), None)
    edit_search = next((r for r in incremental if r.name == EDIT_SEARCH), None)
    rows = [
        ("cold build without search (output removed, cache kept) × Hugo", _paired(cold, hugo), 0.5),
        ("peak PSS of that build × Hugo's", _medians(cold, hugo, "peak_pss_kib"), 0.25),
        (
            "cold build without search after a one-line edit (cache kept, the edited file read) × Hugo",
            _paired(fresh.get(AFTER_EDIT), hugo),
            0.5,
        ),
        ("cold build without search, every page rendered (no Markdown parsed) × Hugo", _paired(rendered, hugo), 0.5),
        ("peak PSS of that build × Hugo's", _medians(rendered, hugo, "peak_pss_kib"), 0.25),
        ("cold build without search, nothing kept (fresh clone) × Hugo", _paired(fresh.get(NOTHING_KEPT), hugo), None),
        ("default build with the search index (cache kept) × (Hugo + Pagefind)", searched, 0.8),
        ("default build, search index made anew (pages kept) × (Hugo + Pagefind)", indexed, 0.8),
        (
            "one-line edit rebuild × cold build (both without search, cache kept)",
            _medians(edit, cold, "wall_s"),
            0.3,
        ),
        (
            "one-line edit rebuild × cold build after such an edit (both without search, cache kept)",
            _medians(edit, fresh.get(AFTER_EDIT), "wall_s"),
            0.3,
        ),
        (
            "one-line edit rebuild × cold build rendering every page (both without search)",
            _medians(edit, rendered, "wall_s"),
            0.3,
        ),
        (
            "one-line edit rebuild with search × default build, search index made anew",
            _medians(edit_search, fresh.get(DEFAULT_INDEXED), "wall_s"),
            None,
        ),
    ]
    lines = ["| target | ratio | goal | met |", "|---|---:|---:|---|"]
    for name, ratio, goal in rows:
        shown = "–" if ratio is None else f"{ratio:.2f}×"
        met = "–" if ratio is None or goal is None else ("yes" if ratio <= goal else "no")
        lines.append(f"| {name} | {shown} | {'–' if goal is None else f'≤ {goal}×'} | {met} |")
    return "\n".join(lines)
