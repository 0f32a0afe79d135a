"""Quick rebuilds for the preview server: an edit to the text of existing releases renders
only the pages that show them.

A full build reads every file and renders every page, which takes a minute at 30,000 pages.
The preview server keeps the last build's model; when the edited files are existing releases
or pages and none of the fields that place them changed (key, date, partners, topics, slug,
draft, embargo; nor whether a version names a place, which the build may warn of), the new
versions are swapped into the model and only the pages that show them (`pressroom.pages.showing`)
are rendered again and written in place: the release in every language (its switcher
and "changed since" notices name its siblings), the pages of lists that carry its card, the
releases whose "more releases" or previous/next links name it, the feeds it is in, and the sitemap and the empty
feeds when its change date moved. Anything else (a new, moved or broken file, templates, catalogs, settings, a
site with an embargo, a new day) returns None, and the server makes a full build.
``tests/test_incremental.py`` holds quick rebuilds to the bytes of full ones.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.clock import build_date
from pressroom.base.errors import Problems
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.linking import linked_versions
from pressroom.model.related import RelatedIndex
from pressroom.model.texts import Page, Release
from pressroom.output.inplace import Record, replace_pages
from pressroom.output.mediafiles import check_cards, share_file, version_share
from pressroom.output.mediarecord import MediaRecord
from pressroom.output.render import OutputFile, render_range
from pressroom.pages.context import LanguageContext, find_listings, language_context
from pressroom.pages.feeds import empty_feeds, sitemaps
from pressroom.pages.plans import Deferred, PagePlan, PlansOnDemand
from pressroom.pages.showing import pages_showing
from pressroom.pipeline.loading import Site
from pressroom.pipeline.rendering import RenderedSite
from pressroom.preview.edits import Placed, placed, placed_files, read_again, read_edits
from pressroom.source.content import content_path
from pressroom.source.frontmatter import VersionSource


@dataclass(frozen=True, slots=True)
class Swapped:
    item: Release | Page
    """The release or page with its edited versions in place."""
    langs: frozenset[str]
    """The languages whose versions were edited."""


@dataclass(frozen=True, slots=True)
class QuickResult:
    problems: Problems
    pages: int
    """Pages rendered again, and share cards drawn again for edited titles."""
    written: int
    """Files whose bytes changed."""
    seconds: float
    dated: bool = False
    """An edited file's ``updated`` differs from the kept model's: the sitemap shows the edit."""


@dataclass(slots=True)
class QuickSite:
    """The last build, kept by the preview server and updated by each quick rebuild."""

    rendered: RenderedSite
    placed: dict[str, Placed]
    """Every Markdown file the last build read, by its path as the build names it
    (``content/de/2024/x.md``: see `content_path`): what its edit is compared with."""
    sources: dict[str, VersionSource]
    """Their checked front matter: every file's, or only that of the files edited since (a
    command-line rebuild reads only `placed` from the kept model, and an edited release's
    other versions from their files)."""
    owners: dict[str, tuple[bool, int]]
    """Path of a published version → (is a page, index in the catalog's releases or pages)."""
    related: RelatedIndex
    """Who is related to whom: text edits cannot change it, so this holds until a full build."""
    rest: Callable[[], tuple[VersionSource, ...] | None] | None = None
    """Reads every file's front matter as the model has it, when `sources` lacks it."""

    @classmethod
    def of(
        cls,
        rendered: RenderedSite,
        warm: bool = True,
        known: dict[str, Placed] | None = None,
        rest: Callable[[], tuple[VersionSource, ...] | None] | None = None,
    ) -> QuickSite:
        """Ready for quick rebuilds: what the first edit would otherwise wait for is done here,
        after the full build (with ``warm``, templates, Markdown, locale data and phrase
        breaking loaded in this process, which left rendering to workers: a server waiting for
        edits has the time, a command-line build has not). ``known``: the files the site was
        read from, when it has no ``sources`` (a kept model read in part); ``rest`` reads them."""
        site = rendered.site
        catalog = site.catalog
        # Keyed by the names the build gave the files: strings the model holds already (no
        # path of thousands made and resolved), and the same whatever folder names the site.
        owners = {
            t.path: (is_page, i)
            for is_page, items in ((False, catalog.releases), (True, catalog.pages))
            for i, item in enumerate(items)
            for t in item.translations.values()
        }
        related = RelatedIndex(catalog.releases, catalog.languages)
        if warm:
            _warm_up(rendered)
        return cls(
            rendered=rendered,
            placed=placed_files(site.sources) if known is None else known,
            sources={source.path: source for source in site.sources},
            owners=owners,
            related=related,
            rest=rest,
        )

    def name_of(self, path: Path | str) -> str:
        """The path a file on disk has in `placed` (as given, else resolved), or "" for none."""
        root = self.rendered.site.config.root
        return content_path(root, path) or content_path(root, os.path.realpath(path)) or ""

    def version(self, name: str, catalog: Catalog) -> VersionSource | None:
        """The front matter of a file that was not edited: as the last build checked it, or
        read again from the file (its bytes are those the model was made from)."""
        return self.sources.get(name) or read_again(name, self.placed[name], catalog)

    def before(self, name: str) -> VersionSource | None:
        """A file's front matter as the last build checked it (every file's is read if need be),
        or None if it cannot be read."""
        return self.sources.get(name) if self.read_every() else None

    def read_every(self) -> bool:
        """Whether `sources` holds every file's front matter, once the rest is read from the
        model if it did not (the files edited since stay as edited)."""
        if not self.whole and self.rest is not None:
            every, self.rest = self.rest(), None
            if every is not None:
                self.sources = {**{version.path: version for version in every}, **self.sources}
        return self.whole

    @property
    def whole(self) -> bool:
        """Whether `sources` holds every file's front matter (its keys are among `placed`'s)."""
        return len(self.sources) == len(self.placed)


def _warm_up(rendered: RenderedSite) -> None:
    """Render, and throw away, the home page and the first release page of each language."""
    wanted: dict[tuple[str, bool], PagePlan] = {}
    for plan in rendered.plans:
        is_release = isinstance(plan.view, Deferred)  # the first deferred page of a language is a release
        if plan.lang is not None and (is_release or plan.url == routing.home(plan.lang)):
            wanted.setdefault((plan.lang, is_release), plan)
    plans = list(wanted.values())
    render_range(plans, rendered.environments, rendered.site.config.root, 0, len(plans), lambda file: None)
    for environment in rendered.environments.values():
        for name in environment.list_templates(extensions=("html", "xml", "txt")):
            environment.get_template(name)


@dataclass(frozen=True, slots=True)
class AppliedEdits:
    """Edited files swapped into a kept build's model, nothing rendered yet."""

    site: Site
    """The model with the edited versions in place (its ``sources`` none unless the quick
    site holds every file's)."""
    edited: dict[str, VersionSource]
    """The new front matter of each edited file, by its path as the build names it."""
    swapped: list[Swapped]
    """The releases and pages whose pages are wanted, in the languages wanted."""
    related: RelatedIndex
    plans: list[PagePlan]
    """Every page that shows one of them (the sitemap aside)."""
    dated: bool
    """An edited file's ``updated`` differs from the kept model's: the sitemap shows the edit."""
    contexts: dict[str, LanguageContext]


def apply_edits(quick: QuickSite, changed: Iterable[Path], shown: Iterable[Path] | None = None) -> AppliedEdits | None:
    """The kept model with the edited files in place and the pages that show them, or None
    when the edits need a full build (see the module's docstring). ``shown``: the edited files
    whose pages are wanted, if not all (the others' pages already show them as they are)."""
    site = quick.rendered.site
    catalog = site.catalog
    if catalog.embargoed or build_date() != quick.rendered.today:
        return None
    read = read_edits(quick.placed, (quick.name_of(path) for path in changed), catalog, quick.before)
    if read is None:
        return None
    edited, dated = read
    wanted = None if shown is None else {quick.name_of(path) for path in shown}
    swap = _swap(quick, catalog, edited, wanted)
    if swap is None:
        return None
    new_catalog, swapped = swap
    related = quick.related.refreshed(new_catalog.releases)
    listings = find_listings(new_catalog)
    assets, today = quick.rendered.assets, quick.rendered.today
    contexts = {
        lang: language_context(new_catalog, site.languages[lang], assets, today, related, listings, site.search)
        for lang in new_catalog.languages
    }
    plans = pages_showing(contexts, new_catalog, quick.related, ((change.item, change.langs) for change in swapped))
    sources = tuple({**quick.sources, **edited}.values()) if quick.whole else ()
    new_site = dataclasses.replace(site, catalog=new_catalog, sources=sources)
    return AppliedEdits(new_site, edited, swapped, related, plans, dated, contexts)


def quick_rebuild(
    quick: QuickSite,
    changed: Iterable[Path],
    output: Path,
    record: Callable[[], Record | None] | None = None,
    index: Callable[[list[OutputFile]], Path] | None = None,
    sitemap: bool = False,
    shown: Iterable[Path] | None = None,
) -> QuickResult | None:
    """Render again only what the edited files show, or None when a full build is needed.

    On errors nothing is written and the problems are returned (the pages already served stay).
    ``record``: gives what the marker of a command-line rebuild records, which writes nothing
    on warnings either (a full build reports them with every other problem of the site); it
    is asked once the pages are rendered (the folder's listing may take that long), and if it
    gives None, nothing is written and a full build is needed.
    ``index``: makes the search index of the site with the new pages, before they are written.
    ``sitemap``: render the sitemap again even if no edited file's ``updated`` changed (the
    folder shows an earlier edit of one that the model does not have). ``shown``: the edited
    files whose pages are rendered, if not all (see `apply_edits`)."""
    started = time.perf_counter()
    applied = apply_edits(quick, changed, shown)
    if applied is None:
        return None
    plans = applied.plans
    rendered = quick.rendered
    replaced = {plan.url: plan for plan in plans}
    before = rendered.plans

    def every() -> list[PagePlan]:
        return [replaced.get(plan.url, plan) for plan in before]

    if applied.dated or sitemap:
        # The sitemap gives pages' change dates, and a feed without entries the site's.
        empty = (feed for site in applied.contexts.values() for feed in empty_feeds(site))
        for page in (*sitemaps(applied.site.catalog, every()), *empty):
            plans.append(page)
            replaced[page.url] = page
    problems = Problems()
    files: list[OutputFile] = []
    root = applied.site.config.root
    catalog = applied.site.catalog
    catalog.sections.taken()  # what this process rendered before (a warm-up) is not this rebuild's to check
    found, _ = render_range(plans, rendered.environments, root, 0, len(plans), files.append)
    problems.extend(found)
    _read_again(quick, catalog, applied.edited)
    catalog.check_sections(problems, fresh_only=True)  # links from the edited texts and into them
    cards = _share_cards(applied.site.cache, applied, problems)
    files.extend(cards)
    if problems.errors or (record is not None and problems.items):
        return QuickResult(problems, len(plans), 0, time.perf_counter() - started)
    recorded = record() if record is not None else None
    if record is not None and recorded is None:
        return None
    written = replace_pages(output, files, recorded, index(files) if index is not None else None)
    # The kept build now describes the edited site. A command-line rebuild ends here and may
    # never read its plans; the preview server's next edit may (made now, so that edits do not
    # pile up unread).
    quick.rendered = dataclasses.replace(
        rendered, site=applied.site, plans=PlansOnDemand(every) if record is not None else every()
    )
    quick.related = applied.related
    quick.placed.update({location: placed(version) for location, version in applied.edited.items()})
    quick.sources.update(applied.edited)
    seconds = time.perf_counter() - started
    return QuickResult(problems, len(plans) + len(cards), written, seconds, applied.dated)


def _read_again(quick: QuickSite, catalog: Catalog, edited: Iterable[str]) -> None:
    """Render the edited bodies whose pages were not (edited in an earlier rebuild from the same
    kept model, see `apply_edits`): the model knows the links to sections they had before the
    edit; rendered again, from the body cache, they tell the ones they have now."""
    for name in edited:
        owner = quick.owners.get(name)
        if owner is None:
            continue  # a draft, which the build leaves out
        item = catalog.pages[owner[1]] if owner[0] else catalog.releases[owner[1]]
        version = next((t for t in item.translations.values() if t.path == name), None)
        if version is not None:
            catalog.body(version, Problems())  # remembered if this rebuild rendered it


def _share_cards(cache: Path | None, applied: AppliedEdits, problems: Problems) -> list[OutputFile]:
    """The share cards of edited releases and pages (their titles may have changed; a cached card
    is only read), each that leaves out characters of its title with a warning."""
    catalog = applied.site.catalog
    versions = [change.item.translations[lang] for change in applied.swapped for lang in change.langs]
    check_cards(catalog, {name: edit.line_of("title") for name, edit in applied.edited.items()}, problems, versions)
    if cache is None:
        return []
    record = MediaRecord(cache)
    shares = [share for share in (version_share(catalog, version) for version in versions) if share.card is not None]
    cards = [OutputFile(share.url, share_file(share, cache, record).read_bytes()) for share in shares]
    record.save()
    return cards


def _swap(
    quick: QuickSite, catalog: Catalog, edited: dict[str, VersionSource], wanted: set[str] | None = None
) -> tuple[Catalog, list[Swapped]] | None:
    """The catalog with the edited versions in place, and the releases and pages they belong to
    in the languages edited (only those of ``wanted`` files, if given); None if another
    version of theirs cannot be read again."""
    releases, pages = list(catalog.releases), list(catalog.pages)
    touched: dict[tuple[bool, int], set[str]] = {}
    for location, version in edited.items():
        owner = quick.owners.get(location)
        if owner is not None:  # None: a draft the build leaves out
            langs = touched.setdefault(owner, set())
            if wanted is None or location in wanted:
                langs.add(version.lang)
    swapped = []
    for (is_page, index), langs in sorted(touched.items()):
        items: list = pages if is_page else releases
        item = items[index]
        versions = {}
        for lang, translation in item.translations.items():
            version = edited.get(translation.path) or quick.version(translation.path, catalog)
            if version is None:
                return None
            versions[lang] = version
        urls = {lang: t.url for lang, t in item.translations.items()}
        formerly = {lang: t.formerly for lang, t in item.translations.items()}  # an edit to them takes a full build
        items[index] = dataclasses.replace(
            item, translations=linked_versions(versions, urls, catalog.languages, catalog.media, formerly=formerly)
        )
        if langs:
            swapped.append(Swapped(items[index], frozenset(langs)))
    return dataclasses.replace(catalog, releases=tuple(releases), pages=tuple(pages)), swapped
