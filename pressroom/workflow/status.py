"""The ``status`` and ``confirm`` commands: translation status of content, for editors and CI.

The rules live in `translation_status`; this module reads a site root, prints the table or
JSON with the words changed in each outdated version's siblings (from git history, see `diff`),
and rewrites the ``confirmed`` line of the files an editor confirms. ``confirm --minor`` records
that an edit needs no translating: the siblings that matched the text before the edit keep
matching it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from pressroom.base.allornone import WriteFailed, write_all
from pressroom.base.commands import command
from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, Problems
from pressroom.base.text import display_width, pad
from pressroom.model.catalog import VersionGroup
from pressroom.model.shared import placeless
from pressroom.model.translation_status import EntryStatus, NotEditable, confirmation, write_confirmation
from pressroom.source.content import as_saved, editable_text
from pressroom.source.frontmatter import VersionSource
from pressroom.workflow.diff import changed_words, in_characters, word_count
from pressroom.workflow.entries import collect, named_files, named_versions, only_concerned, tell_problems
from pressroom.workflow.history import History
from pressroom.workflow.status_texts import no_place, tallied


def show_status(root: Path, as_json: bool) -> int:
    problems = Problems()
    languages, groups, statuses = collect(root, problems)
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    counts = changed_words(groups, statuses, History(root))
    if as_json:
        entries = {
            kind: [
                {
                    "key": s.key,
                    "versions": {lang: s.states[lang].state for lang in languages},
                    "changed_words": {
                        lang: counts[(s.key, s.is_page, lang)]
                        for lang in languages
                        if (s.key, s.is_page, lang) in counts
                    },
                }
                for s in statuses
                if s.is_page == (kind == "pages")
            ]
            for kind in ("releases", "pages")
        }
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        _print_table(root, languages, statuses, counts)
        _say_placeless(groups, statuses, languages)
    return EXIT_CONTENT if problems.errors else EXIT_OK


_MARKS = {"ok": "ok", "outdated": "OUTDATED", "untranslated": "UNTRANSLATED", "missing": "–"}
_CELL = max(len(mark) for mark in _MARKS.values())


def _print_table(root: Path, languages: tuple[str, ...], statuses: list[EntryStatus], counts: dict) -> None:
    width = max([display_width(s.key) for s in statuses] + [7])  # a Japanese key takes two columns a letter
    print((f"{pad('release', width)}  " + "  ".join(pad(lang, _CELL) for lang in languages)).rstrip())
    for s in statuses:
        cells = "  ".join(pad(_MARKS[s.states[lang].state], _CELL) for lang in languages)
        print(f"{pad(s.key, width)}  {cells}".rstrip())
    print()
    for lang in languages:
        tally = {state: sum(1 for s in statuses if s.states[lang].state == state) for state in _MARKS}
        sizes = [size for (_, _, of), siblings in counts.items() if of == lang for size in siblings.items()]
        changed = tallied(sizes)
        size = ""
        if sizes and not changed:
            size = " (size of changes unknown)"
        elif sizes:
            said = " and ".join(word_count(n, "changed", characters=of == "characters") for of, n in changed.items())
            size = f" ({said}" + (", some unknown" if any(n is None for _, n in sizes) else "") + ")"
        print(
            f"{lang}: {tally['ok']} ok, {tally['outdated']} outdated{size}, {tally['untranslated']} untranslated, "
            f"{tally['missing']} missing"
        )
    for s in statuses:
        for lang in languages:
            state = s.states[lang]
            if state.state == "missing":
                _say_missing(root, s.paths, lang)
            if state.state == "untranslated":
                print(
                    f"{s.paths[lang]}: untranslated: still the text it was made from; "
                    f"translate it, then run '{command(root, 'confirm', s.paths[lang])}'"
                )
            if state.state == "outdated":
                sizes = counts.get((s.key, s.is_page, lang), {})
                size = ", ".join(
                    f"{other}: {word_count(sizes[other], characters=in_characters(other))}"
                    if sizes.get(other) is not None
                    else f"{other}: size unknown"
                    for other in state.changed
                )
                print(
                    f"{s.paths[lang]}: outdated: {', '.join(state.changed)} changed since it was confirmed ({size}); "
                    f"see '{command(root, 'diff', s.paths[lang])}', update it, "
                    f"then run '{command(root, 'confirm', s.paths[lang])}'"
                )


def _say_placeless(groups: list[VersionGroup], statuses: list[EntryStatus], languages: tuple[str, ...]) -> None:
    """Each release's version that names no place while another names one, in the table's order
    and the words of the page ``status --html`` writes: its state says nothing of it (see `placeless`)."""
    by_key = {g.key: g for g in groups if not g.is_page}
    for status in statuses:
        group = by_key.get(status.key) if not status.is_page else None
        named, without = placeless(group, languages) if group is not None else ([], [])
        for version in without:
            print(
                f"{version.path}: {no_place(named, 'en', languages)}: its page has no dateline; give this version's"
                " 'place:' too, in its language"
            )


def _say_missing(root: Path, paths: dict[str, str], lang: str) -> None:
    """Where a missing version goes and how a translator starts it: from the first version the
    release or page has, in the site's order."""
    source = next(iter(paths.values()), None)
    if source is None:
        return
    where = "/".join(["content", lang, *source.split("/")[2:]])
    print(
        f"{where}: missing: no {lang} version yet; export one to translate with "
        f"'{command(root, f'export --to {lang}', source)}', or write it there"
    )


