"""A PDF offered as a download is published written anew without its authors' names and the
place its photo was taken: Chromium's PDF viewer shows the published file as it showed the
editor's, its title, text and photo, pixel for pixel."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pikepdf
from PIL import Image
from playwright.sync_api import Page

from ..pdfs import AUTHOR, pdf_document
from ..test_media_images import photo
from ..test_pdf_metadata import saved
from .conftest import OpenPage, build_offering, serve_static

TITLE = "Gemeinsame Erklärung"


def exported() -> bytes:
    """A page as an office program exports it: a heading, a phone's photo placed whole (with
    where it was taken), the author and programs in its metadata."""
    pdf = pikepdf.open(io.BytesIO(pdf_document(metadata=True, title=TITLE)))
    taken = photo(400, 300, gps=True)
    picture = pdf.make_stream(taken, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image)
    picture.Width, picture.Height, picture.BitsPerComponent = 400, 300, 8
    picture.ColorSpace, picture.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page = pdf.pages[0].obj
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=picture), Font=pikepdf.Dictionary(F1=font))
    drawing = b"BT /F1 30 Tf 72 720 Td (Gemeinsame Erklaerung) Tj ET q 400 0 0 300 100 380 cm /Im0 Do Q"
    page.Contents = pdf.make_stream(drawing)
    return saved(pdf)


def red_pixels(picture: Image.Image) -> int:
    """The pixels of the photo's red corner in ``picture``."""
    return sum(1 for r, g, b in picture.get_flattened_data() if r > 200 and g < 60 and b < 60)


def shown(page: Page, url: str) -> Image.Image:
    """What Chromium's PDF viewer shows of ``url``, once it shows the photo and has stopped
    changing (or after 30 seconds, whatever it shows then)."""
    page.goto(url)
    last, deadline = b"", time.monotonic() + 30
    while time.monotonic() < deadline:
        page.wait_for_timeout(500)
        now = page.screenshot()
        if now == last and red_pixels(Image.open(io.BytesIO(now)).convert("RGB")) > 500:
            break
        last = now
    return Image.open(io.BytesIO(last)).convert("RGB")


def test_a_pdf_published_without_its_metadata_shows_as_the_editors_did(open_page: OpenPage, tmp_path: Path):
    original = exported()
    assert AUTHOR.encode() in original
    built = build_offering(tmp_path, "erklaerung.pdf", original, "The declaration")
    published = (built / "media/erklaerung.pdf").read_bytes()
    assert AUTHOR.encode() not in published and b"PhoneMaker" not in published
    (built / "media/editors").mkdir()
    (built / "media/editors/erklaerung.pdf").write_bytes(original)  # the same name: the viewer shows it
    page = open_page(width=1000, height=900)
    with serve_static(built) as url:
        before = shown(page, url + "media/editors/erklaerung.pdf")
        after = shown(page, url + "media/erklaerung.pdf")
    assert red_pixels(before) > 500, "the photo's red corner is not shown: the viewer showed no page"
    assert after.tobytes() == before.tobytes()
