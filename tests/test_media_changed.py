"""A picture is read when the site is loaded (checked, measured, its size said on the page) and
again when its files are made. Saved again in between (an editor at work during a build), it
ends the build, whichever process makes its files: the files made of other bytes were kept in
the cache under the first bytes' digest, and every later build published them for a picture
they are not. An offered picture (a lead image's own file, an image download) is made once
for its bytes and linked into each build's output."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from pressroom.base import parallel
from pressroom.output import images, mediafiles
from pressroom.source.config import CACHE_DIR
from pressroom.source.media import image_digest

from .pdfs import pdf_document
from .test_lead_original import offer
from .test_media_images import photo
from .test_media_site import put, release

VISIT = release(
    "Visit",
    "date: 2024-07-17\nimage:\n  file: foto.jpg\n  alt: A visit\n"
    "downloads:\n  - file: druck.jpg\n    title: The photo for print\n",
)
CHANGED = ":0: error: the file changed while the site was being built; build again"


def green() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (500, 400), (20, 160, 40)).save(out, "JPEG")
    return out.getvalue()


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("workers", ["none", "media workers", "page workers"])
def test_pictures_saved_again_during_a_build_end_it_changing_nothing_and_are_not_kept(
    scratch_site, monkeypatch, workers
):
    site = scratch_site({"content/en/2024/visit.md": VISIT})
    put(site, {"foto.jpg": photo(640, 480), "druck.jpg": photo(800, 600), "left.pdf": pdf_document()})
    assert site.build().code == 0
    before = files(site.output)
    new = {"foto.jpg": photo(640, 480, gps=True), "druck.jpg": photo(800, 600, gps=True)}
    put(site, new)
    listed = mediafiles.offered_images

    def saved_again(catalog):  # after loading, before any file of the media is made
        put(site, {"foto.jpg": green(), "druck.jpg": green()})
        return listed(catalog)

    monkeypatch.setattr(mediafiles, "offered_images", saved_again)
    if workers == "page workers":  # the pages' workers make the media after their pages
        monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    run = site.build("--jobs", "1" if workers == "none" else "2")
    assert run.code == 1, run.stderr
    assert f"content/media/foto.jpg{CHANGED}" in run.stderr or f"content/media/druck.jpg{CHANGED}" in run.stderr
    assert "content/media/left.pdf:" in run.stderr  # the run's other problems are said with it
    assert "Traceback" not in run.stderr
    assert files(site.output) == before

    monkeypatch.setattr(mediafiles, "offered_images", listed)
    put(site, new)  # saved as they were loaded: nothing made of the other bytes is taken
    run = site.build()
    assert run.code == 0, run.stderr
    page = site.page("/en/releases/2024/visit/").html
    href, _, _ = offer(page)
    for published, source in ((href, "foto.jpg"), ("/media/druck.jpg", "druck.jpg")):
        data = (site.output / published.lstrip("/")).read_bytes()
        assert data == images.without_metadata(new[source]), published
    shown = Image.open(next((site.output / "media").glob("foto.*.480.jpg")))
    assert shown.convert("RGB").getpixel((5, 5))[0] > 180  # the red corner, not green


def test_an_image_offered_twice_is_made_once_and_linked_from_the_cache(scratch_site):
    """The same photo as the lead image, offered in full resolution, and as a download: one
    file without its metadata in the cache, which both addresses of the site are."""
    site = scratch_site({"content/en/2024/visit.md": VISIT})
    data = photo(800, 600, gps=True)
    put(site, {"foto.jpg": data, "druck.jpg": data})
    for build in ("cold", "with the cache kept"):
        assert site.build().code == 0, build
        href, _, _ = offer(site.page("/en/releases/2024/visit/").html)
        lead, download = site.output / href.lstrip("/"), site.output / "media/druck.jpg"
        assert os.path.samefile(lead, download), build
        kept = images.offered_path(image_digest(data), site.root / CACHE_DIR)
        assert os.path.samefile(kept, download), build
        assert b"PhoneMaker" not in download.read_bytes()
