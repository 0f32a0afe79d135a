"""Records a build keeps in the cache folder under the digest of the bytes they were found of
(a probed image's size, a static picture found fine), so that the next build need not look at
those bytes again.

A record is written whole (`write_whole`: builds in parallel processes may write the same one)
and kept behind `marshalled`'s checksum: one changed from outside (a bad disk, a sync tool)
reads as none, and what it said is found again and written again. A build without a cache
folder, or with one that cannot be written, keeps nothing: that only costs the time.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled


def record_path(cache: Path | None, folder: str, digest: str) -> Path | None:
    """Where the record of ``digest`` (hex) is kept in ``folder`` of the cache folder ``cache``,
    among others of its first two digits; None without a cache."""
    return cache / folder / digest[:2] / digest if cache is not None else None


def recalled(record: Path | None) -> object:
    """What ``record`` keeps; None where there is none, or it is damaged (the caller checks
    the shape of what it gets)."""
    return read_marshalled(record) if record is not None else None


def keep(record: Path | None, value: object) -> None:
    """Keep ``value`` (of `marshal`'s plain types) in ``record``, if it can be kept."""
    if record is not None:
        with contextlib.suppress(OSError):
            write_whole(record, marshalled(value))
