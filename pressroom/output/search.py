"""Full-text search: the built pages indexed by Pagefind, one index per language.

Pagefind (the extended build, which segments Japanese into words) reads the finished HTML
in the staging folder before it is swapped in, as `search_text` prepares it (Japanese cut
into characters), and writes its bundle to ``pagefind/``. Only content marked
``data-pagefind-body`` (releases, pages, partners) is indexed, in the language of its
page's ``lang``. Pagefind writes one file's keys in hash order; we rewrite it sorted
so that the same site always gives the same bytes.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
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


def index_site(folder: Path) -> float:
    """Index the site in ``folder``; return the seconds it took. Raises `BuildFailed` if Pagefind fails."""
    started = time.perf_counter()
    try:
        binary = executable()
    except SearchUnavailable as exc:
        problems = Problems()
        problems.error("search", 0, str(exc))
        raise BuildFailed(problems) from None
    # Beside the site, on the same file system, so that unchanged pages can be linked rather than copied.
    with tempfile.TemporaryDirectory(prefix=".index.", dir=folder.parent) as staging:
        stage_for_index(folder, Path(staging))
        result = subprocess.run(
            [str(binary), "--site", staging, "--output-path", str(folder / BUNDLE)],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        problems = Problems()
        problems.error("search", 0, f"Pagefind failed: {(result.stderr or result.stdout).strip()}")
        raise BuildFailed(problems)
    _sort_entry(folder / BUNDLE / ENTRY)
    return time.perf_counter() - started


def _sort_entry(path: Path) -> None:
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
