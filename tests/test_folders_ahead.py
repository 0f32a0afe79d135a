"""The output's folders made ahead: a build into an emptied output finds its page folders made
by a process of its own while it loaded, keeps none it does not use, leaves nothing beside the
output when it fails, and writes the same bytes as a build that made them itself."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pressroom.buildargs import head_start
from pressroom.buildcli import main as build_main
from pressroom.output import ahead as ahead_module
from pressroom.output.ahead import FoldersAhead, folders_file
from pressroom.output.folder import LEFT_OVER_AGE, is_held, remove_staging
from pressroom.output.render import OutputFile
from pressroom.output.writer import StagedSite

from .conftest import ScratchSite
from .test_headstart import argv, children
from .test_incremental import fourteen_releases
from .test_resume import cold_build, every_file, model_files


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def record_of(site: ScratchSite) -> Path:
    (model,) = model_files(site.root)
    return folders_file(model)


def recorded(site: ScratchSite) -> list[str]:
    return record_of(site).read_bytes().decode().split("\0")


def folders(output: Path) -> set[str]:
    return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_dir()}


def beside(output: Path) -> list[str]:
    """Staging folders left beside the output (``.out.xxxxxxxx``)."""
    return [entry.name for entry in output.parent.iterdir() if entry.name.startswith(f".{output.name}.")]


def mkdirs_counted(monkeypatch) -> list[str]:
    """The folders this process makes from here on (a forked process's are not seen)."""
    made: list[str] = []
    real = os.mkdir

    def counting(path, *args, **kwargs):
        made.append(os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", counting)
    return made


def wait_for_the_end_of(pids: set[int]) -> None:
    """Until each of ``pids`` has ended (not yet waited for: a zombie)."""
    for _ in range(2000):
        if all(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z" for pid in pids):
            return
        time.sleep(0.005)
    raise AssertionError("the folders were not made in ten seconds")


def built_with_its_head_start_done(site: ScratchSite, *more: str) -> int:
    """A build whose head start has done all its work (its folders made ahead among it) before
    the build asks for it, as at a thousand releases, where loading the engine takes longer."""
    given = argv(site, *more)
    before = children()
    head = head_start(given)
    wait_for_the_end_of(children() - before)
    return build_main(given, head=head)


def test_a_build_records_its_folders_and_the_next_into_an_emptied_output_finds_them_made(
    site, tmp_path, monkeypatch
) -> None:
    assert site.build().code == 0
    listed = recorded(site)
    assert listed == sorted(folders(site.output))
    assert any("/releases/" in folder for folder in listed)
    shutil.rmtree(site.output)
    made = mkdirs_counted(monkeypatch)
    before = children()
    assert built_with_its_head_start_done(site, "--jobs", "1") == 0
    # Rendered here (one job): not one page's folder was made by this process.
    assert not [path for path in made if "/releases/" in path]
    assert children() == before and not beside(site.output)
    assert every_file(site.output) == cold_build(site, tmp_path)
    assert recorded(site) == listed


def test_folders_no_page_lies_in_any_more_are_not_left_empty(site, tmp_path) -> None:
    assert site.build().code == 0
    gone = sorted((site.root / "content" / "de").rglob("*.md"))[0]
    listed = set(recorded(site))
    shutil.rmtree(site.output)
    gone.unlink()
    assert site.build().code == 0
    assert every_file(site.output) == cold_build(site, tmp_path)
    assert not [path for path in site.output.rglob("*") if path.is_dir() and not any(path.iterdir())]
    # The record follows the site: the folder of the release deleted is no longer made ahead.
    assert set(recorded(site)) == folders(site.output) < listed


@pytest.mark.parametrize(
    "record",
    [
        b"de\0../../escaped\0de/x",
        b"/abs\0de",
        b"\xff\xfe not text",
        b"",
        b"de/releases/deep/er\0de",  # a folder before the one above it: stopped there
    ],
)
def test_a_damaged_record_makes_nothing_outside_and_changes_no_byte(site, tmp_path, record) -> None:
    assert site.build().code == 0
    record_of(site).write_bytes(record)
    shutil.rmtree(site.output)
    assert site.build().code == 0
    assert every_file(site.output) == cold_build(site, tmp_path)
    assert not (tmp_path / "escaped").exists() and not Path("/abs").exists()
    assert not beside(site.output)
    assert recorded(site) == sorted(folders(site.output))


def test_a_build_that_fails_or_ends_before_it_asks_leaves_nothing_beside_the_output(site) -> None:
    assert site.build().code == 0
    shutil.rmtree(site.output)
    release = sorted((site.root / "content" / "de").rglob("*.md"))[0]
    release.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    before = children()
    failed = site.build()
    assert failed.code != 0 and str(release.name) in failed.stderr
    assert not site.output.exists() and not beside(site.output)
    assert children() == before
    head = head_start(argv(site))
    assert head is not None
    head.cancel()
    assert not beside(site.output) and children() == before


def test_folders_made_ahead_stop_at_the_first_that_cannot_be_made(tmp_path) -> None:
    listed = tmp_path / "record"
    listed.write_bytes(b"a\0a/b\0c/d\0e")
    output = tmp_path / "out"
    before = children()
    ahead = FoldersAhead.begin(output, listed)
    wait_for_the_end_of(children() - before)
    taken = ahead.take()
    assert taken is not None
    root, made, held = taken
    assert held is not None and is_held(root)  # held since it was made, now by the caller
    os.close(held)
    assert made == ["a", "a/b"]  # "c/d" has no "c" above it: nothing after it is made
    assert folders(Path(root)) == {"a", "a/b"}
    assert Path(root).parent == tmp_path and Path(root).name.startswith(".out.")
    assert ahead.take() is None  # taken once
    ahead.cancel()  # the caller owns it now: not removed
    assert Path(root).is_dir()


def test_folders_made_ahead_and_not_taken_are_removed(tmp_path) -> None:
    listed = tmp_path / "record"
    listed.write_bytes("\0".join(f"f{n}" for n in range(200)).encode())
    before = children()
    ahead = FoldersAhead.begin(tmp_path / "out", listed)
    ahead.cancel()
    assert children() == before
    assert not beside(tmp_path / "out")
    assert FoldersAhead.begin(tmp_path / "out", tmp_path / "no-record").take() is None


def test_folders_made_ahead_are_held_until_the_build_that_takes_them_lets_go(tmp_path) -> None:
    """Another build clears a staging folder left a minute unchanged that no build holds (a
    killed build's): the one made ahead is held from the moment it is made, through a build
    that stalls while it loads, to the end of the build that takes it."""
    listed = tmp_path / "record"
    listed.write_bytes(b"a\0b")
    output = tmp_path / "out"
    before = children()
    ahead = FoldersAhead.begin(output, listed)
    wait_for_the_end_of(children() - before)  # the process that made the folders has ended
    old = time.time() - 2 * LEFT_OVER_AGE
    os.utime(ahead.root, (old, old))  # as if the build had stalled for two minutes
    assert is_held(ahead.root)
    remove_staging(output, older_than=LEFT_OVER_AGE)
    assert Path(ahead.root, "a").is_dir(), "another build's clean-up left it alone"
    with StagedSite(output, ahead) as staged:
        assert staged.folder == Path(ahead.root) and is_held(ahead.root)
        staged.write(OutputFile("a/index.html", b"<p>a</p>"))
        staged.commit()
    assert (output / "a" / "index.html").read_bytes() == b"<p>a</p>"
    assert not beside(output)


def test_the_record_is_written_only_when_the_folders_changed(site, monkeypatch) -> None:
    assert site.build().code == 0
    written: list[object] = []
    monkeypatch.setattr(ahead_module, "write_whole", lambda *args: written.append(args))
    shutil.rmtree(site.output)
    assert built_with_its_head_start_done(site) == 0
    assert not written
    (site.root / "content" / "de" / "2025").mkdir(exist_ok=True)
    new = site.root / "content" / "de" / "2025" / "neu.md"
    new.write_text("---\ntitle: Neu\ndate: 2025-03-01\n---\n\nText.\n", encoding="utf-8")
    shutil.rmtree(site.output)
    assert site.build().code == 0
    assert written
