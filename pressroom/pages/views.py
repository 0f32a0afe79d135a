"""View models: exactly what each template shows, computed from the catalog for one language.

Templates hold layout; everything a page displays is decided here: titles, dates formatted
by Babel for the reader's locale, links with their URLs, the language switcher and the
``hreflang`` alternates. Each page of the site is one `PagePlan` (its URL, template and view),
so the list of pages, and any collision between their paths, is known before rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, partial
from typing import Protocol
from urllib.parse import quote

from babel.core import Locale, get_global
from babel.lists import format_list
from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.i18n import Language, language_name
from pressroom.model import routing
from pressroom.model.catalog import Catalog, Page, Release, Translation
from pressroom.model.related import RelatedIndex
from pressroom.output.search import BUNDLE
from pressroom.pages.structured import news_article
from pressroom.source.partners import Partner

NO_MARKUP = Markup("")
PAGER_ALL = 9
"""Lists of up to this many pages link every page; longer ones a window around the current."""
PAGER_AROUND = 2
STYLESHEET = "static/style.css"
SEARCH_SCRIPT = "static/search.js"
SEARCH_BUNDLE = BUNDLE + "/"
"""Pagefind's output folder, at the site's root: one index holds every language."""


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    text: str
    lang: str | None = None
    """Set when the link text is in another language than the page."""


@dataclass(frozen=True, slots=True)
class SwitcherEntry:
    """One language in the language switcher."""

    lang: str
    name: str
    """The language's name in its own script."""
    href: str
    current: bool
    available: bool
    """False when this content has no version in that language (href leads to its list)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page of one language shares: head, header, switcher, footer."""

    lang: str
    title: str
    site_title: str
    description: str
    canonical: str
    href: str
    """This page's own site-rooted link, to mark it current in the navigation."""
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute-or-rooted href) for every existing version, then x-default."""
    switcher: tuple[SwitcherEntry, ...]
    nav: tuple[Link, ...]
    home: str
    root: str
    stylesheet: str
    missing: str = ""
    """The languages this content is missing in, named and listed in the reader's language."""
    changed: tuple[tuple[str, str], ...] = ()
    """(language name, localized date or "") of versions changed since this one was confirmed."""
    og_locale: str = ""
    """``de_DE``: this page's locale as Open Graph writes it."""
    og_alternates: tuple[str, ...] = ()
    """Open Graph locales of the page's other versions."""
    og_type: str = "website"
    feeds: tuple[Link, ...] = ()
    """Atom feeds offered for autodiscovery: the language's feed, and one for this partner."""
    structured_data: Markup = NO_MARKUP
    """JSON-LD for the page, ready to sit in a ``<script type="application/ld+json">``."""


@dataclass(frozen=True, slots=True)
class ReleaseCard:
    title: str
    href: str
    date: str
    date_iso: str
    summary: str


@dataclass(frozen=True, slots=True)
class ForeignCard:
    """A release with no version in the reader's language, offered in those it has."""

    date: str
    date_iso: str
    versions: tuple[Link, ...]
    """One link per existing version, titled in that version's language."""
    language_names: str
    """The languages it exists in, named in the reader's language."""


@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class HomeView:
    frame: Frame
    latest: tuple[ReleaseCard, ...]
    total: int
    partners: tuple[Link, ...]
    about: Link | None
    all_releases: str
    template: str = "home.html"


@dataclass(frozen=True, slots=True)
class ReleaseView:
    frame: Frame
    title: str
    date: str
    date_iso: str
    summary: str
    source: str
    partners: tuple[Link, ...]
    topics: tuple[Link, ...]
    body: Markup
    list_href: str
    reading_time: str
    permalink: str
    share: tuple[Link, ...]
    more: tuple[ReleaseCard, ...]
    modified_iso: str
    """When this version last changed (its ``updated`` date, else its release date)."""
    template: str = "release.html"


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
    template: str = "list.html"


@dataclass(frozen=True, slots=True)
class TopicIndexView:
    frame: Frame
    topics: tuple[tuple[Link, int], ...]
    template: str = "topics.html"


@dataclass(frozen=True, slots=True)
class StandaloneView:
    frame: Frame
    title: str
    body: Markup
    template: str = "page.html"


@dataclass(frozen=True, slots=True)
class SearchView:
    frame: Frame
    bundle: str
    """Where Pagefind's index and interface live (``/pagefind/``)."""
    base: str
    """The site's root, which Pagefind's result URLs are relative to."""
    script: str
    template: str = "search.html"


