"""Reading the content folder: which files exist, in which language, and their text.

Owns the layout contract of ``content/`` (one folder per language, ``partners/``,
``topics.yaml``) and text hygiene: UTF-8 only (a BOM read past), LF line ends, NFC-normalised
text and paths, so a checkout from any operating system builds the same site; no control
characters (see `pressroom.base.text`). Links inside ``content/`` are followed only to files
inside the site root; links to folders are reported and not followed, so no loop can hang a scan.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.encodings import not_utf8, saved_as_utf16
from pressroom.base.errors import Problems
from pressroom.base.files import not_plain, read_plain
from pressroom.base.text import (
    describe_character,
    first_forbidden,
    forbidden_kind,
    forbidden_lines,
    line_end,
    line_feeds,
)
from pressroom.source.slugs import left_by_tools, unportable_name

PARTNERS_DIR = "partners"
MEDIA_DIR = "media"
"""Images and documents, shared by every language (see `pressroom.source.media`)."""
TOPICS_FILE = "topics.yaml"
PAGES_DIR = "pages"
MOST_LINES_TOLD = 20
"""Lines of one file told of an invisible character each; a file with more is told so once."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One text file of the content folder, decoded and normalised."""

    display: str
    """Path relative to the site root, for messages (``content/de/2024/x.md``)."""
    text: str
    digest: bytes = b""
    """The file's `file_digest`, when asked for."""


DIGEST_SIZE = 20
"""Bytes of the digest by which a build records each file it read."""


def media_shown(name: str) -> str:
    """How a message names the media file ``name``: ``content/media/2024/foto.jpg``."""
    return f"content/{MEDIA_DIR}/{name}"


def file_digest(data: bytes) -> bytes:
    """A file's bytes hashed, for the record of what a build read (see `buildcache`)."""
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


@dataclass(frozen=True, slots=True)
class MarkdownSource:
    """A Markdown file in one of the language folders, not yet read.

    Read by whoever checks it, one file at a time: a large site's text is never all in
    memory at once."""

    display: str
    """Path relative to the site root, for messages (``content/de/2024/x.md``)."""
    lang: str
    rel: str
    """Path under ``content/<lang>/`` without ``.md``, NFC, with ``/`` (``2024/x``)."""
    is_page: bool
    """True for standalone pages under ``pages/``; False for releases."""
    location: Path
    """Where the file is on disk (its name as the file system spells it)."""