def confirm(root: Path, paths: list[Path], minor: bool = False) -> int:
    """Confirm the versions at ``paths``; exit 1 only for a problem with one of them (or a file of
    the same release), not for a mistake elsewhere in the site, which ``check`` reports.

    Several versions of one release are confirmed one after the other, each from the records
    the one before wrote, as if each had been confirmed by a command of its own."""
    site = Problems()
    languages, groups, _ = collect(root, site)
    problems, usage = Problems(), Problems()
    history = History(root)
    named = named_versions(root, paths, groups, problems, "nothing confirmed", usage)
    elsewhere = only_concerned(site, named_files(named, languages, problems), problems)
    written: dict[str, VersionSource] = {}  # display path → the version as this command left it
    for group, version in named:
        siblings = {lang: written.get(sibling.path, sibling) for lang, sibling in group.versions.items()}
        if minor:
            _confirm_minor(version, siblings, languages, history, problems, written)
            continue
        record = confirmation(version, siblings, languages)
        if not _write_record(version, record, problems, written):
            continue
        others = ", ".join(lang for lang in record if lang != version.lang) or "no other version yet"
        print(f"confirmed {version.path}: matches {others}")
    problems.extend(usage)
    return tell_problems(problems, usage, elsewhere)


def _write_record(
    version: VersionSource, record: dict[str, str], problems: Problems, written: dict[str, VersionSource]
) -> bool:
    """Write ``record`` into the version's file, unless its front matter cannot take it (said);
    the version as written goes into ``written``, for the next version of the same command."""
    file = version.location  # as spelled on disk: NFD where macOS wrote the name
    try:
        text = write_confirmation(editable_text(file), record)
    except NotEditable as exc:
        problems.error(version.path, exc.line, exc.reason)
        return False
    try:
        write_all([(file, as_saved(file, text).encode("utf-8"))])  # a full disk leaves the file as it was
    except WriteFailed as exc:
        problems.error(version.path, 0, f"could not write: {exc.strerror}")
        return False
    # The record line is no part of the fingerprint: only the record and the mark change.
    written[version.path] = replace(version, confirmed=MappingProxyType(dict(record)), untranslated=False)
    return True


def _confirm_minor(
    version: VersionSource,
    siblings: dict[str, VersionSource],
    languages: tuple[str, ...],
    history: History,
    problems: Problems,
    written: dict[str, VersionSource],
) -> None:
    """Siblings that matched this version before its latest edit now match it as it is.

    "Before its latest edit" is the newest text in git history that differs from the current
    one; a sibling confirmed against an even older text stays outdated, since it had missed a
    change that did need translating. Without history every sibling's record is moved on."""
    lang, now = version.lang, version.fingerprint
    before = history.previous(version.path, now)
    if isinstance(before, str):
        print(f"note: {before}; every other version that recorded {version.path} is taken to have matched it")
    for other in languages:
        sibling = siblings.get(other)
        # A copy still to be translated matches nothing: moving its record on took its mark.
        if sibling is None or other == lang or sibling.untranslated:
            continue
        recorded = (sibling.confirmed or {}).get(lang)
        if recorded is None or recorded == now:
            continue
        if not isinstance(before, str) and recorded != before.text.fingerprint:
            print(f"{sibling.path}: stays outdated: it missed an earlier change of {version.path}")
            continue
        record = {code: value for code, value in (sibling.confirmed or {}).items()}
        record[lang] = now
        if _write_record(sibling, {code: record[code] for code in languages if code in record}, problems, written):
            print(f"{sibling.path}: still matches {version.path} (minor edit)")
