"""The ``import`` command: a translated exchange file becomes the target Markdown version.

Nothing is written unless every file named is sound: a file whose source version changed since
it was exported is refused (export again), and so is a file with a unit that is missing, empty,
still marked for review, or whose codes do not match the source's, each named with its unit.
The target keeps its own front matter (slug, key, draft …) and gets the source's structure; its
``confirmed`` record says it matches the source it was made from, and the versions that matched
that source now match the new translation too.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.allornone import WriteFailed, write_all
from pressroom.base.commands import command
from pressroom.base.errors import Problems
from pressroom.base.files import NotPlainFile, read_plain
from pressroom.base.languageparts import primary_subtag
from pressroom.model.catalog import VersionGroup
from pressroom.model.translation_status import NotEditable, version_states, write_confirmation
from pressroom.source.content import as_saved, editable_text
from pressroom.source.frontmatter import VersionSource, translatable
from pressroom.workflow import exchange_po, exchange_xliff
from pressroom.workflow.anchors import leads, relinked
from pressroom.workflow.entries import collect, display_path, only_concerned, tell_problems
from pressroom.workflow.exchange import Received, Record, Unreadable, exchange_format
from pressroom.workflow.history import History
from pressroom.workflow.namedfiles import exchange_files
from pressroom.workflow.prefill import Prefill, as_exported, prefill
from pressroom.workflow.segments import SegmentError, Unit, fill, segment
from pressroom.workflow.targettext import media_lines, new_file, replaced
from pressroom.workflow.unitcheck import checked_units


@dataclass(frozen=True, slots=True)
class Planned:
    """One import that passed every check, ready to be written."""

    file: str
    group: VersionGroup
    received: Received
    target_path: str
    text: str
    target_file: Path
    """The target version's file on disk (its name may be spelled in NFD, as macOS writes it)."""


def import_files(root: Path, files: list[Path]) -> int:
    """Import the exchange ``files``; exit 1 only for a problem with one of them or with a file of
    the releases they import into, not for a mistake elsewhere in the site, which ``check`` reports.

    Every file is checked against the site as it is before anything is written. Files into the
    same release (its Japanese and its English file) are then written one after the other, the
    site read again between them: each import's records build on the one before, as if they had
    been imported by one command each."""
    site = Problems()
    languages, groups, _ = collect(root, site)
    problems = Problems()
    by_key = {(g.key, g.is_page): g for g in groups}
    usage = Problems()  # a file named that is not there, or is not a file: a usage mistake (exit 2)
    concerned: set[str] = set()
    given = exchange_files(files, root, problems, usage)
    checked = [(f, p) for f in given if (p := _plan(root, f, by_key, languages, problems, usage, concerned))]
    planned = [plan for _, plan in checked]
    concerned |= {version.path for plan in planned for version in plan.group.versions.values()}
    concerned |= {problem.path for problem in problems.items}  # the source of a file, say, that could not be read
    elsewhere = only_concerned(site, concerned, problems)
    problems.extend(usage)
    claimed: dict[str, str] = {}
    for plan in planned:
        if plan.target_path in claimed:
            problems.error(plan.file, 0, f"{claimed[plan.target_path]} imports into {plan.target_path} too; import one")
        claimed.setdefault(plan.target_path, plan.file)
    # Every file's new text is made before any is written: one that cannot take its record
    # (front matter written as one {…} mapping) leaves all of them as they were.
    made = [(file, plan, _edits(plan, _agreeing(plan), languages, problems)) for file, plan in checked]
    imported = 0 if problems.errors else _write_in_turns(root, made, problems)
    if problems.errors:
        done = f"the {imported} file(s) listed above were imported, not the others" if imported else "nothing imported"
        print(f"{done}: fix the files named below and import them again", file=sys.stderr)
    return tell_problems(problems, usage, elsewhere)


def _again(record: Record, file: Path) -> str:
    """The export command that made ``file``, to run again."""
    again = f"export --to {record.target_lang} --from {record.source_lang}"
    again += " --format po" if file.suffix.lower() in (".po", ".pot") else ""
    if file.parent.resolve() != (Path.cwd() / "translation-exchange").resolve():
        again += f" --output {os.path.relpath(file.parent)}"
    return again


