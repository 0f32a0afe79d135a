"""An office document offered as a download is published without who wrote it: its properties
parts (author, last saved by, company, template, custom properties; an OpenDocument file's
meta.xml) emptied, every other part copied byte for byte as it was compressed. One signed,
encrypted or no office document is published as it is."""

from __future__ import annotations

import collections
import io
import random
import zipfile

import pytest
from PIL import Image

from pressroom.source.officeprops import publish_office

from .damage import damaged
from .test_media_images import photo
from .test_media_site import png, put, release
from .test_office_remarks import OFFICE, PLAIN, W, archive

PACKAGE = "application/vnd.openxmlformats-package."
AUTHOR = "Erika Mustermann"
CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    f' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{AUTHOR}</dc:creator>'
    "<cp:lastModifiedBy>Referat 3</cp:lastModifiedBy></cp:coreProperties>"
)
APP = (
    "<Properties><Company>Staatsministerium</Company>"
    "<Template>pm.dotx</Template><TotalTime>184</TotalTime></Properties>"
)
CUSTOM = (
    '<Properties><property name="MSIP_Label_Owner"><vt:lpwstr>erika@stm.example</vt:lpwstr></property>'
    f'<property name="ContentTypeId"><vt:lpwstr>{random.Random(3).randbytes(3000).hex()}</vt:lpwstr></property>'
    "</Properties>"
)
"""Custom properties as a document system adds them: their identifiers several kilobytes."""
TEMPLATE_LINK = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"'
    ' Target="file:///\\\\srv-ablage\\vorlagen\\pm.dotx" TargetMode="External"/></Relationships>'
)
"""Where Word's settings say the template a document was made from lies: a server of the office."""
EMPTIED = {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "word/_rels/settings.xml.rels", "meta.xml"}
SECRETS = (AUTHOR, "Referat 3", "srv-ablage", "erika@stm")


def word_file(*, signed: bool = False) -> bytes:
    parts = {
        "word/document.xml": f"<w:document {W}><w:body>{PLAIN * 40}</w:body></w:document>",
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "docProps/custom.xml": CUSTOM,
        "word/_rels/settings.xml.rels": TEMPLATE_LINK,
    }
    types = {
        "word/document.xml": f"{OFFICE}wordprocessingml.document.main+xml",
        "docProps/core.xml": f"{PACKAGE}core-properties+xml",
        "docProps/app.xml": f"{OFFICE}extended-properties+xml",
        "docProps/custom.xml": f"{OFFICE}custom-properties+xml",
    }
    if signed:
        parts["_xmlsignatures/sig1.xml"] = "<Signature/>"
        types["_xmlsignatures/sig1.xml"] = f"{PACKAGE}digital-signature-xmlsignature+xml"
    return archive(parts, types)


