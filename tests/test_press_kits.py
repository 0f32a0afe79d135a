"""A ZIP archive offered as a download (a press kit of photos and the release as a PDF) is
published as an office document is: its photos without where they were taken, the documents in
it without who wrote them, and without what the Mac or Windows computer it was packed on added
(``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``); every other file in it byte for byte."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from pressroom.source import downloads, inside, officedocs
from pressroom.source.officedocs import Remarks, hidden_remarks
from pressroom.source.officeprops import publish_office

from .pdfs import AUTHOR, commented, pdf_document
from .test_media_images import photo
from .test_office_properties import damaged_rewrites, parts, rewritten, word_file
from .test_office_remarks import PLAIN, word
from .test_video_metadata import offering

LEFTOVERS = {
    "__MACOSX/",
    "__MACOSX/presse/",
    "__MACOSX/presse/._foto.jpg",
    "presse/.DS_Store",
    "presse/Thumbs.db",
}
WHERE_FROM = b"com.apple.metadata:kMDItemWhereFroms https://intranet.stm.example/ablage/foto.jpg"


def zipped(files: dict[str, bytes]) -> bytes:
    """A ZIP of ``files`` in their order, as an archiver packs them (folders as their own entries),
    the same bytes each time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        for name, data in files.items():
            made.writestr(zipfile.ZipInfo(name, (2024, 7, 17, 9, 30, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def press_kit() -> bytes:
    """A folder packed on a Mac: a phone's photo, the release as a PDF and as a Word document,
    a text file, and what the Mac and the Windows share it came from added."""
    return zipped(
        {
            "presse/": b"",
            "presse/foto.jpg": photo(64, 48, gps=True),
            "presse/erklaerung.pdf": pdf_document(metadata=True),
            "presse/erklaerung.docx": word_file(),
            "presse/liesmich.txt": "Fotos: Staatsministerium Baden-Württemberg".encode() * 20,
            "presse/.DS_Store": b"Bud1" + "entwurf_vertraulich.docx".encode("utf-16-be"),
            "presse/Thumbs.db": b"\xd0\xcf\x11\xe0" + bytes(60),
            "__MACOSX/": b"",
            "__MACOSX/presse/": b"",
            "__MACOSX/presse/._foto.jpg": b"\x00\x05\x16\x07" + WHERE_FROM,
        }
    )


def test_a_press_kit_is_published_without_metadata_or_leftovers():
    original = press_kit()
    out = rewritten(original)
    assert out is not None
    before, after = parts(original), parts(out)
    assert list(after) == [name for name in before if name not in LEFTOVERS]  # in their order
    assert b"intranet" not in out and "entwurf".encode("utf-16-be") not in out
    taken, stripped = before["presse/foto.jpg"][0], after["presse/foto.jpg"][0]
    assert Image.open(io.BytesIO(taken)).getexif().get_ifd(0x8825)  # where it was taken, before
    assert not Image.open(io.BytesIO(stripped)).getexif().get_ifd(0x8825) and b"PhoneMaker" not in stripped
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(taken)).tobytes()
    assert AUTHOR.encode() in before["presse/erklaerung.pdf"][0]
    assert AUTHOR.encode() not in after["presse/erklaerung.pdf"][0]
    document = parts(after["presse/erklaerung.docx"][0])
    assert AUTHOR.encode() not in document["docProps/core.xml"][0]
    assert document["word/document.xml"] == parts(word_file())["word/document.xml"]
    assert after["presse/liesmich.txt"] == before["presse/liesmich.txt"]  # as it was, compressed as it was


def test_a_press_kit_offered_on_a_page_is_published_so(scratch_site):
    kit = press_kit()
    site = offering(scratch_site, {"pressemappe.zip": kit})
    run = site.build()
    assert run.code == 0, run.stderr
    out = (site.output / "media/pressemappe.zip").read_bytes()
    assert out == rewritten(kit)
    assert site.build("--jobs", "1").code == 0  # kept in the cache: the same file
    assert (site.output / "media/pressemappe.zip").read_bytes() == out


def test_archives_within_archives_are_written_anew_two_deep():
    """A kit in a kit: its PDF written anew; a PDF three archives deep is copied as it is (an
    archive that unpacks to itself would go on for ever)."""
    document = pdf_document(metadata=True)
    deepest = zipped({"c.pdf": document})
    middle = zipped({"b.pdf": document, "deepest.zip": deepest})
    original = zipped({"a.pdf": document, "middle.zip": middle})
    out = rewritten(original)
    assert out is not None
    after = parts(out)
    assert AUTHOR.encode() not in after["a.pdf"][0]
    inner = parts(after["middle.zip"][0])
    assert AUTHOR.encode() not in inner["b.pdf"][0]
    assert inner["deepest.zip"][0] == deepest


def test_a_signed_java_archive_or_a_kit_with_nothing_to_take_out_is_published_as_it_is():
    signed = zipped(
        {"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n", "META-INF/STM.SF": b"", "a.jpg": photo(32, 32)}
    )
    plain = zipped({"presse/": b"", "presse/liesmich.txt": b"Fotos", "presse/grafik.pdf": pdf_document()})
    assert rewritten(signed) is None and rewritten(plain) is None


def test_no_damage_to_a_press_kit_ends_in_a_traceback():
    """Bytes changed, cut out or cut off anywhere: the kit is written anew into an archive that
    reads, every file as it read before (but those written anew and those left out), or
    published as it is; never an exception."""
    anew = {"presse/foto.jpg", "presse/erklaerung.pdf", "presse/erklaerung.docx"}
    outcomes = damaged_rewrites(5, [press_kit()], 1000, written=anew, left_out=frozenset(LEFTOVERS))
    assert outcomes["anew"] > 50 and outcomes["as it is"] > 50, outcomes


def test_remarks_left_in_a_document_in_a_kit_are_warned_of(scratch_site, monkeypatch):
    """A draft with comments packed into the kit: whoever downloads the kit reads them, so the
    editor hears which document in it holds them, as for a document offered on its own."""
    draft = word("<w:p><w:ins><w:r><w:t>neu</w:t></w:r></w:ins></w:p>", comments=2)
    inner = zipped({"entwurf.odt": b"not an archive", "notizen.docx": word(PLAIN, comments=1)})
    kit = zipped(
        {
            "presse/entwurf.docx": draft,
            "presse/alt.zip": inner,
            "presse/foto.jpg": photo(32, 32),
            "presse/bericht.pdf": commented(2),
            "presse/sauber.pdf": commented(0),
        }
    )
    site = offering(scratch_site, {"pressemappe.zip": kit})
    warning = (
        "content/media/pressemappe.zip:0: warning: holds 5 comments and tracked changes in presse/entwurf.docx,"
        " presse/alt.zip/notizen.docx, presse/bericht.pdf, which everyone who downloads it can read: accept or"
        " reject the changes and delete the comments, then save them again and pack the archive anew\n"
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert warning in run.stderr, run.stderr
    # What was found in the kit is kept by its bytes' digest: a release edited, the kit (hundreds
    # of megabytes, it may be) is not read again, and the warning is said all the same.
    monkeypatch.setattr(downloads, "hidden_remarks", None)
    release = site.root / "content/en/2024/visit.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    run = site.build()
    assert run.code == 0, run.stderr
    assert warning in run.stderr, run.stderr


def test_a_kit_of_bombs_is_unpacked_no_further_than_its_bound(monkeypatch):
    """Forty archives in a kit, each of forty documents that unpack to 8 MB of zeros: 13 GB to
    unpack, from a file of a few hundred kilobytes. What is unpacked of one offered file is
    bounded in all (`inside.MOST_UNPACKED`, lowered here), however deep; the rest is copied as
    it is, and the kit is published."""
    monkeypatch.setattr(inside, "MOST_UNPACKED", 128 << 20)
    asked: list[tuple[int, bool]] = []
    unpack = inside.Inside.unpack

    def counted(self, size):
        granted = unpack(self, size)
        asked.append((size, granted))
        return granted

    monkeypatch.setattr(inside.Inside, "unpack", counted)
    bomb = zipped({f"teil{number}.pdf": bytes(8 << 20) for number in range(40)})
    kit = zipped({f"mappe{number}.zip": bomb for number in range(40)})
    assert len(kit) < 1 << 20
    out = io.BytesIO()
    publish_office(io.BytesIO(kit), out)
    assert sum(size for size, granted in asked if granted) <= 128 << 20
    assert any(granted for _, granted in asked) and not all(granted for _, granted in asked)


def test_a_document_in_a_kit_is_looked_into_only_as_large_as_one_written_anew(tmp_path, monkeypatch):
    """A document in a kit is held whole to be looked into, as to be written anew: one larger
    than that bound is neither (`inside.MOST_INNER`, lowered here)."""
    draft = word(PLAIN, comments=1)
    path = tmp_path / "pressemappe.zip"
    path.write_bytes(zipped({"presse/entwurf.docx": draft}))
    assert hidden_remarks(path) == Remarks(1, changes=False, inside=("presse/entwurf.docx",))
    monkeypatch.setattr(officedocs, "MOST_INNER", len(draft) - 1)
    assert hidden_remarks(path) is None
