"""Who uses a site's cache folder, and the entries of its former formats that none uses now.

Each build and each preview server holds a shared lock on the cache folder while it uses it
(`cache_in_use`). When an entry's format changes, its name changes (``probed-4`` became
``probed-5``), and the old folder would lie in the cache for ever: no current build reads it.
So a build, once its output is in place, lists the cache folder (one listing, a few dozen
microseconds) for names this engine once wrote in a format it no longer reads (`FORMER`, and
a versioned name ``NAME-N`` below the number now written, `VERSIONED`), and removes them, but
only where it holds the lock alone: a preview server still running an older pressroom's code
may read them yet. Nothing else in the cache folder is ever touched: a name the engine never
wrote is someone's file. Each entry is first renamed aside in one step (``.former.PID.NAME``),
so a process that reads it finds it whole or not at all; one left aside by a build that was
killed while removing it is removed by the next.

The lock is a POSIX record lock (``lockf``) on a file in the cache folder (`LOCK_FILE`): unlike
``flock``, such a lock is raised to an exclusive one in one step or not at all, so a build that
finds another user keeps its own shared lock. It is the process's: one process uses the cache
for one build or server at a time. Where locks cannot be had (a system without them, a cache
folder that cannot be written), nothing is removed.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from pressroom.base.files import remove_tree
from pressroom.source.cachefolder import cache_problem

try:
    import fcntl
except ImportError:  # not a POSIX system: no lock, and nothing removed
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "in-use.lock"
"""The file in the cache folder that its users lock."""

VERSIONED = {"probed": 6}
"""Entries named with their format's number (``probed-6``): each name with a lower number, or
none (``probed``), is a former format's."""
PROBED_DIR = f"probed-{VERSIONED['probed']}"
"""The media probes' records (`pressroom.source.media`)."""

FORMER: frozenset[str] = frozenset()
"""Names of entries this engine wrote once and reads no more, beside the versioned ones."""

ASIDE = "former"
_ASIDE = re.compile(rf"\.{ASIDE}\.([0-9]+)\.")
_NUMBERED = re.compile(r"(.+)-([0-9]{1,9})")


class CacheUse:
    """This process's use of the cache folder ``cache``: ``descriptor`` is the lock file's,
    locked shared (None: no lock could be had)."""

    def __init__(self, cache: Path, descriptor: int | None) -> None:
        self.cache = cache
        self.descriptor = descriptor

    @contextlib.contextmanager
    def alone(self) -> Iterator[bool]:
        """Whether no other process uses the cache folder; if so, the lock is exclusive for the
        block (another build or server that starts meanwhile waits for it), shared again after."""
        if self.descriptor is None:
            yield False
            return
        try:
            fcntl.lockf(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another holds it: this process keeps its shared lock
            yield False
            return
        try:
            yield True
        finally:
            fcntl.lockf(self.descriptor, fcntl.LOCK_SH)


@contextlib.contextmanager
def cache_in_use(cache: Path) -> Iterator[CacheUse]:
    """Hold a shared lock on the cache folder ``cache`` for the block (made if it is not there;
    none where it cannot be used, see `cache_problem`)."""
    descriptor = _shared(cache)
    try:
        yield CacheUse(cache, descriptor)
    finally:
        if descriptor is not None:
            os.close(descriptor)  # which lets go of the lock


def _shared(cache: Path) -> int | None:
    if fcntl is None or cache_problem(cache) is not None:
        return None
    try:
        os.makedirs(cache, exist_ok=True)
        descriptor = os.open(cache / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        return None
    try:
        # Waits only while another process removes former entries (renames, a moment).
        fcntl.lockf(descriptor, fcntl.LOCK_SH)
    except OSError:  # a file system without locks
        os.close(descriptor)
        return None
    return descriptor


def former_entries(names: list[str]) -> list[str]:
    """Which of the cache folder's ``names`` are entries of a former format, or left aside by
    a removal that did not end (its process gone)."""
    return [name for name in names if _former(name)]


def _former(name: str) -> bool:
    if aside := _ASIDE.match(name):
        return not _running(int(aside[1]))
    numbered = _NUMBERED.fullmatch(name)
    family, number = (numbered[1], int(numbered[2])) if numbered else (name, 0)
    return name in FORMER or (family in VERSIONED and number < VERSIONED[family])


def remove_former(use: CacheUse) -> list[str]:
    """Remove the cache folder's entries of former formats, if this process uses it alone;
    the names removed. Called once a build's output is in place."""
    try:
        names = os.listdir(use.cache)
    except OSError:
        return []
    former = former_entries(names)
    if not former:
        return []
    asides = []
    with use.alone() as alone:
        if not alone:
            return []
        for name in former:
            aside = name if _ASIDE.match(name) else f".{ASIDE}.{os.getpid()}.{name}"
            with contextlib.suppress(OSError):
                os.replace(use.cache / name, use.cache / aside)
                asides.append(aside)
    for aside in asides:  # outside the lock: no other process reads these names
        path = use.cache / aside
        if path.is_dir() and not path.is_symlink():
            remove_tree(path)
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)
    return former


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True
