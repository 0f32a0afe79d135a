"""Command-line builds resumed from the last build's model: after an edit to the text of
existing releases, `build.py` renders only the pages that show it, and leaves exactly the
folder, marker included, that a cold build of the same files leaves. Anything else builds
the whole site, as before."""

from __future__ import annotations

import datetime
import io
import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from pressroom.base import background
from pressroom.output import carryover, search
from pressroom.pages.plans import PagePlan
from pressroom.pipeline import building, rendering
from pressroom.pipeline.building import build
from pressroom.preview import incremental, keptmodel, resume
from pressroom.preview.headstart import MODELS_DIR
from pressroom.source import frontmatter
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT

from .conftest import ScratchSite
from .test_incremental import TEXT_EDITS, edit, fourteen_releases

RESUMED = "showing the edit rendered, the rest kept"


def model_files(root: Path) -> list[Path]:
    """The models kept in the cache folder of the site at ``root``, without the notes beside them."""
    return [path for path in (root / CACHE_DIR / MODELS_DIR).iterdir() if "." not in path.name]


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file of a built folder, its marker (inputs and what the build left) included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cold_build(site: ScratchSite, tmp_path: Path, search: bool = False) -> dict[str, bytes]:
    folder = tmp_path / "cold"
    build(site.root, folder, search="index" if search else "off")
    return every_file(folder)


def built(site: ScratchSite, search: bool = False) -> str:
    run = site.build(search=search)
    assert run.code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize(("name", "old", "new"), TEXT_EDITS)
def test_an_edit_resumes_and_leaves_the_bytes_of_a_cold_build(site, tmp_path, name, old, new) -> None:
    built(site)
    edit(site, name, old, new)
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)
    assert "nothing changed" in built(site)


