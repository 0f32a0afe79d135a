"""The benchmark's report: a Markdown table of medians with ratios to Hugo's fresh build, the
ratios round by round, and the versions of what was measured."""

from __future__ import annotations

import os
import statistics
import subprocess

from measuring import Result
from pressroom_builds import PROJECT


def _ratio(value: float, base: float | None) -> str:
    if base is None or base != base or base <= 0 or value != value:
        return "–"
    return f"{value / base:.2f}×"


def _row(result: Result, hugo: Result | None) -> str:
    if not result.samples:
        return f"| {result.name} | – | – | – | – | – | – | – | – | – | {result.note} |"
    wall, rss = result.median("wall_s"), result.median("peak_rss_kib") / 1024
    walls = [s.wall_s for s in result.samples]
    hugo_wall = hugo.median("wall_s") if hugo and hugo.samples else None
    hugo_rss = hugo.median("peak_rss_kib") / 1024 if hugo and hugo.samples else None
    hugo_cpu = hugo.median("cpu_s") if hugo and hugo.samples else None
    spread = f"{min(walls):.2f}–{max(walls):.2f}"
    cpu = result.median("cpu_s")
    pss = result.median("peak_pss_kib") / 1024
    processes = max(s.max_processes for s in result.samples)
    return (
        f"| {result.name} | {wall:.2f} | {spread} | {_ratio(wall, hugo_wall)} | {rss:.0f} | {_ratio(rss, hugo_rss)} "
        f"| {pss:.0f} | {processes} | {cpu:.2f} | {_ratio(cpu, hugo_cpu)} | {result.files or '–'} |"
    )


def _paired(fresh: dict[str, Result], hugo: Result | None) -> list[str]:
    """Wall-time ratios within each round: the builds of one round run back to back, so a
    slow spell of the machine weighs on both sides of a ratio alike."""
    if hugo is None or not hugo.samples:
        return []
    lines = []
    for result in fresh.values():
        if result is hugo or len(result.samples) != len(hugo.samples):
            continue
        ratios = [s.wall_s / h.wall_s for s, h in zip(result.samples, hugo.samples, strict=True) if h.wall_s > 0]
        if ratios:
            lines.append(f"- {result.name}, wall × Hugo round by round: {_listed(ratios)}")
    pelican, ours = fresh.get("pelican"), fresh.get("pressroom --no-search")
    if pelican and ours and pelican.samples and len(pelican.samples) == len(ours.samples):
        ratios = [p.wall_s / o.wall_s for p, o in zip(pelican.samples, ours.samples, strict=True) if o.wall_s > 0]
        lines.append(f"- pelican's wall over pressroom's, round by round: {_listed(ratios)}")
    return ["", *lines] if lines else []


def _listed(ratios: list[float]) -> str:
    return ", ".join(f"{r:.2f}×" for r in ratios) + f" (median {statistics.median(ratios):.2f}×)"


def markdown(fresh: dict[str, Result], incremental: list[Result], info: dict[str, object]) -> str:
    hugo = fresh.get("hugo")
    header = (
        "| build | wall s (median) | wall s (min–max) | time × Hugo | peak RSS MiB (median) | memory × Hugo "
        "| peak PSS MiB | processes | CPU s (median) | CPU × Hugo | output files |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [
        f"Corpus: {info['corpus']}; {info['repeat']} runs each; "
        f"{info['cpus']} CPUs (load average {info['load_average_start']} at start, {info['load_average_end']} at end); "
        f"output on {info['file_system']}; "
        f"Python {info['python']}; {info['hugo_version']}; pelican {info['pelican_version']}; "
        f"pressroom {info['pressroom_commit']}.",
        "",
        header,
    ]
    lines += [_row(result, hugo) for result in fresh.values()]
    lines += _paired(fresh, hugo)
    if incremental:
        lines += ["", header]
        lines += [_row(result, hugo) for result in incremental]
        notes = [f"- {r.name}: {r.note}" for r in incremental if r.note]
        lines += ["", *notes] if notes else []
    return "\n".join(lines)


def version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout.strip() or done.stderr.strip()).splitlines()[0] if done.stdout or done.stderr else "?"


def pressroom_revision() -> str:
    """The checkout's commit, marked when pressroom's code, templates or catalogs have uncommitted changes.

    A copy exported with ``git archive`` (to benchmark a fixed tree while the checkout changes)
    has no history: ``PRESSROOM_REVISION`` names its commit."""
    exported = os.environ.get("PRESSROOM_REVISION")
    if exported:
        return f"{exported}'s tree (run from an exported copy)"
    if not (PROJECT / ".git").exists():
        return "unknown (not a git checkout; set PRESSROOM_REVISION)"
    commit = version(["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"])
    status = subprocess.run(
        ["git", "-C", str(PROJECT), "status", "--porcelain", "--", "pressroom", "templates", "locales", "build.py"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{commit} + uncommitted changes" if status.stdout.strip() else commit
