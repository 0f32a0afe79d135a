"""What a PDF offered as a download is published as: the same document without the metadata
its programs wrote, and what it still holds that its readers were not meant to read.

A PDF keeps who wrote it and with which programs (its document information: Author, Creator,
Producer, the dates; the same again in its XMP packet, and in the packets of the pictures and
pages in it), an InDesign or Illustrator document's private data (``PieceInfo``, which can hold
the whole source document), and every earlier version of itself that a program saved by
appending (an incremental update keeps the words since deleted). It is published written anew
by qpdf (through pikepdf): only what the document's pages, outline and structure reach, so
earlier versions are left behind; its information but its title taken out (and the title too
where it is the name of the file it was made from); no XMP but what says the document conforms
to PDF/A or PDF/UA (with its title, which PDF/UA asks for), so an accessible document stays
one. A photo placed in it as it was (an office program's export keeps a phone's JPEG whole)
loses its EXIF, XMP and IPTC segments, as an offered JPEG does. Its other streams are copied as
they are, never decoded, and a document saved for fast web view (linearized) is saved so again.
A document that is signed is published byte for byte: writing it anew would break the
signature. One saved with restrictions (its owner's password forbids printing or copying) is
published without them, and the editor told: encrypted anew it would be other bytes each
build, and the restrictions keep journalists from quoting it and some screen readers from
reading it.

The files attached to it (in its attachments, or in a comment of the kind that holds a file)
are published as a press kit's files are (`officeprops.without_metadata`, handed in as
``inner``): a photo without where it was taken, a Word document or another PDF written anew
without who wrote it, within the bounds of `inside`; each stored uncompressed, its size and
checksum said anew, without the dates and the Mac's resource fork that were kept with it. One
beyond those bounds, or compressed otherwise than by zlib, is copied as it is.

One that qpdf cannot read (damaged beyond repair, or no PDF at all) or cannot open without a
password is refused: its readers could open it no better. Comments (notes, highlights, marks
in the margin) carry their authors' names and remarks; a document that holds them is offered
(the editor may mean it) and warned of, as an office document is (`officedocs`). So is one that
holds scripts (JavaScript, or actions that start another program), which readers' programs run
or ask about when it is opened: a form may need them, a press release does not.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import IO, TYPE_CHECKING, NamedTuple

from pressroom.source.inside import MOST_INNER, Inside
from pressroom.source.stripping import stripped_image

if TYPE_CHECKING:
    import pikepdf

PDF_FORMAT = 3
"""The version of what `publish_pdf` writes, kept with each size measured: the bytes are qpdf's,
so a change of pikepdf's pin in ``pyproject.toml`` that writes other bytes counts it up (2: the
photos in it stripped, a title that is a file's name left out; 3: its attached files without
their metadata, its scripts found)."""

Inner = Callable[[str, bytes, Inside], "bytes | None"]
"""What publishes a file found inside a document: given its name, its bytes and where it lies,
its bytes without metadata, or None to copy it as it is."""
PDF_HEAD = 1024
"""Bytes of a file within which a PDF's ``%PDF-`` begins: what readers' programs look through."""

_KEPT_XMP = ("pdfaid:part", "pdfaid:conformance", "pdfaid:amd", "pdfuaid:part")
"""What of a document's XMP says it conforms to PDF/A or PDF/UA: checkers look for it there."""
_PRIVATE = ("/Metadata", "/PieceInfo", "/LastModified")
"""Keys of any object that hold metadata: XMP packets, a program's private data, its date."""
_COMMENTS = frozenset(
    f"/{kind}"
    for kind in (
        "Text",
        "FreeText",
        "Highlight",
        "Underline",
        "Squiggly",
        "StrikeOut",
        "Caret",
        "Ink",
        "Line",
        "Square",
        "Circle",
        "Polygon",
        "PolyLine",
        "Stamp",
        "FileAttachment",
        "Sound",
    )
)
"""The annotations a reviewer adds in a PDF program (its markup annotations): each carries its
author's name, and most a remark."""
_SCRIPTS = frozenset(("/JavaScript", "/Launch"))
"""The actions (``/S``) that run a script or start another program when the document is opened,
a page shown or a field left."""
_KEPT_WITH_FILE = ("/CreationDate", "/ModDate", "/Mac")
"""What an attached file's parameters keep beside its bytes: when it was made and changed, and
a Mac's creator, type and resource fork."""


_FILE_NAME = re.compile(
    r"Microsoft (Word|Excel|PowerPoint) - .*"
    r"|.*\.(docx?|docm|dotx|xlsx?|pptx?|odt|ods|odp|rtf|indd|idml|pages|key|pdf)",
    re.IGNORECASE | re.DOTALL,
)
"""A title that is the name of the file a program made the PDF of, as Word's printer and others
set it."""


class Found(NamedTuple):
    """What `publish_pdf` found in a PDF that the editor is told of."""

    comments: int
    """Its reviewers' comments (`_COMMENTS`), which its readers read in the margin."""
    lifted: bool
    """Whether it was saved with restrictions (no printing, no copying), published without them."""
    scripts: bool = False
    """Whether it holds scripts (`_SCRIPTS`), which readers' programs run or ask about."""


