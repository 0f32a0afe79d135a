"""The plan of the whole site: every page of every language, in a stable order.

Also owns each language's search page and 404, which show no content of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from pressroom.base.errors import Problems
from pressroom.base.i18n import Language
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.linking import claimed_twice
from pressroom.model.related import RelatedIndex
from pressroom.pages.chooser import CHOOSER_SCRIPT, chooser
from pressroom.pages.context import STYLESHEET, LanguageContext, find_listings, language_context
from pressroom.pages.feeds import FEED_SIZE, language_feed, partner_feed, robots, sitemaps, topic_feed
from pressroom.pages.frame import Frame, frame
from pressroom.pages.homescreen import web_manifest
from pressroom.pages.lists import release_list_pages, topic_index, topic_pages, year_pages
from pressroom.pages.partners import partner_pages
from pressroom.pages.plans import PagePlan
from pressroom.pages.redirects import redirect_pages
from pressroom.pages.releases import home_page, release_page, standalone_page

SEARCH_SCRIPT = "static/search.js"


@dataclass(frozen=True, slots=True)
class SearchView:
    frame: Frame
    bundle: str
    """Where Pagefind's index and interface live (``/pagefind/``)."""
    base: str
    """The site's root, which Pagefind's result URLs are relative to."""
    script: str
    archive: str
    """Where every release is listed by year, for when search cannot be used: the release list's
    archive by year (the years' heading of its first page)."""
    indexed: bool = True
    """The site is built with its search index: without one (``--no-search``) the page loads no
    Pagefind files, which are not there, and says at once that search is not available."""
    template: str = "search.html"


@dataclass(frozen=True, slots=True)
class NotFoundView:
    frame: Frame
    template: str = "404.html"


def plan_site(
    catalog: Catalog,
    languages: dict[str, Language],
    assets: Mapping[str, str],
    today: date,
    problems: Problems,
    *,
    search: bool,
) -> list[PagePlan]:
    """Every page of the site, in a stable order; ``assets`` maps static files to their URLs;
    ``search``: the site is built with its search index. Two pages claiming one output path
    (their paths equal but for case, as on Windows and macOS) are an error."""
    plans = [
        chooser(catalog, languages, assets, assets[STYLESHEET], assets[CHOOSER_SCRIPT], is_404=is_404)
        for is_404 in (False, True)
    ]
    related = RelatedIndex(catalog.releases, catalog.languages)
    listings = find_listings(catalog)
    for lang in catalog.languages:
        site = language_context(catalog, languages[lang], assets, today, related, listings, search)
        plans.extend(_language_pages(site))
    # The sitemaps name every page: the longest pages to render (a second each at 10,000
    # releases). Rendered first, while the other workers take the rest, they do not end the
    # build alone.
    plans[:0] = [*sitemaps(catalog, plans), robots(catalog)]
    claimed: dict[str, PagePlan] = {}
    for plan in plans:
        other = claimed.get(plan.url.casefold())
        if other is not None:
            problems.error(
                plan.origin if "/" in plan.origin else "content",
                plan.line,
                claimed_twice(plan.url, plan.origin, other.url, other.origin),
            )
        claimed[plan.url.casefold()] = plan
    return plans


def _language_pages(site: LanguageContext) -> Iterable[PagePlan]:
    catalog, lang, gettext = site.catalog, site.lang, site.language.gettext
    own = site.own
    yield home_page(site)
    for number, release in enumerate(own, 1):
        yield release_page(site, release)
        if number == min(FEED_SIZE, len(own)):
            # Right after the releases it carries in full: the worker that rendered their
            # pages still holds their bodies.
            yield language_feed(site)
    if not own:
        yield language_feed(site)
    for page in catalog.pages:
        if lang in page.translations:
            yield standalone_page(site, page)
    yield from release_list_pages(site)
    for year in site.year_numbers:
        yield from year_pages(site, year)
    for topic_id in catalog.topics:
        yield from topic_pages(site, topic_id)
    yield topic_index(site)
    yield from partner_pages(site)
    url = routing.search(lang)
    view = SearchView(
        # An empty form before its script runs, and the same page for every ?q=: nothing for a
        # search engine to list (and a search result leading to a search page helps no reader).
        frame(
            site, url, gettext("Search"), gettext("Search all press releases and pages of this site"), robots="noindex"
        ),
        bundle=site.href(routing.SEARCH_BUNDLE + "/"),
        base=site.href(""),
        script=site.assets[SEARCH_SCRIPT],
        # A site without releases has no archive by year: its (empty) release list instead.
        archive=site.href(routing.release_list(lang)) + ("#years-heading" if site.years else ""),
        indexed=site.search,
    )
    yield PagePlan(url, lang, view, "search")
    url = routing.not_found(lang)
    # A host serves it at every wrong address, and some with the status 200 (a "soft 404"):
    # only noindex keeps it, and through it each mistyped link, out of search results.
    not_found = frame(site, url, gettext("Page not found"), robots="noindex")
    yield PagePlan(url, lang, NotFoundView(not_found), "404")
    yield web_manifest(site)
    for partner_id in catalog.partners:
        yield partner_feed(site, partner_id)
    for topic_id in catalog.topics:
        yield topic_feed(site, topic_id)
    for item in (*own, *catalog.pages):
        yield from redirect_pages(site, item)
