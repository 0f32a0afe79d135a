"""Search bundles kept between builds: a site whose pages did not change is not staged or
indexed again, and a language whose staged pages did not change is not indexed again.

Pagefind writes the same bundle for the same pages read in the same order (the reproducible
builds test holds it to that), and each language is indexed by a run of its own. So each
run's bundle is kept in the cache folder under a digest of what it read: every staged page's
path and bytes in the order they were staged, and the Pagefind version. A later run with the
same digest links the kept bundle instead of running Pagefind: an edit to a German release
indexes German again, not Japanese and English. The whole merged bundle is also kept, under
a digest of every page of the site as written: a build into an emptied output folder with
the cache kept stages and indexes nothing.

Entries are written beside their place and renamed into it, and moved aside before they are
removed, so a build never finds one half there; the `KEEP` most recently used stay. A cache
that cannot be read or written only means indexing. A bundle's files are published as they
are (linked), so each entry holds a record (`RECORD`, never published) of every file's size
and modification time: an entry whose files one stat each finds otherwise (one cut short,
changed, removed, a folder or a link in its place) is removed, and the pages indexed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import time
from pathlib import Path

from pressroom.base.files import read_plain, remove_aside, walk, write_whole
from pressroom.base.marshalled import marshalled, read_marshalled
from pressroom.base.versions import described
from pressroom.output.folder import FOLDER_MODE
from pressroom.source.inputs import code_digest

STORE_DIR = "search"
KEEP = 16
"""Bundles kept: each language and the whole site, of two output folders, twice over."""
LEFT_BEHIND_NS = 3600 * 10**9
"""An entry being written for longer than this (an hour) was left by a build that stopped."""
PACKAGES = ("pagefind", "pagefind-bin", "pagefind-bin-extended")
RECORD = ".record"
"""In each entry: path → size and modification time (ns) of each of its files."""


def site_key(site: Path) -> str:
    """The digest of every page of ``site``, and of Pagefind and the code that runs it: a site
    whose pages did not change gets its whole bundle back without staging a page."""
    digest = _digest()
    digest.update(b"site\0")
    _add_files(digest, site, sorted(str(page) for page in site.rglob("*.html")))
    return digest.hexdigest()


def rendered_key(pages: bytes) -> str:
    """`site_key` for a site whose every page is named by a digest its build made as it rendered
    or placed it (`CarryOver.pages_digest`: equal digests, equal bytes): found without reading a
    page. Never equal to a key `site_key` reads."""
    digest = _digest()
    digest.update(b"pages\0" + pages)
    return digest.hexdigest()


def staged_key(folder: Path) -> str:
    """The digest of what a Pagefind run over ``folder`` reads, and of the Pagefind (and the
    code that runs it) that reads it."""
    digest = _digest()
    found = []
    for top, dirs, files in walk(folder):
        dirs.sort()
        found.extend(os.path.join(top, name) for name in sorted(files))
    _add_files(digest, folder, found)
    return digest.hexdigest()


def _digest() -> hashlib.blake2b:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(described(PACKAGES).encode())
    digest.update(b"code\0" + code_digest())  # how Pagefind is called, and the pages staged
    return digest


def _add_files(digest: hashlib.blake2b, folder: Path, paths: list[str]) -> None:
    base = len(str(folder)) + 1
    for path in paths:
        data = read_plain(path)
        digest.update(f"{path[base:]}\0{len(data)}\0".encode() + data)


class BundleStore:
    """Kept bundles in ``cache``'s `STORE_DIR` (None: nothing is kept)."""

    def __init__(self, cache: Path | None) -> None:
        self.folder = cache / STORE_DIR if cache is not None else None

    def fetch(self, key: str, bundle: Path) -> bool:
        """Put the bundle kept under ``key`` at ``bundle`` (a folder that is empty, if it
        exists); whether there was one."""
        if self.folder is None:
            return False
        kept = self.folder / key
        try:
            # Its files and folders have the modes its Pagefind run gave them: those of the
            # site's (`FOLDER_MODE`) unless that build ran with another umask.
            if kept.stat(follow_symlinks=False).st_mode != stat.S_IFDIR | FOLDER_MODE:
                return False
        except OSError:
            return False
        recorded = read_marshalled(kept / RECORD)
        if not isinstance(recorded, dict) or _files_of(kept) != recorded:
            self._remove(key)  # damaged since it was kept: indexed again, and kept anew
            return False
        try:
            ignore = shutil.ignore_patterns(RECORD)
            shutil.copytree(kept, bundle, copy_function=_link_or_copy, dirs_exist_ok=True, ignore=ignore)
            os.utime(kept)  # recently used: kept by `prune`
        except OSError:
            _empty(bundle)
            return False
        return True

    def keep(self, key: str, bundle: Path) -> None:
        """Keep the bundle a run just wrote at ``bundle`` under ``key``."""
        if self.folder is None:
            return
        kept = self.folder / key
        temporary = self.folder / f".{key}.{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copytree(bundle, temporary, copy_function=_link_or_copy)
            write_whole(temporary / RECORD, marshalled(_files_of(temporary)))
            os.replace(temporary, kept)
        except OSError:  # kept already (another build got there first), or no room: index next time
            shutil.rmtree(temporary, ignore_errors=True)

    def prune(self) -> None:
        """Remove all but the `KEEP` most recently used bundles, and what stopped builds left."""
        if self.folder is None or not self.folder.is_dir():
            return
        entries = []
        with contextlib.suppress(OSError), os.scandir(self.folder) as found:
            for entry in found:
                with contextlib.suppress(OSError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
        entries.sort(reverse=True)
        kept, now = 0, time.time_ns()
        for mtime, name in entries:
            if not name.startswith("."):
                kept += 1
                if kept <= KEEP:
                    continue
            elif now - mtime < LEFT_BEHIND_NS:
                continue  # another build's entry, being written (or being removed)
            self._remove(name)

    def _remove(self, name: str) -> None:
        assert self.folder is not None
        remove_aside(self.folder / name, "removed")  # a build fetching it finds it whole or not at all


def _files_of(entry: Path) -> dict[str, tuple[int, int]] | None:
    """Each plain file of a kept entry (its record aside): path → size and modification time;
    None where it holds anything else (a link, a device), or cannot be listed."""
    found: dict[str, tuple[int, int]] = {}
    start = len(str(entry)) + 1
    for top, _, files in walk(entry):
        for name in files:
            path = os.path.join(top, name)
            try:
                info = os.stat(path, follow_symlinks=False)
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode):
                return None
            found[path[start:]] = (info.st_size, info.st_mtime_ns)
    found.pop(RECORD, None)
    return found


def _empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)
