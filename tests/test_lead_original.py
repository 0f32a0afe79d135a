"""A release's lead image is offered in full resolution, for print: its own file with its
metadata taken out, linked under the picture with its type, size in pixels and bytes."""

from __future__ import annotations

import html
import io
import re

import pytest
from PIL import Image

from .test_media_images import RED, photo
from .test_media_site import put, release

LEAD = {
    "content/de/2024/besuch.md": release(
        "Besuch in Kanagawa",
        "date: 2024-07-17\nimage:\n  file: 2024/besuch.jpg\n  alt: Zwei Delegationen am Tisch\n"
        "  credit: Staatsministerium\n",
    ),
    "content/ja/2024/besuch.md": release("神奈川訪問", "image:\n  alt: テーブルを囲む二つの代表団\n"),
    "content/en/2024/besuch.md": release(
        "Visit to Kanagawa", "image:\n  file: 2024/besuch.en.jpg\n  alt: Two delegations at a table\n"
    ),
}


def offer(page_html: str) -> tuple[str, str, str]:
    """The offer under the lead picture: its address, the name it is saved under, and its text."""
    span = re.search(r'<span class="original"[^>]*>(.*?)</span></span>', page_html, re.S)
    assert span, "the lead figure offers no full-resolution file"
    link = re.search(r'<a href="([^"]+)" download="([^"]+)">', span.group(1))
    assert link
    return link.group(1), link.group(2), html.unescape(re.sub(r"<[^>]+>", "", span.group(1)))


def test_the_lead_photo_is_offered_in_full_resolution_without_its_metadata(scratch_site):
    site = scratch_site(LEAD)
    original = photo(2400, 1600, gps=True)
    english = photo(2000, 1000)
    put(site, {"2024/besuch.jpg": original, "2024/besuch.en.jpg": english})
    run = site.build()
    assert run.code == 0, run.stderr
    seen = {}
    for lang, kind in (("de", "(JPEG, 2.400 × 1.600 Pixel, "), ("ja", "（JPEG、2,400×1,600ピクセル、")):
        page = site.page(f"/{lang}/releases/2024/besuch/")
        href, name, text = offer(page.html)
        assert name == "besuch.jpg" and kind in text, text
        # Inside the figure's caption, after the credit: the picture and its offer stay together.
        caption = re.search(r"<figcaption>(.*?)</figcaption>", page.html, re.S).group(1)
        assert lang == "ja" or caption.index("Staatsministerium") < caption.index('class="original"')
        seen[lang] = href
    assert seen["de"] == seen["ja"]  # one file for the versions showing one picture
    assert re.fullmatch(r"/media/2024/besuch\.[0-9a-f]{10}\.jpg", seen["de"])
    published = (site.output / seen["de"].lstrip("/")).read_bytes()
    assert b"PhoneMaker" not in published
    with Image.open(io.BytesIO(published)) as image:
        image.load()
        assert image.size == (2400, 1600)  # not the largest rendition (1600 wide): the file itself
        assert not image.getexif().get_ifd(0x8825)  # where it was taken is gone
        pixels = image.convert("RGB").tobytes()
    with Image.open(io.BytesIO(original)) as image:
        assert image.convert("RGB").tobytes() == pixels  # copied, not encoded again
    # Its size in bytes (the file's as offered) as the reader's language writes it, with the
    # number held to its unit.
    size = len(published)
    assert f"{round(size / 1000)}\u00a0kB)" in offer(site.page("/de/releases/2024/besuch/").html)[2]
    # The English version shows a picture of its own, and offers that one.
    href, name, text = offer(site.page("/en/releases/2024/besuch/").html)
    assert name == "besuch.en.jpg" and "Download the image at full resolution" in text
    assert "(JPEG, 2,000 × 1,000 pixels, " in text
    with Image.open(site.output / href.lstrip("/")) as image:
        assert image.size == (2000, 1000)