def open_document(*, signed: bool = False) -> bytes:
    """An OpenDocument text as LibreOffice writes it: its mimetype first and stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        made.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        made.writestr("content.xml", "<office:document-content><office:text>Erklärung</office:text>" * 20)
        made.writestr(
            "meta.xml",
            '<office:document-meta office:version="1.3"><office:meta><meta:initial-creator>'
            f"{AUTHOR}</meta:initial-creator><meta:editing-cycles>14</meta:editing-cycles></office:meta>"
            "</office:document-meta>",
        )
        if signed:
            made.writestr("META-INF/documentsignatures.xml", "<document-signatures/>")
    return out.getvalue()


def parts(data: bytes) -> dict[str, tuple[bytes, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        assert opened.testzip() is None
        return {info.filename: (opened.read(info), info.compress_type) for info in opened.infolist()}


def rewritten(data: bytes) -> bytes | None:
    out = io.BytesIO()
    return out.getvalue() if publish_office(io.BytesIO(data), out) else None


@pytest.mark.parametrize("made", [word_file, open_document], ids=["docx", "odt"])
def test_an_office_document_is_published_without_who_wrote_it(scratch_site, made):
    original = made()
    name = "erklaerung.docx" if made is word_file else "erklaerung.odt"
    extra = f"date: 2024-07-17\ndownloads:\n  - file: {name}\n    title: The declaration\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    put(site, {name: original})
    run = site.build()
    assert run.code == 0, run.stderr
    out = (site.output / "media" / name).read_bytes()
    before, after = parts(original), parts(out)
    assert list(after) == list(before)  # every part, in its order: an OpenDocument's mimetype first
    assert {name: after[name] for name in after if name not in EMPTIED} == {
        name: before[name] for name in before if name not in EMPTIED
    }  # the same bytes, compressed as they were
    assert [secret for secret in SECRETS if any(secret.encode() in data for data, _ in after.values())] == []
    if made is word_file:
        assert b'Target="pm.dotx" TargetMode="External"' in after["word/_rels/settings.xml.rels"][0]
    if made is open_document:
        assert after["meta.xml"][0].endswith(b'office:version="1.3"><office:meta/></office:document-meta>')
        assert out[30:38] == b"mimetype" and after["mimetype"][1] == zipfile.ZIP_STORED
    size = f"({name.rsplit('.')[1].upper()}, {len(out) / 1000:.0f}\u00a0kB)"
    assert size in site.page("/en/releases/2024/visit/").html  # the size of what readers get
    assert site.build("--jobs", "1").code == 0  # kept in the cache: the same file
    assert (site.output / "media" / name).read_bytes() == out


@pytest.mark.parametrize(
    "original",
    [
        word_file(signed=True),
        open_document(signed=True),
        archive({"readme.txt": AUTHOR, "docProps/core.xml": CORE}),  # a press kit, no office document
    ],
    ids=["signed docx", "signed odt", "zip"],
)
def test_a_signed_document_or_another_archive_is_published_as_it_is(original):
    assert rewritten(original) is None


def streamed(data: bytes) -> bytes:
    """``data``'s parts written as a program streaming them does: sizes after each part's data."""

    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.out = io.BytesIO()

        def writable(self) -> bool:
            return True

        def write(self, chunk) -> int:
            return self.out.write(chunk)

    target = Unseekable()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as made:
        for info in source.infolist():
            made.writestr(info.filename, source.read(info))
    return target.out.getvalue()


def test_parts_whose_sizes_follow_their_data_and_bytes_between_parts_are_read_right():
    for original in (streamed(word_file()), b"junk before the archive" + word_file()):
        with zipfile.ZipFile(io.BytesIO(original)) as opened:
            assert any(info.flag_bits & 0x08 for info in opened.infolist()) or original.startswith(b"junk")
        out = rewritten(original)
        assert out is not None and not out.startswith(b"junk")
        after = parts(out)
        assert after["word/document.xml"] == parts(original)["word/document.xml"]
        assert AUTHOR.encode() not in after["docProps/core.xml"][0]


def read_or_why(opened: zipfile.ZipFile, name: str) -> bytes | str:
    try:
        return opened.read(name)
    except Exception as exc:  # what reading the part raises, damaged as it is
        return type(exc).__name__


def damaged_rewrites(
    seed: int, originals: list[bytes], times: int, *, written: set[str], left_out: frozenset[str] = frozenset()
) -> collections.Counter[str]:
    """``times`` copies of ``originals`` damaged at random and published: each is written anew
    into an archive whose directory reads, with every part but those ``left_out``, in order, each
    reading as it did in the damaged file (a part whose data was changed fails its check in
    both) but those ``written`` anew; or published as it is; never an exception. How many of
    each."""
    rng = random.Random(seed)
    outcomes: collections.Counter[str] = collections.Counter()
    for _ in range(times):
        document = damaged(rng, rng.choice(originals))
        out = rewritten(document)
        if out is None:
            outcomes["as it is"] += 1
            continue
        outcomes["anew"] += 1
        with zipfile.ZipFile(io.BytesIO(document)) as before, zipfile.ZipFile(io.BytesIO(out)) as after:
            assert after.namelist() == [name for name in before.namelist() if name not in left_out]
            for name in set(after.namelist()) - written:
                assert read_or_why(after, name) == read_or_why(before, name), name
    return outcomes


def test_no_damage_to_an_office_document_ends_in_a_traceback():
    """Bytes changed, cut out or cut off anywhere: the document is written anew into an archive
    that reads, or published as it is; never an exception."""
    originals = [word_file(), open_document(), streamed(word_file())]
    outcomes = damaged_rewrites(11, originals, 2000, written=EMPTIED)
    assert outcomes["anew"] > 100 and outcomes["as it is"] > 100, outcomes


def test_a_photo_placed_in_a_document_loses_where_it_was_taken():
    """A phone's photo inserted into a Word document keeps its EXIF, as it does in a PDF; a
    document with no properties to empty is written anew for its pictures alone."""
    taken, plain = photo(64, 48, gps=True), png((20, 90, 160))
    document = archive(
        {
            "word/document.xml": f"<w:document {W}><w:body>{PLAIN}</w:body></w:document>",
            "word/media/image1.jpeg": taken,
            "word/media/image2.png": plain,
        },
        {"word/document.xml": f"{OFFICE}wordprocessingml.document.main+xml"},
    )
    out = rewritten(document)
    assert out is not None
    after = parts(out)
    stripped = after["word/media/image1.jpeg"][0]
    assert Image.open(io.BytesIO(taken)).getexif().get_ifd(0x8825)  # where it was taken, before
    assert not Image.open(io.BytesIO(stripped)).getexif().get_ifd(0x8825) and b"PhoneMaker" not in stripped
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(taken)).tobytes()
    assert after["word/media/image2.png"] == parts(document)["word/media/image2.png"]  # nothing to take out
    assert after["word/document.xml"] == parts(document)["word/document.xml"]
    without_photo = archive(
        {"word/document.xml": "<w:document/>", "word/media/image2.png": plain},
        {"word/document.xml": f"{OFFICE}wordprocessingml.document.main+xml"},
    )
    assert rewritten(without_photo) is None  # nothing to take out: published as it is
