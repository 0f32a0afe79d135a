"""The media file a name that is not there was probably meant to be, for its error message.

Editors type a picture's name from memory: ``.jpeg`` for ``.jpg``, a letter left out, other
capitals, last year's folder or none. A site whose media folder was renamed has a thousand
such names at once, so each folder is read once (`mediafolders`) and the names near a word
are found in an index (`NearNames`), not by comparing the word with every file.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pressroom.base.nearnames import NearNames
from pressroom.source.content import MEDIA_DIR, nfc
from pressroom.source.mediafolders import listing

_PICTURES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif"})


def meant(root: Path, pure: PurePosixPath, folder: Path) -> str | None:
    """What the missing ``pure`` (a path under the media folder ``root``, its folder on disk
    ``folder``) was probably meant to be, as a message names it; None when nothing is alike."""
    wanted = nfc(pure.name)
    suffix = PurePosixPath(wanted).suffix.casefold()
    folded, stems, near = _index(folder, suffix)
    stem = near.nearest(PurePosixPath(wanted).stem.casefold())
    hint = folded.get(wanted.casefold()) or (stems[stem] if stem is not None else None)
    if hint is not None and hint != wanted:  # the name itself: a link to a file that is not there
        return f"content/{MEDIA_DIR}/{(pure.parent / hint).as_posix().removeprefix('./')}"
    # The same name in another folder: the year's folder left out, or another year's written.
    found = _elsewhere(root).get(wanted.casefold())
    return f"content/{MEDIA_DIR}/{found}" if found is not None and found != pure.as_posix() else None


def forget() -> None:
    """Forget the indexes made (see `pressroom.source.media.forget_folders`)."""
    _read.cache_clear()
    _everywhere.cache_clear()


def _index(folder: Path, suffix: str) -> tuple[dict[str, str], dict[str, str], NearNames]:
    """Of ``folder``: its files by their names folded, by their stems (those of ``suffix`` or
    a picture's first), and the stems' index; empty where it cannot be read."""
    try:
        return _read(str(folder), os.stat(folder).st_mtime_ns, suffix)
    except OSError:  # no such folder (or not one): nothing to look in there
        return {}, {}, NearNames(())


@lru_cache(maxsize=8)  # an index of a folder of thousands holds a hundred thousand entries
def _read(folder: str, stamp: int, suffix: str) -> tuple[dict[str, str], dict[str, str], NearNames]:
    files = [name for name in listing(folder).files if not name.startswith(".")]

    def kin(name: str) -> int:  # a '.jpeg' means the '.jpg' beside it sooner than the '.pdf'
        theirs = PurePosixPath(name).suffix.casefold()
        return 0 if theirs == suffix else 1 if {theirs, suffix} <= _PICTURES else 2

    # Alike by what precedes the suffix: by whole names, every '.jpg' looked like every other.
    stems: dict[str, str] = {}
    for name in sorted(files, key=lambda name: (kin(name), name)):
        stems.setdefault(PurePosixPath(name).stem.casefold(), name)
    folded: dict[str, str] = {}
    for name in files:
        folded.setdefault(name.casefold(), name)
    return folded, stems, NearNames(stems)


def _elsewhere(root: Path) -> dict[str, str]:
    try:
        return _everywhere(str(root), os.stat(root).st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=2)
def _everywhere(root: str, stamp: int) -> dict[str, str]:
    """The files of the media folder and of its folders by their names folded, each to its
    path (the first in order): made once, not for each name missing."""
    found: dict[str, str] = {}
    top = listing(root)
    for name in top.files:
        found.setdefault(name.casefold(), name)
    for place in top.folders:
        with contextlib.suppress(OSError):
            for name in listing(os.path.join(root, place)).files:
                found.setdefault(name.casefold(), f"{place}/{name}")
    return found
