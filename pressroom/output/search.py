"""Full-text search: the built pages indexed by Pagefind, one index per language.

Pagefind reads the finished HTML in the staging folder before it is swapped in, as
`searchstage` stages it in `search_text`'s copy (only what Pagefind reads of each page,
Japanese cut into characters, so that its plain build indexes Japanese too), and writes its bundle to
``pagefind/``. Only content marked ``data-pagefind-body`` (releases, pages, partners) is
indexed, in the language of its page's ``lang``.

Pagefind builds each language's index on its own, and spends a good part of its time
compressing what it writes on a single thread; so it runs once per language, side by side,
each run starting as soon as its language is staged (Japanese, the longest, first), and the
bundles are put together: the same files a single run writes, with one
``pagefind-entry.json`` listing every language. Pagefind writes that file's keys in hash
order; we write them sorted so that the same site always gives the same bytes.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.base.errors import BuildFailed, Problems
from pressroom.base.files import remove_tree
from pressroom.base.languageparts import primary_subtag
from pressroom.base.parallel import default_jobs
from pressroom.model import routing
from pressroom.output.folder import LEFT_OVER_AGE, hold, let_go, remove_left_over
from pressroom.output.search_text import indexed_part
from pressroom.output.searchstage import StagedTooEarly, stage_for_index
from pressroom.output.searchstore import BundleStore, rendered_key, site_key, staged_key

if TYPE_CHECKING:
    import subprocess
    from concurrent.futures import Future

BUNDLE = routing.SEARCH_BUNDLE
ENTRY = "pagefind-entry.json"
MEMORY = Path("/dev/shm")
"""Where Linux keeps files in memory only: the staged pages are written once and read once,
and on a busy disk writing them there took three times as long."""


class SearchUnavailable(Exception):
    """Pagefind is not installed."""


SEGMENTED = frozenset({"zh", "th"})
"""Languages written without spaces that only Pagefind's extended build can split into words
(Japanese is cut into characters by `search_text` instead: quicker, and found as typed).