Made = tuple[Path, Planned, list[tuple[Path, str]]]
"""An import checked and made: the file given, its plan, and each file it writes with its text."""


def _write_in_turns(root: Path, made: list[Made], problems: Problems) -> int:
    """Write the imports, wave by wave (see `_waves`); how many were imported."""
    imported = 0
    for number, wave in enumerate(_waves(made)):
        if number:  # the releases' files as the waves before left them
            languages, groups, _ = collect(root, Problems())
            again = {(g.key, g.is_page): g for g in groups}
            quiet = Problems()  # its warnings were said when the file was first checked
            plans = [(f, p) for f, _, _ in wave if (p := _plan(root, f, again, languages, quiet, quiet, set()))]
            problems.extend(quiet.errors)
            wave = [(f, p, _edits(p, _agreeing(p), languages, problems)) for f, p in plans]
        if problems.errors or not _write(root, [edit for _, _, edits in wave for edit in edits], problems):
            break
        for _, plan, edits in wave:
            imported += 1
            if edits:
                agreeing = ", ".join(_agreeing(plan))
                print(f"imported {plan.file} into {plan.target_path}: confirmed against {agreeing}")
            else:
                print(f"imported {plan.file}: {plan.target_path} says this already and is up to date; unchanged")
    return imported


def _waves(made: list[Made]) -> list[list[Made]]:
    """The imports in turns: the first file into each release, then the second, and so on."""
    waves: list[list[Made]] = []
    turns: dict[tuple[str, bool], int] = {}
    for item in made:
        release = (item[1].group.key, item[1].group.is_page)
        turn = turns[release] = turns.get(release, -1) + 1
        if turn == len(waves):
            waves.append([])
        waves[turn].append(item)
    return waves


def _write(root: Path, edits: list[tuple[Path, str]], problems: Problems) -> bool:
    """All files or none: a full disk leaves every version as it was, none cut short."""
    shown = {path: display_path(path, root) for path, _ in edits}
    try:
        write_all([(path, as_saved(path, text).encode("utf-8")) for path, text in edits])
    except WriteFailed as exc:
        problems.error(shown.get(Path(exc.filename), str(exc.filename)), 0, f"could not write: {exc.strerror}")
        return False
    return True


