"""Which edits a quick rebuild can take, and the front matter it puts in their place.

An edit is applied to the last build's model only when none of the fields that place its
version changed (`PLACING`). The model keeps for each file it read where the file is, its
front matter's digest and the media its body places (`Placed`): an edit that leaves those as
they were (the text of a body, the most common edit) is taken on that alone. A command-line
rebuild reads only that much of the kept model, not every file's checked front matter (half
of the model's reading at 10,000 releases); it reads the rest only when an edited file's
front matter changed, to compare its fields. An edited release's other versions are read
again from their files, whose bytes are those the model was made from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

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
    "formerly",
)
"""Fields that decide where a version is shown and what it is grouped with (its language,
path and kind are those of its file, which is the same file), the media it shows (a new
picture or document is checked and made by a full build), and whether the build warns
about it, and the earlier addresses that lead on to it (``formerly``: pages of their own)."""

Placed = tuple[str, str, bool, str, bytes, tuple[tuple[str, int], ...]]
"""One file as the model has it: its language, its path under the language folder, whether
it is a page, where it is on disk, its front matter's digest (`VersionSource.head`) and the
media its body places. Plain values, not a class nor a `Path`: the model of 10,000 releases
holds 30,000 of them, read back at every rebuild (a path is parsed again as it is read)."""


def placed(version: VersionSource) -> Placed:
    return version.lang, version.rel, version.is_page, str(version.location), version.head, version.body_media


def placed_files(versions: Iterable[VersionSource]) -> dict[str, Placed]:
    """Each file's `Placed`, by its path as the build names it."""
    return {version.path: placed(version) for version in versions}


def read_edits(
    known: Mapping[str, Placed],
    names: Iterable[str],
    catalog: Catalog,
    before: Callable[[str], VersionSource | None],
) -> tuple[dict[str, VersionSource], bool] | None:
    """The new front matter of each edited file (by its name in ``known``), and whether an
    ``updated`` changed (the sitemap shows it); None if any edit needs a full build: a file the
    last build did not read, a problem in it (a full build reports every problem of the site
    at once), or a field that places it changed. ``before``: a file's front matter as the
    model has it, asked only for a file whose front matter changed."""
    edited: dict[str, VersionSource] = {}
    dated = False
    for name in names:
        place = known.get(name)
        if place is None:
            return None  # not a Markdown file the last build read: new, removed, or not content
        new = read_again(name, place, catalog)
        if new is None:
            return None
        if (new.head, new.body_media) != place[4:]:
            old = before(name)
            if old is None or any(getattr(new, field) != getattr(old, field) for field in PLACING):
                return None
            if new.is_page and new.title != old.title:
                return None  # a page's title is in the navigation of every page
            if bool(new.place) != bool(old.place):
                return None  # whether its siblings name a place the build warns of (its text alone it does not)
            dated = dated or new.updated != old.updated
        edited[name] = new
    return edited, dated


def read_again(name: str, place: Placed, catalog: Catalog) -> VersionSource | None:
    """The file's front matter as it is now, or None if it has any problem."""
    lang, rel, is_page, location = place[:4]
    problems = Problems()
    source = MarkdownSource(name, lang, rel, is_page, Path(location))
    found = read_version(source, frozenset(catalog.partners), frozenset(catalog.topics), problems)
    return found if isinstance(found, VersionSource) and not problems.items else None
