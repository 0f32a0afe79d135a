"""Single pages of a built site replaced in place: the quick rebuilds of an edit.

A full build stages a whole new site and swaps it in (`writer.StagedSite`); a rebuild of an
edit writes only the pages it changed into the site as it stands. Every changed page is first
written beside its old self, and only when all are written do they take their places: a disk
that fills up, a quota or a file size limit meanwhile leaves the site as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.files import read_plain, remove_tree, write_whole
from pressroom.base.guard import signals_held
from pressroom.model.routing import SEARCH_BUNDLE, is_inside
from pressroom.output.folder import FILE_MODE, MARKER, MARKER_TEXT, OUTPUT_PREFIX, UnsafeOutput, manifest
from pressroom.output.render import OutputFile
from pressroom.output.writer import make_readable, swap, with_index


@dataclass(frozen=True, slots=True)
class Record:
    """What a command-line rebuild records in the marker of the folder it rewrites."""

    inputs: str
    """The line naming the inputs it built."""
    files: Mapping[str, int]
    """Path → size of each file the folder held before (see `intact_files`)."""


def replace_pages(
    output: Path, files: list[OutputFile], record: Record | None = None, bundle: Path | None = None
) -> int:
    """Write single pages of a built site in place (quick rebuilds); return how many changed.

    Each file is written beside its old self and renamed over it, so a reader never gets half
    a page; files whose bytes are the same are left alone; no file is renamed before every one
    is written. The marker then loses its record of the build's inputs, so a rewrite cut short
    is never taken for a finished build. With ``record`` (a command-line rebuild, whose pages
    are then exactly what a full build of those inputs gives), the marker records them again,
    and Ctrl-C waits until it has; the preview server's folder keeps no record. ``bundle``: a
    search index made for the new pages, beside the folder, put in place of its
    `SEARCH_BUNDLE` with the pages."""
    output = output.resolve()
    if not (output / MARKER).is_file():
        raise UnsafeOutput(f"output folder {output} was not made by this tool")
    targets = []
    for file in files:
        if not is_inside(file.path):
            raise UnsafeOutput(f"refusing to write '{file.path}'")
        target = output / file.path
        if output not in target.resolve().parents:
            raise UnsafeOutput(f"refusing to write '{file.path}' outside the output folder")
        targets.append((target, file.data))
    written, made = _written_beside(targets)
    with signals_held() if record is not None else contextlib.nullcontext():
        try:
            write_whole(output / MARKER, f"{MARKER_TEXT}\n".encode())
        except BaseException:  # the disk full by now, the folder read-only: nothing taken its place yet
            _take_back(written, made)
            raise
        for temporary, target in written:
            os.replace(temporary, target)
        if bundle is not None:
            make_readable(bundle)  # made by mkdtemp, 0700, as a full build's staging folder
            swap(bundle, output / SEARCH_BUNDLE)
        if record is not None:
            left = dict(record.files)
            left.update((file.path, len(file.data)) for file in files)
            if bundle is not None:
                left = with_index(left, output)
            note = f"{record.inputs}{OUTPUT_PREFIX}{manifest(left)}\n"
            write_whole(output / MARKER, f"{MARKER_TEXT}\n{note}".encode())
    return len(written)


def _written_beside(targets: list[tuple[Path, bytes]]) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(``.NAME.new``, its page) for each page whose bytes change, the new file written, and
    the folders made for them; if one cannot be written, those written and the folders made
    for them are removed again and the error, naming the page, is raised."""
    written: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for target, data in targets:
            try:
                if read_plain(target) == data:
                    continue
            except OSError:  # missing, or no plain file (never waited on): written over
                pass
            if not target.parent.is_dir():
                top = target.parent
                while not top.parent.is_dir():
                    top = top.parent
                made.append(top)
                target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.new")
            written.append((temporary, target))
            try:
                temporary.write_bytes(data)
            except OSError as exc:
                exc.filename = exc.filename or str(target)  # a full disk says nothing of where
                raise
            temporary.chmod(FILE_MODE)
    except BaseException:
        _take_back(written, made)
        raise
    return written, made


def _take_back(written: list[tuple[Path, Path]], made: list[Path]) -> None:
    """Remove the new files written beside their pages and the folders made for them."""
    for temporary, _ in written:
        with contextlib.suppress(OSError):
            temporary.unlink()
    for folder in made:
        remove_tree(folder)
