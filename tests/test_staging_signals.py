"""A build stopped by SIGTERM at the worst moment still leaves no staging folder behind."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from pressroom.base.guard import Interrupted
from pressroom.output.render import OutputFile
from pressroom.output.writer import StagedSite


@pytest.mark.parametrize("other_thread", [False, True], ids=["alone", "beside-a-thread"])
def test_sigterm_landing_just_after_the_staging_folder_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_thread: bool
) -> None:
    """The signal arrives just after the staging folder's mkdir: the moment a build's watcher (a
    CI runner, a test) sees the folder appear and stops the build. Alone, the process holds it
    until the folder is named; beside another thread (a preview server's watcher), that thread
    takes it and its handler runs at once in the main thread, hold or not: in the full test
    suite, a thread left by another test made the folder stay behind now and then."""
    real_mkdir = os.mkdir

    def mkdir_then_terminated(path: str, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        real_mkdir(path, mode, *args, **kwargs)
        if Path(path).parent == tmp_path:
            os.kill(os.getpid(), signal.SIGTERM)
            if other_thread:
                time.sleep(0.05)  # the other thread has taken it: the handler is due

    def on_signal(number: int, frame: object) -> None:
        raise Interrupted(number)

    waiting = threading.Event()
    helper = threading.Thread(target=waiting.wait) if other_thread else None
    if helper is not None:
        helper.start()
    previous = signal.signal(signal.SIGTERM, on_signal)
    monkeypatch.setattr(os, "mkdir", mkdir_then_terminated)
    try:
        with pytest.raises(Interrupted), StagedSite(tmp_path / "site"):
            pytest.fail("the signal should have ended the build before it began")
    finally:
        signal.signal(signal.SIGTERM, previous)
        waiting.set()
        if helper is not None:
            helper.join()
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
    real_mkdir = os.mkdir
    signalled: list[str] = []

    def mkdir_then_terminated(path: str, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        real_mkdir(path, mode, *args, **kwargs)
        if Path(path).parent == tmp_path and ".old." in Path(path).name:
            signalled.append(str(path))
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the other thread has taken it: the handler is due

    def on_signal(number: int, frame: object) -> None:
        raise Interrupted(number)

    waiting = threading.Event()
    helper = threading.Thread(target=waiting.wait)
    helper.start()
    previous = signal.signal(signal.SIGTERM, on_signal)
    try:
        with StagedSite(tmp_path / "site") as second:
            second.write(OutputFile("index.html", b"new"))
            monkeypatch.setattr(os, "mkdir", mkdir_then_terminated)
            second.commit()
    finally:
        signal.signal(signal.SIGTERM, previous)
        waiting.set()
        helper.join()
    assert signalled == []
    assert [entry.name for entry in tmp_path.iterdir()] == ["site"]
    assert (tmp_path / "site" / "index.html").read_bytes() == b"new"