@dataclass(frozen=True, slots=True)
class ContentTree:
    """Everything found in ``content/``, not yet validated."""

    markdown: tuple[MarkdownSource, ...]
    partners: tuple[tuple[str, SourceFile], ...]
    """(partner id, file) pairs."""
    topics: SourceFile | None
    unread_partners: tuple[str, ...] = ()
    """Ids of partner files not readable as text (saved as UTF-16, a named pipe, a folder, a link
    out of the site): one mistake, at the file."""
    unread_topics: bool = False
    """The topics file is there but could not be read: not also "missing"."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def content_path(root: Path, path: Path | str) -> str | None:
    """A file's path as the build names it (``content/de/2024/x.md``: under the site root,
    ``/`` between its parts, each in NFC), from its path on disk, as given or resolved; None
    for a file outside the root."""
    text = os.fspath(path)
    for prefix in _roots(root):
        if text.startswith(prefix):
            return nfc(text[len(prefix) :].replace(os.sep, "/"))
    return None


@functools.cache
def _roots(root: Path) -> tuple[str, str]:
    return os.path.join(root, ""), os.path.join(os.path.realpath(root), "")


def _not_a_language(name: str, languages: tuple[str, ...]) -> str:
    """What to do with a folder under content/ that is no language's: a year's releases put
    beside the language folders, a language named in capitals, or a language to publish."""
    listed = ", ".join(languages)
    if name.isascii() and name.isdigit():
        return f"'{name}' is no language: a year's releases go in their language's folder: {_into(name, languages)}"
    if name.lower() in languages:
        return f"unknown language folder '{name}' (languages: {listed}): rename it '{name.lower()}'"
    return f"unknown language folder '{name}' (languages: {listed}; add it to 'languages' in site.yaml to publish it)"


def _into(name: str, languages: tuple[str, ...]) -> str:
    places = [f"content/{lang}/{name}" for lang in languages]
    choice = f"{', '.join(places[:-1])} or {places[-1]}" if len(places) > 1 else places[0]
    return f"move it to {choice}"


def read_text(path: Path, display: str, problems: Problems, *, digest: bool = False) -> SourceFile | None:
    """Decode a file as UTF-8 and normalise it; record a problem and return None if it isn't.

    ``digest``: also hash the bytes read, so the build's record of its inputs need not read
    the file again."""
    try:
        data = read_plain(path)
    except OSError as exc:
        # A link to nowhere is there to see: "cannot read the file: No such file or directory" was no help.
        what = "follow this link" if os.path.islink(path) else "read the file"
        problems.error(display, 0, f"cannot {what}: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.error(display, *not_utf8(data, exc.start))
        return None
    # A tool that puts its byte order mark in front of a file that had one leaves two: both unseen.
    text = line_feeds(text.lstrip("\ufeff"))
    forbidden = list(itertools.islice(forbidden_lines(text), MOST_LINES_TOLD + 1))
    if forbidden:
        if forbidden[0][1] == "\x00" and saved_as_utf16(data):  # ASCII in UTF-16 decodes, NULs and all
            problems.error(display, *not_utf8(data, 0))
            return None
        # Each line that holds one, so that one run finds them all (a paste from a PDF or a
        # terminal leaves several); a file full of them is not told line by line.
        for line, character in forbidden[:MOST_LINES_TOLD]:
            problems.error(
                display,
                line,
                f"invisible {forbidden_kind(character)} {describe_character(character)} in the text; delete it "
                "(it would make feeds and the sitemap invalid)",
            )
        if len(forbidden) > MOST_LINES_TOLD:
            problems.error(
                display, forbidden[-1][0], "this line and others below it hold invisible characters too: delete them"
            )
        return None
    return SourceFile(display, nfc(text), file_digest(data) if digest else b"")


def editable_text(path: Path) -> str:
    """A version's text as the commands that edit or export it read it: its byte order mark and
    carriage returns dropped as the build drops them, so that its front matter is found where
    the build found it (a file saved with a mark was built, then refused by ``confirm``)."""
    return line_feeds(read_plain(path).decode("utf-8").lstrip("\ufeff"))


def as_saved(path: Path, text: str) -> str:
    """``text``, read by `editable_text` and edited, with the line ends and the byte order mark
    the file at ``path`` has: a command that changes one line of a file saved with Windows line
    ends must not change every line of it (in the editor's diff, and for the editor who chose
    them), nor take away a mark the editor's tool set, which the build reads past anyway."""
    try:
        saved = read_plain(path).decode("utf-8", errors="replace")
    except OSError:  # not there (yet): line feeds and no mark, as the build writes
        saved = ""
    end = line_end(saved)
    text = text if end == "\n" else text.replace("\n", end)
    return "\ufeff" + text if saved.startswith("\ufeff") else text


