"""The record of the media files the cache keeps (encoded renditions, cut share pictures, drawn
share cards): each file's size and modification time when it was written.

Those files are published as they are, hard-linked into the output, so one changed from outside
(cut short, rewritten by another program, a folder or a link put in its place) would be
published damaged. A file is taken only if one stat finds it a plain file of the size and
modification time (to the nanosecond) recorded for it, as kept pages are (`carryover`): a cache
restored from an archive that keeps modification times is used as kept. Anything else is
removed and made again, and recorded; a file the record does not name (the cache of a
pressroom before the record, a process that stopped before it saved) is made again once, never
taken on trust. The file is not read: a build with every picture kept reads only the record.

The record is one file of the cache (`RECORD`), read once by each process that asks, and
written whole by each process that made files (`MediaRecord.save`), with what other processes
recorded since: the build's workers save at the same moment, so each holds a lock (an
``flock`` on `LOCK`) from reading the record to writing it. Where there is no such lock,
entries two processes saved at once may be lost: those files are made again, never trusted.

Beside it, a second record (`USED`) counts the builds that published every media file of a
site (each build but a quick rebuild) and notes, for each file, the last of them that used it
(`mark_used`): a picture or card of a release deleted, renamed or given a new title, or of a
picture replaced, is used by none after it. One that none of the last `GENERATIONS` such builds
used (two output folders, the preview's with its drafts and the site's, keep theirs) is removed
with its record (`remove_unused`), by a build that uses the cache alone (`cacheuse`), so that no
other build is linking it that moment. A file made by a quick rebuild is counted from the next
build that publishes every file. A file the record does not name at all (made by a pressroom
before the record of uses, or by a process killed before it saved the record) is never counted:
every `SWEEP_EVERY` such builds, from the first, the kinds' folders are walked for them, and
they are removed with the unused ones (a walk of every card and picture is too long for every
build, and such files come only from an upgrade or a killed build).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path

from pressroom.base.files import remove_aside, walk, write_whole
from pressroom.base.marshalled import marshalled, read_marshalled

try:
    import fcntl
except ImportError:  # not a POSIX system: no lock
    fcntl = None  # type: ignore[assignment]

RECORD = "media-record"
"""The record's file in the cache folder."""
LOCK = "media-record.lock"
FORMAT = 1
USED = "media-used"
"""The record of which builds used each file: the last build's number, and each file's last."""
GENERATIONS = 3
"""Builds publishing every media file whose files are kept: the last, and two more for a
second output folder."""
SWEEP_EVERY = 64
"""Builds publishing every media file between two walks for files the record does not name."""
KINDS = ("cards", "documents", "images")
"""The cache's folders of the files the record names."""

Entry = tuple[int, int]
"""A kept file's size and modification time (ns)."""


