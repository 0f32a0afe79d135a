"""The no-op rebuild: when nothing a build reads has changed, the output is left as it is.

A build's inputs are hashed (every file of the content, templates, catalogs and settings,
the generator's own code, the options and the build date); the hash is kept in the output
folder's marker. The next build with the same hash is done before it starts. A content file
whose status is what it was when a build last read it is not read again (`filestats`).
Releases under embargo make the output depend on the clock, so a site with any ``publish:``
is always built.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pressroom.base.clock import build_date
from pressroom.base.files import digest_plain, read_plain, remove_other_folders, walk
from pressroom.base.versions import described
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT, SITE_FOLDERS, SiteConfig, template_dirs
from pressroom.source.content import DIGEST_SIZE, file_digest
from pressroom.source.filestats import STATS_FILE, FileStats

CODE_DIR = Path(__file__).resolve().parents[1]
"""The engine itself: a new version of pressroom is a new build."""
PREFIX = "inputs: "
PACKAGES = (
    "pagefind",
    "jinja2",
    "markdown-it-pyrs",
    "markdown-it-py",
    "babel",
    "budoux",
    "pillow",
    "noto-cjk-sans-jp-bold",
)
"""Libraries whose version is part of a build's inputs: a new one may render differently."""
SearchMode = Literal["index", "keep", "off"]
"""Make the search index, keep the output's as it is, or leave search pages empty."""
TEXTS_FILE = "texts"
"""The cache's file of remembered texts (`pressroom.base.textmemo`)."""
CATALOGS_DIR = "catalogs"
"""The cache's sub-folder of compiled translation catalogs."""


def _files(folders: Iterable[Path]) -> list[str]:
    # walk reads file types from the directory listing: no stat per file (there can be
    # tens of thousands, and this runs before every build). Plain strings sort much faster
    # than paths.
    found = []
    for folder in folders:
        if folder.is_dir():
            for top, dirs, files in walk(folder):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                found.extend(os.path.join(top, name) for name in files)
        elif folder.is_file():
            found.append(str(folder))
    return sorted(set(found))


@dataclass(frozen=True, slots=True)
class Hashes:
    """What a build reads, hashed: the whole, its surroundings, and each content file."""

    inputs: str | None
    """The hash of everything the build reads, or None when its output depends on the clock."""
    surroundings: str
    """The hash of what a build reads besides its content (templates, catalogs, settings, the
    generator's code and the options): two pages with the same view and the same
    surroundings are the same bytes."""
    files: Mapping[str, bytes] | None
    """Path → `file_digest` of every file of the content (None when its output depends on the clock)."""
    basis: str = ""
    """The hash of the surroundings a site's model depends on: the settings, the code and the
    options, not the templates or catalogs, which only rendering reads."""


def inputs_hash(
    config: SiteConfig,
    template_dirs: tuple[Path, ...],
    options: dict[str, object],
    known: Mapping[str, bytes] | None = None,
) -> str | None:
    """The hash of everything the build reads, or None when its output depends on the clock.

    ``known``: path → `file_digest` of Markdown files the build has already read and found
    without ``publish:``; only the other files are read here."""
    return build_hashes(config, template_dirs, options, known).inputs


def build_hashes(
    config: SiteConfig,
    template_dirs: tuple[Path, ...],
    options: dict[str, object],
    known: Mapping[str, bytes] | None = None,
    stats: Path | None = None,
) -> Hashes:
    """`inputs_hash`, the surroundings' hash and each content file's digest, each file read once.
    ``stats``: where the record of the content files' status is kept (see `filestats`): a
    file with the status it had when last read is not read again."""
    surroundings, basis = _surroundings(config, template_dirs, options)
    record = FileStats(stats)
    files = _file_digests([config.content_dir], known or {}, record=record)
    if files is None:
        return Hashes(None, surroundings.hexdigest(), None, basis)
    record.save()
    inputs = surroundings.copy()
    _add_digests(inputs, files, config.root)
    return Hashes(inputs.hexdigest(), surroundings.hexdigest(), files, basis)


def site_hashes(config: SiteConfig, options: dict[str, object], known: Mapping[str, bytes] | None = None) -> Hashes:
    """`build_hashes` for a site's own template folders, with its record of the content files'
    status: what every build of ``config`` hashes."""
    return build_hashes(config, template_dirs(config), options, known, stats_file(config))


@functools.cache
def code_digest() -> bytes:
    """A digest of the generator's own files, read once per process (the running code cannot
    change under it)."""
    digest = hashlib.blake2b(digest_size=20)
    for name in _files([CODE_DIR]):
        with open(name, "rb", buffering=0) as stream:
            data = stream.readall()
        digest.update(os.fsencode(os.path.relpath(name, CODE_DIR)) + b"\0" + file_digest(data))
    return digest.digest()