def scan_content(root: Path, languages: tuple[str, ...], problems: Problems) -> ContentTree:
    """List and read every content file, sorted so that results never depend on the file system."""
    content = root / "content"
    markdown: list[MarkdownSource] = []
    partners: list[tuple[str, SourceFile]] = []
    unread_partners: list[str] = []
    topics: SourceFile | None = None
    unread_topics = False
    if not content.is_dir():
        problems.error("content", 0, "no content folder: expected content/<language>/ folders")
        return ContentTree((), (), None)
    inside = root.resolve()
    # A language's own folder is the one kept beside a twin in capitals ('DE' beside 'de'):
    # kept the other way, every release of the language went missing, with a message for each.
    reserved = frozenset((*languages, PARTNERS_DIR, MEDIA_DIR, TOPICS_FILE))
    for name, path, kind in _entries(content, "content", inside, problems, reserved):
        display = f"content/{name}"
        if kind == "dir" and name in languages:
            markdown.extend(_scan_language(path, name, inside, problems))
        elif kind == "dir" and name == PARTNERS_DIR:
            for file_name, file, file_kind in _entries(path, display, inside, problems):
                file_display, partner_id = f"{display}/{file_name}", file_name.removesuffix(".yaml")
                if file_name == partner_id:
                    if file_kind != "other":
                        problems.warning(file_display, 0, "ignored: partner files end in .yaml")
                    continue
                source = _one_file(file, file_kind, file_display, "a partner is", "A partner", problems)
                if source:
                    partners.append((partner_id, source))
                else:  # said at the file: not also an unknown partner in every release naming it
                    unread_partners.append(partner_id)
        elif kind == "dir" and name == MEDIA_DIR:
            continue  # checked file by file where releases name them
        elif name == TOPICS_FILE:
            topics = _one_file(path, kind, display, "the topics are", "Topics", problems)
            unread_topics = topics is None
        elif kind == "other":
            continue
        elif kind == "dir":
            problems.error(display, 0, _not_a_language(name, languages))
        elif name.endswith(".md"):
            problems.warning(
                display, 0, f"ignored: a release or page goes in its language's folder: {_into(name, languages)}"
            )
        else:
            problems.warning(display, 0, "ignored: not part of the content format")
    return ContentTree(tuple(markdown), tuple(partners), topics, tuple(unread_partners), unread_topics)


def _one_file(path: Path, kind: str, display: str, what: str, section: str, problems: Problems) -> SourceFile | None:
    """The text of a partner or topics file, or None once what stands there instead is said
    (``what``: 'the topics are', 'a partner is'; ``section``: the README's on it)."""
    if kind == "dir":
        problems.error(display, 0, f"a folder, where {what} one YAML file of this name (README: {section})")
    return read_text(path, display, problems) if kind == "file" else None


CASE_TWINS = (
    "differs only in case from '{other}' beside it: on Windows and macOS the two are one,"
    " and a checkout keeps one of them; rename one"
)
"""Two names of one folder that only case tells apart (``Map.png`` and ``map.png``)."""
_SAME_BUT_CASE = (
    "differs only in case from '{other}' beside it, the folder the site reads: on Windows and macOS the two"
    " are one; move what it holds into '{other}' and delete it"
)


def _scan_language(folder: Path, lang: str, inside: Path, problems: Problems) -> list[MarkdownSource]:
    found: list[MarkdownSource] = []
    for rel_path, path in _visible_files(folder, f"content/{lang}", "", inside, problems):
        display = f"content/{lang}/{rel_path}"
        if rel_path.lower().endswith(".md") and not rel_path.endswith(".md"):
            problems.warning(display, 0, "ignored: its suffix is not .md in small letters; rename it to publish it")
            continue
        if not rel_path.endswith(".md"):
            problems.warning(
                display,
                0,
                "ignored: only Markdown (.md) files are published; images and documents go in content/media/",
            )
            continue
        rel = rel_path.removesuffix(".md")
        found.append(MarkdownSource(display, lang, rel, rel.startswith(PAGES_DIR + "/"), path))
    return found


def _visible_files(
    folder: Path, display: str, prefix: str, inside: Path, problems: Problems
) -> Iterator[tuple[str, Path]]:
    """(NFC path under the language folder, path) of every file not hidden by a dot in its
    name or a folder's, in sorted order. Links to folders are not followed (reported instead).
    Folders are entered from a stack, not by recursion: a thousand of them nested ended in a
    RecursionError."""
    levels = [(display, prefix, iter(_entries(folder, display, inside, problems)))]
    while levels:
        shown, within, entries = levels[-1]
        entry = next(entries, None)
        if entry is None:
            levels.pop()
            continue
        name, path, kind = entry
        if kind == "dir":
            below = f"{shown}/{name}"
            levels.append((below, f"{within}{name}/", iter(_entries(path, below, inside, problems))))
        elif kind == "file":
            yield f"{within}{name}", path