class PdfProblem(Exception):
    """A PDF that cannot be published without its metadata: why, as the editor is told."""


def is_pdf(head: bytes) -> bool:
    """Whether a file beginning with ``head`` (its first `PDF_HEAD` bytes) is a PDF."""
    return b"%PDF-" in head[:PDF_HEAD]


def publish_pdf(
    source: IO[bytes], target: IO[bytes], inner: Inner | None = None, inside: Inside | None = None
) -> Found:
    """Write the PDF read from ``source`` to ``target`` as it is published (see the module), and
    say what the editor is told of it. ``inner`` publishes its attached files (None: they are
    copied as they are), ``inside``: where it lies (None: offered on its own). `PdfProblem` where
    it cannot be read."""
    pikepdf = _quiet_pikepdf()
    try:
        with pikepdf.open(source) as pdf:
            scripts, specs = _looked_through(pdf)
            found = Found(_comments(pdf), lifted=False, scripts=scripts)
            if _signed(pdf):
                source.seek(0)
                while piece := source.read(1 << 20):
                    target.write(piece)
            else:
                found = found._replace(lifted=pdf.is_encrypted and not all(pdf.allow))
                _without_metadata(pdf)
                _attached_without_metadata(specs, inner, inside or Inside())
                pdf.save(
                    target,
                    # Streams copied as they are: compressed anew, they would be other bytes
                    # with another zlib, and a build is the same on every machine.
                    compress_streams=False,
                    stream_decode_level=pikepdf.StreamDecodeLevel.none,
                    linearize=pdf.is_linearized,
                    # Encrypted anew, a file is other bytes each time (random keys and vectors):
                    # the restrictions its owner's password sets are lifted, and said so.
                    encryption=False,
                    deterministic_id=True,
                    fix_metadata_version=False,
                )
    except pikepdf.PasswordError:
        raise PdfProblem(
            "is protected by a password, so its readers could not open it and its metadata (its"
            " authors' names, the programs) cannot be taken out; save it without a password"
        ) from None
    # qpdf repairs what it can as it reads; what it cannot, it raises where it finds it, in the
    # middle of writing too.
    except (pikepdf.PdfError, RuntimeError, ValueError, TypeError, KeyError, AttributeError):
        raise PdfProblem(
            "cannot be read as a PDF (damaged, cut short, or another kind of file), so its"
            " metadata (its authors' names, the programs) cannot be taken out; export it again"
        ) from None
    return found


def comments_in(data: bytes) -> int:
    """How many comments (`_COMMENTS`) the PDF ``data`` holds; 0 where it cannot be read."""
    pikepdf = _quiet_pikepdf()
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _comments(pdf)
    except (pikepdf.PdfError, RuntimeError, ValueError, TypeError, KeyError, AttributeError):
        return 0


def _quiet_pikepdf() -> ModuleType:
    """pikepdf, loaded for the first PDF a build offers (most builds offer none, and `logging`
    alone cost each build a hundredth of its instructions), its log silenced: it logs what it
    finds amiss in a damaged XMP packet, with a traceback, and the editor hears of a document
    from pressroom alone."""
    import logging

    import pikepdf

    logging.getLogger("pikepdf").setLevel(logging.CRITICAL + 1)
    return pikepdf


def _signed(pdf: pikepdf.Pdf) -> bool:
    """Whether ``pdf`` holds a signature (a signed field, or usage rights) that any byte written
    anew would break."""
    import pikepdf

    root = pdf.Root
    if "/Perms" in root:
        return True
    form = root.get("/AcroForm")
    if form is None or not isinstance(form, pikepdf.Dictionary):
        return False
    flags = form.get("/SigFlags")
    return isinstance(flags, int) and bool(int(flags) & 1)


def _without_metadata(pdf: pikepdf.Pdf) -> None:
    import pikepdf

    title = _title(pdf)
    conformance = _conformance(pdf)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for key in _PRIVATE:
                if key in obj:
                    del obj[key]
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            _photo_without_metadata(obj)
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    if title is not None:
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(Title=title))
    if conformance:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key, value in conformance.items():
                xmp[key] = value
            if title is not None:
                xmp["dc:title"] = str(title)


def _title(pdf: pikepdf.Pdf) -> pikepdf.String | None:
    """The title ``pdf`` is published with: its own, but none where that is blank or the name of
    the file it was made from (``Microsoft Word - Entwurf_v3.docx``), which its readers' PDF
    viewers would show them; they show the published file's name instead."""
    import pikepdf

    title = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
    if not isinstance(title, pikepdf.String) or not str(title).strip() or _FILE_NAME.fullmatch(str(title).strip()):
        return None
    return title


