"""Values kept in files between runs (the cache's records, remembered texts, rendered bodies,
compiled catalogs), as `marshal` writes them, behind a stamp and a checksum.

`marshal` reads back whatever bytes it is given: a file changed from outside in the middle of
a string (a bad disk, a sync tool, another program's write) still loads, as another string,
which a build would then publish. So such a file holds its stamp (what wrote it), a CRC-32 of
the marshalled bytes, then those bytes; one whose checksum does not match is read as a missing
one, and what it kept is made again (and written again, whole).
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

from pressroom.base.files import read_plain

CHECK_SIZE = 4
"""Bytes of the CRC-32 between the stamp and the marshalled value."""


def marshalled(value: object, stamp: bytes = b"") -> bytes:
    """The bytes that keep ``value`` after ``stamp`` (see the module's docstring)."""
    data = marshal.dumps(value)
    return b"".join((stamp, zlib.crc32(data).to_bytes(CHECK_SIZE, "little"), data))


def unmarshalled(data: bytes, stamp: bytes = b"") -> object:
    """What `marshalled` kept in ``data`` after ``stamp``; None where it is stamped otherwise,
    cut short or changed since (the caller checks the shape of what it gets)."""
    start = len(stamp) + CHECK_SIZE
    if len(data) < start or not data.startswith(stamp):
        return None
    kept = memoryview(data)[start:]
    if zlib.crc32(kept) != int.from_bytes(data[len(stamp) : start], "little"):
        return None
    try:
        return marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None


def read_marshalled(path: str | Path, stamp: bytes = b"") -> object:
    """What the file at ``path`` keeps after ``stamp`` (`unmarshalled`); None where it is
    missing, unreadable or not a plain file too."""
    try:
        # Read whole, then decoded: marshal.load on a file reads it in many small calls.
        data = read_plain(path)
    except OSError:
        return None
    return unmarshalled(data, stamp)
