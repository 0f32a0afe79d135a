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

One that qpdf cannot read (damaged beyond repair, or no PDF at all) or cannot open without a
password is refused: its readers could open it no better. Comments (notes, highlights, marks
in the margin) carry their authors' names and remarks; a document that holds them is offered
(the editor may mean it) and warned of, as an office document is (`officedocs`).
"""

from __future__ import annotations

import re
from typing import IO, TYPE_CHECKING, NamedTuple

from pressroom.source.stripping import stripped_image

if TYPE_CHECKING:
    import pikepdf

PDF_FORMAT = 2
"""The version of what `publish_pdf` writes, kept with each size measured: the bytes are qpdf's,
so a change of pikepdf's pin in ``pyproject.toml`` that writes other bytes counts it up (2: the
photos in it stripped, a title that is a file's name left out)."""
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


class PdfProblem(Exception):
    """A PDF that cannot be published without its metadata: why, as the editor is told."""


def is_pdf(head: bytes) -> bool:
    """Whether a file beginning with ``head`` (its first `PDF_HEAD` bytes) is a PDF."""
    return b"%PDF-" in head[:PDF_HEAD]


def publish_pdf(source: IO[bytes], target: IO[bytes]) -> Found:
    """Write the PDF read from ``source`` to ``target`` as it is published (see the module), and
    say what the editor is told of it. `PdfProblem` where it cannot be read."""
    # Loaded for the first PDF a build offers: most builds offer none, and `logging` alone cost
    # each build a hundredth of its instructions.
    import logging

    import pikepdf

    # pikepdf logs what it finds amiss in a damaged XMP packet, with a traceback; the editor
    # hears of a document from pressroom alone.
    logging.getLogger("pikepdf").setLevel(logging.CRITICAL + 1)
    try:
        with pikepdf.open(source) as pdf:
            found = Found(_comments(pdf), lifted=False)
            if _signed(pdf):
                source.seek(0)
                while piece := source.read(1 << 20):
                    target.write(piece)
            else:
                found = found._replace(lifted=pdf.is_encrypted and not all(pdf.allow))
                _without_metadata(pdf)
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

    kind = picture.get("/Filter")
    if isinstance(kind, pikepdf.Array) and len(kind) == 1:
        kind = kind[0]
    if kind != "/DCTDecode":
        return
    raw = picture.read_raw_bytes()
    stripped = stripped_image(raw)
    if stripped is not None and stripped != raw:
        picture.write(stripped, filter=pikepdf.Name.DCTDecode, decode_parms=picture.get("/DecodeParms"))


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
