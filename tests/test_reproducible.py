"""The same input gives the same bytes, whatever the hash seed or the order files are listed in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from .conftest import PROJECT
from .test_translations import release


def build_with_seed(output: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1732406400")
    subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--output", str(output)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path):
    first = build_with_seed(tmp_path / "a", "1")
    second = build_with_seed(tmp_path / "b", "4242")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_build_date_is_the_same_in_every_time_zone():
    """Builds of one commit at one moment on machines in Tokyo and in California gave different
    sites near midnight: "how many years" and the build's record counted to each machine's day."""
    code = "from pressroom.base.clock import build_date; print(build_date().isoformat())"
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    days = set()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):  # UTC+14, UTC−11
        run = subprocess.run(
            [sys.executable, "-c", code], env={**env, "TZ": zone}, cwd=PROJECT, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        days.add(run.stdout.strip())
    assert days == {datetime.now(UTC).date().isoformat()}


@pytest.mark.parametrize("epoch", ["1.7e9", "abc", "-5", "99999999999999999999", "²"])
def test_a_source_date_epoch_that_is_no_moment_is_refused_before_anything_is_written(scratch_site, epoch):
    """Taken for the clock, a malformed ``SOURCE_DATE_EPOCH`` gave a site no rebuild of the
    commit reproduced; one too large for the system, or a digit beyond ASCII, ended the build
    in a traceback. It is a usage error, for a build as for any other command."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    for command in ([], ["check"]):
        run = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), *command, "--source", str(site.root)]
            + ([] if command else ["--output", str(site.output), "--no-search"]),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (run.returncode, run.stdout) == (2, "")
        assert run.stderr == (
            f"build.py: error: SOURCE_DATE_EPOCH={epoch!r} is not a moment: give the seconds since "
            "1970-01-01 UTC as 'date +%s' or 'git log -1 --format=%ct' prints them (a day from 1800 "
            "to 2199), or leave it unset for the clock\n"
        )
    assert not site.output.exists()
