"""The size a page says beside an offered picture is that of the file a reader gets, which has
lost its metadata; and an image download that cannot lose it is refused, not published with it."""

from __future__ import annotations

import io
import re

from PIL import Image

from pressroom.output import images

from .test_hidden_metadata import XMP, _exif
from .test_lead_original import offer
from .test_media_site import put, release


def photo_with_a_large_gain_map() -> bytes:
    """A phone's Ultra HDR photo: a small plain picture, then a gain map (a second picture, here
    of noise, which compresses badly) with EXIF and XMP of its own, most of the file's bytes."""
    out = io.BytesIO()
    shown = Image.new("RGB", (320, 240), (220, 30, 30))
    gain = Image.effect_noise((640, 480), 120).convert("RGB")
    shown.save(out, "MPO", save_all=True, append_images=[gain], exif=_exif(), xmp=XMP)
    return out.getvalue()


def kilobytes(text: str) -> int:
    """The size a link's facts say, in kB."""
    found = re.search(r"(\d+)\u00a0kB\)", text)
    assert found, text
    return int(found.group(1))


def offered_twice(scratch_site, data: bytes):
    """A site whose release shows ``data`` as its lead image (its own file offered) and offers
    it as a download; yields, for a cold build and one keeping the cache, the lead image's
    offered file's bytes after checking that the page says both files' sizes."""
    extra = (
        "date: 2024-07-17\nimage:\n  file: photo.jpg\n  alt: A visit\n"
        "downloads:\n  - file: print.jpg\n    title: The photo for print\n"
    )
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    put(site, {"photo.jpg": data, "print.jpg": data})
    for build in ("cold", "with the cache kept"):
        run = site.build()
        assert run.code == 0, run.stderr
        page = site.page("/en/releases/2024/visit/").html
        href, _, text = offer(page)
        offered = (site.output / href.lstrip("/")).read_bytes()
        assert kilobytes(text) == round(len(offered) / 1000), build
        item = re.search(r'<a href="/media/print\.jpg" download>.*?</li>', page, re.S)
        assert item, page
        downloaded = (site.output / "media/print.jpg").stat().st_size
        assert kilobytes(re.sub(r"<[^>]+>", "", item.group(0))) == round(downloaded / 1000), build
        yield offered


def test_the_size_beside_an_offered_picture_is_that_of_the_file_published(scratch_site):
    data = photo_with_a_large_gain_map()
    for offered in offered_twice(scratch_site, data):
        assert len(offered) < len(data) / 2  # the gain map is gone


def test_an_image_download_whose_metadata_cannot_be_taken_out_is_refused_where_it_is_named(scratch_site):
    """Bytes between its segments (which the lossless stripper cannot follow) and cut short (so
    that Pillow cannot decode it either): it was published as it was, with where it was taken."""
    extra = "date: 2024-07-17\ndownloads:\n  - file: 2024/broken.jpg\n    title: The photo\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    out = io.BytesIO()
    Image.effect_noise((640, 480), 120).convert("RGB").save(out, "JPEG", exif=_exif())
    whole = out.getvalue()
    length = int.from_bytes(whole[4:6], "big")
    put(site, {"2024/broken.jpg": whole[: 4 + length] + b"\0\0\0" + whole[4 + length : len(whole) // 2]})
    run = site.build()
    assert run.code != 0
    assert (
        "content/en/2024/visit.md:5: error: content/media/2024/broken.jpg is damaged or cut short, so its metadata"
        in run.stderr
    ), run.stderr
    assert not (site.output / "media/2024/broken.jpg").exists()


def test_an_image_download_damaged_while_the_site_is_built_fails_the_build_and_changes_nothing(
    scratch_site, monkeypatch
):
    """Read as an image when the site was loaded, then unreadable when published (changed in
    between): it went out as it was, metadata and all."""
    extra = "date: 2024-07-17\ndownloads:\n  - file: foto.jpg\n    title: The photo\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    put(site, {"foto.jpg": photo_with_a_large_gain_map()})
    assert site.build().code == 0
    before = {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()}
    put(site, {"foto.jpg": photo_with_a_large_gain_map()[:-2] + b"\xff\xd9"})  # another file, read well
    monkeypatch.setattr(images, "without_metadata", lambda raw, settings=None: None)
    run = site.build()
    assert run.code != 0
    assert "content/media/foto.jpg:0: error: the file changed while the site was being built" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()} == before


def test_an_image_download_too_large_to_decode_and_not_strippable_is_refused_as_such(scratch_site, monkeypatch):
    """Its pixels decoded to take its metadata out would pass Pillow's bound on pixels (here made
    small): refused, saying so, not called damaged."""
    extra = "date: 2024-07-17\ndownloads:\n  - file: wide.jpg\n    title: The panorama\n"
    site = scratch_site({"content/en/2024/visit.md": release("Visit", extra)})
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (220, 30, 30)).save(out, "JPEG", exif=_exif())
    whole = out.getvalue()
    length = int.from_bytes(whole[4:6], "big")
    put(site, {"wide.jpg": whole[: 4 + length] + b"\0\0\0" + whole[4 + length :]})
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    run = site.build()
    assert run.code != 0
    assert "content/media/wide.jpg has bytes between its parts" in run.stderr, run.stderr
    assert "more pixels than are decoded" in run.stderr and "damaged" not in run.stderr


def test_the_size_beside_a_picture_encoded_again_is_that_of_its_new_file(scratch_site):
    """Bytes between a JPEG's segments (which viewers pass over, and the lossless stripper cannot
    follow): its pixels are encoded again, and the page said the editor's file's size."""
    out = io.BytesIO()
    Image.effect_noise((640, 480), 120).convert("RGB").save(out, "JPEG", quality=60, exif=_exif())
    whole = out.getvalue()
    length = int.from_bytes(whole[4:6], "big")
    data = whole[: 4 + length] + b"\0\0\0" + whole[4 + length :]
    for offered in offered_twice(scratch_site, data):
        assert b"PhoneMaker" not in offered
        assert abs(len(offered) - len(data)) > 20_000  # encoded again, at print quality
