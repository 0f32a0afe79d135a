"""View models of the partner pages and the partner index, with its map and timeline.

A partner page shows the partner in the reader's language (and in its own language, marked
with ``lang``), facts from CLDR via Babel, every release tagged with it, the topics those
cover, and related partners. The index counts and groups the state partnerships by country,
lists other cooperation (such as cluster cooperation that has ended) apart from them, draws
the current partners on a map and lines every partner up on a timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.model.texts import Release
from pressroom.pages import worldmap
from pressroom.pages.collation import by_name, country_key
from pressroom.pages.context import MAP_SCRIPT, LanguageContext
from pressroom.pages.frame import Frame, frame
from pressroom.pages.lists import ListPage, Pager, list_pages, list_plan, page_title, pager, split_cards
from pressroom.pages.media import titled_share
from pressroom.pages.periods import mark_text, since_text, span_text, when_text
from pressroom.pages.plans import ForeignCard, Link, PagePlan, ReleaseCard
from pressroom.pages.releases import search_snippet
from pressroom.source.partners import Partner
from pressroom.source.periods import When

RELATED_COUNT = 4


@dataclass(frozen=True, slots=True)
class PartnerEntry:
    link: Link
    native: Link | None
    """The partner's name in its own language, where that differs from the reader's."""
    country: str
    since: str
    """When the partnership began, as precisely as known, with its age where a day or year gives one."""
    since_phrase: str
    """"since …" in the reader's language: seit 1982, 1982年から, since the early 1980s."""
    span: str
    """For a cooperation that has ended: when it ran (2015–2016); else ""."""
    mark: str
    """The short mark on the timeline: 1982, 1982年, Anfang der 1980er-Jahre, 2015–2016."""
    since_year: int
    """For ordering only: the earliest year ``since`` can mean."""
    years: int | None
    """Whole years of partnership as of the build date; None where the start is a decade or it has ended."""
    status: str
    """active, dormant or ended."""
    dormant: bool
    kind: str
    kind_name: str
    """The kind of partnership in the reader's language."""


@quick_init
@dataclass(frozen=True, slots=True)
class PartnerView:
    frame: Frame
    entry: PartnerEntry
    summary: str
    cards: tuple[ReleaseCard, ...]
    foreign: tuple[ForeignCard, ...]
    topics: tuple[Link, ...]
    related: tuple[Link, ...]
    links: tuple[Link, ...]
    """Official pages about the partner, titled in the reader's language."""
    pager: Pager | None = None
    locator: PartnerMap | None = None
    """Where the partner lies, next to Baden-Württemberg (for partners with a location)."""
    template: str = "partner.html"


@dataclass(frozen=True, slots=True)
class PartnerMap:
    box: worldmap.MapBox
    markers: tuple[worldmap.Marker, ...]
    home: worldmap.Marker
    """Baden-Württemberg, marked on every map."""


@dataclass(frozen=True, slots=True)
class PartnerIndexView:
    frame: Frame
    groups: tuple[tuple[str, tuple[PartnerEntry, ...]], ...]
    """(country name, state partnerships), countries in the reader's alphabetical order."""
    others: tuple[PartnerEntry, ...]
    """Partners of other kinds (cluster, city, other cooperation), in the order they began."""
    timeline: tuple[PartnerEntry, ...]
    """Every partner in the order their partnerships began."""
    map: PartnerMap
    total: int
    """The number of state partnerships."""
    script: str = ""
    """The map's script (a focused dot scrolls into view on a phone)."""
    template: str = "partners.html"


def whole_years(since: When, today: date) -> int | None:
    """Whole years since a day or a year; None for a decade, which gives no such number."""
    if not isinstance(since, date | int):
        return None
    start = since if isinstance(since, date) else date(since, 1, 1)
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def kind_name(site: LanguageContext, kind: str) -> str:
    gettext = site.language.gettext
    names = {
        "state-partnership": gettext("State partnership"),
        "cluster-partnership": gettext("Cluster partnership"),
        "city-partnership": gettext("City partnership"),
        "cooperation": gettext("Cooperation"),
    }
    return names[kind]


def partner_entry(site: LanguageContext, partner: Partner) -> PartnerEntry:
    native = None
    if partner.native and partner.native[1] != partner.name[site.lang]:
        native_lang, native_name = partner.native
        native = Link("", native_name, None if native_lang == site.lang else native_lang)
    language, since, ended = site.language, partner.since, partner.status == "ended"
    years = None if ended else whole_years(since, site.today)
    started = when_text(language, since)
    if years is not None:
        started = language.ngettext("%(since)s (%(count)s year)", "%(since)s (%(count)s years)", years) % {
            "since": started,
            "count": language.number(years),
        }
    span = span_text(language, since, partner.until) if ended else ""
    return PartnerEntry(
        link=site.partner_link(partner),
        native=native,
        country=language.country(partner.country),
        since=started,
        since_phrase=since_text(language, since),
        span=span,
        mark=span or mark_text(language, since),
        since_year=partner.since_year,
        years=years,
        status=partner.status,
        dormant=partner.status == "dormant",
        kind=partner.kind,
        kind_name=kind_name(site, partner.kind),
    )


