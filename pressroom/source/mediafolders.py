"""The media folders as read from disk: each once while it is unchanged, for every lookup.

Every picture's language and dark variants are looked for by name, and every missing name's
"did you mean" looks at its folder and the others: on a folder of thousands of pictures, each
reading the folder anew took minutes. One listing serves them all; a preview server that runs
for hours reads a folder again when its time changes, and each build forgets them all
(`forget`), as a file system that keeps times to the second may not show a change by its time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from pressroom.source.content import nfc


@dataclass(frozen=True, slots=True)
class Listing:
    spellings: dict[str, str]
    """Every entry's name as the file system spells it, by its NFC form (macOS writes NFD)."""
    files: tuple[str, ...]
    """The names (NFC) of what is not a folder, in order."""
    folders: tuple[str, ...]
    """The names (NFC) of the folders, hidden ones left out, in order."""


def listing(folder: str) -> Listing:
    """``folder`` as it is now; OSError when it cannot be read (or is not a folder)."""
    return _read(folder, os.stat(folder).st_mtime_ns)


def forget() -> None:
    """Forget every folder read: the next build reads them anew."""
    _read.cache_clear()


@lru_cache(maxsize=64)
def _read(folder: str, stamp: int) -> Listing:
    with os.scandir(folder) as entries:
        listed = sorted((nfc(entry.name), entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
    spellings: dict[str, str] = {}
    for name, spelled, _ in listed:
        spellings.setdefault(name, spelled)
    return Listing(
        spellings,
        tuple(name for name, _, is_folder in listed if not is_folder),
        tuple(name for name, _, is_folder in listed if is_folder and not name.startswith(".")),
    )
