"""Files offered for download (``downloads:`` in front matter): whether one may be published, and
what the page says of it.

A download is published as the editor gave it, but for an image's metadata (`stripping`): the
page names its type and the size of the file a reader gets, so an image's size is that of its
bytes with the metadata taken out, known before any page is rendered. An image whose metadata
can be taken out neither losslessly nor by decoding its pixels (damaged, cut short) is refused
here, with the places that name it: it would otherwise have gone out as it was, with the GPS
position a phone wrote into it. A video or sound recording in an ISO media file (MP4, MOV,
M4A) is published with its metadata boxes blanked (`isomedia`), and refused where they cannot
be found. A PDF is published written anew without its metadata (`pdfdocs`), and refused
where it cannot be read; an office document without its properties and its pictures' metadata
(`officeprops`), or as it is where they cannot be taken out. An office document or a PDF that
still holds its authors' comments or tracked changes (`officedocs`), or a PDF that holds
scripts, is offered, and warned of. What was found of a document is kept in the cache by its
bytes' digest: a press kit of hundreds of megabytes is read again only when it changes.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from pressroom.base.digestrecords import keep, recalled, record_path
from pressroom.base.errors import changed_while_building
from pressroom.base.files import digest_read, open_plain, read_plain, written_whole
from pressroom.source.cacheuse import PROBED_DIR
from pressroom.source.content import media_shown
from pressroom.source.imagebytes import DAMAGED
from pressroom.source.imagekinds import KIND_HEAD, metadata_kept_in
from pressroom.source.isomedia import Blanked, IsoMediaError, is_iso_media, metadata_blanks
from pressroom.source.media import IMAGE_FORMATS, MEDIA_DIGEST_SIZE, MediaError, empty_file, image_digest, resolve
from pressroom.source.officedocs import Remarks, hidden_remarks
from pressroom.source.officeprops import OFFICE_FORMAT, publish_office, without_metadata
from pressroom.source.pdfdocs import PDF_FORMAT, PDF_HEAD, PdfProblem, is_pdf, publish_pdf
from pressroom.source.reencoding import encoded_again
from pressroom.source.stripping import STRIPPED_FORMATS, STRIPPING_FORMAT, image_format, stripped_image

REFUSED_DOWNLOADS = {
    *(".html", ".htm", ".shtml", ".shtm", ".xhtml", ".xht", ".mht", ".mhtml"),
    # .rng: mime-db, by which GitHub Pages types files, calls it application/xml
    *(".svg", ".svgz", ".xml", ".xsl", ".xslt", ".xsd", ".rng", ".rdf", ".rss", ".atom"),
    *(".js", ".mjs", ".cjs", ".wasm"),
}
"""Suffixes a browser (or a static server's types) would open as a page of the site, with its
scripts: HTML, XML (an XSL stylesheet or a feed can carry script), JavaScript."""

_ZIP = b"PK\x03\x04"
"""The start of a ZIP archive: an office document (Word, Excel, PowerPoint, OpenDocument)."""
_RECORD = ".download"
"""Sets a download's record apart from the probe's of the same bytes (a lead photo offered in
the downloads too): ``xx/digest.download``."""


@dataclass(frozen=True, slots=True)
class DownloadInfo:
    """A file offered for download: what the page says about it."""

    name: str
    path: Path
    size: int
    """Bytes of the file as published: an image's without its metadata."""
    kind: str
    """The type as readers know it: the suffix in capitals (``PDF``, ``XLSX``); an image's
    format where its suffix names another (a JPEG saved as ``.png`` is ``JPEG``)."""
    digest: str | None = None
    """An image's or a document's written anew (`anew`): the digest of its bytes as loaded
    (`image_digest`), by which its file without metadata is kept in the cache, and found changed
    if it is other when published; None for any other file."""
    better_name: str = ""
    """For an image whose suffix names another format: its name with its own format's suffix."""
    blanked: tuple[Blanked, ...] = ()
    """A video's or recording's metadata, published as zeros (`isomedia.metadata_blanks`)."""
    remarks: Remarks | None = None
    """An office document's or a PDF's comments and tracked changes, as the warning names them."""
    anew: str = ""
    """What is published written anew without its metadata: ``pdf`` (`pdfdocs`), ``office``
    (`officeprops`); "" for a file published as it is, or an image."""
    lifted: bool = False
    """A PDF's: whether it was saved with restrictions (no printing, no copying), published without them."""
    scripts: bool = False
    """A PDF's: whether it holds scripts, which readers' programs run or ask about when it is opened."""


def download(root: Path, name: str, cache: Path | None = None) -> DownloadInfo:
    """Check that the download ``name`` exists, stays in the media folder, is no page in
    disguise and, if an image or a PDF, can be published without its metadata. With a ``cache``
    folder, what was found of an image's or a document's bytes before is taken from there."""
    path = resolve(root, name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in REFUSED_DOWNLOADS or not suffix:
        why = "has no type suffix (.pdf, .xlsx, …)" if not suffix else f"is {suffix[1:].upper()}, which browsers run"
        raise MediaError(f"{media_shown(name)} {why}; it is not offered as a download")
    size = path.stat().st_size
    if not size:  # readers downloaded nothing, listed as "PDF, 0 kB"
        raise MediaError(empty_file(media_shown(name), "document"))
    with open(path, "rb") as file:  # a plain file: anything else has no size
        head = file.read(max(KIND_HEAD, PDF_HEAD))
    if (kept := metadata_kept_in(head)) is not None:
        raise MediaError(
            f"{media_shown(name)} is a {kept}, whose metadata (where a photo was taken, the camera's"
            " serial number) pressroom cannot take out, so it is not offered as a download: export it as JPEG or PNG"
        )
    digest, kind, better_name, blanked, remarks = None, suffix[1:].upper(), "", (), None
    if is_iso_media(head):
        blanked = _blanks_of(name, path)
    elif head.startswith(_ZIP):
        written, anew_size, said = _published_anew(name, path, cache, "office")
        remarks = Remarks(*said) if said else None
        if anew_size is not None:
            return DownloadInfo(name, path, anew_size, kind, written, remarks=remarks, anew="office")
    elif is_pdf(head):
        digest, size, (comments, lifted, scripts) = _published_anew(name, path, cache, "pdf")  # type: ignore[misc]
        remarks = Remarks(comments, changes=False) if comments else None
        return DownloadInfo(name, path, size, kind, digest, remarks=remarks, anew="pdf", lifted=lifted, scripts=scripts)
    if (fmt := image_format(head)) is not None:  # only an image is read whole: a PDF may be hundreds of megabytes
        data = read_plain(path)
        digest = image_digest(data)
        size = _published_size(name, data, digest, cache)
        if suffix not in STRIPPED_FORMATS[fmt]:
            kind, better_name = IMAGE_FORMATS[fmt], str(PurePosixPath(name).with_suffix(STRIPPED_FORMATS[fmt][0]))
    return DownloadInfo(name, path, size, kind, digest, better_name, blanked, remarks)


def _blanks_of(name: str, path: Path) -> tuple[Blanked, ...]:
    """What of the video or recording ``name`` at ``path`` is published blanked; refused where
    its metadata cannot be found."""
    try:
        return metadata_blanks(path)
    except IsoMediaError as exc:
        raise MediaError(
            f"{media_shown(name)} {exc}, so its metadata (where it was filmed, which phones write into it)"
            " cannot be taken out and it is not offered as a download: export it again"
        ) from None


ANEW_FORMATS = {"pdf": PDF_FORMAT, "office": OFFICE_FORMAT}
"""The version of what each kind of document written anew is published as (`write_anew`)."""


def write_anew(anew: str, source: IO[bytes], target: IO[bytes]) -> tuple | None:
    """Write the document read from ``source`` to ``target`` as it is published, written anew as
    ``anew`` (`DownloadInfo.anew`): what the editor is told of it (a PDF's comments, lifted
    restrictions and scripts); None where it is published as it is. `PdfProblem` for a PDF that
    cannot be read."""
    if anew == "pdf":
        return tuple(publish_pdf(source, target, without_metadata))
    return () if publish_office(source, target) else None


def _published_anew(name: str, path: Path, cache: Path | None, anew: str) -> tuple[str | None, int | None, tuple]:
    """The digest of the document ``name`` at ``path`` and the size of the file published of it
    written anew (`write_anew`), both None where it is published as it is, and what the editor
    is told of it (a PDF's `Found`, an office document's or archive's `Remarks` or ``()``), kept
    in the cache by that digest. A PDF that cannot be read is refused. The file written to be
    measured is the one published (`offered_path`), unless there is no cache to keep it in; one
    saved again while it was written ends the build, as it would when published."""
    with open_plain(path) as source:  # hashed, looked into and written anew from the one file opened
        digest = digest_read(source, MEDIA_DIGEST_SIZE).hex()
        record = record_path(cache, PROBED_DIR, size_record(digest))
        if (found := _recalled_anew(record, anew)) is not None:
            size, said, _, _ = found
        else:
            source.seek(0)
            try:
                written, size, made = _written_anew(anew, source, digest, cache)
            except PdfProblem as exc:
                raise MediaError(f"{media_shown(name)} {exc}; it is not offered as a download") from None
            if anew == "office":
                source.seek(0)
                said = tuple(hidden_remarks(source) or ())
            else:
                said = written or ()
            source.seek(0)
            if digest_read(source, MEDIA_DIGEST_SIZE).hex() != digest:  # saved again meanwhile
                if made is not None:
                    offered_path(digest, anew, cache).unlink(missing_ok=True)  # type: ignore[arg-type]
                raise changed_while_building(media_shown(name))
            keep(record, (size, said, _anew_version(anew), made))
    return (digest if size is not None else None), size, said


def _written_anew(
    anew: str, source: IO[bytes], digest: str, cache: Path | None
) -> tuple[tuple | None, int | None, tuple[int, int] | None]:
    """The document read from ``source`` written anew (`write_anew`) where it is published from
    (`offered_path`), or in a file thrown away where the cache cannot keep it: what the editor is
    told of it, the size of the file written (None: it is published as it is) and the file's
    size and time as written in the cache, by which the build's output knows it for its own
    (`made_at_load`)."""
    if cache is not None:
        kept = offered_path(digest, anew, cache)
        try:
            with written_whole(kept) as target:
                written = write_anew(anew, source, target)
                size = target.tell()
            if written is None:
                kept.unlink()
                return None, None, None
            info = kept.stat()
            return written, size, (info.st_size, info.st_mtime_ns)
        except OSError:  # a cache folder that cannot be written to: measured in a file of its own
            source.seek(0)
    with tempfile.TemporaryFile() as target:
        written = write_anew(anew, source, target)
        return written, (target.tell() if written is not None else None), None


def _anew_version(anew: str) -> str:
    """What a document written anew as ``anew`` is written as now (`ANEW_FORMATS`)."""
    return f"{anew}-{ANEW_FORMATS[anew]}"


def _recalled_anew(record: Path | None, anew: str) -> tuple | None:
    """What ``record`` keeps of a document written anew as ``anew`` (its size, what the editor
    is told, the version, the cached file's size and time), if written as it is written now."""
    found = recalled(record)
    if isinstance(found, tuple) and len(found) == 4 and found[2] == _anew_version(anew):
        return found
    return None


def offered_path(digest: str, anew: str, cache: Path) -> Path:
    """The cached file of the document of ``digest`` written anew as ``anew``
    (`pressroom.output.documents.offered_document`)."""
    return cache / "documents" / digest[:2] / f"{digest}.{_anew_version(anew)}"


def made_at_load(digest: str, anew: str, cache: Path) -> bool:
    """Whether the cached file of the document of ``digest`` (`offered_path`) is the one written
    to measure it when it was loaded (`_written_anew`): then it is not written again."""
    found = _recalled_anew(record_path(cache, PROBED_DIR, size_record(digest)), anew)
    if found is None:
        return False
    try:
        info = offered_path(digest, anew, cache).stat()
    except OSError:
        return False
    return found[3] == (info.st_size, info.st_mtime_ns)


def misnamed(info: DownloadInfo) -> str | None:
    """The warning for an image download whose suffix names another format than its own: it is
    listed as what it is, but readers' programs open the file they saved by its name."""
    if not info.better_name:
        return None
    own = PurePosixPath(info.name).suffix
    better = PurePosixPath(info.better_name).name
    return (
        f"is a {info.kind} image, though its name ends in {own}: readers' programs open the file they download"
        f" by its name; rename it {better} (and in the releases that name it)"
    )


def remarked(info: DownloadInfo) -> str | None:
    """The warning for an office document or a PDF that still holds its authors' comments or
    tracked changes: whoever downloads it reads them in the margin."""
    remarks = info.remarks
    if remarks is None:
        return None
    mend = [
        *(["accept or reject the changes"] if remarks.changes else []),
        *(["delete the comments"] if remarks.comments else []),
    ]
    again = "save them again and pack the archive anew" if remarks.inside else "save it again"
    return f"holds {remarks}, which everyone who downloads it can read: {' and '.join(mend)}, then {again}"


def unrestricted(info: DownloadInfo) -> str | None:
    """The warning for a PDF saved with restrictions, which it is published without."""
    if not info.lifted:
        return None
    return (
        "was saved with restrictions (no printing, no copying), which cannot be kept while its metadata"
        " (its authors' names, the programs) is taken out: it is published without them; save it without them"
    )


def scripted(info: DownloadInfo) -> str | None:
    """The warning for a PDF that holds scripts: readers' programs run them when it is opened, or
    ask first, and a press office's PDF that does is taken for a trap."""
    if not info.scripts:
        return None
    return (
        "holds scripts (JavaScript, or actions that start another program), which readers' PDF programs"
        " run or ask about when it is opened: unless it is a form that needs them, export it again from"
        " its original document"
    )


def size_record(digest: str) -> str:
    """The name of the record of an image's or a PDF's published size, among the probe's records."""
    return digest + _RECORD


def _published_size(name: str, data: bytes, digest: str, cache: Path | None) -> int:
    """The bytes of the image ``data`` as it is published: without its metadata, or, where the
    stripper cannot follow it, its pixels encoded again (`reencoding`), whose size is that of
    the new file; one Pillow cannot decode either is refused."""
    record = record_path(cache, PROBED_DIR, size_record(digest))
    found = recalled(record)
    if isinstance(found, tuple) and len(found) == 2 and found[1] == STRIPPING_FORMAT:
        return int(found[0])
    stripped = stripped_image(data)
    size = len(stripped if stripped is not None else _encoded_again(name, data))
    keep(record, (size, STRIPPING_FORMAT))
    return size


def _encoded_again(name: str, data: bytes) -> bytes:
    """The image download ``name``'s pixels encoded again; refused where Pillow cannot decode them."""
    from PIL import Image  # loaded for the rare image the stripper cannot follow

    try:
        return encoded_again(data)
    except Image.DecompressionBombError:
        raise MediaError(
            f"{media_shown(name)} has bytes between its parts that keep its metadata from being taken out"
            " as it is, and more pixels than are decoded to take it out otherwise; export or copy it again"
        ) from None
    except DAMAGED:
        raise MediaError(
            f"{media_shown(name)} is damaged or cut short, so its metadata (where a photo was"
            " taken, the camera's serial number) cannot be taken out; export or copy it again"
        ) from None
