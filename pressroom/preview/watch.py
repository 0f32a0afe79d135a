"""What the preview server watches, and how file events become rebuilds.

Owns the file watcher (watchdog): which folders and files are the site's inputs, the editors'
scratch files that are not, the debounce that turns a burst of events into one rebuild, and
the watches themselves, kept in step with the folders as they are now. The site root is
watched on its own (not its subfolders), so an input folder deleted and made again (a ``git
checkout``, ``mv content x && mv x content``) or a site's own ``templates/`` or ``locales/``
made while serving is seen, and watched from then on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from pressroom.base.errors import Problems
from pressroom.source.config import CONFIG_NAME, PROJECT_ROOT, load_config, template_dirs

INPUT_FOLDERS = ("content", "templates", "locales")
"""The folders of a site root a build reads (beside ``site.yaml``)."""
DEBOUNCE_SECONDS = 0.08
"""Quiet time after the last file event before rebuilding: one save often makes several events."""
# Files editors' tools create next to the real ones while saving; they never affect the site,
# and each of their events would otherwise start a rebuild (a full one, when they vanish).
_SCRATCH = re.compile(
    r"""
      .*~                           # backups: Emacs, Vim, gedit, Kate
    | .*\.sw[px] | \..+\.sw[a-o]    # Vim's swap files (.x.md.swp, then .swo, .swn, ...; .swx probes)
    | \#.*\#                        # Emacs auto-saves
    | \.\#.*                         # Emacs lock links
    | \.goutputstream-.*            # GNOME's (gedit's) saves
    | .*___jb_(?:tmp|old)___        # JetBrains IDEs' safe writes
    | .*\.kate-swp                  # Kate's swap files
    | sed[A-Za-z0-9]{6}             # sed -i
    | .*\.(?:tmp|part|crdownload)   # downloads and tools' temporary copies
    | \.~lock\..*\#                 # LibreOffice's lock, while a document is open
    | \.DS_Store | \._.*             # macOS's Finder: folder settings, AppleDouble files
    | (?i:Thumbs\.db|desktop\.ini)    # Windows' Explorer: thumbnails, folder settings
    """,
    re.VERBOSE,
)
VIM_PROBE, VIM_PROBE_STEP = 4913, 123
"""Vim tries whether it may write a folder by making the file ``4913`` in it (``4913 + 123 * n``
if that one exists)."""


def scratch_file(name: str) -> bool:
    """Whether a file of this name is an editor's scratch file, never an input of the site."""
    if name.isascii() and name.isdigit():
        number = int(name)
        return number >= VIM_PROBE and (number - VIM_PROBE) % VIM_PROBE_STEP == 0
    return _SCRATCH.fullmatch(name) is not None


def input_folders(root: Path) -> list[Path]:
    """The folders whose change can change the site, as they are now: its content, its own
    templates and catalogs (or the bundled ones it falls back on) and the bundled templates."""
    config = load_config(root, Problems())
    folders = [root / "content", config.locales_dir, *template_dirs(config)]
    return [folder for folder in folders if folder.is_dir()]


