"""Rendered bodies kept between builds, so that a body whose text did not change is never parsed again.

A body's HTML depends on its Markdown text and on what the site answers when the renderer
asks about it: where a ``.md`` link goes, which picture a media image becomes, whether an
image's file exists. So the cache keeps, for each body text, the HTML together with every
question the renderer asked, the answer it got, every warning and error it raised, and the
ids its headings got (other texts' links are checked against them), in order. A later build
asks the same questions again (cheap: a dictionary lookup each); when every answer is the
same, the kept HTML is exactly what a new render would give, and the problems and ids are
reported again as a new render would report them. When any answer differs (a linked release
was renamed, a picture was replaced), the body is rendered afresh. Nothing
about the rest of the site has to be tracked to know when an entry is stale.

Entries live in the cache folder (never the output), one file per body text, named by a
hash of the text, its language and first line, and of the generator's own code: a new
version of pressroom never reads an older one's entries, and removes them (so a new layout of
the entries needs no version number of its own). Beside them, a hash of each whole file a body
came from (front matter included) names a copy of its text's entry, headed by the text's key: a
build finds a kept body with one file read, without reading its source file again.

Each edit of a text adds two entries (its text's and its file's), and the old ones are read by
no build of the site as it is. A build that writes the pack again, once enough files are missing
from it, has just read every entry the site needs: it names them (`live_entries`), and the rest
are removed where that build holds the cache alone. A site too small for a pack is swept by a
build after one that added an entry (few files: one listing of a small folder).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.digestrecords import grown, note_grown
from pressroom.base.errors import Problems
from pressroom.base.files import read_plain, remove_other_folders, write_whole
from pressroom.base.marshalled import marshalled, read_marshalled, unmarshalled
from pressroom.base.quickinit import quick_init
from pressroom.base.versions import described
from pressroom.model.bodypack import BodyPack, Key, write_pack
from pressroom.source.inputs import code_digest
from pressroom.source.markdown import ImagePlacer, LinkRewrite, LinkRewriter, render_markdown

BODIES_DIR = "bodies"
"""The cache's sub-folder for rendered bodies."""
PACK_FILE = "pack"
"""The pack of a version's entries (see `bodypack`), beside the entries' folders."""
MIN_PACKED = 64
"""Sites with fewer files than this have no pack, and a pack with fewer missing is kept."""
REPACK_SHARE = 0.05
"""The share of a site's files missing from the pack at which it is written again."""


@quick_init
@dataclass(frozen=True, slots=True)
class BodyQuestions:
    """What the renderer asks the site about one body, each answer going to one problem list."""

    rewrite: LinkRewriter
    warn: Callable[[int, str], None]
    place: ImagePlacer
    error: Callable[[int, str], None]
    image: Callable[[str, int], None]
    headings: Callable[[frozenset[str]], None]
    """Told the ids the body's headings got, after all its links were asked about (a replay
    that finds an answer changed stops before it)."""


Event = tuple
"""One recorded step: ``("r", href, line, answer)``, ``("p", name, alt, title, line, block,
answer)``, ``("i", src, line)``, ``("w", line, message)``, ``("e", line, message)`` or ``("h",
ids)``, the ids of its headings: other texts' links to its sections are checked against them;
first, for an untranslated copy's body, ``("c", language)``, the language it was tied by."""


