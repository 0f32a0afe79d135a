"""Exchange files in XLIFF 2.0, made with translate-toolkit's XLIFF 2 store and read as it reads them.

One ``<unit>`` per unit, with one ``<segment>`` (``canResegment="no"``: the import needs whole
units). Inline Markdown is XLIFF's own inline codes, so CAT tools show them as tags the
translator moves but cannot edit: a pair is ``<pc>`` and a standalone code ``<ph>``, both
``canDelete="no"``, their Markdown kept in the unit's ``<originalData>`` and shown through
``disp``. Notes give each unit's role and the release's context, and a unit to review the
source its pre-filled translation was made from (``category="previous-source"``). The export record is an
``mda:metadata`` entry of the file (XLIFF's metadata module, which tools keep) and a file note.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime

from lxml import etree
from translate.storage.xliff2 import Xliff2File

from pressroom.base.encodings import not_utf8
from pressroom.workflow.exchange import (
    PREVIOUS_SOURCE,
    UTF16_MARKS,
    Export,
    Received,
    Translated,
    Unreadable,
    data_id,
    line_of,
    parse_record,
    unit_notes,
)
from pressroom.workflow.segments import Code, Part, Unit, optional_codes, parse_target
from pressroom.workflow.unitmarkdown import join_lines
from pressroom.workflow.xmlwords import said_plainly, working_file

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
_X = f"{{{XLIFF}}}"


def write(export: Export, moment: datetime) -> bytes:
    del moment  # XLIFF 2 core records no dates
    store = Xliff2File()
    store.setsourcelanguage(export.source_lang)
    store.settargetlanguage(export.target_lang)
    file = store.body
    file.set("id", "f1")
    file.set("original", export.source_path)
    file.set("canResegment", "no")
    metadata = etree.SubElement(file, f"{{{MDA}}}metadata", nsmap={"mda": MDA})
    group = etree.SubElement(metadata, f"{{{MDA}}}metaGroup", category="pressroom")
    etree.SubElement(group, f"{{{MDA}}}meta", type="export").text = export.record
    _notes(file, [*export.notes, export.record])
    for unit in export.units:
        made = store.addsourceunit("")
        made.setid(unit.id)
        _unit(made.getunitelement(), made.xmlelement, unit, export)
    for text in (*file.iter(f"{_X}source"), *file.iter(f"{_X}target")):
        if text.text is None:
            # Else the file is pretty-printed into it: a unit opening with a code (an image, a
            # link) got a line end and spaces, which xml:space="preserve" makes the translator's.
            text.text = ""
    return etree.tostring(store.document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _notes(parent: etree._Element, texts: list[str]) -> etree._Element:
    notes = etree.SubElement(parent, f"{_X}notes")
    for text in texts:
        etree.SubElement(notes, f"{_X}note").text = text
    return notes


def _unit(element: etree._Element, segment: etree._Element, unit: Unit, export: Export) -> None:
    for attribute in list(segment.attrib):
        del segment.attrib[attribute]
    for child in list(segment):
        segment.remove(child)
    segment.text = None
    element.remove(segment)
    element.set("name", unit.role)
    notes = _notes(element, unit_notes(unit))
    previous = export.previous.get(unit.id)
    if previous is not None and unit.id in export.review and unit.id in export.prefill:
        # A unit's notes, not a segment's: XLIFF 2 allows <notes> only there (before <originalData>).
        note = etree.SubElement(notes, f"{_X}note", appliesTo="source", category="previous-source")
        note.text = f"{PREVIOUS_SOURCE}: {previous}"
    codes = [p for p in unit.parts if isinstance(p, Code)]
    if codes:
        data = etree.SubElement(element, f"{_X}originalData")
        for code in codes:
            etree.SubElement(data, f"{_X}data", id=data_id(code)).text = code.data
    element.append(segment)
    prefill = export.prefill.get(unit.id)
    review = unit.id in export.review or prefill is None
    segment.set("state", "initial" if review else "translated")
    source = etree.SubElement(segment, f"{_X}source")
    source.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    optional = optional_codes(unit, export.target_lang)
    _inline(source, unit.parts, optional)
    if prefill is not None:
        target = etree.SubElement(segment, f"{_X}target")
        target.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        _inline(target, parse_target(unit, prefill, optional), optional)


def _inline(parent: etree._Element, parts: tuple[Part, ...], optional: frozenset[int]) -> None:
    """Text with ``<pc>`` around paired codes and ``<ph/>`` for standalone ones; only the
    ``optional`` ones may be deleted."""
    stack = [parent]
    for part in parts:
        current = stack[-1]
        if isinstance(part, str):
            last = current[-1] if len(current) else None
            if last is None:
                current.text = (current.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        elif part.kind == "standalone":
            ph = etree.SubElement(current, f"{_X}ph", id=str(part.id), dataRef=data_id(part), disp=part.what)
            if part.id not in optional:
                ph.set("canDelete", "no")
        elif part.kind == "open":
            pc = etree.SubElement(current, f"{_X}pc", id=str(part.id), dispStart=part.what)
            if part.id not in optional:
                pc.set("canDelete", "no")
            pc.set("dataRefStart", data_id(part))
            pc.set("dataRefEnd", f"d{part.id}e")
            stack.append(pc)
        else:
            stack.pop()


def read(data: bytes) -> Received:
    root = _document(data)
    meta = [*root.iter(f"{{{MDA}}}meta"), *root.iter(f"{_X}note")]
    found = next(((r, m) for m in meta if (r := parse_record(m.text or "")) is not None), None)
    if found is None:
        raise Unreadable("not a pressroom export: its 'pressroom-export' metadata is missing", root.sourceline or 0)
    record, element = found
    files = root.findall(f"{_X}file")
    if len(files) > 1:  # each its own record: read as one, a release's units would be another's
        raise Unreadable(
            f"{len(files)} exported files joined into one (the second <file> is on line {files[1].sourceline}):"
            " in the translation tool, save each as its own file, as export wrote them, and import those",
            files[1].sourceline or 0,
        )
    units: dict[str, Translated] = {}
    notes: dict[str, tuple[tuple[int, str], ...]] = {}
    original: dict[str, dict[str, tuple[int, str]]] = {}
    sources: dict[str, tuple[int, str]] = {}
    for unit in root.iter(f"{_X}unit"):
        ident = unit.get("id", "")
        if ident in units:  # else the later one would stand in silently, or another seem missing
            first = units[ident].line
            raise Unreadable(f"unit {ident} is given twice (first on line {first}); keep one", unit.sourceline or 0)
        units[ident] = _translated(unit, record.target_lang)
        comments = f"{_X}segment//{_X}mrk[@type='comment'][@value]"  # not a translation memory's (<mtc:match>)
        said = [*unit.iterfind(f"{_X}notes/{_X}note"), *unit.iterfind(comments)]
        # A comment may be a note of the unit's or an annotation on words of it (memoQ's, Phrase's).
        notes[ident] = tuple((note.sourceline or 0, note.get("value") or note.text or "") for note in said)
        sources[ident] = _source(unit)
        data = unit.iterfind(f"{_X}originalData/{_X}data")
        original[ident] = {given.get("id", ""): (given.sourceline or 0, given.text or "") for given in data}
    languages = root.get("trgLang", ""), root.get("srcLang", "")
    return Received(
        record,
        units,
        *languages,
        root.sourceline or 0,
        element.sourceline or 0,
        notes,
        review=_REVIEW,
        original=original,
        sources=sources,
    )


def _source(unit: etree._Element) -> tuple[int, str]:
    """A unit's source as the file gives it, in text form, and the line it starts on; no text
    where it holds what no export writes (said of its target, if anywhere)."""
    found = list(unit.iterfind(f"*/{_X}source"))  # of its segments and ignorables
    try:
        return (found[0].sourceline or 0) if found else 0, "".join(map(_text_form, found))
    except ValueError:
        return 0, ""


_REVIEW = "(its state is '{mark}'); check it and confirm it in the translation tool, which marks it translated"
_DONE = ("translated", "reviewed", "final", "signed-off")
"""The states of a translated segment: XLIFF 2's, and XLIFF 1.2's signed-off, which tools used
to 1.2 write into XLIFF 2 too."""
_OPEN = ("initial", "new", "needs-translation", "needs-l10n", "needs-adaptation")
_OPEN += ("needs-review-translation", "needs-review-l10n", "needs-review-adaptation")
"""The states of a segment still to be translated or checked: XLIFF 2's initial, and XLIFF 1.2's."""


def _translated(unit: etree._Element, lang: str) -> Translated:
    """A unit's translation: its segments' targets in order, and an ignorable's source where a
    tool kept no target for it (XLIFF: the source stands); a segment with no target while
    others have one is said, never left out. A line end a tool wrapped a target at, with the
    indentation around it, is read as `join_lines` reads it in ``lang``."""
    line = unit.sourceline or 0
    segments = [s for s in unit if s.tag in (f"{_X}segment", f"{_X}ignorable")]
    pieces: list[tuple[int, str]] = []
    empty: list[int] = []
    try:
        for place, part in enumerate(segments, 1):
            target = part.find(f"{_X}target")
            if target is None and part.tag == f"{_X}ignorable":
                target = part.find(f"{_X}source")
            if target is None:
                empty.append(part.sourceline or line)
                continue
            # A tool that moved segments in the translation says where each one goes (order).
            order = target.get("order", str(place))
            if not order.isdigit() or not 1 <= int(order) <= len(segments):
                return Translated("", False, line, f'has a target with order="{order}", which is no place in it')
            pieces.append((int(order), _text_form(target)))
    except ValueError as exc:
        return Translated("", False, line, str(exc))
    if len({order for order, _ in pieces}) < len(pieces):
        return Translated("", False, line, "has two targets for one place (their order attributes)")
    text = join_lines("".join(piece for _, piece in sorted(pieces)), lang)
    if empty and len(empty) < sum(part.tag == f"{_X}segment" for part in segments):
        return Translated(text, False, line, f"has a segment without its translation (line {empty[0]}); translate it")
    states = [_state(part) for part in segments if part.tag == f"{_X}segment"]
    if (unknown := next((state for state in states if state not in (None, *_DONE, *_OPEN)), None)) is not None:
        problem = f"has a segment in the state '{unknown}', which XLIFF does not have; mark it translated in the tool"
        return Translated(text, False, line, problem)
    open_state = next((state for state in states if state in _OPEN), None)
    if text.strip() and None in states and open_state is None:
        problem = "has a segment without a state (XLIFF reads that as 'initial'); mark it translated in the tool"
        return Translated(text, False, line, problem)
    if not text.strip():
        return Translated(text, False, line)
    return Translated(text, open_state is not None or None in states, line, mark=open_state or "initial")


def _state(segment: etree._Element) -> str | None:
    """A segment's state; a tool used to XLIFF 1.2 may have put one on its target (where 1.2 has
    it), which is read where the segment has none, or where it asks for the target to be checked."""
    own, target = segment.get("state"), segment.find(f"{_X}target")
    theirs = target.get("state") if target is not None else None
    return theirs if theirs in _OPEN or own is None else own


def _document(data: bytes) -> etree._Element:
    """The root of a translated file, read the way translate-toolkit reads XLIFF (no entity
    expanded, nothing fetched), with every way it can fail said for a translator: its store
    would stop on a root other than ``<xliff>`` with an ``AssertionError``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=False, load_dtd=False)
    try:
        document = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise Unreadable(*_unreadable(data, exc)) from None
    root = document.getroot()
    mislabelled = _mislabelled(data, document.docinfo.encoding or "")
    if mislabelled is not None:
        raise Unreadable(mislabelled, line_of(data, b"encoding"))
    if document.docinfo.doctype or document.docinfo.internalDTD is not None:
        raise Unreadable(_DOCTYPE, line_of(data, b"<!DOCTYPE"))
    if etree.QName(root).localname == "xliff" and root.get("version", "2").split(".")[0] != "2":
        raise Unreadable(
            working_file(root.nsmap.values())
            or f"an XLIFF {root.get('version')} file: pressroom exports and imports XLIFF 2.0;"
            " save it as XLIFF 2.0 in the translation tool",
            root.sourceline or 0,
        )
    if root.tag != f"{_X}xliff":
        raise Unreadable("not an XLIFF 2.0 file (its root is not <xliff> of XLIFF 2)", root.sourceline or 0)
    return root