@dataclass(frozen=True, slots=True)
class NotFoundView:
    frame: Frame
    template: str = "404.html"


@dataclass(frozen=True, slots=True)
class ChooserEntry:
    lang: str
    name: str
    href: str
    site_title: str
    tagline: str
    not_found: str
    suggestion: str
    """Shown next to the language the browser prefers."""


@dataclass(frozen=True, slots=True)
class ChooserView:
    """The neutral root page (and root 404): every language offered, none preferred."""

    entries: tuple[ChooserEntry, ...]
    alternates: tuple[tuple[str, str], ...]
    stylesheet: str
    canonical: str
    is_404: bool = False
    template: str = "chooser.html"


class View(Protocol):
    """Any view model: a frozen dataclass naming the template that shows it."""

    template: str


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One output page: its URL path, the language of its templates, and its view."""

    url: str
    lang: str | None
    view: View | Deferred = field(repr=False)
    origin: str = ""
    """The source file (or generator) behind the page, for collision messages."""
    line: int = 0

    def realise(self, problems: Problems) -> View:
        """The page's view, made now if it was deferred."""
        view = self.view
        return view.make(problems) if isinstance(view, Deferred) else view

    @property
    def is_html(self) -> bool:
        """A page for readers (not a feed, sitemap or robots.txt)."""
        return self.url.endswith(("/", ".html")) or self.url == routing.chooser()


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    alternates: tuple[tuple[str, str], ...]
    lastmod: str = ""


