"""The output folder as a build leaves it: the marker that makes it ours, the check that a
folder may be built into, and the manifest by which a later build sees a file deleted, added
or resized by hand since.

Apart from the writer, so that a command-line build can look at its folder (`intact_files`)
in another process before the modules that render and write are loaded.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import math
import os
import random
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from pressroom.base.files import file_in_the_way, remove_tree
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT

try:
    import fcntl
except ImportError:  # not a POSIX system: no holds; left-overs stay until removed by hand
    fcntl = None  # type: ignore[assignment]

MARKER = ".pressroom-site"
"""Marks a folder as ours, so the writer never replaces a folder it did not make."""
MARKER_TEXT = "built by pressroom; replaced whole on every build"
OUTPUT_PREFIX = "output: "


OUTPUT_FOLDER = "site"
"""Where a build writes unless told otherwise (``--output``)."""
FILE_MODE, FOLDER_MODE = 0o644, 0o755
"""Every file and folder of a built site, whatever the umask of the user who built it: a web
server running as another user must read them (GitHub Pages refuses a site that others
cannot read), and two builds of the same inputs are the same, their modes included."""
PUBLISHED_UMASK = 0o022
"""The umask a build runs with, so that what it and the programs it starts (Pagefind) make
gets `FILE_MODE` and `FOLDER_MODE`."""


@contextlib.contextmanager
def published_modes() -> Iterator[None]:
    """Run the block with `PUBLISHED_UMASK`, the caller's given back after it: a build, whose
    worker processes and Pagefind inherit it."""
    previous = os.umask(PUBLISHED_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


PREVIEW_FOLDER = ".preview"
"""Where ``serve`` builds unless told otherwise: a preview (drafts, relative URLs) must never
be what a later deploy of ``site/`` publishes."""


def staging_name(output: Path) -> str:
    """A new name beside the (resolved) ``output`` for a build to stage its site in, in the form
    `remove_staging` knows; nothing is made under it."""
    return os.path.join(output.parent, f".{output.name}.{staging_letters()}")


def staging_letters() -> str:
    """Eight letters as mkdtemp names its folders (and `remove_staging` knows them)."""
    return "".join(_CHOOSER.choices("abcdefghijklmnopqrstuvwxyz0123456789_", k=8))


_CHOOSER = random.SystemRandom()


def output_holding(root: Path, path: Path) -> Path | None:
    """The build output that ``path`` is or lies inside, if any: the site's own (``site/``,
    ``.preview/``) or any folder a build made (its marker). A build replaces that folder whole,
    so a file written there is lost, or else published with the site."""
    target, site = path.resolve(), root.resolve()
    for name in (OUTPUT_FOLDER, PREVIEW_FOLDER):
        if target == site / name or site / name in target.parents:
            return site / name
    return next((folder for folder in target.parents if (folder / MARKER).is_file()), None)


class UnsafeOutput(Exception):
    """The output folder cannot be used (not ours, or it holds the sources)."""


SOURCE_NAMES = ("templates", "locales", "site.yaml", CACHE_DIR, ".git")
"""What a site root holds beside ``content/`` that a build reads or keeps."""


def site_part_holding(root: Path, path: Path) -> str | None:
    """The part of the site at ``root`` (``content``, or one of `SOURCE_NAMES`) that ``path``
    is or lies inside, if any: no command may write there, or the next build would read what
    it wrote as the site's own content, templates, catalogs or settings."""
    target, site = path.resolve(), root.resolve()
    for name in ("content", *SOURCE_NAMES):
        # A folder that is a link (templates/ shared by two sites) holds what its target holds;
        # realpath, not resolve: a link to itself (a damaged cache folder) is no error here.
        for own in {site / name, Path(os.path.realpath(site / name))}:
            if target == own or own in target.parents:
                return name
    return None


BUNDLED_INPUTS = ("templates", "locales")
"""The engine's own folders that every build may read (a site without its own templates or
catalogs falls back on them) and the preview server watches."""


