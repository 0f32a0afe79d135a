"""Files of the cache written whole: the one way a build, its workers and the preview server
put a file where another of them may be reading it at the same moment (an editor's files are
written all or none by `pressroom.base.allornone`); the cache's folders of other versions of
the generator removed; an input file read whole, only if
it is a plain file; files read ahead into the system's file cache; and a folder tree walked or
removed however deep it is."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import shutil
import stat
import threading
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def written_whole(path: Path) -> Iterator[IO[bytes]]:
    """A file to write ``path``'s bytes into, so that no reader ever sees half of them: a file
    beside it, named for this process, renamed over it when the block ends, removed if it
    raises. Processes writing the same file write the same bytes, so the last rename wins
    harmlessly."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (`written_whole`). Raises `OSError`, leaving nothing behind."""
    with written_whole(path) as stream:
        stream.write(data)


NOT_PLAIN = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a folder",
}


class NotPlainFile(OSError):
    """An input that is not a plain file: a named pipe, a socket, a device or a folder."""


def not_plain(mode: int) -> str | None:
    """What a file of this mode is, unless it is a plain file: "a named pipe", "a device", …"""
    return None if stat.S_ISREG(mode) else NOT_PLAIN.get(stat.S_IFMT(mode), "not a plain file")


def not_plain_at(path: str | os.PathLike[str]) -> str | None:
    """`not_plain` of what ``path`` names, links followed; None for a plain file and for one
    that cannot be looked at (a link to nowhere is reported where it is used)."""
    try:
        return not_plain(os.stat(path).st_mode)
    except OSError:
        return None


def read_plain(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the plain file at ``path``, read whole.

    Anything else raises `NotPlainFile` (an `OSError` whose ``strerror`` says what it is)
    without waiting on it: reading a named pipe that nobody writes to, or a device, would
    make a build wait forever or read without end. Opened without blocking, so that even
    opening a pipe returns at once; a plain file reads the same either way."""
    # Not through a file object: it asks for the file's status three times and reads once
    # more to find the end, for each of thousands of small files a build reads.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(descriptor)
        kind = not_plain(info.st_mode)
        if kind is not None:
            raise NotPlainFile(errno.EINVAL, f"{kind}, not a file", os.fsdecode(path))
        return _read_whole(descriptor, info.st_size)
    finally:
        os.close(descriptor)


def _read_whole(descriptor: int, size: int) -> bytes:
    """The bytes of the open plain file of ``size`` bytes: one read where it still has that size
    (a plain file reads short only at its end), else read on to its end (it grew or shrank)."""
    data = os.read(descriptor, size + 1)
    if len(data) == size:
        return data
    pieces = [data]
    while piece := os.read(descriptor, max(size, 1 << 16)):
        pieces.append(piece)
    return b"".join(pieces)


def digest_plain(path: str | os.PathLike[str], digest_size: int) -> bytes:
    """The BLAKE2b digest of the plain file at ``path`` (as `read_plain` refuses anything
    else), read piece by piece: a download of hundreds of megabytes is never held whole."""
    with open_plain(path) as stream:
        return digest_read(stream, digest_size)


def digest_read(stream: io.FileIO, digest_size: int) -> bytes:
    """The BLAKE2b digest of what is left to read of ``stream``, read piece by piece."""
    return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=digest_size)).digest()


def open_plain(path: str | os.PathLike[str]) -> io.FileIO:
    """The plain file at ``path``, opened for reading unbuffered; `NotPlainFile` for anything
    else (see `read_plain`)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        kind = not_plain(os.fstat(descriptor).st_mode)
    except BaseException:
        os.close(descriptor)
        raise
    if kind is not None:
        os.close(descriptor)
        raise NotPlainFile(errno.EINVAL, f"{kind}, not a file", os.fsdecode(path))
    return open(descriptor, "rb", buffering=0)


def copy_part(source: IO[bytes], target: IO[bytes], first: int, length: int, piece: int = 1 << 20) -> bool:
    """Copy ``length`` bytes of ``source`` from ``first`` to ``target``, ``piece`` bytes at a
    time (a large file is never held whole); whether they were all there (a file cut short
    meanwhile is not)."""
    source.seek(first)
    while length > 0:
        data = source.read(min(piece, length))
        if not data:
            return False
        target.write(data)
        length -= len(data)
    return True


READ_AHEAD_THREADS = 8
"""Files read at once by `read_ahead`: each read of a file the system's cache has let go waits on
the disk, and several waiting together cost hardly more than one."""


def read_ahead(paths: Sequence[str], threads: int = READ_AHEAD_THREADS) -> int:
    """Have each plain file of ``paths`` read into the system's file cache, in about that order,
    so that it is there when it is read in earnest; return how many were asked for. Where the
    system takes such a request (``posix_fadvise``), it reads the files in the background and
    the threads only wait to open them; elsewhere they read them. A path that is missing,
    unreadable or not a plain file is passed over."""
    # Shared: each thread takes the next path (a list's iterator hands them out one at a time
    # under the interpreter's lock; a generator would refuse a second thread).
    todo = iter(paths)
    threads = max(1, threads)
    counts = [0] * threads

    def read(slot: int) -> None:
        for path in todo:
            try:
                descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                info = os.fstat(descriptor)
                if stat.S_ISREG(info.st_mode):  # never a device, which reads without end
                    _read_into_cache(descriptor, info.st_size)
                    counts[slot] += 1
            except OSError:
                pass
            finally:
                os.close(descriptor)

    readers = [threading.Thread(target=read, args=(slot,), daemon=True) for slot in range(1, threads)]
    for reader in readers:
        reader.start()
    read(0)
    for reader in readers:
        reader.join()
    return sum(counts)


def in_cache(paths: Sequence[str]) -> bool:
    """Whether the first bytes of every file of ``paths`` are in the system's file cache, asked
    without reading them from the disk (``RWF_NOWAIT``); False for a file that is empty,
    missing or unreadable, or where the system cannot say."""
    nowait = getattr(os, "RWF_NOWAIT", None)
    if nowait is None or not hasattr(os, "preadv"):
        return False
    probe = bytearray(1)
    for path in paths:
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode) or os.preadv(descriptor, [probe], 0, nowait) != 1:
                return False
        except OSError:  # BlockingIOError: on the disk only; or a system that refuses the flag
            return False
        finally:
            os.close(descriptor)
    return True


