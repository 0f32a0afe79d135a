"""The ``import`` command: a translated exchange file becomes the target Markdown version.

Nothing is written unless every file named is sound: a file whose source version changed since
it was exported is refused (export again), and so is a file with a unit that is missing, empty,
still marked for review, or whose codes do not match the source's, each named with its unit.
The target keeps its own front matter (slug, key, draft …) and gets the source's structure; its
``confirmed`` record says it matches the source it was made from, and the versions that matched
that source now match the new translation too.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Problems
from pressroom.base.files import NotPlainFile, WriteFailed, read_plain, write_all
from pressroom.base.text import describe_character, first_forbidden, forbidden_kind
from pressroom.model.catalog import VersionGroup
from pressroom.model.translation_status import NotEditable, write_confirmation
from pressroom.source.content import as_saved, editable_text
from pressroom.source.frontmatter import VersionSource, split_front_matter, translatable
from pressroom.source.mediafields import IMAGE_TEXTS, DownloadField
from pressroom.workflow import exchange_po, exchange_xliff
from pressroom.workflow.emphasis import unshown_emphasis
from pressroom.workflow.entries import collect, display_path
from pressroom.workflow.exchange import Received, Unreadable
from pressroom.workflow.segments import (
    TITLE_ROLES,
    Part,
    SegmentError,
    fill,
    optional_codes,
    parse_target,
    segment,
)

FIELDS = ("title", "summary", "source")


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
    the releases they import into, not for a mistake elsewhere in the site, which ``check`` reports."""
    site = Problems()
    languages, groups, _ = collect(root, site)
    problems = Problems()
    by_key = {(g.key, g.is_page): g for g in groups}
    usage = Problems()  # a file named that is not there, or is not a file: a usage mistake (exit 2)
    concerned: set[str] = set()
    planned = [p for f in files if (p := _plan(root, f, by_key, languages, problems, usage, concerned)) is not None]
    concerned |= {version.path for plan in planned for version in plan.group.versions.values()}
    concerned |= {problem.path for problem in problems.items}  # the source of a file, say, that could not be read
    problems.extend([problem for problem in site.items if problem.path in concerned])
    elsewhere = {problem.path for problem in site.errors if problem.path not in concerned}
    problems.extend(usage)
    claimed: dict[str, str] = {}
    for plan in planned:
        if plan.target_path in claimed:
            problems.error(plan.file, 0, f"{claimed[plan.target_path]} imports into {plan.target_path} too; import one")
        claimed.setdefault(plan.target_path, plan.file)
    # Every file's new text is made before any is written: one that cannot take its record
    # (front matter written as one {…} mapping) leaves all of them as they were.
    agreeing = [_agreeing(plan) for plan in planned]
    edits = [_edits(plan, langs, languages, problems) for plan, langs in zip(planned, agreeing, strict=True)]
    if not problems.errors:
        # All files or none: a full disk leaves every version as it was, none cut short.
        shown = {path: display_path(path, root) for texts in edits for path, _ in texts}
        try:
            write_all([(path, as_saved(path, text).encode("utf-8")) for texts in edits for path, text in texts])
        except WriteFailed as exc:
            problems.error(shown.get(Path(exc.filename), str(exc.filename)), 0, f"could not write: {exc.strerror}")
    if not problems.errors:
        for plan, langs in zip(planned, agreeing, strict=True):
            confirmed = ", ".join(langs)
            print(f"imported {plan.file} into {plan.target_path}: confirmed against {confirmed}")
    else:
        print("nothing imported: fix the files named above and import them again", file=sys.stderr)
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if elsewhere:
        print(
            f"note: {len(elsewhere)} other file(s) of the site have errors, which 'build.py check' lists",
            file=sys.stderr,
        )
    return EXIT_USAGE if usage.errors else EXIT_CONTENT if problems.errors else EXIT_OK


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
    reader = exchange_po.read if file.suffix == ".po" else exchange_xliff.read
    try:
        received = reader(data)
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
    said = received.target_said.split("-")[0].lower()
    if said and said != record.target_lang.split("-")[0].lower():
        problems.error(
            shown,
            0,
            f"the file says it is in {received.target_said} (trgLang), but it was exported for"
            f" {record.target_lang}: export it again with --to {said}, or translate it into {record.target_lang}",
        )
        return None
    group = by_key.get((record.key, record.is_page))
    source = group.versions.get(record.source_lang) if group else None
    if group is None or source is None:
        problems.error(shown, 0, f"{record.source_path} is no longer in the site; nothing to import it into")
        return None
    if source.fingerprint != record.fingerprint:
        problems.error(
            shown,
            0,
            f"{source.path} changed since this file was exported; refused so that the change is not lost: "
            f"export it again (python build.py export --to {record.target_lang} {source.path})",
        )
        return None
    text = translatable(editable_text(source.location))
    try:
        document = segment(text, record.source_lang) if text is not None else None
    except SegmentError as exc:
        problems.error(source.path, source.body_line, str(exc))
        return None
    if document is None:
        problems.error(source.path, 1, "its front matter cannot be read")
        return None
    translations: dict[str, tuple[Part, ...]] = {}
    for unit in document.units:
        got = received.units.get(unit.id)
        where = f"unit {unit.id} ({unit.role})"
        if got is None and unit.role in TITLE_ROLES:
            # Files exported before titles were units of their own carry the source's title.
            translations[unit.id] = unit.parts
            problems.warning(shown, 0, f"{where} is not in the file; the source's title is kept: {unit.text}")
        elif got is None:
            problems.error(shown, 0, f"{where} is missing from the file")
        elif got.problem:
            problems.error(shown, got.line, f"{where} {got.problem}")
        elif not got.text.strip():
            problems.error(shown, got.line, f"{where} is not translated")
        elif got.needs_review:
            problems.error(shown, got.line, f"{where} is still marked for review (fuzzy); check it and unmark it")
        elif (forbidden := first_forbidden(got.text)) is not None:
            character = forbidden[1]
            problems.error(
                shown,
                got.line,
                f"{where} holds the invisible {forbidden_kind(character)} {describe_character(character)}; was the"
                " file saved in another encoding than it declares? Save it as UTF-8 and import it again",
            )
        else:
            try:
                translations[unit.id] = parse_target(unit, got.text, optional_codes(unit, record.target_lang))
            except SegmentError as exc:
                problems.error(shown, got.line, f"{where}: {exc}")
                continue
            if (code := unshown_emphasis(unit, translations[unit.id])) is not None:
                problems.warning(
                    shown,
                    got.line,
                    f"{where}: the {code.what} <{code.id}>…</{code.id}> will show its marks ({code.data}) on the page:"
                    " Markdown takes emphasis only beside a space or inside a word, not between a Latin letter"
                    " and punctuation, and '_' not inside a word; move the code or leave the emphasis out",
                )
    extra = sorted(set(received.units) - {u.id for u in document.units})
    if extra:
        problems.error(shown, 0, f"unit {', '.join(extra)} is not in {source.path}; was the file exported here?")
    if len(translations) != len(document.units) or extra:
        return None
    fields, body = fill(document, translations)
    existing = group.versions.get(record.target_lang)
    target_path = existing.path if existing else f"content/{record.target_lang}/{group.key}.md"
    target_file = existing.location if existing else root / target_path
    current = editable_text(target_file) if existing else _new_file(source.draft)
    media = _media_lines(fields, source.downloads, existing)
    try:
        return Planned(shown, group, received, target_path, _replace(current, fields, body, media), target_file)
    except NotEditable as exc:
        problems.error(target_path, exc.line, exc.reason)
        return None


