"""A build stopped by SIGTERM at the worst moment still leaves no staging folder behind."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pressroom.base import guard
from pressroom.base.guard import Interrupted
from pressroom.output.render import OutputFile
from pressroom.output.writer import StagedSite


@contextlib.contextmanager
def sigterm_after_mkdir(
    monkeypatch: pytest.MonkeyPatch, made_here: Callable[[Path], bool], other_thread: bool
) -> Iterator[list[Path]]:
    """From here on, a SIGTERM just after each ``os.mkdir`` of a folder ``made_here`` names (the
    moment a watcher sees the folder appear and stops the build), ending the run with
    `Interrupted`; ``other_thread``: beside a thread that takes it, so that its handler runs at
    once in the main thread, hold or not. Yields the folders it was sent for."""
    real_mkdir = os.mkdir
    signalled: list[Path] = []

    def mkdir_then_terminated(path: str, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        real_mkdir(path, mode, *args, **kwargs)
        if made_here(Path(path)):
            signalled.append(Path(path))
            os.kill(os.getpid(), signal.SIGTERM)
            # Until it is pending here or its handler has run (raising, or waiting in `guard`):
            # a thread that takes it may be slow to, this test's or one a test before left.
            deadline, seen = time.monotonic() + 10, 0
            while not guard._waiting and seen < 3 and time.monotonic() < deadline:
                seen = seen + 1 if signal.SIGTERM in signal.sigpending() else 0  # pending, and staying so
                time.sleep(0.01)

    def on_signal(number: int, frame: object) -> None:
        raise Interrupted(number)

    waiting = threading.Event()
    helper = threading.Thread(target=waiting.wait) if other_thread else None
    if helper is not None:
        helper.start()
    previous = signal.signal(signal.SIGTERM, on_signal)
    monkeypatch.setattr(os, "mkdir", mkdir_then_terminated)
    try:
        yield signalled
    finally:
        monkeypatch.undo()
        signal.signal(signal.SIGTERM, previous)
        waiting.set()
        if helper is not None:
            helper.join()


@pytest.mark.parametrize("other_thread", [False, True], ids=["alone", "beside-a-thread"])
def test_sigterm_landing_just_after_the_staging_folder_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_thread: bool
) -> None:
    """The signal arrives just after the staging folder's mkdir. Alone, the process holds it
    until the folder is named; beside another thread (a preview server's watcher), that thread
    takes it and its handler runs at once in the main thread, hold or not: in the full test
    suite, a thread left by another test made the folder stay behind now and then."""
    made_here = lambda path: path.parent == tmp_path  # noqa: E731
    with (
        sigterm_after_mkdir(monkeypatch, made_here, other_thread),
        pytest.raises(Interrupted),
        StagedSite(tmp_path / "site"),
    ):
        pytest.fail("the signal should have ended the build before it began")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_beside_a_thread_while_the_old_site_steps_aside_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replacing a site, the old one is moved to a free name beside it first. That name was
    once reserved by making a folder (mkdtemp) and removing it again: a signal taken by another
    thread landing just after that mkdir left an empty ``.site.old.…`` folder. No folder is made
    for the name now: the swap completes, and nothing but the new site is left."""
    with StagedSite(tmp_path / "site") as first:
        first.write(OutputFile("index.html", b"old"))
        first.commit()
    with StagedSite(tmp_path / "site") as second:
        second.write(OutputFile("index.html", b"new"))
        retired = lambda path: path.parent == tmp_path and ".old." in path.name  # noqa: E731
        with sigterm_after_mkdir(monkeypatch, retired, other_thread=True) as signalled:
            second.commit()
    assert signalled == []
    assert [entry.name for entry in tmp_path.iterdir()] == ["site"]
    assert (tmp_path / "site" / "index.html").read_bytes() == b"new"


def test_sigterm_while_the_staging_folder_is_made_is_not_said_to_have_put_a_site_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The staging folder is made with Ctrl-C and SIGTERM held, as a site is swapped in; one
    that waited there was said as "the new site was put in place first, whole": a CI log then
    told that the new site was online when the old one was (a CI job cancelled as the
    staging folder appeared)."""
    monkeypatch.setattr(guard, "_put_in_place", [])

    def build() -> int:
        with StagedSite(tmp_path / "site"):
            pytest.fail("the signal should have ended the build before it began")
        return 0

    made_here = lambda path: path.parent == tmp_path  # noqa: E731
    with sigterm_after_mkdir(monkeypatch, made_here, other_thread=False):
        code = guard.run_guarded(build)
    assert (code, capsys.readouterr().err) == (143, "build.py: interrupted (SIGTERM)\n")
    assert list(tmp_path.iterdir()) == []


def test_a_signal_while_a_failed_build_removes_its_staging_folder_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that failed removes what it had staged. A second Ctrl-C meanwhile, or a SIGTERM
    that another thread took (its handler runs in the main thread at once, held or not), cut
    the removal short: a ``.site.xxxxxxxx`` folder was left beside the site, half removed. The
    removal is finished first, and the run then ends as the signal says."""
    real_unlink = os.unlink
    sent: list[str] = []

    def unlink_then_terminated(path: str, *args: object, **kwargs: object) -> None:
        real_unlink(path, *args, **kwargs)
        if not sent:
            sent.append(path)
            os.kill(os.getpid(), signal.SIGTERM)

    def on_signal(number: int, frame: object) -> None:
        raise Interrupted(number)

    previous = signal.signal(signal.SIGTERM, on_signal)
    try:
        with pytest.raises(Interrupted), StagedSite(tmp_path / "site") as staged:
            for number in range(20):
                staged.write(OutputFile(f"page-{number}/index.html", b"<p>staged</p>"))
            monkeypatch.setattr(os, "unlink", unlink_then_terminated)
            raise ValueError("a template error, say")
    finally:
        monkeypatch.undo()
        signal.signal(signal.SIGTERM, previous)
    assert sent, "the removal never unlinked a file: the test did not send its signal"
    assert list(tmp_path.iterdir()) == []
