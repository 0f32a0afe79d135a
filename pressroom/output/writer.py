"""The code that touches the output folder (with `inplace`, which rewrites single pages of it).

A build is written into a fresh temporary folder beside the output and swapped in only
when complete, so a failed build leaves the previous site exactly as it was and files of
removed pages disappear. Paths are checked to stay inside the folder; no path is written twice.
The marker records what a clean build left, so a later build sees a file deleted, added or
resized by hand and builds again instead of saying "nothing changed".
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from pressroom.base.files import remove_tree
from pressroom.base.guard import signals_held
from pressroom.model.routing import SEARCH_BUNDLE, is_inside
from pressroom.output.ahead import FoldersAhead
from pressroom.output.folder import (
    FILE_MODE,
    FOLDER_MODE,
    LEFT_OVER_AGE,
    MARKER,
    MARKER_TEXT,
    OUTPUT_PREFIX,
    UnsafeOutput,
    hold,
    let_go,
    manifest,
    not_ours,
    output_files,
    remove_staging,
    staging_letters,
    staging_name,
)
from pressroom.output.render import OutputFile
from pressroom.source.isomedia import Blanked

Handed = tuple[list[str], dict[str, int], set[str]]
"""What a process hands over of its writing (`StagedSite.handed`): folders made, files put,
the folders these lie in."""

COPY_PIECE = 1 << 20
"""Bytes a copied file is read in at a time."""


class StagedSite:
    """A new site being written beside ``output``; ``commit()`` swaps it in, anything else discards it.

    Pages are written as they are rendered (by this process or its forked workers), so a build
    never holds the whole site in memory."""

    def __init__(self, output: Path, ahead: FoldersAhead | None = None) -> None:
        self.output = output.resolve()
        self._ahead = ahead
        """The folders made ahead, taken as this build's staging folder if they were; where the
        folders of the new site are recorded for the next build to make ahead."""
        self._folders: set[str] = {""}
        """Folders made so far (in this process: each forked worker keeps its own)."""
        self._made: list[str] = []
        """Folders this process made since `handed` was last asked."""
        self._premade: list[str] = []
        """Folders made ahead: those no file of the new site lies in are removed at the end."""
        self._used: set[str] = set()
        """The folders the files put lie in (as `_made`, what a worker hands over)."""
        self._put: dict[str, int] = {}
        """Path → size of each file this process put into the folder since `handed` was last asked."""
        self._files: dict[str, int] = {}
        """Path → size of the files other processes handed over (see `learn`)."""
        self.folder = Path()
        self._root = ""
        self._hold: int | None = None
        """The staging folder's lock (see `folder.hold`), until the build ends."""

    def __enter__(self) -> StagedSite:
        # Made here, not in __init__: once __enter__ has returned, __exit__ removes the folder
        # whatever happens. A SIGTERM landing inside mkdtemp, after its mkdir but before it
        # returned the name, left the folder behind. Signals wait while it is made; but one
        # sent to the process can be taken by another thread (a preview server's watcher),
        # and its handler then runs here at once, in the main thread. So the name is chosen
        # and kept before the folder is made, and an exception removes what was made (empty).
        self.output.parent.mkdir(parents=True, exist_ok=True)
        try:
            with signals_held(placing=False):
                taken = self._ahead.take() if self._ahead is not None else None
                if taken is not None and os.path.dirname(taken[0]) == str(self.output.parent):
                    self._root, self._premade, self._hold = taken  # held since it was made
                    self.folder = Path(self._root)
                    self._folders.update(self._premade)
                    return self
                if taken is not None:  # begun for another folder: not this build's
                    remove_tree(taken[0])
                    let_go(taken[2])
                while True:
                    self._root = staging_name(self.output)
                    try:
                        os.mkdir(self._root, 0o700)  # private, as mkdtemp makes it
                        break
                    except FileExistsError:
                        self._root = ""
                    except OSError as exc:
                        # Named as the folder the user knows, not as a staging name never given.
                        self._root = ""
                        said = f"{exc.strerror}; the new site is written here first, beside {self.output.name}/"
                        raise OSError(exc.errno, said, str(self.output.parent)) from exc
                self.folder = Path(self._root)
                self._hold = hold(self._root)
        except BaseException:
            let_go(self._hold)
            self._hold = None
            if self._root:
                with contextlib.suppress(OSError):
                    os.rmdir(self._root)  # only if empty: never someone else's folder
            self._root = ""
            raise
        return self

    def write(self, file: OutputFile) -> None:
        # The staging folder is new, private (mkdtemp makes it 0700) and holds no links, so
        # a path that passes is_inside stays inside it: no need to resolve every page's path.
        # Tens of thousands of pages are written; each system call saved here counts.
        descriptor = self._create(file.path)
        try:
            view = memoryview(file.data)
            while view:
                view = view[os.write(descriptor, view) :]
        except OSError as exc:
            if exc.filename is None:  # a full disk says nothing of where: the page it was writing
                exc.filename = str(self.output / file.path)
            raise
        finally:
            os.close(descriptor)
        self._put[file.path] = len(file.data)

    def file_path(self, path: str) -> str:
        """Where the file ``path`` of the site lies while staged (a string: asked for every page)."""
        return os.path.join(self._root, path)

    def copy(self, path: str, source: Path, blanked: Iterable[Blanked] = ()) -> None:
        """Put a file of the sources (a download) at ``path``, copied piece by piece: a file of
        hundreds of megabytes is never held in memory whole. The ``blanked`` parts (a video's
        metadata) are written over with their headers and zeros."""
        descriptor = self._create(path)
        try:
            with open(source, "rb") as original, open(descriptor, "wb", closefd=False) as copied:
                shutil.copyfileobj(original, copied, COPY_PIECE)
            for blank in blanked:
                os.pwrite(descriptor, blank.header, blank.offset)
                for at in range(blank.offset + len(blank.header), blank.offset + blank.length, COPY_PIECE):
                    os.pwrite(descriptor, bytes(min(COPY_PIECE, blank.offset + blank.length - at)), at)
            self._put[path] = os.fstat(descriptor).st_size
        finally:
            os.close(descriptor)

    def _create(self, path: str) -> int:
        """A descriptor of the new, empty file ``path`` of the site, its folders made."""
        if not is_inside(path):
            raise UnsafeOutput(f"refusing to write '{path}'")
        self._make_folder(path)
        # O_EXCL: a path written twice is a bug in the page plan, never silently the last one.
        try:
            return os.open(os.path.join(self._root, path), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            raise UnsafeOutput(f"refusing to write '{path}' twice") from None

    def place(self, path: str, source: Path) -> None:
        """Put a file of the cache (an encoded image, a share card) at ``path``: a hard link,
        since cached files are written once under a name made from their content and never
        changed; a copy where links cannot be made."""
        if not self._link(path, str(source)):
            self.write(OutputFile(path, source.read_bytes()))

    def place_kept(self, path: str, source: str, size: int) -> bool:
        """Put a page kept by an earlier build at ``path`` (a hard link, or a copy across file
        systems); whether it could. The caller knows the file is what this build would write,
        and its ``size``."""
        if self._link(path, source, size):
            return True
        try:
            with open(source, "rb") as kept:
                data = kept.read()
        except OSError:  # removed since (another build's cache clean-up): render it
            return False
        self.write(OutputFile(path, data))
        return True

    def _link(self, path: str, source: str, size: int | None = None) -> bool:
        """Hard-link ``source`` (of ``size`` bytes, asked if not known) at ``path`` of the new
        site; False where links cannot be made."""
        if not is_inside(path):
            raise UnsafeOutput(f"refusing to write '{path}'")
        self._make_folder(path)
        target = os.path.join(self._root, path)
        try:
            os.link(source, target, follow_symlinks=False)
            if size is None:  # a file of the cache (an image, a card), made by a build of its own
                info = os.stat(target, follow_symlinks=False)
                if stat.S_IMODE(info.st_mode) != FILE_MODE:  # that build ran with another umask
                    os.chmod(target, FILE_MODE)
                size = info.st_size
            self._put[path] = size
        except FileExistsError:
            raise UnsafeOutput(f"refusing to write '{path}' twice") from None
        except OSError:
            return False
        return True

    def _make_folder(self, path: str) -> None:
        """Make the folder ``path`` lies in, and those above it, unless made already."""
        folder, _, _ = path.rpartition("/")
        self._used.add(folder)
        if folder in self._folders:
            return
        # One mkdir per new folder, its parents known from the set: os.makedirs would stat
        # and split the whole path again for each of thousands of page folders. The missing
        # ones are gathered in a loop, not by recursion (a static file may lie deep).
        missing = [folder]
        while (parent := missing[-1].rpartition("/")[0]) not in self._folders:
            missing.append(parent)
        for folder in reversed(missing):
            made = os.path.join(self._root, folder)
            try:
                os.mkdir(made)
            except FileExistsError:  # made by another worker; a file there is an error here, not later
                if not os.path.isdir(made):
                    raise
            self._folders.add(folder)
            self._made.append(folder)

    def handed(self) -> Handed:
        """The folders this process made and the files it put (path → size) since the last
        call: what a worker hands to the parent (see `learn`)."""
        handed = self._made, self._put, self._used
        self._made, self._put, self._used = [], {}, set()
        return handed

    def learn(self, handed: Handed) -> None:
        """What another process made and put (its `handed`): workers forked from here later
        do not try to make those folders again (each attempt is a system call that fails, slow
        on some file systems), and the marker's record of the files needs no listing of the
        folder (at 10,000 releases, a second after the last page)."""
        folders, files, used = handed
        self._folders.update(folders)
        self._files.update(files)
        self._used.update(used)

    def files(self) -> dict[str, int]:
        """Path → size of every file put into the folder by this process or handed to it."""
        return {**self._files, **self._put}

    def commit(
        self, *, finish: Callable[[Path], object] | None = None, keep: tuple[str, ...] = (), note: str = ""
    ) -> None:
        """Swap the new site in. ``finish(folder)`` runs on it first (the search indexer);
        ``keep`` names folders carried over from the previous output when the new one lacks them."""
        for name in keep:
            previous = self.output / name
            fresh = not (self.folder / name).exists()
            if fresh and previous.is_dir() and not previous.is_symlink() and is_inside(name):
                # Links are left behind: none leads out of the output into the next build.
                shutil.copytree(previous, self.folder / name, ignore=_links)
        if finish is not None:
            finish(self.folder)
        if note:  # a build that may be skipped next time records what it left, to see it is still there
            note += f"{OUTPUT_PREFIX}{manifest(self._left(finish is not None or bool(keep)))}\n"
        (self.folder / MARKER).write_text(f"{MARKER_TEXT}\n{note}")
        unused = self._remove_unused()
        make_readable(self.folder)
        # A build killed (SIGKILL, a CI job cancelled) left its staging folder: cleared here, once
        # no build can still be writing into it, or each such build would leave a site's copy.
        # Before the swap: an interruption meanwhile leaves the output as it was, as it says.
        remove_staging(self.output, older_than=LEFT_OVER_AGE)
        swap(self.folder, self.output, site=True)
        if self._ahead is not None and (unused or len(self._folders) != len(self._premade) + 1):
            self._ahead.record(self._folders.difference(("",), unused))

    def _remove_unused(self) -> set[str]:
        """Remove the folders made ahead that nothing of the new site lies in (a release deleted
        since the build that recorded them); return them."""
        removed = set()
        # Those below first: a folder holding only unused folders is unused too.
        for folder in sorted(set(self._premade) - self._used, reverse=True):
            with contextlib.suppress(OSError):  # not empty: it holds the folders of pages
                os.rmdir(os.path.join(self._root, folder))
                removed.add(folder)
        return removed

    def _left(self, indexed: bool) -> dict[str, int]:
        """Path → size of every file of the new site: those put through this writer, and
        (``indexed``) the search index, which Pagefind wrote into its own folder."""
        left = self.files()
        return with_index(left, self.folder) if indexed and (self.folder / SEARCH_BUNDLE).is_dir() else left

    def discard(self) -> None:
        remove_tree(self.folder)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if self._root and self.folder.exists():  # not committed: an error, or nobody called commit()
                self.discard()
        finally:
            let_go(self._hold)
            self._hold = None


def with_index(files: dict[str, int], folder: Path) -> dict[str, int]:
    """``files`` (path → size) with the search index's entries replaced by what ``folder``'s
    index folder holds now: Pagefind writes it, not this writer."""
    index = SEARCH_BUNDLE + "/"
    left = {path: size for path, size in files.items() if not path.startswith(index)}
    left.update((index + path, size) for path, size in output_files(folder / SEARCH_BUNDLE).items())
    return left


def _links(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if os.path.islink(os.path.join(folder, name))]


def make_readable(folder: Path) -> None:
    # mkdtemp creates a 0700 folder; a published site must be readable by the web server.
    folder.chmod(FOLDER_MODE)


def _unused_name(folder: Path, prefix: str) -> Path:
    """A name in ``folder`` that nothing has, in the form `remove_staging` knows. Nothing is made
    under it (as mkdtemp would, to be removed again): a signal taken by another thread, whose
    handler runs in the middle of this, then leaves nothing behind."""
    while True:
        name = folder / f"{prefix}{staging_letters()}"
        if not os.path.lexists(name):
            return name


def swap(staging: Path, output: Path, *, site: bool = False) -> None:
    """Put ``staging`` in the place of ``output`` and remove the old one; ``site``: ``output``
    is a whole site's folder, which must be ours (a search bundle inside one is not marked)."""
    # Ctrl-C or SIGTERM while the folders change places would leave the old site, or half of
    # it, beside the new one.
    with signals_held():
        # Checked again here, as late as can be: the folder the build was started for may have
        # been replaced by someone's own since (a preview server runs for hours), and the old
        # output is removed below.
        if site and not_ours(output):
            raise UnsafeOutput(f"output folder {output} was not made by this tool")
        if not output.exists():
            os.replace(staging, output)
            return
        retired = _unused_name(output.parent, f".{output.name}.old.")
        os.replace(output, retired)
        try:
            os.replace(staging, output)
        except BaseException:
            os.replace(retired, output)
            raise
        remove_tree(retired)