def test_a_picture_whose_metadata_cannot_be_taken_out_is_not_offered(scratch_site):
    """An AVIF file's metadata is not taken out: it is shown, but not offered as it is."""
    site = scratch_site(
        {"content/en/2024/chart.md": release("Chart", "date: 2024-07-17\nimage:\n  file: c.avif\n  alt: A chart\n")}
    )
    out = io.BytesIO()
    Image.new("RGB", (800, 400), (30, 90, 160)).save(out, "AVIF")
    put(site, {"c.avif": out.getvalue()})
    run = site.build()
    assert run.code == 0, run.stderr
    page = site.page("/en/releases/2024/chart/")
    assert '<figure class="lead-image">' in page.html and 'class="original"' not in page.html
    published = [p.name for p in (site.output / "media").iterdir()]
    assert any(re.fullmatch(r"c\.[0-9a-f]{10}\.800\.avif", name) for name in published)  # shown
    assert not any(re.fullmatch(r"c\.[0-9a-f]{10}\.avif", name) for name in published)  # not offered


def test_the_offered_file_is_kept_between_builds_and_follows_a_new_photo(scratch_site):
    site = scratch_site(
        {"content/en/2024/visit.md": release("Visit", "date: 2024-07-17\nimage:\n  file: v.jpg\n  alt: A visit\n")}
    )
    put(site, {"v.jpg": photo(1800, 1200)})
    assert site.build().code == 0
    first, _, _ = offer(site.page("/en/releases/2024/visit/").html)
    assert site.build().code == 0
    assert offer(site.page("/en/releases/2024/visit/").html)[0] == first
    put(site, {"v.jpg": photo(1800, 1200, gps=True)})  # other bytes: another address, no stale copy
    assert site.build().code == 0
    second, _, _ = offer(site.page("/en/releases/2024/visit/").html)
    assert second != first
    assert (site.output / second.lstrip("/")).exists() and not (site.output / first.lstrip("/")).exists()


def test_a_picture_whose_rights_do_not_allow_it_is_shown_but_not_offered(scratch_site):
    """An agency's photo may be shown with a release but not handed on: one version saying
    ``download: false`` is enough, whichever language it is."""
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release(
                "Besuch",
                "date: 2024-07-17\nimage:\n  file: b.jpg\n  alt: Ein Besuch\n  credit: Agentur\n  download: false\n",
            ),
            "content/en/2024/besuch.md": release("Visit", "image:\n  alt: A visit\n"),
            "content/ja/2024/besuch.md": release("訪問", "image:\n  alt: 訪問\n  download: yes please\n"),
        }
    )
    put(site, {"b.jpg": photo(1800, 1200)})
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert "content/ja/2024/besuch.md:5: error: image.download: expected true or false" in run.stderr
    site.write({"content/ja/2024/besuch.md": release("訪問", "image:\n  alt: 訪問\n")})
    run = site.build()
    assert run.code == 0, run.stderr
    for lang in ("de", "en", "ja"):
        page = site.page(f"/{lang}/releases/2024/besuch/")
        assert '<figure class="lead-image">' in page.html and 'class="original"' not in page.html
    assert not [p.name for p in (site.output / "media").iterdir() if p.name.endswith(".jpg") and p.name.count(".") == 2]


def test_a_photo_whose_metadata_cannot_be_cut_out_is_offered_encoded_again_without_it(scratch_site):
    """Bytes between a JPEG's segments: decoders pass over them, the lossless stripper cannot
    follow the file, and a download is published as it is. The lead photo's own file must not
    be offered with where it was taken: its pixels are encoded again, with nothing else."""
    visit = release("Visit", "date: 2024-07-17\nimage:\n  file: v.jpg\n  alt: A visit\n")
    site = scratch_site({"content/en/2024/visit.md": visit})
    good = photo(1800, 1200, gps=True)
    length = int.from_bytes(good[4:6], "big")  # the first segment after the start (JFIF)
    put(site, {"v.jpg": good[: 4 + length] + b"\0\0\0" + good[4 + length :]})
    run = site.build()
    assert run.code == 0, run.stderr
    href, name, text = offer(site.page("/en/releases/2024/visit/").html)
    assert name == "v.jpg" and "(JPEG, 1,800 × 1,200 pixels, " in text
    published = (site.output / href.lstrip("/")).read_bytes()
    assert b"PhoneMaker" not in published
    with Image.open(io.BytesIO(published)) as image:
        image.load()
        assert image.format == "JPEG" and image.size == (1800, 1200)
        assert not image.getexif()
        assert image.getpixel((10, 10)) == pytest.approx(RED, abs=4)  # the red corner, at print quality


