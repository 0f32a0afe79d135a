"""The same input gives the same bytes, whatever the hash seed or the order files are listed in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from .conftest import PROJECT


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
