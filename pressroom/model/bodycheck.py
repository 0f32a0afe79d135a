"""Checking the bodies of a build that stops before its pages are rendered: every broken
link and image of every file is still reported in the same run."""

from __future__ import annotations

from collections.abc import Sequence

from pressroom.base.errors import Problem, Problems
from pressroom.base.parallel import run_ranges
from pressroom.model.catalog import Catalog
from pressroom.model.texts import Translation
from pressroom.source.content import MarkdownSource, read_text
from pressroom.source.frontmatter import VersionSource, split_front_matter


def check_bodies(catalog: Catalog, problems: Problems, jobs: int, unlinked: Sequence[Translation] = ()) -> None:
    """Render every body only for its problems: a build that stops before rendering pages
    still reports the broken links and images of every file, all in one run; ``unlinked``
    adds files left out of the catalog for errors in their front matter."""
    versions = [version for item in (*catalog.releases, *catalog.pages) for version in item.translations.values()]
    versions += unlinked

    def check(start: int, stop: int) -> tuple[list[Problem], dict]:
        found = Problems()
        for version in versions[start:stop]:
            catalog.body(version, found)
        return found.items, catalog.sections.taken()

    for found, sections in run_ranges(check, len(versions), jobs):
        problems.extend(found)
        catalog.sections.learn(sections)
    catalog.check_sections(problems)


def unlinked_versions(sources: Sequence[MarkdownSource], versions: Sequence[VersionSource]) -> list[Translation]:
    """Files whose front matter has errors, as versions whose body can still be checked: an
    editor learns about a broken link in the same run as about an unknown topic. Files whose
    front matter cannot even be told from the body are left out (that is their error)."""
    read = {version.path for version in versions}
    found = []
    for source in sources:
        if source.display in read:
            continue
        file = read_text(source.location, source.display, Problems())
        if file is None or isinstance(split_front_matter(file.text), str):
            continue
        found.append(Translation(source.lang, "", "", "", "", source.display, 1, source.location, source.rel))
    return found
