"""Media files and their renditions, on images generated here (no binary fixtures).

What an editor drops into ``content/media/`` is checked before anything is built (names that
leave the folder, missing, truncated or disguised files, bombs, SVG), and what readers download
is upright, stripped of the photographer's metadata, never upscaled, cached and reproducible.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from pressroom.model.media import plan, planned_widths
from pressroom.output import images
from pressroom.output.mediarecord import MediaRecord
from pressroom.source.downloads import download
from pressroom.source.media import (
    MAX_PIXELS,
    MediaError,
    all_media,
    localized,
    probe,
    resolve,
)

from .pdfs import pdf_document

RED, BLUE, WHITE = (220, 30, 30), (20, 40, 200), (255, 255, 255)


def photo(width: int, height: int, *, orientation: int | None = None, gps: bool = False, icc: bool = False) -> bytes:
    """A JPEG like a phone's: a red block in the stored top-left corner, and optional metadata."""
    im = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, width // 4, height // 4), fill=RED)
    draw.ellipse((width // 2, height // 2, width - 10, height - 10), fill=BLUE)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (48.0, 46.0, 30.0), 3: "E", 4: (9.0, 10.0, 50.0)}
    extra = {"icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()} if icc else {}
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90, exif=exif.tobytes(), **extra)
    return out.getvalue()


def media(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "content" / "media"
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    root.mkdir(parents=True, exist_ok=True)
    return root


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header claims ``width × height`` pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg_of_many_scans(width: int, height: int, extra: int) -> bytes:
    """A progressive grey JPEG with ``extra`` copies of one of its scans before its end: a few
    bytes each, and each read by the decoder over the whole picture (a known way to stall one).
    The decoder only warns of a scan given twice, and reads it again."""
    saved = io.BytesIO()
    Image.new("L", (width, height), 128).save(saved, "JPEG", progressive=True)
    data = saved.getvalue()
    scans = [match.start() for match in re.finditer(b"\xff\xda", data)]
    end = data.rindex(b"\xff\xd9")
    first_ac = next(at for at in scans if data[at + 7] >= 1)  # one component: its Ss is the 8th byte
    scan = data[first_ac : min([s for s in scans if s > first_ac] + [end])]
    return data[:end] + scan * extra + data[end:]


def png_with_damaged_data() -> bytes:
    """A 64×64 PNG whose compressed pixels were damaged (bytes changed in a copy) while each
    chunk's checksum still matches them: Pillow reads the header, and fails only on the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    rows = b"".join(b"\0" + bytes((x * 7 + y) % 256 for x in range(64 * 3)) for y in range(64))
    idat = bytearray(zlib.compress(rows, 9))
    idat[len(idat) // 3 : len(idat) // 3 + 24] = b"\xff" * 24
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b"")


def png_with_a_long_history() -> bytes:
    """A small PNG carrying 20 MB of text (an editing program's history), compressed to 20 kB:
    more than Pillow reads of a text chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("History", "x" * (20 * 1024 * 1024), zip=True)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


# --- names under content/media/ -------------------------------------------------------------


def test_names_must_stay_in_the_media_folder(tmp_path):
    root = media(tmp_path, {"2024/a.jpg": photo(40, 30)})
    (tmp_path / "content" / "secret.jpg").write_bytes(photo(40, 30))
    (root / "2024" / "link.jpg").symlink_to(tmp_path / "content" / "secret.jpg")
    assert resolve(root, "2024/a.jpg") == root / "2024" / "a.jpg"
    for name in ("../secret.jpg", "/etc/passwd", "2024/../../secret.jpg", "2024\\a.jpg", ""):
        with pytest.raises(MediaError, match="is not a path under content/media/"):
            resolve(root, name)
    # A picture's address on a page, or with a query, written in front matter: the name meant is said.
    with pytest.raises(
        MediaError,
        match=r"'/media/2024/a\.jpg' is not a path under content/media/ \(it has a '/' too many\): write 2024/a\.jpg$",
    ):
        resolve(root, "/media/2024/a.jpg")
    with pytest.raises(
        MediaError, match=r"2024/a\.jpg\?v=2: a media name takes no '\?…' as an address does: write 2024/a\.jpg$"
    ):
        resolve(root, "2024/a.jpg?v=2")
    # /media//2024/a.jpg in a body: the name starts with the second slash.
    for name in ("/2024/a.jpg", "2024//a.jpg"):
        with pytest.raises(MediaError, match=r"is not a path under content/media/ \(it has a '/' too many\)"):
            resolve(root, name)
    with pytest.raises(MediaError, match=r"content/media/2024/link\.jpg leads out of content/media/"):
        resolve(root, "2024/link.jpg")
    with pytest.raises(MediaError, match=r"content/media/2024/b\.jpg does not exist"):
        resolve(root, "2024/b.jpg")


def test_a_language_file_replaces_the_shared_one_on_that_languages_pages(tmp_path):
    root = media(tmp_path, {"2024/chart.png": b"x", "2024/chart.ja.png": b"x", "logo.svg.txt": b"x"})
    assert localized(root, "2024/chart.png", "ja") == "2024/chart.ja.png"
    assert localized(root, "2024/chart.png", "de") == "2024/chart.png"
    assert all_media(root) == ["2024/chart.ja.png", "2024/chart.png", "logo.svg.txt"]


# --- what an image must be ------------------------------------------------------------------


def test_probe_reports_the_upright_size_of_a_turned_photo(tmp_path):
    root = media(tmp_path, {"p.jpg": photo(400, 300, orientation=6)})
    info = probe(root, "p.jpg")
    assert (info.width, info.height, info.format, info.alpha) == (300, 400, "JPEG", False)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cut.jpg", photo(600, 400)[:3000], r"content/media/cut\.jpg is damaged or cut short"),
        # check passed it, and the build failed with "build.py:0: error: unrecognized data stream
        # contents when reading image file": the damage was found, and passed over, in its EXIF look-up.
        ("damaged.png", png_with_damaged_data(), r"content/media/damaged\.png is damaged or cut short"),
        ("notes.jpg", b"Das ist kein Bild.\n", r"content/media/notes\.jpg is not an image"),
        # Said to be damaged: the image is whole, and only its metadata is more than Pillow reads.
        (
            "history.png",
            png_with_a_long_history(),
            r"content/media/history\.png carries more text in its metadata than an image is read with \(an editing"
            r" program's history, most often\); export it again with its metadata left out",
        ),
        # Said to be no image: the editor looked at a file that is one, not at its size.
        ("empty.jpg", b"", r"content/media/empty\.jpg is empty \(0 bytes\): copy or save the image again"),
        ("bomb.png", png_claiming(20_000, 20_000), r"content/media/bomb\.png claims more pixels"),
        ("huge.png", png_claiming(9_000, 8_000), r"content/media/huge\.png is 9000×8000 pixels \(72 megapixels\)"),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
            r"content/media/evil\.svg is SVG, which pressroom does not publish",
        ),
        (
            "disguised.png",
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
            r"content/media/disguised\.png is SVG",
        ),
    ],
)
def test_probe_refuses_what_is_no_publishable_image(tmp_path, name, data, message):
    root = media(tmp_path, {name: data})
    with pytest.raises(MediaError, match=message):
        probe(root, name)


def test_probe_names_the_formats_it_accepts(tmp_path):
    gif = io.BytesIO()
    Image.new("P", (10, 10)).save(gif, "GIF")
    root = media(tmp_path, {"a.gif": gif.getvalue()})
    with pytest.raises(MediaError, match=r"content/media/a\.gif is a GIF image; publish it as one of JPEG, PNG"):
        probe(root, "a.gif")


def test_the_pixel_limit_is_the_one_documented():
    assert MAX_PIXELS == 60_000_000  # README: "larger than 60 megapixels"


def test_downloads_are_any_file_but_pages_in_disguise(tmp_path):
    document = pdf_document(2000)
    root = media(tmp_path, {"doc.pdf": document, "page.html": b"<script>", "x": b"1"})
    info = download(root, "doc.pdf")
    assert (info.size, info.kind) == (len(document), "PDF")
    with pytest.raises(MediaError, match=r"content/media/page\.html is HTML, which browsers run"):
        download(root, "page.html")
    with pytest.raises(MediaError, match=r"content/media/x has no type suffix"):
        download(root, "x")
    with pytest.raises(MediaError, match=r"content/media/gone\.pdf does not exist"):
        download(root, "gone.pdf")


# --- renditions -----------------------------------------------------------------------------


def test_widths_are_never_upscaled():
    assert planned_widths(3000, (480, 960, 1600)) == [480, 960, 1600]
    assert planned_widths(1000, (480, 960, 1600)) == [480, 960, 1000]
    assert planned_widths(960, (480, 960, 1600)) == [480, 960]
    assert planned_widths(300, (480, 960, 1600)) == [300]


def rendition(info, cache: Path):
    """Plan the rendition and make its files, as a build does."""
    rend = plan(info)
    record = MediaRecord(cache)
    images.make(rend, cache, record)
    record.save()
    return rend


def cached(rend, variant, cache: Path) -> bytes:
    return dict(images.files(rend, cache, MediaRecord(cache)))[variant.url].read_bytes()


def decoded(rend, variant, cache: Path) -> Image.Image:
    data = cached(rend, variant, cache)
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def test_a_phone_photo_becomes_upright_stripped_variants_in_three_formats(tmp_path):
    root = media(tmp_path, {"2024/phone.jpg": photo(2000, 1000, orientation=6, gps=True, icc=True)})
    rend = rendition(probe(root, "2024/phone.jpg"), tmp_path / "cache")
    assert (rend.width, rend.height, rend.fallback) == (1000, 2000, "jpeg")
    assert [(v.format, v.width, v.height) for v in rend.variants] == [
        (fmt, w, h) for w, h in ((480, 960), (960, 1920), (1000, 2000)) for fmt in ("avif", "webp", "jpeg")
    ]
    assert rend.variants[0].url.startswith("media/2024/phone.") and rend.variants[0].url.endswith(".480.avif")
    assert rend.srcset("avif").count("w, /media/2024/phone.") == 2
    for variant in rend.variants:
        im = decoded(rend, variant, tmp_path / "cache")
        assert im.format == variant.format.upper() and im.size == (variant.width, variant.height)
        # Orientation 6 means the stored picture is turned: upright, the red corner is top right.
        top_right = im.convert("RGB").getpixel((im.width - 3, 3))
        assert top_right[0] > 150 and top_right[2] < 100, (variant, top_right)
        assert im.convert("RGB").getpixel((3, 3))[1] > 150  # white where the red was stored
        raw = cached(rend, variant, tmp_path / "cache")
        assert not im.getexif(), variant
        assert "icc_profile" not in im.info and "xmp" not in im.info and "exif" not in im.info
        assert b"PhoneMaker" not in raw and b"Exif\0" not in raw


def test_transparent_images_keep_alpha_and_fall_back_to_png(tmp_path):
    chart = Image.new("RGBA", (700, 300), (0, 0, 0, 0))
    ImageDraw.Draw(chart).rectangle((100, 100, 600, 200), fill=(0, 120, 60, 255))
    data = io.BytesIO()
    chart.save(data, "PNG")
    root = media(tmp_path, {"chart.png": data.getvalue()})
    rend = rendition(probe(root, "chart.png"), tmp_path / "cache")
    assert rend.fallback == "png"
    assert {(v.format, v.width) for v in rend.variants} == {(f, w) for f in ("avif", "webp", "png") for w in (480, 700)}
    png = decoded(rend, rend.of("png")[-1], tmp_path / "cache")
    assert png.mode == "RGBA" and png.getpixel((5, 5))[3] == 0 and png.getpixel((350, 150))[3] == 255


def test_renditions_are_the_same_bytes_every_time(tmp_path):
    root = media(tmp_path, {"p.jpg": photo(1200, 800, gps=True)})
    first = rendition(probe(root, "p.jpg"), tmp_path / "one")
    second = rendition(probe(root, "p.jpg"), tmp_path / "two")
    assert first.variants == second.variants
    assert first.variants == second.variants
    one = images.files(first, tmp_path / "one", MediaRecord(tmp_path / "one"))
    two = images.files(second, tmp_path / "two", MediaRecord(tmp_path / "two"))
    for (url, a), (_, b) in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), url


