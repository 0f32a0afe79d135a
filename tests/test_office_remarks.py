"""An office document offered as a download that still holds its authors' comments or tracked
changes is published as it is, with a warning naming what a reader will find in the margin."""

from __future__ import annotations

import collections
import io
import random
import zipfile

import pytest

from pressroom.source import officedocs
from pressroom.source.officedocs import Remarks, hidden_remarks

from .damage import damaged
from .test_media_site import put, release

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


OFFICE = "application/vnd.openxmlformats-officedocument."


def archive(parts: dict[str, str | bytes], types: dict[str, str] | None = None) -> bytes:
    """A ZIP of ``parts``; with ``types`` (part → content type), an Office document's."""
    if types is not None:
        listed = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in types.items())
        parts = {
            "[Content_Types].xml": f'<Types><Default Extension="xml" ContentType="application/xml"/>{listed}</Types>',
            **parts,
        }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        for name, text in parts.items():
            made.writestr(name, text)
    return out.getvalue()


def word(body: str, comments: int = 0) -> bytes:
    parts = {"word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>"}
    types = {"word/document.xml": f"{OFFICE}wordprocessingml.document.main+xml"}
    if comments:
        notes = "".join(f'<w:comment w:id="{n}" w:author="Referat 3"><w:p/></w:comment>' for n in range(comments))
        parts["word/comments.xml"] = f"<w:comments {W}>{notes}</w:comments>"
        parts["word/commentsExtended.xml"] = '<w15:commentsEx><w15:commentEx w15:paraId="1"/></w15:commentsEx>'
        types["word/comments.xml"] = f"{OFFICE}wordprocessingml.comments+xml"
        types["word/commentsExtended.xml"] = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
        )
    return archive(parts, types)


TRACKED = '<w:p><w:del w:id="1" w:author="Referat 3"><w:r><w:delText>vorläufig</w:delText></w:r></w:del></w:p>'
PLAIN = "<w:p><w:r><w:t>Gemeinsame Erklärung</w:t></w:r></w:p>"
BOTH = "accept or reject the changes and delete the comments"
DOCUMENTS = {
    "erklaerung.docx": (word(TRACKED, comments=2), "2 comments and tracked changes", BOTH),
    "entwurf.docx": (word(TRACKED), "tracked changes", "accept or reject the changes"),
    "zahlen.xlsx": (
        archive(
            {
                "xl/workbook.xml": "<workbook/>",
                # as openpyxl names it; Excel writes xl/comments1.xml: the content type tells
                "xl/comments/comment1.xml": '<comments><commentList><comment ref="B2"/></commentList></comments>',
                "xl/threadedComments/threadedComment1.xml": '<ThreadedComments><threadedComment ref="B2"/>',
            },
            {
                "xl/comments/comment1.xml": f"{OFFICE}spreadsheetml.comments+xml",
                "xl/threadedComments/threadedComment1.xml": "application/vnd.ms-excel.threadedcomments+xml",
            },
        ),
        "1 comment",
        "delete the comments",
    ),
    "folien.pptx": (
        archive(
            {
                "ppt/presentation.xml": "<p:presentation/>",
                "ppt/comments/modernComment_1.xml": "<p188:cmLst>"
                '<p188:cm id="1"/><p188:cm id="2"/><p188:cm id="3"/></p188:cmLst>',
            },
            {"ppt/comments/modernComment_1.xml": "application/vnd.ms-powerpoint.comments+xml"},
        ),
        "3 comments",
        "delete the comments",
    ),
    "bericht.odt": (
        archive(
            {
                "mimetype": "application/vnd.oasis.opendocument.text",
                "content.xml": "<office:text>"
                "<text:tracked-changes><text:changed-region text:id='c1'/></text:tracked-changes>"
                "<office:annotation><dc:creator>M.</dc:creator></office:annotation></office:text>",
            }
        ),
        "1 comment and tracked changes",
        BOTH,
    ),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_remarks_left_in_a_document_are_warned_of_and_it_is_offered_as_it_is(scratch_site, name):
    data, remarks, mend = DOCUMENTS[name]
    extra = f"date: 2024-07-17\ndownloads:\n  - file: {name}\n    title: The document\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    put(site, {name: data, "sauber.docx": word(PLAIN)})
    site.root.joinpath("content/en/2024/more.md").write_text(
        release("More", "date: 2024-07-18\ndownloads:\n  - file: sauber.docx\n    title: Clean\n"), encoding="utf-8"
    )
    for _ in range(2):  # the second build keeps its model: the warning is said again
        run = site.build()
        assert run.code == 0, run.stderr
        warning = f"content/media/{name}:0: warning: holds {remarks}, which everyone who downloads it can read:"
        assert f"{warning} {mend}, then save it again\n" in run.stderr, run.stderr
        assert "sauber.docx" not in run.stderr
        assert (site.output / "media" / name).read_bytes() == data


def test_a_damaged_or_foreign_archive_is_offered_without_a_word(scratch_site):
    files = {"kaputt.docx": b"PK\x03\x04" + b"\0" * 60, "pressemappe.zip": archive({"readme.txt": "<comment>"})}
    listed = "".join(f"  - file: {name}\n    title: {name}\n" for name in files)
    site = scratch_site({"content/en/2024/visit.md": release("Visit", f"date: 2024-07-17\ndownloads:\n{listed}")})
    put(site, files)
    run = site.build()
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    for name, data in files.items():
        assert (site.output / "media" / name).read_bytes() == data


def test_marks_cut_between_pieces_are_counted_once(tmp_path, monkeypatch):
    monkeypatch.setattr(officedocs, "_PIECE", 7)
    path = tmp_path / "x.docx"
    path.write_bytes(word(PLAIN * 3 + TRACKED, comments=5))
    assert hidden_remarks(path) == Remarks(5, changes=True)


def test_a_document_is_read_no_further_than_its_bound(tmp_path, monkeypatch):
    """A crafted archive that unpacks to gigabytes costs no more than the bound: what lies
    beyond it is not looked at."""
    monkeypatch.setattr(officedocs, "_MOST_READ", 1 << 20)
    path = tmp_path / "x.docx"
    path.write_bytes(word("<w:p/>" * 50_000 + TRACKED))  # 300 kB of text, then the change
    assert hidden_remarks(path) == Remarks(0, changes=True)
    path.write_bytes(word("<w:p/>" * 400_000 + TRACKED))  # 2.4 MB, then the change
    assert hidden_remarks(path) is None


def test_no_damage_to_a_document_ends_in_a_traceback(tmp_path):
    """Bytes changed, cut out or cut off anywhere in the documents above: their remarks are
    found, or the file is passed over as one that cannot be read; never an exception (a part
    that no longer inflates raised zlib's, one marked encrypted a RuntimeError)."""
    rng = random.Random(7)
    originals = [data for data, _, _ in DOCUMENTS.values()]
    path = tmp_path / "x.docx"
    outcomes = collections.Counter()
    for _ in range(3000):
        document = damaged(rng, rng.choice(originals))
        path.write_bytes(document)
        outcomes[hidden_remarks(path) is None] += 1
    assert outcomes[True] > 100 and outcomes[False] > 100  # the mutations reached both outcomes
