"""Feeds, the sitemap and robots.txt: how readers' apps and search engines follow the site.

An Atom feed per language (and per partner or topic and language), newest first, with
absolute URLs from the base URL; a sitemap of every page with its hreflang alternates, in
parts (one or more per language) that an index names; robots.txt pointing to the index.
Dates come from the content, never from the clock, so feeds are reproducible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from urllib.parse import urljoin

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.quickinit import quick_init
from pressroom.base.text import as_uri
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.copies import OWN, CopiedTexts
from pressroom.model.texts import Release
from pressroom.pages.chooser import ChooserView
from pressroom.pages.context import FEED_STYLESHEET, STYLESHEET, LanguageContext
from pressroom.pages.media import feed_figure
from pressroom.pages.plans import Deferred, PagePlan, PlannedEntry, SitemapEntry
from pressroom.pages.redirects import RedirectView
from pressroom.pages.releases import opening_words, translated

SITEMAP_SIZE = 10_000
"""Pages per sitemap part. Search engines read at most 50,000 addresses or 50 MB from one
sitemap; a page with its versions in three languages takes some 700 bytes, so a part stays
far below both even for a site with many more languages, and the parts of a large site are
rendered by several workers at once."""
FEED_SIZE = 50
"""Entries per language feed: enough for any reader's catch-up, small enough to poll."""
PARTNER_FEED_SIZE = 20
"""Partner feeds carry summaries only: they repeat entries of the language feed, whose full
text would otherwise be escaped into every partner's feed again."""
TOPIC_FEED_SIZE = 20
"""Topic feeds carry summaries only, as partner feeds do: a release is in several topics."""
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src|srcset)=")([^"]*)"')


def _links_from(html: str, page: str) -> str:
    """``html`` with every link and picture address made whole from ``page``, where the body
    is shown: readers show an entry away from its page, a footnote's ``#fn1`` resolved
    against the feed's ``xml:base`` (the site's root) led to the language chooser, and not
    every reader, nor a service passing the content on, resolves ``xml:base`` at all."""

    def whole(found: re.Match[str]) -> str:
        start, value = found.groups()
        if not start.endswith('srcset="'):
            return f'{start}{urljoin(page, value)}"'
        candidates = (candidate.strip().partition(" ") for candidate in value.split(","))
        return start + ", ".join(f"{urljoin(page, url)}{gap}{width}" for url, gap, width in candidates) + '"'

    return _LINK_ATTRIBUTE.sub(whole, html)


@quick_init
@dataclass(frozen=True, slots=True)
class FeedEntry:
    title: str
    url: str
    id: str
    """What feed readers know the entry by: its first address, kept when it is renamed."""
    updated: str
    published: str
    summary: str
    content: Markup | None
    """Full text, or None where the summary and the link suffice."""
    author: str
    categories: tuple[str, ...]
    alternates: tuple[tuple[str, str], ...]
    """(lang, absolute URL) of the release's other versions."""
    copied: CopiedTexts = OWN
    """Its title's, summary's and content's language where it is not the feed's (an untranslated
    copy's): ``summary`` where the summary is the body's opening, ``body`` for the content."""
    day: str = ""
    """Its date as the feed's language writes it, for a reader who opens the feed in a browser."""
    day_iso: str = ""


@dataclass(frozen=True, slots=True)
class FeedView:
    lang: str
    title: str
    subtitle: str
    id: str
    self_url: str
    home_url: str
    base: str
    """Where links inside entry content resolve from (``xml:base``)."""
    updated: str
    entries: tuple[FeedEntry, ...]
    stylesheets: tuple[str, ...] = ()
    """How a browser shows the feed to a reader who opens it: the site's style, and
    ``static/feed.css`` for its title, what a feed is, and each entry's date, title and
    summary, linked to its page."""
    template: str = "feed.xml"


@dataclass(frozen=True, slots=True)
class SitemapView:
    entries: tuple[SitemapEntry, ...]
    template: str = "sitemap.xml"


@dataclass(frozen=True, slots=True)
class SitemapPart:
    url: str
    """Absolute where the site has an absolute base URL."""
    lastmod: str
    """The newest change date of its pages, or empty when none has one."""


@dataclass(frozen=True, slots=True)
class SitemapIndexView:
    parts: tuple[SitemapPart, ...]
    template: str = "sitemap-index.xml"


@dataclass(frozen=True, slots=True)
class RobotsView:
    sitemap: str
    """The sitemap's absolute URL, as a URI (robots.txt readers take no other); empty when the
    site has no absolute base URL."""
    template: str = "robots.txt"


