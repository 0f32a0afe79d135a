"""Pages kept for the next build: a page whose view did not change is not rendered again.

A page's bytes are a function of its path, its view (a frozen tree of plain data: titles,
dates, rendered bodies, links) and its surroundings (templates, catalogs, settings, the
generator's code, the options; see `build_hashes`). Each page's view is pickled and
hashed with the other two; every page a build renders is also kept in the cache folder under
that digest (a hard link to the page written, so it costs no space while the output exists).
A later build links each page whose digest it finds there instead of rendering it: an edit
of one release renders the dozen pages that show it, and a build into an emptied output
folder renders nothing that an earlier build rendered, as long as the cache is kept.

A kept page is trusted only if it still has the size and modification time it was kept with
(to the nanosecond): a page of the output edited in place changes the shared file, which is
then rendered again. Its inode is not asked: a cache folder restored from an archive that keeps
modification times (a CI job's cache, `tar --posix`, `cp -p`) holds new files with the same
bytes, and its pages are used as they were. Where the output lies on another file system than the cache, pages are
copied both ways instead of linked. Pages not used by the last `GENERATIONS` builds are removed, so builds
into two folders (the preview and the site) keep theirs and the cache does not grow with every
edit. A view that cannot be pickled or a cache that cannot be read or written only means
rendering; pickling may give different bytes for equal views (never equal bytes for
different ones), so the worst a digest can do is render a page that did not need it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import operator
import os
import pickle
import shutil
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from markupsafe import Markup

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled
from pressroom.output.folder import FILE_MODE
from pressroom.output.writer import StagedSite

STORE_DIR = "pages"
"""The cache's sub-folder of kept pages, each named by its digest, and their index."""
INDEX = "index"
GENERATIONS = 3
"""Builds whose pages are kept: the last one, and two more for a second output folder."""

Entry = tuple[int, int, int]
"""A kept page: size, modification time (ns), and the generation of the last build that used it."""


@dataclasses.dataclass(slots=True)
class Taken:
    """What a worker hands back to the parent: its pages' digests and the pages it kept."""

    used: list[bytes]
    kept: dict[bytes, Entry]
    undigested: int = 0
    """Pages whose view could not be digested (rendered without being kept)."""

    def add(self, other: Taken) -> None:
        self.used.extend(other.used)
        self.kept.update(other.kept)
        self.undigested += other.undigested

    def rendered_every(self, pages: int) -> bool:
        """Whether each of ``pages`` was rendered and kept, none linked from the kept pages (a
        page not digested or not kept counts as linked: it cannot be told)."""
        return not self.undigested and len(self.kept) == pages


class CarryOver:
    """Decides, page by page, whether a kept page can stand for this build's, and keeps the rest."""

    def __init__(self, cache: Path | None, staged: StagedSite | None, surroundings: str) -> None:
        self.staged = staged
        self.surroundings = surroundings.encode() + b"\0"
        self.store = cache / STORE_DIR if cache is not None and staged is not None else None
        self.generation, self.index = _read(self.store)
        self._current: dict[str, bytes] = {}
        """Digest of each page met in this process, until it is rendered or carried."""
        self._taken = Taken([], {})
        self._made = False
        self.gathered = Taken([], {})
        """Gathered by the parent from what the workers took: the pages' digests, in the order of
        the pages (workers hand back their ranges in order), and the pages they kept."""

    def carry(self, path: str, view: object) -> bool:
        """Whether the page at ``path`` was linked from the kept pages (else: render it)."""
        if self.store is None or self.staged is None:
            return False
        try:
            data = view_bytes(view)
        except (pickle.PicklingError, TypeError, AttributeError):
            self._taken.undigested += 1
            return False
        digest = _digest(self.surroundings + path.encode() + b"\0", data)
        self._current[path] = digest
        self._taken.used.append(digest)
        return self._linked(path, digest)

    def carry_known(self, path: str, digest: bytes) -> bool:
        """Whether the page at ``path`` was linked from the kept pages, its view's digest known
        from an earlier build of the very same model, templates and day (`page_digests`), so
        that the view need not be made. Else the caller renders the page (without asking
        `carry`), which is kept under that digest: its view would only give the same one (a
        tenth of rendering a page went into pickling and hashing it)."""
        if self.store is None or self.staged is None:
            return False
        self._taken.used.append(digest)
        if self._linked(path, digest):
            return True
        self._current[path] = digest
        return False

    def linked_urls(self, page_digests: Mapping[str, bytes] | None) -> frozenset[str]:
        """The URLs of the pages kept under the digest ``page_digests`` knows for them (see
        `carry_known`): they are linked without their views being made."""
        if page_digests is None or self.store is None:
            return frozenset()
        return frozenset(url for url, digest in page_digests.items() if digest in self.index)

    def _linked(self, path: str, digest: bytes) -> bool:
        """Whether the page kept under ``digest`` is still as kept and now stands at ``path``."""
        assert self.store is not None and self.staged is not None
        entry = self.index.get(digest)
        if entry is None:
            return False
        kept = os.path.join(self.store, digest.hex())
        return _still_kept(kept, entry) and self.staged.place_kept(path, kept, entry[0])

    def rendered(self, path: str) -> None:
        """Keep the page just written at ``path`` for later builds."""
        digest = self._current.pop(path, None)
        if digest is None or self.store is None or self.staged is None:
            return
        # Strings, not pathlib: three paths for each of thousands of pages, and pathlib parses
        # every part it joins (a tenth of keeping a page).
        name = digest.hex()
        kept = os.path.join(self.store, name)
        temporary = os.path.join(self.store, f".{name}.{os.getpid()}")
        page = self.staged.file_path(path)
        try:
            if not self._made:
                self.store.mkdir(parents=True, exist_ok=True)
                self._made = True
            try:
                os.link(page, kept)
            except FileExistsError:  # a kept page found changed: replaced whole, never half
                os.link(page, temporary)
                os.replace(temporary, kept)
            except OSError:  # the output on another file system: a copy
                shutil.copyfile(page, temporary)
                os.replace(temporary, kept)
            info = os.stat(kept, follow_symlinks=False)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
        self._taken.kept[digest] = (info.st_size, info.st_mtime_ns, 0)

    def taken(self) -> Taken:
        """What this process found since the last call (each worker hands it back to the parent)."""
        found, self._taken = self._taken, Taken([], {})
        self._current.clear()
        return found

    def gather(self, taken: Taken) -> None:
        self.gathered.add(taken)

    def pages_digest(self, pages: int) -> bytes | None:
        """One digest of all this build's ``pages`` (each page's bytes are a function of its own
        digest), or None unless every page was digested."""
        digests = self.page_digests(pages)
        return None if digests is None else hashlib.blake2b(b"".join(sorted(digests)), digest_size=20).digest()

    def rendered_all(self, pages: int) -> bool:
        """Whether each of this build's ``pages`` was rendered and kept (`Taken.rendered_every`)."""
        return self.store is not None and self.gathered.rendered_every(pages)

    def page_digests(self, pages: int) -> tuple[bytes, ...] | None:
        """Each of this build's ``pages`` digest in the order of its page plan, or None unless
        every page was digested."""
        if self.store is None or self.gathered.undigested or len(self.gathered.used) != pages:
            return None
        return tuple(self.gathered.used)

    def save(self) -> None:
        """After a finished build: record the pages it used, and remove those no recent build used."""
        if self.store is None:
            return
        generation = self.generation + 1
        index = dict(self.index)
        index.update(self.gathered.kept)
        used = set(self.gathered.used)
        current: dict[bytes, Entry] = {}
        for digest, (size, mtime, last) in index.items():
            if digest in used:
                current[digest] = (size, mtime, generation)
            elif last > generation - GENERATIONS:
                current[digest] = (size, mtime, last)
        # Whatever the new index does not name goes: pages of older builds, and what a build
        # that was stopped half-way left.
        names = {digest.hex() for digest in current}
        with contextlib.suppress(OSError), os.scandir(self.store) as entries:
            for entry in entries:
                if entry.name != INDEX and entry.name not in names:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        with contextlib.suppress(OSError):
            write_whole(self.store / INDEX, marshalled((generation, current)))