def _new_file(draft: bool) -> str:
    return "---\n" + ("draft: true\n" if draft else "") + "---\n"


def _agreeing(plan: Planned) -> list[str]:
    """The source's language and those whose versions say the same as the source (each
    confirmed against the other as they are)."""
    record, group = plan.received.record, plan.group
    source_lang, target_lang = record.source_lang, record.target_lang
    source = group.versions[source_lang]
    return [source_lang] + [
        lang
        for lang, version in group.versions.items()
        if lang not in (source_lang, target_lang)
        and (version.confirmed or {}).get(source_lang) == source.fingerprint
        and (source.confirmed or {}).get(lang) == version.fingerprint
    ]


def _edits(
    plan: Planned, agreeing: list[str], languages: tuple[str, ...], problems: Problems
) -> list[tuple[Path, str]]:
    """Each file an import writes, with its new text: the target, and the versions that agree
    with the source (``agreeing``, from `_agreeing`), which now agree with the target too; none,
    and an error, if one of them cannot take its record line."""
    group, target_lang = plan.group, plan.received.record.target_lang
    old = group.versions.get(target_lang)
    mine = dict((old.confirmed or {}) if old else {})
    mine.update({lang: group.versions[lang].fingerprint for lang in agreeing})
    made = translatable(plan.text)
    if made is not None:  # the record names the version's own text too (see translation_status)
        mine[target_lang] = made.fingerprint
    edits: list[tuple[Path, str]] = []
    try:
        path = plan.target_path
        edits.append(
            (plan.target_file, write_confirmation(plan.text, {lang: mine[lang] for lang in languages if lang in mine}))
        )
        for lang in agreeing if made is not None else ():
            version = group.versions[lang]
            theirs = dict(version.confirmed or {})
            theirs[target_lang] = made.fingerprint
            path = version.path
            record_line = {code: theirs[code] for code in languages if code in theirs}
            edits.append((version.location, write_confirmation(editable_text(version.location), record_line)))
    except NotEditable as exc:
        problems.error(path, exc.line, exc.reason)
        return []
    return edits