@dataclass(frozen=True, slots=True)
class Deferred:
    """A page's view, made only when the page is rendered.

    Pages with a body (releases, standalone pages, full-text feeds) read and render their
    Markdown when their view is made. Deferred, each rendering worker does that for its own
    pages, and bodies are never all held at once."""

    make: Callable[[Problems], View]
    """Makes the view; problems found in the body go to the given list."""
    sitemap: SitemapEntry | None = None
    """What the sitemap says about the page, known without making the view."""


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a paginated list of releases: where it is and which releases it shows."""

    url: str
    first: str
    """The URL of the list's first page, which the pager's links are numbered from."""
    number: int
    count: int
    releases: Sequence[Release]


class Listings:
    """The releases of each year, topic and partner, newest first: found in one pass over the
    catalog instead of one pass per list and language."""

    def __init__(self, catalog: Catalog) -> None:
        self.years: dict[int, list[Release]] = {}
        self.topics: dict[str, list[Release]] = {t: [] for t in catalog.topics}
        self.partners: dict[str, list[Release]] = {p: [] for p in catalog.partners}
        for release in catalog.releases:
            self.years.setdefault(release.date.year, []).append(release)
            for topic_id in release.topics:
                self.topics.setdefault(topic_id, []).append(release)
            for partner_id in release.partners:
                self.partners.setdefault(partner_id, []).append(release)


class LanguageContext:
    """Helpers bound to one catalog and one reader language."""

    def __init__(
        self,
        catalog: Catalog,
        language: Language,
        assets: Mapping[str, str],
        today: date,
        related: RelatedIndex,
        listings: Listings | None = None,
    ) -> None:
        self.catalog = catalog
        self.config = catalog.config
        self.language = language
        self.lang = language.code
        self.assets = assets
        """Static file → its fingerprinted, site-rooted URL."""
        self.related = related
        """Shared by the languages of one build."""
        self.today = today
        """The build's date, for "how many years" (from SOURCE_DATE_EPOCH when set)."""
        self._cards: dict[str, ReleaseCard] = {}
        # A release's card shows on many pages (lists, year, partners, topics, "more").
        self._listings = listings

    @cached_property
    def listings(self) -> Listings:
        """Shared by the languages of one build when given."""
        return self._listings or Listings(self.catalog)

    def href(self, url: str) -> str:
        return self.config.base_path + url

    def absolute(self, url: str) -> str:
        return self.config.link_base + url

    def frame(
        self,
        url: str,
        title: str,
        description: str = "",
        versions: dict[str, str] | None = None,
        changed: tuple[tuple[str, date | None], ...] = (),
        fallback: Callable[[str], str] = routing.release_list,
        og_type: str = "website",
        feeds: tuple[Link, ...] = (),
        structured_data: Markup = NO_MARKUP,
    ) -> Frame:
        """Frame for a page; ``versions`` maps language → URL where not every language has one.

        A language without a version is offered through ``fallback(lang)``, a page that exists
        in every language (for a release: its year's release list, which offers it in the
        languages it has)."""
        languages = self.catalog.languages
        existing = self._existing(url, versions)
        alternates = self.alternates(existing)
        switcher = tuple(
            SwitcherEntry(
                lang=lang,
                name=language_name(lang, lang),
                href=self.href(existing.get(lang) or fallback(lang)),
                current=lang == self.lang,
                available=lang in existing,
            )
            for lang in languages
        )
        missing_codes = [lang for lang in languages if lang not in existing]
        missing = (
            format_list([self.language.name_of(lang) for lang in missing_codes], locale=self.language.locale)
            if missing_codes
            else ""
        )
        return Frame(
            lang=self.lang,
            title=title,
            site_title=self.site_title,
            description=description or self.config.site_description(self.lang) or self.site_title,
            canonical=self.absolute(url),
            href=self.href(url),
            alternates=alternates,
            switcher=switcher,
            nav=self.nav,
            home=self.href(routing.home(self.lang)),
            root=self.href(routing.chooser()),
            stylesheet=self.assets[STYLESHEET],
            missing=missing,
            changed=tuple((self.language.name_of(lang), self.date(day) if day else "") for lang, day in changed),
            og_locale=og_locale(self.lang),
            og_alternates=tuple(og_locale(lang) for lang in languages if lang in existing and lang != self.lang),
            og_type=og_type,
            feeds=(self.feed_link, *feeds),
            structured_data=structured_data,
        )

    def _existing(self, url: str, versions: dict[str, str] | None) -> dict[str, str]:
        if versions is not None:
            return versions
        return {lang: _same_page_in(url, self.lang, lang) for lang in self.catalog.languages}

    def sitemap_entry(self, url: str, versions: dict[str, str] | None = None, lastmod: str = "") -> SitemapEntry:
        """What the sitemap says about a page whose frame is made later: the same canonical
        URL and alternates as `frame` with these arguments."""
        return SitemapEntry(self.absolute(url), self.alternates(self._existing(url, versions)), lastmod)

    @cached_property
    def site_title(self) -> str:
        return self.config.site_title(self.lang) or self.language.gettext("Press releases")

    @cached_property
    def nav(self) -> tuple[Link, ...]:
        """The main navigation, the same on every page of the language."""
        gettext = self.language.gettext
        return (
            Link(self.href(routing.release_list(self.lang)), gettext("Press releases")),
            Link(self.href(routing.partner_index(self.lang)), gettext("Partners")),
            Link(self.href(routing.topic_index(self.lang)), gettext("Topics")),
            Link(self.href(routing.search(self.lang)), gettext("Search")),
            *tuple(
                Link(self.href(page.translations[self.lang].url), page.translations[self.lang].title)
                for page in self.catalog.pages
                if self.lang in page.translations
            ),
        )

    def alternates(self, existing: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """``hreflang`` alternates: each existing version's absolute URL, then ``x-default``."""
        found = tuple((lang, self.absolute(existing[lang])) for lang in self.catalog.languages if lang in existing)
        return (*found, ("x-default", self.absolute(routing.chooser())))

    def date(self, value: date) -> str:
        return self.language.date(value)

    def card(self, release: Release) -> ReleaseCard:
        card = self._cards.get(release.key)
        if card is None:
            version = release.translations[self.lang]
            card = self._cards[release.key] = ReleaseCard(
                title=version.title,
                href=self.href(version.url),
                date=self.date(release.date),
                date_iso=release.date.isoformat(),
                summary=version.summary,
            )
        return card

    def foreign_card(self, release: Release) -> ForeignCard:
        versions: list[Translation] = list(release.translations.values())
        return ForeignCard(
            date=self.date(release.date),
            date_iso=release.date.isoformat(),
            versions=tuple(Link(self.href(v.url), v.title, v.lang) for v in versions),
            language_names=format_list([self.language.name_of(v.lang) for v in versions], locale=self.language.locale),
        )

    def split(self, releases: Iterable[Release]) -> tuple[tuple[ReleaseCard, ...], tuple[ForeignCard, ...]]:
        own, foreign = [], []
        for release in releases:
            if self.lang in release.translations:
                own.append(self.card(release))
            else:
                foreign.append(self.foreign_card(release))
        return tuple(own), tuple(foreign)

    def pager(self, first: str, number: int, count: int) -> Pager:
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
            links.append(Link(self.href(routing.paged(first, n)), self.language.number(n)))
            previous = n
        return Pager(
            number=number,
            count=count,
            previous=self.href(routing.paged(first, number - 1)) if number > 1 else None,
            next=self.href(routing.paged(first, number + 1)) if number < count else None,
            pages=tuple(links),
        )

    def list_pages(self, first: str, releases: Sequence[Release], holding: Release | None = None) -> Iterator[ListPage]:
        """The pages of a list of releases (all, or only the page holding ``holding``). The
        pages are cut from the releases of every language, so a list has as many pages in
        each language and the switcher of page n leads to page n."""
        per_page = self.config.per_page
        count = page_count(len(releases), per_page)
        numbers = range(1, count + 1) if holding is None else (releases.index(holding) // per_page + 1,)
        for number in numbers:
            url = routing.paged(first, number)
            yield ListPage(url, first, number, count, releases[(number - 1) * per_page : number * per_page])

    def list_plan(
        self, page: ListPage, make: Callable[[ListPage], View], origin: str, versions: dict[str, str] | None = None
    ) -> PagePlan:
        """A list page whose view (cards, pager) is made by the worker that renders it."""
        view = Deferred(lambda problems: make(page), self.sitemap_entry(page.url, versions))
        return PagePlan(page.url, self.lang, view, origin)

    def partner_link(self, partner: Partner) -> Link:
        return Link(self.href(routing.partner(self.lang, partner.id)), partner.name[self.lang])

    def topic_link(self, topic_id: str) -> Link:
        return Link(
            self.href(routing.topic(self.lang, topic_id)),
            self.catalog.topics[topic_id].name[self.lang],
        )

    @cached_property
    def feed_link(self) -> Link:
        return Link(self.href(routing.feed(self.lang)), self.language.gettext("Press releases (Atom feed)"))

    @cached_property
    def years(self) -> tuple[Link, ...]:
        """Links to every year's archive, newest first (the same on every list page)."""
        return tuple(Link(self.href(routing.year_archive(self.lang, y)), str(y)) for y in self.year_numbers)

    @cached_property
    def partner_relations(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        from pressroom.pages.partners import partner_relations  # it builds on this module

        return partner_relations(self.catalog, self.listings)

    @cached_property
    def list_page_counts(self) -> dict[str, int]:
        """Language → number of pages of its release list."""
        per_page = self.config.per_page
        return {lang: page_count(len(self.catalog.releases_in(lang)), per_page) for lang in self.catalog.languages}

    @cached_property
    def year_numbers(self) -> list[int]:
        return sorted({r.date.year for r in self.catalog.releases}, reverse=True)


@cache
def og_locale(lang: str) -> str:
    """``ja`` → ``ja_JP``: Open Graph wants a language with its most likely territory."""
    likely = get_global("likely_subtags").get(lang, lang)
    locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def page_count(items: int, per_page: int) -> int:
    return max(1, -(-items // per_page))


def _same_page_in(url: str, lang: str, other: str) -> str:
    """The URL of a generated page (lists, topics, partners) in another language."""
    return other + url.removeprefix(lang) if url.startswith(lang) else url


def plan_site(
    catalog: Catalog, languages: dict[str, Language], assets: Mapping[str, str], today: date
) -> list[PagePlan]:
    """Every page of the site, in a stable order; ``assets`` maps static files to their URLs."""
    plans: list[PagePlan] = [_chooser(catalog, languages, assets[STYLESHEET], is_404=False)]
    plans.append(_chooser(catalog, languages, assets[STYLESHEET], is_404=True))
    from pressroom.pages.feeds import sitemap_and_robots  # it builds on this module

    related = RelatedIndex(catalog.releases, catalog.languages)
    listings = Listings(catalog)
    for lang in catalog.languages:
        site = LanguageContext(catalog, languages[lang], assets, today, related, listings)
        plans.extend(_language_pages(site))
    plans.extend(sitemap_and_robots(catalog, plans))
    return plans


def _language_pages(site: LanguageContext) -> Iterable[PagePlan]:
    from pressroom.pages.feeds import FEED_SIZE, language_feed, partner_feed  # they build on this module

    catalog, lang, gettext = site.catalog, site.lang, site.language.gettext
    own = catalog.releases_in(lang)
    yield home_page(site, own)
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
    yield from release_list_pages(site, own)
    for year in site.year_numbers:
        yield from year_pages(site, year)
    for topic_id in catalog.topics:
        yield from topic_pages(site, topic_id)
    url = routing.topic_index(lang)
    counts = tuple((site.topic_link(topic_id), len(site.listings.topics[topic_id])) for topic_id in catalog.topics)
    yield PagePlan(url, lang, TopicIndexView(site.frame(url, gettext("Topics")), counts), "topics")
    from pressroom.pages.partners import partner_pages  # imported here: it builds on this module

    yield from partner_pages(site)
    url = routing.search(lang)
    view = SearchView(
        site.frame(url, gettext("Search")),
        bundle=site.href(SEARCH_BUNDLE),
        base=site.href(""),
        script=site.assets[SEARCH_SCRIPT],
    )
    yield PagePlan(url, lang, view, "search")
    url = routing.not_found(lang)
    yield PagePlan(url, lang, NotFoundView(site.frame(url, gettext("Page not found"))), "404")
    for partner_id in catalog.partners:
        yield partner_feed(site, partner_id)


def home_page(site: LanguageContext, own: list[Release]) -> PagePlan:
    return PagePlan(routing.home(site.lang), site.lang, _home(site, own), "home page")


def year_pages(site: LanguageContext, year: int, holding: Release | None = None) -> Iterator[PagePlan]:
    """A year's archive (every page, or only the page holding ``holding``)."""
    releases = site.listings.years[year]
    total = sum(1 for r in releases if site.lang in r.translations)
    make = partial(_list_view, site, str(year), "year", total, site.years, ())
    for page in site.list_pages(routing.year_archive(site.lang, year), releases, holding):
        yield site.list_plan(page, make, f"archive {year}")


def topic_pages(site: LanguageContext, topic_id: str, holding: Release | None = None) -> Iterator[PagePlan]:
    """A topic's releases (every page, or only the page holding ``holding``)."""
    catalog, lang = site.catalog, site.lang
    name = catalog.topics[topic_id].name[lang]
    tagged = site.listings.topics[topic_id]
    total = sum(1 for r in tagged if lang in r.translations)
    partners = tuple(site.partner_link(catalog.partners[p]) for p in sorted({p for r in tagged for p in r.partners}))
    make = partial(_list_view, site, name, "topic", total, (), partners)
    for page in site.list_pages(routing.topic(lang, topic_id), tagged, holding):
        yield site.list_plan(page, make, f"topic {topic_id}")


def _list_view(
    site: LanguageContext,
    heading: str,
    kind: str,
    total: int,
    years: tuple[Link, ...],
    partners: tuple[Link, ...],
    page: ListPage,
    versions: dict[str, str] | None = None,
) -> ListView:
    cards, foreign = site.split(page.releases)
    return ListView(
        frame=site.frame(page.url, heading, versions=versions),
        heading=heading,
        kind=kind,
        cards=cards,
        foreign=foreign,
        total=total,
        years=years,
        pager=site.pager(page.first, page.number, page.count),
        partners=partners,
    )


def _home(site: LanguageContext, own: list[Release]) -> HomeView:
    lang = site.lang
    about = next((p for p in site.catalog.pages if lang in p.translations), None)
    return HomeView(
        frame=site.frame(routing.home(lang), site.config.site_title(lang)),
        latest=tuple(site.card(r) for r in own[: site.config.home_count]),
        total=len(own),
        partners=tuple(site.partner_link(p) for p in site.catalog.partners.values()),
        about=Link(site.href(about.translations[lang].url), about.translations[lang].title) if about else None,
        all_releases=site.href(routing.release_list(lang)),
    )


def _versions(translations: Mapping[str, Translation]) -> dict[str, str]:
    """Language → URL of each version of a release or page."""
    return {lang: t.url for lang, t in translations.items()}


def _modified_iso(release: Release, version: Translation) -> str:
    """When this version last changed: its ``updated`` date, else its release date."""
    return (version.updated or release.date).isoformat()


def release_page(site: LanguageContext, release: Release) -> PagePlan:
    version = release.translations[site.lang]
    entry = site.sitemap_entry(version.url, _versions(release.translations), _modified_iso(release, version))
    view = Deferred(partial(_release_view, site, release), entry)
    return PagePlan(version.url, site.lang, view, version.path, version.line)


def _release_view(site: LanguageContext, release: Release, problems: Problems) -> ReleaseView:
    version = release.translations[site.lang]
    versions = _versions(release.translations)
    catalog, gettext = site.catalog, site.language.gettext
    permalink = site.absolute(version.url)
    partners = [catalog.partners[p] for p in release.partners]
    structured = news_article(
        headline=version.title,
        description=version.summary,
        lang=site.lang,
        url=permalink,
        published=release.date,
        modified=version.updated,
        publisher=site.config.site_title(site.lang),
        author=version.source or site.config.site_title(site.lang),
        keywords=[catalog.topics[t].name[site.lang] for t in release.topics],
        about=[p.name[site.lang] for p in partners],
        versions=[
            (lang, site.absolute(t.url), t.title) for lang, t in release.translations.items() if lang != site.lang
        ],
    )
    body = catalog.body(version, problems)
    minutes = body.minutes
    return ReleaseView(
        frame=site.frame(
            version.url,
            version.title,
            version.summary,
            versions,
            version.changed_siblings,
            fallback=lambda lang: routing.year_archive(lang, release.date.year),
            og_type="article",
            structured_data=structured,
        ),
        title=version.title,
        date=site.date(release.date),
        date_iso=release.date.isoformat(),
        summary=version.summary,
        source=version.source,
        partners=tuple(site.partner_link(p) for p in partners),
        topics=tuple(site.topic_link(t) for t in release.topics),
        body=Markup(body.html),
        list_href=site.href(routing.release_list(site.lang)),
        reading_time=site.language.ngettext("%(num)s minute read", "%(num)s minutes read", minutes)
        % {"num": site.language.number(minutes)},
        permalink=permalink,
        share=share_links(version.title, permalink, gettext),
        more=tuple(site.card(r) for r in site.related.related(release, site.lang)),
        modified_iso=_modified_iso(release, version),
    )


def share_links(title: str, url: str, gettext: Callable[[str], str]) -> tuple[Link, ...]:
    """Plain links to share a page: nothing is loaded from the services until a reader clicks."""
    text, address = quote(title, safe=""), quote(url, safe="")
    return (
        Link(f"mailto:?subject={text}&body={address}", gettext("Email")),
        Link(f"https://bsky.app/intent/compose?text={text}%20{address}", "Bluesky"),
        Link(f"https://www.linkedin.com/sharing/share-offsite/?url={address}", "LinkedIn"),
        Link(f"https://x.com/intent/post?text={text}&url={address}", "X"),
    )


def standalone_page(site: LanguageContext, page: Page) -> PagePlan:
    version = page.translations[site.lang]
    entry = site.sitemap_entry(version.url, _versions(page.translations))
    view = Deferred(partial(_standalone_view, site, page), entry)
    return PagePlan(version.url, site.lang, view, version.path, version.line)


def _standalone_view(site: LanguageContext, page: Page, problems: Problems) -> StandaloneView:
    version = page.translations[site.lang]
    versions = _versions(page.translations)
    return StandaloneView(
        frame=site.frame(
            version.url, version.title, version.summary, versions, version.changed_siblings, fallback=routing.home
        ),
        title=version.title,
        body=Markup(site.catalog.body(version, problems).html),
    )


def release_list_pages(site: LanguageContext, own: list[Release], only: int | None = None) -> Iterator[PagePlan]:
    """The list of every release in the reader's language (every page, or only page ``only``).

    Languages have lists of different lengths: page n offers the other languages' page n,
    or their last page where they have fewer."""
    lang, per_page = site.lang, site.config.per_page
    heading = site.language.gettext("Press releases")
    first = routing.release_list(lang)
    for page in site.list_pages(first, own, own[(only - 1) * per_page] if only is not None else None):
        versions = {
            other: routing.release_list(other, min(page.number, pages))
            for other, pages in site.list_page_counts.items()
        }
        make = partial(_list_view, site, heading, "list", len(own), site.years, (), versions=versions)
        yield site.list_plan(page, make, f"release list page {page.number}", versions)


def _chooser(catalog: Catalog, languages: dict[str, Language], stylesheet: str, is_404: bool) -> PagePlan:
    config = catalog.config
    base = config.link_base
    entries = tuple(
        ChooserEntry(
            lang=lang,
            name=language_name(lang, lang),
            href=config.base_path + routing.home(lang),
            site_title=config.site_title(lang),
            tagline=languages[lang].gettext("Press releases and international partnerships"),
            not_found=languages[lang].gettext("This page does not exist."),
            suggestion=languages[lang].gettext("Suggested by your browser settings"),
        )
        for lang in catalog.languages
    )
    alternates = tuple((lang, base + routing.home(lang)) for lang in catalog.languages)
    alternates += (("x-default", base + routing.chooser()),)
    url = routing.not_found() if is_404 else routing.chooser()
    view = ChooserView(entries, alternates, stylesheet, base + url, is_404=is_404)
    return PagePlan(url, None, view, "language chooser" if not is_404 else "404")
