"""Metadata where a lossless stripper that only reads a file's head misses it: a lead photo's
offered file and an image download must carry none of it, whatever the file's structure."""

from __future__ import annotations

import io
import os
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from pressroom.output.mediarecord import MediaRecord
from pressroom.source.stripping import STRIPPING_FORMAT

from .test_lead_original import offer
from .test_media_images import photo
from .test_media_site import put, release

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>48.7758 N 9.1829 E</rdf:RDF></x:xmpmeta>'


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (48.0, 46.0, 30.0), 3: "E", 4: (9.0, 10.0, 50.0)}
    return exif.tobytes()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def ultra_hdr() -> bytes:
    """A phone's photo with a second picture after its own (an HDR gain map, listed in an MPF
    index), which has EXIF and XMP of its own."""
    out = io.BytesIO()
    shown = Image.new("RGB", (640, 480), (220, 30, 30))
    gain = Image.new("RGB", (320, 240), (90, 90, 90))
    shown.save(out, "MPO", save_all=True, append_images=[gain], exif=_exif(), xmp=XMP)
    return out.getvalue()


def with_trailer() -> bytes:
    """A phone maker's data after the picture's end (Samsung writes such a trailer)."""
    return photo(640, 480) + b"SEFH" + _exif()


def metadata_between_scans() -> bytes:
    """A progressive JPEG with its EXIF and XMP after its first scan."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (220, 30, 30)).save(out, "JPEG", progressive=True)
    data = out.getvalue()
    second = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    blocks = _segment(0xE1, _exif()) + _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + XMP)
    return data[:second] + blocks + data[second:]


def camera_data_in_app0() -> bytes:
    """An APP0 segment that is not JFIF's: an old Canon camera's (``CIFF``) names the camera."""
    data = photo(640, 480)
    return data[:2] + _segment(0xE0, b"CIFF\0" + b"PhoneMaker 48.7758") + data[2:]


def png_with_old_chunks() -> bytes:
    """EXIF and XMP in the chunks tools wrote before PNG had its own (``zxIf``, ``tXMP``)."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (220, 30, 30)).save(out, "PNG", pnginfo=PngImagePlugin.PngInfo())
    data = out.getvalue()
    end = data.index(b"IEND") - 4
    return (
        data[:end]
        + _chunk(b"zxIf", zlib.compress(_exif()))
        + _chunk(b"exIf", _exif())
        + _chunk(b"tXMP", XMP)
        + data[end:]
    )


CASES = {
    "hdr.jpg": ultra_hdr(),
    "trailer.jpg": with_trailer(),
    "scans.jpg": metadata_between_scans(),
    "ciff.jpg": camera_data_in_app0(),
    "old.png": png_with_old_chunks(),
}


@pytest.mark.parametrize("name", CASES)
def test_no_metadata_is_left_where_the_picture_ends_or_between_its_scans(scratch_site, name):
    extra = (
        f"date: 2024-07-17\nimage:\n  file: {name}\n  alt: A visit\ndownloads:\n  - file: d-{name}\n    title: Photo\n"
    )
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    data = CASES[name]
    put(site, {name: data, f"d-{name}": data})
    run = site.build()
    assert run.code == 0, run.stderr
    href, _, _ = offer(site.page("/en/releases/2024/visit/").html)
    for published in (href, f"/media/d-{name}"):  # the lead photo's offered file, and the download
        file = (site.output / published.lstrip("/")).read_bytes()
        assert b"PhoneMaker" not in file and b"48.7758" not in file, published
        assert b"zxIf" not in file, published  # its EXIF compressed
        with Image.open(io.BytesIO(file)) as image, Image.open(io.BytesIO(data)) as original:
            assert image.format == original.format.replace("MPO", "JPEG"), published
            assert getattr(image, "n_frames", 1) == 1, published  # the gain map is gone
            assert image.convert("RGB").tobytes() == original.convert("RGB").tobytes()  # copied losslessly


def test_an_image_download_cut_short_goes_out_without_its_metadata(scratch_site):
    """A download is not looked at as a lead image is: one copied only in part, neither the
    stripper nor Pillow could read, was published as it was, with the camera and where it was taken."""
    whole = photo(640, 480, gps=True)
    tables = whole.index(b"\xff\xdb")  # the first segment after the EXIF block
    out = io.BytesIO()
    Image.new("RGB", (64, 48)).save(out, "PNG", exif=_exif())
    png = out.getvalue()
    cut = {"cut.jpg": whole[: tables + 3], "ff.jpg": whole[: tables + 1], "cut.png": png[: png.index(b"IDAT") - 2]}
    listed = "".join(f"  - file: {name}\n    title: {name}\n" for name in cut)
    site = scratch_site({"content/en/2024/visit.md": release("Visit", f"date: 2024-07-17\ndownloads:\n{listed}")})
    put(site, cut)
    run = site.build()
    assert run.code == 0, run.stderr
    for name in cut:
        published = (site.output / "media" / name).read_bytes()
        assert published and b"PhoneMaker" not in published, name


def test_an_offered_file_kept_by_an_earlier_stripper_is_made_again(scratch_site):
    """The offered file is kept in the cache, named by the picture's bytes: one kept from before
    the stripper took out what a phone appends after its picture was published again as it was."""
    site = scratch_site(
        {"content/en/2024/visit.md": release("Visit", "date: 2024-07-17\nimage:\n  file: v.jpg\n  alt: A visit\n")}
    )
    put(site, {"v.jpg": CASES["hdr.jpg"]})
    assert site.build().code == 0
    cache = site.root / ".pressroom-cache"
    made = next(cache.glob(f"images/*/*.offered-{STRIPPING_FORMAT}"))
    earlier = made.with_name(f"{made.name.split('.')[0]}.offered-{STRIPPING_FORMAT - 1}")  # as the stripper before
    earlier.write_bytes(CASES["hdr.jpg"])  # the gain map, its EXIF and XMP still after the picture
    record = MediaRecord(cache)
    record.made(os.fspath(earlier))
    record.save()
    run = site.build()
    assert run.code == 0, run.stderr
    href, _, _ = offer(site.page("/en/releases/2024/visit/").html)
    published = (site.output / href.lstrip("/")).read_bytes()
    assert b"PhoneMaker" not in published and b"48.7758" not in published
