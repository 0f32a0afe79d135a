"""An office document or other ZIP archive offered as a download, published without who
wrote it: its document properties emptied, the pictures and documents in it without their
metadata, the leftovers of the computer it was packed on left out.

A Word, Excel or PowerPoint file names its author and who saved it last, when, how long it was
edited, the company, and whatever a document system or a sensitivity label added as custom
properties; an OpenDocument file keeps the same in its ``meta.xml``. Those parts (found by
their content type in ``[Content_Types].xml``, as programs name them differently) are published
empty, as Office's "Inspect Document" leaves them. A Word document links the template it was
made from by its address (``\\\\srv-ablage\\vorlagen\\pm.dotx``, the name of a server inside
the office): the link keeps only the file's name. A phone's photo placed in it keeps its EXIF
(where it was taken): its pictures lose their metadata as an offered image does (JPEG, PNG,
WebP, by their names), and a PDF or office document in it (a spreadsheet embedded in a Word
document) is published as it would be on its own (`without_metadata`, which a PDF's attached
files are published by too).

Any other ZIP archive (a press kit of photos and the release as a PDF) is published the same
way: its pictures and documents without their metadata, and without what a Mac or Windows
computer adds when a folder is packed (``__MACOSX/`` with each file's download address and
labels, ``.DS_Store`` with the names of the folder's other files, ``Thumbs.db`` with small
pictures of them, ``desktop.ini``). Every other part is copied byte for byte, compressed as it
was, in the order it was, so that an OpenDocument file still begins with its ``mimetype``. Only
what the archive's directory names is copied: bytes between its entries, or an archive comment,
are left behind. The file is written from its central directory by hand, since Python's
``zipfile`` cannot copy a part without compressing it anew (other bytes with another zlib, and
a build is the same on every machine).

An archive that is signed (a changed byte would break the signature), encrypted, damaged, or
beyond the ZIP format's first limits (ZIP64: 4 GB, 65,535 parts), or that holds nothing to take
out, is published as it is: `office_rewrite` says so by returning None, `publish_office` by
returning False.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from typing import IO, TYPE_CHECKING

from pressroom.base.files import copy_part
from pressroom.source.inside import MOST_INNER, Inside
from pressroom.source.officedocs import ARCHIVED, part_types, unreadable_archive
from pressroom.source.pdfdocs import PDF_HEAD, PdfProblem, is_pdf, publish_pdf
from pressroom.source.stripping import stripped_image

if TYPE_CHECKING:
    import zipfile

OFFICE_FORMAT = 4
"""The version of what `write_rewritten` writes, kept with each size measured (2: pictures in
it without their metadata; 3: any ZIP archive, the documents in it, the leftovers left out;
4: the files attached to its PDFs without their metadata)."""

_PACKAGE = "application/vnd.openxmlformats-package."
_OFFICE = "application/vnd.openxmlformats-officedocument."
_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_TYPES = 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"'
_EMPTIED = {
    f"{_PACKAGE}core-properties+xml": _HEAD
    + b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    b' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    f"{_OFFICE}extended-properties+xml": _HEAD
    + b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    + _TYPES.encode()
    + b"/>",
    f"{_OFFICE}custom-properties+xml": _HEAD
    + b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    + _TYPES.encode()
    + b"/>",
}
"""An Office document's properties parts (core: author, last saved by, dates; extended:
company, template, editing time; custom), as they are published."""
_SIGNATURE = f"{_PACKAGE}digital-signature-xmlsignature+xml"
_SETTINGS_LINKS = "_rels/settings.xml.rels"
"""A Word document's links from its settings: the template it was made from, by its address."""
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_TARGET = re.compile(rb'(\bTarget=")([^"]*)"')
_ODF_META = "meta.xml"
_ODF_SIGNATURES = ("META-INF/documentsignatures.xml", "META-INF/macrosignatures.xml")
_ODF_VERSION = re.compile(rb'office:version="([0-9.]{1,8})"')
_MOST_META = 1 << 20
"""Bytes of an OpenDocument file's ``meta.xml`` read at most, for its version."""

