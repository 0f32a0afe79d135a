"""A PDF offered as a download is published without its authors' names and programs: written
anew without its document information (but its title), its XMP (but its PDF/A and PDF/UA
conformance), its programs' private data, and the earlier versions an incremental save keeps.
One signed is published as it is; one that cannot be read, or not without a password, is
refused where it is named; one with comments is offered with a warning."""

from __future__ import annotations

import collections
import io
import logging
import random
import re

import pikepdf
import pytest
from PIL import Image

from pressroom.source import downloads
from pressroom.source.pdfdocs import PdfProblem, publish_pdf

from .damage import damaged
from .pdfs import AUTHOR, pdf_document
from .test_media_images import photo
from .test_video_metadata import offering

NAMES = (AUTHOR.encode(), b"Microsoft Word", b"D:20240301", b"InDesign-Quelldatei")
"""What of a PDF's metadata (information, XMP, PieceInfo) no byte of its published file holds."""


def saved(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, **options)
    return out.getvalue()


def word_export() -> bytes:
    """A PDF as an office program exports it: author and programs in its information and XMP,
    a picture with an XMP packet of its own, InDesign's private data on its page, a title."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(3000, metadata=True, title="Gemeinsame Erklärung")))
    page = pdf.pages[0].obj
    page.PieceInfo = pikepdf.Dictionary(InDesign=pikepdf.Dictionary(Private=pikepdf.String("InDesign-Quelldatei")))
    page.LastModified = pikepdf.String("D:20240301091500+01'00'")
    picture = pdf.make_stream(b"\x80" * 12, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2)
    picture.ColorSpace, picture.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    picture.Metadata = pdf.make_stream(f"<x:xmpmeta><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>".encode())
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=picture))
    return saved(pdf)


def published(data: bytes) -> bytes:
    out = io.BytesIO()
    assert publish_pdf(io.BytesIO(data), out) == (0, False, False)
    return out.getvalue()


def test_a_pdf_is_published_without_its_authors_and_programs(scratch_site):
    original = word_export()
    assert all(name in original for name in NAMES)
    site = offering(scratch_site, {"erklaerung.pdf": original})
    run = site.build()
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr, run.stderr
    out = (site.output / "media/erklaerung.pdf").read_bytes()
    assert [name for name in NAMES if name in out] == []
    pdf = pikepdf.open(io.BytesIO(out))
    assert dict(pdf.docinfo) == {"/Title": "Gemeinsame Erklärung"}  # what a PDF viewer names it by
    assert "/Metadata" not in pdf.Root and "/PieceInfo" not in pdf.pages[0].obj
    assert len(pdf.pages) == 1 and "/Im0" in pdf.pages[0].Resources.XObject  # the document itself whole
    size = f"{len(out) / 1000:.0f}\u00a0kB"
    assert f"(PDF, {size})" in site.page("/en/releases/2024/visit/").html  # the size of what readers get
    # Kept in the cache: the next build publishes the same file, and so does one without workers.
    assert site.build("--jobs", "1").code == 0
    assert (site.output / "media/erklaerung.pdf").read_bytes() == out


def with_photos(*photos: bytes) -> bytes:
    """A PDF of ``photos`` placed as they are, as an office program exports a phone's photo."""
    pdf = pikepdf.open(io.BytesIO(pdf_document()))
    pictures = {}
    for number, data in enumerate(photos):
        width, height = Image.open(io.BytesIO(data)).size
        picture = pdf.make_stream(data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image)
        picture.Width, picture.Height, picture.BitsPerComponent = width, height, 8
        picture.ColorSpace, picture.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
        pictures[f"/Im{number}"] = picture
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(pictures))
    return saved(pdf)


