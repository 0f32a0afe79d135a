"""Redirect pages: one at each earlier address of a version (``formerly:``), leading on to it.

A page at an old address sends the reader on at once (``<meta http-equiv="refresh">``), names
the new address as canonical, asks search engines not to index it, and says in the version's
language that the release or page has moved, with a link for a browser that does not follow
the refresh. It is in no sitemap, feed, list, switcher or search index: it is no page of the
site's own, only the way to one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pressroom.model.texts import Page, Release
from pressroom.pages.context import FAVICON, STYLESHEET, LanguageContext
from pressroom.pages.plans import PagePlan


@dataclass(frozen=True, slots=True)
class RedirectView:
    """What a redirect page shows: where it leads, in the language of the version it leads to."""

    lang: str
    title: str
    """The title of the version it leads to, the text of its link."""
    target: str
    """The new address, as the site's other links are written (from the base URL's path)."""
    canonical: str
    is_page: bool
    """A standalone page, not a release: the page says which has moved."""
    site_title: str
    stylesheet: str
    favicon: str = ""
    template: str = "redirect.html"


def redirect_pages(site: LanguageContext, item: Release | Page) -> Iterator[PagePlan]:
    """The redirect pages that lead on to ``item``'s version in the site's language."""
    version = item.translations.get(site.lang)
    if version is None or not version.formerly:  # most have none: no view made for every page of every plan
        return
    view = RedirectView(
        lang=site.lang,
        title=version.title,
        target=site.href(version.url),
        canonical=site.config.link_base + version.url,
        is_page=isinstance(item, Page),
        site_title=site.site_title,
        stylesheet=site.assets[STYLESHEET],
        favicon=site.assets.get(FAVICON, ""),
    )
    for url, line in version.formerly:
        yield PagePlan(url, site.lang, view, version.path, line)