def related_partners(
    partner: Partner, partners: Iterable[Partner], topics_of: dict[str, set[str]], releases_of: dict[str, set[str]]
) -> list[Partner]:
    """Partners in the same country, in the same releases or with topics in common, the closest first."""
    scored = []
    for other in partners:
        if other.id == partner.id:
            continue
        score = (
            2 * (other.country == partner.country)
            + 2 * len(releases_of[partner.id] & releases_of[other.id])
            + len(topics_of[partner.id] & topics_of[other.id])
        )
        if score:
            scored.append((-score, other.id, other))
    return [other for _, _, other in sorted(scored)[:RELATED_COUNT]]


def partner_page(site: LanguageContext, partner_id: str, holding: Release | None = None) -> Iterator[PagePlan]:
    """A partner's page (every page of its releases, or only the page holding ``holding``)."""
    catalog, lang = site.catalog, site.lang
    partners: list[Partner] = list(catalog.partners.values())
    partner = catalog.partners[partner_id]
    topics_of, releases_of = site.listings.partner_topics, site.listings.partner_releases
    entry = partner_entry(site, partner)
    topics = tuple(site.topic_link(t) for t in catalog.topics if t in topics_of[partner.id])
    related = tuple(site.partner_link(p) for p in related_partners(partner, partners, topics_of, releases_of))
    links = tuple(Link(link.url, link.title[lang]) for link in partner.links)
    feeds = (
        Link(
            site.href(routing.feed(lang, partner.id)),
            site.language.gettext("%(partner)s: press releases (Atom feed)") % {"partner": partner.name[lang]},
        ),
    )
    tagged = site.listings.partners[partner.id]
    locator = None
    if partner.location:
        place = worldmap.marker(*partner.location, "", entry.link.text, entry.dormant)  # no link to itself
        home = worldmap.home_marker(site.language.gettext("Baden-Württemberg"))
        locator = PartnerMap(worldmap.locator_box(place, home), worldmap.spread([place], [home], 16.0), home)
    make = partial(_partner_view, site, partner, entry, topics, related, links, feeds, locator)
    for page in list_pages(site, routing.partner(lang, partner.id), tagged, holding):
        yield list_plan(site, page, make, partner.path)


def _partner_view(
    site: LanguageContext,
    partner: Partner,
    entry: PartnerEntry,
    topics: tuple[Link, ...],
    related: tuple[Link, ...],
    links: tuple[Link, ...],
    feeds: tuple[Link, ...],
    locator: PartnerMap | None,
    page: ListPage,
) -> PartnerView:
    lang = site.lang
    cards, foreign = split_cards(site, page.releases)
    return PartnerView(
        frame=frame(
            site,
            page.url,
            page_title(site, partner.name[lang], page),
            search_snippet(partner.summary[lang], lang),
            feeds=feeds,
            share=titled_share(site, routing.partner(lang, partner.id), partner.name[lang]),
        ),
        entry=entry,
        summary=partner.summary[lang],
        cards=cards,
        foreign=foreign,
        topics=topics,
        related=related,
        links=links,
        pager=pager(site, page.first, page.number, page.count),
        locator=locator,
    )


def partner_pages(site: LanguageContext) -> Iterable[PagePlan]:
    catalog, lang = site.catalog, site.lang
    partners: list[Partner] = list(catalog.partners.values())
    entries = {p.id: partner_entry(site, p) for p in partners}
    for partner in partners:
        yield from partner_page(site, partner.id)
    reading = site.language.country_reading
    # The reader's order of names settles who comes first among partners that began alike.
    named = {p.id: place for place, p in enumerate(by_name(lang, partners))}
    by_country: dict[str, list[PartnerEntry]] = {}  # by ISO code: a Japanese name sorts by its reading
    for partner in sorted(partners, key=lambda p: (p.since_year, named[p.id])):
        if entries[partner.id].kind == "state-partnership":
            by_country.setdefault(partner.country, []).append(entries[partner.id])
    groups = tuple(
        (items[0].country, tuple(items))
        for code, items in sorted(
            by_country.items(), key=lambda kv: country_key(lang, kv[0], kv[1][0].country, reading(kv[0]))
        )
    )
    timeline = tuple(entries[p.id] for p in sorted(partners, key=lambda p: (p.since_year, str(p.since), named[p.id])))
    others = tuple(entry for entry in timeline if entry.kind != "state-partnership")
    # The map shows who the state works with now: a cooperation that has ended is on the
    # timeline and in the list of other cooperation, not among the current partners.
    markers = tuple(
        worldmap.marker(*p.location, entries[p.id].link.href, entries[p.id].link.text, p.status == "dormant")
        for p in partners
        if p.location and p.status != "ended"
    )
    home = worldmap.home_marker(site.language.gettext("Baden-Württemberg"))
    partner_map = PartnerMap(worldmap.world(), worldmap.spread(markers, [home], leader_min=worldmap.LEADER_MIN), home)
    url = routing.partner_index(lang)
    view = PartnerIndexView(
        frame=frame(
            site,
            url,
            site.language.gettext("Partners"),
            site.language.gettext("Every partner region and cooperation: by country, on a map and in a timeline"),
        ),
        groups=groups,
        others=others,
        timeline=timeline,
        map=partner_map,
        total=sum(1 for p in partners if p.kind == "state-partnership"),
        script=site.assets.get(MAP_SCRIPT, ""),
    )
    yield PagePlan(url, lang, view, "partner index")
