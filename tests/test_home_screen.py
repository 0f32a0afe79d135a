"""What a phone shows for the site added to its home screen: its icon, and each language's web
app manifest (name, start page, colours)."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import math
import re
import runpy
import struct
import urllib.parse
from types import MappingProxyType

from PIL import Image

from pressroom.base.errors import Problems
from pressroom.source.config import load_config

from .conftest import PROJECT, ScratchSite

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
        *((script["home_screen_png"](size, purpose), icon) for icon, size, purpose in script["HOME_SCREEN_ICONS"]),
    ):
        assert pixels(drawn) == pixels(committed.read_bytes()), committed.name


def pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(data))
    return image.mode, image.size, image.tobytes()


def manifest_of(site: ScratchSite, url: str) -> dict:
    """The manifest a page links, read as a browser reads it: JSON, its addresses against its own."""
    found = re.findall(r'<link rel="manifest" href="([^"]+)">', site.page(url).html)
    assert len(found) == 1, url
    path = urllib.parse.urlsplit(found[0]).path.removeprefix("/sub/")
    manifest = json.loads((site.output / path).read_text(encoding="utf-8"))
    assert isinstance(manifest, dict)
    return manifest


def test_each_language_has_a_manifest_that_opens_the_site_in_that_language(scratch_site) -> None:
    """Added to an Android phone's home screen, the site had no name, start page or icon of its own:
    no page linked a web app manifest."""
    site = scratch_site(
        {
            **SITE,
            "site.yaml": SITE["site.yaml"]
            + 'short_title: {de: Presse, ja: 広報, en: "Press \\"office\\" <&>"}\n'
            + "description: {de: Nachrichten., ja: ニュース。, en: News.}\n",
        }
    )
    assert site.build("--base-url", "https://example.org/sub/").code == 0
    names = {"de": ("Pressestelle", "Presse"), "ja": ("広報室", "広報"), "en": ("Press office", 'Press "office" <&>')}
    for url in PAGES[1:]:
        lang = url[:2]
        manifest = manifest_of(site, url)
        assert (manifest["name"], manifest["short_name"]) == names[lang], url
        assert manifest["lang"] == lang and manifest["description"] == {"de": "Nachrichten.", "ja": "ニュース。"}.get(
            lang, "News."
        )
        # The language's home page, within a scope that holds every language's pages.
        assert manifest["start_url"] == manifest["id"] == f"/sub/{lang}/" and manifest["scope"] == "/sub/"
        assert manifest["display"] == "browser"
        # The masthead's colour, as the pages' theme-color says it, and the page's ground.
        assert manifest["theme_color"] == "#0e3558" and manifest["background_color"] == "#ffffff"
        # Chromium offers to install the site, and Android draws its icon sharp, from 192 and 512
        # pixels; a launcher crops the maskable one to its shape. Under the site's path.
        assert [(icon["sizes"], icon["type"], icon["purpose"]) for icon in manifest["icons"]] == [
            ("192x192", "image/png", "any"),
            ("512x512", "image/png", "any"),
            ("512x512", "image/png", "maskable"),
        ]
        assert all(re.fullmatch(r"/sub/static/[a-z0-9-]+\.png\?v=[0-9a-f]+", icon["src"]) for icon in manifest["icons"])
        # An iPhone names the icon by this, not by the page's title.
        shown = re.findall(r'<meta name="apple-mobile-web-app-title" content="([^"]*)">', site.page(url).html)
        assert [html.unescape(name) for name in shown] == [names[lang][1]], url
    # The language chooser belongs to no language: it offers the icon, and no language's manifest.
    assert '<link rel="manifest"' not in site.page("").html
    # Not a page: no sitemap lists it.
    assert "manifest" not in "".join(path.read_text() for path in site.output.glob("sitemap*.xml"))


SAFE_ZONE = 0.4
"""The radius, in widths of the icon, of the circle round its centre that a launcher's mask keeps
(the W3C's "maskable" purpose)."""


def test_each_icon_a_manifest_lists_is_published_at_its_address_in_the_size_it_states(scratch_site) -> None:
    """The manifests named only the 180-pixel touch icon: Chromium offered no sharp icon to
    install the site with, and an Android launcher scaled it up and cropped it as it pleased."""
    site = scratch_site(SITE)
    assert site.build("--base-url", "https://example.org/sub/").code == 0
    found: dict[str, bytes] = {}
    for lang in ("de", "ja", "en"):
        address = f"https://example.org/sub/{lang}/manifest.webmanifest"
        for icon in manifest_of(site, f"{lang}/")["icons"]:
            # Read as a browser reads it: its address against the manifest's, on the site's path.
            where = urllib.parse.urljoin(address, icon["src"])
            assert where.startswith("https://example.org/sub/static/"), where
            path = urllib.parse.urlsplit(where).path.removeprefix("/sub/")
            data = (site.output / path).read_bytes()
            image = Image.open(io.BytesIO(data))
            assert (image.format, f"{image.width}x{image.height}") == ("PNG", icon["sizes"]), where
            found[icon["purpose"] + icon["sizes"]] = data
            # The theme's, as scripts/favicon.py draws them.
            assert data == (PROJECT / "templates" / path).read_bytes()
    assert sorted(found) == ["any192x192", "any512x512", "maskable512x512"]
    for data in found.values():
        # Small, and nothing but the picture: no text, time or colour profile.
        assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"} and len(data) < 4_000
    # The plain icons are the logo's rounded square, their corners clear, the mark's gold and navy.
    plain = Image.open(io.BytesIO(found["any512x512"])).convert("RGBA")
    assert plain.getpixel((0, 0))[3] == 0 and plain.getpixel((256, 30)) == (0xE0, 0xA8, 0x00, 255)
    assert plain.getpixel((256, 156)) == (0x0E, 0x35, 0x58, 255)
    # The maskable one: opaque to its corners, the ground's gold wherever a mask may cut, the
    # bars all within the circle the mask keeps.
    mask = Image.open(io.BytesIO(found["maskable512x512"])).convert("RGBA")
    ground, outside, bars = (0xE0, 0xA8, 0x00, 255), set(), 0
    for y in range(512):
        for x in range(512):
            colour = mask.getpixel((x, y))
            assert colour[3] == 255, (x, y)
            if math.hypot(x + 0.5 - 256, y + 0.5 - 256) > SAFE_ZONE * 512:
                outside.add(colour)
            bars += colour == (0x0E, 0x35, 0x58, 255)
    assert outside == {ground} and bars > 0.1 * 512 * 512


def test_a_sites_own_touch_icon_is_not_joined_by_the_themes_manifest_icons(scratch_site) -> None:
    """A site with its own touch icon would have installed on Android with the theme's mark."""
    site = scratch_site(SITE)
    own = site.root / "templates/static"
    own.mkdir(parents=True)
    Image.new("RGB", (180, 180), (200, 0, 0)).save(own / "apple-touch-icon.png")
    run = site.build("--base-url", "https://example.org/sub/")
    assert run.code == 0 and "Traceback" not in run.stderr
    assert (
        "templates/static/apple-touch-icon.png:0: warning: the site's own home-screen icons lack icon-192.png"
        " (192 × 192); icon-512.png (512 × 512); icon-512-maskable.png (512 × 512, opaque, the mark within the"
        " middle four fifths): the theme's are left out" in run.stderr
    ), run.stderr
    assert not list((site.output / "static").glob("icon-*"))
    # The manifests offer the site's own, as the pages do.
    [touch] = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)">', site.page("de/").html)
    assert [(icon["src"], icon["sizes"]) for icon in manifest_of(site, "de/")["icons"]] == [(touch, "180x180")] * 2
    assert Image.open(site.output / "static/apple-touch-icon.png").getpixel((0, 0)) == (200, 0, 0)
    # A site's own icon of another size than the manifests state would be passed over.
    for name, size in (("icon-192.png", 192), ("icon-512.png", 500), ("icon-512-maskable.png", 512)):
        Image.new("RGB", (size, size), (200, 0, 0)).save(own / name)
    run = site.build()
    assert run.code == 1 and "Traceback" not in run.stderr
    assert (
        "templates/static/icon-512.png:0: error: the web app manifests offer this as a PNG of 512 × 512 pixels,"
        " but it is 500 × 500 pixels: save it as one" in run.stderr
    ), run.stderr
    assert ": warning:" not in run.stderr


def test_without_a_short_title_the_manifest_gives_the_sites_title() -> None:
    config = load_config(PROJECT, Problems())
    assert config.site_short_title("en") == "BW Exchange"
    plain = dataclasses.replace(config, short_title=MappingProxyType({}))
    assert plain.site_short_title("en") == config.site_title("en")


def test_a_short_title_written_wrong_is_named_at_its_line(scratch_site) -> None:
    site = scratch_site({**SITE, "site.yaml": SITE["site.yaml"] + "short_name: {de: Presse, ja: 広報, en: Press}\n"})
    run = site.build()
    assert run.code == 1 and "Traceback" not in run.stderr
    assert "site.yaml:2: error: unknown setting 'short_name' (did you mean 'short_title'?)" in run.stderr
    site.write({"site.yaml": SITE["site.yaml"] + "short_title:\n  de: Presse\n  en: Press\n"})
    run = site.build()
    assert run.code == 1 and "site.yaml:3: error: short_title: missing the 'ja' text" in run.stderr, run.stderr
