"""The kept bodies of a site's files in one file, each found by its position.

`bodycache` keeps each file's rendered body in a file of its own, named by a hash of the
file's bytes. A build that renders every page opened, read and closed some 3,000 of them at
1,000 releases, one after another in each worker; where the system's file cache had let them
go (a while after the last build, or on a machine that hands the memory it does not use back
to its host), each read waited on the disk. The pack holds the same entries one after
another behind an index: a process reads the index once, asks the system to read the rest
ahead in large pieces, and reads each body with one positioned read of the file it keeps
open (forked workers share it: a positioned read moves no shared offset).

The pack is a copy: an entry missing from it, or one it cannot give, is read from its own
file as before, and an entry is checked the same way wherever it comes from. It is written
whole (a new file renamed over the old), so a process reading the old one keeps reading it.
Layout: `MAGIC`, the index's length (8 bytes, little-endian), the index (`marshal`: file
digest and language → offset and length in what follows), then the entries.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Mapping
from pathlib import Path

from pressroom.base.files import write_whole

MAGIC = b"pressroom bodies 1\n"
Key = tuple[bytes, str]
"""A body's file: the digest of its bytes, and the language of its version."""


class BodyPack:
    """The pack at ``path``, opened when first asked (a missing or damaged one gives nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._descriptor = -1
        self._index: dict[Key, tuple[int, int]] | None = None
        self._start = 0

    def open(self) -> None:
        """Read the index (called before the render workers fork, so that they share the index
        and the open file)."""
        if self._index is not None:
            return
        self._index = {}
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            descriptor = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            try:
                head = os.pread(descriptor, len(MAGIC) + 8, 0)
                length = int.from_bytes(head[len(MAGIC) :], "little")
                if not head.startswith(MAGIC) or len(head) != len(MAGIC) + 8:
                    raise ValueError("not a pack")
                raw = os.pread(descriptor, length, len(head))
                index = marshal.loads(raw) if len(raw) == length else None
                if not isinstance(index, dict):
                    raise ValueError("no index")
                # A pack cut short (a disk that filled up) is not used at all: it is then written again.
                end = max((offset + length for offset, length in index.values()), default=0)
                if os.fstat(descriptor).st_size != len(head) + length + end:
                    raise ValueError("not whole")
            except BaseException:
                os.close(descriptor)
                raise
            self._index, self._descriptor, self._start = index, descriptor, len(head) + length

    def read_ahead(self) -> None:
        """Ask the system to read the entries into its file cache, in large pieces, while the
        build goes on (where many of them are about to be read)."""
        self.open()
        if self._descriptor >= 0 and hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(self._descriptor, self._start, 0, os.POSIX_FADV_WILLNEED)

    def get(self, key: Key) -> bytes | None:
        """The entry kept for ``key``, as its own file holds it; None where the pack has none."""
        if self._index is None:
            self.open()
        place = self._index.get(key) if self._index else None  # type: ignore[union-attr]
        if place is None or not isinstance(place, tuple) or len(place) != 2:
            return None
        offset, length = place
        try:
            data = os.pread(self._descriptor, length, self._start + offset)
        except (OSError, TypeError, ValueError, OverflowError):
            return None
        return data if len(data) == length else None

    def keys(self) -> set[Key]:
        if self._index is None:
            self.open()
        return set(self._index or ())

    def close(self) -> None:
        if self._descriptor >= 0:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
        self._descriptor, self._index = -1, None

    def __del__(self) -> None:
        # The preview server loads the site again on every full rebuild, each time with a new
        # body cache: an open pack left behind by each would use up its file descriptors.
        if getattr(self, "_descriptor", -1) >= 0:
            self.close()


def write_pack(path: Path, entries: Mapping[Key, bytes]) -> None:
    """Write the pack of ``entries`` at ``path``, whole (see the module's docstring)."""
    index: dict[Key, tuple[int, int]] = {}
    offset = 0
    for key, data in entries.items():
        index[key] = (offset, len(data))
        offset += len(data)
    head = marshal.dumps(index)
    write_whole(path, b"".join((MAGIC, len(head).to_bytes(8, "little"), head, *entries.values())))
