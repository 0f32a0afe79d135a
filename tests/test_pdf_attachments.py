"""What a PDF holds besides its pages: the files attached to it are published as a press kit's
files are (a photo without where it was taken, a document without who wrote it, the dates and
a Mac's resource fork kept beside each left out), and scripts in it are warned of."""

from __future__ import annotations

import collections
import hashlib
import io
import random
import re

import pikepdf
from PIL import Image

from pressroom.source.officeprops import without_metadata
from pressroom.source.pdfdocs import PdfProblem, publish_pdf

from .damage import damaged
from .pdfs import AUTHOR, pdf_document
from .test_media_images import photo
from .test_office_properties import parts, word_file
from .test_video_metadata import offering

TEXT = "Pressestelle des Staatsministeriums Baden-Württemberg\n".encode() * 20
GPS = 0x8825


def attaching() -> bytes:
    """A PDF as a press office's program saves it with files attached: a phone's photo, a Word
    document, another PDF and a text file in its attachments, with when they were made and a
    Mac's resource fork beside one; a photo in a comment that holds a file. Compressed, as
    programs save them."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(metadata=True)))
    made = {"creation_date": "D:20240301091500+01'00'", "mod_date": "D:20240302101500+01'00'"}
    files = {
        "foto.jpg": (photo(64, 48, gps=True), "image/jpeg"),
        "tabelle.docx": (word_file(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "anlage.pdf": (pdf_document(metadata=True), "application/pdf"),
        "liesmich.txt": (TEXT, "text/plain"),
    }
    for name, (data, kind) in files.items():
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, filename=name, mime_type=kind, **made)
    pdf.attachments["foto.jpg"].obj.EF.F.Params.Mac = pikepdf.Dictionary(ResFork=pdf.make_stream(b"Ressource"))
    annotated = pikepdf.AttachedFileSpec(
        pdf, photo(40, 30, gps=True), filename="notiz.jpg", mime_type="image/jpeg", **made
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.FileAttachment,
                    Rect=[0, 0, 20, 20],
                    FS=annotated.obj,
                )
            ]
        )
    )
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def attached(data: bytes) -> dict[str, tuple[bytes, pikepdf.Dictionary]]:
    """Each file attached to the PDF ``data`` (its attachments and its comments'), by name: its
    bytes and its parameters."""
    pdf = pikepdf.open(io.BytesIO(data))
    found = {}
    specs = [*(spec.obj for spec in pdf.attachments.values())]
    specs += [annotation.FS for annotation in pdf.pages[0].obj.get("/Annots", [])]
    for spec in specs:
        stream = spec.EF.F
        found[str(spec.UF)] = (stream.read_bytes(), stream.Params)
    return found


def test_the_files_attached_to_a_pdf_lose_their_metadata():
    original = attaching()
    out = io.BytesIO()
    publish_pdf(io.BytesIO(original), out, without_metadata)
    before, after = attached(original), attached(out.getvalue())
    assert set(after) == set(before) == {"foto.jpg", "tabelle.docx", "anlage.pdf", "liesmich.txt", "notiz.jpg"}
    for name in ("foto.jpg", "notiz.jpg"):
        taken, stripped = before[name][0], after[name][0]
        assert Image.open(io.BytesIO(taken)).getexif().get_ifd(GPS)  # where it was taken, before
        assert not Image.open(io.BytesIO(stripped)).getexif().get_ifd(GPS)
        assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(taken)).tobytes()
    assert AUTHOR.encode() in parts(before["tabelle.docx"][0])["docProps/core.xml"][0]
    document = parts(after["tabelle.docx"][0])
    assert AUTHOR.encode() not in document["docProps/core.xml"][0]
    assert document["word/document.xml"] == parts(word_file())["word/document.xml"]
    assert AUTHOR.encode() in before["anlage.pdf"][0] and AUTHOR.encode() not in after["anlage.pdf"][0]
    assert after["liesmich.txt"][0] == TEXT
    for name, (data, params) in after.items():
        assert "/CreationDate" in before[name][1] and "/ModDate" in before[name][1]
        assert set(params.keys()) <= {"/Size", "/CheckSum"}, (name, params)
        assert int(params.Size) == len(data)
        assert bytes(params.CheckSum) == hashlib.md5(data, usedforsecurity=False).digest()
    assert b"Ressource" not in out.getvalue() and b"D:20240301" not in out.getvalue()


def test_a_pdf_offered_on_a_page_has_its_attachments_written_anew(scratch_site):
    original = attaching()
    site = offering(scratch_site, {"erklaerung.pdf": original})
    for _ in range(2):  # the second from what the first kept in the cache
        run = site.build()
        assert run.code == 0, run.stderr
        after = attached((site.output / "media/erklaerung.pdf").read_bytes())
        assert not Image.open(io.BytesIO(after["foto.jpg"][0])).getexif().get_ifd(GPS)
        assert AUTHOR.encode() not in after["anlage.pdf"][0]


def scripted(action: pikepdf.Dictionary, *, on_a_link: bool = False) -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_document()))
    if on_a_link:  # written within the annotation, as programs do
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=action)
        pdf.pages[0].obj.Annots = pikepdf.Array([link])
    else:
        pdf.Root.OpenAction = action
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def test_scripts_in_a_pdf_are_warned_of_and_it_is_offered(scratch_site):
    files = {
        "formular.pdf": scripted(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))),
        "start.pdf": scripted(pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")), on_a_link=True),
        "sauber.pdf": scripted(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://stm.bw.example/"))),
    }
    site = offering(scratch_site, files)
    for _ in range(2):  # the second from what the first kept in the cache
        run = site.build()
        assert run.code == 0, run.stderr
        for name in ("formular.pdf", "start.pdf"):
            assert (
                f"content/media/{name}:0: warning: holds scripts (JavaScript, or actions that start another"
                " program), which readers' PDF programs run or ask about when it is opened: unless it is a form"
                " that needs them, export it again from its original document\n"
            ) in run.stderr, run.stderr
            assert (site.output / "media" / name).is_file()
        assert "sauber.pdf" not in run.stderr


def test_no_damage_to_a_pdf_with_attachments_ends_in_anything_but_the_editors_message():
    """Bytes changed, cut out or cut off anywhere in a PDF with files attached, compressed: it is
    published or refused with a reason (`PdfProblem`), never another exception from its
    attachments or the documents in them."""
    rng = random.Random(3)
    original = attaching()
    outcomes: collections.Counter[str] = collections.Counter()
    for _ in range(200):
        out = io.BytesIO()
        try:
            publish_pdf(io.BytesIO(damaged(rng, original)), out, without_metadata)
        except PdfProblem as exc:
            assert re.match(r"(is protected by a password|cannot be read as a PDF)", str(exc)), exc
            outcomes["refused"] += 1
            continue
        outcomes["published"] += 1
        pikepdf.open(io.BytesIO(out.getvalue()))  # a PDF that opens
    assert outcomes["published"] > 10 and outcomes["refused"] > 10, outcomes
