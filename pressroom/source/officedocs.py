"""What an office document offered as a download still holds that its readers were not meant
to read: its comments and tracked changes.

A Word, Excel, PowerPoint or OpenDocument file keeps the remarks of those who worked on it,
and the words they deleted, until someone accepts the changes and deletes the comments; the
reader who downloads it sees them all in the margin. Such a file is offered all the same (the
editor may mean it), with a warning; so is an archive (a press kit) whose office documents or
PDFs hold them, naming those, up to `DEEPEST` archives deep. The file is read as the ZIP
archive it is, its parts streamed and bounded (`_MOST_READ`): a crafted archive that unpacks to
gigabytes is read no further than that, and one that is no archive, or a damaged one, is passed
over.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from pressroom.source.inside import DEEPEST, MOST_INNER
from pressroom.source.pdfdocs import comments_in

if TYPE_CHECKING:
    import zipfile

_MOST_READ = 256 << 20
"""Bytes unpacked at most from one document: far beyond any text, short of a ZIP bomb."""
_PIECE = 1 << 20
_OVERLAP = 64
"""Bytes of one piece kept for the next, so that a mark cut in two is found whole."""

_OFFICE = "application/vnd.openxmlformats-officedocument."
_COMMENTS = frozenset(
    (
        f"{_OFFICE}wordprocessingml.comments+xml",
        f"{_OFFICE}spreadsheetml.comments+xml",
        f"{_OFFICE}presentationml.comments+xml",
        "application/vnd.ms-powerpoint.comments+xml",
    )
)
"""The content types of Office's parts that hold comments (Word, Excel, PowerPoint, PowerPoint's
modern ones): an Excel comment in a thread is written in a part of these too, for older
programs, so its thread's own part is not counted again."""
_TEXTS = frozenset(
    f"{_OFFICE}wordprocessingml.{kind}+xml"
    for kind in ("document.main", "template.main", "header", "footer", "footnotes", "endnotes")
) | {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
"""The content types of a Word document's parts that hold its text, where changes are tracked."""
_REVISIONS = f"{_OFFICE}spreadsheetml.revisionLog+xml"
"""An Excel workbook's tracked changes (a shared workbook's revision log)."""
_OOXML_COMMENT = re.compile(rb"<(w:comment|comment|p:cm|p188:cm)[\s>]")
_OOXML_CHANGE = re.compile(rb"<w:(ins|del|moveFrom|moveTo)[\s>]")
"""A tracked insertion, deletion or move in a Word document's text."""
_OVERRIDE = re.compile(rb"<Override\b[^>]*>")
_ATTRIBUTE = re.compile(rb'(PartName|ContentType)\s*=\s*"([^"]*)"')
_MOST_TYPES = 1 << 20
"""Bytes of ``[Content_Types].xml`` read at most: a document's has a few kilobytes."""
ARCHIVED = ("zip", "docx", "docm", "dotx", "xlsx", "xlsm", "pptx", "pptm", "ppsx", "odt", "ods", "odp", "odg")
"""The suffixes of the office documents and archives an archive (a press kit) may hold."""
_ARCHIVED = re.compile(rf"\.({'|'.join(ARCHIVED)})$", re.IGNORECASE)
_ODF_COMMENT = re.compile(rb"<office:annotation[\s>]")
_ODF_CHANGE = re.compile(rb"<text:changed-region[\s>]")


class Remarks(NamedTuple):
    """What of its authors' remarks a document holds, which its readers read in the margin."""

    comments: int
    changes: bool
    """Whether it holds tracked changes."""
    inside: tuple[str, ...] = ()
    """Where an archive holds them: the documents in it (``presse/erklaerung.docx``)."""

    def __str__(self) -> str:
        said = [f"{self.comments:,} comment{'s' if self.comments != 1 else ''}"] if self.comments else []
        held = " and ".join([*said, *(["tracked changes"] if self.changes else [])])
        return f"{held} in {', '.join(self.inside)}" if self.inside else held


def hidden_remarks(path: Path | IO[bytes]) -> Remarks | None:
    """What of its authors' remarks the office document ``path`` (or the file open there) holds;
    None where it holds none, or is no office document."""
    # Loaded for a site that offers such a file (with bz2 and lzma, 2 ms), not by every build.
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return _remarks(archive)
    except unreadable_archive():
        return None


def unreadable_archive() -> tuple[type[BaseException], ...]:
    """What reading a damaged archive raises: a part's data that does not inflate (zlib.error), a
    part marked encrypted (RuntimeError), a compression zipfile does not know."""
    import zipfile
    import zlib

    return (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    )


def _remarks(archive: zipfile.ZipFile, budget: list[int] | None = None, depth: int = 0) -> Remarks | None:
    names = archive.namelist()
    budget = [_MOST_READ] if budget is None else budget
    comments = changed = 0
    if "content.xml" in names and "mimetype" in names:  # OpenDocument
        comments = _count(archive, "content.xml", _ODF_COMMENT, budget)
        changed = _count(archive, "content.xml", _ODF_CHANGE, budget, first=True)
    elif "[Content_Types].xml" in names:  # Office Open XML
        for name, kind in part_types(archive):
            if name not in names:
                continue
            if kind in _COMMENTS:
                comments += _count(archive, name, _OOXML_COMMENT, budget)
            elif kind in _TEXTS and not changed:
                changed = _count(archive, name, _OOXML_CHANGE, budget, first=True)
            elif kind == _REVISIONS:
                changed = 1
    elif depth < DEEPEST:  # another archive (a press kit): the documents in it
        return _remarks_inside(archive, budget, depth)
    return Remarks(comments, bool(changed)) if comments or changed else None


def _remarks_inside(archive: zipfile.ZipFile, budget: list[int], depth: int) -> Remarks | None:
    """What the PDFs, office documents and archives in ``archive`` hold, each named where it does."""
    import io
    import zipfile

    comments, changed, inside = 0, False, []
    for info in archive.infolist():
        pdf = info.filename.lower().endswith(".pdf")
        # Held whole to be read: as large as one written anew (`MOST_INNER`), no larger.
        if not (pdf or _ARCHIVED.search(info.filename)) or info.file_size > min(budget[0], MOST_INNER):
            continue
        try:
            data = archive.read(info)
            budget[0] -= len(data)
            if pdf:
                found = Remarks(count, changes=False) if (count := comments_in(data)) else None
            else:
                with zipfile.ZipFile(io.BytesIO(data)) as document:
                    found = _remarks(document, budget, depth + 1)
        except unreadable_archive():
            continue
        if found is not None:
            comments, changed = comments + found.comments, changed or found.changes
            inside += [f"{info.filename}/{name}" for name in found.inside] or [info.filename]
    return Remarks(comments, changed, tuple(inside)) if inside else None


def part_types(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Each part an Office document names in its ``[Content_Types].xml``, with its type: the
    parts' names are the writing program's own (``xl/comments1.xml``, ``xl/comments/comment1.xml``)."""
    with archive.open("[Content_Types].xml") as listed:
        text = listed.read(_MOST_TYPES)
    found = []
    for override in _OVERRIDE.findall(text):
        attributes = dict(_ATTRIBUTE.findall(override))
        name, kind = attributes.get(b"PartName", b""), attributes.get(b"ContentType", b"")
        found.append((name.decode("utf-8", "replace").lstrip("/"), kind.decode("ascii", "replace")))
    return found


def _count(archive: zipfile.ZipFile, name: str, mark: re.Pattern[bytes], budget: list[int], first: bool = False) -> int:
    """How often ``mark`` occurs in the part ``name`` (with ``first``: whether it does), read
    in pieces within what is left of ``budget``."""
    found = 0
    tail = b""
    with archive.open(name) as part:
        while budget[0] > 0 and (piece := part.read(min(_PIECE, budget[0]))):
            budget[0] -= len(piece)
            text = tail + piece
            # A mark that ends in the kept tail was counted with the piece before.
            found += sum(1 for hit in mark.finditer(text) if hit.end() > len(tail))
            if found and first:
                return 1
            tail = text[-_OVERLAP:]
    return found