def _photo_without_metadata(picture: pikepdf.Stream) -> None:
    """A JPEG placed in a PDF as it was (an office program's export of a phone's photo) keeps
    its EXIF, with where it was taken: its segments are taken out as an offered JPEG's are
    (`stripped_image`), its compressed data copied. One the stripper cannot follow is left."""
    import pikepdf

    if _filter(picture) != "/DCTDecode":
        return
    raw = picture.read_raw_bytes()
    stripped = stripped_image(raw)
    if stripped is not None and stripped != raw:
        picture.write(stripped, filter=pikepdf.Name.DCTDecode, decode_parms=picture.get("/DecodeParms"))


def _filter(stream: pikepdf.Stream) -> object:
    """The one filter ``stream``'s bytes are compressed with (``/DCTDecode``), None for none; a
    list of several as it is."""
    import pikepdf

    kind = stream.get("/Filter")
    return kind[0] if isinstance(kind, pikepdf.Array) and len(kind) == 1 else kind


def _conformance(pdf: pikepdf.Pdf) -> dict[str, str]:
    """What ``pdf``'s XMP says of its conformance to PDF/A or PDF/UA (`_KEPT_XMP`)."""
    if "/Metadata" not in pdf.Root:
        return {}
    try:
        xmp = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        return {key: str(xmp[key]) for key in _KEPT_XMP if key in xmp}
    except Exception:  # an XMP packet no one can read says nothing any checker could read
        return {}


def _comments(pdf: pikepdf.Pdf) -> int:
    import pikepdf

    count = 0
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            for annotation in annotations:
                if isinstance(annotation, pikepdf.Dictionary) and annotation.get("/Subtype") in _COMMENTS:
                    count += 1
    return count


def _dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Every dictionary of ``pdf``: its objects, and the dictionaries written within them (an
    annotation's action, a name tree's file specifications often are)."""
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue
        within = [obj]
        while within:
            here = within.pop()
            if isinstance(here, pikepdf.Dictionary | pikepdf.Stream):
                yield here
            values = here.values() if not isinstance(here, pikepdf.Array) else here
            within += [
                value
                for value in values
                if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect
            ]


def _looked_through(pdf: pikepdf.Pdf) -> tuple[bool, list[pikepdf.Dictionary]]:
    """Whether ``pdf`` holds a script or an action that starts a program (`_SCRIPTS`), and the
    specifications of the files attached to it (its dictionaries with ``/EF``), in one pass: a
    pass over a document of thousands of pages takes half a second."""
    import pikepdf

    names = pdf.Root.get("/Names")
    scripts = isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names
    specs = []
    for obj in _dictionaries(pdf):
        scripts = scripts or obj.get("/S") in _SCRIPTS or "/JS" in obj
        if isinstance(obj.get("/EF"), pikepdf.Dictionary):
            specs.append(obj)
    return scripts, specs


def _attached_without_metadata(specs: list[pikepdf.Dictionary], inner: Inner | None, inside: Inside) -> None:
    """Each file the file specifications ``specs`` attach published by ``inner`` (a photo without
    its EXIF, a document without its authors), stored uncompressed; what its parameters kept
    beside it (`_KEPT_WITH_FILE`) taken out, its size and checksum those of its new bytes."""
    import pikepdf

    seen = set()
    for spec in specs:
        files = spec.EF
        name = spec.get("/UF", spec.get("/F"))
        name = str(name) if isinstance(name, pikepdf.String) else ""
        for attached in files.values():
            if not isinstance(attached, pikepdf.Stream) or attached.objgen in seen:
                continue
            seen.add(attached.objgen)
            params = attached.get("/Params")
            if isinstance(params, pikepdf.Dictionary):
                for key in _KEPT_WITH_FILE:
                    if key in params:
                        del params[key]
            if inner is None or (data := _unpacked(attached, inside)) is None:
                continue
            if (written := inner(name, data, inside)) is None:
                continue
            attached.write(written)
            for key in ("/DL", "/DecodeParms"):
                if key in attached:
                    del attached[key]
            if isinstance(params, pikepdf.Dictionary):
                params.Size = len(written)
                if "/CheckSum" in params:
                    params.CheckSum = pikepdf.String(hashlib.md5(written, usedforsecurity=False).digest())


def _unpacked(attached: pikepdf.Stream, inside: Inside) -> bytes | None:
    """The bytes of the attached file ``attached``, unpacked up to `MOST_INNER` and within what
    is left to unpack ``inside`` the offered file; None where there are more, or they are
    compressed otherwise than by zlib alone (then copied as they are)."""
    kind = _filter(attached)
    if kind is None:
        raw = attached.read_raw_bytes()
        return raw if len(raw) <= MOST_INNER and inside.unpack(len(raw)) else None
    if kind != "/FlateDecode" or attached.get("/DecodeParms") is not None:
        return None
    raw = attached.read_raw_bytes()
    unpacking = zlib.decompressobj()
    most = min(MOST_INNER, inside.left[0])
    try:
        data = unpacking.decompress(raw, most + 1)
    except zlib.error:
        return None
    return data if len(data) <= most and unpacking.eof and inside.unpack(len(data)) else None
