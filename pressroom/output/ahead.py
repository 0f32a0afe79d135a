"""The output's folders made ahead of a build, while the engine loads and plans.

Every release is a page of its own folder (``de/releases/2024/…/index.html``): a build into an
empty output makes thousands of folders, a tenth of what its workers spend on writing, and two
workers making folders side by side in one parent wait on each other. Which folders a build of
a site makes hardly changes from one build to the next, and a command-line build spends its
first fifth of a second in one process (starting Python, loading the model, planning the
pages), with the second processor idle. So each build records the folders it made
(`record`), and the next one, into an output that holds no build, has a process of its own
make them in a new staging folder meanwhile (`FoldersAhead.begin`); `StagedSite` takes that
folder as its own, and at the end removes what the new site did not use (a release deleted
since).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import struct
from collections.abc import Iterable
from pathlib import Path

from pressroom.base.background import Background
from pressroom.base.files import read_plain, remove_tree, write_whole
from pressroom.model.routing import is_inside
from pressroom.output.folder import PUBLISHED_UMASK, hold, let_go, staging_name

FOLDERS_DIR = "folders"
"""Where in the cache the folders of each output folder's last build are recorded, under the
name of the model kept for it."""

COUNT = struct.Struct("<Q")


def folders_file(kept: Path) -> Path:
    """Where the folders of the output whose model is kept in ``kept`` (in the cache's folder
    of models) are recorded."""
    return kept.parent.parent / FOLDERS_DIR / kept.name


class FoldersAhead:
    """A staging folder for a build into ``output``, made with the folders listed in ``listed``
    by a process of its own (`begin`); or, where nothing is begun, only the place the build
    records its folders in (`record`)."""

    def __init__(self, output: Path, listed: Path) -> None:
        self.output, self.listed = output.resolve(), listed
        self.root = ""
        self.names: list[str] = []
        self._made: mmap.mmap | None = None
        self._work: Background[None] | None = None
        self._taken = False
        self._hold: int | None = None

    @classmethod
    def begin(cls, output: Path, listed: Path) -> FoldersAhead:
        """The folders listed begun in a staging folder beside ``output``; nothing begun where
        none are listed (no build recorded them, or the record cannot be read)."""
        ahead = cls(output, listed)
        try:
            names = read_plain(listed).decode("utf-8").split("\0")
        except (OSError, UnicodeDecodeError):
            return ahead
        if names == [""]:
            return ahead
        # The folder is made and held here, so that it can be removed whatever becomes of the
        # process, and no other build takes it for a left-over however long this one takes to
        # load (the hold goes to the build with the folder); the count of folders made is
        # shared with the process, written after each.
        root = staging_name(ahead.output)
        try:
            os.mkdir(root, 0o700)  # private, as every staging folder
        except OSError:  # the output's parent missing, or the name taken: the build makes its own
            return ahead
        ahead.root, ahead.names, ahead._hold = root, names, hold(root)
        ahead._made = mmap.mmap(-1, COUNT.size)
        COUNT.pack_into(ahead._made, 0, 1)  # the staging folder counts as the first
        ahead._work = Background(lambda: _make(root, names, ahead._made))  # type: ignore[arg-type]
        return ahead

    def take(self) -> tuple[str, list[str], int | None] | None:
        """The staging folder, the folders made in it (those above each made first) and the
        descriptor that holds it (see `hold`; None where it could not be held), for the caller
        to own from here on; None where none was begun or it failed. The process is stopped
        where it is: a folder it made after its count was written is met again as made by
        someone else (`StagedSite._make_folder`)."""
        if self._work is None or self._made is None or self._taken:
            return None
        self._work.cancel()
        self._taken = True
        made = COUNT.unpack_from(self._made)[0]
        held, self._hold = self._hold, None
        if not made or not os.path.isdir(self.root):
            remove_tree(self.root)
            let_go(held)
            return None
        return self.root, self.names[: made - 1], held

    def cancel(self) -> None:
        """Stop and remove what was begun, unless it was taken."""
        if self._work is not None and not self._taken:
            self._work.cancel()
            self._taken = True
            if self.root:
                remove_tree(self.root)
            let_go(self._hold)
            self._hold = None

    def record(self, folders: Iterable[str]) -> None:
        """Record the folders of the site just built, for the next build to make ahead; a record
        that cannot be written only means the next build makes its folders itself."""
        with contextlib.suppress(OSError):
            self.listed.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.listed, "\0".join(sorted(folders)).encode())


def _make(root: str, names: list[str], made: mmap.mmap) -> None:
    """Make in ``root`` each of ``names``, in order (sorted: each folder after those above it),
    counting them in ``made`` after the staging folder itself. Stops at the first that cannot
    be made, or that would climb out."""
    os.umask(PUBLISHED_UMASK)  # a process of its own, begun before the build set it
    for count, name in enumerate(names, 2):
        if not name or not is_inside(name):
            return
        try:
            os.mkdir(os.path.join(root, name))
        except OSError:
            return
        COUNT.pack_into(made, 0, count)
