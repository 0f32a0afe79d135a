"""Staging for the search indexer: the built pages copied where Pagefind reads them, one folder
per language, each handed to its indexer as soon as it is whole.

What is staged of each page is `search_text`'s business (what Pagefind reads of it, Japanese
cut into characters); this module reads the pages, in the build's worker processes, sorts them
into languages and writes them out in the order Pagefind must find them.

A language can be staged ahead of the rest (``first``): a quick rebuild that changed what
Pagefind reads of German pages has German read, staged and indexed first, and reads the other
languages (whose kept bundles are found again) while Pagefind runs. That is a guess made from
the folders the pages lie in, checked once every page is read: should a page of that language
lie elsewhere, or one page make Pagefind read the whole site at once, the early folder was not
what staging every page together gives, and `StagedTooEarly` says the pages must be staged
again without it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pressroom.base.parallel import run_ranges
from pressroom.output.search_text import BODY_MARK, HEAD, indexable_html, indexed_part, is_japanese, primary_language

Ready = Callable[[Path, frozenset[str]], object]
"""Told of each folder as soon as it is staged, with the languages of its pages."""

NICER = 10
"""How much less of the processors the workers reading the other languages ask for while the
first language is indexed: the indexer of the language that changed gets what it needs."""

_UNMARKED, _MARKED, _UNSURE = range(3)
_Examined = tuple[int, bytes, str, bool]
"""A page as examined for staging: whether Pagefind reads it (marked, unsure or unmarked), what
to stage of it, its primary language, and whether it is Japanese."""
_Group = list[tuple[Path, bytes, bool]]
"""The pages of one staged folder, in the order they are written: path, what is staged, whether Japanese."""


class StagedTooEarly(Exception):
    """A language staged ahead of the rest (``first``) was not what staging every page gives:
    its run must be dropped and the pages staged again, without ``first``."""


def stage_for_index(
    site: Path,
    staging: Path,
    *,
    by_language: bool = False,
    overlay: Mapping[str, bytes] | None = None,
    ready: Ready | None = None,
    jobs: int = 1,
    first: frozenset[str] = frozenset(),
) -> list[Path]:
    """Put the HTML of ``site`` into ``staging`` (same relative paths) as the indexer should read it;
    the folders to index, those with the most to read first.

    Once any page marks its content with ``data-pagefind-body``, Pagefind drops the pages
    without it and reads only the marked elements of the others (with their titles and
    metadata): those pages are left out here, and the others staged as `indexed_part` gives
    them, so that Pagefind parses a fraction of the HTML and writes the same index.

    ``by_language``: each language in a folder of its own (``staging/0``, ``staging/1``...),
    since Pagefind indexes each language on its own and can then run once per language; not
    where a page mentions the mark in a way we cannot tell, as Pagefind must then see the
    whole site at once to decide which pages it drops.

    ``overlay``: path → the bytes about to replace those of a page of ``site`` (a quick rebuild
    indexes before it writes).

    ``ready(folder, languages)`` is called as soon as a folder is staged, with the primary
    languages of its pages, so that its indexer can start while the next language is staged.
    Japanese is staged first: it has the most words (a character each), and its run is the
    longest. ``jobs``: processes that read the pages.

    ``first``: top folders of ``site`` (``de``) whose pages are read first, their languages
    staged and handed to ``ready`` before the other pages are read; raises `StagedTooEarly`
    where that turns out not to be what staging every page at once gives (see the module's
    docstring).
    """
    staging.mkdir(parents=True, exist_ok=True)
    overlay = overlay or {}
    found = sorted(site.rglob("*.html"))

    def read(page: Path) -> bytes:
        replacement = overlay.get(page.relative_to(site).as_posix())
        return page.read_bytes() if replacement is None else replacement

    parent = os.getpid()

    def examined(pages: Sequence[Path], behind: bool = False) -> list[_Examined]:
        # Reading the pages and cutting Japanese into characters, in every worker: the indexers
        # wait for it, and until they start the other cores have nothing to do.
        def examine(start: int, stop: int) -> list[_Examined]:
            if behind and os.getpid() != parent and hasattr(os, "nice"):  # a worker of its own, forked for this
                with contextlib.suppress(OSError):
                    os.nice(NICER)
            return [_examined(read(page)) for page in pages[start:stop]]

        return [item for chunk in run_ranges(examine, len(pages), jobs) for item in chunk]

    early: dict[str, tuple[Path, list[Path]]] = {}
    if first and by_language and ready is not None:
        ahead: list[Path] = []
        rest: list[Path] = []
        for page in found:
            (ahead if page.relative_to(site).parts[0] in first else rest).append(page)
        read_ahead = examined(ahead)
        early = _stage_early(site, staging, ahead, read_ahead, ready)
        by_page = dict(zip(ahead, read_ahead, strict=True)) | dict(zip(rest, examined(rest, behind=True), strict=True))
        pages = [by_page[page] for page in found]
    else:
        pages = examined(found)
    marked = any(kind == _MARKED for kind, _, _, _ in pages)
    unsure = any(kind == _UNSURE for kind, _, _, _ in pages)
    if not marked:  # then Pagefind indexes every page, whole
        pages = [
            _prepared(_UNMARKED, read(page)) if kind == _UNMARKED else (kind, data, key, japanese)
            for page, (kind, data, key, japanese) in zip(found, pages, strict=True)
        ]
    # Each folder's pages in the order of their paths: Pagefind reads them in the order they
    # were written (in memory), and that order is part of its index.
    groups: dict[Path, _Group] = {}
    languages: dict[str, Path] = {}
    keys: dict[Path, set[str]] = {}
    for page, (kind, data, key, japanese) in zip(found, pages, strict=True):
        if kind == _UNMARKED and marked:
            continue
        root = languages.setdefault(key, staging / str(len(languages))) if by_language and not unsure else staging
        groups.setdefault(root, []).append((page, data, japanese))
        keys.setdefault(root, set()).add(key)
    for key, (_, staged_pages) in early.items():
        root = languages.get(key)
        if unsure or root is None or [page for page, _, _ in groups[root]] != staged_pages:
            raise StagedTooEarly(f"the pages in {key} are not all in {', '.join(sorted(first))}")
    staged: dict[Path, int] = {}
    for key, (root, _) in early.items():  # staged and handed over already
        staged[root] = sum(len(data) for _, data, _ in groups.pop(languages[key]))
    for root, group in sorted(groups.items(), key=lambda item: not any(japanese for _, _, japanese in item[1])):
        staged[root] = _write(site, root, group)
        if ready is not None:
            ready(root, frozenset(keys[root]))
    if not staged and ready is not None:  # nothing to index: Pagefind still writes its bundle
        ready(staging, frozenset())
    # The largest first: with fewer processes than languages, the longest run starts at once.
    return sorted(staged, key=lambda root: -staged[root]) or [staging]


def _stage_early(
    site: Path, staging: Path, pages: list[Path], examined: list[_Examined], ready: Ready
) -> dict[str, tuple[Path, list[Path]]]:
    """Stage and hand over each language of ``pages`` (read first), as staging every page would,
    if these pages are all it has and Pagefind reads them by language: language → its folder
    and pages. Nothing where a page must be read whole or none is marked (every page is then
    staged whole, the rest included)."""
    if not any(kind == _MARKED for kind, _, _, _ in examined) or any(kind == _UNSURE for kind, _, _, _ in examined):
        return {}
    groups: dict[str, _Group] = {}
    for page, (kind, data, key, japanese) in zip(pages, examined, strict=True):
        if kind == _MARKED:
            groups.setdefault(key, []).append((page, data, japanese))
    early: dict[str, tuple[Path, list[Path]]] = {}
    for number, (key, group) in enumerate(groups.items()):
        root = staging / f"first-{number}"  # beside the numbered folders of the other languages
        _write(site, root, group)
        early[key] = (root, [page for page, _, _ in group])
        ready(root, frozenset({key}))
    return early


def _write(site: Path, root: Path, group: _Group) -> int:
    """Write ``group``'s pages under ``root`` in their order; the bytes written."""
    folders: set[Path] = set()
    size = 0
    for page, data, _ in group:
        target = root / page.relative_to(site)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(data)
        size += len(data)
    return size


def _examined(data: bytes) -> _Examined:
    part = indexed_part(data)
    if part is not None:
        return _prepared(_MARKED, part)
    if BODY_MARK in data.lower():  # Pagefind reads it whole and decides
        return _prepared(_UNSURE, data)
    return (_UNMARKED, b"", "", False)


def _prepared(kind: int, data: bytes) -> _Examined:
    head = data[:HEAD].decode("utf-8", "ignore")
    # By primary language: a run that holds de and de-CH gives Pagefind's index either way.
    key = primary_language(head)
    japanese = is_japanese(head)
    if japanese:
        data = indexable_html(data.decode("utf-8")).encode("utf-8")
    return kind, data, key, japanese
