"""The head start of a command-line build: its inputs hashed and its folder listed in processes
of their own while the engine loads, handed to that build only, and never a process left
behind or a word printed by it."""

from __future__ import annotations

import py_compile
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressroom.base.errors import Problems
from pressroom.buildargs import head_start
from pressroom.output.folder import intact_files
from pressroom.pipeline import building
from pressroom.preview import headstart, resume
from pressroom.preview.headstart import MODELS_DIR
from pressroom.preview.resume import build_resuming
from pressroom.source.config import CACHE_DIR, TEMPLATES_DIR, load_config
from pressroom.source.inputs import build_options, site_hashes

from .conftest import PROJECT, ScratchSite
from .test_incremental import fourteen_releases
from .test_resume import RESUMED, cold_build, every_file


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def children() -> set[int]:
    """The processes this one started that are still there (ended but not waited for included)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


def argv(site: ScratchSite, *more: str) -> list[str]:
    return ["--source", str(site.root), "--output", str(site.output), "--no-search", *more]


def test_a_build_into_a_folder_a_build_left_gets_what_it_would_find_itself(site) -> None:
    assert site.build().code == 0
    before = children()
    head = head_start(argv(site))
    assert head is not None
    # The hashing, the listing and the reading ahead (see the last test), each in a process of its own.
    assert len(children() - before) == 3
    config = load_config(site.root.absolute(), Problems())
    options = build_options(config, drafts=False, search="off")
    taken = head.take(site.root.absolute(), site.output, options)
    assert taken is not None
    hashes, listing = taken
    assert hashes == site_hashes(config, options)
    assert listing.result() == intact_files(site.output) is not None
    assert children() == before
    assert head.take(site.root.absolute(), site.output, options) is None  # given once


@pytest.mark.parametrize(
    "other",
    [
        {"drafts": True},
        {"search": "index"},
    ],
)
def test_another_build_does_not_get_it_and_the_work_is_stopped(site, other) -> None:
    assert site.build().code == 0
    before = children()
    head = head_start(argv(site))
    assert head is not None
    config = load_config(site.root.absolute(), Problems())
    options = build_options(config, **{"drafts": False, "search": "off", **other})
    assert head.take(site.root.absolute(), site.output, options) is None
    assert children() == before


def test_the_build_begun_reads_its_settings_once_another_reads_its_own(site, monkeypatch) -> None:
    assert site.build().code == 0
    before = children()
    head = head_start(argv(site, "--base-url", "https://example.org/presse/"))
    assert head is not None
    root = site.root.absolute()
    assert head.config_for(root, "https://example.org/presse/") is head.config
    assert head.config.base_url == "https://example.org/presse/"
    assert head.config_for(root, None) is None  # the settings' own address: read again
    assert head.config_for(site.output.absolute(), "https://example.org/presse/") is None
    read: list[Path] = []
    monkeypatch.setattr(resume, "load_config", lambda root, *args, **kwargs: read.append(root))
    result = build_resuming(root, site.output, base_url="https://example.org/presse/", search="off", head=head)
    assert not result.problems.items
    assert read == []
    assert children() == before


def test_a_build_that_ends_before_it_asks_leaves_no_process_behind(site) -> None:
    assert site.build().code == 0
    before = children()
    head = head_start(argv(site))
    assert head is not None and children() != before
    head.cancel()
    assert children() == before


def test_hashing_that_fails_leaves_the_work_to_the_build(site, monkeypatch) -> None:
    assert site.build().code == 0

    def fails(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(site.root / "content"))

    monkeypatch.setattr(headstart, "site_hashes", fails)
    before = children()
    head = head_start(argv(site))
    assert head is not None
    config = load_config(site.root.absolute(), Problems())
    assert head.take(site.root.absolute(), site.output, build_options(config, False, "off")) is None
    assert children() == before


@pytest.mark.parametrize(
    "more",
    [
        (),  # no build yet: nothing to compare the inputs with
        ("--now", "2024-07-17T10:00+09:00"),  # a build as if at another moment compares nothing
        ("--no-such-option",),
        ("--jobs", "none"),
    ],
)
def test_no_head_start_where_the_build_would_not_look_and_not_a_word_said(site, capfd, more) -> None:
    if more:
        assert site.build().code == 0
        capfd.readouterr()
    before = children()
    assert head_start(argv(site, *more)) is None
    assert children() == before
    assert capfd.readouterr() == ("", "")


def test_no_head_start_for_a_folder_the_build_refuses(site, capfd) -> None:
    assert site.build().code == 0
    capfd.readouterr()
    inside = ["--source", str(site.root), "--output", str(site.root / "content" / "out")]
    assert head_start(inside) is None
    assert capfd.readouterr() == ("", "")


def test_build_py_after_an_edit_resumes_with_its_head_start_and_leaves_a_cold_builds_bytes(site, tmp_path) -> None:
    command = [sys.executable, str(PROJECT / "build.py"), *argv(site)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    release = next((site.root / "content" / "de").rglob("*.md"))
    release.write_text(release.read_text(encoding="utf-8") + "\nEin weiterer Satz.\n", encoding="utf-8")
    again = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert RESUMED in again.stdout
    assert every_file(site.output) == cold_build(site, tmp_path)
    unchanged = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert "nothing changed since the last build" in unchanged.stdout


def test_a_cold_build_that_may_take_the_kept_model_gets_the_hashes_begun(site, monkeypatch) -> None:
    # The output removed, the model kept: the build compares the inputs with that model, so
    # they are hashed beside the engine's loading, with no folder to list.
    assert site.build().code == 0
    shutil.rmtree(site.output)
    before = children()
    head = head_start(argv(site))
    assert head is not None
    # The hashing, the reading ahead and the output's folders made ahead, with no folder to list.
    assert len(children() - before) == 3
    config = load_config(site.root.absolute(), Problems())
    options = build_options(config, drafts=False, search="off")
    hashes = site_hashes(config, options)

    def hashed_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build hashed its inputs itself")

    monkeypatch.setattr(resume, "site_hashes", hashed_again)
    result = build_resuming(site.root, site.output, search="off", head=head)
    assert result.reused and result.hashes == hashes
    assert children() == before
    # Without a kept model there is nothing to compare the inputs with: no head start.
    shutil.rmtree(site.output)
    shutil.rmtree(site.root / CACHE_DIR / MODELS_DIR)
    assert head_start(argv(site)) is None
    assert children() == before


def test_a_head_start_without_a_listing_asked_for_one_leaves_no_process_behind(site) -> None:
    # Begun for an emptied folder (the hashing alone); a build that then finds a marker there
    # (another build finished meanwhile) asks for hashes and listing: it gets neither, and the
    # hashing is stopped, not left running.
    assert site.build().code == 0
    shutil.rmtree(site.output)
    before = children()
    head = head_start(argv(site))
    assert head is not None and children() != before
    config = load_config(site.root.absolute(), Problems())
    assert head.take(site.root.absolute(), site.output, build_options(config, False, "off")) is None
    assert children() == before


def test_a_head_start_reads_ahead_what_the_build_reads_before_its_workers_start(site, tmp_path, monkeypatch) -> None:
    # Where the system's file cache has let them go, the build would wait on the disk for each
    # in turn while it loads: the kept model, the compiled templates and the engine's bytecode.
    record = tmp_path / "read-ahead.txt"

    def recording(paths: list[str]) -> int:  # runs in the forked process: it writes down its list
        written = record.with_suffix(".part")
        written.write_text("\n".join(paths), encoding="utf-8")
        written.rename(record)
        return len(paths)

    monkeypatch.setattr(headstart, "read_ahead", recording)
    # Where no bytecode is written (PYTHONDONTWRITEBYTECODE, as on CI), there is one to read ahead all the same.
    bytecode = py_compile.compile(building.__file__, doraise=True)
    assert site.build().code == 0
    shutil.rmtree(site.output)
    before = children()
    head = head_start(argv(site))
    assert head is not None
    for _ in range(1000):  # the hashing taken, the reading is ended, done or not: wait for it here
        if record.exists():
            break
        time.sleep(0.01)
    config = load_config(site.root.absolute(), Problems())
    head.hashes(site.root.absolute(), site.output, build_options(config, drafts=False, search="off"))
    # The reading ended with the hashing taken; the output's folders made ahead wait for the build.
    assert len(children() - before) == 1
    head.cancel()
    assert children() == before
    listed = set(record.read_text(encoding="utf-8").splitlines())
    compiled = {str(p) for p in (site.root / CACHE_DIR / TEMPLATES_DIR).rglob("*") if p.is_file()}
    assert str(headstart.kept_file(config, site.output)) in listed
    assert compiled and compiled <= listed
    assert str(PROJECT / "templates" / "base.html") in listed
    assert bytecode in listed
    assert all(Path(path).is_file() for path in listed)