def _moment(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _instant(moment: datetime) -> str:
    """A moment in UTC, as `_moment` writes a day: the same form compares as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _published(release: Release) -> str:
    # Not before its embargo ended, where it had one; feed readers sort and date entries by it.
    return _instant(release.published) if release.published else _moment(release.date)


def _changed(release: Release, lang: str) -> str:
    """When the release's version in ``lang`` last changed for its readers: its ``updated``
    date, but never before it was published."""
    version = release.translations[lang]
    return max(_published(release), _moment(version.updated or release.date))


def _entry(site: LanguageContext, release: Release, full_text: bool) -> FeedEntry:
    version = release.translations[site.lang]
    catalog = site.catalog
    published = _published(release)
    # The body's problems are reported once, by the release's own page.
    body = catalog.body(version, Problems()).html if full_text or not version.summary else None
    # Without a summary, a partner's or topic's feed (no full text) had an entry of a title alone.
    # That opening is in the body's language, and cut as that language is: a copy's German opening
    # in the Japanese feed was unmarked, so read as Japanese, and cut to a Japanese length.
    copied = version.copied if version.summary else replace(version.copied, summary=version.copied.body)
    summary = version.summary or opening_words(body or "", copied.body or site.lang)
    url = site.absolute(version.url)
    # Readers show an entry's first picture with it: the lead picture stands above the text.
    content = None
    if full_text and body is not None:
        content = Markup(_links_from(f"{feed_figure(site, version)}{body}", url))
    return FeedEntry(
        title=version.title,
        copied=copied,
        day=site.date(release.date),
        day_iso=release.date.isoformat(),
        url=url,
        # RFC 4287 wants an entry's id kept for good: a renamed release would otherwise come
        # back to every subscriber as a new entry. Its first earlier address is the one it was
        # published under (README: "Renaming a release" asks for the oldest first).
        id=site.absolute(version.formerly[0][0]) if version.formerly else url,
        updated=_changed(release, site.lang),
        published=published,
        summary=summary,
        content=content,
        author=version.source or site.site_title,
        categories=tuple(catalog.topics[t].name[site.lang] for t in release.topics),
        alternates=tuple(
            (lang, site.absolute(other.url))
            for lang, other in translated(release.translations).items()
            if lang != site.lang
        ),
    )


def feed(
    site: LanguageContext,
    releases: Iterable[Release],
    url: str,
    title: str,
    home: str,
    size: int = FEED_SIZE,
    *,
    full_text: bool = True,
) -> PagePlan:
    """A feed of the ``size`` newest of the given releases (those with a version in the site's language)."""
    own = [r for r, _ in zip((r for r in releases if site.lang in r.translations), range(size), strict=False)]
    # Left to the worker that renders the feed: full text means reading and rendering bodies,
    # and the partners' feeds, made while the site was planned, were a sixth of planning.
    view = Deferred(partial(_feed_view, site, own, url, title, home, full_text))
    return PagePlan(url, site.lang, view, f"feed {url}")


def _feed_view(
    site: LanguageContext, own: list[Release], url: str, title: str, home: str, full_text: bool, problems: Problems
) -> FeedView:
    del problems  # reported by the releases' own pages
    entries = tuple(_entry(site, r, full_text) for r in own)
    newest = max((e.updated for e in entries), default=None) or _last_change(site)
    return FeedView(
        lang=site.lang,
        title=title,
        subtitle=site.config.site_description(site.lang),
        id=site.absolute(url),
        self_url=site.absolute(url),
        home_url=site.absolute(home),
        base=site.absolute(""),
        updated=newest,
        entries=entries,
        stylesheets=(site.assets[STYLESHEET], site.assets[FEED_STYLESHEET]),
    )


def _last_change(site: LanguageContext) -> str:
    """When an empty feed last changed: when the site in its language last did. A partner's or
    topic's feed before its first release said 1970-01-01, which readers showed as its date.
    Worked out once per language: every empty feed would otherwise pass over every release."""
    key = f"{__name__}:last-change"
    found: str | None = site.fixed.get(key)
    if found is None:
        lang, releases = site.lang, site.catalog.releases
        found = site.fixed[key] = max(
            (_changed(r, lang) for r in releases if lang in r.translations),
            default=max((_moment(r.date) for r in releases), default=_moment(date(1970, 1, 1))),
        )
    return found


def language_feed(site: LanguageContext) -> PagePlan:
    lang = site.lang
    return feed(site, site.catalog.releases, routing.feed(lang), site.site_title, routing.home(lang))


def partner_feed(site: LanguageContext, partner_id: str) -> PagePlan:
    """A partner's releases, for the partner's page to offer."""
    url, home = routing.feed(site.lang, partner_id), routing.partner(site.lang, partner_id)
    name = site.catalog.partners[partner_id].name[site.lang]
    return _tagged_feed(site, site.listings.partners[partner_id], url, home, name, PARTNER_FEED_SIZE)


def topic_feed(site: LanguageContext, topic_id: str) -> PagePlan:
    """A topic's releases, for the topic's page to offer."""
    url, home = routing.topic_feed(site.lang, topic_id), routing.topic(site.lang, topic_id)
    # Named as its page is ("Thema: Energie"): in a reader's list of feeds a bare "Energie"
    # says less than a partner's name does.
    name = site.language.gettext("Topic: %(topic)s") % {"topic": site.catalog.topics[topic_id].name[site.lang]}
    return _tagged_feed(site, site.listings.topics[topic_id], url, home, name, TOPIC_FEED_SIZE)


def _tagged_feed(site: LanguageContext, releases: list[Release], url: str, home: str, name: str, size: int) -> PagePlan:
    """The feed of a partner's or a topic's releases: summaries only, titled with its name
    and the site's. It exists in every language, empty where none of its releases has a
    version in it, as its page does: a reader may subscribe before the first one."""
    title = f"{name} | {site.site_title}"
    return feed(site, releases, url, title, home, size, full_text=False)


def feeds_showing(site: LanguageContext, release: Release) -> Iterator[PagePlan]:
    """The feeds of the site's language that carry ``release``, which has a version in it:
    its language's, its partners' and its topics', where it is among their newest."""
    if site.positions[release.key] < FEED_SIZE:
        yield language_feed(site)
    listings = site.listings
    for partner_id in release.partners:
        if _rank(site, listings.partners[partner_id], release) < PARTNER_FEED_SIZE:
            yield partner_feed(site, partner_id)
    for topic_id in release.topics:
        if _rank(site, listings.topics[topic_id], release) < TOPIC_FEED_SIZE:
            yield topic_feed(site, topic_id)


def empty_feeds(site: LanguageContext) -> Iterator[PagePlan]:
    """The feeds of the site's language without an entry: they are dated as the site last
    changed (`_last_change`), so an edit of a release's ``updated`` changes them too."""
    lang = site.lang
    listings = site.listings
    if not site.own:
        yield language_feed(site)
    for partner_id in site.catalog.partners:
        if not any(lang in r.translations for r in listings.partners[partner_id]):
            yield partner_feed(site, partner_id)
    for topic_id in site.catalog.topics:
        if not any(lang in r.translations for r in listings.topics[topic_id]):
            yield topic_feed(site, topic_id)


def _rank(site: LanguageContext, tagged: list[Release], release: Release) -> int:
    """Where ``release`` stands among the releases of ``tagged`` in the site's language."""
    return [r for r in tagged if site.lang in r.translations].index(release)


def sitemaps(catalog: Catalog, plans: list[PagePlan]) -> list[PagePlan]:
    """The sitemap index and its parts, which list every HTML page but the not-found and search pages,
    with its language versions: each language's pages in parts of at most `SITEMAP_SIZE`, and
    the neutral pages (the language chooser) in a part of their own."""
    groups: dict[str, list[SitemapEntry | PlannedEntry]] = {}
    for plan in plans:
        if not plan.is_html or plan.url.endswith(".html"):
            continue  # feeds, not-found pages
        entry = _sitemap_entry(plan)
        if entry is not None:
            groups.setdefault(plan.lang or routing.NEUTRAL_SITEMAP, []).append(entry)
    base = catalog.config.link_base
    index: list[SitemapPart] = []
    parts: list[PagePlan] = []
    for group, entries in groups.items():
        for number, start in enumerate(range(0, len(entries), SITEMAP_SIZE), 1):
            chunk = tuple(entries[start : start + SITEMAP_SIZE])
            url = routing.sitemap_part(group, number)
            index.append(SitemapPart(base + url, max((entry.lastmod for entry in chunk), default="")))
            parts.append(PagePlan(url, None, Deferred(partial(_sitemap_view, chunk)), "sitemap"))
    return [PagePlan(routing.SITEMAP, None, SitemapIndexView(tuple(index)), "sitemap"), *parts]


def _sitemap_view(entries: tuple[SitemapEntry | PlannedEntry, ...], problems: Problems) -> SitemapView:
    """A part of the sitemap, its entries worked out now (by the worker that renders it)."""
    return SitemapView(tuple(entry.make() if isinstance(entry, PlannedEntry) else entry for entry in entries))


def _sitemap_entry(plan: PagePlan) -> SitemapEntry | PlannedEntry | None:
    """What the sitemap says of a page, known without making its view (None: not listed)."""
    view = plan.view
    if isinstance(view, Deferred):
        return view.sitemap
    if isinstance(view, RedirectView):
        return None  # an earlier address, not a page: search engines are sent on to the page
    if isinstance(view, ChooserView):
        return SitemapEntry(view.canonical, view.alternates)
    frame = view.frame  # type: ignore[union-attr]
    if "noindex" in frame.robots:
        return None  # a page kept out of search engines is not offered to them
    return SitemapEntry(frame.canonical, frame.alternates)


def robots(catalog: Catalog) -> PagePlan:
    """robots.txt, naming the sitemap index where the site has an absolute base URL."""
    base = catalog.config.link_base
    absolute = "://" in base
    return PagePlan(routing.ROBOTS, None, RobotsView(as_uri(base + routing.SITEMAP) if absolute else ""), "robots.txt")
