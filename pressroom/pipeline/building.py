"""A whole build of a site root into an output folder: the stages run in order, nothing written on errors.

`build` leaves an output folder alone when nothing it reads has changed, else loads the site
(`loading`) or takes the model an earlier build made, renders it into a staged folder
(`rendering`), indexes it for search and puts it in place of the output only when every stage
succeeded. It also keeps the collector out of the way of the large model while it lives.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pressroom.base.digestrecords import record_name
from pressroom.base.errors import Problems
from pressroom.base.progress import SILENT, Progress
from pressroom.output.ahead import FoldersAhead
from pressroom.output.carryover import CarryOver
from pressroom.output.folder import MARKER, output_intact
from pressroom.output.inplace import Record
from pressroom.output.mediarecord import mark_used
from pressroom.output.search import BUNDLE, index_site, search_warnings
from pressroom.output.writer import StagedSite
from pressroom.pipeline.loading import Site, load_site
from pressroom.pipeline.rendering import RenderedSite, render_site
from pressroom.source.config import CACHE_DIR, load_config, template_dirs
from pressroom.source.downloads import size_record
from pressroom.source.inputs import PREFIX, Hashes, SearchMode, build_options, inputs_hash, recorded_hash, site_hashes
from pressroom.source.knownversions import KnownVersions


@dataclass(frozen=True, slots=True)
class CacheLive:
    """What of the cache folder's stores the site as built needs, for removing the rest (by
    `pressroom.preview.cachesweep`, where the build holds the cache alone)."""

    bodies: frozenset[str] | None
    """The kept bodies' entries, where that folder is to be swept (see `BodyCache.live_entries`)."""
    probed: frozenset[str] | None
    """The media probes' records (``xx/digest``) of every image the site names; None where the
    site was not read (a model taken): they were not looked at."""
    catalogs: frozenset[str]
    """The compiled catalogs' entries of the site's languages."""
    templates: tuple[Path, ...]
    """The template folders, whose static pictures' records are the ones needed."""


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
    unused_media: tuple[str, ...] = ()
    """The cache's media files no recent build used (`mediarecord.mark_used`), to be removed by
    a build that uses the cache alone."""
    live: CacheLive | None = None
    """What the cache's stores hold that the site needs (None: nothing built)."""
    rendered_all: bool = False
    """Every page was rendered (none linked from the kept pages): every text the site shows was
    asked for (see `textmemo.keep`)."""


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
        site = dataclasses.replace(site, search=search != "off")  # "keep" carries the last index over
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
            unused = mark_used(site.cache, rendered.media) if rendered.media and site.cache is not None else []
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
        rendered_all=carry.rendered_all(len(rendered.plans)),
        unused_media=tuple(unused),
        live=_live(rendered, fresh=loaded is None),
    )


def _live(rendered: RenderedSite, *, fresh: bool) -> CacheLive:
    site = rendered.site
    probed = None
    if fresh:
        media = site.catalog.media
        probed = {info.digest for info in media.images.values()}
        probed |= {size_record(info.digest) for info in media.downloads.values() if info.digest is not None}
    return CacheLive(
        rendered.bodies,
        frozenset(map(record_name, probed)) if probed is not None else None,
        frozenset(language.compiled for language in site.languages.values() if language.compiled),
        template_dirs(site.config),
    )
