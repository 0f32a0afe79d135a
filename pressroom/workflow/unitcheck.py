"""The units of a translated exchange file checked against its source version's units.

Each unit of the source must come back translated: present, not empty (nor invisible only), not
marked for review, with no invisible control character or byte order mark and exactly the source
unit's codes, with no link or emphasis left without words and no link put inside a link, nor a
code inside an image; and not every unit a copy of its source. Each refusal names the file's line
and the unit. What the file says beside the translation is told, not taken: a translator's note,
a source corrected in the tool, a code's Markdown (a link's address) changed there.
"""

from __future__ import annotations

from pressroom.base.errors import Problems
from pressroom.base.text import describe_character, first_forbidden, forbidden_kind, shows_anything
from pressroom.workflow import exchange_po
from pressroom.workflow.emphasis import emptied_pair, hidden_code, unshown_emphasis
from pressroom.workflow.exchange import Received, code_shown, data_id, translators_notes
from pressroom.workflow.segments import (
    TITLE_ROLES,
    Code,
    Document,
    Part,
    SegmentError,
    Unit,
    code_tag,
    optional_codes,
    parse_target,
)

SAID_ONE_BY_ONE = 20
"""Units missing, or not in the source, said each at its line; beyond them, how many more: a file
exported for another release names hundreds, which would hide every other problem of the run."""


def checked_units(
    document: Document, received: Received, source_path: str, shown: str, problems: Problems
) -> dict[str, tuple[Part, ...]] | None:
    """Each source unit's translation (codes as the source's), or None with the reasons in
    ``problems``, each at ``shown`` (the file's name) and its line."""
    translations: dict[str, tuple[Part, ...]] = {}
    record = received.record
    order = [unit.id for unit in document.units]
    missing = 0
    for unit in document.units:
        got = received.units.get(unit.id)
        where = f"unit {unit.id} ({unit.role})"
        for line, note in translators_notes(unit, received.notes.get(unit.id, ())):
            problems.warning(shown, line, f"{where}: note from the translator: {note}")
        _tell_changed_codes(unit, received.original.get(unit.id, {}), where, shown, problems)
        line, source = received.sources.get(unit.id, (0, ""))
        if source and "".join(source.split()) != "".join(unit.text.split()):  # however a tool laid it out
            excerpt = " ".join(source.split())
            problems.warning(
                shown,
                line,
                f"{where}: the source text in the file reads '{excerpt if len(excerpt) <= 80 else excerpt[:80] + '…'}',"
                f" which is not what {source_path} says: was it corrected in the translation tool? The import"
                f" leaves {source_path} unchanged; if the correction is right, make it in that file too",
            )
        if got is None and unit.role in TITLE_ROLES:
            # Files exported before titles were units of their own carry the source's title.
            translations[unit.id] = unit.parts
            line, place = received.place_of(order, unit.id)
            problems.warning(shown, line, f"{where} is not in the file{place}; the source's title is kept: {unit.text}")
        elif got is None and unit.id in received.obsolete:
            problems.error(shown, received.obsolete[unit.id], f"{where} {exchange_po.OBSOLETE}")
        elif got is None:
            missing += 1
            line, place = received.place_of(order, unit.id)
            if missing <= SAID_ONE_BY_ONE:
                problems.error(shown, line, f"{where} is missing from the file{place}")
        elif got.problem:
            problems.error(shown, got.line, f"{where} {got.problem}")
        elif not shows_anything(got.text):  # a zero-width space alone is as empty as it looks
            problems.error(shown, got.line, f"{where} is not translated")
        elif got.needs_review:
            problems.error(
                shown, got.line, f"{where} is still marked for review {received.review.format(mark=got.mark)}"
            )
        elif (forbidden := first_forbidden(got.text)) is not None:
            character = forbidden[1]
            problems.error(
                shown,
                got.line,
                f"{where} holds the invisible {forbidden_kind(character)} {describe_character(character)}; was the"
                " file saved in another encoding than it declares? Save it as UTF-8 and import it again",
            )
        elif "\ufeff" in got.text:  # the front matter it would go into refuses it
            problems.error(
                shown,
                got.line,
                f"{where} holds an invisible byte order mark (U+FEFF), as where two texts were joined; delete it",
            )
        else:
            try:
                translations[unit.id] = parse_target(unit, got.text, optional_codes(unit, record.target_lang))
            except SegmentError as exc:
                problems.error(shown, got.line, f"{where}: {exc}")
                continue
            if (empty := emptied_pair(unit, translations[unit.id])) is not None:
                problems.error(
                    shown,
                    got.line,
                    f"{where}: <{empty.id}>…</{empty.id}> ({empty.what}) holds no words; put inside it what it marks",
                )
                del translations[unit.id]
            elif (hidden := hidden_code(unit, translations[unit.id])) is not None:
                outer, inner = hidden
                problems.error(
                    shown,
                    got.line,
                    f"{where}: {code_shown(inner)} ({inner.what}) is inside {code_shown(outer)} ({outer.what}), where"
                    f" the page cannot show it ({_why_hidden(outer, inner)}): move it out of {code_shown(outer)}",
                )
                del translations[unit.id]
            elif (code := unshown_emphasis(unit, translations[unit.id])) is not None:
                problems.warning(
                    shown,
                    got.line,
                    f"{where}: the {code.what} <{code.id}>…</{code.id}> will show its marks ({code.data}) on the page:"
                    " Markdown takes emphasis only beside a space or inside a word, not between a Latin letter"
                    " and punctuation, and '_' not inside a word; move the code or leave the emphasis out",
                )
    if missing > SAID_ONE_BY_ONE:
        problems.error(shown, 0, f"… and {missing - SAID_ONE_BY_ONE} more units of {source_path} missing from the file")
    extra = sorted(set(received.units) - {u.id for u in document.units}, key=lambda ident: received.units[ident].line)
    for ident in extra[:SAID_ONE_BY_ONE]:  # each at its own line: a translator finds it there, and may see a typo
        problems.error(
            shown,
            received.units[ident].line,
            f"unit {ident or 'with an empty id'} is not in {source_path}; was the file exported here?",
        )
    if len(extra) > SAID_ONE_BY_ONE:
        more = extra[SAID_ONE_BY_ONE]
        problems.error(
            shown,
            received.units[more].line,
            f"… and {len(extra) - SAID_ONE_BY_ONE} more units from here on not in {source_path}",
        )
    if len(translations) != len(document.units) or extra:
        return None
    if not _copied(document, translations, received, source_path, shown, problems):
        return None
    return translations