def _read_into_cache(descriptor: int, size: int) -> None:
    if hasattr(os, "posix_fadvise"):
        # The system reads the file in the background: no bytes copied here, none waited for.
        os.posix_fadvise(descriptor, 0, size, os.POSIX_FADV_WILLNEED)
        return
    while size > 0 and (chunk := os.read(descriptor, min(size, 1 << 20))):
        size -= len(chunk)


def remove_other_folders(parent: Path, keep: Collection[Path]) -> None:
    """Remove every folder in ``parent`` but those in ``keep`` (a cache's folders for other
    versions of the generator). Links are left alone: one could lead anywhere. A folder that
    cannot be listed or removed only stays."""
    with contextlib.suppress(OSError):
        for other in parent.iterdir():
            if other not in keep and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)


def walk(top: str | os.PathLike[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk`, top down (the caller may prune ``dirs``), links to folders listed but not
    entered, unreadable folders passed by; but with a stack of its own instead of recursion:
    Python 3.11's recurses once per level, and a tree a thousand folders deep ended in a
    RecursionError."""
    pending = [os.fspath(top)]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        dirs, files, links = [], [], set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
                if entry.is_symlink():
                    links.add(entry.name)
            else:
                files.append(entry.name)
        yield folder, dirs, files
        pending += [os.path.join(folder, name) for name in reversed(dirs) if name not in links]


def remove_aside(path: str | os.PathLike[str], mark: str) -> None:
    """Remove the cache entry at ``path`` (a folder, a file or a link, never followed) by first
    renaming it, in one step, to ``.MARK.PID.NAME`` beside it: another process reading the cache
    finds the entry whole or not at all, never half removed."""
    folder, name = os.path.split(os.fspath(path))
    aside = os.path.join(folder, f".{mark}.{os.getpid()}.{name.lstrip('.')}")
    with contextlib.suppress(OSError):
        os.replace(path, aside)
        if stat.S_ISDIR(os.lstat(aside).st_mode):
            shutil.rmtree(aside, ignore_errors=True)
        else:  # rmtree refuses a file or a link: it was left beside the entry, named aside
            os.unlink(aside)


def remove_tree(top: str | os.PathLike[str]) -> None:
    """``shutil.rmtree(top, ignore_errors=True)``, also for a tree deeper than Python's recursion
    limit (a file a thousand folders down), removed from a stack of its own, entering no link. A
    signal whose handler raises meanwhile (a second Ctrl-C; a SIGTERM another thread took, whose
    handler runs at once, held or not) is raised once the tree, a build's own left-over, is gone."""
    stopped: BaseException | None = None
    while True:
        try:
            _remove_tree(top)
            break
        except Exception:
            raise
        except BaseException as exc:  # KeyboardInterrupt, or guard.Interrupted
            stopped = stopped or exc
    if stopped is not None:
        raise stopped


def _remove_tree(top: str | os.PathLike[str]) -> None:
    try:
        shutil.rmtree(top, ignore_errors=True)
    except RecursionError:
        _remove_deep_tree(os.fspath(top))


def _remove_deep_tree(top: str) -> None:
    if os.path.islink(top):
        return
    folders = []
    for folder, dirs, files in walk(top):  # links to folders are listed, never entered
        folders.append(folder)
        links = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        for name in files + links:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def file_in_the_way(path: Path, *, itself: bool = False) -> Path | None:
    """The first folder above ``path`` (and ``path`` too, if ``itself``) that is there but is
    not a folder: writing ``path`` would fail on it with a bare "File exists" or "Not a
    directory", which names neither the file nor what to do."""
    candidates = (path, *path.parents) if itself else path.parents
    return next((folder for folder in candidates if folder.exists() and not folder.is_dir()), None)