def _plan(
    root: Path,
    file: Path,
    by_key: dict,
    languages: tuple[str, ...],
    problems: Problems,
    usage: Problems,
    concerned: set[str],
) -> Planned | None:
    """What importing ``file`` writes, or None with the reasons in ``problems``; ``concerned``
    gets the paths of the versions it would read or write, whose errors are the import's too."""
    shown = display_path(file, root) if file.is_absolute() else file.as_posix()
    try:
        data = read_plain(file)  # a named pipe given by mistake is refused, not waited on
    except OSError as exc:
        mistaken = isinstance(exc, FileNotFoundError | NotPlainFile)
        (usage if mistaken else problems).error(shown, 0, f"cannot read: {exc.strerror}")
        return None
    try:
        po = exchange_format(file.suffix, data) == "po"
        received = (exchange_po.read if po else exchange_xliff.read)(data)
    except Unreadable as exc:
        problems.error(shown, exc.line, str(exc))
        return None
    record = received.record
    # Every version of its release, as named by the record: a broken one is missing from the
    # groups, and the file meant to be written may be one of them.
    concerned |= {f"content/{lang}/{record.key}.md" for lang in languages} | {record.source_path}
    if record.target_lang not in languages or record.target_lang == record.source_lang:
        # The record is text a tool or a person can change: it must not choose the folder
        # written into, or overwrite the version the file was made from.
        problems.error(
            shown,
            0,
            f"its export record says to={record.target_lang}, which is not another language of this site"
            f" ({', '.join(lang for lang in languages if lang != record.source_lang)}); export it again",
        )
        return None
    target_name = "Language" if po else "trgLang"
    for said, exported, message in (
        (
            received.target_said,
            record.target_lang,
            f"the file says it is in {{said}} ({target_name}), but it was exported for {{exported}}: export it"
            " again with --to {short}, or translate it into {exported}",
        ),
        (
            received.source_said,
            record.source_lang,
            "the file says it is translated from {said} (srcLang), but it was exported from {exported}: export it"
            " again with --from {short}, or translate the {exported} version",
        ),
    ):
        short = primary_subtag(said)  # ja-JP, and ja_JP as a tool may write it
        if said and short != primary_subtag(exported):
            problems.error(shown, received.said_line, message.format(said=said, exported=exported, short=short))
            return None
    group = by_key.get((record.key, record.is_page))
    source = group.versions.get(record.source_lang) if group else None
    if group is None or source is None:
        problems.error(shown, 0, f"{record.source_path} is no longer in the site; nothing to import it into")
        return None
    if source.fingerprint != record.fingerprint:
        problems.error(
            shown,
            received.record_line,
            f"{source.path} changed since this file was exported; refused so that the change is not lost: "
            f"export it again ({command(root, _again(record, file), source.path)})",
        )
        return None
    text = translatable(editable_text(source.location))
    try:
        document = segment(text, record.source_lang) if text is not None else None
    except SegmentError as exc:
        problems.error(source.path, source.body_line + (exc.line or 0), str(exc))
        return None
    if document is None:
        problems.error(source.path, 1, "its front matter cannot be read")
        return None
    translations = checked_units(document, received, source.path, shown, problems)
    if translations is None:
        return None
    # A link to a heading of the text leads to the heading as translated (its id is its words).
    groups = [*by_key.values()]
    fields, body = fill(document, translations)
    moved = leads(document, source, text.body, record.target_lang, lambda: body, groups)
    if moved:  # filled again only where a link was led elsewhere
        fields, body = fill(document, {ident: relinked(parts, moved) for ident, parts in translations.items()})
    existing = group.versions.get(record.target_lang)
    target_path = existing.path if existing else f"content/{record.target_lang}/{group.key}.md"
    target_file = existing.location if existing else root / target_path
    current = editable_text(target_file) if existing else new_file(source.draft)
    media = media_lines(fields, source.downloads, existing)
    try:
        # A file sent back as it went out leaves the version as it is: written anew, a paragraph
        # the source lacks would be dropped, and the words' Markdown be written otherwise.
        # (A copy still to be translated offers nothing: it is written anew, and nothing it said is lost.)
        translated = existing is not None and not existing.untranslated
        offered = prefill(document, existing, source, History(root), groups) if translated else Prefill()
        same = translated and as_exported(document, translations, existing, source, offered)
        text = current if same else replaced(current, fields, body, media)
    except NotEditable as exc:
        problems.error(target_path, exc.line, exc.reason)
        return None
    if translated and not same:
        _tell_left_out(offered.unmatched, existing, current, source.path, problems)
    made = translatable(text)
    was = record.target_fingerprint
    # The translation changed since the export (by hand, or another import): this file, made
    # from what it was then, would put the older text back, unless it says the same.
    if (
        was is not None
        and existing is not None
        and was != existing.fingerprint
        and (made is None or made.fingerprint != existing.fingerprint)
    ):
        problems.error(
            shown,
            received.record_line,
            f"{target_path} {'was changed' if was else 'was written'} since this file was exported; refused so"
            f" that the change is not lost: export it again ({command(root, _again(record, file), source.path)}),"
            " which carries the version as it is now",
        )
        return None
    return Planned(shown, group, received, target_path, text, target_file)


_LEFT_OUT_SAID = 5
"""Units left out that are named one by one; a body that could not be lined up at all (too
large to align) would otherwise name every paragraph."""


_BLOCK_MARKS = re.compile(r"^(?:\s*(?:[-+*>]|#{1,6}|\d{1,9}[.)])(?=\s))*")
"""What opens a heading, a list item or a quotation before its words."""


def _letters(text: str) -> str:
    """Only the letters and digits: a paragraph's Markdown marks and line breaks taken out."""
    return re.sub(r"[\W_]+", "", text)