class ChangeWatcher(FileSystemEventHandler):
    """Turns bursts of file events under the site's inputs into one rebuild each, handed to
    the thread that asks for the next (`burst`): the main thread, where Ctrl-C and SIGTERM
    land, so that a rebuild they stop unwinds like a command-line build (its staging folder
    removed, its worker processes ended)."""

    def __init__(self, root: Path) -> None:
        site = root.resolve()
        self.root = site
        self.inputs = {site / name for name in INPUT_FOLDERS} | {PROJECT_ROOT / "templates", PROJECT_ROOT / "locales"}
        """Folders whose events count, whether they exist yet or not (see `Watch.sync` for links)."""
        self.files = {site / CONFIG_NAME}
        self._event = threading.Condition()
        self._last = 0.0
        """When the latest relevant event came (`time.monotonic`)."""
        self._changed: set[Path] = set()
        self._made: set[Path] = set()
        """Paths that this burst of events made first: if they are gone by its end, they were
        an editor's temporary files, not inputs."""

    def relevant(self, raw: str | bytes) -> bool:
        # realpath, unlike Path.resolve, does not raise on a link loop: an editor may make one
        # while the server runs, and an exception here would end the watcher thread for good.
        path = Path(os.path.realpath(raw if isinstance(raw, str) else os.fsdecode(raw)))
        if scratch_file(path.name):
            return False
        return path in self.files or any(folder == path or folder in path.parents for folder in self.inputs)

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._noticed(event)
        except Exception as exc:  # the watcher must outlive anything a file system shows it
            print(f"watcher: ignored an event it could not read ({exc})", file=sys.stderr, flush=True)

    def _noticed(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        # Editors that save by writing a temporary file and renaming it show up as a move.
        source, target = event.src_path, getattr(event, "dest_path", "") or ""
        made = target if event.event_type == "moved" else source if event.event_type == "created" else ""
        hits = [_path(p) for p in (source, target) if p and self.relevant(p)]
        if not hits:
            return
        with self._event:
            if made and _path(made) in hits and _path(made) not in self._changed:
                self._made.add(_path(made))
            self._changed.update(hits)
            self._last = time.monotonic()
            self._event.notify_all()

    def wake(self) -> None:
        """Have `burst` ask its ``idle`` now, not at the next second: what it waits for is done."""
        with self._event:
            self._event.notify_all()

    def burst(self, idle: Callable[[], str | None] = lambda: None) -> tuple[str, frozenset[Path]]:
        """Wait until files changed and `DEBOUNCE_SECONDS` passed without another event; what
        to call the rebuild, and the changed inputs (an editor's temporary files left out).
        ``idle``, asked each second no file changed (and when woken): a reason to build all the
        same, if any."""
        with self._event:
            while True:
                quiet = self._last + DEBOUNCE_SECONDS - time.monotonic()
                if not self._changed and (reason := idle()) is not None:
                    return reason, frozenset()
                if not self._changed or quiet > 0:
                    # Woken by each event; the timeout also lets Ctrl-C in on any platform.
                    self._event.wait(quiet if self._changed else 1.0)
                    continue
                transient = {path for path in self._made if not os.path.lexists(path)}
                paths = frozenset(self._changed - transient)
                self._changed.clear()
                self._made.clear()
                if paths:
                    names = sorted({path.name for path in paths})
                    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
                    return f"changed {shown}", paths


class Watch:
    """The observer and its watches: the site root on its own, each input folder with all it
    holds. Started before the first build, so that an edit made while it runs is seen."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.handler = ChangeWatcher(root)
        self.observer = Observer()
        self._folders: dict[Path, tuple[ObservedWatch, tuple[int, int]]] = {}
        """Each watched folder, its watch, and the folder's identity (device, inode) when watched."""

    def start(self) -> None:
        # A language folder moved out of content/ and back (a branch switched, a folder dragged
        # away and back) keeps the kernel's watch on it: watchdog watches it again, says so in
        # a screenful of its own state per sub-folder, and goes on watching it as it should.
        warnings.filterwarnings("ignore", r"Callback with id .* already exists", RuntimeWarning, r"watchdog\.")
        self.observer.schedule(self.handler, str(self.root), recursive=False)  # site.yaml, the folders' names
        self.sync()
        self.observer.start()

    @property
    def count(self) -> int:
        """How many input folders are watched."""
        return len(self._folders)

    def sync(self, changed: frozenset[Path] = frozenset()) -> bool:
        """Watch the input folders as they are now: one made since gets a watch, one gone loses
        its own, one replaced (another folder under its name, or ``changed`` names the folder
        itself: moved away and back) is watched anew. Whether anything was; if so, only a full
        build knows what the folders hold now."""
        site = self.root.resolve()
        moved = {path for path in changed if path.parent in (site, self.root) and path.name in INPUT_FOLDERS}
        wanted = {}
        for folder in input_folders(self.root):
            try:
                found = folder.stat()
            except OSError:  # gone again since it was listed: its own event syncs again
                continue
            wanted[folder] = (found.st_dev, found.st_ino)
        altered = False
        for folder, (watch, identity) in list(self._folders.items()):
            if wanted.get(folder) != identity or folder.resolve() in moved or folder in moved:
                # A watch whose folder was deleted may have ended by itself already.
                with contextlib.suppress(KeyError, OSError):
                    self.observer.unschedule(watch)
                del self._folders[folder]
                altered = True
        for folder, identity in wanted.items():
            if folder in self._folders:
                continue
            try:
                watch = self.observer.schedule(self.handler, str(folder), recursive=True)
            except OSError:
                continue
            self._folders[folder] = (watch, identity)
            self.handler.inputs.add(Path(os.path.realpath(folder)))  # a folder that is a link
            altered = True
        return altered

    def stop(self) -> None:
        if self.observer.is_alive():
            # An event that comes while it stops (a file saved, the search index's folders
            # removed) watchdog logs as an error "called when the thread is inactive": no news to
            # an editor who stopped the preview, the last line they would read.
            logging.getLogger("watchdog.observers.inotify").disabled = True
            self.observer.stop()
            self.observer.join(timeout=2)


def _path(raw: str | bytes) -> Path:
    return Path(raw if isinstance(raw, str) else os.fsdecode(raw))