_PICTURE = re.compile(r"\.(jpe?g|png|webp)$", re.IGNORECASE)
"""The parts that are pictures, by their names' suffixes (``word/media/image1.jpeg``,
``Pictures/….jpg``): a phone's photo placed in a document keeps its EXIF, with where it was
taken, as it keeps it in a PDF (`pdfdocs`)."""
_MOST_PICTURE = 256 << 20
"""Bytes of a picture part unpacked at most to be stripped; a larger one is copied as it is."""
_DOCUMENT = re.compile(rf"\.(pdf|{'|'.join(ARCHIVED)})$", re.IGNORECASE)
"""The parts that are documents of their own, by their names' suffixes: a press kit's release
as a PDF, a spreadsheet embedded in a Word document (``word/embeddings/….xlsx``), written anew
within the bounds of `inside`."""
_LEFTOVER = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._)", re.IGNORECASE)
"""What a Mac (``__MACOSX/``, ``._…`` files: each file's extended attributes, its download
address and labels; ``.DS_Store``: the folder's other files' names) or Windows (``Thumbs.db``:
small pictures of the folder's pictures; ``desktop.ini``) adds to an archive packed on it."""
_SIGNED_ARCHIVE = re.compile(r"^META-INF/(.*\.(SF|RSA|DSA|EC)|signatures\.xml)$", re.IGNORECASE)
"""The signatures of a signed Java archive or EPUB book: a changed byte would break them."""
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sBBHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LIMIT = 0xFFFFFFFF


def _template_named(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The Word settings' links ``name`` with the template's address cut to its file's name
    (``\\\\srv-ablage\\vorlagen\\pm.dotx``, ``https://intranet/…/pm.dotx``: ``pm.dotx``);
    None where it names no template by its path."""
    with archive.open(name) as links:
        text = links.read(_MOST_META + 1)
    if len(text) > _MOST_META:
        return None

    def cut(found: re.Match[bytes]) -> bytes:
        link = found.group(0)
        if b'/attachedTemplate"' not in link:
            return link
        return _TARGET.sub(lambda target: target.group(1) + re.split(rb"[/\\]", target.group(2))[-1] + b'"', link)

    named = _RELATIONSHIP.sub(cut, text)
    return named if named != text else None


def office_rewrite(archive: zipfile.ZipFile) -> dict[str, bytes | None] | None:
    """The parts of the archive ``archive`` to publish in place of its own, by name (an office
    document's properties emptied, its template's link cut to a name), None for a part left
    out (a plain archive's leftovers); None where it is published as it is (see the module)."""
    names = archive.namelist()
    if len(set(names)) != len(names) or len(names) >= 0xFFFF:
        return None
    for info in archive.infolist():
        if info.flag_bits & 1 or max(info.header_offset, info.compress_size, info.file_size) >= _LIMIT:
            return None
    if "[Content_Types].xml" in names:
        types = dict(part_types(archive))
        office = any(kind.startswith((_OFFICE, "application/vnd.ms-")) for kind in types.values())
        if _SIGNATURE in types.values() or not office:  # signed, or another program's package
            return None
        emptied: dict[str, bytes | None]
        emptied = {name: _EMPTIED[kind] for name, kind in types.items() if kind in _EMPTIED and name in names}
        for name in names:
            if name.endswith(_SETTINGS_LINKS) and (named := _template_named(archive, name)) is not None:
                emptied[name] = named
        return emptied
    if "mimetype" in names and _ODF_META in names:
        if any(name in names for name in _ODF_SIGNATURES):
            return None
        with archive.open("mimetype") as kind:
            if not kind.read(64).startswith(b"application/vnd.oasis.opendocument."):
                return None
        with archive.open(_ODF_META) as meta:
            found = _ODF_VERSION.search(meta.read(_MOST_META))
        version = found.group(1) if found else b"1.2"
        return {
            _ODF_META: b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta'
            b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="'
            + version
            + b'"><office:meta/></office:document-meta>'
        }
    if any(_SIGNED_ARCHIVE.match(name) for name in names):
        return None
    return {name: None for name in names if _LEFTOVER.search(name)}  # a plain archive: its leftovers


class NotRewritten(Exception):
    """The archive's parts are not where its directory says: it is published as it is."""


def write_rewritten(
    archive: zipfile.ZipFile,
    source: IO[bytes],
    emptied: dict[str, bytes | None],
    target: IO[bytes],
    inside: Inside | None = None,
) -> bool:
    """Write the archive read from ``source`` (whose directory is ``archive``) to ``target``,
    the parts ``emptied`` replaced or (None) left out, the pictures and documents in it without
    their metadata (`_part_without_metadata`, ``inside`` where it lies) replaced (stored,
    uncompressed), every other part's record copied as it is; whether any part was replaced or
    left out. `NotRewritten` where a part's record is not where the directory says."""
    inside = inside or Inside()
    central = []
    written = 0
    replaced = False
    for info in archive.infolist():
        source.seek(info.header_offset)
        header = source.read(_LOCAL.size)
        if len(header) != _LOCAL.size:
            raise NotRewritten
        signature, _, local_flags, _, _, _, _, _, _, name_length, extra_length = _LOCAL.unpack(header)
        name = source.read(name_length)
        encoding = "utf-8" if local_flags & 0x800 else "cp437"
        if (
            signature != b"PK\x03\x04"
            or (local_flags ^ info.flag_bits) & 0x800
            or name.decode(encoding) != info.orig_filename
        ):
            raise NotRewritten
        if info.filename in emptied and emptied[info.filename] is None:
            replaced = True
            continue
        # The directory's own record of the part, as readers take it (its flags, its time), not
        # the part's header, which a damaged file may have otherwise.
        year, month, day, hour, minute, second = info.date_time
        date, time = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
        offset, flags = written, info.flag_bits
        data = emptied[info.filename] if info.filename in emptied else _part_without_metadata(archive, info, inside)
        if data is not None:
            replaced = True
            crc, compressed, size, method, flags, extra = zlib.crc32(data), len(data), len(data), 0, flags & 0x800, b""
            local = _LOCAL.pack(b"PK\x03\x04", 20, flags, 0, time, date, crc, size, size, len(name), 0)
            written += _write(target, local + name + data)
        else:
            crc, compressed, size, extra = info.CRC, info.compress_size, info.file_size, info.extra
            method = info.compress_type
            length = _LOCAL.size + name_length + extra_length + compressed
            if local_flags & 0x08:  # sizes in a descriptor after the data: with its signature or without
                source.seek(info.header_offset + length)
                length += 16 if source.read(4) == b"PK\x07\x08" else 12
            if not copy_part(source, target, info.header_offset, length):
                raise NotRewritten
            written += length
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                info.create_version,
                info.create_system,
                20 if data is not None else info.extract_version,
                flags,
                method,
                time,
                date,
                crc,
                compressed,
                size,
                len(name),
                len(extra),
                len(info.comment),
                0,
                info.internal_attr,
                info.external_attr,
                offset,
            )
            + name
            + extra
            + info.comment
        )
    directory = b"".join(central)
    count = len(central)
    _write(target, directory + _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), written, 0))
    return replaced


