"""Full-text search: the built pages indexed by Pagefind, one index per language.

Pagefind (the extended build, which segments Japanese into words) reads the finished HTML
in the staging folder before it is swapped in, as `search_text` prepares it (only what
Pagefind reads of each page, Japanese cut into characters), and writes its bundle to
``pagefind/``. Only content marked ``data-pagefind-body`` (releases, pages, partners) is
indexed, in the language of its page's ``lang``.

Pagefind builds each language's index on its own, and spends a good part of its time
compressing what it writes on a single thread; so it runs once per language, side by side,
and the bundles are put together: the same files a single run writes, with one
``pagefind-entry.json`` listing every language. Pagefind writes that file's keys in hash
order; we write them sorted so that the same site always gives the same bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pressroom.base.errors import BuildFailed, Problems
from pressroom.model import routing
from pressroom.output.search_text import stage_for_index

BUNDLE = routing.SEARCH_BUNDLE
ENTRY = "pagefind-entry.json"


class SearchUnavailable(Exception):
    """Pagefind is not installed."""


def executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable  # the extended build: Japanese word segmentation
    except ImportError as exc:
        raise SearchUnavailable("Pagefind is not installed; run pip install 'pagefind[extended]'") from exc
    return Path(get_executable())


def index_site(folder: Path, jobs: int = 2) -> float:
    """Index the site in ``folder``, up to ``jobs`` languages at a time; return the seconds it took.

    Raises `BuildFailed` if Pagefind fails."""
    started = time.perf_counter()
    try:
        binary = executable()
    except SearchUnavailable as exc:
        problems = Problems()
        problems.error("search", 0, str(exc))
        raise BuildFailed(problems) from None
    # Beside the site, on the same file system, so that the bundles are moved rather than copied.
    with tempfile.TemporaryDirectory(prefix=".index.", dir=folder.parent) as staging:
        sites = stage_for_index(folder, Path(staging) / "pages", by_language=True)
        bundles = [Path(staging) / f"bundle-{number}" for number in range(len(sites))]
        commands = [
            [str(binary), "--site", str(site), "--output-path", str(bundle)]
            for site, bundle in zip(sites, bundles, strict=True)
        ]
        failures = _run_all(commands, max(1, jobs))
        if failures:
            problems = Problems()
            for failure in failures:
                problems.error("search", 0, f"Pagefind failed: {failure}")
            raise BuildFailed(problems)
        _merge(bundles, folder / BUNDLE)
    return time.perf_counter() - started


def _run_all(commands: list[list[str]], slots: int) -> list[str]:
    """Run ``commands``, up to ``slots`` at once, in their order; what the failed ones said."""
    with ThreadPoolExecutor(max_workers=slots) as pool:
        runs = list(
            pool.map(lambda command: subprocess.run(command, capture_output=True, text=True, check=False), commands)
        )
    return [(run.stderr or run.stdout).strip() for run in runs if run.returncode != 0]


def _merge(bundles: list[Path], target: Path) -> None:
    """Put the bundles of the runs together in ``target``: their files (those every run writes,
    such as the interface's scripts, are the same in each) and one entry listing every language."""
    languages: dict[str, object] = {}
    entry: dict[str, object] = {}
    for bundle in bundles:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
        (bundle / ENTRY).unlink()
        for file in sorted(bundle.rglob("*")):
            destination = target / file.relative_to(bundle)
            if file.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            elif not destination.exists():
                os.replace(file, destination)
    entry["languages"] = dict(sorted(languages.items()))
    target.mkdir(parents=True, exist_ok=True)
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
