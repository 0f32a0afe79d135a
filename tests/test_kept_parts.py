"""The kept model in two parts: a quick rebuild reads the model without every file's front
matter, and an edited release's other versions from their files; only a full build after an
edit reads the rest. Either way the folder is byte for byte a cold build's."""

from __future__ import annotations

import datetime
import io
import pickle
import re
import shutil
from pathlib import Path

import pytest

from pressroom.base.errors import Problems
from pressroom.preview import keptmodel, resume
from pressroom.source import frontmatter
from pressroom.source.config import CACHE_DIR, load_config

from .conftest import ScratchSite
from .test_incremental import TITLES, edit, fourteen_releases
from .test_resume import RESUMED, REUSED, built, cold_build, every_file, model_files


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def _front_matter_read(monkeypatch) -> list[str]:
    """The title of each front matter the build reads from now on."""
    titles: list[str] = []
    real = frontmatter.load_yaml

    def counted(text: str, first_line: int = 1) -> object:
        titles.extend(re.findall(r"^title: (.*)$", text, flags=re.MULTILINE))
        return real(text, first_line=first_line)

    monkeypatch.setattr(frontmatter, "load_yaml", counted)
    return titles


def test_a_quick_rebuild_reads_only_the_edited_release_of_all_the_front_matter(site, tmp_path, monkeypatch) -> None:
    built(site)
    _whole_refused(monkeypatch, "a quick rebuild")
    titles = _front_matter_read(monkeypatch)
    edit(site, "content/ja/r3.md", "Text 3 in ja.", "本文を改めました。")
    assert RESUMED in built(site)
    # The edited version, and its German and English siblings read again from their files.
    assert sorted(titles) == sorted(f"{TITLES[lang]} 3" for lang in ("de", "ja", "en"))
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_an_edit_of_the_front_matter_reads_the_rest_of_the_model_and_resumes(site, tmp_path, monkeypatch) -> None:
    built(site)
    asked = []
    real = keptmodel.Opened.whole

    def whole(self: keptmodel.Opened) -> keptmodel.KeptModel | None:
        asked.append(self)
        return real(self)

    monkeypatch.setattr(keptmodel.Opened, "whole", whole)
    edit(site, "content/de/r3.md", "summary: Summary 3 de", "summary: Neue Zusammenfassung")
    assert RESUMED in built(site)
    assert asked, "its fields compared with those the model has"
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)


def _whole_refused(monkeypatch, what: str) -> None:
    def whole(self: keptmodel.Opened) -> None:
        raise AssertionError(f"{what} read every file's front matter from the kept model")

    monkeypatch.setattr(keptmodel.Opened, "whole", whole)


def test_a_build_of_the_same_inputs_into_an_emptied_folder_reads_no_front_matter(site, tmp_path, monkeypatch) -> None:
    """It takes the model as it is and does not write it again: the front matter is of no use to it."""
    built(site)
    shutil.rmtree(site.root / CACHE_DIR / "pages")  # every page rendered, not linked
    shutil.rmtree(site.output)
    _whole_refused(monkeypatch, "a build of the same inputs")
    assert REUSED in built(site)
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)  # the model it left is whole
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_on_another_day_the_model_kept_again_holds_every_files_front_matter(site, tmp_path, monkeypatch) -> None:
    built(site)
    shutil.rmtree(site.output)
    monkeypatch.setattr(resume, "build_date", lambda: datetime.date(2999, 1, 1))
    assert REUSED in built(site)  # its pages another day's: the model is written again
    monkeypatch.undo()
    [model] = model_files(site.root)
    opened = keptmodel.load(model, load_config(site.root, Problems()))
    assert opened is not None and (whole := opened.whole()) is not None
    assert len(whole.site.sources) == len(list((site.root / "content").glob("*/**/*.md")))


def _cut_in_the_front_matter(site: ScratchSite) -> None:
    """Cut the kept model's file half way through its second part."""
    [model] = model_files(site.root)
    data = model.read_bytes()
    stream = io.BytesIO(data)
    stream.readline()  # the header
    stream.readline()  # the parts' checks
    keptmodel._Unpickler(stream).load()
    boundary = stream.tell()
    assert boundary < len(data), "the front matter follows the model"
    model.write_bytes(data[: boundary + (len(data) - boundary) // 2])


def test_a_model_whose_front_matter_is_cut_short_still_resumes_an_edit(site, tmp_path) -> None:
    built(site)
    _cut_in_the_front_matter(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_a_full_build_after_an_edit_reads_every_file_when_the_front_matter_is_cut_short(
    site, tmp_path, monkeypatch
) -> None:
    built(site)
    _cut_in_the_front_matter(site)
    edit(site, "content/de/r3.md", "date: 2024-04-04", "date: 2024-04-05")  # placing: a full build
    titles = _front_matter_read(monkeypatch)
    assert RESUMED not in built(site)
    assert len(titles) > 3, "no front matter taken from a damaged model: every file read again"
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)
    edit(site, "content/de/r3.md", "date: 2024-04-05", "date: 2024-04-04")  # agreeing again: no warning
    assert RESUMED not in built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)  # that clean full build left a whole model


@pytest.mark.parametrize("folder", ["/srv/site/content/de/2024", "relative/content", "/"])
def test_a_kept_path_reads_back_as_the_path_it_was(folder) -> None:
    # Read back through pathlib's shortcut where the Python has it: the same path in every way
    # the build uses one (equal, its text, its parts, its parent and name).
    original = Path(folder) / "kanagawa-partnerschaft.md"
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = keptmodel._reducers()
    pickler.dump([original, original.parent])
    found, parent = keptmodel._Unpickler(io.BytesIO(stream.getvalue())).load()
    assert found == original
    assert (str(found), found.parts, found.name, found.suffix) == (
        str(original),
        original.parts,
        original.name,
        original.suffix,
    )
    assert found.parent == parent == original.parent
    assert found.parent / "x" == original.parent / "x"