def _media_lines(
    fields: dict[str, str], downloads: tuple[DownloadField, ...], existing: VersionSource | None
) -> dict[str, list[str]]:
    """The target's ``image:`` and ``downloads:`` with the translated texts: the image keeps the
    target's own ``file`` and ``symbolic`` (else they stay inherited). The downloads are the
    target's own list, each offering a file of the source's taking its translated title, and
    the source's other files after them: a file only the translation offers (a Japanese PDF)
    stays as it was. A field the source does not give is left to the target as it is."""
    image = existing.image if existing is not None else None
    blocks: dict[str, list[str]] = {}
    texts = {name.removeprefix("image."): value for name, value in fields.items() if name.startswith("image.")}
    if texts:
        own = [f"  file: {yaml_scalar(image.file)}"] if image is not None and image.file else []
        own += [f"  {name}: {yaml_scalar(texts[name])}" for name in IMAGE_TEXTS if texts.get(name)]
        if image is not None and image.symbolic is not None:
            own.append(f"  symbolic: {'true' if image.symbolic else 'false'}")
        blocks["image"] = ["image:", *own]
    if downloads:
        translated = {item.file: fields[f"download.{number}"] for number, item in enumerate(downloads, 1)}
        theirs = existing.downloads if existing is not None else ()
        offered = [(item.file, translated.get(item.file, item.title), item.langs) for item in theirs]
        given = {item.file for item in theirs}
        offered += [(item.file, translated[item.file], item.langs) for item in downloads if item.file not in given]
        lines = ["downloads:"]
        for file, title, langs in offered:
            lines += [f"  - file: {yaml_scalar(file)}", f"    title: {yaml_scalar(title)}"]
            lines += [f"    lang: [{', '.join(langs)}]"] if langs else []
        blocks["downloads"] = lines
    return blocks


def _replace(text: str, fields: dict[str, str], body: str, media: dict[str, list[str]]) -> str:
    """The file with new values for title, summary and source, the ``media`` blocks (see
    `_media_lines`) and a new body; every other front-matter line as it was."""
    split = split_front_matter(text)
    if isinstance(split, str):
        raise NotEditable(1, split)
    yaml_lines = split[0].split("\n") if split[0] else []
    kept: list[str] = []
    placed: set[str] = set()
    skipping = False
    for line in yaml_lines:
        key = line.split(":", 1)[0]
        # A field the source gives no value for (its summary, say) stays the target's own.
        if not line.startswith((" ", "\t")) and (key in media or (key in FIELDS and fields.get(key))):
            skipping = True  # this field's old value, with any continuation lines
            if key in media:
                kept += media[key]
                placed.add(key)
            elif fields.get(key):
                kept.append(f"{key}: {yaml_scalar(fields[key])}")
                placed.add(key)
            continue
        if skipping and line.startswith((" ", "\t", "-")):  # a list may start in the key's column
            continue
        skipping = False
        kept.append(line)
    values = [f"{name}: {yaml_scalar(fields[name])}" for name in FIELDS if fields.get(name) and name not in placed]
    added = [line for name, lines in media.items() if name not in placed for line in lines]
    return "---\n" + "\n".join([*values, *kept, *added]) + "\n---\n\n" + body.strip("\n") + "\n"


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


def yaml_scalar(value: str) -> str:
    """A value as YAML reads it back unchanged: plain where that is safe, else double-quoted."""
    plain = _PLAIN.match(value) and ": " not in value and not value.endswith(":") and value.strip() == value
    if plain and value.lower() not in _WORDS and not value[0].isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)


_WORDS = ("true", "false", "yes", "no", "null", "on", "off", "~")
