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
version of pressroom never reads an older one's entries, and removes them. Beside them, a
hash of each whole file a body came from (front matter included) names its text's entry: a
build finds a kept body without reading its file again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.errors import Problems
from pressroom.base.files import read_marshalled, read_plain, remove_other_folders, write_whole
from pressroom.base.versions import described
from pressroom.source.inputs import code_digest
from pressroom.source.markdown import ImagePlacer, LinkRewrite, LinkRewriter, render_markdown

BODIES_DIR = "bodies"
"""The cache's sub-folder for rendered bodies."""


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
ids)``, the ids of its headings: other texts' links to its sections are checked against them."""


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
        tried: str | None = None,
    ) -> tuple[str, object]:
        """The HTML of a body, and ``extra(html)`` (its reading time), from the cache when every
        question gets the answer it got before; problems go to ``problems`` either way.
        ``tried``: a key whose entry was just found not to fit (not replayed again)."""
        key = _key(markdown, first_line, lang)
        kept = self._replayed(key, ask, problems) if key != tried else None
        if kept is not None:
            return kept
        events: list[Event] = []
        rewrite, warn, place, error, image, headings = _recording(ask(problems), events)
        html = render_markdown(markdown, first_line, rewrite, warn, place, error=error, image=image, headings=headings)
        derived = extra(html)
        self._write(key, (html, derived, tuple(events)))
        return html, derived

    def render_file(
        self,
        digest: bytes,
        lang: str,
        read: Callable[[], tuple[str, int, bool]],
        ask: Callable[[Problems], BodyQuestions],
        problems: Problems,
        extra: Callable[[str], object],
    ) -> tuple[str, object]:
        """`render` for the body of the file whose bytes have ``digest``: the key of its text is
        kept under that digest, so that a kept body is found without reading, decoding and
        splitting the file again. ``read()`` gives its Markdown, first line, and whether the
        file still has the bytes digested (a file changed since is rendered, not pointed to).

        A kept body is trusted to be that of the file as it was loaded (the file is not read,
        so a change since is seen by the next build): the page shows it with the front matter
        loaded from the same bytes."""
        pointer = self._path(_file_key(digest, lang))
        key = _read_pointer(pointer) if pointer is not None else None
        kept = self._replayed(key, ask, problems) if key is not None else None
        if kept is not None:
            return kept
        markdown, first_line, unchanged = read()
        rendered = self.render(markdown, first_line, lang, ask, problems, extra, tried=key)
        if unchanged and pointer is not None:
            with contextlib.suppress(OSError):
                write_whole(Path(pointer), _key(markdown, first_line, lang).encode("ascii"))
        return rendered

    def _replayed(
        self, key: str, ask: Callable[[Problems], BodyQuestions], problems: Problems
    ) -> tuple[str, object] | None:
        kept = self._read(key)
        if kept is not None:
            html, derived, events = kept
            trial = Problems()
            if _replays(events, ask(trial)):
                problems.extend(trial.items)
                return html, derived
        return None

    def _path(self, key: str) -> str | None:
        # A string: thousands are made per build, and pathlib parses every part it joins.
        return os.path.join(self.folder, key[:2], key[2:]) if self.folder is not None else None

    def _read(self, key: str) -> tuple[str, object, tuple[Event, ...]] | None:
        path = self._path(key)
        if path is None:
            return None
        kept = read_marshalled(path)  # None if missing or damaged: rendered afresh and written again
        return kept if isinstance(kept, tuple) and len(kept) == 3 else None

    def _write(self, key: str, entry: tuple) -> None:
        path = self._path(key)
        if path is None:
            return
        # Builds in parallel processes, or a build and the preview server, may write the same
        # entry; a cache that cannot be written (a full disk, a read-only checkout) only costs time.
        with contextlib.suppress(OSError):
            write_whole(Path(path), marshal.dumps(entry))


def _key(markdown: str, first_line: int, lang: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{lang}\0{first_line}\0".encode())
    digest.update(markdown.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _file_key(digest: bytes, lang: str) -> str:
    # Never a text's key: those hash a language, a line number and the text.
    return hashlib.blake2b(f"file\0{lang}\0".encode() + digest, digest_size=20).hexdigest()


def _read_pointer(path: str) -> str | None:
    """The text key kept at ``path``, if there is a well-formed one."""
    try:
        key = read_plain(path).decode("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    return key if len(key) == 40 and all(c in "0123456789abcdef" for c in key) else None


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


def _replays(events: tuple[Event, ...], ask: BodyQuestions) -> bool:
    """Ask every recorded question again; whether each answer is the recorded one."""
    for event in events:
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
