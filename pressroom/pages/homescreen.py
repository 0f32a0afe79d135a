"""What a phone shows for the site added to its home screen from a page of one language: that
language's web app manifest (the site's name in it, the page it opens, the icons), and which
home-screen icons a site publishes.

Each language has a manifest of its own, linked from its pages: added from a Japanese page, the
site opens at the Japanese home page under its Japanese name. Its scope is the whole site, so that
the language switcher and the pictures stay within it. The colours are the theme's (the template
`manifest.webmanifest`), as the ``theme-color`` of every page's head is.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from pressroom.base.errors import Problems
from pressroom.model import routing
from pressroom.pages.context import TOUCH_ICON, LanguageContext
from pressroom.pages.plans import PagePlan


@dataclass(frozen=True, slots=True)
class IconFile:
    """A static file a manifest names as an icon, and what it says of it."""

    path: str
    size: int
    purpose: str


MANIFEST_ICONS = (
    IconFile("static/icon-192.png", 192, "any"),
    IconFile("static/icon-512.png", 512, "any"),
    IconFile("static/icon-512-maskable.png", 512, "maskable"),
)
"""Chromium offers to install a site, and Android draws its home-screen icon sharp, from icons
of 192 and 512 pixels; a launcher crops the maskable one to its own shape (the theme's are drawn
by scripts/favicon.py)."""
HOME_SCREEN_FILES = {
    TOUCH_ICON: "180 × 180, opaque",
    **{
        icon.path: f"{icon.size} × {icon.size}"
        + (", opaque, the mark within the middle four fifths" * (icon.purpose == "maskable"))
        for icon in MANIFEST_ICONS
    },
}
"""The icons a phone or browser is offered for the site on its home screen, each with what it must be."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class ManifestIcon:
    src: str
    sizes: str
    type: str
    purpose: str
    """``any``, or ``maskable``: the phone may crop it to its own shape (a circle, a rounded
    square), so it is a full square, its mark within the middle four fifths."""


@dataclass(frozen=True, slots=True)
class ManifestView:
    name: str
    short_name: str
    description: str
    lang: str
    start: str
    """The language's home page, which the site opens at; also the manifest's ``id``."""
    scope: str
    """The site's root: every page, in every language, opens within it."""
    icons: tuple[ManifestIcon, ...]
    template: str = "manifest.webmanifest"


def web_manifest(site: LanguageContext) -> PagePlan:
    """The manifest of ``site``'s language (`routing.web_manifest`)."""
    config, lang = site.config, site.lang
    icons = tuple(
        ManifestIcon(site.assets[icon.path], f"{icon.size}x{icon.size}", "image/png", icon.purpose)
        for icon in MANIFEST_ICONS
        if icon.path in site.assets
    )
    if not icons and (touch := site.assets.get(TOUCH_ICON)):
        # A site's own touch icon without the manifests' icons (`own_icons`): a full square, its
        # mark within the middle four fifths (README), so offered for both.
        icons = tuple(ManifestIcon(touch, "180x180", "image/png", purpose) for purpose in ("any", "maskable"))
    view = ManifestView(
        name=site.site_title,
        short_name=config.site_short_title(lang) or site.site_title,
        description=config.site_description(lang),
        lang=lang,
        start=site.href(routing.home(lang)),
        scope=config.base_path,
        icons=icons,
    )
    return PagePlan(routing.web_manifest(lang), lang, view, "web app manifest")


def own_icons(found: dict[str, bytes], own: set[str], folder: str, problems: Problems) -> None:
    """Leave out of ``found`` (static path → bytes) the theme's home-screen icons where the site
    has some of its own (``own``, under ``folder``): a phone would show the theme's mark beside
    the site's. What the site lacks is warned; a manifest icon not of the size the manifests
    state is an error, as Chromium would pass it over."""
    mine = [path for path in HOME_SCREEN_FILES if path in own]
    if not mine:
        return
    lacking = [path for path in HOME_SCREEN_FILES if path not in own]
    for path in lacking:
        found.pop(path, None)
    if lacking:
        names = "; ".join(f"{path.removeprefix('static/')} ({HOME_SCREEN_FILES[path]})" for path in lacking)
        problems.warning(
            f"{folder}/{mine[0]}",
            None,
            f"the site's own home-screen icons lack {names}: the theme's are left out, as they show"
            " the theme's mark, so phones and browsers are offered only the site's own icons to install"
            " it with; draw the others from the same mark and put them beside this one",
        )
    for icon in MANIFEST_ICONS:
        if icon.path in own and (size := png_size(found[icon.path])) != (icon.size, icon.size):
            problems.error(
                f"{folder}/{icon.path}",
                None,
                f"the web app manifests offer this as a PNG of {icon.size} × {icon.size} pixels, but it is"
                f" {f'{size[0]} × {size[1]} pixels' if size else 'no PNG'}: save it as one",
            )


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header; None for a file that is no PNG."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height
