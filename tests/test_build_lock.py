"""One build at a time into an output folder: a second one waits for the first, and says so.

Two builds into one folder swapped it under each other: one could end with the old site left
beside the new one (``.out.old.*``), or write a quick rebuild's pages into the site the other
had just put in place."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import PROJECT
from .test_translations import release
from .test_unreadable import run_denied

pytestmark = pytest.mark.skipif(not hasattr(fcntl, "flock"), reason="no flock on this system")


def _build(site) -> subprocess.Popen[str]:
    command = [sys.executable, str(PROJECT / "build.py"), "--source", str(site.root), "--output", str(site.output)]
    return subprocess.Popen(
        [*command, "--no-search"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def test_a_second_build_into_one_folder_waits_for_the_first(scratch_site) -> None:
    site = scratch_site({"content/de/2024/besuch.md": release("Besuch aus Kanagawa", "date: 2024-07-17\n")})
    assert site.build().code == 0
    old = (site.output / "de" / "releases" / "2024" / "besuch" / "index.html").read_text(encoding="utf-8")
    site.write({"content/de/2024/besuch.md": release("Besuch aus Kanagawa, zweiter Tag", "date: 2024-07-17\n")})
    lock = site.output.with_name(f".{site.output.name}.build-lock")
    # Another build holds the lock (this test, for as long as it likes).
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        waiting = _build(site)
        deadline = time.monotonic() + 60
        said = ""
        while "waiting" not in said and time.monotonic() < deadline and waiting.poll() is None:
            said += os.read(waiting.stderr.fileno(), 4096).decode()
        assert f"another build is writing {os.path.relpath(site.output)}; waiting for it to end" in said
        time.sleep(1)
        assert waiting.poll() is None, "it did not wait"
        page = site.output / "de" / "releases" / "2024" / "besuch" / "index.html"
        assert page.read_text(encoding="utf-8") == old  # nothing written while the other builds
    finally:
        os.close(descriptor)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "built" in out
    assert "zweiter Tag" in page.read_text(encoding="utf-8")
    assert not lock.exists()  # given back, and its file removed
    assert [p.name for p in site.output.parent.iterdir() if p.name.startswith(f".{site.output.name}.")] == []


def test_a_build_beside_a_read_only_folder_builds_in_place_without_a_lock(scratch_site, tmp_path: Path) -> None:
    """Where no lock file can be made beside the output (a folder of another user, mounted
    read-only), a quick rebuild writes inside the output, as it did before there were locks."""
    site = scratch_site({"content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\n")})
    closed = tmp_path / "closed"
    output = closed / "site"
    closed.mkdir()
    args = ["--source", str(site.root), "--output", str(output), "--no-search"]
    assert site.run(*args).code == 0
    site.write({"content/de/2024/besuch.md": release("Besuch, zweiter Tag", "date: 2024-07-17\n")})
    closed.chmod(0o555)
    try:
        run = run_denied(site, args)
    finally:
        closed.chmod(0o755)
    assert run.code == 0, run.stderr
    assert "waiting" not in run.stderr
    assert "zweiter Tag" in (output / "de" / "releases" / "2024" / "besuch" / "index.html").read_text(encoding="utf-8")