def test_a_photo_placed_in_a_pdf_loses_where_it_was_taken():
    taken, plain = photo(64, 48, gps=True), photo(32, 24)
    plain = Image.open(io.BytesIO(plain))
    plain_bytes = io.BytesIO()
    plain.save(plain_bytes, "JPEG", quality=90)  # no EXIF at all
    out = pikepdf.open(io.BytesIO(published(with_photos(taken, plain_bytes.getvalue()))))
    pictures = out.pages[0].Resources.XObject
    stripped = pictures.Im0.read_raw_bytes()
    assert Image.open(io.BytesIO(taken)).getexif().get_ifd(0x8825)  # where it was taken, before
    assert not Image.open(io.BytesIO(stripped)).getexif().get_ifd(0x8825)
    assert b"PhoneMaker" in taken and b"PhoneMaker" not in stripped
    # The same picture, its compressed data copied: the same pixels.
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(taken)).tobytes()
    assert pikepdf.PdfImage(pictures.Im0).as_pil_image().tobytes() == Image.open(io.BytesIO(taken)).tobytes()
    assert pictures.Im1.read_raw_bytes() == plain_bytes.getvalue()  # nothing to take out: as it was


@pytest.mark.parametrize("title", ["Microsoft Word - Entwurf_v3_intern.docx", "Pressemappe_final_KORR.indd", "   "])
def test_a_title_that_names_the_file_it_was_made_from_is_left_out(title):
    """PDF viewers show a document's title in their title bar; the file's name is shown instead."""
    out = pikepdf.open(io.BytesIO(published(pdf_document(metadata=True, title=title))))
    assert "/Title" not in out.docinfo


def incremental(original: bytes, page_text: bytes) -> bytes:
    """``original`` with an incremental update appended, as Acrobat saves an edit: the page's
    content replaced by ``page_text`` in a new revision; the old one still in the file."""
    pdf = pikepdf.open(io.BytesIO(original))
    contents = pdf.pages[0].obj.Contents.objgen[0]
    start = int(original.rsplit(b"startxref", 1)[1].split()[0])
    size = int(pdf.trailer.Size)
    root = pdf.Root.objgen[0]
    body = b"% " + page_text + b"\n"
    update = b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (contents, len(body), body)
    offset = len(original)
    xref = len(original) + len(update)
    table = b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (contents, offset)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start, xref)
    return original + update + table + trailer


def test_the_earlier_versions_an_incremental_save_keeps_are_left_behind(scratch_site):
    draft = pdf_document(title="Entwurf")
    pdf = pikepdf.open(io.BytesIO(draft))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"% Entwurf: streng vertraulich\n")
    draft = saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    edited = incremental(draft, b"Endfassung")
    reader = pikepdf.open(io.BytesIO(edited))  # what a reader's program shows: the new revision
    assert reader.pages[0].Contents.read_bytes() == b"% Endfassung\n"
    site = offering(scratch_site, {"erklaerung.pdf": edited})
    assert site.build().code == 0
    out = (site.output / "media/erklaerung.pdf").read_bytes()
    assert b"Endfassung" in out and b"vertraulich" not in out


