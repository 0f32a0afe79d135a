"""Locks beside an output folder, so that two processes never write the same folder at once.

A lock is an ``flock`` on a file beside the folder, named as its staging folders are
(``.site.build-lock`` beside ``site``), so that whatever ignores those ignores it too. The
kernel lets go of it when the process ends, however it ends, so a killed process leaves no
lock that stops the next one. The holder removes the file while it still holds it: whoever
opens the name next locks a new file, and one that locked the old file in between (opened
before the removal) finds that the name no longer names it and locks the name again.
Where the system has no ``flock`` (not POSIX), or the file cannot be made (the folder's
parent is read-only), nothing is locked, as before there were locks.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:
    fcntl = None  # type: ignore[assignment]

LOCKS = fcntl is not None
"""Whether this system locks at all."""


def lock_beside(output: Path, kind: str) -> Path:
    """The lock file of ``kind`` for the folder ``output``: ``.site.build-lock``."""
    output = output.resolve()
    return output.with_name(f".{output.name}.{kind}-lock")


def take(path: Path, *, wait: bool) -> int | None:
    """A descriptor of the file ``path`` names, locked; None where another process holds it
    and ``wait`` is false (with ``wait``, this process waits for it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return None
        except BaseException:  # Ctrl-C while waiting
            os.close(descriptor)
            raise
        # The holder may have removed the file between our open and our lock: then this lock
        # is on a file nobody else will open, and the name must be locked anew.
        if names(path, descriptor):
            return descriptor
        os.close(descriptor)


def names(path: Path, descriptor: int) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    try:
        named, held = os.stat(path), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def give_back(path: Path, descriptor: int) -> None:
    """Let go of the lock, its file removed first if the name still names it."""
    if names(path, descriptor):
        with contextlib.suppress(OSError):
            os.unlink(path)
    os.close(descriptor)