class MediaRecord:
    """The record of the media files in the cache folder ``cache``."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._start = len(os.fspath(cache)) + 1
        self._kept: dict[str, Entry] | None = None
        self._made: dict[str, Entry] = {}

    def intact(self, path: str) -> bool:
        """Whether the file at ``path`` (in the cache) is still the one recorded for it."""
        if self._kept is None:
            self._kept = _read(self.cache / RECORD)
        name = path[self._start :]
        entry = self._made.get(name) or self._kept.get(name)
        if entry is None:
            return False
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and (info.st_size, info.st_mtime_ns) == entry

    def made(self, path: str) -> None:
        """Record the file just written at ``path``."""
        with contextlib.suppress(OSError):
            info = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(info.st_mode):
                self._made[path[self._start :]] = (info.st_size, info.st_mtime_ns)

    def save(self) -> None:
        """Write the record with the files this process made, if it made any."""
        if not self._made:
            return
        with contextlib.suppress(OSError), _locked(self.cache / LOCK):
            kept = _read(self.cache / RECORD)  # with what other processes recorded meanwhile
            kept.update(self._made)
            write_whole(self.cache / RECORD, marshalled((FORMAT, kept)))
            self._kept, self._made = kept, {}

    def make_room(self, path: str, *, folder: bool = False) -> None:
        """Clear the place of a file (``folder``: a rendition's folder) about to be renamed into
        place at ``path`` of what a rename cannot replace (a folder where a file goes, a file or
        link where a folder goes), and make its folder, whatever stood in the folder's place in
        the cache (a file, a dangling link) removed. What a rename replaces in one step is left:
        a damaged file, or the same entry another worker of this build has just made and may be
        linking into the site this moment (removing it first failed that worker's build)."""
        _clear(path, folder=folder)
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, exist_ok=True)
            return
        except OSError:
            pass
        current = path[: self._start - 1]
        for part in folder[self._start :].split(os.sep):
            current = os.path.join(current, part)
            if not os.path.isdir(current):
                _clear(current, folder=True)
            with contextlib.suppress(OSError):  # what still fails is said by the write that follows
                os.mkdir(current)


def mark_used(cache: Path, names: Collection[str]) -> list[str]:
    """Note that a build which published every media file of its site used the files ``names``
    (each as the record names it, from the cache folder ``cache``); the recorded files that none
    of the last `GENERATIONS` such builds used, to be removed (`remove_unused`)."""
    names = set(names)
    with contextlib.suppress(OSError), _locked(cache / LOCK):
        generation, used = _read_used(cache / USED)
        generation += 1
        recorded = _read(cache / RECORD)
        for name in recorded.keys() - used.keys():  # made since by a quick rebuild: counted from now
            used[name] = generation
        used.update(dict.fromkeys(names, generation))
        used = {name: last for name, last in used.items() if name in recorded or name in names}
        write_whole(cache / USED, marshalled((FORMAT, generation, used)))
        unused = {name for name, last in used.items() if last <= generation - GENERATIONS}
        if generation % SWEEP_EVERY == 1:
            unused.update(_unrecorded(cache, recorded.keys() | names))
        return sorted(unused)
    return []


def _unrecorded(cache: Path, recorded: Collection[str]) -> set[str]:
    """The files in the kinds' folders of ``cache`` that ``recorded`` does not name."""
    found = set()
    for kind in KINDS:
        for top, _, files in walk(cache / kind):
            folder = os.path.relpath(top, cache).replace(os.sep, "/")
            found.update(name for file in files if (name := f"{folder}/{file}") not in recorded)
    return found


def remove_unused(cache: Path, names: Collection[str]) -> None:
    """Remove the files ``names`` (`mark_used`'s) from the cache folder ``cache``, their folders
    where they are left empty, and their records. The caller holds the cache alone."""
    with contextlib.suppress(OSError), _locked(cache / LOCK):
        for name in names:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(cache, name))
            # Its folders, once their last file is gone (a rendition's, then the one of its
            # key's first digits), never the kind's own (``images``) or anything above it.
            folders = name.split("/")[:-1]
            with contextlib.suppress(OSError):
                while len(folders) > 1:
                    os.rmdir(os.path.join(cache, *folders))
                    folders.pop()
        recorded = _read(cache / RECORD)
        generation, used = _read_used(cache / USED)
        gone = set(names)
        write_whole(cache / RECORD, marshalled((FORMAT, {n: e for n, e in recorded.items() if n not in gone})))
        write_whole(cache / USED, marshalled((FORMAT, generation, {n: g for n, g in used.items() if n not in gone})))


def _read_used(path: Path) -> tuple[int, dict[str, int]]:
    kept = read_marshalled(path)
    if not isinstance(kept, tuple) or len(kept) != 3 or kept[0] != FORMAT or not isinstance(kept[1], int):
        return 0, {}
    used = kept[2] if isinstance(kept[2], dict) else {}
    return kept[1], {name: last for name, last in used.items() if isinstance(name, str) and isinstance(last, int)}


def _clear(path: str, *, folder: bool) -> None:
    """Remove what stands at ``path`` where a ``folder`` (else a file) is to be renamed into
    place and could not replace it: a file or a link (never followed) where a folder goes, a
    folder where a file goes. A folder is first renamed aside, so that another process finds
    the entry whole or not at all."""
    try:
        is_folder = stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:  # nothing there
        return
    if is_folder and not folder:
        remove_aside(path, "damaged")
    elif not is_folder and folder:
        with contextlib.suppress(OSError):
            os.unlink(path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # which lets go of the lock


def _read(path: Path) -> dict[str, Entry]:
    kept = read_marshalled(path)
    if not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != FORMAT or not isinstance(kept[1], dict):
        return {}
    # Exact types, no generator per entry: every process that links kept media reads it whole.
    return {
        name: entry
        for name, entry in kept[1].items()
        if type(name) is str and type(entry) is tuple and len(entry) == 2 and type(entry[0]) is type(entry[1]) is int
    }
