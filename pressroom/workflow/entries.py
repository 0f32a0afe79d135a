"""Every release and page of a site root with the state of each language version, for the
editors' and translators' commands (``status``, ``confirm``, ``diff``, ``export``, ``import``)."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Problems
from pressroom.model.catalog import VersionGroup
from pressroom.model.linking import group_versions, read_versions
from pressroom.model.translation_status import EntryStatus, version_states
from pressroom.source.config import load_config
from pressroom.source.content import scan_content
from pressroom.source.frontmatter import VersionSource
from pressroom.source.ids import partner_file_ids
from pressroom.source.partners import load_topics


def collect(root: Path, problems: Problems) -> tuple[tuple[str, ...], list, list[EntryStatus]]:
    """Every release and page with the state of each language (drafts included)."""
    config = load_config(root, problems)
    tree = scan_content(root, config.languages, problems)
    topic_ids = frozenset(load_topics(tree, config.languages, problems))
    versions, partial = read_versions(tree, partner_file_ids(tree), topic_ids, problems)
    groups = group_versions(versions, problems, partial)
    statuses = [
        EntryStatus(
            key=group.key,
            is_page=group.is_page,
            states=version_states(group.versions, config.languages),
            paths={lang: version.path for lang, version in group.versions.items()},
        )
        for group in groups
    ]
    return config.languages, groups, statuses


def display_path(path: Path, root: Path) -> str:
    """A path as given on the command line, as the site root's relative display path."""
    candidate = path if path.is_absolute() else Path.cwd() / path
    try:
        return candidate.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def named_versions(
    root: Path, paths: list[Path], groups: list[VersionGroup], problems: Problems, otherwise: str, usage: Problems
) -> list[tuple[VersionGroup, VersionSource]]:
    """The versions named on the command line with their releases; a path that is not one is an
    error saying ``otherwise`` (what then does not happen): in ``usage`` where the path names no
    file of the site's content (a usage mistake, exit 2), in ``problems`` where the file is there
    but could not be read as a version (a content error, exit 1)."""
    by_path = {version.path: (group, version) for group in groups for version in group.versions.values()}
    found = []
    for given in paths:
        # Versions are known by their names in NFC; macOS may have written (and a shell may
        # pass) the same name in NFD.
        shown = unicodedata.normalize("NFC", display_path(given, root))
        given_path = given if given.is_absolute() else Path.cwd() / given
        if shown in by_path:
            if by_path[shown] not in found:  # named twice (a shell pattern and its name): once
                found.append(by_path[shown])
        elif not os.path.lexists(given_path):
            usage.error(shown, 0, "no such file; give the path of a version, e.g. content/ja/2025/visit.md")
        elif not given_path.is_file():
            usage.error(shown, 0, "not a file; give the path of a version, e.g. content/ja/2025/visit.md")
        elif not given_path.resolve().is_relative_to((root / "content").resolve()):
            usage.error(
                shown, 0, f"not a file of this site's content/ ({os.path.relpath(root / 'content')}); {otherwise}"
            )
        else:
            problems.error(shown, 0, f"not a release or page version that could be read; {otherwise}")
    return found


def named_files(
    named: list[tuple[VersionGroup, VersionSource]], languages: tuple[str, ...], problems: Problems
) -> set[str]:
    """The files a command on the ``named`` versions acts on: each of their releases' files, in
    every language (one not there yet too), and each named file that could not be read."""
    concerned = {f"content/{lang}/{version.rel}.md" for _, version in named for lang in languages}
    concerned |= {version.path for group, _ in named for version in group.versions.values()}
    return concerned | {problem.path for problem in problems.items}


def only_concerned(site: Problems, concerned: set[str], problems: Problems) -> set[str]:
    """The site's problems with the ``concerned`` files, added to ``problems``; the other files
    with errors are returned, to be noted, not listed: a command that writes one release fails
    for that release's mistakes, not for one elsewhere, which ``check`` reports."""
    problems.extend([problem for problem in site.items if problem.path in concerned])
    return {problem.path for problem in site.errors if problem.path not in concerned}


def tell_problems(problems: Problems, usage: Problems, elsewhere: set[str]) -> int:
    """Every problem (``usage`` among them), then a note of the files with errors elsewhere;
    the exit code: 2 for a usage mistake, 1 for another error."""
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if elsewhere:
        print(
            f"note: {len(elsewhere)} other file(s) of the site have errors, which 'build.py check' lists",
            file=sys.stderr,
        )
    return EXIT_USAGE if usage.errors else EXIT_CONTENT if problems.errors else EXIT_OK