def test_a_cached_rendition_is_not_encoded_again_and_a_changed_file_is(tmp_path, monkeypatch):
    root = media(tmp_path, {"p.jpg": photo(800, 600)})
    cache = tmp_path / "cache"
    first = rendition(probe(root, "p.jpg"), cache)
    encoded: list[str] = []
    real_encode = images.encode
    monkeypatch.setattr(images, "encode", lambda pic, fmt, *a: encoded.append(fmt) or real_encode(pic, fmt, *a))
    again = rendition(probe(root, "p.jpg"), cache)
    assert encoded == [] and again.variants == first.variants
    (root / "p.jpg").write_bytes(photo(800, 601))
    changed = rendition(probe(root, "p.jpg"), cache)
    assert encoded and changed.variants != first.variants
    assert changed.height == 601


# --- inputs that stopped the build (a second hunt for bad input) ------------------------------


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_an_image_too_tall_for_web_formats_is_refused_before_an_encoder_fails(tmp_path):
    root = media(
        tmp_path, {"tall.png": _png(Image.new("RGB", (2, 20_000))), "ok.png": _png(Image.new("RGB", (2, 16_000)))}
    )
    with pytest.raises(MediaError, match=r"content/media/tall\.png is 2×20000 pixels: shown at its width it would be"):
        probe(root, "tall.png")
    rendition(probe(root, "ok.png"), tmp_path / "cache")  # WebP's limit is 16,383 pixels