def _tell_left_out(
    units: tuple[Unit, ...], existing: VersionSource, before: str, source: str, problems: Problems
) -> None:
    """Warn of the target's paragraphs the import leaves out: what only the target said would
    otherwise be gone without a word (git still has it)."""
    lines = [_letters(_BLOCK_MARKS.sub("", line)) for line in before.splitlines()]
    for unit in units[:_LEFT_OUT_SAID]:
        plain = " ".join("".join(part for part in unit.parts if isinstance(part, str)).split())
        excerpt = plain if len(plain) <= 60 else plain[:60] + "…"
        start = _letters(plain)[:12]
        # The line its words begin (a heading's or list item's marks before them); else the body's.
        line = next(
            (n for n in range(existing.body_line, len(lines) + 1) if start and lines[n - 1].startswith(start)),
            existing.body_line,
        )
        problems.warning(
            existing.path,
            line,
            f"the import leaves out this {unit.role} of the text before it ('{excerpt}'): it lines up with"
            f" nothing in {source}; if it says what that version does not, add it there (or here again)",
        )
    if len(units) > _LEFT_OUT_SAID:
        more = len(units) - _LEFT_OUT_SAID
        problems.warning(existing.path, existing.body_line, f"… and {more} more left out by the import like these")


def _agreeing(plan: Planned) -> list[str]:
    """The source's language and those whose versions say the same as the source (each
    confirmed against the other as they are); a copy still to be translated (``untranslated``)
    says nothing yet, and its record, written, would lose that mark."""
    record, group = plan.received.record, plan.group
    source_lang, target_lang = record.source_lang, record.target_lang
    source = group.versions[source_lang]
    return [source_lang] + [
        lang
        for lang, version in group.versions.items()
        if lang not in (source_lang, target_lang)
        and not version.untranslated
        and (version.confirmed or {}).get(source_lang) == source.fingerprint
        and (source.confirmed or {}).get(lang) == version.fingerprint
    ]


def _edits(
    plan: Planned, agreeing: list[str], languages: tuple[str, ...], problems: Problems
) -> list[tuple[Path, str]]:
    """Each file an import writes, with its new text: the target, and the versions that agree
    with the source (``agreeing``, from `_agreeing`), which now agree with the target too; none,
    and an error, if one of them cannot take its record line. None either for a target that
    says what it said and is up to date already (a file exported and imported untouched)."""
    group, target_lang = plan.group, plan.received.record.target_lang
    old = group.versions.get(target_lang)
    made = translatable(plan.text)
    if (
        old is not None
        and made is not None
        and made.fingerprint == old.fingerprint
        and version_states(group.versions, languages)[target_lang].state == "ok"
    ):
        return []
    mine = dict((old.confirmed or {}) if old else {})
    mine.update({lang: group.versions[lang].fingerprint for lang in agreeing})
    if made is not None:  # the record names the version's own text too (see translation_status)
        mine[target_lang] = made.fingerprint
    edits: list[tuple[Path, str]] = []
    try:
        path = plan.target_path
        record = _in_order(old.confirmed if old else None, mine, languages)
        edits.append((plan.target_file, write_confirmation(plan.text, record)))
        for lang in agreeing if made is not None else ():
            version = group.versions[lang]
            theirs = dict(version.confirmed or {})
            theirs[target_lang] = made.fingerprint
            path = version.path
            current = editable_text(version.location)
            written = write_confirmation(current, _in_order(version.confirmed, theirs, languages))
            if written != current:
                edits.append((version.location, written))
    except NotEditable as exc:
        problems.error(path, exc.line, exc.reason)
        return []
    return edits


def _in_order(before: dict[str, str] | None, record: dict[str, str], languages: tuple[str, ...]) -> dict[str, str]:
    """``record`` for the site's languages, in the order the file's record had (``confirm``
    writes the version's own language first), new languages after in the site's order: a
    record line that only gains an entry does not change in the editor's diff."""
    order = [lang for lang in before or {} if lang in record and lang in languages]
    order += [lang for lang in languages if lang in record and lang not in order]
    return {lang: record[lang] for lang in order}
