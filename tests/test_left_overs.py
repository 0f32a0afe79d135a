"""What a killed build left beside the output is cleared by a later build, once no build can
still be writing into it."""

from __future__ import annotations

import os
import time
from pathlib import Path

RELEASE = "---\ntitle: Eins\ndate: 2024-07-17\n---\n\nText.\n"


def _left_over(parent: Path, name: str, age: float) -> Path:
    folder = parent / name
    (folder / "de").mkdir(parents=True)
    (folder / "de" / "index.html").write_text("half a site")
    then = time.time() - age
    os.utime(folder, (then, then))
    return folder


def test_a_later_build_clears_the_staging_folders_killed_builds_left_and_no_others(scratch_site) -> None:
    """A build ended by SIGKILL (a CI job cancelled, the kernel out of memory) never reaches its
    clean-up: its ``.out.xxxxxxxx`` staging folder, a whole site's copy, stayed beside the
    output for good, one more for each such build. The next build removes those an hour old,
    which no running build has; a younger one may be another build's, writing now."""
    site = scratch_site({"content/de/2024/eins.md": RELEASE})
    parent = site.output.parent
    killed = _left_over(parent, ".out.k1ll3d0a", 2 * 3600)
    retired = _left_over(parent, ".out.old.k1ll3d0b", 2 * 3600)
    running = _left_over(parent, ".out.runn1ng0", 60)
    someone_elses = _left_over(parent, ".out.notes", 2 * 3600)
    run = site.build_py()
    assert run.returncode == 0, run.stderr
    assert (site.output / "de" / "index.html").is_file()
    assert not killed.exists() and not retired.exists()
    assert running.is_dir() and someone_elses.is_dir()
