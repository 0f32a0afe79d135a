"""Whether a site's cache folder can keep what builds reuse, and a stand-in where it cannot.

A build keeps what the next one can reuse in ``.pressroom-cache/`` (see the README), and what
it keeps never changes what it publishes. So a cache folder that cannot be used (a file or a
dangling link in its place, a link to itself, a folder or file system that cannot be written)
does not stop a build: the build says so once, as a warning, and makes everything anew in a
folder of its own, removed when the process ends (a preview server's rebuilds share it). What
stands in the cache folder's place is left as it is: it may be someone's file.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import stat
import tempfile
from pathlib import Path

from pressroom.base.errors import Problems
from pressroom.source.config import CACHE_DIR


def cache_problem(cache: Path) -> str | None:
    """Why builds cannot keep what they reuse in ``cache``, or None if they can (it may not
    be there yet: the first build that keeps something makes it)."""
    try:
        info = os.stat(cache)
    except FileNotFoundError:
        if os.path.islink(cache):
            return "a link to a folder that is not there (make that folder, or remove the link)"
        if os.access(os.path.dirname(os.path.abspath(cache)), os.W_OK | os.X_OK):
            return None
        return "not there, and the site's folder cannot be written to make it"
    except OSError as exc:  # a link to itself, a folder on the way that cannot be entered
        return f"cannot be opened ({exc.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder (remove or rename this file)"
    if not os.access(cache, os.W_OK | os.X_OK):
        return "cannot be written (a read-only folder or file system)"
    return None


def usable_cache(cache: Path, problems: Problems) -> Path:
    """``cache``, or a folder that stands in for it (saying why, as a warning in ``problems``)."""
    problem = cache_problem(cache)
    if problem is None:
        return cache
    problems.warning(CACHE_DIR, 0, f"{problem}: this build made everything anew and kept nothing for the next one")
    return _stand_in(os.fspath(cache.absolute()))


@functools.cache
def _stand_in(cache: str) -> Path:
    folder = tempfile.mkdtemp(prefix="pressroom-cache-")
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder)
