"""The ``status`` and ``confirm`` commands: translation status of content, for editors and CI.

The rules live in `translation_status`; this module reads a site root, prints the table or
JSON, and rewrites the ``confirmed`` line of the files an editor confirms.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, Problems
from pressroom.model.linking import group_versions, read_versions
from pressroom.model.translation_status import EntryStatus, confirmation, version_states, write_confirmation
from pressroom.source.config import load_config
from pressroom.source.content import scan_content
from pressroom.source.partners import load_topics


def collect(root: Path, problems: Problems) -> tuple[tuple[str, ...], list, list[EntryStatus]]:
    """Every release and page with the state of each language (drafts included)."""
    config = load_config(root, problems)
    tree = scan_content(root, config.languages, problems)
    partner_ids = frozenset(partner_id for partner_id, _ in tree.partners)
    topic_ids = frozenset(load_topics(tree, config.languages, problems))
    groups = group_versions(read_versions(tree, partner_ids, topic_ids, problems), problems)
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


def show_status(root: Path, as_json: bool) -> int:
    problems = Problems()
    languages, _, statuses = collect(root, problems)
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if as_json:
        releases = [
            {"key": s.key, "versions": {lang: s.states[lang].state for lang in languages}}
            for s in statuses
            if not s.is_page
        ]
        pages = [
            {"key": s.key, "versions": {lang: s.states[lang].state for lang in languages}}
            for s in statuses
            if s.is_page
        ]
        print(json.dumps({"releases": releases, "pages": pages}, ensure_ascii=False, indent=2))
    else:
        _print_table(languages, statuses)
    return EXIT_CONTENT if problems.errors else EXIT_OK


_MARKS = {"ok": "ok", "missing": "–", "outdated": "OUTDATED"}


def _print_table(languages: tuple[str, ...], statuses: list[EntryStatus]) -> None:
    width = max([len(s.key) for s in statuses] + [7])
    print(f"{'release':<{width}}  " + "  ".join(f"{lang:<9}" for lang in languages))
    for s in statuses:
        cells = "  ".join(f"{_MARKS[s.states[lang].state]:<9}" for lang in languages)
        print(f"{s.key:<{width}}  {cells}".rstrip())
    print()
    for lang in languages:
        counts = {state: sum(1 for s in statuses if s.states[lang].state == state) for state in _MARKS}
        print(f"{lang}: {counts['ok']} ok, {counts['outdated']} outdated, {counts['missing']} missing")
    for s in statuses:
        for lang in languages:
            state = s.states[lang]
            if state.state == "outdated":
                print(
                    f"{s.paths[lang]}: outdated: {', '.join(state.changed)} changed since it was confirmed; "
                    f"update it, then run 'python build.py confirm {s.paths[lang]}'"
                )


def confirm(root: Path, paths: list[Path]) -> int:
    problems = Problems()
    languages, groups, _ = collect(root, problems)
    by_path = {version.path: (group, version) for group in groups for version in group.versions.values()}
    code = EXIT_OK
    for given in paths:
        display = _display(given, root)
        if display not in by_path:
            problems.error(display, 0, "not a release or page version that could be read; nothing confirmed")
            continue
        group, version = by_path[display]
        record = confirmation(version, group.versions, languages)
        file = root / display
        text = file.read_text(encoding="utf-8")
        file.write_text(write_confirmation(text, record), encoding="utf-8")
        others = ", ".join(record) or "no other version yet"
        print(f"confirmed {display}: matches {others}")
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if problems.errors:
        code = EXIT_CONTENT
    return code


def _display(path: Path, root: Path) -> str:
    """A path as given on the command line, as the site root's relative display path."""
    candidate = path if path.is_absolute() else Path.cwd() / path
    try:
        return candidate.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
