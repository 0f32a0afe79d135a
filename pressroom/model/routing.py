"""URLs and output paths: the one place that decides where every page lives.

Every page has a URL path relative to the site root (``de/releases/2024/x/``); output files
are derived from it (``de/releases/2024/x/index.html``). Slugs are checked here so that no
value from content can lead outside the output folder.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_RULE = "use letters, digits and single hyphens, e.g. 'kanagawa-declaration'"
_SLUG_RE = re.compile(r"^[^\W_]+(?:[-_][^\W_]+)*$")
_NOT_SLUG = re.compile(r"[\W_]+")

RELEASES = "releases"
TOPICS = "topics"
PARTNERS = "partners"
STATIC = "static"
SEARCH = "search"

RESERVED = {
    RELEASES: "release list",
    TOPICS: "topics index",
    PARTNERS: "partner index",
    SEARCH: "search page",
}
"""First path segments of a language that the site's own pages use, with what they are."""


def is_valid_slug(slug: str) -> bool:
    """A slug is one path segment of letters and digits joined by single hyphens."""
    return bool(_SLUG_RE.match(slug)) and unicodedata.is_normalized("NFC", slug)


def slugify(text: str) -> str:
    """A slug from a file name or title: lower case, ASCII folded where possible, hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.isascii():  # (most file names are: nothing to fold, thousands of times)
        for source, target in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(source, target)
        folded = unicodedata.normalize("NFKD", text)
        # Drop combining marks left by decomposition (é → e) but keep scripts without a Latin form.
        text = "".join(ch for ch in folded if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFC", text)
    slug = _NOT_SLUG.sub("-", text).strip("-")
    return slug or "untitled"


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


def partner_index(lang: str) -> str:
    return f"{lang}/{PARTNERS}/"


def partner(lang: str, partner_id: str) -> str:
    return f"{lang}/{PARTNERS}/{partner_id}/"


def search(lang: str) -> str:
    return f"{lang}/{SEARCH}/"


def feed(lang: str, partner_id: str | None = None) -> str:
    return f"{partner(lang, partner_id)}feed.xml" if partner_id else f"{lang}/feed.xml"


SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


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
