"""An editor's files (content, exchange files, reports) written all or none: a command that
writes several files (``new``, ``import``, ``export``, ``confirm``, ``status --html``) leaves
either every one of them written or every one as it was, never one cut short by a full disk,
a quota or a file size limit, and no folder it made for them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path


class WriteFailed(OSError):
    """A file of `write_all` that could not be written; ``filename`` is the file meant (not a
    temporary one), ``strerror`` the reason. Nothing `write_all` was given has changed."""


def write_all(files: Sequence[tuple[Path, bytes]], *, new: bool = False) -> None:
    """Write every ``(path, data)`` whole, or none of them: each into a temporary file beside it,
    flushed to the disk, and only when all are written are they renamed into place. A write
    that fails (a full disk, a quota, a file size limit) then leaves the files as they were,
    never cut short; a rename that fails puts back those already renamed. ``new``: the files
    must not exist yet; one that does is not replaced. A replaced file keeps its permissions,
    and a link is written through to its file, as writing it in place would. Folders made for
    the files are removed again on a failure. Raises `WriteFailed`."""
    staged: list[tuple[Path, Path]] = []
    placed: list[tuple[Path, Path | None, bool]] = []  # file, its old self, whether it was there
    made: list[Path] = []
    current = files[0][0] if files else Path()
    try:
        for number, (path, data) in enumerate(files):
            current = path
            target = path.resolve() if path.is_symlink() else path
            _make_parents(target.parent, made)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.{number}")
            staged.append((temporary, target))
            _write_synced(temporary, data, None if new else target)
        for (temporary, target), (path, _) in zip(staged, files, strict=True):
            current = path
            existed = os.path.lexists(target)
            kept = _kept_aside(target, temporary) if existed and not new else None
            try:
                _place(temporary, target, new)
            except BaseException:
                if kept is not None:
                    kept.unlink()
                raise
            placed.append((target, kept, existed))
        for _, kept, _ in placed:
            if kept is not None:
                with contextlib.suppress(OSError):
                    kept.unlink()
    except BaseException as exc:
        _undo(staged, placed, made)
        if isinstance(exc, OSError):
            raise WriteFailed(exc.errno, exc.strerror or str(exc), os.fspath(current)) from exc
        raise


def _kept_aside(target: Path, temporary: Path) -> Path | None:
    """A second name for the file ``target`` still is (a hard link, no copy), to put it back if a
    later rename fails; None where there is no such file or the file system has no links."""
    kept = temporary.with_name(temporary.name + ".old")
    try:
        os.link(target, kept, follow_symlinks=False)
    except OSError:
        return None
    return kept


def _undo(staged: list[tuple[Path, Path]], placed: list[tuple[Path, Path | None, bool]], made: list[Path]) -> None:
    for temporary, _ in staged:
        with contextlib.suppress(OSError):
            temporary.unlink()
    for target, kept, existed in reversed(placed):
        with contextlib.suppress(OSError):
            if kept is not None:
                os.replace(kept, target)
            elif not existed:
                target.unlink()
            # (a file that was there, on a file system without links, keeps its new text, whole)
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _make_parents(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and the folders above it that are missing, each added to ``made`` as it
    is made (outermost first), so that a failure halfway still knows what to remove."""
    for parent in (*reversed(folder.parents), folder):
        if not parent.is_dir():
            parent.mkdir()  # a file in the way fails here, as it should
            made.append(parent)


def _write_synced(temporary: Path, data: bytes, replacing: Path | None) -> None:
    with open(temporary, "wb") as stream:
        stream.write(data)
        stream.flush()
        # On the disk before the rename: a crash must not leave the new name on an empty file.
        os.fsync(stream.fileno())
        if replacing is not None:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(stream.fileno(), stat.S_IMODE(os.stat(replacing).st_mode))


def _place(temporary: Path, target: Path, new: bool) -> None:
    if not new:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails where a file of that name appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(target)) from None
        os.replace(temporary, target)
        return
    temporary.unlink()
