"""One preview server per output folder: a lock it holds while it serves.

Two servers building into one folder swap it under each other, and each removes the staging
folders it takes for left-overs. The lock is an ``flock`` on a file beside the folder
(``..preview.serve-lock`` beside ``.preview``: named as its staging folders are, so whatever
ignores those ignores it too). The kernel lets go of it when the process ends, however it
ends, so a killed server leaves no lock that stops the next one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: no lock, as before there was one
    fcntl = None  # type: ignore[assignment]


class AlreadyServed(Exception):
    """Another preview server holds the lock of this output folder."""


def lock_file(output: Path) -> Path:
    output = output.resolve()
    return output.with_name(f".{output.name}.serve-lock")


@contextlib.contextmanager
def serving_lock(output: Path) -> Iterator[Callable[[], None]]:
    """Hold the output folder's lock for the block; `AlreadyServed` if another server has it.
    The block gets a function to call now and then: it locks the name again if the file was
    removed (``git clean -fdx`` removes it with the output), so that no second server starts."""
    if fcntl is None:
        yield lambda: None
        return
    path = lock_file(output)
    held = [_locked(path)]

    def renew() -> None:
        if not _names(path, held[0]):
            with contextlib.suppress(AlreadyServed, OSError):  # another took it meanwhile: as before
                fresh = _locked(path)
                os.close(held[0])
                held[0] = fresh

    try:
        yield renew
    finally:
        # Removed while still locked, so whoever opens the name next locks a new file.
        if _names(path, held[0]):
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(held[0])


def _locked(path: Path) -> int:
    """A descriptor of the file ``path`` names, locked; `AlreadyServed` if another holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise AlreadyServed(str(path)) from None
        # The server that held it may have removed the file between our open and our lock:
        # then this lock is on a file nobody else will open, and the name must be locked anew.
        if _names(path, descriptor):
            return descriptor
        os.close(descriptor)


def _names(path: Path, descriptor: int) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    try:
        named, held = os.stat(path), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