def test_a_damaged_exif_block_is_dropped_not_a_traceback(tmp_path, recwarn):
    data = bytearray(photo(300, 200, orientation=6, gps=True))
    start = data.index(b"Exif\0\0")
    data[start + 85] = 0x01  # one byte of a tag's type changed: Pillow's exif_transpose raised TypeError
    root = media(tmp_path, {"p.jpg": bytes(data)})
    rend = rendition(probe(root, "p.jpg"), tmp_path / "cache")
    picture = decoded(rend, rend.of("jpeg")[-1], tmp_path / "cache")
    assert not picture.getexif()
    assert not [w for w in recwarn if "TiffImagePlugin" in str(w.filename)]  # nothing printed at the editor


def test_sixteen_bit_grey_keeps_its_shades(tmp_path):
    ramp = Image.new("I;16", (256, 40))
    ramp.putdata([x * 256 for _ in range(40) for x in range(256)])
    root = media(tmp_path, {"ramp.png": _png(ramp)})
    rend = rendition(probe(root, "ramp.png"), tmp_path / "cache")
    shades = decoded(rend, rend.of("png")[-1], tmp_path / "cache").convert("L")
    assert abs(shades.getpixel((128, 20)) - 128) <= 2  # it was 255: every shade above 255 clipped to white
    assert shades.getpixel((0, 20)) == 0 and shades.getpixel((255, 20)) == 255


