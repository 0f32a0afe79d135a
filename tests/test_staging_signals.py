"""A build stopped by SIGTERM at the worst moment still leaves no staging folder behind."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest

from pressroom.base.guard import Interrupted
from pressroom.output.writer import StagedSite


def test_sigterm_landing_just_after_the_staging_folder_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal arrives after mkdtemp's mkdir, before it has returned the folder's name: the
    moment a build's watcher (a CI runner, a test) sees the folder appear and stops the build."""
    real_mkdir = os.mkdir

    def mkdir_then_terminated(path: str, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        real_mkdir(path, mode, *args, **kwargs)
        if Path(path).parent == tmp_path:
            os.kill(os.getpid(), signal.SIGTERM)

    def on_signal(number: int, frame: object) -> None:
        raise Interrupted(number)

    previous = signal.signal(signal.SIGTERM, on_signal)
    monkeypatch.setattr(tempfile._os, "mkdir", mkdir_then_terminated)
    try:
        with pytest.raises(Interrupted), StagedSite(tmp_path / "site"):
            pytest.fail("the signal should have ended the build before it began")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert list(tmp_path.iterdir()) == []
