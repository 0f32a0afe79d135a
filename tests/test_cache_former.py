"""The cache's entries of former formats (``probed-4`` after ``probed-5``) are removed by a build
once its site is in place, unless another build or preview server uses the cache; nothing else
in the cache folder is touched."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from pressroom.source import cacheuse
from pressroom.source.config import CACHE_DIR

from .conftest import PROJECT, copy_project_site, running_preview

RELEASE = """\
---
title: Besuch aus Kanagawa
date: 2024-07-17
---

Text.
"""


def former_and_users(cache: Path) -> None:
    """A cache as an older pressroom left it, with what a user put there too."""
    for folder in ("probed-4/ab", "probed-3/cd", "probed/ef"):
        (cache / folder).mkdir(parents=True)
        (cache / folder / "record").write_bytes(b"old record")
    (cache / "notes.txt").write_text("mine", encoding="utf-8")
    (cache / "probed-4-backup").mkdir()
    (cache / "probed-9.txt").write_text("mine too", encoding="utf-8")


def names(cache: Path) -> set[str]:
    return {path.name for path in cache.iterdir()}


def test_a_build_removes_former_formats_and_leaves_the_users_files(scratch_site) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE})
    cache = site.root / CACHE_DIR
    former_and_users(cache)
    run = site.build()
    assert run.code == 0, run.stderr
    left = names(cache)
    assert not left & {"probed", "probed-3", "probed-4"}
    assert {"notes.txt", "probed-4-backup", "probed-9.txt"} <= left
    assert (cache / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not [name for name in left if name.startswith(".")], "nothing left aside"


def test_nothing_is_removed_while_another_process_uses_the_cache(scratch_site) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE})
    cache = site.root / CACHE_DIR
    (cache / "probed-4" / "ab").mkdir(parents=True)
    with holding(cache):
        run = site.build()
        assert run.code == 0, run.stderr
        assert (cache / "probed-4" / "ab").is_dir(), "another process uses the cache: kept"
    site.write({"content/de/2024/besuch.md": RELEASE + "\nMehr.\n"})
    assert site.build().code == 0
    assert not (cache / "probed-4").exists(), "alone again: removed"


@contextlib.contextmanager
def holding(cache: Path) -> Iterator[None]:
    """Another process using the cache folder for the block (a build, a preview server)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from pressroom.source.cacheuse import cache_in_use\n"
            "with cache_in_use(Path(sys.argv[1])):\n print('held', flush=True); sys.stdin.read()",
            str(cache),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.communicate("", timeout=30)


def test_what_a_killed_removal_left_aside_goes_but_not_a_running_ones(tmp_path) -> None:
    cache = tmp_path / CACHE_DIR
    dead = subprocess.Popen([sys.executable, "-c", ""])
    dead.wait()
    for pid in (dead.pid, os.getppid()):
        (cache / f".former.{pid}.probed-4" / "ab").mkdir(parents=True)
    (cache / ".former-notes").mkdir()
    with cacheuse.cache_in_use(cache) as use:
        assert cacheuse.remove_former(use) == [f".former.{dead.pid}.probed-4"]
    assert names(cache) == {f".former.{os.getppid()}.probed-4", ".former-notes", cacheuse.LOCK_FILE}


def test_a_preview_server_removes_them_after_its_first_build_and_keeps_builds_from_it(tmp_path) -> None:
    cache = copy_project_site(tmp_path / "site-root") / CACHE_DIR
    former_and_users(cache)
    with running_preview(tmp_path) as preview:
        deadline = time.monotonic() + 30
        while (cache / "probed-4").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not names(cache) & {"probed", "probed-3", "probed-4"}
        assert {"notes.txt", "probed-4-backup", "probed-9.txt"} <= names(cache)
        # A build beside the running server uses the same cache: it removes nothing of it.
        (cache / "probed-2").mkdir()
        built = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), "--source", str(preview.root), "--no-search"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert built.returncode == 0, built.stderr
        assert (cache / "probed-2").is_dir()