def _tell_changed_codes(
    unit: Unit, given: dict[str, tuple[int, str]], where: str, shown: str, problems: Problems
) -> None:
    """Warn of each code whose Markdown the file changed (a link's address edited in the tool):
    the import keeps the source's, and the editor learns what the translator meant."""
    for code in (part for part in unit.parts if isinstance(part, Code) and data_id(part) in given):
        line, written = given[data_id(code)]
        was, now = " ".join(code.data.split()), " ".join(written.split())  # as a tool may have laid it out
        if now and now != was:
            opened = unit.codes[code.id]
            problems.warning(
                shown,
                line,
                f"{where}: the file changes the Markdown of {code_shown(opened)} ({opened.what}) from '{was}' to"
                f" '{now}'; a translation cannot change it, so the source's is kept: if this language needs"
                " another address, change it in the version after the import",
            )


COPIED_LETTERS = 15
"""Letters a unit (or, together, a file's units) must hold for a copy of the source to be told:
a name, a number or a short heading may well read the same in both languages."""


def _copied(
    document: Document,
    translations: dict[str, tuple[Part, ...]],
    received: Received,
    source_path: str,
    shown: str,
    problems: Problems,
) -> bool:
    """False, with an error, when every unit is word for word its source's, as where a tool copied
    the source into each target (and marked it translated): the version would be in the source's
    language, and confirmed. A warning names the paragraphs that are, if some are."""
    same = [
        unit
        for unit in document.units
        if " ".join(unit.text.split()) == " ".join("".join(map(_text_form, translations[unit.id])).split())
        and _letters(unit) > 0
        and unit.id in received.units  # not a title kept from the source (see above)
    ]
    worded = [unit for unit in document.units if _letters(unit) > 0 and unit.id in received.units]
    first = received.units[same[0].id].line if same else 0
    if same and len(same) == len(worded) and sum(map(_letters, same)) >= COPIED_LETTERS:
        problems.error(
            shown,
            first,
            f"every unit says word for word what {source_path} says, in {received.record.source_lang}: was the"
            " source copied into the translation? Translate the units and import the file again",
        )
        return False
    long = [unit.id for unit in same if unit.role not in TITLE_ROLES and _letters(unit) >= COPIED_LETTERS]
    if long:
        more = f" and {len(long) - SAID_ONE_BY_ONE} more" if len(long) > SAID_ONE_BY_ONE else ""
        named = ", ".join(long[:SAID_ONE_BY_ONE]) + more
        which, are, check = ("units", "are", "they were") if len(long) > 1 else ("unit", "is", "it was")
        problems.warning(
            shown,
            received.units[long[0]].line,
            f"{which} {named} {are} word for word as in {source_path}: check that {check} translated",
        )
    return True


def _why_hidden(outer: Code, inner: Code) -> str:
    """Why the page cannot show ``inner`` inside ``outer`` (see `hidden_code`): the one reason
    that applies, not both."""
    if outer.what.startswith("image "):
        return "an image's description can only be plain text"
    footnote = "; a footnote mark is a link too" if inner.what.startswith("footnote ") else ""
    return f"a link cannot contain another link{footnote}"


def _text_form(part: Part) -> str:
    return part if isinstance(part, str) else code_tag(part)


def _letters(unit: Unit) -> int:
    return sum(character.isalpha() for part in unit.parts if isinstance(part, str) for character in part)