Not every Chinese language (`languageparts.CHINESE`): the extended build splits a page only
where its ``<html lang>`` is ``zh``, ``ja`` or ``th`` before its first hyphen (``should_segment``
in Pagefind's fossick/mod.rs; 1.5.2 indexes so too), so a Cantonese (``yue``) or Mandarin (``cmn``)
page is indexed as the plain build indexes it, and asking for the extended one, which loads its
dictionaries at every run, would gain those sites nothing. A test holds this to the installed
Pagefind."""


def executable(languages: frozenset[str] = frozenset()) -> Path:
    """Pagefind's plain build, or its extended build (with a dictionary segmenter, loaded at
    every run) where ``languages`` need it; whichever is installed if only one is."""
    segmented = bool(languages & SEGMENTED)
    for extended in (segmented, not segmented):
        binary = _installed(extended=extended)
        if binary is not None:
            return binary
    raise SearchUnavailable("Pagefind is not installed; run pip install 'pagefind[bin]'")


def search_warnings(languages: Iterable[str]) -> list[str]:
    """What a build that indexes pages in ``languages`` (codes such as ``zh-TW``) should warn
    about: a language only Pagefind's extended build splits into words, when only the plain
    build is installed. Known before indexing, so that the build is not recorded as clean."""
    needing = sorted({primary_subtag(code) for code in languages} & SEGMENTED)
    if not needing or _installed(extended=True) is not None or _installed(extended=False) is None:
        return []
    return [
        f"pages in {', '.join(needing)} are indexed without splitting their words, so searches find"
        " whole sentences only; install Pagefind's extended build: pip install 'pagefind[extended]'"
    ]


def _installed(*, extended: bool) -> Path | None:
    """The Pagefind binary of that build, if its package is installed."""
    try:
        if extended:
            from pagefind_bin_extended import get_executable
        else:
            from pagefind_bin import get_executable
    except ImportError:
        return None
    return Path(get_executable())


def index_site(
    folder: Path,
    jobs: int | None = None,
    *,
    bundle: Path | None = None,
    overlay: Mapping[str, bytes] | None = None,
    cache: Path | None = None,
    pages: bytes | None = None,
) -> float:
    """Index the site in ``folder``, up to ``jobs`` languages at a time (default: one per CPU),
    into its `BUNDLE` folder, or ``bundle``; return the seconds it took. ``overlay``: pages
    about to replace some of the site's (see `stage_for_index`). ``cache``: where bundles are
    kept for languages whose pages a later build stages unchanged (see `searchstore`).
    ``pages``: a digest naming every page's bytes, if the build made one (else they are read).

    Raises `BuildFailed` if Pagefind fails."""
    started = time.perf_counter()
    try:
        binary = executable()
    except SearchUnavailable as exc:
        problems = Problems()
        problems.error("search", 0, str(exc))
        raise BuildFailed(problems) from None
    store = BundleStore(cache)
    target = bundle or folder / BUNDLE
    # Not for a quick rebuild's pages: a site just edited was hardly indexed before.
    whole = "" if cache is None or overlay else rendered_key(pages) if pages is not None else site_key(folder)
    if whole and store.fetch(whole, target):
        return time.perf_counter() - started
    # What runs killed on the way (SIGKILL, a CI job cancelled) left, a site's pages each time.
    for place in (folder.parent, MEMORY):
        remove_left_over(place, SCRATCH_PREFIX, LEFT_OVER_AGE)
    # Bundles beside the site, on the same file system, so that they are moved rather than copied.
    with ExitStack() as stack:
        staging = _scratch(stack, ".index.", folder.parent)
        runs = stack.enter_context(_Runs(binary, staging, store if cache is not None else None, jobs))
        _stage(folder, staging, stack, overlay, runs, jobs or default_jobs(), _changed_folders(folder, overlay))
        failures = runs.finish()
        if failures:
            problems = Problems()
            for failure in failures:
                problems.error("search", 0, f"Pagefind failed: {failure}")
            raise BuildFailed(problems)
        _merge(runs.bundles, target)
        if whole:
            store.keep(whole, target)
        store.prune()
    return time.perf_counter() - started


class _Runs:
    """Pagefind, once per staged folder, each run started as soon as its folder is staged (up
    to ``jobs`` at a time), or its bundle taken from ``store`` where it kept one for the same pages."""

    def __init__(self, binary: Path, beside: Path, store: BundleStore | None, jobs: int | None) -> None:
        self.binary = binary
        self.beside = beside
        self.store = store
        # Loaded when an index is made, as `subprocess` below: most rebuilds (--no-search, an
        # edit resumed from the kept model) make none.
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=max(1, jobs or default_jobs()))
        self.bundles: list[Path] = []
        self.started: list[Future[str | None]] = []
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._stopping = False

    def __enter__(self) -> _Runs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def start(self, site: Path, languages: frozenset[str]) -> None:
        bundle = self.beside / f"bundle-{len(self.bundles)}"
        self.bundles.append(bundle)
        binary = self.binary if not languages & SEGMENTED else executable(languages)
        self.started.append(self.pool.submit(self._index, binary, site, bundle))

    def _index(self, binary: Path, site: Path, bundle: Path) -> str | None:
        """Index ``site`` into ``bundle``; what Pagefind said if it failed."""
        key = staged_key(site) if self.store is not None else ""
        if self.store is not None and self.store.fetch(key, bundle):
            return None
        command = [str(binary), "--site", str(site), "--output-path", str(bundle)]
        import subprocess

        with self._lock:
            if self._stopping:  # its bundle would be dropped
                return None
            # Pagefind writes UTF-8 whatever the locale: read in the locale's encoding (EUC-JP), its
            # report ended the build in a traceback.
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", errors="replace"
            )
            self._running.add(process)
        try:
            out, err = process.communicate()
        finally:
            with self._lock:
                self._running.discard(process)
        if process.returncode != 0:
            return (err or out).strip()
        if self.store is not None:
            self.store.keep(key, bundle)
        return None

    def finish(self) -> list[str]:
        """Wait for every run; what the failed ones said."""
        return [failure for failure in (run.result() for run in self.started) if failure is not None]

    def forget(self) -> None:
        """Stop the runs started so far and drop their bundles: the pages are staged again
        elsewhere, or indexing was given up (an error, Ctrl-C), and no run may outlive its pages."""
        with self._lock:
            self._stopping = True
            for process in self._running:
                process.terminate()
        for run in self.started:
            run.cancel()  # those not yet begun
        from concurrent.futures import wait

        wait(self.started)  # what went wrong no longer matters
        for bundle in self.bundles:
            shutil.rmtree(bundle, ignore_errors=True)
        self.bundles, self.started = [], []
        self._stopping = False


SCRATCH_PREFIX = r"\.(?:pressroom-)?index\."
"""The names (before `tempfile`'s eight letters) of the folders `_scratch` makes."""


def _scratch(stack: ExitStack, prefix: str, place: Path) -> Path:
    """A new folder in ``place``, held (`hold`) and then removed when ``stack`` unwinds: a later
    run tells it from one a killed run left (see `index_site`)."""
    path = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=prefix, dir=place)))
    stack.callback(let_go, hold(str(path)))
    return path


