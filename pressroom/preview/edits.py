"""Which edits a quick rebuild can take, and the front matter it puts in their place.

An edit is applied to the last build's model only when none of the fields that place its
version changed (`PLACING`). For that, the model keeps for each file it read where the file
is and those fields (`Placed`): a command-line rebuild reads only that much of the kept model,
not every file's checked front matter, which is half of the model's reading at 10,000
releases. An edited release's other versions are then read again from their files, whose
bytes are those the model was made from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pressroom.base.errors import Problems
from pressroom.model.catalog import Catalog
from pressroom.source.content import MarkdownSource
from pressroom.source.frontmatter import VersionSource, read_version

PLACING = (
    "key",
    "date",
    "partners",
    "topics",
    "slug",
    "draft",
    "publish",
    "image",
    "downloads",
    "body_media",
    "untranslated",
)
"""Fields that decide where a version is shown and what it is grouped with (its language,
path and kind are those of its file, which is the same file), the media it shows (a new
picture or document is checked and made by a full build), and whether the build warns
about it."""


@dataclass(frozen=True, slots=True)
class Placed:
    """What an edit of one file is compared with: the file, and its version as the model has it."""

    file: MarkdownSource
    placing: tuple[object, ...]
    """The `PLACING` fields' values."""
    updated: datetime.date | None
    """The sitemap shows it: a new one means the sitemap is rendered again."""
    title: str
    """A page's title is in the navigation of every page."""


def placed(version: VersionSource) -> Placed:
    file = MarkdownSource(version.path, version.lang, version.rel, version.is_page, version.location)
    return Placed(file, _placing(version), version.updated, version.title)


def placed_files(versions: Iterable[VersionSource]) -> dict[str, Placed]:
    """Each file's `Placed`, by its path as the build names it."""
    return {version.path: placed(version) for version in versions}


def _placing(version: VersionSource) -> tuple[object, ...]:
    return tuple(getattr(version, name) for name in PLACING)


def read_edits(known: Mapping[str, Placed], names: Iterable[str], catalog: Catalog) -> dict[str, VersionSource] | None:
    """The new front matter of each edited file (by its name in ``known``), or None if any
    edit needs a full build: a file the last build did not read, a problem in it (a full build
    reports every problem of the site at once), or a field that places it changed."""
    edited: dict[str, VersionSource] = {}
    for name in names:
        old = known.get(name)
        if old is None:
            return None  # not a Markdown file the last build read: new, removed, or not content
        new = read_again(old, catalog)
        if new is None or _placing(new) != old.placing:
            return None
        if new.is_page and new.title != old.title:
            return None
        edited[name] = new
    return edited


def read_again(known: Placed, catalog: Catalog) -> VersionSource | None:
    """The file's front matter as it is now, or None if it has any problem."""
    problems = Problems()
    found = read_version(known.file, frozenset(catalog.partners), frozenset(catalog.topics), problems)
    return None if problems.items else found
