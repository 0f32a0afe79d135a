"""The same input gives the same bytes, whatever the hash seed or the order files are listed in."""

from __future__ import annotations

import os
import subprocess
import sys
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
