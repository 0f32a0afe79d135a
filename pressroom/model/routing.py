"""URLs and output paths: the one place that decides where every page lives.

Every page has a URL path relative to the site root (``de/releases/2024/x/``); output files
are derived from it (``de/releases/2024/x/index.html``). Slugs come checked from
`pressroom.source.slugs`, so no value from content leads outside the output folder.
"""

from __future__ import annotations

RELEASES = "releases"
TOPICS = "topics"
PARTNERS = "partners"
SEARCH = "search"
SEARCH_BUNDLE = "pagefind"
"""Pagefind's output folder, at the site's root: one index holds every language."""

RESERVED = {
    RELEASES: "release list",
    TOPICS: "topics index",
    PARTNERS: "partner index",
    SEARCH: "search page",
}
"""First path segments of a language that the site's own pages use, with what they are."""


def home(lang: str) -> str:
    return f"{lang}/"


def release(lang: str, year: int, slug: str) -> str:
    return f"{lang}/{RELEASES}/{year}/{slug}/"


def page(lang: str, slug: str) -> str:
    return f"{lang}/{slug}/"


def paged(first: str, number: int) -> str:
    """Page ``number`` of a list whose first page is at ``first`` (``de/topics/x/page/2/``)."""
    return first if number == 1 else f"{first}page/{number}/"


def release_list(lang: str, number: int = 1) -> str:
    return paged(f"{lang}/{RELEASES}/", number)


def year_archive(lang: str, year: int) -> str:
    return f"{lang}/{RELEASES}/{year}/"


def topic_index(lang: str) -> str:
    return f"{lang}/{TOPICS}/"


def topic(lang: str, topic_id: str) -> str:
    return f"{lang}/{TOPICS}/{topic_id}/"


def topic_feed(lang: str, topic_id: str) -> str:
    return f"{topic(lang, topic_id)}feed.xml"


def partner_index(lang: str) -> str:
    return f"{lang}/{PARTNERS}/"


def partner(lang: str, partner_id: str) -> str:
    return f"{lang}/{PARTNERS}/{partner_id}/"


def search(lang: str) -> str:
    return f"{lang}/{SEARCH}/"


def web_manifest(lang: str) -> str:
    """The language's web app manifest: the name, icon and start page of the site added to a
    phone's home screen from one of its pages."""
    return f"{lang}/manifest.webmanifest"


def feed(lang: str, partner_id: str | None = None) -> str:
    return f"{partner(lang, partner_id)}feed.xml" if partner_id else f"{lang}/feed.xml"


SITEMAP = "sitemap.xml"
"""The sitemap index, naming the site's sitemaps (`sitemap_part`)."""
ROBOTS = "robots.txt"
NEUTRAL_SITEMAP = "neutral"
"""The sitemap part of the pages in no one language (the language chooser)."""


def sitemap_part(group: str, number: int = 1) -> str:
    """One of the sitemaps the index names: the ``number``-th of a language's pages (or of the
    neutral ones), at the top of the site so that it may list any page of it (sitemaps.org
    lets a sitemap name only addresses under its own folder)."""
    return f"sitemap-{group}.xml" if number == 1 else f"sitemap-{group}-{number}.xml"


def is_sitemap(url: str) -> bool:
    """Whether ``url`` is the sitemap index or one of its parts."""
    return url == SITEMAP or (url.startswith("sitemap-") and url.endswith(".xml") and "/" not in url)


def not_found(lang: str | None = None) -> str:
    return f"{lang}/404.html" if lang else "404.html"


def chooser() -> str:
    return ""


def output_path(url: str) -> str:
    """The file a URL path is served from: directories get ``index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def is_inside(relative: str) -> bool:
    """True when a relative output path cannot climb out of the output folder."""
    parts = relative.split("/")
    return not relative.startswith("/") and ".." not in parts and "\\" not in relative
