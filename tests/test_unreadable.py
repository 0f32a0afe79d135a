"""An unreadable content file and folder: one line each, exit 1, and the built site untouched.

Permissions do not stop root, and CI runs as root, so the denial is made in two ways and both
run everywhere:

- ``permissions``: the file and the folder get mode 0. As root, ``build.py`` then runs under
  ``setpriv`` without the capabilities that let root ignore permissions (CAP_DAC_OVERRIDE,
  CAP_DAC_READ_SEARCH), so the kernel itself refuses, exactly as it does for an editor.
- ``simulated``: the command runs in this process while the operating-system calls that open a
  file or list a folder raise the error the kernel raises (EACCES) for those two paths.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import PROJECT, Run, ScratchSite
from .test_translations import release

A = "content/en/2024/a.md"
FOLDER = "content/ja/2024"
ROOT = os.geteuid() == 0
ERRORS = [
    f"{A}:0: error: cannot read the file: Permission denied",
    f"{FOLDER}:0: error: cannot read the folder: Permission denied",
]
WITHOUT_ROOTS_PASS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", "--"]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@contextmanager
def mode_zero(site: ScratchSite) -> Iterator[None]:
    (site.root / A).chmod(0)
    (site.root / FOLDER).chmod(0)
    try:
        yield
    finally:
        (site.root / A).chmod(0o644)
        (site.root / FOLDER).chmod(0o755)


def run_denied(site: ScratchSite, args: list[str]) -> Run:
    """The real command line with the kernel refusing: directly, or as root without its pass."""
    if not ROOT:
        return site.run(*args)
    done = subprocess.run(
        [*WITHOUT_ROOTS_PASS, sys.executable, str(PROJECT / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@contextmanager
def simulated_denial(site: ScratchSite, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What the kernel answers for a file and a folder of mode 0: the file cannot be opened, the
    folder cannot be listed and nothing inside it can be reached; the names themselves stay."""
    file = os.path.realpath(site.root / A)
    folder = os.path.realpath(site.root / FOLDER)

    def refused(path: Any, *, listing: bool) -> bool:
        if isinstance(path, int):
            return False
        real = os.path.realpath(os.fsdecode(os.fspath(path)))
        return real == file or (listing and real == folder) or real.startswith(folder + os.sep)

    def guard(call: Callable[..., Any], *, listing: bool = False) -> Callable[..., Any]:
        def guarded(path: Any = ".", *args: Any, **kwargs: Any) -> Any:
            if refused(path, listing=listing):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(os.fspath(path)))
            return call(path, *args, **kwargs)

        return guarded

    opener = guard(builtins.open)
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.setattr(io, "open", opener)
    monkeypatch.setattr(os, "open", guard(os.open))
    monkeypatch.setattr(os, "stat", guard(os.stat))
    monkeypatch.setattr(os, "scandir", guard(os.scandir, listing=True))
    monkeypatch.setattr(os, "listdir", guard(os.listdir, listing=True))
    try:
        yield
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("denial", ["permissions", "simulated"])
def test_an_unreadable_file_and_folder(
    scratch_site: Callable[[dict[str, str]], ScratchSite], monkeypatch: pytest.MonkeyPatch, denial: str, command: str
) -> None:
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), f"{FOLDER}/b.md": release("B", "date: 2024-02-01\n")})
    args = ["--source", str(site.root), "--output", str(site.output), "--no-search"]
    if command == "check":
        args = ["check", "--source", str(site.root)]
    before = site.build()
    assert before.code == 0, before.stderr
    built = fingerprint(site.output)
    assert "en/releases/2024/a/index.html" in built
    if denial == "permissions":
        with mode_zero(site):
            # The denial is real (were the file readable, the test would prove nothing).
            assert _refused_to_the_command(site)
            run = run_denied(site, args)
    else:
        with simulated_denial(site, monkeypatch):
            with pytest.raises(PermissionError):
                (site.root / A).read_bytes()
            run = site.run(*args)
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert lines[:-1] == ERRORS, run.stderr
    if command == "build":
        assert lines[-1].startswith("build failed: 2 error(s), 0 warning(s);") and "was not changed" in lines[-1]
    else:
        assert lines[-1] == "check: 2 error(s), 0 warning(s)"
    assert fingerprint(site.output) == built, "a failed run changed the built site"
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".site.")], "a staging folder was left"


def _refused_to_the_command(site: ScratchSite) -> bool:
    """Whether a process started as ``run_denied`` starts the command is refused the file."""
    probe = "import sys\ntry:\n    open(sys.argv[1], 'rb').close()\nexcept PermissionError:\n    sys.exit(13)\n"
    prefix = WITHOUT_ROOTS_PASS if ROOT else []
    done = subprocess.run([*prefix, sys.executable, "-c", probe, str(site.root / A)], check=False)
    return done.returncode == 13
