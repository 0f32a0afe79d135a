"""Search bundles kept in the cache: Pagefind runs only for languages whose pages changed, and
not at all for a site it indexed before; the bundle is the one a run with no cache writes."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pressroom.output import carryover, search
from pressroom.output.searchstore import KEEP, STORE_DIR, BundleStore
from pressroom.source.config import CACHE_DIR

from .conftest import ScratchSite
from .test_incremental import edit, fourteen_releases
from .test_resume import every_file


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


@pytest.fixture
def pagefind_runs(tmp_path, monkeypatch) -> list[str]:
    """The language each Pagefind run indexed (read from the pages it was given)."""
    real = search.executable()
    log = tmp_path / "pagefind-runs"
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(
        f'#!/bin/sh\ngrep -rhoE \'<html lang="[a-z]+"\' "$2" | head -n 1 | cut -d\'"\' -f2 >> {log}\nexec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda: wrapper)
    runs: list[str] = []

    class Runs(list):
        def __iter__(self):  # read when asked, so a test sees the runs made so far
            self[:] = log.read_text().split() if log.exists() else []
            log.unlink(missing_ok=True)
            return super().__iter__()

    return Runs(runs)


def without_cache(site: ScratchSite, tmp_path: Path) -> dict[str, bytes]:
    """What a build with no cache writes (into another folder; the cache is put back after)."""
    cache, aside = site.root / CACHE_DIR, tmp_path / "cache-aside"
    cache.rename(aside)
    try:
        other = ScratchSite(site.root, tmp_path / "other-out")
        assert other.build(search=True).code == 0
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        aside.rename(cache)
    return every_file(other.output)


def test_a_site_indexed_before_is_not_indexed_again(site, tmp_path, pagefind_runs, monkeypatch) -> None:
    """The whole site's bundle is found from the digests its build gave the pages as it rendered
    or placed them, without reading a page; an edit gives another key, and its language is
    indexed again."""

    def no_reading(folder: Path) -> str:
        raise AssertionError(f"the pages of {folder} were read to find the bundle")

    monkeypatch.setattr(search, "site_key", no_reading)
    assert site.build(search=True).code == 0
    assert sorted(pagefind_runs) == ["de", "en", "ja"]
    first = every_file(site.output)
    shutil.rmtree(site.output)
    assert site.build(search=True).code == 0
    assert list(pagefind_runs) == []
    assert every_file(site.output) == first
    edit(site, "content/en/r2.md", "summary: Summary 2 en", "summary: A better summary")
    shutil.rmtree(site.root / CACHE_DIR / "models")  # a full build, not a resumed one
    assert site.build(search=True).code == 0
    assert list(pagefind_runs) == ["en"]
    monkeypatch.undo()
    assert every_file(site.output) == without_cache(site, tmp_path)


@pytest.mark.parametrize("resumed", [True, False])
def test_an_edit_indexes_its_language_only(site, tmp_path, pagefind_runs, resumed) -> None:
    assert site.build(search=True).code == 0
    list(pagefind_runs)
    edit(site, "content/ja/r6.md", "title: お知らせ 6", "title: 新しいお知らせ 6")
    if not resumed:  # a full build: the kept model is gone
        shutil.rmtree(site.root / CACHE_DIR / "models")
    run = site.build(search=True)
    assert run.code == 0
    assert ("showing the edit rendered" in run.stdout) == resumed
    assert list(pagefind_runs) == ["ja"]
    assert every_file(site.output) == without_cache(site, tmp_path)


def test_only_the_most_recently_used_bundles_are_kept(tmp_path) -> None:
    store = BundleStore(tmp_path / "cache")
    bundle = tmp_path / "bundle"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "fragment" / "a.pf_fragment").write_bytes(b"index")
    for number in range(KEEP + 3):
        store.keep(f"key{number:02d}", bundle)
        os.utime(tmp_path / "cache" / STORE_DIR / f"key{number:02d}", ns=(number * 10**9, number * 10**9))
    left_by_a_stopped_build = tmp_path / "cache" / STORE_DIR / ".key99.1"
    left_by_a_stopped_build.mkdir()
    two_hours_ago = time.time_ns() - 7200 * 10**9
    os.utime(left_by_a_stopped_build, ns=(two_hours_ago, two_hours_ago))
    being_written = tmp_path / "cache" / STORE_DIR / ".key98.2"  # by another build, now
    being_written.mkdir()
    store.prune()
    kept = sorted(path.name for path in (tmp_path / "cache" / STORE_DIR).iterdir())
    assert kept == [".key98.2", *(f"key{number:02d}" for number in range(3, KEEP + 3))]
    fetched = tmp_path / "fetched"
    assert store.fetch("key05", fetched)
    assert (fetched / "fragment" / "a.pf_fragment").read_bytes() == b"index"
    assert not store.fetch("key00", tmp_path / "gone")


def test_a_page_left_without_a_digest_has_the_pages_read_for_the_bundle(site, monkeypatch) -> None:
    """A view that cannot be digested (its page is rendered, not kept) leaves the build without a
    name for every page: the whole-site key is then read from the pages themselves."""
    read: list[Path] = []
    real_key, real_bytes = search.site_key, carryover.view_bytes
    monkeypatch.setattr(search, "site_key", lambda folder: read.append(folder) or real_key(folder))
    calls = [0]

    def one_fails(view: object) -> bytes:
        calls[0] += 1
        if calls[0] == 5:
            raise TypeError("cannot pickle this view")
        return real_bytes(view)

    monkeypatch.setattr(carryover, "view_bytes", one_fails)
    assert site.build(search=True).code == 0
    assert len(read) == 1
