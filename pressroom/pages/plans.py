"""Page plans, and the small pieces every view shares: links and release cards.

Each page of the site is one `PagePlan` (its URL, the language of its templates, and its view),
so the list of pages, and any collision between their paths, is known before rendering. A
view can be `Deferred`: made by the worker that renders the page; the whole list can be made
when first read (`PlansOnDemand`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.model.copies import OWN, CopiedTexts

NO_MARKUP = Markup("")


@quick_init
@dataclass(frozen=True, slots=True)
class Link:
    href: str
    text: str
    lang: str | None = None
    """Set when the link text is in another language than the page."""


@dataclass(frozen=True, slots=True)
class ReleaseCard:
    title: str
    href: str
    date: str
    date_iso: str
    summary: str
    thumbnail: Markup = NO_MARKUP
    """The lead image, small (empty when the release has none)."""
    copied: CopiedTexts = OWN
    """Its title and summary where still in another language (an untranslated copy's)."""


@dataclass(frozen=True, slots=True)
class ForeignCard:
    """A release with no version in the reader's language, offered in those it has."""

    date: str
    date_iso: str
    versions: tuple[Link, ...]
    """One link per existing version, titled in that version's language."""
    language_names: str
    """The languages it exists in, named in the reader's language."""


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


@quick_init
@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    alternates: tuple[tuple[str, str], ...]
    lastmod: str = ""


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    """What the sitemap will say about a page, worked out only by the worker that renders the
    sitemap: for every page while the site was planned, it was a third of planning, all of it
    before any page could be rendered."""

    make: Callable[[], SitemapEntry]
    lastmod: str = ""
    """Known at once: the sitemap index gives each part's newest."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """A page's view, made only when the page is rendered.

    Pages with a body (releases, standalone pages, full-text feeds) read and render their
    Markdown when their view is made. Deferred, each rendering worker does that for its own
    pages, and bodies are never all held at once."""

    make: Callable[[Problems], View]
    """Makes the view; problems found in the body go to the given list."""
    sitemap: SitemapEntry | PlannedEntry | None = None
    """What the sitemap says about the page, known without making the view."""


class PlansOnDemand(Sequence[PagePlan]):
    """A site's page plans, made when first read: a command-line rebuild of the pages an edit
    shows needs them only when the sitemap changes, and making them takes a fifth of a second
    at 1,000 releases."""

    def __init__(self, make: Callable[[], list[PagePlan]]) -> None:
        self._make: Callable[[], list[PagePlan]] | None = make
        self._plans: list[PagePlan] = []

    def _made(self) -> list[PagePlan]:
        if self._make is not None:
            self._plans, self._make = self._make(), None
        return self._plans

    def __len__(self) -> int:
        return len(self._made())

    @overload
    def __getitem__(self, index: int) -> PagePlan: ...
    @overload
    def __getitem__(self, index: slice) -> list[PagePlan]: ...
    def __getitem__(self, index: int | slice) -> PagePlan | list[PagePlan]:
        return self._made()[index]

    def __iter__(self) -> Iterator[PagePlan]:
        return iter(self._made())
