"""Lists of releases: the paginated release list, year archives, topic pages, their pagers and
cards, and the topics index.

A list is cut into pages from the releases of every language, so page n exists in each
language and the switcher of page n leads to page n. A list page's view (cards, pager) is
made by the worker that renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial

from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.model.texts import Release, Translation
from pressroom.pages.collation import by_name
from pressroom.pages.context import LanguageContext, page_count
from pressroom.pages.frame import Frame, frame, planned_entry
from pressroom.pages.media import thumbnail
from pressroom.pages.plans import Deferred, ForeignCard, Link, PagePlan, ReleaseCard, View

PAGER_ALL = 9
"""Lists of up to this many pages link every page; longer ones a window around the current."""
PAGER_AROUND = 2


@quick_init
@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class ListView:
    """The paginated release list, a year archive, or a topic's releases."""

    frame: Frame
    heading: str
    kind: str
    """``list``, ``year`` or ``topic``, for headings the template words per kind."""
    cards: tuple[ReleaseCard, ...]
    foreign: tuple[ForeignCard, ...]
    total: int
    years: tuple[Link, ...]
    pager: Pager | None = None
    partners: tuple[Link, ...] = ()
    closed: bool = False
    """A past year's archive: nothing more will come (its empty list says no "yet")."""
    template: str = "list.html"


@dataclass(frozen=True, slots=True)
class TopicIndexView:
    frame: Frame
    topics: tuple[tuple[Link, int], ...]
    template: str = "topics.html"


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a paginated list of releases: where it is and which releases it shows."""

    url: str
    first: str
    """The URL of the list's first page, which the pager's links are numbered from."""
    number: int
    count: int
    releases: Sequence[Release]


def card(site: LanguageContext, release: Release, first: bool = False) -> ReleaseCard:
    """A release's card; ``first``: the first of a list page or the home page, whose thumbnail
    is in the first screen (see `thumbnail`)."""
    version = release.translations[site.lang]
    found = site.cards.get(release.key)
    if found is None:
        found = site.cards[release.key] = ReleaseCard(
            title=version.title,
            href=site.href(version.url),
            date=site.date(release.date),
            date_iso=release.date.isoformat(),
            summary=version.summary,
            thumbnail=thumbnail(site, version),
            copied=version.copied,
        )
    if first and found.thumbnail:
        return replace(found, thumbnail=thumbnail(site, version, first=True))
    return found


def foreign_card(site: LanguageContext, release: Release) -> ForeignCard:
    versions: list[Translation] = list(release.translations.values())
    language = site.language
    return ForeignCard(
        date=site.date(release.date),
        date_iso=release.date.isoformat(),
        versions=tuple(Link(site.href(v.url), v.title, v.lang) for v in versions),
        language_names=language.list_of([language.name_of(v.lang) for v in versions]),
    )


def split_cards(
    site: LanguageContext, releases: Iterable[Release], first_screen: bool = False
) -> tuple[tuple[ReleaseCard, ...], tuple[ForeignCard, ...]]:
    """Cards of the releases in the reader's language, and of those only in others.
    ``first_screen``: the first card stands in the first screen (a list under its heading)."""
    own: list[ReleaseCard] = []
    foreign = []
    for release in releases:
        if site.lang in release.translations:
            own.append(card(site, release, first_screen and not own))
        else:
            foreign.append(foreign_card(site, release))
    return tuple(own), tuple(foreign)


def pager(site: LanguageContext, first: str, number: int, count: int) -> Pager:
    """Links to the pages of a list: all of them when few, else the first, the last and
    those around the current one, with gaps (``Link("", "…")``) between."""
    shown = (
        range(1, count + 1)
        if count <= PAGER_ALL
        else sorted({1, count, *range(max(1, number - PAGER_AROUND), min(count, number + PAGER_AROUND) + 1)})
    )
    links: list[Link] = []
    previous = 0
    for n in shown:
        if n > previous + 1:
            links.append(Link("", "…"))
        links.append(Link(site.href(routing.paged(first, n)), site.language.number(n)))
        previous = n
    return Pager(
        number=number,
        count=count,
        previous=site.href(routing.paged(first, number - 1)) if number > 1 else None,
        next=site.href(routing.paged(first, number + 1)) if number < count else None,
        pages=tuple(links),
    )


def page_title(site: LanguageContext, title: str, page: ListPage) -> str:
    """The title of one page of a list: tabs, bookmarks and search results show it, so the
    later pages of a list say which page they are instead of repeating the first's."""
    if page.number == 1:
        return title
    return site.language.gettext("%(title)s – page %(number)s") % {
        "title": title,
        "number": site.language.number(page.number),
    }


