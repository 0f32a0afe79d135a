"""The build pipeline: load → validate → model → render → write, stopping between stages on errors.

Each stage is a plain function over the previous stage's value; this module only wires them
and decides when to stop. Nothing is written unless every stage succeeded.
"""

from __future__ import annotations

import dataclasses
import gc
import mmap
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

from jinja2 import Environment

from pressroom.base import textmemo
from pressroom.base.clock import build_date
from pressroom.base.errors import Problem, Problems, stop_on_errors
from pressroom.base.i18n import Language
from pressroom.base.parallel import forks, run_ranges
from pressroom.base.progress import SILENT, Progress
from pressroom.model.bodycache import BODIES_DIR, BodyCache
from pressroom.model.bodycheck import check_bodies, unlinked_versions
from pressroom.model.catalog import Catalog
from pressroom.model.linking import build_catalog, claimed_twice, read_versions
from pressroom.model.media import MediaLibrary
from pressroom.output.ahead import FoldersAhead
from pressroom.output.carryover import CarryOver, Taken
from pressroom.output.folder import MARKER, output_intact
from pressroom.output.inplace import Record
from pressroom.output.mediafiles import MediaWork, check_cards, publish_downloads
from pressroom.output.render import (
    OutputFile,
    check_templates,
    compile_templates,
    environments_for,
    fingerprint,
    problem_key,
    render_range,
    static_files,
)
from pressroom.output.search import BUNDLE, index_site, search_warnings
from pressroom.output.warming import bodies_read_ahead
from pressroom.output.writer import Handed, StagedSite
from pressroom.pages.plan import plan_site
from pressroom.pages.plans import PagePlan
from pressroom.pages.press import check_footer
from pressroom.source.cachefolder import usable_cache
from pressroom.source.config import (
    CACHE_DIR,
    SiteConfig,
    load_config,
    load_site_languages,
    report_special_files,
    template_dirs,
)
from pressroom.source.content import scan_content
from pressroom.source.frontmatter import VersionSource
from pressroom.source.inputs import (
    PREFIX,
    Hashes,
    SearchMode,
    build_options,
    catalog_folder,
    inputs_hash,
    recorded_hash,
    site_hashes,
)
from pressroom.source.knownversions import KnownVersions
from pressroom.source.mediacheck import check_media
from pressroom.source.partners import load_partners, load_topics


@dataclass(slots=True)
class BuildResult:
    problems: Problems
    pages: Counter = field(default_factory=Counter)
    """Pages written per language (``None`` for the neutral root pages)."""
    seconds: float = 0.0
    search_seconds: float | None = None
    """Time spent indexing for search, or None when the index was not rebuilt."""
    unchanged: bool = False
    """Nothing the build reads had changed since the last build; the output was left as it was."""
    rendered: RenderedSite | None = None
    """The model and page plan of the build, when asked to keep them (``keep=True``)."""
    hashes: Hashes | None = None
    """What the build read, hashed (None when nothing was built)."""
    resumed: int | None = None
    """Pages rendered again by a build resumed from the last one's model (None: a full build)."""
    reused: bool = False
    """A full build that took the last build's model instead of reading every file again."""
    read_again: int = 0
    """Of such a build: the files edited since that model, read again into it."""
    page_digests: tuple[bytes, ...] | None = None
    """Each page's digest in the order of the page plan (see `CarryOver.page_digests`)."""
    record: Record | None = None
    """Of a clean ``index_later`` build: what the marker records once its index is in place."""


@dataclass(frozen=True, slots=True)
class Site:
    """A fully modelled site, before rendering."""

    config: SiteConfig
    catalog: Catalog
    languages: dict[str, Language]
    sources: tuple[VersionSource, ...] = ()
    """Every Markdown file's checked front matter, drafts included, when asked to keep them."""
    digests: Mapping[str, bytes] = field(default_factory=dict)
    """Path → digest of each Markdown file read without ``publish:``, for the inputs hash."""
    cache: Path | None = None
    """Where encoded images and share cards are kept between builds (None: nothing is kept)."""


