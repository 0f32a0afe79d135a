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
rebuild: a record beside it names the files edited since, and the next rebuild applies them again.

The copy is pickled: only the model's own classes and a few plain types are read back, so a
file planted in the cache cannot make unpickling run anything else.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import hashlib
import io
import json
import pathlib
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.files import write_whole
from pressroom.base.i18n import load_language
from pressroom.base.parallel import read_only
from pressroom.base.progress import SILENT, Progress
from pressroom.model.bodycache import BODIES_DIR, BodyCache
from pressroom.model.catalog import LinkResolver
from pressroom.output.carryover import Reducers
from pressroom.output.images import CACHE_DIR
from pressroom.output.render import OutputFile
from pressroom.output.search import index_site
from pressroom.output.writer import MARKER, Record, intact_files
from pressroom.pipeline import (
    BuildResult,
    RenderedSite,
    SearchMode,
    Site,
    build,
    build_date,
    build_options,
    make_environments,
    plan_pages,
    template_dirs,
)
from pressroom.preview.incremental import PlansOnDemand, QuickSite, quick_rebuild
from pressroom.source.config import SiteConfig, load_config
from pressroom.source.inputs import PREFIX, Hashes, build_hashes, code_digest, recorded_hash
from pressroom.source.knownversions import KnownVersions

MODELS_DIR = "models"
"""The cache's sub-folder of kept models, one per output folder."""
FORMAT = 3


@dataclasses.dataclass(frozen=True, slots=True)
class KeptModel:
    """What a clean build into one output folder leaves for the next command-line build."""

    inputs: str
    """The inputs hash that build recorded in the output folder's marker."""
    surroundings: str
    files: Mapping[str, bytes]
    """Path → digest of each content file it read."""
    assets: Mapping[str, str]
    pages: Mapping[str | None, int]
    """Pages per language (text edits leave them as they are)."""
    site: Site
    """Its model, every file's front matter included (`Site.sources`)."""


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
) -> BuildResult:
    """`pipeline.build`, resumed from the last build's model when only the text of existing
    releases or pages changed since (see the module's docstring); keeps the model for the next."""
    started = time.perf_counter()
    config = load_config(root, Problems(), base_url=base_url)
    kept_file = _kept_file(config, output)
    loaded: list[KeptModel | None] = []

    def kept() -> KeptModel | None:
        """The kept model, read when first needed (a no-op build never reads it)."""
        if not loaded:
            loaded.append(_load(kept_file, config) if now is None and kept_file.is_file() else None)
        return loaded[0]

    recorded = recorded_hash(output / MARKER)
    checked = search != "keep" and now is None and recorded is not None
    if checked:
        hashes = build_hashes(config, template_dirs(config), build_options(config, drafts, search))
        left = intact_files(output)
        if hashes.inputs is not None and hashes.inputs == recorded and left is not None:
            return BuildResult(problems=Problems(), seconds=time.perf_counter() - started, unchanged=True)
        resumed = _resume(output, kept_file, kept(), recorded, hashes, left, search == "index", progress, jobs)
        if resumed is not None:
            resumed.seconds = time.perf_counter() - started
            return resumed
    known = _known_versions(kept())
    # The rest of the last build's model (its catalog, plans and pages) is not needed by a full
    # build: let it go before the new one is made, not after.
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
    )
    if result.unchanged:
        return result
    hashes, rendered = result.hashes, result.rendered
    result.rendered = None  # the caller asked for no model
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
            kept_file.unlink()
            _since_file(kept_file).unlink(missing_ok=True)
        return result
    kept = KeptModel(
        hashes.inputs, hashes.surroundings, hashes.files, rendered.assets, dict(result.pages), rendered.site
    )
    _save(kept_file, kept)
    return result


def _resume(
    output: Path,
    kept_file: Path,
    kept: KeptModel | None,
    recorded: str,
    hashes: Hashes,
    left: dict[str, int] | None,
    with_search: bool,
    progress: Progress,
    jobs: int,
) -> BuildResult | None:
    """The quick rebuild of what changed since the kept model, or None for a full build.
    ``recorded``: the inputs the folder's marker names; ``left``: the folder's files, if it
    still holds what its last build left."""
    if hashes.inputs is None or hashes.files is None or left is None or kept is None:
        return None
    since = _edits_since(kept_file, kept.inputs, recorded)
    if since is None or hashes.surroundings != kept.surroundings:
        return None  # the folder was built since by something that left no model, or differently
    changed = _edited_markdown(kept.files, hashes.files)
    earlier, dated = since
    if changed is None or not hashes.files.keys() >= set(earlier):  # the record names only content files
        return None
    # Files edited back as the model has them are rendered again too: the folder shows the edit.
    changed = sorted({*changed, *map(Path, earlier)})
    site = kept.site
    environments = make_environments(site)
    today = build_date()
    plans = PlansOnDemand(lambda: plan_pages(site, kept.assets, Problems(), today))  # a clean build's
    quick = QuickSite.of(RenderedSite(site, plans, kept.assets, environments, today), warm=False)
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
            record=Record(f"{PREFIX}{hashes.inputs}\n", left),
            index=index if with_search else None,
            sitemap=dated,
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
        edits = {"model": kept.inputs, "folder": hashes.inputs, "edited": list(map(str, changed)), "dated": done.dated}
        with contextlib.suppress(OSError):
            write_whole(_since_file(kept_file), json.dumps(edits).encode())
    else:
        model = dataclasses.replace(quick.rendered.site, sources=tuple(quick.sources.values()))
        _save(kept_file, KeptModel(hashes.inputs, hashes.surroundings, hashes.files, kept.assets, kept.pages, model))
    return BuildResult(
        problems=done.problems,
        pages=Counter(kept.pages),
        resumed=done.pages,
        hashes=hashes,
        search_seconds=search_seconds[0] if search_seconds else None,
    )


