"""The model a clean build leaves in the cache folder for the next command-line build.

One file per output folder (`kept_file`), written after a clean full build (`save`) and read
back (`load`) only by the very code that wrote it; beside it, a small record of the files
edited since (`since_file`), written by quick rebuilds that leave the model as it is. The file
is pickled: only the model's own classes and a few plain types are read back, so a file
planted in the cache cannot make unpickling run anything else.

The file holds two pickles, written by one pickler so that the second refers to what the
first holds: the model without every file's front matter (`Site.sources`), which is all a
quick rebuild reads, then that front matter, which only a full build after an edit reads
(`Opened.whole`). At 10,000 releases the second is half of the reading. A line after the
header holds the first one's length and a CRC-32 of each: a file changed in the middle of a
title (a bad disk, a sync tool) still unpickles, and would be published. A model whose first
part does not match is not taken; one whose second does not is taken without it (as one cut
short in it), and each part is checked only when it is read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import io
import json
import pathlib
import pickle
import sys
import typing
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.files import read_plain, write_whole
from pressroom.base.forking import read_only
from pressroom.base.versions import version
from pressroom.model.bodycache import BODIES_DIR, BodyCache
from pressroom.model.catalog import LinkResolver
from pressroom.model.sections import Sections
from pressroom.output.carryover import Reducers
from pressroom.pipeline.loading import Site
from pressroom.preview.edits import Placed, placed_files
from pressroom.source.cachefolder import cache_problem
from pressroom.source.config import CACHE_DIR, SiteConfig, load_site_languages
from pressroom.source.frontmatter import VersionSource
from pressroom.source.inputs import catalog_folder, code_digest

FORMAT = 11


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
    """Its model, every file's front matter included (`Site.sources`), except as `load`
    gives it (`Opened.whole` puts it in)."""
    page_digests: Mapping[str, bytes] = dataclasses.field(default_factory=dict)
    """Page URL → the digest its page was kept under (none if not every page had one)."""
    built_on: datetime.date | None = None
    """The day the pages were planned on (a page may show the day's year)."""
    basis: str = ""
    """The hash of the surroundings the model depends on (`Hashes.basis`): with the same
    content, a build after an edit to the templates or catalogs takes the model too."""
    placed: Mapping[str, Placed] = dataclasses.field(default_factory=dict)
    """Each file's place (`save` fills it): what a quick rebuild compares an edit with."""


def since_file(kept_file: Path) -> Path:
    return kept_file.with_name(f"{kept_file.name}.since")


def edits_since(kept_file: Path, model: str, folder: str) -> tuple[dict[str, str], bool] | None:
    """The files edited since the kept model (whose inputs are ``model``) when rebuilds from it
    made the folder (whose marker records ``folder``), each with the digest (hex) of the bytes
    the folder shows, and whether the folder's sitemap shows an ``updated`` the model lacks;
    none when the model is the folder's own, None when neither holds."""
    if model == folder:
        return {}, False
    try:
        record = json.loads(read_plain(since_file(kept_file)))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or (record.get("model"), record.get("folder")) != (model, folder):
        return None
    edited, dated = record.get("edited"), record.get("dated")
    if not isinstance(edited, dict) or not isinstance(dated, bool):
        return None
    if not all(isinstance(name, str) and isinstance(digest, str) for name, digest in edited.items()):
        return None
    return edited, dated


def _header() -> bytes:
    # The code's digest: a model is read back only by the code that wrote it.
    # PyYAML's: it reads the front matter a full build takes from the model.
    yaml = version("pyyaml")
    return f"pressroom model {FORMAT} {code_digest().hex()} {sys.version} pyyaml {yaml}\n".encode()


class _Paths:
    """Pickles a path as its folder and its name, with one folder object for all the paths in
    it: read back from all their parts, the model's thousands of file paths took half of its
    unpickling (pathlib parses every part again)."""

    def __init__(self) -> None:
        self.folders: dict[str, Path] = {}

    def __call__(self, path: Path) -> tuple[object, tuple[object, ...]]:
        folder, name = path.parent, path.name
        if not name or folder == path:
            return type(path), (str(path),)
        return _child, (self.folders.setdefault(str(folder), folder), name)


def _child(folder: Path, name: str) -> Path:
    return _joined(folder, name)


# pathlib's own way to a path one name below a folder (as it lists a folder), on the Pythons
# known to have it as such (3.11 and 3.12; a private method, so no other is trusted with it):
# `/` parses the name again, three times slower, for thousands of paths.
_joined = (
    pathlib.Path._make_child_relpath  # type: ignore[attr-defined]
    if sys.version_info[:2] in ((3, 11), (3, 12))
    else pathlib.Path.__truediv__
)


def _reducers() -> Reducers:
    return Reducers(
        {
            Markup: lambda text: (Markup, (str(text),)),
            MappingProxyType: lambda proxy: (read_only, (dict(proxy),)),
            type(Path()): _Paths(),
        },
        init_only=True,
    )


def _checks(first: memoryview, rest: memoryview) -> bytes:
    return f"{len(first)} {zlib.crc32(first):08x} {zlib.crc32(rest):08x}\n".encode()


def save(path: Path, kept: KeptModel) -> None:
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    site = kept.site
    try:
        pickler.dump(dataclasses.replace(kept, site=_bare(site), placed=placed_files(site.sources)))
        boundary = stream.tell()
        pickler.dump(site.sources)  # what it shares with the model, it names as the model holds it
    except RecursionError:  # a file a thousand folders deep: its path's folders pickle one in another
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)  # no model kept (an older one never stands for this build)
        return
    pickled = stream.getbuffer()
    checks = _checks(pickled[:boundary], pickled[boundary:])
    with contextlib.suppress(OSError):
        write_whole(path, b"".join((_header(), checks, pickled)))
        since_file(path).unlink(missing_ok=True)  # the model is the folder's own