@functools.cache
def renderer_identity() -> str:
    """A hash of everything that turns Markdown into HTML here: the generator's code, the
    parser's version, and Python's (whose ``marshal`` format the entries use)."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{sys.version}\n".encode())
    digest.update(described(("markdown-it-pyrs", "markdown-it-py", "mdit-py-plugins")).encode())
    digest.update(code_digest())
    return digest.hexdigest()


class BodyCache:
    """The rendered bodies of one version of the generator, in ``folder`` (None: keep nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / renderer_identity() if folder is not None else None
        self.pack = _pack_in(self.folder)

    def __getstate__(self) -> dict[str, object]:
        # A kept model holds its catalog's body cache: only the folder, the pack (an open file)
        # is opened again where the model is loaded.
        return {"folder": self.folder}

    def __setstate__(self, state: dict[str, object]) -> None:
        folder = state.get("folder")
        self.folder = folder if isinstance(folder, Path) else None
        self.pack = _pack_in(self.folder)

    def prune(self) -> None:
        """Remove the entries of other versions of the generator (called once per build, before rendering)."""
        if self.folder is not None:
            remove_other_folders(self.folder.parent, {self.folder})

    def render(
        self,
        markdown: str,
        first_line: int,
        lang: str,
        ask: Callable[[Problems], BodyQuestions],
        problems: Problems,
        extra: Callable[[str], object],
        *,
        copy: str | None = None,
    ) -> tuple[str, object]:
        """The HTML of a body, and ``extra(html)`` (what a page shows of it besides: its reading
        time, its parts in other languages), from the cache when every question gets the answer
        it got before; problems go to ``problems`` either way. ``copy``: for the body of an
        untranslated copy, still another language's text (its scripts are not told of), the
        language it is in, which ties its words (its original's, where it is that word for word;
        empty where not known: not tied); None for a body of its own."""
        key = _key(markdown, first_line, lang, copy)
        html, derived, _ = self._entry(key, markdown, first_line, lang, copy, ask, problems, extra)
        return html, derived

    def render_file(
        self,
        digest: bytes,
        lang: str,
        read: Callable[[], tuple[str, int, bool]],
        ask: Callable[[Problems], BodyQuestions],
        problems: Problems,
        extra: Callable[[str], object],
        *,
        copy: str | None = None,
    ) -> tuple[str, object]:
        """`render` for the body of the file whose bytes have ``digest``: its text's entry is
        also kept under that digest, so that a kept body is found without reading, decoding and
        splitting the file again, and with one file read instead of two (a pointer to the
        text's entry, then the entry: a quarter of making a release's view). ``read()`` gives
        its Markdown, first line, and whether the file still has the bytes digested (a file
        changed since is rendered, not kept under the digest).

        A kept body is trusted to be that of the file as it was loaded (the file is not read,
        so a change since is seen by the next build): the page shows it with the front matter
        loaded from the same bytes."""
        kept = self._packed((digest, lang))
        # The entry's own file is named only when the pack cannot give the entry, or to write it.
        path = self.file_entry(digest, lang) if kept is None else None
        if path is not None:
            kept = _read_entry(path, 4)
        tried = None
        if kept is not None:
            tried, *entry = kept
            replayed = _replayed(entry, ask, problems, copy)
            if replayed is not None:
                return replayed
        markdown, first_line, unchanged = read()
        key = _key(markdown, first_line, lang, copy)
        entry = self._entry(key, markdown, first_line, lang, copy, ask, problems, extra, tried=tried)
        path = path or self.file_entry(digest, lang)
        if unchanged and path is not None:
            with contextlib.suppress(OSError):
                write_whole(Path(path), marshalled((key, *entry)))
                note_grown(self.folder)  # type: ignore[arg-type]  # a path is had only with a folder
        return entry[0], entry[1]

    def _entry(
        self,
        key: str,
        markdown: str,
        first_line: int,
        lang: str,
        copy: str | None,
        ask: Callable[[Problems], BodyQuestions],
        problems: Problems,
        extra: Callable[[str], object],
        tried: str | None = None,
    ) -> tuple[str, object, tuple[Event, ...]]:
        """The entry of the text with ``key``: kept, when it replays, else rendered and kept.
        ``tried``: a key whose entry was just found not to fit (not replayed again)."""
        if key != tried and (path := self._path(key)) is not None:
            kept = _read_entry(path, 3)
            if kept is not None and _replayed(kept, ask, problems, copy) is not None:
                return kept[0], kept[1], kept[2]
        # A copy's language is the site's answer too: its original's body may change, the copy not.
        events: list[Event] = [("c", copy)] if copy is not None else []
        rewrite, warn, place, error, image, headings = _recording(ask(problems), events)
        html = render_markdown(
            markdown,
            first_line,
            rewrite,
            warn,
            place,
            error=error,
            image=image,
            headings=headings,
            lang="" if copy is not None else lang,
            tied_as=copy,
        )
        entry = (html, extra(html), tuple(events))
        self._write(key, entry)
        return entry

    def _packed(self, key: Key) -> tuple | None:
        data = self.pack.get(key) if self.pack is not None else None
        if data is None:
            return None
        kept = unmarshalled(data)
        return kept if isinstance(kept, tuple) and len(kept) == 4 else None

    def packed(self) -> set[Key]:
        """The files whose bodies the pack holds (opening it: called before workers fork)."""
        return self.pack.keys() if self.pack is not None else set()

    def read_pack_ahead(self) -> None:
        if self.pack is not None:
            self.pack.read_ahead()

    def repack(self, wanted: Collection[Key]) -> bool:
        """Write the pack again with the entries of the ``wanted`` files, where more of them are
        missing from it than a few edits leave (see `bodypack`); whether it was written. An
        entry neither the pack nor its own file has is left out (its body was not rendered)."""
        if self.pack is None or len(wanted) < MIN_PACKED:
            return False
        missing = len(set(wanted) - self.pack.keys())
        if missing <= max(MIN_PACKED, REPACK_SHARE * len(wanted)):
            return False
        entries: dict[Key, bytes] = {}
        for key in sorted(wanted):
            data = self.pack.get(key)
            if data is None:
                path = self.file_entry(*key)
                with contextlib.suppress(OSError):
                    data = read_plain(path) if path is not None else None
            if data is not None:
                entries[key] = data
        with contextlib.suppress(OSError):
            write_pack(self.pack.path, entries)
            self.pack.close()
            return True
        return False

    def live_entries(self, wanted: Collection[Key], repacked: bool) -> frozenset[str] | None:
        """The entries (``xx/name``) the ``wanted`` files' bodies are kept in, their files' and
        their texts', where the folder is to be swept now: the pack was just written (``repacked``),
        or the site has none and an entry was added since the last sweep; else None."""
        if self.folder is None or not (repacked or (len(wanted) < MIN_PACKED and grown(self.folder))):
            return None
        live = set()
        for digest, lang in wanted:
            name = _file_key(digest, lang)
            live.add(f"{name[:2]}/{name[2:]}")
            data = self.pack.get((digest, lang)) if self.pack is not None else None
            if data is None:
                with contextlib.suppress(OSError):
                    data = read_plain(os.path.join(self.folder, name[:2], name[2:]))
            kept = unmarshalled(data) if data is not None else None
            if isinstance(kept, tuple) and kept and isinstance(kept[0], str):
                live.add(f"{kept[0][:2]}/{kept[0][2:]}")  # the text's own entry
        return frozenset(live)

    def file_entry(self, digest: bytes, lang: str) -> str | None:
        """Where the entry of the file whose bytes have ``digest`` is kept (see `render_file`)."""
        return self._path(_file_key(digest, lang))

    def _path(self, key: str) -> str | None:
        # A string: thousands are made per build, and pathlib parses every part it joins.
        return os.path.join(self.folder, key[:2], key[2:]) if self.folder is not None else None

    def _write(self, key: str, entry: tuple) -> None:
        path = self._path(key)
        if path is None:
            return
        # Builds in parallel processes, or a build and the preview server, may write the same
        # entry; a cache that cannot be written (a full disk, a read-only checkout) only costs time.
        with contextlib.suppress(OSError):
            write_whole(Path(path), marshalled(entry))
            note_grown(self.folder)  # type: ignore[arg-type]


def _pack_in(folder: Path | None) -> BodyPack | None:
    # Read by positioned reads, which Windows' Python lacks: there, the bodies' own files only.
    return BodyPack(folder / PACK_FILE) if folder is not None and hasattr(os, "pread") else None


def _key(markdown: str, first_line: int, lang: str, copy: str | None = None) -> str:
    digest = hashlib.blake2b(digest_size=20)
    # An untranslated copy's body is told of nothing its text holds in another script: its own entry.
    digest.update(f"{lang}\0{first_line}\0{'' if copy is None else 'copy ' + copy}".encode())
    digest.update(markdown.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _file_key(digest: bytes, lang: str) -> str:
    # Never a text's key: those hash a language, a line number and the text.
    return hashlib.blake2b(f"file\0{lang}\0".encode() + digest, digest_size=20).hexdigest()


def _read_entry(path: str, size: int) -> tuple | None:
    """The entry kept at ``path``, if it is a tuple of ``size`` items; None if missing or
    damaged (the body is then rendered afresh and written again)."""
    kept = read_marshalled(path)
    return kept if isinstance(kept, tuple) and len(kept) == size else None


def _replayed(
    entry: tuple | list, ask: Callable[[Problems], BodyQuestions], problems: Problems, copy: str | None
) -> tuple[str, object] | None:
    """The HTML and derived value of a kept ``entry`` if its questions get the same answers
    again (its problems then go to ``problems``), else None; ``copy`` as `BodyCache.render`'s."""
    html, derived, events = entry
    trial = Problems()
    if not _replays(events, ask(trial), copy):
        return None
    problems.extend(trial.items)
    return html, derived


def _answer(rewrite: LinkRewrite | None) -> tuple[str, str | None] | None:
    return None if rewrite is None else (rewrite.href, rewrite.hreflang)


def _recording(ask: BodyQuestions, events: list[Event]) -> tuple:
    """The renderer's callbacks, each passing the question on and writing down question and answer."""

    def rewrite(href: str, line: int) -> LinkRewrite | None:
        found = ask.rewrite(href, line)
        events.append(("r", href, line, _answer(found)))
        return found

    def warn(line: int, message: str) -> None:
        events.append(("w", line, message))
        ask.warn(line, message)

    def place(name: str, alt: str, title: str, line: int, block: bool) -> str | None:
        found = ask.place(name, alt, title, line, block)
        events.append(("p", name, alt, title, line, block, found))
        return found

    def error(line: int, message: str) -> None:
        events.append(("e", line, message))
        ask.error(line, message)

    def image(src: str, line: int) -> None:
        events.append(("i", src, line))
        ask.image(src, line)

    def headings(ids: frozenset[str]) -> None:
        events.append(("h", ids))
        ask.headings(ids)

    return rewrite, warn, place, error, image, headings


def _replays(events: tuple[Event, ...], ask: BodyQuestions, copy: str | None) -> bool:
    """Ask every recorded question again; whether each answer is the recorded one."""
    kept_as = events[0][1] if events and events[0][0] == "c" else None
    if kept_as != copy:
        return False  # kept as a body of its own and now a copy's, or as a copy in another language
    for event in events[kept_as is not None :]:
        kind = event[0]
        if kind == "r":
            if _answer(ask.rewrite(event[1], event[2])) != event[3]:
                return False
        elif kind == "p":
            if ask.place(*event[1:6]) != event[6]:
                return False
        elif kind == "i":
            ask.image(event[1], event[2])
        elif kind == "w":
            ask.warn(event[1], event[2])
        elif kind == "e":
            ask.error(event[1], event[2])
        elif kind == "h":
            ask.headings(event[1])
        else:
            return False
    return True