def test_edits_in_a_row_each_resume_from_the_model_the_last_one_left(site, tmp_path) -> None:
    counted = built(site).split(" into ")[0]
    edit(site, "content/de/r2.md", "title: Meldung 2", "title: Zweite Meldung")
    assert RESUMED in built(site)
    edit(site, "content/de/r2.md", "Text 2 in de.", "Anderer Text.")
    edit(site, "content/ja/r2.md", "title: お知らせ 2", "title: 第二のお知らせ")
    edit(site, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    out = built(site)
    assert RESUMED in out
    assert out.startswith(counted + " into ")  # every page of the site is counted, not only those rendered
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_edits_are_applied_to_the_kept_model_again_until_there_are_many(site, tmp_path, monkeypatch) -> None:
    built(site)
    (model,) = model_files(site.root)
    written = model.read_bytes()
    since = model.with_name(f"{model.name}.since")
    edit(site, "content/de/r2.md", "title: Meldung 2", "title: Zweite Meldung")
    assert RESUMED in built(site)
    # The model stays as the full build left it; the record beside it names the edited file.
    assert model.read_bytes() == written and "r2.md" in since.read_text(encoding="utf-8")
    # A record naming a file that is not content is not followed: the whole site is built.
    record = json.loads(since.read_text(encoding="utf-8"))
    since.write_text(json.dumps({**record, "edited": {"/etc/passwd": "00"}}), encoding="utf-8")
    edit(site, "content/de/r2.md", "Text 2 in de.", "Anderer Text.")
    assert RESUMED not in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)
    written = model.read_bytes()
    edit(site, "content/de/r2.md", "title: Zweite Meldung", "title: Meldung 2")
    assert RESUMED in built(site)
    # Edited back as the model has it: the folder still showed the edit, and is rebuilt.
    edit(site, "content/de/r2.md", "title: Meldung 2", "title: Zweite Meldung")
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)
    monkeypatch.setattr(resume, "EDITS_APART", 1)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    edit(site, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    assert RESUMED in built(site)  # more files edited since the model than it takes: a new one is kept
    assert model.read_bytes() != written and not since.exists()
    edit(site, "content/en/r9.md", "summary: Nine", "summary: Neun")
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def rendered_count(out: str) -> int:
    return int(re.search(rf"\((\d+) {RESUMED}\)", out).group(1))


def test_a_rebuild_renders_only_the_pages_of_files_changed_since_the_last_one(site, tmp_path) -> None:
    alone = ScratchSite(tmp_path / "alone", tmp_path / "alone-out")
    alone.write(fourteen_releases())
    built(alone)
    edit(alone, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    pages_of_r9 = rendered_count(built(alone))
    built(site)
    edit(site, "content/de/r2.md", "Text 2 in de.", "Anderer Text.")
    assert rendered_count(built(site)) > 0
    # Applied to the model again, the edit of r2 is already in the folder: only r9's pages are new.
    edit(site, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    assert rendered_count(built(site)) == pages_of_r9
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_an_updated_date_edited_back_leaves_the_sitemap_of_a_cold_build(site, tmp_path) -> None:
    built(site)
    edit(site, "content/en/r7.md", "date: 2024-08-08\n", "date: 2024-08-08\nupdated: 2024-09-01\n")
    assert RESUMED in built(site)
    # The model has no such date; the folder's sitemap does, and must lose it again.
    edit(site, "content/en/r7.md", "updated: 2024-09-01\n", "")
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_a_record_of_edits_not_written_or_damaged_means_a_full_build(site, tmp_path, monkeypatch) -> None:
    built(site)
    real_write = resume.write_whole

    def full_disk(path: Path, data: bytes) -> None:
        if path.name.endswith(".since"):
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(resume, "write_whole", full_disk)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)
    monkeypatch.undo()
    edit(site, "content/de/r3.md", "Anders.", "Wieder anders.")
    assert RESUMED not in built(site)  # the folder is neither the model's nor recorded beside it
    assert every_file(site.output) == cold_build(site, tmp_path)
    (model,) = model_files(site.root)
    edit(site, "content/de/r3.md", "Wieder anders.", "Noch einmal.")
    assert RESUMED in built(site)
    model.with_name(f"{model.name}.since").write_text('{"model": "x"', encoding="utf-8")
    edit(site, "content/de/r3.md", "Noch einmal.", "Zum letzten Mal.")
    assert RESUMED not in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def _add_release(site: ScratchSite) -> None:
    site.write({"content/de/r99.md": "---\ntitle: Neu\ndate: 2024-05-05\nsummary: Neu\n---\n\nNeu.\n"})


def _remove_release(site: ScratchSite) -> None:
    (site.root / "content/en/r1.md").unlink()


def _edit_partner(site: ScratchSite) -> None:
    edit(site, "content/partners/ontario.yaml", "since: 1990", "since: 1991")


def _edit_template(site: ScratchSite) -> None:
    site.write({"templates/robots.txt": "User-agent: *\nDisallow:\n"})


def _edit_settings(site: ScratchSite) -> None:
    edit(site, "site.yaml", "per_page: 3", "per_page: 4")


def _move_a_release(site: ScratchSite) -> None:
    edit(site, "content/de/r3.md", "date: 2024-04-04", "date: 2024-04-05")


def _mark_untranslated(site: ScratchSite) -> None:
    edit(site, "content/en/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\nuntranslated: true\n")


@pytest.mark.parametrize(
    "change",
    [_add_release, _remove_release, _edit_partner, _edit_template, _edit_settings, _move_a_release],
)
def test_other_changes_build_the_whole_site(site, tmp_path, change) -> None:
    built(site)
    change(site)
    out = built(site)
    assert RESUMED not in out
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_an_edit_that_a_full_build_warns_about_is_built_whole_and_warned_about(site, tmp_path) -> None:
    built(site)
    _mark_untranslated(site)
    run = site.build()
    assert run.code == 0
    assert RESUMED not in run.stdout
    assert "content/en/r3.md:" in run.stderr and "untranslated" in run.stderr
    assert "1 warning(s)" in run.stdout
    files = every_file(site.output)
    assert files == cold_build(site, tmp_path)
    # A build with warnings is not skipped next time, and keeps no model to resume from.
    assert not list(model_files(site.root))
    again = site.build()
    assert RESUMED not in again.stdout and "untranslated" in again.stderr


def test_an_edit_with_an_error_fails_whole_and_changes_nothing(site) -> None:
    built(site)
    before = every_file(site.output)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Siehe [fehlt](missing.md).")
    run = site.build()
    assert run.code == 1
    assert "content/de/r3.md:" in run.stderr and "missing" in run.stderr
    assert every_file(site.output) == before


def test_a_folder_changed_by_hand_is_built_whole(site, tmp_path) -> None:
    built(site)
    (site.output / "en" / "index.html").unlink()
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED not in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_the_folder_listing_is_awaited_only_when_the_pages_are_ready_to_be_written(site, monkeypatch) -> None:
    built(site)
    steps: list[str] = []
    render, result = incremental.render_range, background.Background.result
    monkeypatch.setattr(incremental, "render_range", lambda *args: steps.append("rendered") or render(*args))
    monkeypatch.setattr(background.Background, "result", lambda work: steps.append("waited") or result(work))
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)
    assert steps[-2:] == ["rendered", "waited"]  # the hashes were taken first, the listing last


def test_a_folder_built_since_by_another_way_is_built_whole(site, tmp_path) -> None:
    """A build that keeps no model (here: the pipeline called directly) leaves the kept model
    behind the folder; it is not used."""
    built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    build(site.root, site.output, search="off")
    edit(site, "content/de/r4.md", "Text 4 in de.", "Auch anders.")
    assert RESUMED not in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_two_output_folders_keep_their_own_models(site, tmp_path) -> None:
    other = ScratchSite(site.root, tmp_path / "other")
    built(site)
    built(other)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)
    assert RESUMED in built(other)
    assert every_file(site.output) == every_file(other.output) == cold_build(site, tmp_path)


