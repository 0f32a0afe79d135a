"""PDFs for the tests, made by pikepdf: pages, a title, the names and programs a PDF's metadata
holds, and as many bytes as a test needs in the page's content (a comment, so the page stays
blank)."""

from __future__ import annotations

import io

import pikepdf

AUTHOR = "Erika Mustermann"
"""The author a made PDF's metadata names, which its published file must not."""


def pdf_document(
    size: int = 0, *, filler: bytes = b"x", pages: int = 1, metadata: bool = False, title: str = ""
) -> bytes:
    """A PDF of ``pages`` pages and at least ``size`` bytes, as pressroom publishes it unless
    ``metadata`` (its author, programs and dates, in its information and XMP) is asked for."""
    pdf = pikepdf.new()
    for number in range(pages):
        pdf.add_blank_page()
        share = size // pages
        body = b"% " + (filler * (share // len(filler) + 1))[:share] + b"\n" if share else b""
        pdf.pages[number].obj.Contents = pdf.make_stream(body)
    if metadata:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:creator"] = [AUTHOR]
            xmp["xmp:CreatorTool"] = "Microsoft Word for Microsoft 365"
        pdf.docinfo["/Author"] = AUTHOR
        pdf.docinfo["/Creator"] = "Microsoft Word for Microsoft 365"
        pdf.docinfo["/Producer"] = "Microsoft Word for Microsoft 365"
        pdf.docinfo["/CreationDate"] = "D:20240301091500+01'00'"
    if title:
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def commented(count: int) -> bytes:
    """A PDF of one page with ``count`` reviewer's notes on it, and a link (which is no comment)."""
    pdf = pikepdf.open(io.BytesIO(pdf_document()))
    note = {"/Type": pikepdf.Name.Annot, "/Rect": [0, 0, 20, 20], "/T": "Referat 3"}
    notes = [pikepdf.Dictionary({**note, "/Subtype": pikepdf.Name.Text, "/Contents": "Zahl prüfen"})] * count
    pdf.pages[0].obj.Annots = pdf.make_indirect(
        pikepdf.Array([*notes, pikepdf.Dictionary({**note, "/Subtype": pikepdf.Name.Link})])
    )
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, deterministic_id=True)
    return out.getvalue()
