"""Files of the cache written whole: the one way a build, its workers and the preview server
put a file where another of them may be reading it at the same moment."""

from __future__ import annotations

import contextlib
import os
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
