"""A picture offered as a download whose metadata pressroom cannot take out (a phone's HEIC
photo, a TIFF for print, a camera's raw file, AVIF, JPEG XL, JPEG 2000, a Photoshop document)
is refused where it is named: it was published as it was, with where the photo was taken. Other
documents are offered as they are."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from PIL import Image

from .pdfs import pdf_document
from .test_hidden_metadata import _exif
from .test_media_site import put, release


def tiff_with_gps() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (220, 30, 30)).save(out, "TIFF", exif=_exif())
    return out.getvalue()


def avif_with_gps() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (220, 30, 30)).save(out, "AVIF", exif=_exif())
    return out.getvalue()


def iso_media(*brands: bytes) -> bytes:
    """The start of an ISO media file (HEIF, a camera's CR3): its ``ftyp`` box, then a box of EXIF."""
    ftyp = brands[0] + b"\0\0\0\0" + b"".join(brands[1:])
    return (8 + len(ftyp)).to_bytes(4, "big") + b"ftyp" + ftyp + b"\0\0\0\x10Exif" + b"GPS 48.77 9.18"


REFUSED = {
    "print.tif": (tiff_with_gps, "TIFF image"),
    "camera.dng": (lambda: b"II*\0\x08\0\0\0" + b"\0" * 64, "TIFF image"),
    "bigtiff.tif": (lambda: b"MM\0+\0\x08\0\0" + b"\0" * 64, "TIFF image"),
    "iphone.heic": (lambda: iso_media(b"heic", b"mif1", b"heic"), "HEIC photo"),
    "iphone.jpg": (lambda: iso_media(b"mif1", b"mif1", b"heic"), "HEIC photo"),  # named by a suffix it is not
    "photo.avif": (avif_with_gps, "AVIF image"),
    "camera.cr3": (lambda: iso_media(b"crx ", b"crx ", b"isom"), "camera raw photo (CR3)"),
    "photo.jxl": (lambda: b"\0\0\0\x0cJXL \r\n\x87\n" + b"\0" * 64, "JPEG XL image"),
    "bare.jxl": (lambda: b"\xff\x0a" + b"\0" * 64, "JPEG XL image"),
    "photo.jp2": (lambda: b"\0\0\0\x0cjP  \r\n\x87\n" + b"\0" * 64, "JPEG 2000 image"),
    "layers.psd": (lambda: b"8BPS\0\x01" + b"\0" * 64, "Photoshop document"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_picture_whose_metadata_cannot_be_taken_out_is_not_offered_as_a_download(scratch_site, name):
    made, kind = REFUSED[name]
    extra = f"date: 2024-07-17\ndownloads:\n  - file: {name}\n    title: The photo\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    put(site, {name: made()})
    run = site.build()
    assert run.code == 1
    assert (
        f"content/en/2024/visit.md:5: error: content/media/{name} is a {kind}, whose metadata (where a photo was"
        " taken, the camera's serial number) pressroom cannot take out, so it is not offered as a download:"
        " export it as JPEG or PNG" in run.stderr
    ), run.stderr
    assert "Traceback" not in run.stderr
    assert not (site.output / "media" / name).exists()


def test_documents_and_pictures_without_such_metadata_are_offered_as_they_are(scratch_site):
    """A PDF, an office document (a ZIP inside), a video's container and a GIF: copied byte for byte."""
    office = io.BytesIO()
    with zipfile.ZipFile(office, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    gif = io.BytesIO()
    Image.new("P", (8, 8)).save(gif, "GIF")
    files = {
        "release.pdf": pdf_document(200),
        "figures.xlsx": office.getvalue(),
        "clip.mp4": iso_media(b"isom", b"isom", b"mp42")[:24] + b"\0\0\0\x10mdat" + b"frames..",
        "logo.gif": gif.getvalue(),
    }
    listed = "".join(f"  - file: {name}\n    title: {name}\n" for name in files)
    site = scratch_site({"content/en/2024/visit.md": release("Visit", f"date: 2024-07-17\ndownloads:\n{listed}")})
    put(site, files)
    run = site.build()
    assert run.code == 0, run.stderr
    for name, data in files.items():
        assert (site.output / "media" / name).read_bytes() == data, name


def test_an_image_download_named_as_another_format_is_listed_as_what_it_is_and_warned_of(scratch_site):
    """A JPEG saved as ``.png`` was listed as "PNG": it is listed as JPEG, published without its
    metadata under the name the releases give it, and the editor is told to rename it."""
    extra = "date: 2024-07-17\ndownloads:\n  - file: 2024/foto.png\n    title: The photo\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (220, 30, 30)).save(out, "JPEG", exif=_exif())
    put(site, {"2024/foto.png": out.getvalue()})
    run = site.build()
    assert run.code == 0, run.stderr
    assert (
        "content/media/2024/foto.png:0: warning: is a JPEG image, though its name ends in .png: readers' programs"
        " open the file they download by its name; rename it foto.jpg (and in the releases that name it)"
    ) in run.stderr, run.stderr
    page = site.page("/en/releases/2024/visit/").html
    item = re.search(r'<a href="/media/2024/foto\.png" download>.*?</li>', page, re.S)
    assert item, page
    text = re.sub(r"<[^>]+>", "", item.group(0))
    assert "JPEG" in text and "PNG" not in text, text
    published = (site.output / "media/2024/foto.png").read_bytes()
    assert published.startswith(b"\xff\xd8") and b"PhoneMaker" not in published