def bundled_part_holding(path: Path) -> Path | None:
    """The bundled templates or catalogs folder that ``path`` is or lies inside, if any: a
    build written there would be read as templates by the next, and a preview server, which
    watches them, would rebuild for ever."""
    target = path.resolve()
    for name in BUNDLED_INPUTS:
        own = (PROJECT_ROOT / name).resolve()
        if target == own or own in target.parents:
            return own
    return None


def broken_link(path: Path, other: str = "output folder") -> str | None:
    """What is wrong with a link that the output folder ``path`` is or lies under, if it leads
    nowhere (``other``: what to choose another of): a build through it made the folder it names,
    wherever that was, and a link that leads back to itself ended in a traceback."""
    path = path.absolute()
    for link in (path, *path.parents):
        if not os.path.islink(link) or os.path.exists(link):
            continue
        named = f"output folder {link}" if link == path else str(link)
        try:
            os.stat(link)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return f"{named} is a link that leads back to itself; choose another {other}"
        try:
            target = os.readlink(link)
        except OSError:  # no longer a link: as the build finds it
            continue
        return f"{named} is a link to {target}, which does not exist; make that folder first or choose another {other}"
    return None


def check_output_folder(output: Path, source_root: Path) -> None:
    link = broken_link(output)
    if link is not None:
        raise UnsafeOutput(link)
    output = output.resolve()
    source_root = source_root.resolve()
    if output == source_root or output in source_root.parents:
        raise UnsafeOutput(f"output folder {output} contains the site's sources")
    part = site_part_holding(source_root, output)
    if part == "content":
        raise UnsafeOutput(f"output folder {output} is inside content/; choose a folder outside it")
    if part is not None:
        where = "is" if output == source_root / part else "is inside"
        raise UnsafeOutput(f"output folder {output} {where} the site's {part}; choose a folder outside it")
    bundled = bundled_part_holding(output)
    if bundled is not None:
        where = "is" if output == bundled else "is inside"
        raise UnsafeOutput(
            f"output folder {output} {where} the bundled {bundled.name} folder; choose a folder outside it"
        )
    blocking = file_in_the_way(output)
    if blocking is not None:
        raise UnsafeOutput(f"{blocking} is a file, not a folder; choose another output folder")
    if output.exists() and not output.is_dir():  # else "not made by this tool", true but no help
        raise UnsafeOutput(f"output folder {output} is a file, not a folder; choose another output folder")
    if source_root in output.parents and (output / "content").exists():
        raise UnsafeOutput(f"output folder {output} holds content files")
    if not_ours(output):
        raise UnsafeOutput(
            f"output folder {output} exists and was not made by this tool; choose another folder or remove it"
        )


def not_ours(output: Path) -> bool:
    """Whether ``output`` holds something a build must not replace: a file, or a folder with
    files but without our marker. Asked before every replacement, not only when a command
    starts: the preview server runs for hours, and an editor's own folder may take the place
    of its output meanwhile."""
    try:
        if not output.exists():
            return False
        if not output.is_dir():
            return True
        with os.scandir(output) as entries:
            empty = next(entries, None) is None
        return not empty and not (output / MARKER).is_file()
    except OSError:  # cannot be looked at: it cannot be known to be ours
        return True


def output_files(folder: Path) -> dict[str, int]:
    """Path → size of every file in a built folder but its marker. Cheap: one directory
    listing and one ``stat`` per file, no file is read."""
    files = {}
    pending = [str(folder)]
    base = len(str(folder)) + 1
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.path[base:] != MARKER:
                    files[entry.path[base:]] = entry.stat(follow_symlinks=False).st_size
    return files