def list_pages(
    site: LanguageContext, first: str, releases: Sequence[Release], holding: Release | None = None
) -> Iterator[ListPage]:
    """The pages of a list of releases (all, or only the page holding ``holding``). The
    pages are cut from the releases of every language, so a list has as many pages in
    each language and the switcher of page n leads to page n."""
    per_page = site.config.per_page
    count = page_count(len(releases), per_page)
    numbers = range(1, count + 1) if holding is None else (releases.index(holding) // per_page + 1,)
    for number in numbers:
        url = routing.paged(first, number)
        yield ListPage(url, first, number, count, releases[(number - 1) * per_page : number * per_page])


def list_plan(
    site: LanguageContext,
    page: ListPage,
    make: Callable[[ListPage], View],
    origin: str,
    versions: dict[str, str] | None = None,
) -> PagePlan:
    """A list page whose view (cards, pager) is made by the worker that renders it."""
    view = Deferred(lambda problems: make(page), planned_entry(site, page.url, versions))
    return PagePlan(page.url, site.lang, view, origin)


def year_pages(site: LanguageContext, year: int, holding: Release | None = None) -> Iterator[PagePlan]:
    """A year's archive (every page, or only the page holding ``holding``)."""
    releases = site.listings.years[year]
    total = sum(1 for r in releases if site.lang in r.translations)
    named = site.language.year(year)
    title = site.language.gettext("Press releases from %(year)s") % {"year": named}
    told = site.language.gettext("All press releases from %(year)s") % {"year": named}
    closed = year < site.today.year
    make = partial(_list_view, site, named, "year", total, site.years, (), title=title, description=told, closed=closed)
    for page in list_pages(site, routing.year_archive(site.lang, year), releases, holding):
        yield list_plan(site, page, make, f"archive {year}")


def topic_pages(site: LanguageContext, topic_id: str, holding: Release | None = None) -> Iterator[PagePlan]:
    """A topic's releases (every page, or only the page holding ``holding``)."""
    catalog, lang = site.catalog, site.lang
    name = catalog.topics[topic_id].name[lang]
    tagged = site.listings.topics[topic_id]
    total = sum(1 for r in tagged if lang in r.translations)
    named = {p for r in tagged for p in r.partners}
    partners = tuple(site.partner_link(p) for p in by_name(lang, (catalog.partners[p] for p in named)))
    feed = Link(
        site.href(routing.topic_feed(lang, topic_id)),
        site.language.gettext("%(topic)s: press releases (Atom feed)") % {"topic": name},
    )
    told = site.language.gettext("All press releases on %(topic)s") % {"topic": name}
    make = partial(_list_view, site, name, "topic", total, (), partners, feeds=(feed,), description=told)
    for page in list_pages(site, routing.topic(lang, topic_id), tagged, holding):
        yield list_plan(site, page, make, f"topic {topic_id}")


def release_list_pages(site: LanguageContext, only: int | None = None) -> Iterator[PagePlan]:
    """The list of every release in the reader's language (every page, or only page ``only``).

    Languages have lists of different lengths: page n offers the other languages' page n,
    or their last page where they have fewer; its alternates (and the sitemap's) name only
    the languages that have a page n, which name it back."""
    lang, per_page, own = site.lang, site.config.per_page, site.own
    heading = site.language.gettext("Press releases")
    told = site.language.gettext("All press releases in %(language)s, newest first") % {
        "language": site.language.name_of(lang)
    }
    first = routing.release_list(lang)
    for page in list_pages(site, first, own, own[(only - 1) * per_page] if only is not None else None):
        versions = {
            other: routing.release_list(other, min(page.number, pages))
            for other, pages in site.list_page_counts.items()
        }
        counterparts = {other: url for other, url in versions.items() if site.list_page_counts[other] >= page.number}
        make = partial(
            _list_view,
            site,
            heading,
            "list",
            len(own),
            site.years,
            (),
            versions=versions,
            counterparts=counterparts,
            description=told,
        )
        yield list_plan(site, page, make, f"release list page {page.number}", counterparts)


def topic_index(site: LanguageContext) -> PagePlan:
    url = routing.topic_index(site.lang)
    topics = site.catalog.topics
    counts = tuple((site.topic_link(topic_id), len(site.listings.topics[topic_id])) for topic_id in topics)
    gettext = site.language.gettext
    shown = frame(site, url, gettext("Topics"), gettext("Press releases by topic"))
    return PagePlan(url, site.lang, TopicIndexView(shown, counts), "topics")


def _list_view(
    site: LanguageContext,
    heading: str,
    kind: str,
    total: int,
    years: tuple[Link, ...],
    partners: tuple[Link, ...],
    page: ListPage,
    versions: dict[str, str] | None = None,
    feeds: tuple[Link, ...] = (),
    counterparts: dict[str, str] | None = None,
    title: str = "",
    *,
    description: str,
    closed: bool = False,
) -> ListView:
    """``title``: what tabs and search results name the list, where its heading alone would not
    say it (a year's archive, "2024": the breadcrumb's). ``description``: what search results and
    shared links say of it (the site's own description told every list the same), its page
    number added as to the title."""
    cards, foreign = split_cards(site, page.releases, first_screen=True)
    crumb = page_title(site, heading, page)
    full = page_title(site, title, page) if title else crumb
    told = page_title(site, description, page)
    shown = frame(site, page.url, full, told, versions, feeds=feeds, counterparts=counterparts, crumb=crumb)
    return ListView(
        frame=shown,
        heading=heading,
        kind=kind,
        cards=cards,
        foreign=foreign,
        total=total,
        years=years,
        pager=pager(site, page.first, page.number, page.count),
        partners=partners,
        closed=closed,
    )
