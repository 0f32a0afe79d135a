"""The ``export`` command: releases and pages to translate, as one exchange file each.

Which versions: the paths named, else every release and page whose target version is outdated,
missing or untranslated (``--outdated`` for the first kind, ``--missing`` for the other two: an
untranslated version, a scaffold of ``build.py new``, is still to be written). The source
version is ``--from``, else the sibling whose change made the target outdated, else the first
version in the site's language order that is up to date. Units are pre-filled from the existing
target version where they still line up with the source's (`pressroom.workflow.prefill`), never
from an untranslated one (its text is another language's); a pre-filled unit whose source text
changed since the target was confirmed (known from git history) is marked for review, and
carries that unit's source as it was then.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pressroom.base.allornone import WriteFailed, write_all
from pressroom.base.errors import EXIT_USAGE, Problems
from pressroom.base.files import file_in_the_way
from pressroom.model.catalog import VersionGroup
from pressroom.model.translation_status import EntryStatus
from pressroom.output.folder import broken_link, site_part_holding
from pressroom.source.config import load_config
from pressroom.source.content import editable_text, scan_content
from pressroom.source.frontmatter import translatable
from pressroom.source.partners import load_partners
from pressroom.workflow import exchange_po, exchange_xliff
from pressroom.workflow.entries import collect, named_versions, tell_problems
from pressroom.workflow.exchange import Export
from pressroom.workflow.history import History
from pressroom.workflow.prefill import Prefill, prefill
from pressroom.workflow.segments import SegmentError, segment


def export(
    root: Path,
    target: str,
    source: str | None,
    paths: list[Path],
    which: str,
    fmt: str,
    output: Path,
) -> int:
    refused = _unfit_output(root, output)
    if refused is not None:
        print(f"build.py export: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    problems = Problems()
    languages, groups, statuses = collect(root, problems)
    given = (("to", target), ("from", source))
    unknown = [f"--{flag}: unknown language '{code}'" for flag, code in given if code not in (None, *languages)]
    if unknown or source == target:
        # Each: --from's mistake was told only once --to's was mended.
        for said in unknown or [f"--from and --to are both {target}: translate from another language"]:
            print(f"build.py export: error: {said} (the site's languages: {', '.join(languages)})", file=sys.stderr)
        return EXIT_USAGE
    usage = Problems()
    chosen = _select(root, groups, statuses, target, paths, which, problems, usage)
    history = History(root)
    names = _partner_names(root, languages)
    writer = exchange_po.write if fmt == "po" else exchange_xliff.write
    made_files: list[tuple[Export, Path, bytes]] = []
    for group, status in chosen:
        made = _export_one(group, status, target, source, (languages, groups), history, names, problems)
        if made is not None:
            made_files.append((made, output / made.file_name(fmt), writer(made, exchange_po.now())))
    written = 0
    try:
        # All files or none: a full disk must not leave a translator a file cut short, or half
        # of a batch that looks like the whole of it.
        write_all([(file, data) for _, file, data in made_files])
    except WriteFailed as exc:
        problems.error(str(exc.filename), 0, f"could not write: {exc.strerror}; nothing exported")
    else:
        written = len(made_files)
        for made, file, _ in made_files:
            print(f"exported {made.source_path} ({made.source_lang}) for {target}: {file}")
    problems.extend(usage)
    if not written and not problems.errors:
        print(f"nothing to export: no {target} version is outdated, untranslated or missing here")
    return tell_problems(problems, usage, set())


def _unfit_output(root: Path, output: Path) -> str | None:
    """Why exchange files may not be written into ``output``: a file stands there or above it,
    or it is one of the folders the site reads (in content/, the next build would warn about
    every file; in locales/ or templates/, they would be taken for the site's own)."""
    link = broken_link(output, "--output")  # a loop ended in a traceback, a link to nowhere in "File exists"
    if link is not None:
        return link
    blocking = file_in_the_way(output, itself=True)
    if blocking is not None:
        return f"{blocking} is a file, not a folder; choose another --output"
    part = site_part_holding(root, output)
    if part is not None:
        return f"{output} is in the site's {part}; choose an --output outside it"
    return None


def _select(
    root: Path,
    groups: list[VersionGroup],
    statuses: list[EntryStatus],
    target: str,
    paths: list[Path],
    which: str,
    problems: Problems,
    usage: Problems,
) -> list[tuple[VersionGroup, EntryStatus]]:
    pairs = list(zip(groups, statuses, strict=True))
    if paths:
        status_of = {(s.key, s.is_page): s for s in statuses}
        chosen: list[tuple[VersionGroup, EntryStatus]] = []
        for group, _ in named_versions(root, paths, groups, problems, "nothing exported", usage):
            if (group, status_of[(group.key, group.is_page)]) not in chosen:
                chosen.append((group, status_of[(group.key, group.is_page)]))
        return chosen
    wanted = {"outdated": ("outdated",), "missing": ("missing", "untranslated")}.get(
        which, ("outdated", "missing", "untranslated")
    )
    return [(g, s) for g, s in pairs if s.states[target].state in wanted]


def _partner_names(root: Path, languages: tuple[str, ...]) -> dict:
    quiet = Problems()  # `collect` has reported every problem of the site already
    config = load_config(root, quiet)
    return {
        pid: p.name for pid, p in load_partners(scan_content(root, config.languages, quiet), languages, quiet).items()
    }


def _export_one(
    group: VersionGroup,
    status: EntryStatus,
    target: str,
    source: str | None,
    site: tuple[tuple[str, ...], list[VersionGroup]],
    history: History,
    names: dict,
    problems: Problems,
) -> Export | None:
    languages, groups = site  # its languages, and its texts (links name their headings)
    state = status.states[target]
    others = [lang for lang in languages if lang != target and lang in group.versions]
    if source is None:
        fresh = [lang for lang in others if status.states[lang].state == "ok"]
        source = next(iter([*state.changed, *fresh, *others]), None)
    where = next(iter(group.versions.values())).path
    if source is None or source == target or source not in group.versions:
        problems.error(where, 0, f"'{group.key}' has no {source or 'other'} version to translate from")
        return None
    version = group.versions[source]
    text = translatable(editable_text(version.location))
    if text is None:
        problems.error(version.path, 1, "its front matter cannot be read")
        return None
    try:
        document = segment(text, source)
    except SegmentError as exc:  # as the build says it, at its line
        problems.error(version.path, version.body_line + (exc.line or 0), str(exc))
        return None
    existing = group.versions.get(target)
    # An untranslated version is a copy of another language's text: nothing in it translates.
    translated = existing is not None and not existing.untranslated
    filled = prefill(document, existing, version, history, groups) if translated else Prefill()
    return Export(
        key=group.key,
        is_page=group.is_page,
        source_lang=source,
        target_lang=target,
        source_path=version.path,
        fingerprint=version.fingerprint,
        units=document.units,
        prefill=filled.texts,
        review=filled.review,
        previous=filled.previous,
        notes=tuple(_notes(group, target, names)),
        target_fingerprint=existing.fingerprint if existing else "",
    )


def _notes(group: VersionGroup, target: str, names: dict) -> list[str]:
    versions = list(group.versions.values())
    day = next((v.date for v in versions if v.date), None)
    partners = next((v.partners for v in versions if v.partners), ())
    topics = next((v.topics for v in versions if v.topics), ())
    notes = [f"{'page' if group.is_page else 'release'} {group.key}"]
    if day:
        notes.append(f"date: {day.isoformat()}")
    for pid in partners:
        name = names.get(pid, {})
        notes.append(f"partner {pid}: " + "; ".join(f"{lang}: {name[lang]}" for lang in name))
    if topics:
        notes.append(f"topics: {', '.join(topics)}")
    notes.append("versions: " + ", ".join(v.path for v in versions) + f"; {target} is to be written")
    return notes