def scratch_places(beside: Path) -> list[Path]:
    """Where to stage pages for the indexer, best first: in memory where the system offers it, else ``beside``.

    Pagefind takes the pages in the order the file system lists them, and that order is part of
    the index: in memory it is the order they were written in, the same on every machine."""
    return [MEMORY, beside] if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else [beside]


def _changed_folders(folder: Path, overlay: Mapping[str, bytes] | None) -> frozenset[str]:
    """The top folders of the site in ``folder`` (``de``) that hold a page of ``overlay`` whose
    part Pagefind reads is not the one the page has now: their languages' runs cannot take a
    kept bundle, so they are staged and started first."""
    changed = set()
    for path, data in (overlay or {}).items():
        try:
            before = (folder / path).read_bytes()
        except OSError:  # a new page, or one that cannot be read: its folder, to be sure
            before = None
        if before is None or indexed_part(before) != indexed_part(data):
            changed.add(path.split("/", 1)[0])
    return frozenset(changed)


def _stage(
    folder: Path,
    beside: Path,
    stack: ExitStack,
    overlay: Mapping[str, bytes] | None,
    runs: _Runs,
    jobs: int,
    first: frozenset[str] = frozenset(),
) -> None:
    """Stage the pages to index in the first of `scratch_places` with room for them, starting
    each language's run as soon as its pages are staged (those in ``first``, before the others
    are read: see `stage_for_index`)."""
    places = scratch_places(beside)
    for place in places:
        pages = _scratch(stack, ".pressroom-index.", place)
        # Unwound before the pages are removed: no run is left reading a folder taken away.
        stack.callback(runs.forget)
        try:
            try:
                stage_for_index(
                    folder, pages, by_language=True, overlay=overlay, ready=runs.start, jobs=jobs, first=first
                )
            except StagedTooEarly:  # a language staged ahead was not whole: every page together, then
                runs.forget()
                remove_tree(pages)
                stage_for_index(folder, pages, by_language=True, overlay=overlay, ready=runs.start, jobs=jobs)
            return
        except OSError as exc:
            if place == beside or exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            runs.forget()
            remove_tree(pages)  # memory full: the disk, then


def _merge(bundles: list[Path], target: Path) -> None:
    """Put the bundles of the runs together in ``target``: their files (those every run writes,
    such as the interface's scripts, are the same in each, the last one stays) and one entry
    listing every language."""
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
            else:
                os.replace(file, destination)
    entry["languages"] = dict(sorted(languages.items()))
    target.mkdir(parents=True, exist_ok=True)
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