def _surroundings(
    config: SiteConfig, template_dirs: tuple[Path, ...], options: dict[str, object]
) -> tuple[hashlib.blake2b, str]:
    """The surroundings' digest, and the hash of the part of them a site's model depends on."""
    digest = hashlib.blake2b(digest_size=20)
    for key, value in sorted(options.items()):
        digest.update(f"{key}={value}\n".encode())
    digest.update(described(PACKAGES).encode())
    digest.update(b"code\0" + code_digest())
    _add_digests(digest, _file_digests([config.root / "site.yaml"], {}, content=False) or {}, config.root)
    basis = digest.hexdigest()
    for name in SITE_FOLDERS:
        # A file in place of either folder has the bundled one read instead, which alone would
        # leave the hash as it was: the next build would keep the old site without a word.
        folder = config.root / name
        digest.update(f"{name}:{folder.is_dir()}:{os.path.lexists(folder)}\n".encode())
    _add_digests(digest, _file_digests([config.locales_dir, *template_dirs], {}, content=False) or {}, config.root)
    return digest, basis


def _file_digests(
    folders: list[Path], known: Mapping[str, bytes], content: bool = True, record: FileStats | None = None
) -> dict[str, bytes] | None:
    """Path → digest of the files under ``folders`` in order; for ``content``, None if a
    Markdown file has ``publish:`` (a note among the templates is only a file). ``record``:
    files it knows with their present status are not read."""
    digests = {}
    for name in _files(folders):
        file = known.get(name)
        if file is not None:
            if record is not None:
                record.keep(name)
        else:
            looked = record.digest(name) if record is not None else None
            if looked is not None and looked[1] is not None:
                digests[name] = looked[1]
                continue
            try:
                if content and name.endswith(".md"):
                    data = read_plain(name)
                    if b"\npublish:" in data:
                        return None
                    file = file_digest(data)
                else:  # a download may be large: hashed as it is read, never held whole
                    file = digest_plain(name, DIGEST_SIZE)
            except OSError:
                # A link to nowhere, a named pipe: never read, but part of the hash, so that one
                # appearing makes a real build, which reports it.
                digests[name] = b""
                continue
            if record is not None and looked is not None:
                record.learn(name, looked[0], file)
        digests[name] = file
    return digests


def _add_digests(digest: hashlib.blake2b, files: Mapping[str, bytes], root: Path) -> None:
    """Each file's digest under its name relative to the site root, or to the project for the
    bundled templates and catalogs: the same site in another folder (a clone) has the same
    hash, as it has the same pages, and a file moved between the site's and the project's
    folders changes it. (The keys of ``files`` stay as they are: what reads them reads the files.)"""
    places = (
        (os.path.join(root, ""), ""),
        (os.path.join(os.path.abspath(root), ""), ""),
        (os.path.join(PROJECT_ROOT, ""), "\0pressroom\0"),
    )
    for name, file in files.items():
        digest.update(os.fsencode(_shown(name, places)) + b"\0" + file)


def _shown(name: str, places: tuple[tuple[str, str], ...]) -> str:
    # The names are made from the folders as the settings give them, so they begin with the
    # root or the project as written; only a root such as "." needs them made absolute.
    for full in (name, os.path.abspath(name)):
        for prefix, mark in places:
            if full.startswith(prefix):
                return mark + full[len(prefix) :]
    return name  # a folder of the settings' outside both: where it is, as the build reads it


def recorded_hash(marker: Path) -> str | None:
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((line.removeprefix(PREFIX) for line in lines if line.startswith(PREFIX)), None)


def catalog_folder(cache: Path | None) -> Path | None:
    """The cache's folder for compiled catalogs (see `pressroom.base.i18n.compiled_catalog`),
    named by what compiles them: this code and Babel. Folders of other versions are removed."""
    if cache is None:
        return None
    folder = cache / CATALOGS_DIR / _code_and("babel")
    remove_other_folders(folder.parent, {folder})
    return folder


def texts_stamp() -> bytes:
    """The stamp of the cache's remembered texts (`pressroom.base.textmemo`): what makes them,
    this code, Babel and BudouX (a Japanese headline's phrases)."""
    return f"pressroom texts {_code_and('babel', 'budoux')}\n".encode()


def _code_and(*libraries: str) -> str:
    return hashlib.blake2b(code_digest() + described(libraries).encode(), digest_size=12).hexdigest()


def build_options(config: SiteConfig, drafts: bool, search: SearchMode) -> dict[str, object]:
    """The options a build's output depends on, for its inputs hash (the date among them)."""
    return {"drafts": drafts, "base_url": config.base_url, "search": search, "date": build_date()}


def stats_file(config: SiteConfig) -> Path:
    """Where the record of the content files' status is kept (see `filestats`)."""
    return config.root / CACHE_DIR / STATS_FILE
