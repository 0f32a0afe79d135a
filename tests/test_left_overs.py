"""What a killed build left beside the output is cleared by a later build, once no build can
still be writing into it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pressroom.output import writer

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
    `LEFT_OVER_AGE` (a day; a second here), which no running build has: a younger one, or an
    output another build has just renamed to retire it, may be a build's at work now."""
    site = scratch_site({"content/de/2024/eins.md": RELEASE})
    parent = site.output.parent
    killed = _left_over(parent, ".out.k1ll3d0a")
    retired = _left_over(parent, ".out.old.k1ll3d0b")
    someone_elses = _left_over(parent, ".out.notes")
    renamed_now = _left_over(parent, ".out.s0m3b0dy")
    time.sleep(1.2)
    running = _left_over(parent, ".out.runn1ng0")
    retiring = renamed_now.rename(parent / ".out.old.r3t1r1ng")
    monkeypatch.setattr(writer, "LEFT_OVER_AGE", 1.0)
    run = site.build()
    assert run.code == 0, run.stderr
    assert (site.output / "de" / "index.html").is_file()
    assert not killed.exists() and not retired.exists()
    assert running.is_dir() and retiring.is_dir() and someone_elses.is_dir()