def _known_versions(kept: KeptModel | None) -> KnownVersions | None:
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


def _since_file(kept_file: Path) -> Path:
    return kept_file.with_name(f"{kept_file.name}.since")


def _edits_since(kept_file: Path, model: str, folder: str) -> tuple[list[str], bool] | None:
    """The files edited since the kept model (whose inputs are ``model``) when rebuilds from it
    made the folder (whose marker records ``folder``), and whether the folder's sitemap shows an
    ``updated`` the model lacks; none when the model is the folder's own, None when neither holds."""
    if model == folder:
        return [], False
    try:
        record = json.loads(_since_file(kept_file).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or (record.get("model"), record.get("folder")) != (model, folder):
        return None
    edited, dated = record.get("edited"), record.get("dated")
    if not isinstance(edited, list) or not all(isinstance(name, str) for name in edited) or not isinstance(dated, bool):
        return None
    return edited, dated


def _kept_file(config: SiteConfig, output: Path) -> Path:
    name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=12).hexdigest()
    return config.root / CACHE_DIR / MODELS_DIR / name


def _header() -> bytes:
    # The code's digest: a model is read back only by the code that wrote it.
    # PyYAML's: it reads the front matter a full build takes from the model.
    yaml = metadata.version("pyyaml")
    return f"pressroom model {FORMAT} {code_digest().hex()} {sys.version} pyyaml {yaml}\n".encode()


_REDUCERS = Reducers(
    {Markup: lambda text: (Markup, (str(text),)), MappingProxyType: lambda proxy: (read_only, (dict(proxy),))},
    init_only=True,
)


def _save(path: Path, kept: KeptModel) -> None:
    stream = io.BytesIO()
    stream.write(_header())
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(dataclasses.replace(kept, site=_bare(kept.site)))
    with contextlib.suppress(OSError):
        write_whole(path, stream.getvalue())
        _since_file(path).unlink(missing_ok=True)  # the model is the folder's own


def _bare(site: Site) -> Site:
    # A language's gettext catalog is not data to keep: it is loaded again, as any build does.
    return dataclasses.replace(site, languages={}, digests={})


ALLOWED = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
    ("pathlib", "PosixPath"): pathlib.PosixPath,
    ("pathlib", "WindowsPath"): pathlib.WindowsPath,
    ("markupsafe", "Markup"): Markup,
    ("pressroom.base.parallel", "read_only"): read_only,
    ("pressroom.model.bodycache", "BodyCache"): BodyCache,
    ("pressroom.model.catalog", "LinkResolver"): LinkResolver,
}
"""What a kept model may name besides the model's own dataclasses."""


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        allowed = ALLOWED.get((module, name))
        if allowed is not None:
            return allowed
        if module.startswith("pressroom.") and "." not in name:
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"a kept model may not name {module}.{name}")


def _load(path: Path, config: SiteConfig) -> KeptModel | None:
    """The kept model, or None if there is none, or none this code can trust."""
    try:
        with open(path, "rb") as stream:
            if stream.readline() != _header():
                return None
            problems = Problems()
            languages = {
                code: load_language(code, config.locales_dir, problems, config.root, config.locales.get(code, ""))
                for code in config.languages
            }
            if problems.items:
                return None
            # Tens of thousands of objects, none of them garbage: the collector would only slow this down.
            collecting = gc.isenabled()
            gc.disable()
            try:
                kept = _Unpickler(stream).load()
            finally:
                if collecting:
                    gc.enable()
        if not isinstance(kept, KeptModel) or not isinstance(kept.site, Site) or kept.site.config != config:
            return None
        site, catalog, cache = kept.site, kept.site.catalog, config.root / CACHE_DIR
        # Where files are read and written comes from this build, never from the file.
        catalog = dataclasses.replace(catalog, config=config, bodies=BodyCache(cache / BODIES_DIR))
        site = dataclasses.replace(site, config=config, catalog=catalog, cache=cache, languages=languages)
    except (
        OSError,
        EOFError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        pickle.UnpicklingError,
    ):
        return None
    return dataclasses.replace(kept, site=site)
