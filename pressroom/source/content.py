"""Reading the content folder: which files exist, in which language, and their text.

Owns the layout contract of ``content/`` (one folder per language, ``partners/``,
``topics.yaml``) and text hygiene: UTF-8 only, no BOM, LF line ends, NFC-normalised
text and paths, so a checkout from any operating system builds the same site.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.errors import Problems

PARTNERS_DIR = "partners"
MEDIA_DIR = "media"
"""Images and documents, shared by every language (see `pressroom.source.media`)."""
TOPICS_FILE = "topics.yaml"
PAGES_DIR = "pages"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One text file of the content folder, decoded and normalised."""

    display: str
    """Path relative to the site root, for messages (``content/de/2024/x.md``)."""
    text: str
    digest: bytes = b""
    """The file's `file_digest`, when asked for."""


def file_digest(data: bytes) -> bytes:
    """A file's bytes hashed, for the record of what a build read (see `buildcache`)."""
    return hashlib.blake2b(data, digest_size=20).digest()


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


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, display: str, problems: Problems, *, digest: bool = False) -> SourceFile | None:
    """Decode a file as UTF-8 and normalise it; record a problem and return None if it isn't.

    ``digest``: also hash the bytes read, so the build's record of its inputs need not read
    the file again."""
    # Unbuffered: one read of the whole file, without the buffered reader's extra system calls.
    with open(path, "rb", buffering=0) as stream:
        data = stream.readall()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(display, line, "file is not UTF-8 text (save it as UTF-8)")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(display, nfc(text), file_digest(data) if digest else b"")


def scan_content(root: Path, languages: tuple[str, ...], problems: Problems) -> ContentTree:
    """List and read every content file, sorted so that results never depend on the file system."""
    content = root / "content"
    markdown: list[MarkdownSource] = []
    partners: list[tuple[str, SourceFile]] = []
    topics: SourceFile | None = None
    if not content.is_dir():
        problems.error("content", 0, "no content folder: expected content/<language>/ folders")
        return ContentTree((), (), None)
    for entry in sorted(content.iterdir(), key=lambda p: nfc(p.name)):
        name = nfc(entry.name)
        display = f"content/{name}"
        if name.startswith("."):
            continue
        if entry.is_dir() and name in languages:
            markdown.extend(_scan_language(entry, name, problems))
        elif entry.is_dir() and name == PARTNERS_DIR:
            for file in sorted(entry.iterdir(), key=lambda p: nfc(p.name)):
                file_name = nfc(file.name)
                if file_name.startswith("."):
                    continue
                file_display = f"{display}/{file_name}"
                if not file_name.endswith(".yaml") or not file.is_file():
                    problems.warning(file_display, 0, "ignored: partner files end in .yaml")
                    continue
                source = read_text(file, file_display, problems)
                if source:
                    partners.append((file_name.removesuffix(".yaml"), source))
        elif entry.is_dir() and name == MEDIA_DIR:
            continue  # checked file by file where releases name them
        elif entry.is_file() and name == TOPICS_FILE:
            topics = read_text(entry, display, problems)
        elif entry.is_dir():
            problems.error(
                display,
                0,
                f"unknown language folder '{name}' (languages: {', '.join(languages)}; "
                f"add it to 'languages' in site.yaml to publish it)",
            )
        else:
            problems.warning(display, 0, "ignored: not part of the content format")
    return ContentTree(tuple(markdown), tuple(partners), topics)


def _scan_language(folder: Path, lang: str, problems: Problems) -> list[MarkdownSource]:
    found: list[MarkdownSource] = []
    for rel_path, path in sorted(_visible_files(folder, "")):
        display = f"content/{lang}/{rel_path}"
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


def _visible_files(folder: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    """(NFC path under the language folder, path) of every file not hidden by a dot in its
    name or a folder's. Folder links are not followed (as with ``rglob``); file types come
    from the directory listing, without a stat per file."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = nfc(entry.name)
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _visible_files(Path(entry.path), f"{prefix}{name}/")
            elif entry.is_file():
                yield f"{prefix}{name}", Path(entry.path)
