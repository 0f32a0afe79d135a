"""A modelled site's pages planned and rendered: plan → render → write into the staged output.

`render_site` plans every page (two pages claiming one address are an error), compiles the
templates up front, renders the pages in ranges, here and in forked workers where that pays,
hands each file to the staged output or links it from the pages kept by an earlier build, and
has the same processes publish the media after the pages. What it used is returned as a `RenderedSite`, which
the preview server keeps to render single pages again. The embargoed releases' own pages are
rendered too, by this process after the others, and thrown away (`render_held`): a template
mistake only they make is told now, not by the build that was to publish them.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from pressroom.base import textmemo
from pressroom.base.clock import build_date
from pressroom.base.errors import Problem, Problems, failing_with, stop_on_errors
from pressroom.base.parallel import forks, run_ranges
from pressroom.base.progress import SILENT, Progress
from pressroom.model.bodycheck import check_bodies
from pressroom.output.carryover import CarryOver, Taken
from pressroom.output.mediafiles import MediaWork, publish_downloads
from pressroom.output.render import (
    OutputFile,
    compile_templates,
    environments_for,
    fingerprint,
    problem_key,
    render_range,
    static_files,
)
from pressroom.output.warming import bodies_read_ahead
from pressroom.output.writer import Handed, StagedSite
from pressroom.pages.embargoed import held_pages
from pressroom.pages.plan import plan_site
from pressroom.pages.plans import PagePlan
from pressroom.pipeline.loading import Site
from pressroom.source.config import template_dirs

Texts = tuple[dict[str, str], frozenset[str]]
"""What a worker hands back of `textmemo`: the texts it made, and the keys it asked for."""


def plan_pages(site: Site, assets: Mapping[str, str], problems: Problems, today: date) -> list[PagePlan]:
    """Every page of the site; two pages claiming one output path is an error."""
    return plan_site(site.catalog, site.languages, assets, today, problems, search=site.search)


@dataclass(frozen=True, slots=True)
class RenderedSite:
    """What rendering a site used: kept by the preview server to render single pages again."""

    site: Site
    plans: Sequence[PagePlan]
    assets: Mapping[str, str]
    """Static file → its fingerprinted, site-rooted URL."""
    environments: dict[str | None, Environment]
    today: date
    media: frozenset[str] = frozenset()
    """The cache's media files the build published, every one of its site (see `MediaWork.names`);
    none where it published none."""
    bodies: frozenset[str] | None = None
    """The kept bodies' entries the site needs, where the bodies' folder is to be swept (see
    `BodyCache.live_entries`); None where it is not."""


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
    deliver: Callable[[OutputFile], object] = staged.write if staged is not None else _thrown_away
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

    def render(start: int, stop: int) -> tuple[list[Problem], int, Taken | None, Handed, Texts, dict]:
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
        # Its keys too where it rendered every page of its range: the parent keeps the texts
        # file to what such a build asked for (`textmemo.keep`).
        pages = max(0, min(stop, len(plans)) - start)
        every = pages > 0 and taken is not None and taken.rendered_every(pages)
        texts = textmemo.taken(), textmemo.asked() if every else frozenset()
        return found, stop - start, taken, handed, texts, site.catalog.sections.taken()

    done = 0
    seen = {problem_key(problem) for problem in problems.items}
    # Pages a kept page stands for are linked without their views: their bodies are not read.
    linked = carry.linked_urls(page_digests) if carry is not None else frozenset()
    with bodies_read_ahead(site.catalog, plans, linked), failing_with(problems):
        for found, count, taken, handed, texts, sections in run_ranges(
            render, len(plans) + len(shared or ()), jobs, here=True
        ):
            textmemo.learn(*texts)
            site.catalog.sections.learn(sections)
            if carry is not None and taken is not None:
                carry.gather(taken)
            if staged is not None:
                staged.learn(handed)
            _tell(found, problems, seen)
            done += count
            if done - count < len(plans):
                progress.advance(min(done, len(plans)), len(plans))
            if done > len(plans):  # the pages done, the same workers publish the media
                if done - count <= len(plans):
                    progress.stage("images")
                progress.advance(done - len(plans), len(shared or ()))
    # After the site's own pages (a mistake they make too is said of them), in this process: a handful.
    _tell(render_held(site, environments, assets, memoryview(failed)[1:]), problems, seen)
    site.catalog.check_sections(problems)
    stop_on_errors(problems)
    wanted = site.catalog.file_bodies()
    # Drafts' bodies are not packed (a build without drafts never renders them, and would find
    # them missing from the pack every time), but what the preview kept of them stays.
    repacked = site.catalog.bodies.repack(wanted)
    bodies = site.catalog.bodies.live_entries([*wanted, *site.catalog.drafts], repacked)
    if media is not None:
        if shared is None:
            progress.stage("images")
            with failing_with(problems):
                media.publish_all(staged, jobs)  # type: ignore[arg-type]
        with failing_with(problems):
            publish_downloads(site.catalog, staged)  # type: ignore[arg-type]
    names = media.names() if media is not None else frozenset()
    return RenderedSite(site, plans, assets, environments, today, names, bodies)


def render_held(
    site: Site, environments: dict[str | None, Environment], assets: Mapping[str, str], timed_out: memoryview
) -> list[Problem]:
    """Render each embargoed release's own pages as the build of its moment will, and throw them
    away (`held_pages`): a template mistake only such a page makes is told by every build before
    its moment, not first by the scheduled run that was to publish it. Told as every template
    error, the page's future URL with the end of its embargo. ``timed_out``: as for `render_range`."""
    found: list[Problem] = []
    for held in held_pages(site.catalog, site.languages, assets, search=site.search):
        until = f"under embargo until {held.moment.isoformat()}"
        aside = f", with {held.shows} {until}" if held.shows else f", {until}"
        found += render_range(
            [held.plan], environments, site.config.root, 0, 1, _thrown_away, timed_out=timed_out, aside=aside
        )[0]
    return found


def _thrown_away(file: OutputFile) -> None:
    """Where a page goes that is only checked (``check``'s, a held page's): nowhere."""


def _tell(found: list[Problem], problems: Problems, seen: set[tuple[str, int, str, str]]) -> None:
    """Add ``found`` to ``problems``, but a mistake ``seen`` already (`problem_key`): a broken
    template breaks pages of every worker's ranges alike, and is said once."""
    for problem in found:
        if (key := problem_key(problem)) not in seen:
            seen.add(key)
            problems.items.append(problem)


def make_environments(site: Site) -> dict[str | None, Environment]:
    """One Jinja environment per language (and one for the neutral pages)."""
    return environments_for(template_dirs(site.config), site.languages, site.cache)