def test_a_draft_version_saying_download_false_still_withholds_the_file(scratch_site):
    """A version taken back as a draft (or not yet published) still says what the picture's
    rights allow: the published versions do not offer it."""
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release(
                "Besuch", "date: 2024-07-17\ndraft: true\nimage:\n  file: b.jpg\n  alt: Ein Besuch\n  download: false\n"
            ),
            "content/en/2024/besuch.md": release("Visit", "date: 2024-07-17\nimage:\n  file: b.jpg\n  alt: A visit\n"),
        }
    )
    put(site, {"b.jpg": photo(1800, 1200)})
    run = site.build()
    assert run.code == 0, run.stderr
    page = site.page("/en/releases/2024/besuch/")
    assert '<figure class="lead-image">' in page.html and 'class="original"' not in page.html
    assert not [p.name for p in (site.output / "media").iterdir() if p.name.count(".") == 2]


@pytest.mark.parametrize(
    ("image", "downloads", "said"),
    [
        # Written with no value: the editor meant to say something, and was taken as saying nothing.
        ("  download:\n", "", "content/en/2024/visit.md:7: error: image.download: expected true or false"),
        (
            "  download: false\n",
            "downloads:\n  - file: v.jpg\n    title: The photo\n",
            "content/en/2024/visit.md:9: error: downloads: v.jpg is the release's lead image, whose own file"
            " 'download: false' keeps from being offered",
        ),
    ],
    ids=["no value", "also under downloads"],
)
def test_a_withheld_picture_is_not_offered_by_a_slip(scratch_site, image, downloads, said):
    visit = release("Visit", f"date: 2024-07-17\nimage:\n  file: v.jpg\n  alt: A visit\n{image}{downloads}")
    site = scratch_site({"content/en/2024/visit.md": visit})
    put(site, {"v.jpg": photo(1800, 1200)})
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1 and said in run.stderr, run.stderr
    run = site.build()
    assert run.code == 1 and said in run.stderr
    assert not (site.output / "media").exists()


def test_a_picture_one_release_withholds_is_offered_by_no_other(scratch_site):
    """The rights are the picture's: an agency photo withheld in one release was offered by a
    later one showing it again, whose editor did not repeat ``download: false``."""
    first = release("Erste", "date: 2024-07-17\nimage:\n  file: a.jpg\n  alt: Ein Foto\n  download: false\n")
    again = release("Zweite", "date: 2024-09-01\nimage:\n  file: a-copy.jpg\n  alt: Dasselbe Foto\n")
    site = scratch_site({"content/de/2024/erste.md": first, "content/de/2024/zweite.md": again})
    agency = photo(1800, 1200)
    put(site, {"a.jpg": agency, "a-copy.jpg": agency})  # the same picture under another name too
    assert site.build().code == 0
    for key in ("erste", "zweite"):
        page = site.page(f"/de/releases/2024/{key}/")
        assert '<figure class="lead-image">' in page.html and 'class="original"' not in page.html, key
    assert not [p.name for p in (site.output / "media").iterdir() if re.fullmatch(r"a(-copy)?\.\w{10}\.jpg", p.name)]


def test_a_picture_saved_under_another_formats_suffix_is_offered_under_its_own(scratch_site):
    """A PNG saved as ``.jpg`` was offered as ``x.jpg`` labelled "(PNG, …)"."""
    site = scratch_site(
        {"content/en/2024/chart.md": release("Chart", "date: 2024-07-17\nimage:\n  file: c.jpg\n  alt: A chart\n")}
    )
    out = io.BytesIO()
    Image.new("RGB", (800, 400), (30, 90, 160)).save(out, "PNG")
    put(site, {"c.jpg": out.getvalue()})
    assert site.build().code == 0
    href, name, text = offer(site.page("/en/releases/2024/chart/").html)
    assert name == "c.png" and href.endswith(".png") and "(PNG, 800 × 400 pixels, " in text
    with Image.open(site.output / href.lstrip("/")) as image:
        assert image.format == "PNG"
