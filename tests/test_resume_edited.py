"""A full build after an edit (into an emptied folder, or one a quick rebuild cannot resume)
takes the last build's model with the edited files applied, as a quick rebuild applies them,
instead of reading the whole site again; only the pages that show the edit have their views
made. The folder it leaves is a cold build's, byte for byte, and the model is kept again."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from pressroom.preview import incremental, resume

from .conftest import ScratchSite
from .test_incremental import TEXT_EDITS, edit, fourteen_releases
from .test_resume import (
    RESUMED,
    REUSED,
    built,
    cold_build,
    every_file,
    not_loaded,
    rebuilt_from_the_kept_pages,
    views_counted,
)

EDITED = "edited file(s) read into it"


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


@pytest.mark.parametrize(("name", "old", "new"), TEXT_EDITS)
def test_a_build_into_an_emptied_folder_after_an_edit_reads_only_the_edited_file(
    site, tmp_path, monkeypatch, name, old, new
) -> None:
    everything = built(site).split(" into ")[0]
    edit(site, name, old, new)
    shutil.rmtree(site.output)
    not_loaded(monkeypatch)
    made = views_counted(monkeypatch)
    out = built(site)
    monkeypatch.undo()
    assert f"1 {EDITED}" in out and out.startswith(everything + " into ")
    assert every_file(site.output) == cold_build(site, tmp_path)
    # Only the pages that show the edit had their views made: the rest were linked as kept.
    assert 0 < len(made) < 14 * 3 / 2
    assert any(Path(name).stem in url for url in made)  # the edited release's or page's own
    # The model of the edited site is kept: the next build into an emptied folder makes no view.
    rebuilt_from_the_kept_pages(site, tmp_path, monkeypatch)


def test_several_edits_and_a_second_round_each_apply_to_the_model_the_last_left(site, tmp_path, monkeypatch) -> None:
    built(site)
    edit(site, "content/de/r2.md", "title: Meldung 2", "title: Zweite Meldung")
    edit(site, "content/ja/r2.md", "Text 2 in ja.", "別の本文。")
    shutil.rmtree(site.output)
    not_loaded(monkeypatch)
    assert f"2 {EDITED}" in built(site)
    edit(site, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    shutil.rmtree(site.output)
    assert f"1 {EDITED}" in built(site)
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("content/de/r3.md", "date: ", "date: 2023-01-0"),  # a field that places the release
        ("content/en/pages/about.md", "title: ", "title: New "),  # a page's title is in every page's navigation
    ],
)
def test_an_edit_that_moves_what_pages_show_reads_the_site_whole(site, tmp_path, name, old, new) -> None:
    built(site)
    text = (site.root / name).read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(old))
    edit(site, name, line, line.replace(old, new, 1) if "date" not in old else "date: 2023-01-05")
    shutil.rmtree(site.output)
    out = built(site)
    assert EDITED not in out and REUSED not in out
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_an_edit_with_a_broken_link_fails_as_a_full_build_fails(site, tmp_path) -> None:
    built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Siehe [hier](nirgends.md).")
    shutil.rmtree(site.output)
    run = site.build()
    assert run.code != 0
    assert "content/de/r3.md:" in run.stderr and "nirgends.md" in run.stderr
    assert not site.output.exists()  # nothing half-built
    edit(site, "content/de/r3.md", "Siehe [hier](nirgends.md).", "Repariert.")
    out = built(site)
    assert f"1 {EDITED}" in out  # the failed build left the model as the last clean build kept it
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_on_another_day_the_edited_model_has_every_view_made(site, tmp_path, monkeypatch) -> None:
    built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    shutil.rmtree(site.output)
    for module in (resume, incremental):
        monkeypatch.setattr(module, "build_date", lambda: datetime.date(2999, 1, 1))
    made = views_counted(monkeypatch)
    assert f"1 {EDITED}" in built(site)
    monkeypatch.undo()
    assert len(made) > 14 * 3  # the recorded digests are another day's: every view is made
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_a_folder_changed_by_hand_after_an_edit_takes_the_edited_model(site, tmp_path, monkeypatch) -> None:
    built(site)
    (site.output / "de" / "index.html").write_text("changed by hand", encoding="utf-8")
    edit(site, "content/en/r1.md", "summary: Summary 1 en", "summary: A better summary")
    not_loaded(monkeypatch)
    out = built(site)
    monkeypatch.undo()
    assert f"1 {EDITED}" in out and RESUMED not in out
    assert every_file(site.output) == cold_build(site, tmp_path)
