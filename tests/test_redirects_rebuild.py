"""Earlier addresses (``formerly:``) through every way the site is built again: the build that
keeps pages, the command-line rebuild after an edit, the preview server's quick rebuild, any
number of workers. Each leaves the bytes a cold build leaves; an edit that adds an earlier
address shows it, and an edited title shows on the pages that lead on to it."""

from __future__ import annotations

import shutil

import pytest

from pressroom.base import parallel
from pressroom.pipeline.building import build
from pressroom.preview.incremental import quick_rebuild

from .conftest import ScratchSite
from .test_build_cache import cold_build as cold_site
from .test_build_cache import files_of
from .test_incremental import assert_same_as_full_build, edit, fourteen_releases, start
from .test_resume import built, cold_build, every_file
from .test_serve import RELEASE, SOURCE, Preview, _replace_by_rename, preview

OLD = "/de/releases/2024/alt/"
__all__ = ["preview"]  # the preview server's fixture, used here by its name


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def add_formerly(site: ScratchSite) -> None:
    # r3 is dated 2024-04-04; its German version gets an old slug and its English one an old path.
    edit(site, "content/de/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\nformerly: alt\n")
    edit(site, "content/en/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\nformerly: [/en/releases/2023/old/]\n")


def test_the_command_line_rebuild_after_adding_and_editing_leaves_a_cold_builds_bytes(site, tmp_path) -> None:
    built(site)
    add_formerly(site)
    built(site)
    assert 'url=/de/releases/2024/r3/"' in site.page(OLD).html
    assert every_file(site.output) == cold_build(site, tmp_path)
    # The title the redirect pages show is edited: the rebuild that takes the edit renders them again.
    edit(site, "content/de/r3.md", "title: Meldung 3", "title: Dritte Meldung")
    built(site)
    assert "Dritte Meldung" in site.page(OLD).text
    shutil.rmtree(tmp_path / "cold")
    assert every_file(site.output) == cold_build(site, tmp_path)
    # And when the earlier address is taken away again, its page goes.
    edit(site, "content/de/r3.md", "formerly: alt\n", "")
    built(site)
    assert not site.exists(OLD)
    shutil.rmtree(tmp_path / "cold")
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_kept_pages_and_any_number_of_workers_give_a_cold_builds_bytes(site, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    build(site.root, site.output, search="off", jobs=2)
    add_formerly(site)
    build(site.root, site.output, search="off", jobs=2)
    assert site.exists(OLD) and site.exists("/en/releases/2023/old/")
    cold = cold_site(site, tmp_path)
    assert files_of(site.output) == cold
    shutil.rmtree(site.output)  # filled from the kept pages
    build(site.root, site.output, search="off", jobs=3)
    assert files_of(site.output) == cold


def test_the_preview_takes_an_added_earlier_address_by_a_full_build_and_a_title_edit_quickly(site, tmp_path) -> None:
    quick = start(site)
    path = site.root / "content/de/r3.md"
    edit(site, "content/de/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\nformerly: alt\n")
    assert quick_rebuild(quick, [path], site.output) is None, "a new page: the server makes a full build"
    quick = start(site)
    assert site.exists(OLD)
    edit(site, "content/de/r3.md", "title: Meldung 3", "title: Dritte Meldung")
    result = quick_rebuild(quick, [path], site.output)
    assert result is not None and not result.problems.items
    assert "Dritte Meldung" in site.page(OLD).text
    assert_same_as_full_build(site, tmp_path)


def test_the_preview_serves_an_earlier_address_added_while_it_runs(preview: Preview) -> None:
    """The server builds with the base URL ``/``: the address readers had is read against site.yaml's."""
    source = preview.root / SOURCE
    old = "https://international.baden-wuerttemberg.example/en/releases/2024/joint-declaration/"
    text = source.read_text(encoding="utf-8")
    _replace_by_rename(source, text.replace("\n---\n", f"\nformerly: {old}\n---\n", 1))
    earlier = "en/releases/2024/joint-declaration/"
    preview.wait_for("the page at the earlier address", lambda: preview.get(earlier)[0] == 200, timeout=120)
    page = preview.get(earlier)[1]
    assert f'<meta http-equiv="refresh" content="0; url=/{RELEASE}">' in page
    assert "This press release has moved" in page
    assert not preview.state()["errors"]
