"""A command-line build's head start: its inputs hashed and its output folder listed, each in
a process of its own, while this one loads the engine.

A one-file rebuild at 1,000 releases takes under a second, a third of it loading modules
(Jinja, the model's classes, Babel); hashing the content and listing the output folder wait
on the file system and need none of them. ``build.py`` begins that work here (`begin`)
before it loads the rest, and `pressroom.preview.resume.build_resuming` takes its outcome
when the build it runs is the one begun (same site, folder and options), else does the work
itself. A third process reads ahead the files the build reads before its workers start (the
kept model, the templates and their compiled code, the engine's bytecode), so that where the
system's file cache has let them go, the build does not wait on the disk for each in turn.
This module loads only what the work needs: the settings, the inputs' hashes and the output
folder's manifest.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from pressroom.base.background import Background
from pressroom.base.errors import Problems
from pressroom.base.files import read_ahead, walk
from pressroom.output.ahead import FoldersAhead, folders_file
from pressroom.output.folder import MARKER, intact_files
from pressroom.source.config import CACHE_DIR, TEMPLATES_DIR, SiteConfig, load_config, template_dirs
from pressroom.source.inputs import (
    CATALOGS_DIR,
    CODE_DIR,
    Hashes,
    SearchMode,
    build_options,
    recorded_hash,
    site_hashes,
)

MODELS_DIR = "models"
"""Where in the cache the model each output folder's last clean build made is kept."""

Listing = Background[dict[str, int] | None]
"""The output folder's intact files (`intact_files`), sought in a process of its own."""


def kept_file(config: SiteConfig, output: Path) -> Path:
    """The file of the model kept for builds of ``config``'s site into ``output``."""
    return config.root / CACHE_DIR / MODELS_DIR / model_name(output)


def model_name(output: Path) -> str:
    """The name of the model kept for builds into ``output`` (and of its folders' record)."""
    return hashlib.blake2b(str(output.resolve()).encode(), digest_size=12).hexdigest()


def folder_listing(output: Path) -> Listing:
    """The listing of ``output`` begun beside the caller: it waits on the file system (tens of
    thousands of folders at 10,000 releases) while the caller hashes or reads."""
    return Background(lambda: intact_files(output))


class HeadStart:
    """The inputs' hashes and the folder's files, each sought in a process of its own for one
    build; `take` gives them to that build only. The reading ahead ends when the hashes are
    taken: the build is past the files it reads by then."""

    def __init__(
        self, config: SiteConfig, output: Path, options: dict[str, object], *, base_url: str | None, listing: bool
    ) -> None:
        self.config, self.output, self.options, self._base_url = config, output, options, base_url
        self._hashing: Background[Hashes] | None = Background(lambda: site_hashes(config, options))
        self._listing: Listing | None = folder_listing(output) if listing else None
        self._reading: Background[int] | None = Background(lambda: read_ahead(_start_files(config, output)))
        # Into a folder no build left, the build that follows makes every page's folder.
        self._folders = None if listing else FoldersAhead.begin(output, folders_file(kept_file(config, output)))

    def config_for(self, root: Path, base_url: str | None) -> SiteConfig | None:
        """The settings read for the build begun, if ``root`` and ``base_url`` are its own
        (read once, not again by the build)."""
        same = (root, base_url) == (self.config.root, self._base_url)
        return self.config if same else None

    def take(self, root: Path, output: Path, options: dict[str, object]) -> tuple[Hashes, Listing] | None:
        """The hashes, and the listing of the folder (still under way), if the build asking
        is the one begun; None if it is another build, or the hashing failed (the build then
        hashes itself, and reports what fails)."""
        listing, self._listing = self._listing, None
        hashes = self.hashes(root, output, options) if listing is not None else None
        if hashes is not None:
            return hashes, listing
        self.cancel()  # a hashing begun without a listing (no build had left the folder then)
        if listing is not None:
            listing.cancel()
        return None

    def hashes(self, root: Path, output: Path, options: dict[str, object]) -> Hashes | None:
        """The hashes alone, if the build asking is the one begun: a build into a folder with
        no build in it compares them with the model kept for that folder, not with a marker."""
        hashing, self._hashing = self._hashing, None
        if self._reading is not None:  # what the build reads before its workers start is read by now
            self._reading.cancel()
            self._reading = None
        if hashing is not None and (root, output, options) == (self.config.root, self.output, self.options):
            try:
                return hashing.result()
            except Exception:
                pass
        if hashing is not None:
            hashing.cancel()
        return None

    def folders(self, root: Path, output: Path, options: dict[str, object]) -> FoldersAhead | None:
        """The output's folders made ahead, if the build asking is the one begun; this head
        start removes them when it is cancelled, unless the build took them (`StagedSite`)."""
        same = (root, output, options) == (self.config.root, self.output, self.options)
        return self._folders if same else None

    def cancel(self) -> None:
        """Stop what no build took (one that ended before it asked)."""
        for work in (self._hashing, self._listing, self._reading, self._folders):
            if work is not None:
                work.cancel()
        self._hashing = self._listing = self._reading = self._folders = None


def folders_ahead(
    head: HeadStart | None, root: Path, output: Path, options: dict[str, object], model_file: Path
) -> FoldersAhead:
    """What a build into ``output`` (its model kept in ``model_file``) makes ahead and records
    of its folders: begun by ``head`` for this very build, or else only recorded for the next."""
    begun = head.folders(root, output, options) if head is not None else None
    return begun if begun is not None else FoldersAhead(output, folders_file(model_file))


def _start_files(config: SiteConfig, output: Path) -> list[str]:
    """The files a build that takes the kept model reads before its workers start, and which
    the system's file cache may have let go since the last build: the model, the templates and
    their compiled code, the compiled catalogs, and the engine's own bytecode."""
    cache = config.root / CACHE_DIR
    files = [str(kept_file(config, output))]
    for folder in (cache / TEMPLATES_DIR, cache / CATALOGS_DIR, *template_dirs(config)):
        for top, _, names in walk(folder):
            files.extend(os.path.join(top, name) for name in names)
    tag = f".{sys.implementation.cache_tag}.pyc"
    for top, _, names in walk(CODE_DIR):
        files.extend(os.path.join(top, name) for name in names if name.endswith(tag))
    return files


def begin(root: Path, output: Path, *, drafts: bool, base_url: str | None, search: SearchMode) -> HeadStart | None:
    """The hashing and the listing begun beside the caller for a build of ``root`` into
    ``output``, if that build will look at all: only a folder a build left (its marker names
    its inputs) is compared with the inputs; into a folder without one, the hashing alone, if
    a model is kept for it (a cold build that may take that model)."""
    config = load_config(root.absolute(), Problems(), base_url=base_url)
    listing = recorded_hash(output / MARKER) is not None
    if not listing and not kept_file(config, output).is_file():
        return None
    return HeadStart(config, output, build_options(config, drafts, search), base_url=base_url, listing=listing)