def test_a_pdfa_or_pdfua_document_still_says_it_conforms():
    """Checkers read a document's conformance from its XMP; PDF/UA asks for its title there."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(metadata=True)))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"] = "2", "A", "1"
        xmp["dc:title"] = "Jahresbericht"
    pdf.Root.Lang, pdf.Root.MarkInfo = pikepdf.String("de-DE"), pikepdf.Dictionary(Marked=True)
    out = pikepdf.open(io.BytesIO(published(saved(pdf))))
    xmp = out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    assert {key: str(xmp[key]) for key in xmp} == {
        "{http://www.aiim.org/pdfa/ns/id/}part": "2",
        "{http://www.aiim.org/pdfa/ns/id/}conformance": "A",
        "{http://www.aiim.org/pdfua/ns/id/}part": "1",
        "{http://purl.org/dc/elements/1.1/}title": "Jahresbericht",
    }
    assert dict(out.docinfo) == {"/Title": "Jahresbericht"}  # PDF/A: the same in both places
    assert out.Root.Lang == "de-DE" and out.Root.MarkInfo.Marked  # its language and tags, for screen readers


def test_a_document_saved_for_fast_web_view_stays_so():
    original = saved(pikepdf.open(io.BytesIO(pdf_document(2000, pages=3, metadata=True))), linearize=True)
    assert pikepdf.open(io.BytesIO(original)).is_linearized
    out = published(original)
    assert pikepdf.open(io.BytesIO(out)).is_linearized and AUTHOR.encode() not in out


def test_restrictions_set_by_its_owner_are_lifted_and_said_so(scratch_site):
    """Encrypted anew, the file would be other bytes each build; and the restrictions keep
    journalists from quoting it."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(metadata=True)))
    restricted = pikepdf.Encryption(owner="amt", user="", allow=pikepdf.Permissions(extract=False))
    everything = pikepdf.Encryption(owner="amt", user="", allow=pikepdf.Permissions(modify_assembly=True))
    site = offering(
        scratch_site,
        {"geschuetzt.pdf": saved(pdf, encryption=restricted), "offen.pdf": saved(pdf, encryption=everything)},
    )
    for _ in range(2):  # the second from what the first kept in the cache
        run = site.build()
        assert run.code == 0, run.stderr
        assert [line for line in run.stderr.splitlines() if "warning" in line] == [
            "content/media/geschuetzt.pdf:0: warning: was saved with restrictions (no printing, no copying), which"
            " cannot be kept while its metadata (its authors' names, the programs) is taken out: it is published"
            " without them; save it without them"
        ], run.stderr
    for name in ("geschuetzt.pdf", "offen.pdf"):
        out = (site.output / "media" / name).read_bytes()
        assert AUTHOR.encode() not in out
        assert not pikepdf.open(io.BytesIO(out)).is_encrypted


