"""What the pages of one reader language share, worked out once per build and language.

`Listings` groups the catalog's releases by year, topic and partner in one pass, for every
language of a build; `LanguageContext` binds the catalog to one language with what every page
of that language shows (site title, navigation, years, feed link) and a memo of its cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from pressroom.base.i18n import Language
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.related import RelatedIndex
from pressroom.model.texts import Release
from pressroom.pages.plans import Link, ReleaseCard
from pressroom.source.config import SiteConfig
from pressroom.source.partners import Partner

STYLESHEET = "static/style.css"
FEED_STYLESHEET = "static/feed.css"
SHARE_SCRIPT = "static/share.js"
MAP_SCRIPT = "static/map.js"
MENU_SCRIPT = "static/menu.js"
"""Escape closes the phone's menu, on every page that has the site's header."""
FAVICON = "static/favicon.ico"
"""Also served as ``/favicon.ico``, where browsers and crawlers look for it."""
TOUCH_ICON = "static/apple-touch-icon.png"
"""The icon a phone shows for the site added to its home screen (180 × 180, opaque: the phone
rounds its corners); also served as ``/apple-touch-icon.png``, where phones look for it."""


@dataclass(frozen=True, slots=True)
class Listings:
    """The releases of each year, topic and partner, newest first, and what partners share."""

    years: dict[int, list[Release]]
    topics: dict[str, list[Release]]
    partners: dict[str, list[Release]]
    partner_topics: dict[str, set[str]]
    """Partner → the topics of its releases."""
    partner_releases: dict[str, set[str]]
    """Partner → the keys of its releases."""
    languages: dict[str, list[Release]]
    """Language → the releases in it, newest first (each language context's ``own``)."""


def find_listings(catalog: Catalog) -> Listings:
    """Every list of the site, found in one pass over the catalog instead of one pass per list
    and language."""
    years: dict[int, list[Release]] = {}
    topics: dict[str, list[Release]] = {t: [] for t in catalog.topics}
    partners: dict[str, list[Release]] = {p: [] for p in catalog.partners}
    languages: dict[str, list[Release]] = {lang: [] for lang in catalog.languages}
    for release in catalog.releases:
        for lang in release.translations:
            languages.setdefault(lang, []).append(release)
        years.setdefault(release.date.year, []).append(release)
        for topic_id in release.topics:
            topics.setdefault(topic_id, []).append(release)
        for partner_id in release.partners:
            partners.setdefault(partner_id, []).append(release)
    tagged = {p: partners.get(p, ()) for p in catalog.partners}
    return Listings(
        years=years,
        topics=topics,
        partners=partners,
        partner_topics={p: {t for release in releases for t in release.topics} for p, releases in tagged.items()},
        partner_releases={p: {release.key for release in releases} for p, releases in tagged.items()},
        languages=languages,
    )


@dataclass(frozen=True, slots=True)
class LanguageContext:
    """The catalog seen from one reader language; made by `language_context`."""

    catalog: Catalog
    language: Language
    assets: Mapping[str, str]
    """Static file → its fingerprinted, site-rooted URL."""
    today: date
    """The build's date, for "how many years" (from SOURCE_DATE_EPOCH when set)."""
    related: RelatedIndex
    """Shared by the languages of one build."""
    listings: Listings
    """Shared by the languages of one build."""
    site_title: str
    nav: tuple[Link, ...]
    """The main navigation, the same on every page of the language."""
    feed_link: Link
    year_numbers: tuple[int, ...]
    """Every year with a release, newest first."""
    years: tuple[Link, ...]
    """Links to every year's archive, newest first (the same on every list page)."""
    list_page_counts: Mapping[str, int]
    """Language → number of pages of its release list."""
    search: bool
    """Whether the site is built with its search index (not with ``--no-search``)."""
    own: tuple[Release, ...] = ()
    """The releases in this language, newest first (for previous and next)."""
    positions: Mapping[str, int] = field(default_factory=dict)
    """Release key → its index in ``own``."""
    cards: dict[str, ReleaseCard] = field(default_factory=dict, compare=False, repr=False)
    """A release's card shows on many pages (lists, year, partners, topics, "more"): made once."""
    fixed: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What the modules that make views show the same way on every page of the language (the
    frame's fixed parts, the breadcrumbs' trails), each kept under its module's own key when
    first made: thousands of pages would otherwise each work it out again."""
    links: dict[tuple[str, str], Link] = field(default_factory=dict, compare=False, repr=False)
    """Each partner's and topic's link, made once: release pages, lists and partner pages show
    the same few dozen again and again."""

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def config(self) -> SiteConfig:
        return self.catalog.config

    def href(self, url: str) -> str:
        return self.catalog.config.base_path + url

    def absolute(self, url: str) -> str:
        return self.catalog.config.link_base + url

    def date(self, value: date) -> str:
        return self.language.date(value)

    def partner_link(self, partner: Partner) -> Link:
        key = ("partner", partner.id)
        link = self.links.get(key)
        if link is None:
            link = self.links[key] = Link(self.href(routing.partner(self.lang, partner.id)), partner.name[self.lang])
        return link

    def topic_link(self, topic_id: str) -> Link:
        key = ("topic", topic_id)
        link = self.links.get(key)
        if link is None:
            name = self.catalog.topics[topic_id].name[self.lang]
            link = self.links[key] = Link(self.href(routing.topic(self.lang, topic_id)), name)
        return link


def language_context(
    catalog: Catalog,
    language: Language,
    assets: Mapping[str, str],
    today: date,
    related: RelatedIndex,
    listings: Listings,
    search: bool,
) -> LanguageContext:
    config, lang, gettext = catalog.config, language.code, language.gettext
    base = config.base_path
    footer = {key for key, _line in config.footer}  # footer pages (imprint, privacy) stay out of the menu
    year_numbers = tuple(sorted({r.date.year for r in catalog.releases}, reverse=True))
    nav = (
        Link(base + routing.release_list(lang), gettext("Press releases")),
        Link(base + routing.partner_index(lang), gettext("Partners")),
        Link(base + routing.topic_index(lang), gettext("Topics")),
        # Built without its index (--no-search) the site finds nothing: its search page stays,
        # for old links, but the header leads to none. What that page offers instead, the
        # archive by year, heads "Press releases", linked already; a second link to it misled.
        *((Link(base + routing.search(lang), gettext("Search")),) if search else ()),
        *(
            Link(base + page.translations[lang].url, page.translations[lang].title)
            for page in catalog.pages
            if lang in page.translations and page.key not in footer
        ),
    )
    per_page = config.per_page
    own = tuple(listings.languages.get(lang, ()))
    return LanguageContext(
        catalog=catalog,
        language=language,
        assets=assets,
        today=today,
        related=related,
        listings=listings,
        site_title=config.site_title(lang) or gettext("Press releases"),
        nav=nav,
        feed_link=Link(base + routing.feed(lang), gettext("Press releases (Atom feed)")),
        year_numbers=year_numbers,
        years=tuple(Link(base + routing.year_archive(lang, y), language.year(y)) for y in year_numbers),
        own=own,
        positions=MappingProxyType({release.key: index for index, release in enumerate(own)}),
        list_page_counts=MappingProxyType(
            {other: page_count(len(listings.languages.get(other, ())), per_page) for other in catalog.languages}
        ),
        search=search,
    )


def page_count(items: int, per_page: int) -> int:
    return max(1, -(-items // per_page))
