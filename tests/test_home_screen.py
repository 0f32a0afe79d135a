"""What a phone shows for the site added to its home screen: its icon, and each language's web
app manifest (name, start page, colours)."""

from __future__ import annotations

import io
import re
import runpy
import struct

from PIL import Image

from .conftest import PROJECT

SITE = {
    "site.yaml": "title: {de: Pressestelle, ja: 広報室, en: Press office}\n",
    "content/de/2024/a.md": "---\ntitle: Erste\ndate: 2024-01-01\n---\n\nText.\n",
    "content/en/2024/a.md": "---\ntitle: First\ndate: 2024-01-01\n---\n\nText.\n",
}
PAGES = ("", "de/", "ja/", "en/releases/2024/a/", "de/topics/", "ja/search/", "en/404.html")
"""The language chooser and pages of every kind and language."""


def png_chunks(data: bytes) -> list[bytes]:
    """The kinds of the chunks of a PNG file, in their order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kinds.append(data[at + 4 : at + 8])
        at += 12 + length
    return kinds


def test_every_page_offers_phones_the_sites_icon_for_their_home_screen(scratch_site) -> None:
    """A phone that added the site to its home screen showed a shrunken screenshot of the page:
    no page named an apple-touch-icon."""
    site = scratch_site(SITE)
    assert site.build().code == 0
    for url in PAGES:
        found = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)">', site.page(url).html)
        assert found == [found[0]] and re.fullmatch(r"/static/apple-touch-icon\.png\?v=[0-9a-f]+", found[0]), url
    data = (site.output / "static/apple-touch-icon.png").read_bytes()
    # Also where phones and apps look for it unasked.
    assert (site.output / "apple-touch-icon.png").read_bytes() == data
    # The size phones ask for, opaque (a phone shows a transparent corner black), the mark's gold
    # and navy; a tiny file holding nothing but the picture.
    image = Image.open(io.BytesIO(data))
    assert image.size == (180, 180) and image.mode == "RGB"
    assert image.getpixel((0, 0)) == (0xE0, 0xA8, 0x00) and image.getpixel((90, 58)) == (0x0E, 0x35, 0x58)
    assert png_chunks(data) == [b"IHDR", b"IDAT", b"IEND"] and len(data) < 2_000
    assert data == (PROJECT / "templates/static/apple-touch-icon.png").read_bytes()


def test_the_touch_icon_is_drawn_by_the_script_that_draws_the_favicon() -> None:
    """The committed icons are what ``scripts/favicon.py`` draws from the mark's shapes, pixel for
    pixel (another zlib may pack them otherwise): changing the mark there and running it changes
    both."""
    script = runpy.run_path(str(PROJECT / "scripts/favicon.py"))  # run as a module: it writes nothing
    static = PROJECT / "templates/static"
    for drawn, committed in (
        (script["touch_png"](), static / "apple-touch-icon.png"),
        (script["ico"](script["png"]()), static / "favicon.ico"),
    ):
        assert pixels(drawn) == pixels(committed.read_bytes()), committed.name


def pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(data))
    return image.mode, image.size, image.tobytes()