def test_a_signed_document_is_published_as_it_is(scratch_site):
    """Written anew, its signature would no longer hold."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(metadata=True)))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), SigFlags=3)
    signed = saved(pdf)
    site = offering(scratch_site, {"unterzeichnet.pdf": signed})
    assert site.build().code == 0
    assert (site.output / "media/unterzeichnet.pdf").read_bytes() == signed


def test_a_pdf_that_cannot_be_opened_is_refused_where_it_is_named(scratch_site):
    pdf = pikepdf.open(io.BytesIO(pdf_document()))
    locked = saved(pdf, encryption=pikepdf.Encryption(owner="amt", user="geheim"))
    site = offering(scratch_site, {"gesperrt.pdf": locked, "kaputt.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 4})
    assert site.build().code == 1
    assert site.build().code == 1  # the second from what the first kept in the cache: the same
    run = site.build()
    assert run.stderr.splitlines()[:2] == [
        "content/en/2024/visit.md:5: error: content/media/gesperrt.pdf is protected by a password, so its readers"
        " could not open it and its metadata (its authors' names, the programs) cannot be taken out; save it"
        " without a password; it is not offered as a download",
        "content/en/2024/visit.md:7: error: content/media/kaputt.pdf cannot be read as a PDF (damaged, cut short,"
        " or another kind of file), so its metadata (its authors' names, the programs) cannot be taken out;"
        " export it again; it is not offered as a download",
    ], run.stderr
    assert not (site.output / "media").exists()


def test_comments_left_in_a_pdf_are_warned_of_and_it_is_offered(scratch_site):
    pdf = pikepdf.open(io.BytesIO(pdf_document()))
    note = {"/Type": pikepdf.Name.Annot, "/Rect": [0, 0, 20, 20], "/T": "Referat 3"}
    pdf.pages[0].obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary({**note, "/Subtype": pikepdf.Name.Text, "/Contents": "Zahl prüfen"}),
                pikepdf.Dictionary({**note, "/Subtype": pikepdf.Name.Highlight}),
                pikepdf.Dictionary({**note, "/Subtype": pikepdf.Name.Link}),  # a link is no comment
            ]
        )
    )
    site = offering(scratch_site, {"bericht.pdf": saved(pdf), "sauber.pdf": pdf_document()})
    for _ in range(2):  # the second from what the first kept in the cache
        run = site.build()
        assert run.code == 0, run.stderr
        assert (
            "content/media/bericht.pdf:0: warning: holds 2 comments, which everyone who downloads it can read:"
            " delete the comments, then save it again\n" in run.stderr
        ), run.stderr
        assert "sauber.pdf" not in run.stderr
    assert b"Zahl pr" in (site.output / "media/bericht.pdf").read_bytes()


def test_a_pdf_saved_again_during_the_build_stops_it(scratch_site, monkeypatch):
    site = offering(scratch_site, {"erklaerung.pdf": pdf_document(1000)})
    assert site.build().code == 0
    before = (site.output / "media/erklaerung.pdf").read_bytes()
    (site.root / "content/media/erklaerung.pdf").write_bytes(word_export())
    made = downloads.publish_pdf

    def saved_meanwhile(source, target, *inner):  # after loading, while its file is written
        (site.root / "content/media/erklaerung.pdf").write_bytes(pdf_document(2000, metadata=True))
        return made(source, target, *inner)

    monkeypatch.setattr(downloads, "publish_pdf", saved_meanwhile)
    run = site.build()
    assert run.code == 1, run.stderr
    assert "content/media/erklaerung.pdf:0: error: the file changed while the site was being built" in run.stderr
    assert "Traceback" not in run.stderr
    assert (site.output / "media/erklaerung.pdf").read_bytes() == before
    monkeypatch.undo()
    assert site.build().code == 0  # built again, the new one is published, without its author
    out = (site.output / "media/erklaerung.pdf").read_bytes()
    assert out != before and AUTHOR.encode() not in out


def test_a_document_is_written_anew_once_for_its_bytes(scratch_site, monkeypatch, tmp_path):
    """The file written at load to measure the size the page lists is the one published: a PDF
    of hundreds of megabytes goes through qpdf once on a cold cache, not twice, and two names
    offering the same bytes share it. (Counted in a file: the output's workers are processes
    of their own.)"""
    calls = tmp_path / "calls"
    made = downloads.publish_pdf

    def counted(source, target, *inner):
        with open(calls, "a", encoding="utf-8") as counting:
            counting.write("x")
        return made(source, target, *inner)

    monkeypatch.setattr(downloads, "publish_pdf", counted)
    site = offering(scratch_site, {"erklaerung.pdf": word_export(), "kopie.pdf": word_export()})
    run = site.build()
    assert run.code == 0, run.stderr
    assert calls.read_text(encoding="utf-8") == "x"
    published = (site.output / "media/erklaerung.pdf").read_bytes()
    assert AUTHOR.encode() not in published and published == (site.output / "media/kopie.pdf").read_bytes()
    assert site.build("--jobs", "1").code == 0 and calls.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("seed", [1, 2])
def test_no_damage_to_a_pdf_ends_in_anything_but_the_editors_message(seed, caplog):
    """Bytes changed, cut out or cut off anywhere: the document is published without its
    metadata, or refused with a reason (`PdfProblem`); never another exception, and nothing
    written to the editor's terminal (pikepdf logged a damaged XMP packet with a traceback)."""
    caplog.set_level(logging.DEBUG)
    rng = random.Random(seed)
    originals = [word_export(), saved(pikepdf.open(io.BytesIO(word_export())), linearize=True)]
    outcomes: collections.Counter[str] = collections.Counter()
    for _ in range(300):
        document = damaged(rng, rng.choice(originals))
        out = io.BytesIO()
        try:
            publish_pdf(io.BytesIO(document), out)
        except PdfProblem as exc:
            assert re.match(r"(is protected by a password|cannot be read as a PDF)", str(exc)), exc
            outcomes["refused"] += 1
            continue
        outcomes["published"] += 1
        republished = pikepdf.open(io.BytesIO(out.getvalue()))  # a PDF that opens
        assert set(republished.docinfo.keys()) <= {"/Title"}
    assert outcomes["published"] > 10 and outcomes["refused"] > 10, outcomes
    assert [record.getMessage() for record in caplog.records if record.name.startswith("pikepdf")] == []