_DOCTYPE = (
    "a document type declaration (<!DOCTYPE …>): XLIFF files have none, and the entities it may declare"
    " are not read; remove it"
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")


_CLOSED = re.compile(rb"</(?:[\w.-]+:)?xliff\s*>\s*\Z")
"""The end of a whole file: its root closed (with a namespace prefix, if it has one)."""


def _unreadable(data: bytes, exc: etree.XMLSyntaxError) -> tuple[str, int]:
    """What to tell a translator of a file the XML reader stopped on, and the line: in words
    of the file and the tool, not the reader's (``xmlParseCharRef``, ``Invalid bytes in
    character encoding``, ``see xmlCtxtSetMaxAmplification``)."""
    message = getattr(exc, "msg", None) or str(exc)
    line = getattr(exc, "lineno", 0) or 0
    if b"<!DOCTYPE" in data:  # its entities can stop the reader before the check after it (a billion laughs)
        return _DOCTYPE, line_of(data, b"<!DOCTYPE")
    if (other := _not_xml(data)) is not None:
        return other, 0
    declared = _DECLARED.match(data)
    if declared is None or _encoding_name(declared.group(1).decode("ascii", "replace")) == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            at, said = not_utf8(data, bad.start)
            return said, at
    if _CLOSED.search(data) is None:  # the reader's words would be of whatever tag it ended in
        return (
            "not a readable XLIFF 2 file: it ends before its closing </xliff>, cut short in saving or"
            " sending; save or send it whole and import it again",
            line,
        )
    return said_plainly(message), line


def _not_xml(data: bytes) -> str | None:
    """What a file given for XLIFF is when it is no XML at all: text (an archive, and a PO file
    whatever its name, are told by `pressroom.workflow.exchange.exchange_format`)."""
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith((b"<", *UTF16_MARKS)) or b"\0" in start[:4]:  # UTF-16: said as such
        return None
    return "not an XLIFF file: it holds no XML; import the translated .xlf or .po file that export wrote"


def _mislabelled(data: bytes, declared: str) -> str | None:
    """Why a file whose declaration names a one-byte encoding (ISO-8859-1, windows-1252) but
    whose bytes are UTF-8 may not be read: every "ü" would arrive as "Ã¼", printable and
    wrong. A file really written in the encoding it declares is read as declared."""
    name = _encoding_name(declared)
    if name is None or name.startswith(("utf-", "utf_")) or name == "ascii" or data.isascii():
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return (
        f"the file declares the encoding {declared}, but its text is UTF-8 (an 'ü' would read as 'Ã¼');"
        " save it as UTF-8 in the translation tool and import it again"
    )


def _encoding_name(declared: str) -> str | None:
    """Python's name for an encoding a declaration names (``UTF8``, ``utf_8`` → ``utf-8``);
    None for one it does not know."""
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def _code_point(element: etree._Element) -> str:
    """The character a ``<cp hex="…"/>`` stands for; ValueError, said as the unit's problem, for
    one that names none (no hex, not hexadecimal, a surrogate or past U+10FFFF)."""
    written = element.get("hex")
    try:
        number = int(written or "", 16)
        if written is None or not written.isalnum() or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            raise ValueError
    except ValueError:
        raise ValueError(
            f'has <cp hex="{written or ""}"/> (line {element.sourceline}), which names no character;'
            " write the character itself"
        ) from None
    return chr(number)


def _text_form(element: etree._Element) -> str:
    """A target's content with its inline codes as ``<1>…</1>`` and ``<2/>``."""
    out = [element.text or ""]
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        # A pair a tool split into start and end codes reads as the pair it was.
        named = "startRef" if tag == "ec" and "startRef" in child.attrib else "id"
        ident = child.get(named, "")
        if not tag:
            pass  # a comment or processing instruction: no words of the translation
        elif tag in ("pc", "ph", "sc", "ec") and not (ident.isascii() and ident.isdigit()):
            # Every code exported is numbered: written out as "<z>…</z>", a code a tool added
            # would have reached the page as words, since only "<1>"-like text is read as a code.
            keep = "; take it out and keep its words" if tag == "pc" else "; take it out"
            raise ValueError(f'holds <{tag} {named}="{ident}">, which is not one of the source\'s codes{keep}')
        elif tag == "pc":
            out.append(f"<{ident}>{_text_form(child)}</{ident}>")
        elif tag in ("ph", "sc", "ec"):
            out.append({"ph": f"<{ident}/>", "sc": f"<{ident}>", "ec": f"</{ident}>"}[tag])
        elif tag == "cp":
            out.append(_code_point(child))
        elif tag in ("sm", "em"):
            pass  # where an annotation starts and ends: it holds no text of its own
        elif tag == "mrk" or etree.QName(child).namespace != XLIFF:
            out.append(_text_form(child))  # annotations (<mrk>, a tool's own) keep their text
        else:
            raise ValueError(f"holds <{tag}>, which is no inline element of XLIFF 2; take it out and keep its words")
        out.append(child.tail or "")
    return "".join(out)
