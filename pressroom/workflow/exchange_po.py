"""Exchange files in gettext PO format, written and read with Babel.

One message per unit: ``msgctxt`` is the unit id (so equal texts stay separate units), ``msgid``
the source text with its codes as ``<1>…</1>`` and ``<2/>``, extracted comments (``#.``) say
what the unit and each code are, and pre-filled translations that need checking are ``fuzzy``,
with the source they were made from as the previous msgid (``#| msgid``), as gettext's
``msgmerge`` writes it: Poedit, Lokalize and Weblate show the change. An import ignores it.
The export record is a comment line at the top of the file, which PO editors keep.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, normalize, read_po, write_po

from pressroom.base.pofile import PoProblem, keyword_line, sound_po_text
from pressroom.base.text import file_lines, line_feeds
from pressroom.workflow.exchange import Export, Received, Translated, Unreadable, line_of, parse_record, unit_notes
from pressroom.workflow.unitmarkdown import join_lines


def write(export: Export, moment: datetime) -> bytes:
    header = [f"# {export.source_path} ({export.source_lang}) to translate into {export.target_lang}."]
    header += [f"# {note}" for note in export.notes]
    header += [f"# {export.record}", "# Keep every <n>…</n> and <n/>: they stand for links, emphasis and the like."]
    catalog = Catalog(
        locale=export.target_lang,
        header_comment="\n".join(header),
        project="pressroom",
        version=export.key,
        msgid_bugs_address="-",
        creation_date=moment,
        revision_date=moment,
        last_translator="-",
        language_team="-",
        fuzzy=False,
    )
    for unit in export.units:
        catalog.add(
            unit.text,
            export.prefill.get(unit.id, ""),
            context=unit.id,
            auto_comments=unit_notes(unit),
            flags=("fuzzy",) if unit.id in export.review and unit.id in export.prefill else (),
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False)
    return _with_previous(buffer.getvalue(), export)


_CONTEXT_LINE = re.compile(r'^msgctxt "([^"\\\n]*)"$', re.MULTILINE)


def _with_previous(data: bytes, export: Export) -> bytes:
    """``data`` with a ``#| msgid`` before each fuzzy message whose earlier source is known.
    Babel's own (``include_previous``) wraps it as a comment at 76 columns, which cuts a long
    string in the middle of its quotes: gettext's tools then refuse the file."""
    previous = {i: text for i, text in export.previous.items() if i in export.review and i in export.prefill}
    if not previous:
        return data

    def before(match: re.Match) -> str:
        text = previous.get(match[1])
        return match[0] if text is None else f"#| msgid {normalize(text, prefix='#| ', width=0)}\n{match[0]}"

    return _CONTEXT_LINE.sub(before, data.decode("utf-8")).encode("utf-8")


OBSOLETE = "is marked obsolete (#~), so it is not read: take the '#~ ' from the start of its lines"
"""Said of a unit the file holds only as an obsolete message (see `Received.obsolete`)."""

PLURAL_FORMS = (
    "has plural forms (msgid_plural, msgstr[0], …), which these files do not use: delete its msgid_plural"
    " line and write its translation as one msgstr"
)


def read(data: bytes) -> Received:
    try:
        data = sound_po_text(data)
    except PoProblem as problem:
        raise Unreadable(problem.reason, problem.line) from None
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise Unreadable(f"not a readable PO file: {exc}", getattr(exc, "lineno", 0)) from None
    record = parse_record(catalog.header_comment or "")
    if record is None:
        raise Unreadable("not a pressroom export: its 'pressroom-export:' comment line is missing", 1)
    units: dict[str, Translated] = {}
    notes: dict[str, tuple[tuple[int, str], ...]] = {}
    sources: dict[str, tuple[int, str]] = {}
    for message in catalog:
        if not message.id:
            continue
        if not message.context:
            raise Unreadable(f"message '{message.id}' has no msgctxt naming its unit", message.lineno or 0)
        if message.context in units:  # else the later one would stand in silently
            first = units[message.context].line
            raise Unreadable(
                f"unit {message.context} is given twice, for two texts (first on line {first}): were two exported"
                " files joined into one? Import each as export wrote it",
                message.lineno or 0,
            )
        if not isinstance(message.string, str):  # a tool offered plural forms: the unit was "missing"
            line = keyword_line(file_lines(data.decode("utf-8")), message.lineno or 0, "msgid_plural")
            units[message.context] = Translated("", message.fuzzy, line, PLURAL_FORMS)
            continue
        # A line end a tool wrote as \r\n inside a msgstr is a line end, not a stray control character.
        text = join_lines(line_feeds(message.string), record.target_lang)
        units[message.context] = Translated(text, message.fuzzy, message.lineno or 0)
        sources[message.context] = message.lineno or 0, message.id
        # A translator's comments ("# …"); the export's own are extracted ones ("#. …"), and Babel
        # reads the lines of a previous msgid ("#| msgid …") as comments that begin with "|".
        said = [comment for comment in message.user_comments if not comment.startswith("|")]
        notes[message.context] = tuple((message.lineno or 0, comment) for comment in said)
    said = (catalog.locale_identifier or "").replace("_", "-")
    obsolete = {m.context: m.lineno or 0 for m in catalog.obsolete.values() if m.context and m.context not in units}
    where = line_of(data, b'"Language:'), line_of(data, b"pressroom-export:")
    return Received(record, units, said, "", *where, notes, obsolete, sources=sources)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
