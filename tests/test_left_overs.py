"""What a killed build left beside the output is cleared by a later build, once no build can
still be writing into it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressroom.output import folder, search, writer
from pressroom.output.folder import remove_staging

RELEASE = "---\ntitle: Eins\ndate: 2024-07-17\n---\n\nText.\n"


def _left_over(parent: Path, name: str) -> Path:
    folder = parent / name
    (folder / "de").mkdir(parents=True)
    (folder / "de" / "index.html").write_text("half a site")
    return folder


def test_a_later_build_clears_the_staging_folders_killed_builds_left_and_no_others(
    scratch_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build ended by SIGKILL (a CI job cancelled, the kernel out of memory) never reaches its
    clean-up: its ``.out.xxxxxxxx`` staging folder, a whole site's copy, stayed beside the
    output for good, one more for each such build. A later build removes those unchanged for
    `LEFT_OVER_AGE` (a minute; a second here) that no build holds: a younger one, or an output
    another build has just renamed to retire it, may be a build's at work now."""
    site = scratch_site({"content/de/2024/eins.md": RELEASE})
    parent = site.output.parent
    killed = _left_over(parent, ".out.k1ll3d0a")
    retired = _left_over(parent, ".out.old.k1ll3d0b")
    someone_elses = _left_over(parent, ".out.notes")
    renamed_now = _left_over(parent, ".out.s0m3b0dy")
    time.sleep(1.2)
    running = _left_over(parent, ".out.runn1ng0")
    retiring = renamed_now.rename(parent / ".out.old.r3t1r1ng")
    young = time.time()

    def at_commit(output: Path, older_than: float) -> None:
        # The age that parts the two sets wherever the build is when it looks (a busy machine
        # takes more than a second to get there).
        remove_staging(output, older_than=time.time() - young + 0.6)

    monkeypatch.setattr(writer, "remove_staging", at_commit)
    run = site.build()
    assert run.code == 0, run.stderr
    assert (site.output / "de" / "index.html").is_file()
    assert not killed.exists() and not retired.exists()
    assert running.is_dir() and retiring.is_dir() and someone_elses.is_dir()


def test_a_staging_folder_a_running_build_holds_is_kept_however_old_and_let_go_when_it_is_killed(
    scratch_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A day was the only sign that no build was writing into a folder, so a killed build's
    whole-site copy stayed that long (on a CI runner that keeps its workspace, one for each job
    cancelled). A build holds its staging folder with a lock the kernel lets go of when the
    build ends, however it ends: a later build keeps a held one, whatever its age, and clears
    it once its build was killed (a minute after its last change; a second here)."""
    site = scratch_site({"content/de/2024/eins.md": RELEASE})
    held = _left_over(site.output.parent, ".out.h0ld1ng0")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(held)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        time.sleep(1.2)
        monkeypatch.setattr(writer, "LEFT_OVER_AGE", 1.0)
        assert site.build().code == 0
        assert held.is_dir()
        holder.kill()  # as SIGKILL or the kernel out of memory ends a build
        holder.wait()
        site.write({"content/de/2024/zwei.md": RELEASE})  # a build with something to do
        assert site.build().code == 0
        assert not held.exists()
    finally:
        holder.kill()
        holder.wait()


HOLDER = """
import sys, time
from pressroom.output.folder import hold
assert hold(sys.argv[1]) is not None
print("holding", flush=True)
time.sleep(600)
"""


def test_a_build_holds_its_staging_folder_while_it_writes_and_lets_go_after(tmp_path: Path) -> None:
    with writer.StagedSite(tmp_path / "out") as staged:
        assert folder.is_held(str(staged.folder))
        staged.commit()
        assert folder.is_held(str(tmp_path / "out"))  # the staging folder, now the output
    assert not folder.is_held(str(tmp_path / "out"))


def test_what_a_killed_search_run_left_is_cleared_by_a_later_build_and_a_running_ones_kept(
    scratch_site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build killed while Pagefind indexed (SIGKILL, a CI job cancelled) left its bundles
    beside the output (``.index.xxxxxxxx``), its staged pages in memory (``/dev/shm``'s
    ``.pressroom-index.xxxxxxxx``) and a quick rebuild's bundle (``.out.index.xxxxxxxx``), for
    good: every later build went past them. A later build clears them once unchanged for
    `LEFT_OVER_AGE` (a second here), and keeps those a running build holds."""
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY", memory)
    site = scratch_site({"content/de/2024/eins.md": RELEASE})
    assert site.build(search=True).code == 0
    parent = site.output.parent
    killed = [
        _left_over(parent, ".index.k1ll3d0a"),
        _left_over(memory, ".pressroom-index.k1ll3d0b"),
        _left_over(parent, ".out.index.k1ll3d0c"),
    ]
    held = _left_over(parent, ".index.h0ld1ng0")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(held)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        time.sleep(1.2)
        monkeypatch.setattr(search, "LEFT_OVER_AGE", 1.0, raising=False)
        monkeypatch.setattr(writer, "LEFT_OVER_AGE", 1.0)
        site.write({"content/de/2024/zwei.md": RELEASE})  # a build with something to index
        run = site.build(search=True)
        assert run.code == 0, run.stderr
        assert [path.name for path in killed if path.exists()] == []
        assert held.is_dir()
        assert sorted(path.name for path in parent.iterdir()) == sorted([site.root.name, "memory", "out", held.name])
        assert list(memory.iterdir()) == []
    finally:
        holder.kill()
        holder.wait()
