"""What a phone shows for the site added to its home screen from a page of one language: that
language's web app manifest (the site's name in it, the page it opens, the icons).

Each language has a manifest of its own, linked from its pages: added from a Japanese page, the
site opens at the Japanese home page under its Japanese name. Its scope is the whole site, so that
the language switcher and the pictures stay within it. The colours are the theme's (the template
`manifest.webmanifest`), as the ``theme-color`` of every page's head is.
"""

from __future__ import annotations

from dataclasses import dataclass

from pressroom.model import routing
from pressroom.pages.context import LanguageContext
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