def test_two_media_files_of_the_same_bytes_each_get_their_renditions(tmp_path):
    same = photo(500, 300)
    root = media(tmp_path, {"map.jpg": same, "map.en.jpg": same})
    cache = tmp_path / "cache"
    record = MediaRecord(cache)
    for name in ("map.jpg", "map.en.jpg"):
        for url, path in images.files(plan(probe(root, name)), cache, record):
            assert path.is_file(), url  # the second looked for files named after the first


@pytest.mark.parametrize("name", ["doc.shtml", "doc.xht", "style.xsl", "schema.xsd", "data.rdf", "feed.atom"])
def test_downloads_a_browser_or_server_would_run_as_a_page_are_refused(tmp_path, name):
    root = media(tmp_path, {name: b"<script>alert(1)</script>"})
    with pytest.raises(MediaError, match="which browsers run"):
        download(root, name)


def test_a_relax_ng_schema_is_refused_as_the_xml_it_is_served_as(tmp_path):
    """GitHub Pages types files by mime-db, where ``.rng`` is application/xml: a browser opens
    such a download as a document of the site, and runs the script an XHTML element in it
    carries. It was published."""
    xml = b'<grammar><script xmlns="http://www.w3.org/1999/xhtml">alert(document.domain)</script></grammar>'
    root = media(tmp_path, {"schema.rng": xml})
    with pytest.raises(MediaError, match=r"content/media/schema\.rng is RNG, which browsers run"):
        download(root, "schema.rng")


def test_a_media_name_too_long_for_its_renditions_is_refused(tmp_path):
    name = "a" * 240 + ".jpg"
    root = media(tmp_path, {name: photo(100, 100)})
    with pytest.raises(MediaError, match="the name is too long for its renditions; shorten it to 200 bytes"):
        probe(root, name)


@pytest.mark.parametrize(
    ("name", "said"),
    [("mit leer zeichen.jpg", "a space"), ("plan#1.jpg", "'#'"), ("a,b.jpg", "','"), ("50%.jpg", "'%'")],
)
def test_a_name_that_would_break_its_address_on_the_page_is_refused(tmp_path, name, said):
    """A space split every srcset candidate, '#' cut the address short: published broken."""
    root = media(tmp_path, {name: photo(100, 100), "docs/" + name.replace(".jpg", ".pdf"): b"%PDF-1.4\n"})
    message = f"content/media/{re.escape(name)}: {said} in the name breaks its address on the page; rename it"
    with pytest.raises(MediaError, match=message):
        probe(root, name)
    with pytest.raises(MediaError, match="breaks its address on the page"):
        download(root, "docs/" + name.replace(".jpg", ".pdf"))


def test_png_and_webp_downloads_lose_their_text_exif_and_xmp_losslessly():
    from PIL import PngImagePlugin

    from pressroom.source.stripping import stripped_image

    picture = Image.new("RGB", (40, 30), RED)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    text = PngImagePlugin.PngInfo()
    text.add_text("Location", "48.7758 N 9.1829 E")
    png, webp = io.BytesIO(), io.BytesIO()
    picture.save(png, "PNG", pnginfo=text, exif=exif.tobytes())
    picture.save(webp, "WEBP", lossless=True, exif=exif.tobytes(), xmp=b"<x:xmpmeta>48.7758</x:xmpmeta>")
    for data, suffix in ((png.getvalue(), ".png"), (webp.getvalue(), ".webp")):
        clean = stripped_image(data)
        assert clean is not None, suffix
        assert b"48.7758" not in clean and b"PhoneMaker" not in clean, suffix
        with Image.open(io.BytesIO(clean)) as image:
            assert image.convert("RGB").tobytes() == picture.tobytes(), suffix
    assert stripped_image(b"%PDF-1.4\n") is None