Reducer = Callable[[object], tuple[object, tuple[object, ...]]]


class Reducers(dict[type, Reducer]):
    """How each class is pickled: a dataclass as its class and its fields' values, read by one
    C-level getter. Pickle's default for slotted dataclasses gathers the fields in Python for
    every object, which was most of a view digest's cost. ``init_only``: only the fields its
    constructor takes, for pickles that are read back (the others are caches it makes anew)."""

    def __init__(self, others: dict[type, Reducer], init_only: bool = False) -> None:
        super().__init__(others)
        self.init_only = init_only

    def __missing__(self, cls: type) -> Reducer:
        if not dataclasses.is_dataclass(cls):
            raise KeyError(cls)  # pickle's own way for everything else
        names = tuple(field.name for field in dataclasses.fields(cls) if field.init or not self.init_only)
        if not names:
            reducer: Reducer = lambda _: (cls, ())  # noqa: E731
        elif len(names) == 1:
            single = operator.attrgetter(names[0])
            reducer = lambda view: (cls, (single(view),))  # noqa: E731
        else:
            several = operator.attrgetter(*names)
            reducer = lambda view: (cls, several(view))  # noqa: E731
        self[cls] = reducer
        return reducer


_REDUCERS = Reducers({Markup: lambda text: (Markup, (str(text),))})


def view_bytes(view: object) -> bytes:
    """The bytes a view is digested from: equal views give equal bytes within one code version."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(view)
    return stream.getvalue()


def _digest(head: bytes, data: bytes) -> bytes:
    """A page's 20-byte digest: SHA-256, cut. A view is some 14 kB at 1,000 releases, hashed for
    every page; on processors with SHA instructions (which hashlib's OpenSSL uses) SHA-256 takes
    about half of BLAKE2b's time for that (15 against 27 µs), and cut to 160 bits it resists
    collisions as the BLAKE2b digest of that size did. ``data`` is fed on its own, not copied."""
    digest = hashlib.sha256(head)
    digest.update(data)
    return digest.digest()[:20]


def _read(store: Path | None) -> tuple[int, dict[bytes, Entry]]:
    if store is None:
        return 0, {}
    kept = read_marshalled(store / INDEX)
    if not isinstance(kept, tuple) or len(kept) != 2:
        return 0, {}
    generation, index = kept
    if not isinstance(generation, int) or not isinstance(index, dict):
        return 0, {}
    return generation, {
        digest: entry
        for digest, entry in index.items()
        if isinstance(digest, bytes)
        and isinstance(entry, tuple)
        and len(entry) == 3
        and all(isinstance(number, int) for number in entry)
    }


def _still_kept(path: str, entry: Entry) -> bool:
    """Whether the kept file is still the one recorded: a page edited in place in the output
    (which shares the file), or a file put there since with another size or modification
    time, is not trusted; nor one of another mode than a site's files have (kept by a build
    that ran with another umask: the site would have it as it is)."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    size, mtime, _ = entry
    return info.st_mode == stat.S_IFREG | FILE_MODE and (info.st_size, info.st_mtime_ns) == (size, mtime)