def _part_without_metadata(archive: zipfile.ZipFile, info: zipfile.ZipInfo, inside: Inside) -> bytes | None:
    """The picture or document ``info`` of ``archive`` without its metadata (`without_metadata`),
    or None where it is no such part, holds none, is too large, or cannot be read (it is then
    copied as it is)."""
    if not _taken(info.filename, info.file_size, inside) or not inside.unpack(info.file_size):
        return None
    try:
        data = archive.read(info)
    except unreadable_archive():
        return None
    return without_metadata(info.filename, data, inside)


def _taken(name: str, size: int, inside: Inside) -> bool:
    """Whether the file ``name`` of ``size`` bytes found ``inside`` a document is published without
    its metadata: a picture within `_MOST_PICTURE`, a document within the bounds of `inside`."""
    if _PICTURE.search(name):
        return size <= _MOST_PICTURE
    return bool(_DOCUMENT.search(name)) and size <= MOST_INNER and inside.looked_into()


def without_metadata(name: str, data: bytes, inside: Inside) -> bytes | None:
    """The picture or document ``data`` named ``name``, found ``inside`` a document (a press kit,
    a PDF it is attached to), without its metadata: a picture stripped (`stripped_image`), a
    document written anew (`publish_pdf`, `publish_office`) within the bounds of `inside`; None
    where it is no such file, holds none, or cannot be read (it is then copied as it is)."""
    if not _taken(name, len(data), inside):
        return None
    if _PICTURE.search(name):
        written = stripped_image(data)
    else:
        out = io.BytesIO()
        try:
            if is_pdf(data[:PDF_HEAD]):
                publish_pdf(io.BytesIO(data), out, without_metadata, inside.deeper())
            elif not publish_office(io.BytesIO(data), out, inside.deeper()):
                return None
        except PdfProblem:
            return None
        written = out.getvalue()
    return written if written is not None and written != data else None


def _write(target: IO[bytes], data: bytes) -> int:
    target.write(data)
    return len(data)


def publish_office(source: IO[bytes], target: IO[bytes], inside: Inside | None = None) -> bool:
    """Write the office document or archive read from ``source`` to ``target`` without its
    metadata (``inside``: where it lies; None: offered on its own); False where it is published
    as it is (see the module), ``target`` then to be thrown away."""
    import zipfile  # loaded for a site that offers an office document, not by every build

    try:
        with zipfile.ZipFile(source) as archive:
            emptied = office_rewrite(archive)
            return emptied is not None and write_rewritten(archive, source, emptied, target, inside)
    except (*unreadable_archive(), NotRewritten, struct.error):
        return False
