"""Benchmark pressroom against Hugo and Pelican on a generated corpus of N releases × 3 languages.

Usage::

    .venv/bin/python benchmarks/run.py --releases 1000 [--repeat 3] [--skip-hugo] [--skip-pelican] [--json]

Steps: generate the corpus (``corpus.py``) and the equivalent Hugo and Pelican projects
(``others.py``) under ``benchmarks/.work/n<N>-s<seed>/``; build each K times from scratch
(output folder removed before every run, outside the timing, and the build started only once
the file system no longer treats the removed files as just freed: see `measuring.freed_inodes_wait`),
interleaving the tools; then, for pressroom only, a no-op rebuild into the same output
folder, a one-file edit rebuild (a sentence appended to one release), a template edit rebuild
(a comment appended to ``templates/base.html`` in the site root's own copy of the project's
templates) and the search indexing step on its own (skipped while pressroom has none; see
`pressroom_builds.search_index_steps`); and one-file edits in the running preview server
(`pressroom_builds.pressroom_preview`). The report (``report.py``) has medians and ratios to
Hugo, and the targets of issue 20 (``targets.py``).

Each build runs in a fresh child process started from here; ``measuring.py`` says what is
measured of it (wall and CPU time, peak RSS and PSS).

Builds made of several commands (Pelican's one run per language) add up wall and CPU time and
take the largest peak. Medians over the K runs are reported, in a Markdown table with ratios to
Hugo's fresh build (or as JSON with ``--json``). Progress and build logs go to stderr and to
``benchmarks/.work/.../logs/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import corpus as corpus_mod
import others
import targets
from measuring import (
    BuildFailed,
    Result,
    count_files,
    dirname,
    file_system,
    freed_inodes_wait,
    measure,
    progress,
    record,
    remove,
    settle,
)
from others import Step
from pressroom_builds import (
    EditedCopy,
    built_before,
    compile_pressroom,
    pressroom_incremental,
    pressroom_preview,
    pressroom_steps,
    pressroom_supports,
)
from report import markdown, pressroom_revision, version

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"


def fresh_builds(
    builds: dict[str, Callable[[Path], list[Step]]],
    out_root: Path,
    logs: Path,
    repeat: int,
    before: dict[str, Callable[[], object]] | None = None,
) -> dict[str, Result]:
    """Each build K times from an absent output folder, interleaved so drift hits all tools
    alike; ``before[name]()`` runs before each of that build's runs, outside the timing."""
    results = {name: Result(name) for name in builds}
    wait = freed_inodes_wait(out_root)
    for run in range(1, repeat + 1):
        for name, steps in builds.items():
            output = out_root / dirname(name)
            remove(output)
            if before and name in before:
                before[name]()
            settle(wait)  # every tool's build, Hugo's too, after the same wait (see `freed_inodes_wait`)
            record(results[name], measure(steps(output), logs / f"{dirname(name)}.log"), run, repeat)
    for name in builds:
        results[name].files = count_files(out_root / dirname(name))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark pressroom against Hugo and Pelican.")
    parser.add_argument("--releases", type=int, required=True, metavar="N", help="releases in the corpus")
    parser.add_argument("--repeat", type=int, default=3, metavar="K", help="runs per build (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--skip-hugo", action="store_true", help="do not build with Hugo")
    parser.add_argument("--skip-pelican", action="store_true", help="do not build with Pelican")
    parser.add_argument("--skip-incremental", action="store_true", help="skip pressroom's rebuild steps")
    parser.add_argument("--skip-preview", action="store_true", help="skip the one-file edits in the preview server")
    parser.add_argument(
        "--skip-search", action="store_true", help="skip the pressroom build with search (Pagefind) indexing"
    )
    parser.add_argument(
        "--skip-nothing-kept",
        action="store_true",
        help="skip pressroom's build with an empty cache (a fresh clone's: draws every share card)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON on stdout instead of the Markdown table")
    parser.add_argument("--workdir", type=Path, default=None, help="default: benchmarks/.work/n<N>-s<seed>")
    args = parser.parse_args(argv)
    if args.releases < 1 or args.repeat < 1:
        parser.error("--releases and --repeat must be positive")

    work: Path = args.workdir or WORK / f"n{args.releases}-s{args.seed}"
    load_before = os.getloadavg()[0]
    if load_before > 0.5 * (os.cpu_count() or 1):
        progress(f"warning: load average {load_before:.1f} at start; timings will be noisy on a busy machine")
    logs = work / "logs"
    remove(logs)
    started = time.perf_counter()
    progress(f"generating the corpus in {work / 'corpus'}")
    t0 = time.perf_counter()
    corpus = corpus_mod.generate(work / "corpus", args.releases, args.seed)
    generated_s = time.perf_counter() - t0
    progress(f"  {corpus_mod.describe(corpus)} ({generated_s:.1f} s)")

    compile_pressroom()
    builds: dict[str, Callable[[Path], list[Step]]] = {}
    before: dict[str, Callable[[], object]] = {}
    if pressroom_supports("--no-search"):
        # Nothing of an earlier build kept: a fresh clone's first build (bodies parsed, every
        # share card drawn). Run first in each round, so the rows after it find the cache full.
        if not args.skip_nothing_kept:
            builds[targets.NOTHING_KEPT] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
            before[targets.NOTHING_KEPT] = lambda: remove(corpus.root / ".pressroom-cache")
        # Every page rendered, no Markdown parsed: the rendered pages removed from the cache,
        # its bodies, images and cards kept (what a template edit costs).
        builds[targets.PAGES_RENDERED] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
        before[targets.PAGES_RENDERED] = lambda: remove(corpus.root / ".pressroom-cache" / "pages")
        # Hugo and Pelican index nothing for search: this is the like-for-like pressroom build
        # (output removed; the cache folder beside the content kept, as between two builds).
        builds[targets.NO_SEARCH] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
        # Between two builds the cache holds the model the last one kept for the folder; the row
        # without anything kept removes it in every round, so a build into the folder (not
        # counted) leaves it again first.
        before[targets.NO_SEARCH] = lambda: built_before(
            corpus.root, work / "out" / dirname(targets.NO_SEARCH), logs / "pressroom-no-search-before.log"
        )
        # The same after a sentence appended to one release (a CI job after a commit): the
        # cache is kept, but the last build's model is not that of these inputs, so the
        # content is read again (on a copy of the corpus, edited before each run).
        edited = EditedCopy(corpus.root, work, logs, work / "out" / dirname(targets.AFTER_EDIT))
        builds[targets.AFTER_EDIT] = lambda out: pressroom_steps(edited.source, out, "--no-search")
        before[targets.AFTER_EDIT] = edited.edit
    if not args.skip_search:
        # The search bundles removed from the cache: Pagefind indexes every language again
        # (the pages are kept, as in the row without search).
        builds[targets.DEFAULT_INDEXED] = lambda out: pressroom_steps(corpus.root, out)
        before[targets.DEFAULT_INDEXED] = lambda: remove(corpus.root / ".pressroom-cache" / "search")
        builds[targets.DEFAULT] = lambda out: pressroom_steps(corpus.root, out)
    if not args.skip_hugo:
        others.make_hugo_site(corpus.root, work / "hugo-site")
        builds["hugo"] = lambda out: others.hugo_steps(work / "hugo-site", out, work / "hugo-cache")
        if not args.skip_search:
            builds[targets.HUGO_PAGEFIND] = lambda out: [
                *others.hugo_steps(work / "hugo-site", out, work / "hugo-cache"),
                others.pagefind_step(out),
            ]
    if not args.skip_pelican:
        others.make_pelican_sites(corpus.root, work / "pelican-site")
        builds["pelican"] = lambda out: others.pelican_steps(work / "pelican-site", out)

    builds = targets.in_round_order(builds)
    try:
        if args.skip_nothing_kept and targets.PAGES_RENDERED in builds:
            # The rows that keep the cache would otherwise find it empty in their first round.
            # Made into the folder of the row that renders every page: the model a build keeps
            # is that folder's, so the row's first round reads it as its later rounds do.
            progress("one build to fill pressroom's cache (not counted)")
            warm = work / "out" / dirname(targets.PAGES_RENDERED)
            remove(warm)
            measure(pressroom_steps(corpus.root, warm, "--no-search"), logs / "pressroom-warm-up.log")
            remove(warm)
        progress(f"fresh builds, {args.repeat} runs each: {', '.join(builds)}")
        fresh = fresh_builds(builds, work / "out", logs, args.repeat, before)
        incremental = (
            []
            if args.skip_incremental
            else pressroom_incremental(corpus.root, work, logs, args.repeat, with_search=not args.skip_search)
        )
        if not args.skip_preview:
            incremental += pressroom_preview(corpus.root, work, logs, args.repeat)
    except BuildFailed as failed:
        progress(f"build failed: {failed}")
        return 1

    info: dict[str, object] = {
        "releases": args.releases,
        "seed": args.seed,
        "repeat": args.repeat,
        "corpus": corpus_mod.describe(corpus),
        "corpus_files": corpus.files,
        "corpus_seconds": round(generated_s, 2),
        "cpus": os.cpu_count(),
        "file_system": file_system(work),
        "python": platform.python_version(),
        "hugo_version": "Hugo skipped" if args.skip_hugo else version([str(others.hugo_binary()), "version"]),
        "pelican_version": "skipped"
        if args.skip_pelican
        else version([sys.executable, "-c", "import pelican; print(pelican.__version__)"]),
        "pressroom_commit": pressroom_revision(),
        "total_seconds": round(time.perf_counter() - started, 1),
        "load_average_start": round(load_before, 2),
        "load_average_end": round(os.getloadavg()[0], 2),
    }
    if args.json:
        report = {
            "info": info,
            "fresh": [r.summary() for r in fresh.values()],
            "incremental": [r.summary() for r in incremental],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(markdown(fresh, incremental, info))
        print()
        print(targets.report(fresh, incremental))
    progress(f"total {info['total_seconds']} s; logs in {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