def load_site(
    root: Path,
    problems: Problems,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
    jobs: int = 1,
    keep_sources: bool = False,
    cache: Path | None = None,
    known: KnownVersions | None = None,
) -> Site:
    """Read and model a site root; raises `BuildFailed` with every problem found.

    ``keep_sources``: keep every file's checked front matter in the site (the preview server
    compares edits against it). ``cache``: a folder for what builds keep of media files and
    rendered bodies (``check`` writes nothing, so it passes none). ``known``: front matter an
    earlier clean build checked, not read again where the file did not change."""
    config = load_config(root, problems, base_url=base_url)
    report_special_files(template_dirs(config), root, problems)
    if cache is not None:  # images are made there before they are published: a stand-in if need be
        cache = usable_cache(cache, problems)
    tree = scan_content(root, config.languages, problems)
    languages = load_site_languages(config, problems, catalog_folder(cache))
    partners = load_partners(tree, config.languages, problems)
    topics = load_topics(tree, config.languages, problems)
    versions, partial = read_versions(tree, partners, topics, problems, jobs, known)
    files = check_media(config.content_dir, config.languages, versions, problems, cache, jobs, partial=partial)
    media = MediaLibrary(files.root, MappingProxyType(files.images), MappingProxyType(files.downloads))
    catalog = build_catalog(
        config, tree, partners, topics, versions, problems, include_drafts=drafts, now=now, media=media, partial=partial
    )
    if cache is not None:
        bodies = BodyCache(cache / BODIES_DIR)
        bodies.prune()
        catalog = dataclasses.replace(catalog, bodies=bodies)
    check_footer(config, catalog, problems)
    check_cards(catalog, {v.path: v.line_of("title") for v in versions}, problems)
    if problems.errors:
        check_bodies(catalog, problems, jobs, unlinked_versions(tree.markdown, versions))
        check_templates(template_dirs(config), root, problems, cache)  # the build stops here: said with the rest
    stop_on_errors(problems)
    digests = {str(v.location): v.digest for v in versions if v.publish is None}
    return Site(config, catalog, languages, tuple(versions) if keep_sources else (), digests, cache)


def plan_pages(site: Site, assets: Mapping[str, str], problems: Problems, today: date) -> list[PagePlan]:
    """Every page of the site; two pages claiming one output path is an error."""
    plans = plan_site(site.catalog, site.languages, assets, today)
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


@dataclass(frozen=True, slots=True)
class RenderedSite:
    """What rendering a site used: kept by the preview server to render single pages again."""

    site: Site
    plans: Sequence[PagePlan]
    assets: Mapping[str, str]
    """Static file → its fingerprinted, site-rooted URL."""
    environments: dict[str | None, Environment]
    today: date


