"""What the last build learnt of each content file: its size, times and inode with its digest,
so that a file whose status is the same is not read again to be hashed (as git's index does).

Every build hashes the whole content to know whether anything changed; at 10,000 releases that
was reading 30,000 files, a second of every one-line edit rebuild. A status (`os.stat`) costs a
fraction of a read. The change time is part of it: no program can set it back, so a file
edited and given its old modification time again still differs. An entry is made from a
status taken before the file was read, so an edit during the read leaves a status the record
does not know. A file changed within the clock's resolution of being read could keep its
status with other bytes ("racily clean" in git's words): a file changed less than
`RECENT_NS` before the build looked at it is not recorded, and is read again next time.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from pathlib import Path

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled

FORMAT = 1
TRUSTED = os.name != "nt"
"""Whether a status can be trusted at all: on Windows ``st_ctime`` is when the file was
created, not when it last changed, so an edit that kept size and modification time would go
unseen; there every file is read, as before the record."""
RECENT_NS = 3_000_000_000
"""Files changed this recently (some file systems keep times to two seconds) are read again."""

STATS_FILE = "content-files"
"""The record's file in the build cache folder."""

Status = tuple[int, int, int, int]
"""Size, modification and change time (ns), inode."""


def status_of(result: os.stat_result) -> Status:
    return result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino


class FileStats:
    """The record kept at ``path`` (None: nothing is kept, as for ``check``), and the one made
    for the next build as files are looked at."""

    def __init__(self, path: Path | None) -> None:
        self.path = path if TRUSTED else None
        self._known = _read(self.path)
        self._next: dict[str, tuple[Status, bytes]] = {}
        self._since = time.time_ns() - RECENT_NS

    def digest(self, name: str) -> tuple[Status, bytes | None] | None:
        """The file's status and, if the record knows the file with that status, its digest;
        None if it cannot be looked at, or nothing is recorded."""
        if self.path is None:
            return None
        try:
            status = status_of(os.stat(name))
        except OSError:
            return None
        entry = self._known.get(name)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == status and isinstance(entry[1], bytes):
            self._next[name] = entry
            return status, entry[1]
        return status, None

    def learn(self, name: str, status: Status, digest: bytes) -> None:
        """``digest`` of a file read after its status was ``status``."""
        if max(status[1], status[2]) < self._since:
            self._next[name] = (status, digest)

    def keep(self, name: str) -> None:
        """Hold on to what the record knows of a file another reader hashed."""
        entry = self._known.get(name)
        if entry is not None:
            self._next[name] = entry

    def save(self) -> None:
        """Write the record for the next build, if it differs from the one read."""
        if self.path is None or self._next == self._known:
            return
        with contextlib.suppress(OSError):
            write_whole(self.path, marshalled((FORMAT, self._next)))


def _read(path: Path | None) -> Mapping[str, tuple[Status, bytes]]:
    if path is None:
        return {}
    kept = read_marshalled(path)
    if not isinstance(kept, tuple) or len(kept) != 2:
        return {}
    kept_format, entries = kept
    if kept_format != FORMAT or not isinstance(entries, dict):
        return {}
    return entries