def manifest(files: Mapping[str, int]) -> str:
    """A hash of the paths and sizes of a folder's files: a file deleted, added or changed in
    size by hand changes it. Not the modification times: two builds of the same inputs must
    be byte for byte the same, their marker included."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update("".join(f"{path}\0{files[path]}\n" for path in sorted(files)).encode())
    return digest.hexdigest()


def intact_files(output: Path) -> dict[str, int] | None:
    """The files of a built folder (see `output_files`) if it still holds what its build left."""
    try:
        lines = (output / MARKER).read_text(encoding="utf-8").splitlines()
        recorded = next(line.removeprefix(OUTPUT_PREFIX) for line in lines if line.startswith(OUTPUT_PREFIX))
        files = output_files(output)
    except (OSError, StopIteration, UnicodeDecodeError):
        return None
    return files if manifest(files) == recorded else None


def output_intact(output: Path) -> bool:
    """Whether a built folder still holds the files its build left."""
    return intact_files(output) is not None


LEFT_OVER_AGE = 60.0
"""Seconds since a staging folder last changed (its own entries, or its name: a retired output
is renamed) after which a build takes it for a left-over if no build holds it (`hold`): a
build takes its hold a moment after it makes the folder, never a minute."""


def hold(folder: str) -> int | None:
    """An exclusive ``flock`` on ``folder``, held while the descriptor returned is open (None
    where none can be taken): the kernel lets go of it when the build ends, however it ends,
    so a later build tells a killed build's staging folder from a running one's at once."""
    return _locked(folder, exclusive=True)


def let_go(held: int | None) -> None:
    """Let go of a hold (`hold`'s descriptor; None: nothing held)."""
    if held is not None:
        with contextlib.suppress(OSError):
            os.close(held)


def is_held(path: str) -> bool:
    """Whether a build holds the folder at ``path``; True where that cannot be told (a file
    system without locks, a system without ``flock``): such a folder is left as it is."""
    descriptor = _locked(path, exclusive=False)
    if descriptor is None:
        return True
    os.close(descriptor)  # and with it the shared lock it took to see that nobody holds it
    return False


def _locked(path: str, *, exclusive: bool) -> int | None:
    """A descriptor of the folder at ``path`` with an ``flock`` on it, if one can be had at once."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def remove_staging(output: Path, older_than: float | None = None) -> None:
    """Remove the staging folders (``.NAME.xxxxxxxx``), retired outputs (``.NAME.old.xxxxxxxx``)
    and search bundles of a quick rebuild (``.NAME.index.xxxxxxxx``) that builds into ``output``
    left beside it: a build ended by SIGKILL, or a preview server's rebuild cut short, never
    reached the clean-up of its own. Only folders of exactly the names `StagedSite`,
    `writer.swap` and the quick rebuild give (``mkdtemp``'s eight letters) and of this user are
    removed; the caller makes sure no build into ``output`` is running, or gives ``older_than``:
    then only folders unchanged for that many seconds that no build holds (`hold`) are removed.
    (A retired output is never held: the swap that retires it renames it, which counts as a change.)"""
    output = output.resolve()
    remove_left_over(output.parent, re.escape(f".{output.name}.") + r"(?:old\.|index\.)?", older_than)


def remove_left_over(place: Path, prefix: str, older_than: float | None = None) -> None:
    """Remove this user's folders in ``place`` named ``prefix`` (a regular expression) and
    `staging_letters`; with ``older_than``, only those unchanged for that many seconds that no
    build holds (`hold`): a younger one may be a build's at work now."""
    before = time.time() - older_than if older_than is not None else math.inf
    ours = re.compile(prefix + r"[a-z0-9_]{8}")
    try:
        with os.scandir(place) as entries:
            left = [entry for entry in entries if ours.fullmatch(entry.name)]
    except OSError:  # no such folder yet, or not readable: nothing of ours can be there
        return
    for entry in left:
        with contextlib.suppress(OSError):
            facts = entry.stat(follow_symlinks=False)
            # ctime: a rename sets it (an output just retired keeps its old mtime), as a new entry does.
            changed = max(facts.st_mtime, facts.st_ctime)
            mine = entry.is_dir(follow_symlinks=False) and facts.st_uid == os.getuid()
            if mine and changed < before and (older_than is None or not is_held(entry.path)):
                remove_tree(entry.path)