def render_site(
    site: Site,
    problems: Problems,
    progress: Progress = SILENT,
    staged: StagedSite | None = None,
    jobs: int = 1,
    carry: CarryOver | None = None,
    page_digests: Mapping[str, bytes] | None = None,
) -> RenderedSite:
    """Render every page and write it into ``staged`` (nothing, for ``check``); pages ``carry``
    finds kept by an earlier build with the same view are linked from its store instead, and
    the workers that render them publish the media after them (see `MediaWork`).
    ``page_digests``: page URL → its digest as an earlier build of the very same model,
    templates and day recorded it: a page kept under it is linked without its view being made."""
    deliver: Callable[[OutputFile], object] = staged.write if staged is not None else (lambda file: None)
    dirs = template_dirs(site.config)
    statics = static_files(dirs, problems, site.cache)
    assets = {file.path: site.config.base_path + fingerprint(file) for file in statics}
    today = build_date()
    plans = plan_pages(site, assets, problems, today)
    content_failed = bool(problems.errors)
    environments = make_environments(site)
    root = site.config.root
    # Every template compiled before the first page, in one language (what does not compile
    # fails alike in each): their syntax errors are said with the content's, and the pages
    # are rendered even so, to say every other template's mistakes.
    compile_templates([environments[next(iter(site.languages), None)]], dirs, root, problems)
    if content_failed:
        check_bodies(site.catalog, problems, jobs)
        stop_on_errors(problems)
    for file in statics:
        deliver(file)
    progress.stage("rendering")
    known = (page_digests, carry.carry_known) if carry is not None and page_digests is not None else None
    media = MediaWork(site.catalog, site.cache) if staged is not None and site.cache is not None else None
    shared = media if media is not None and forks(len(plans), jobs) else None
    # Seen by every forked worker: an error spares the others the media, a page out of time the pages.
    failed = mmap.mmap(-1, 2)
    failed[0] = 1 if problems.errors else 0

    def render(start: int, stop: int) -> tuple[list[Problem], int, Taken | None, Handed, dict[str, str], dict]:
        found, _ = render_range(
            plans,
            environments,
            root,
            min(start, len(plans)),
            min(stop, len(plans)),
            deliver,  # type: ignore[arg-type]
            carry.carry if carry is not None else None,
            carry.rendered if carry is not None else None,
            known,
            memoryview(failed)[1:],
        )
        failed[0] |= any(problem.severity == "error" for problem in found)
        if shared is not None and stop > len(plans) and not failed[0]:
            shared.publish(staged, max(start, len(plans)) - len(plans), stop - len(plans))  # type: ignore[arg-type]
        handed = staged.handed() if staged is not None else ([], {})
        # A worker's texts go to the process that keeps them for the next build (`textmemo`), and
        # its bodies' headings and links to the parent, which checks the links (`Catalog.sections`).
        taken = carry.taken() if carry is not None else None
        return found, stop - start, taken, handed, textmemo.taken(), site.catalog.sections.taken()

    done = 0
    seen = {problem_key(problem) for problem in problems.items}
    # Pages a kept page stands for are linked without their views: their bodies are not read.
    linked = carry.linked_urls(page_digests) if carry is not None else frozenset()
    with bodies_read_ahead(site.catalog, plans, linked):
        for found, count, taken, handed, texts, sections in run_ranges(render, len(plans) + len(shared or ()), jobs):
            textmemo.learn(texts)
            site.catalog.sections.learn(sections)
            if carry is not None and taken is not None:
                carry.gather(taken)
            if staged is not None:
                staged.learn(handed)
            # A broken template breaks pages of every worker's ranges alike: each mistake said once.
            for problem in found:
                if (key := problem_key(problem)) not in seen:
                    seen.add(key)
                    problems.items.append(problem)
            done += count
            if done - count < len(plans):
                progress.advance(min(done, len(plans)), len(plans))
            if done > len(plans):  # the pages done, the same workers publish the media
                if done - count <= len(plans):
                    progress.stage("images")
                progress.advance(done - len(plans), len(shared or ()))
    site.catalog.check_sections(problems)
    stop_on_errors(problems)
    site.catalog.bodies.repack(site.catalog.file_bodies())
    if media is not None:
        if shared is None:
            progress.stage("images")
            media.publish_all(staged, jobs)  # type: ignore[arg-type]
        publish_downloads(site.catalog, staged)  # type: ignore[arg-type]
    return RenderedSite(site, plans, assets, environments, today)


def make_environments(site: Site) -> dict[str | None, Environment]:
    """One Jinja environment per language (and one for the neutral pages)."""
    return environments_for(template_dirs(site.config), site.languages, site.cache)


