"""Records a build keeps in the cache folder under the digest of the bytes they were found of
(a probed image's size, a static picture found fine), so that the next build need not look at
those bytes again.

A record is never needed again once no file has its bytes (an image deleted or replaced), so each
folder of records is swept by a build that holds the cache alone and saw every file (`sweep`):
only once a record was added to it since its last sweep (`GROWN`), as adding one is what a
change of the files brings; a folder no build adds to is not walked.

A record is written whole (`write_whole`: builds in parallel processes may write the same one)
and kept behind `marshalled`'s checksum: one changed from outside (a bad disk, a sync tool)
reads as none, and what it said is found again and written again. A build without a cache
folder, or with one that cannot be written, keeps nothing: that only costs the time.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from pathlib import Path

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled

GROWN = "grown"
"""An empty file in a folder of records, there from the moment a record is added to the folder
to its next sweep."""


def record_path(cache: Path | None, folder: str, digest: str) -> Path | None:
    """Where the record of ``digest`` (hex) is kept in ``folder`` of the cache folder ``cache``,
    among others of its first two digits; None without a cache."""
    return cache / folder / record_name(digest) if cache is not None else None


def record_name(digest: str) -> str:
    """The record of ``digest`` (hex) within its folder of records (``xx/digest``), as `sweep` names it."""
    return f"{digest[:2]}/{digest}"


def recalled(record: Path | None) -> object:
    """What ``record`` keeps; None where there is none, or it is damaged (the caller checks
    the shape of what it gets)."""
    return read_marshalled(record) if record is not None else None


def keep(record: Path | None, value: object) -> None:
    """Keep ``value`` (of `marshal`'s plain types) in ``record``, if it can be kept."""
    if record is not None:
        with contextlib.suppress(OSError):
            write_whole(record, marshalled(value))
            note_grown(record.parent.parent)


def note_grown(folder: str | os.PathLike[str]) -> None:
    """Note that a record was just added to the ``folder`` of records (the cache's, by name)."""
    path = os.path.join(folder, GROWN)
    if not os.path.exists(path):
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))


def grown(folder: Path) -> bool:
    """Whether a record was added to ``folder`` since its last `sweep`."""
    return os.path.exists(folder / GROWN)


def sweep(folder: Path, live: Collection[str], *, flat: bool = False) -> list[str]:
    """Remove the records of ``folder`` (each in the folder of its first two digits, named
    ``xx/name``; ``flat``: each in ``folder`` itself) that ``live`` does not name, and the folders
    left empty; the names removed. The caller holds the cache alone: no other process reads or
    adds a record meanwhile."""
    with contextlib.suppress(OSError):
        os.unlink(folder / GROWN)  # first: a record added from here on is swept next time
    if flat:
        return _sweep_files(os.fspath(folder), "", live)
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as tops:
        for top in tops:
            if len(top.name) == 2 and top.is_dir(follow_symlinks=False):
                removed += _sweep_files(top.path, f"{top.name}/", live)
                with contextlib.suppress(OSError):
                    os.rmdir(top.path)  # only where it is empty now
    return removed


def _sweep_files(folder: str, prefix: str, live: Collection[str]) -> list[str]:
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if name not in live and entry.name != GROWN and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(name)
    return removed