class _Planted:
    """Unpickled with the standard unpickler, this would create a file."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.target), "w"))


@pytest.mark.parametrize("damage", ["planted", "truncated", "other_format"])
def test_a_planted_or_damaged_model_runs_nothing_and_builds_whole(site, tmp_path, damage) -> None:
    built(site)
    [model] = model_files(site.root)
    data = model.read_bytes()
    header = data[: data.index(b"\n") + 1]
    target = tmp_path / "created-by-the-model"
    if damage == "planted":
        model.write_bytes(header + pickle.dumps(_Planted(target)))
    elif damage == "truncated":
        model.write_bytes(data[: len(data) // 2])
    else:
        model.write_bytes(b"pressroom model 0\n" + data[len(header) :])
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED not in built(site)
    assert not target.exists()
    assert every_file(site.output) == cold_build(site, tmp_path)
    edit(site, "content/de/r3.md", "Anders.", "Wieder anders.")
    assert RESUMED in built(site)  # the full build left a good model again


def test_a_write_that_fails_half_way_leaves_a_folder_that_is_built_whole(site, tmp_path, monkeypatch) -> None:
    """The marker loses its record before the first page is replaced: a failure part way
    through never leaves a folder that the next build takes for finished."""
    built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    real_replace = os.replace
    calls = []

    def failing_replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".new"):
            calls.append(target)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    run = site.build()
    monkeypatch.undo()
    assert run.code == 0, run.stderr
    assert len(calls) == 2
    assert RESUMED not in run.stdout  # it went on with a full build
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_the_model_is_not_read_with_another_option(site, tmp_path) -> None:
    built(site)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    run = site.run("--source", str(site.root), "--output", str(site.output), "--no-search", "--drafts")
    assert run.code == 0 and RESUMED not in run.stdout


def test_a_build_as_if_at_another_moment_neither_keeps_nor_reads_a_model(site) -> None:
    assert site.build("--now", "2024-07-17T10:00+09:00").code == 0
    assert not (site.root / CACHE_DIR / MODELS_DIR).exists()
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED not in built(site)
    edit(site, "content/de/r3.md", "Anders.", "Wieder anders.")
    run = site.build("--now", "2024-07-17T10:00+09:00")
    assert run.code == 0 and RESUMED not in run.stdout


def test_only_the_models_own_classes_are_read_back() -> None:
    unpickler = keptmodel._Unpickler.__new__(keptmodel._Unpickler)
    assert unpickler.find_class("pressroom.pipeline.loading", "Site") is keptmodel.Site
    for module, name in [
        ("builtins", "open"),
        ("os", "system"),
        ("pressroom.base.files", "write_whole"),  # a function of ours
        ("pressroom.output.writer", "StagedSite"),  # a class of ours, not data
        ("pressroom.pipeline.loading", "Site.__init__"),
    ]:
        with pytest.raises(pickle.UnpicklingError):
            unpickler.find_class(module, name)


def test_the_paths_of_a_kept_model_read_back_as_they_were_written() -> None:
    paths = [Path("/"), Path("/site"), Path("/site/content/de/a.md"), Path("/site/content/de/b.md")]
    paths += [Path("content/ja/c.md"), Path("c.md"), Path("."), Path("/site/content/de/a.md")]
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = keptmodel._reducers()
    pickler.dump(paths)
    back = keptmodel._Unpickler(io.BytesIO(stream.getvalue())).load()
    assert back == paths and {type(path) for path in back} == {type(Path())}


class _Killed(BaseException):
    """The process ending between two pages (a power cut, SIGKILL)."""


def test_a_rewrite_cut_short_is_never_taken_for_a_finished_build(site, tmp_path, monkeypatch) -> None:
    """Cut short after the first page, then the edit undone (same length, so no file changes
    size): the folder holds a page of the undone edit, and must not pass for the unedited site."""
    built(site)
    path = edit(site, "content/de/r3.md", "Text 3 in de.", "Tixt 3 in de.")
    real_replace = os.replace

    def killed_after_one_page(source: str | Path, target: str | Path) -> None:
        real_replace(source, target)
        if str(source).endswith(".new"):
            raise _Killed

    monkeypatch.setattr(os, "replace", killed_after_one_page)
    with pytest.raises(_Killed):
        site.build()
    monkeypatch.undo()
    path.write_text(path.read_text(encoding="utf-8").replace("Tixt 3", "Text 3"), encoding="utf-8")
    assert "nothing changed" not in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_with_the_search_index_an_edit_resumes_and_the_index_is_made_anew(site, tmp_path) -> None:
    built(site, search=True)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Ein Quokka besucht Stuttgart.")
    out = built(site, search=True)
    assert RESUMED in out and "search index" in out
    files = every_file(site.output)
    assert files == cold_build(site, tmp_path, search=True)
    assert any(name.startswith("pagefind/") for name in files)
    assert not [p for p in site.output.parent.iterdir() if p.name.startswith(".")]  # nothing left beside it
    # Readable by a web server running as another user, as after a full build.
    assert {oct(p.stat().st_mode & 0o777) for p in site.output.rglob("*") if p.is_dir()} == {"0o755"}


def test_a_search_index_that_fails_leaves_the_folder_as_it_was(site, tmp_path, monkeypatch) -> None:
    built(site, search=True)
    before = every_file(site.output)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda: failing)
    run = site.build(search=True)
    assert run.code == 1
    assert "Pagefind failed: out of memory" in run.stderr
    assert every_file(site.output) == before
    assert not [p for p in site.output.parent.iterdir() if p.name.startswith(".")]


def test_a_full_build_reads_again_only_the_front_matter_that_changed(site, tmp_path, monkeypatch) -> None:
    _edit_template(site)  # the site has templates of its own
    built(site)
    site.write({"templates/robots.txt": "User-agent: *\nAllow: /\n"})  # every page rendered again
    edit(site, "content/de/r3.md", "date: 2024-04-04", "date: 2024-04-05")  # placing: a full build
    read = []
    real = frontmatter.load_yaml

    def counted(text: str, first_line: int = 1) -> object:
        read.append(text)
        return real(text, first_line=first_line)

    monkeypatch.setattr(frontmatter, "load_yaml", counted)
    out = built(site)
    assert RESUMED not in out
    front_matter = [text for text in read if "title:" in text]
    # The edited file's only (tried against the kept model first, then read by the full build).
    assert front_matter and all("date: 2024-04-05" in text for text in front_matter)
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_front_matter_is_checked_again_when_a_partner_it_names_is_gone(site) -> None:
    built(site)
    (site.root / "content/partners/ontario.yaml").unlink()
    run = site.build()
    assert run.code == 1
    named = sorted({line.split(":")[0] for line in run.stderr.splitlines() if "ontario" in line})
    expected = sorted(
        f"content/{path.parent.name}/{path.name}"
        for path in (site.root / "content").glob("*/r*.md")
        if "ontario" in path.read_text(encoding="utf-8")
    )
    assert named == expected and expected


REUSED = "content unchanged since the last build: not read again"


def not_loaded(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the site was loaded again")

    monkeypatch.setattr(building, "load_site", refuse)


def test_a_build_into_an_emptied_folder_takes_the_model_of_the_same_inputs(site, tmp_path, monkeypatch) -> None:
    built(site)
    (model,) = model_files(site.root)
    written = model.read_bytes()
    shutil.rmtree(site.output)
    not_loaded(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert model.read_bytes() == written  # the model is this build's own: not written again
    assert every_file(site.output) == cold_build(site, tmp_path)
    assert "nothing changed" in built(site)


def test_the_site_named_from_another_folder_takes_the_same_model(site, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(site.root.parent)
    run = site.run("--source", site.root.name, "--output", str(site.output), "--no-search")
    assert run.code == 0, run.stderr
    shutil.rmtree(site.output)
    assert REUSED in built(site)  # named by its absolute path this time
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_edits_undone_in_an_emptied_folder_take_the_model_and_drop_the_record(site, tmp_path, monkeypatch) -> None:
    built(site)
    (model,) = model_files(site.root)
    since = model.with_name(f"{model.name}.since")
    edit(site, "content/de/r3.md", "Text 3 in de.", "Anders.")
    assert RESUMED in built(site)
    assert since.is_file()
    edit(site, "content/de/r3.md", "Anders.", "Text 3 in de.")  # as the model has it again
    shutil.rmtree(site.output)
    not_loaded(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert not since.exists()  # the folder is the model's own again
    assert every_file(site.output) == cold_build(site, tmp_path)
    edit(site, "content/de/r4.md", "Text 4 in de.", "Auch anders.")
    assert RESUMED in built(site)
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_a_changed_option_moment_or_setting_reads_the_site_again(site) -> None:
    built(site)
    shutil.rmtree(site.output)
    assert REUSED not in built(site, search=True)  # another option: another model
    shutil.rmtree(site.output)
    run = site.build("--now", "2024-07-17T10:00+09:00")
    assert run.code == 0 and REUSED not in run.stdout
    shutil.rmtree(site.output)
    site.write({"site.yaml": "languages: [de, ja, en]\nper_page: 4\nhome_count: 2\n"})
    assert REUSED not in built(site)


def test_a_template_or_catalog_edit_takes_the_model_and_makes_every_view(site, tmp_path, monkeypatch) -> None:
    """The model is the content's: only rendering reads templates and catalogs."""
    locales = shutil.copytree(PROJECT_ROOT / "locales", site.root / "locales")  # the site's own catalogs
    _edit_template(site)  # and templates
    built(site)
    site.write({"templates/robots.txt": "User-agent: *\nAllow: /\n"})
    not_loaded(monkeypatch)
    made = views_counted(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert len(made) > 14 * 3  # the pages' recorded digests were the old templates'
    assert every_file(site.output) == cold_build(site, tmp_path)
    catalog = next(locales.glob("de/**/*.po"))
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Startseite"', 'msgstr "Start"', 1))
    not_loaded(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)
    rebuilt_from_the_kept_pages(site, tmp_path, monkeypatch)  # kept again with the new digests


def views_counted(monkeypatch, fail: bool = False) -> list[str]:
    made: list[str] = []
    real = PagePlan.realise

    def counted(plan: PagePlan, problems: object) -> object:
        if fail:
            raise AssertionError(f"a view was made for {plan.url}")
        made.append(plan.url)
        return real(plan, problems)

    monkeypatch.setattr(PagePlan, "realise", counted)
    return made


def rebuilt_from_the_kept_pages(site: ScratchSite, tmp_path: Path, monkeypatch) -> None:
    """A build into the emptied folder takes the kept model and links every page as kept, making
    no view, and leaves a cold build's bytes."""
    shutil.rmtree(site.output)
    views_counted(monkeypatch, fail=True)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_pages_of_the_taken_model_are_linked_without_making_their_views(site, tmp_path, monkeypatch) -> None:
    built(site)
    rebuilt_from_the_kept_pages(site, tmp_path, monkeypatch)


def test_a_page_gone_from_the_cache_is_rendered_again_from_its_view(site, tmp_path, monkeypatch) -> None:
    built(site)
    kept = site.root / CACHE_DIR / "pages"
    page = site.output / "en" / "index.html"
    (gone,) = [path for path in kept.iterdir() if path.stat().st_ino == page.stat().st_ino]
    gone.unlink()
    shutil.rmtree(site.output)
    made = views_counted(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert made == ["en/"]
    assert every_file(site.output) == cold_build(site, tmp_path)


def test_with_every_kept_page_gone_the_pages_are_rendered_and_kept_under_their_recorded_digests(
    site, tmp_path, monkeypatch
) -> None:
    """The cache's pages removed (or never kept there), the model and the day the same: every
    page is rendered from its view, but its digest is the one the last build recorded for it,
    not pickled and hashed again; the next build into an emptied folder links every page."""
    built(site)
    shutil.rmtree(site.root / CACHE_DIR / "pages")
    shutil.rmtree(site.output)

    def not_digested(view: object) -> bytes:
        raise AssertionError("a view was pickled for a digest already recorded")

    monkeypatch.setattr(carryover, "view_bytes", not_digested)
    made = views_counted(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert len(made) > 14 * 3
    assert every_file(site.output) == cold_build(site, tmp_path)
    rebuilt_from_the_kept_pages(site, tmp_path, monkeypatch)


def test_on_another_day_the_pages_of_the_taken_model_have_their_views_made(site, tmp_path, monkeypatch) -> None:
    built(site)
    shutil.rmtree(site.output)
    monkeypatch.setattr(resume, "build_date", lambda: datetime.date(2999, 1, 1))
    made = views_counted(monkeypatch)
    assert REUSED in built(site)
    monkeypatch.undo()
    assert len(made) > 14 * 3  # every page's view, not only those not kept
    assert every_file(site.output) == cold_build(site, tmp_path)
    shutil.rmtree(site.output)
    views_counted(monkeypatch, fail=True)  # the model was kept again with this day's digests
    assert REUSED in built(site)


def test_a_builds_model_is_let_go_at_the_next_build_not_as_it_returns(site, tmp_path) -> None:
    """The command line ends without freeing the model (build.py): it is held until then, and a
    process that builds again (the tests, a script) lets the last one go when it does."""
    first = resume.build_resuming(site.root, tmp_path / "one", search="off")
    assert first.rendered is None  # not handed to the caller, who asked for no model
    rendered, _ = resume._RETAINED
    assert isinstance(rendered, rendering.RenderedSite)
    assert {plan.url for plan in rendered.plans if plan.is_html} >= {"de/", "en/", "ja/"}
    resume.build_resuming(site.root, tmp_path / "two", search="off")
    assert len(resume._RETAINED) == 2
    assert all(held is not rendered for held in resume._RETAINED)