def _bare(site: Site) -> Site:
    # A language's gettext catalog is not data to keep: it is loaded again, as any build does.
    return dataclasses.replace(site, languages={}, digests={}, sources=())


ALLOWED = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
    ("pathlib", "PosixPath"): pathlib.PosixPath,
    ("pathlib", "WindowsPath"): pathlib.WindowsPath,
    ("markupsafe", "Markup"): Markup,
    ("pressroom.base.forking", "read_only"): read_only,
    ("pressroom.preview.keptmodel", "_child"): _child,
    ("pressroom.model.bodycache", "BodyCache"): BodyCache,
    ("pressroom.model.catalog", "LinkResolver"): LinkResolver,
    ("pressroom.model.sections", "Sections"): Sections,
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


UNREADABLE = (
    OSError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    pickle.UnpicklingError,
)
"""What reading a damaged or foreign file may raise: the model is then not taken."""


class Opened:
    """A kept model read up to every file's front matter (its `KeptModel.site` has no
    ``sources``), which is all a quick rebuild needs; `whole` reads the rest."""

    def __init__(self, model: KeptModel, rest: pickle.Unpickler, intact: Callable[[], bool]) -> None:
        self.model = model
        self._rest: pickle.Unpickler | None = rest
        self._intact = intact
        """Whether the rest is as it was written (asked before it is read)."""
        self._whole: KeptModel | None = None

    def whole(self) -> KeptModel | None:
        """The model with every file's front matter (read once), or None if the file does not
        hold it."""
        if self._rest is not None:
            rest, self._rest = self._rest, None
            if not self._intact():
                return None
            try:
                sources = _unpickled(rest)
            except UNREADABLE:
                return None
            if isinstance(sources, tuple) and all(isinstance(version, VersionSource) for version in sources):
                site = dataclasses.replace(self.model.site, sources=sources)
                self._whole = dataclasses.replace(self.model, site=site)
        return self._whole


def load(path: Path, config: SiteConfig) -> Opened | None:
    """The kept model, or None if there is none, or none this code can trust (nor any in a
    cache folder that cannot be written: such a build is made from scratch, see `cachefolder`)."""
    if cache_problem(config.root / CACHE_DIR) is not None:
        return None
    try:
        data = path.read_bytes()  # whole: the front matter is read from it later, if at all
        stream = io.BytesIO(data)
        if stream.readline() != _header():
            return None
        length, first, rest = stream.readline().split()
        start = stream.tell()
        boundary = start + int(length)
        if f"{zlib.crc32(memoryview(data)[start:boundary]):08x}".encode() != first:
            return None
        problems = Problems()
        compiled = catalog_folder(config.root / CACHE_DIR)
        languages = load_site_languages(config, problems, compiled)
        if problems.items:
            return None
        unpickler = _Unpickler(stream)
        kept = _unpickled(unpickler)
        if not isinstance(kept, KeptModel) or not isinstance(kept.site, Site) or kept.site.config != config:
            return None
        if not isinstance(kept.placed, dict) or not all(_is_placed(known) for known in kept.placed.values()):
            return None
        site, catalog, cache = kept.site, kept.site.catalog, config.root / CACHE_DIR
        # Where files are read and written comes from this build, never from the file.
        catalog = dataclasses.replace(catalog, config=config, bodies=BodyCache(cache / BODIES_DIR))
        site = dataclasses.replace(site, config=config, catalog=catalog, cache=cache, languages=languages)
    except UNREADABLE:
        return None
    return Opened(
        dataclasses.replace(kept, site=site),
        unpickler,
        lambda: f"{zlib.crc32(memoryview(data)[boundary:]):08x}".encode() == rest,
    )


_PLACED_FIELDS = len(typing.get_args(Placed))


def _is_placed(known: object) -> bool:
    return isinstance(known, tuple) and len(known) == _PLACED_FIELDS


def _unpickled(unpickler: pickle.Unpickler) -> object:
    """The next pickle of a kept model's file."""
    # Tens of thousands of objects, none of them garbage: the collector would only slow this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = unpickler.load()
        # Nor afterwards: each collection of the oldest generation would walk the whole model
        # again (a third of a second at 10,000 releases, several times in a rebuild). It lives
        # until the process ends or is let go, which counting references sees without the
        # collector.
        gc.freeze()
    finally:
        if collecting:
            gc.enable()
    return found
