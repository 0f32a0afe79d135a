"""Command-line rebuilds that resume from the last build's model instead of starting over.

The preview server keeps its last build's model in memory and, after an edit to the text of
existing releases, renders only the pages that show it (`incremental`). A command-line build
is a new process each time; it gets the same quick rebuild from a copy of the model that the
last clean build into the same output folder left in the cache folder.

That copy is used only when everything but the edited files is as the last build left it:
the output folder still holds what that build wrote (its marker names the same inputs, and no
file was added, removed or resized), the templates, catalogs, settings, code and options are
the same, no content file was added or removed, and only Markdown files changed. The search
index, when the build makes one, is made for the site with the new pages before any is
written. The edited pages are written in place, with Ctrl-C held off until the marker records
the new inputs, so the folder is then exactly what a full build of them gives, byte for byte
(tests hold it there). Anything else, or any problem in the edited pages, means a full build,
which reports every problem of the site at once. The model is not written again after such a
rebuild: a record beside it names the files edited since (with the digest of each as the
folder shows it), and the next rebuild applies them again, rendering only the pages of those
changed since.

The model's file and the record beside it are `keptmodel`'s.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from pressroom.base.clock import build_date
from pressroom.base.errors import Problems
from pressroom.base.files import write_whole
from pressroom.base.progress import SILENT, Progress
from pressroom.model import routing
from pressroom.output.folder import MARKER
from pressroom.output.inplace import Record
from pressroom.output.render import OutputFile
from pressroom.output.search import index_site
from pressroom.pages.plans import PlansOnDemand
from pressroom.pipeline.building import BuildResult, build
from pressroom.pipeline.loading import Site
from pressroom.pipeline.rendering import RenderedSite, make_environments, plan_pages
from pressroom.preview import keptmodel
from pressroom.preview.headstart import HeadStart, Listing, folder_listing, folders_ahead, kept_file
from pressroom.preview.incremental import QuickSite, apply_edits, quick_rebuild
from pressroom.source.config import load_config
from pressroom.source.inputs import PREFIX, Hashes, SearchMode, build_options, recorded_hash, site_hashes
from pressroom.source.knownversions import KnownVersions

_RETAINED: list[object] = []
"""The model and page plans of the last build, let go at the start of the next: the command line
ends without freeing them (``os._exit``, see ``build.py``), where letting them go one object at
a time as `build_resuming` returned took 10 ms of a build at 1,000 releases."""


def build_resuming(
    root: Path,
    output: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime.datetime | None = None,
    progress: Progress = SILENT,
    search: SearchMode = "index",
    jobs: int = 1,
    head: HeadStart | None = None,
) -> BuildResult:
    """`building.build`, resumed from the last build's model when only the text of existing
    releases or pages changed since (see the module's docstring); keeps the model for the next.
    ``head``: the inputs hashed and the folder listed beforehand for this build, if begun
    (`pressroom.preview.headstart`)."""
    started = time.perf_counter()
    _RETAINED.clear()
    # The kept model records where its site lies: the same site named from another folder
    # (``--source site`` here, ``--source /home/…/site`` there) is still the same site.
    root = root.absolute()
    config = (head.config_for(root, base_url) if head is not None else None) or load_config(
        root, Problems(), base_url=base_url
    )
    model_file = kept_file(config, output)
    loaded: list[keptmodel.Opened | None] = []

    def kept() -> keptmodel.Opened | None:
        """The kept model, read when first needed (a no-op build never reads it)."""
        if not loaded:
            loaded.append(keptmodel.load(model_file, config) if now is None and model_file.is_file() else None)
        return loaded[0]

    options = build_options(config, drafts, search)
    recorded = recorded_hash(output / MARKER)
    checked = search != "keep" and now is None and recorded is not None
    taken = head.take(root, output, options) if head is not None and checked else None
    if taken is not None:
        hashes, listing = taken
    elif checked:
        listing = folder_listing(output)
        hashes = site_hashes(config, options)
    else:
        hashes, listing = None, None
    if hashes is not None and listing is not None:
        unchanged = hashes.inputs is not None and hashes.inputs == recorded
        if unchanged and listing.result() is not None:
            return BuildResult(problems=Problems(), seconds=time.perf_counter() - started, unchanged=True)
        try:
            # Unchanged inputs in a folder no longer as they left it: the full build below.
            resumed = (
                None
                if unchanged
                else _resume(output, model_file, kept(), recorded, hashes, listing, search == "index", progress, jobs)
            )
        finally:
            listing.cancel()  # not taken if a full build follows: it is stopped
        if resumed is not None:
            resumed.seconds = time.perf_counter() - started
            return resumed
    opened = kept()
    # Its files' front matter (the second part) is not read for a build of the very inputs and
    # day of its pages, which uses none and keeps the model as it is (a twentieth of such a build).
    model = opened.model if opened is not None else None
    if model is not None and hashes is None and search != "keep":  # into a folder no build left
        hashes = (head.hashes(root, output, options) if head is not None else None) or site_hashes(config, options)
    reusable = _same_inputs(model, hashes)
    edited, known, page_digests = None, None, _same_pages(model, hashes, reusable is not None, frozenset())
    if reusable is None or page_digests is None:
        model = opened.whole() if opened is not None else None
        reusable = _same_inputs(model, hashes)
        edited = _edited_model(model, hashes) if reusable is None else None
        if edited is not None and hashes is not None:
            reusable = (edited.site, hashes)
        known = _known_versions(model) if reusable is None else None
        stale = edited.stale if edited is not None else frozenset()
        page_digests = _same_pages(model, hashes, reusable is not None, stale)
    model = opened = None  # what a full build does not use of the last model goes before the new one is made
    loaded.clear()
    result = build(
        root,
        output,
        drafts=drafts,
        base_url=base_url,
        now=now,
        progress=progress,
        search=search,
        jobs=jobs,
        keep=True,
        known=known,
        changed=checked,  # found above: not checked twice
        loaded=reusable,
        page_digests=page_digests,
        ahead=folders_ahead(head, root, output, options, model_file),
    )
    if result.unchanged:
        return result
    result.read_again = edited.files if edited is not None else 0
    hashes, rendered = result.hashes, result.rendered
    result.rendered = None  # the caller asked for no model
    _RETAINED.extend((rendered, reusable))
    if (
        hashes is None
        or hashes.inputs is None
        or hashes.files is None
        or rendered is None
        or result.problems.items
        or now is not None
    ):
        # Only a clean build is recorded in its folder, and only then can the next one resume
        # from it; nor one built as if at another moment (``--now``).
        with contextlib.suppress(OSError):
            model_file.unlink()
            keptmodel.since_file(model_file).unlink(missing_ok=True)
        return result
    if reusable is not None and page_digests is not None and edited is None:
        # The kept model and its pages' digests are this build's own: not written again; no
        # edits since it. (Taken on another day, or edited, it is kept again.)
        with contextlib.suppress(OSError):
            keptmodel.since_file(model_file).unlink(missing_ok=True)
        return result
    urls = (plan.url for plan in rendered.plans)
    digests = dict(zip(urls, result.page_digests, strict=True)) if result.page_digests else {}
    kept = keptmodel.KeptModel(
        hashes.inputs,
        hashes.surroundings,
        hashes.files,
        rendered.assets,
        dict(result.pages),
        rendered.site,
        digests,
        rendered.today,
        hashes.basis,
    )
    keptmodel.save(model_file, kept)
    return result


def _same_inputs(kept: keptmodel.KeptModel | None, hashes: Hashes | None) -> tuple[Site, Hashes] | None:
    """The kept model and the inputs' hashes when the model is what loading these very inputs
    gives (a build into an emptied folder, after edits undone, or after an edit to the
    templates or catalogs, which only rendering reads): loading them again would only make it
    anew."""
    if kept is None or hashes is None or hashes.inputs is None or not kept.basis:
        return None
    if hashes.basis != kept.basis or hashes.files != kept.files:
        return None
    return kept.site, hashes


@dataclasses.dataclass(frozen=True, slots=True)
class _EditedModel:
    site: Site
    """The kept model with the edited files in place."""
    stale: frozenset[str]
    """The URLs of the pages that show an edit."""
    files: int


def _edited_model(kept: keptmodel.KeptModel | None, hashes: Hashes | None) -> _EditedModel | None:
    """The kept model with the Markdown files edited since applied to it, as a quick rebuild
    applies them, when nothing else changed (a build into an emptied folder after an edit, or
    one whose folder a quick rebuild could not resume): reading the whole site again would
    only make the same model. None when the edits need the site read whole."""
    if kept is None or hashes is None or hashes.inputs is None or hashes.files is None:
        return None
    if not kept.basis or hashes.basis != kept.basis:
        return None
    changed = _edited_markdown(kept.files, hashes.files)
    if not changed:
        return None
    # Rendering and the page plan are not needed to apply edits: only what names the pages.
    quick = QuickSite.of(RenderedSite(kept.site, (), kept.assets, {}, build_date()), warm=False)
    applied = apply_edits(quick, changed)
    if applied is None:
        return None
    stale = {plan.url for plan in applied.plans}
    if applied.dated:
        stale.add(routing.SITEMAP)
    return _EditedModel(applied.site, frozenset(stale), len(changed))


def _same_pages(
    kept: keptmodel.KeptModel | None, hashes: Hashes | None, reusable: bool, stale: frozenset[str]
) -> Mapping[str, bytes] | None:
    """The digests of the kept model's pages when they are this build's: the model taken with
    the same surroundings (templates included), its pages planned on the same day; ``stale``:
    pages that show an edit applied to the model since, left out."""
    if kept is None or hashes is None or not reusable or not kept.page_digests:
        return None
    if kept.surroundings != hashes.surroundings or kept.built_on != build_date():
        return None
    if not stale:
        return kept.page_digests
    dated = routing.SITEMAP in stale  # the index stands for its parts, whose names the plan gives
    return {
        url: digest
        for url, digest in kept.page_digests.items()
        if url not in stale and not (dated and routing.is_sitemap(url))
    }


def _resume(
    output: Path,
    model_file: Path,
    opened: keptmodel.Opened | None,
    recorded: str,
    hashes: Hashes,
    listing: Listing,
    with_search: bool,
    progress: Progress,
    jobs: int,
) -> BuildResult | None:
    """The quick rebuild of what changed since the kept model, or None for a full build.
    ``recorded``: the inputs the folder's marker names; ``listing``: the folder's files, if it
    still holds what its last build left (at 10,000 releases the listing ends after the
    pages are rendered: it is waited for only before they are written)."""
    inputs = hashes.inputs
    if inputs is None or hashes.files is None or opened is None:
        return None
    kept = opened.model  # without the files' front matter, which a quick rebuild reads again only where edited
    since = keptmodel.edits_since(model_file, kept.inputs, recorded)
    if since is None or hashes.surroundings != kept.surroundings:
        return None  # the folder was built since by something that left no model, or differently
    changed = _edited_markdown(kept.files, hashes.files)
    earlier, dated = since
    if changed is None or not hashes.files.keys() >= set(earlier):  # the record names only content files
        return None
    # Every file edited since the model is applied to it again, edited back as the model has
    # it too; only those whose bytes are not what the folder shows have their pages rendered.
    changed = sorted({*changed, *map(Path, earlier)})
    shown = [path for path in changed if earlier.get(str(path)) != hashes.files[str(path)].hex()]
    site = kept.site
    environments = make_environments(site)
    today = build_date()
    plans = PlansOnDemand(lambda: plan_pages(site, kept.assets, Problems(), today))  # a clean build's
    every = opened.whole
    quick = QuickSite.of(
        RenderedSite(site, plans, kept.assets, environments, today),
        warm=False,
        known=dict(kept.placed),
        rest=lambda: None if (whole := every()) is None else whole.site.sources,
    )
    search_seconds: list[float] = []
    bundles: list[Path] = []

    def index(pages: list[OutputFile]) -> Path:
        """The search index of the site with the new pages, made beside it before any is written."""
        progress.stage("indexing for search")
        bundles.append(Path(tempfile.mkdtemp(prefix=f".{output.name}.index.", dir=output.parent)))
        overlay = {page.path: page.data for page in pages}
        search_seconds.append(index_site(output, jobs, bundle=bundles[0], overlay=overlay, cache=site.cache))
        return bundles[0]

    try:
        done = quick_rebuild(
            quick,
            changed,
            output,
            record=lambda: None if (left := listing.result()) is None else Record(f"{PREFIX}{inputs}\n", left),
            index=index if with_search else None,
            sitemap=dated,
            shown=shown,
        )
    except OSError:
        return None  # the marker lost its record first: the full build that follows starts clean
    finally:
        progress.clear()
        for bundle in bundles:  # left over if the pages were not written
            shutil.rmtree(bundle, ignore_errors=True)
    if done is None or done.problems.items:
        return None
    if len(changed) <= EDITS_APART:
        # The kept model stays; the next rebuild applies these edits to it again.
        # Each file with the digest of the bytes its pages now show.
        edited = {str(path): hashes.files[str(path)].hex() for path in changed}
        edits = {"model": kept.inputs, "folder": hashes.inputs, "edited": edited, "dated": done.dated}
        with contextlib.suppress(OSError):
            write_whole(keptmodel.since_file(model_file), json.dumps(edits).encode())
    else:
        _renew(model_file, kept, quick, hashes)
    return BuildResult(
        problems=done.problems,
        pages=Counter(kept.pages),
        resumed=done.pages,
        hashes=hashes,
        search_seconds=search_seconds[0] if search_seconds else None,
    )


def _renew(model_file: Path, kept: keptmodel.KeptModel, quick: QuickSite, hashes: Hashes) -> None:
    """Keep the model of the edited site in place of the one it was made from (many files
    edited: applying them again at each rebuild would cost more than writing it)."""
    if not quick.read_every() or hashes.inputs is None or hashes.files is None:
        with contextlib.suppress(OSError):
            model_file.unlink()  # no model to resume from: the next build is a full one
            keptmodel.since_file(model_file).unlink(missing_ok=True)
        return
    model = dataclasses.replace(quick.rendered.site, sources=tuple(quick.sources.values()))
    renewed = keptmodel.KeptModel(
        hashes.inputs, hashes.surroundings, hashes.files, kept.assets, kept.pages, model, basis=hashes.basis
    )
    keptmodel.save(model_file, renewed)


def _known_versions(kept: keptmodel.KeptModel | None) -> KnownVersions | None:
    """The front matter the last clean build into the folder checked: a full build need not
    read again what did not change (only a model of this very code is read at all)."""
    if kept is None:
        return None
    catalog = kept.site.catalog
    return KnownVersions(
        {str(version.location): version for version in kept.site.sources},
        frozenset(catalog.partners),
        frozenset(catalog.topics) or None,
    )


def _edited_markdown(before: Mapping[str, bytes], now: Mapping[str, bytes]) -> list[Path] | None:
    """The Markdown files whose bytes changed, or None if any other file changed or a file
    came or went (which a full build handles)."""
    if before.keys() != now.keys():
        return None
    changed = [name for name, digest in now.items() if before[name] != digest]
    if not all(name.endswith(".md") for name in changed):
        return None
    return [Path(name) for name in changed]


EDITS_APART = 16
"""Files edited since the kept model that a rebuild applies to it again rather than keep a new
model: writing the model (three megabytes at 1,000 releases) took a tenth of such a rebuild."""
