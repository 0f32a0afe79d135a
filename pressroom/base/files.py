"""Files of the cache written whole: the one way a build, its workers and the preview server
put a file where another of them may be reading it at the same moment; such a file read back
as `marshal` wrote it; and the cache's folders of other versions of the generator removed."""

from __future__ import annotations

import contextlib
import marshal
import os
import shutil
from collections.abc import Collection
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees half of it: into a file beside it,
    named for this process, then renamed over it. Processes writing the same file write the
    same bytes, so the last rename wins harmlessly. Raises `OSError`, leaving nothing behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def read_marshalled(path: Path, stamp: bytes = b"") -> object:
    """What ``path`` holds after ``stamp``, as `marshal` wrote it; None where the file is
    missing, unreadable, damaged or stamped otherwise (what it kept is then made again). The
    caller checks the shape of what it gets."""
    try:
        # Read whole, then decoded: marshal.load on a file reads it in many small calls.
        with open(path, "rb", buffering=0) as stream:
            data = stream.readall()
        return marshal.loads(data[len(stamp) :]) if data.startswith(stamp) else None
    except (OSError, EOFError, ValueError, TypeError):
        return None


def remove_other_folders(parent: Path, keep: Collection[Path]) -> None:
    """Remove every folder in ``parent`` but those in ``keep`` (a cache's folders for other
    versions of the generator). Links are left alone: one could lead anywhere. A folder that
    cannot be listed or removed only stays."""
    with contextlib.suppress(OSError):
        for other in parent.iterdir():
            if other not in keep and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