def _entries(
    folder: Path, display: str, inside: Path, problems: Problems, reserved: frozenset[str] = frozenset()
) -> list[tuple[str, Path, str]]:
    """(NFC name, path, ``dir`` | ``file`` | ``other``) of each visible entry of ``folder``, sorted.

    Everything the file system can do wrong is a problem on the entry, never an exception:
    an unreadable folder, a link in a loop or to nowhere or out of the site root, a link to a
    folder (not followed: it could lead back to where it is), two names that differ only in how
    their accents are encoded (NFC and NFD look the same but are two files), and two that differ
    only in case (`CASE_TWINS`): of those, a name ``reserved`` is kept, else the first in order."""
    try:
        with os.scandir(folder) as listing:
            raw = list(listing)
    except OSError as exc:
        problems.error(display, 0, f"cannot read the folder: {exc.strerror or exc}")
        return []
    entries: dict[str, tuple[str, Path, str]] = {}
    spelled: dict[str, str] = {}
    folded: dict[str, str] = {}
    for entry in sorted(raw, key=lambda e: (nfc(e.name) not in reserved, e.name)):
        name = nfc(entry.name)
        if left_by_tools(name):
            continue
        where = f"{display}/{name}"
        if not name.isascii() and not _is_utf8(name):
            # Undecodable bytes in a name would reach URLs, the sitemap and messages.
            problems.error(where.encode("utf-8", "backslashreplace").decode(), 0, "the name is not UTF-8; rename it")
            continue
        if first_forbidden(name) is not None:
            problems.error(where, 0, "the name contains a control character; rename it")
            continue
        unportable = unportable_name(name)
        if unportable is not None:
            problems.error(where, 0, f"{unportable}; rename it")
            continue
        if name in spelled:
            problems.error(
                where,
                0,
                "two files have this name, spelled with different Unicode encodings of the same "
                "letters (NFC and NFD); keep one",
            )
            continue
        twin = folded.get(name.casefold())
        if twin is not None:
            problems.error(
                where, 0, _SAME_BUT_CASE.format(other=twin) if twin in reserved else CASE_TWINS.format(other=twin)
            )
            continue
        folded[name.casefold()] = name
        spelled[name] = entry.name
        entries[name] = (name, Path(entry.path), _kind(entry, where, inside, problems))
    return [entries[name] for name in sorted(entries)]


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes the file system could not decode, kept as surrogates
        return False
    return True


def _kind(entry: os.DirEntry, where: str, inside: Path, problems: Problems) -> str:
    """``dir``, ``file`` or ``other``; each ``other`` is reported here, so callers pass it by."""
    try:
        if not entry.is_symlink():
            if entry.is_dir(follow_symlinks=False):
                return "dir"
            if entry.is_file(follow_symlinks=False):
                return "file"
            return _special(entry.stat(follow_symlinks=False).st_mode, where, problems)
        info = os.stat(entry.path)  # follows the link: a loop or a dangling link fails here, with its reason
        target = Path(entry.path).resolve()
    except OSError as exc:
        problems.error(where, 0, f"cannot follow this link: {exc.strerror or exc}")
        return "other"
    if target.is_dir():
        problems.warning(where, 0, "ignored: links to folders are not followed; move the folder here instead")
        return "other"
    if inside not in target.parents:
        problems.error(where, 0, "this link leads outside the site root; copy the file here instead")
        return "other"
    return "file" if stat.S_ISREG(info.st_mode) else _special(info.st_mode, where, problems)


def _special(mode: int, where: str, problems: Problems) -> str:
    # A named pipe would make the build wait for a writer that never comes, a device could
    # be read without end: neither is opened.
    problems.error(where, 0, f"{not_plain(mode)}, not a file: content is read from plain files only; remove it")
    return "other"