def build(
    root: Path,
    output: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
    progress: Progress = SILENT,
    search: SearchMode = "index",
    jobs: int = 1,
    keep: bool = False,
    known: KnownVersions | None = None,
    changed: bool = False,
    loaded: tuple[Site, Hashes] | None = None,
    page_digests: Mapping[str, bytes] | None = None,
    ahead: FoldersAhead | None = None,
    index_later: bool = False,
) -> BuildResult:
    """Build the site at ``root`` into ``output``; raises `BuildFailed` and writes nothing on errors.

    ``search``: ``index`` runs Pagefind on the new site; ``keep`` carries the previous index
    over (quick previews); ``off`` builds without search. ``jobs``: processes that render.
    ``keep``: return the model and page plan, for quick rebuilds of single pages. ``known``:
    front matter an earlier clean build checked (see `load_site`). ``changed``: the caller has
    found the inputs or the output folder changed since the last build (no second check).
    ``loaded``: the model of these very inputs (hashed as given) that an earlier clean build
    made, edits applied to it as a quick rebuild applies them, used instead of loading the site
    again; ``page_digests``: page URL → digest of the pages a build of it recorded on the same
    day with the same templates, those an edit changed left out (see `render_site`).
    ``ahead``: the output's folders, made ahead of the build, and where it records its own.
    ``index_later``: ``index`` but the caller makes the index behind the pages (a preview's first build)."""
    started = time.perf_counter()
    problems = Problems()
    search_seconds: list[float] = []

    def index(folder: Path, pages: bytes | None) -> None:
        progress.stage("indexing for search")
        search_seconds.append(index_site(folder, jobs, cache=site.cache, pages=pages))

    settings_problems = Problems()
    config = load_config(root, settings_problems, base_url=base_url)
    if settings_problems.errors:
        loaded = None  # a model made before they arose: the site is read again, and they are reported
    options = build_options(config, drafts, search)
    # A moment of its own is judged anew: what it holds back, and the dates it finds ahead of it,
    # are not in the inputs hash (a plain build's clean note would hide its warnings).
    recorded = recorded_hash(output / MARKER) if search != "keep" and not changed and now is None else None
    same_inputs = recorded is not None and inputs_hash(config, template_dirs(config), options) == recorded
    if same_inputs and output_intact(output):
        return BuildResult(problems=problems, seconds=time.perf_counter() - started, unchanged=True)
    threshold = gc.get_threshold()
    # The model is a large graph that lives until the end; full collections rescanning it
    # again and again made big builds grow faster than their content. Collect rarely while
    # loading, then move the finished model out of the collector's sight.
    gc.set_threshold(max(threshold[0], 50_000), max(threshold[1], 50), max(threshold[2], 100))
    try:
        if loaded is not None:
            site, hashes = loaded
        else:
            progress.stage("reading")
            site = load_site(
                root,
                problems,
                drafts=drafts,
                base_url=base_url,
                now=now,
                jobs=jobs,
                keep_sources=keep,
                cache=config.root / CACHE_DIR,
                known=known,
            )
            # Hashed from what loading read: each Markdown file is read once, not once more here.
            hashes = site_hashes(config, options, site.digests)
        for warning in search_warnings(site.languages) if search == "index" else ():
            problems.warning("search", 0, warning)
        inputs, surroundings = hashes.inputs, hashes.surroundings
        gc.collect()
        gc.freeze()
        with StagedSite(output, ahead) as staged:
            carry = CarryOver(site.cache, staged, surroundings)
            rendered = render_site(site, problems, progress, staged, jobs, carry, page_digests)
            pages = carry.pages_digest(len(rendered.plans))
            progress.stage("writing")
            # Only a clean build may be skipped next time: its warnings must be seen again.
            note = f"{PREFIX}{inputs}\n" if inputs and search != "keep" and not problems.items else ""
            later, keep_bundle = index_later and search == "index", (BUNDLE,) if search == "keep" else ()
            finish = (lambda folder: index(folder, pages)) if search == "index" and not later else None
            staged.commit(finish=finish, keep=keep_bundle, note="" if later else note)
            carry.save()
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        progress.clear()
    return BuildResult(
        problems=problems,
        reused=loaded is not None,
        page_digests=carry.page_digests(len(rendered.plans)),
        pages=Counter(plan.lang for plan in rendered.plans if plan.is_html),
        seconds=time.perf_counter() - started,
        search_seconds=search_seconds[0] if search_seconds else None,
        rendered=rendered if keep else None,
        hashes=hashes,
        record=Record(note, staged.files()) if later and note else None,
    )
