"""One preview server per output folder: a lock it holds while it serves.

Two servers building into one folder swap it under each other, and each removes the staging
folders it takes for left-overs. The lock (`pressroom.base.folderlock`) is on
``..preview.serve-lock`` beside ``.preview``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from pressroom.base.folderlock import LOCKS, give_back, lock_beside, names, take


class AlreadyServed(Exception):
    """Another preview server holds the lock of this output folder."""


def lock_file(output: Path) -> Path:
    return lock_beside(output, "serve")


@contextlib.contextmanager
def serving_lock(output: Path) -> Iterator[Callable[[], None]]:
    """Hold the output folder's lock for the block; `AlreadyServed` if another server has it.
    The block gets a function to call now and then: it locks the name again if the file was
    removed (``git clean -fdx`` removes it with the output), so that no second server starts."""
    if not LOCKS:
        yield lambda: None
        return
    path = lock_file(output)
    held = [_locked(path)]

    def renew() -> None:
        # Not where the folder itself is gone (the site moved away): made again, it was in the way.
        if not names(path, held[0]) and path.parent.is_dir():
            with contextlib.suppress(AlreadyServed, OSError):  # another took it meanwhile: as before
                fresh = _locked(path)
                held[0], stale = fresh, held[0]
                give_back(path, stale)

    try:
        yield renew
    finally:
        give_back(path, held[0])


def _locked(path: Path) -> int:
    """A descriptor of the file ``path`` names, locked; `AlreadyServed` if another holds it."""
    descriptor = take(path, wait=False)
    if descriptor is None:
        raise AlreadyServed(str(path))
    return descriptor
