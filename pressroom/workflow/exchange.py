"""What an exchange file carries, whatever its format: one release (or page) from one source
version into one target language, its units, and the record that lets an import check that the
source is still the text that was exported.

The formats (`exchange_po`, `exchange_xliff`) write an `Export` and read a `Received`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pressroom.workflow.segments import Code, Unit, code_tag

FORMATS = {"po": ".po", "xliff": ".xlf"}
MAX_STEM_BYTES = 200
"""Bytes of an exchange file's name before its languages and suffix (file systems allow 255)."""


_RECORD_RE = re.compile(
    r"pressroom-export: key=(?P<key>\S+) page=(?P<page>yes|no) from=(?P<source>[\w-]+) "
    r"to=(?P<target>[\w-]+) fingerprint=(?P<fingerprint>[0-9a-f]{12}) path=(?P<path>\S+)"
    r"(?: target=(?P<was>[0-9a-f]{12}|none))?"
)


@dataclass(frozen=True, slots=True)
class Export:
    key: str
    is_page: bool
    source_lang: str
    target_lang: str
    source_path: str
    fingerprint: str
    """The source version's fingerprint when exported: an import checks it is still the same."""
    units: tuple[Unit, ...]
    prefill: dict[str, str] = field(default_factory=dict)
    """Unit id → translation in text form, from the existing target version."""
    review: frozenset[str] = frozenset()
    """Pre-filled units whose source changed since the target was confirmed (fuzzy / initial)."""
    previous: dict[str, str] = field(default_factory=dict)
    """Unit id → its source (text form) as it was when the target was confirmed, for units to
    review whose earlier source git history holds: what the pre-filled translation says."""
    notes: tuple[str, ...] = ()
    """Context for the translator: partners, date, topics, where the versions are."""
    target_fingerprint: str = ""
    """The target version's fingerprint when exported (empty: there was none): an import does not
    write over a translation changed since."""

    @property
    def record(self) -> str:
        """One line naming what was exported; kept in the file and read back on import."""
        return (
            f"pressroom-export: key={self.key} page={'yes' if self.is_page else 'no'} from={self.source_lang} "
            f"to={self.target_lang} fingerprint={self.fingerprint} path={self.source_path}"
            f" target={self.target_fingerprint or 'none'}"
        )

    def file_name(self, fmt: str) -> str:
        """``2024--x.de-ja.xlf``; a key too long for a file name (a release's file may be named
        with 200 bytes) is cut and told apart by a hash of it: an import reads the key from
        the file's record, not from its name."""
        stem = self.key.replace("/", "--")
        if len(stem.encode()) > MAX_STEM_BYTES:
            mark = hashlib.blake2b(self.key.encode(), digest_size=4).hexdigest()
            cut = stem.encode()[: MAX_STEM_BYTES - len(mark) - 1].decode(errors="ignore")
            stem = f"{cut}-{mark}"
        return f"{stem}.{self.source_lang}-{self.target_lang}{FORMATS[fmt]}"


PREVIOUS_SOURCE = "source before the change"
"""How a note on a unit to review introduces the source its pre-filled translation was made from."""


def unit_notes(unit: Unit) -> list[str]:
    """What a unit is and what its codes stand for."""
    return [unit.role, *(f"{code_shown(code)} = {code.what} (keep it)" for code in unit.codes.values())]


def data_id(code: Code) -> str:
    """The id of a code's Markdown in an XLIFF unit's ``<originalData>``: ``d3``, and ``d3e`` for the end of a pair."""
    return f"d{code.id}{'e' if code.kind == 'close' else ''}"


def code_shown(code: Code) -> str:
    """A code as a translator sees it: ``<1>…</1>`` or ``<2/>``."""
    return f"{code_tag(code)}…</{code.id}>" if code.kind == "open" else code_tag(code)


_COMMENT_WRAP = re.compile(r"[ \t]*\n#[ \t]*")


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    is_page: bool
    source_lang: str
    target_lang: str
    fingerprint: str
    source_path: str
    target_fingerprint: str | None = None
    """What the target was when exported: a fingerprint, ``""`` for none, None if a file
    exported before the record said (nothing is checked then)."""


def parse_record(text: str) -> Record | None:
    """The export record in ``text``; a PO tool that wraps comments (Babel at 76 columns) may
    have cut its line in two, each piece with its own ``#``."""
    match = _RECORD_RE.search(text) or _RECORD_RE.search(_COMMENT_WRAP.sub(" ", text))
    if match is None:
        return None
    was = match["was"]
    return Record(
        match["key"],
        match["page"] == "yes",
        match["source"],
        match["target"],
        match["fingerprint"],
        match["path"],
        None if was is None else "" if was == "none" else was,
    )


@dataclass(frozen=True, slots=True)
class Translated:
    text: str
    needs_review: bool
    line: int
    problem: str = ""
    """Why the unit cannot be imported as the tool left it (a segment without its translation),
    said after the unit's name; empty when it can."""
    mark: str = ""
    """What marks it for review, as the file says it (an XLIFF segment's state)."""


@dataclass(frozen=True, slots=True)
class Received:
    """A translated exchange file as read: its record and each unit's translation."""

    record: Record
    units: dict[str, Translated]
    target_said: str = ""
    """The target language the file itself names (XLIFF's ``trgLang``, PO's ``Language``), if any."""
    source_said: str = ""
    """The source language the file itself names (XLIFF's ``srcLang``), if it names one."""
    said_line: int = 0
    """Where the file names its languages."""
    record_line: int = 0
    """Where the export record is."""
    notes: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    """Each unit's notes (XLIFF ``<note>``, PO ``#`` comments) with their lines: the export's own
    among them, and what a translator wrote there for the editor (`translators_notes`)."""
    obsolete: dict[str, int] = field(default_factory=dict)
    """The units a PO file holds as obsolete messages (``#~``), each with its line: a tool marks a
    message so when its template lacked it, and nothing reads such a message."""
    review: str = "(fuzzy); check it and unmark it"
    """What marks a unit for review in this format (``{mark}``: the unit's `Translated.mark`), and
    how a translator takes the mark off."""
    sources: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Each unit's source as the file gives it (text form), with its line: a tool may let a
    translator correct it, which the import does not take over."""
    original: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)
    """Each unit's codes' Markdown as the file gives it (XLIFF's ``<originalData>``, by `data_id`),
    with its line: a translation cannot change it, but a tool may let a translator try."""

    def place_of(self, order: Sequence[str], missing: str) -> tuple[int, str]:
        """Where the unit ``missing`` belongs in the file, as the line of the nearest unit before it
        in ``order`` (the source's order) that the file holds, or else of the nearest after it, and
        words saying so: no line holds a unit a tool left out, but its neighbour's line takes the
        translator to the place to put it back. Line 0 and no words when the file holds none."""
        index = order.index(missing)
        for ident in reversed(order[:index]):
            if ident in self.units:
                return self.units[ident].line, f" (it comes after unit {ident})"
        for ident in order[index + 1 :]:
            if ident in self.units:
                return self.units[ident].line, f" (it comes before unit {ident})"
        return 0, ""


def translators_notes(unit: Unit, notes: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Those of a unit's ``notes`` (line, text) that the export did not write: a translator's
    question or remark, in a few words on one line."""
    ours = {" ".join(note.split()) for note in unit_notes(unit)}  # as a tool may have wrapped them
    said = [(line, " ".join(text.split())) for line, text in notes]
    return [(line, text) for line, text in said if text and text not in ours and not text.startswith(PREVIOUS_SOURCE)]


def line_of(data: bytes, mark: bytes) -> int:
    """The line ``mark`` is first on in ``data``; 0 where it is not."""
    found = data.find(mark)
    return data.count(b"\n", 0, found) + 1 if found >= 0 else 0


class Unreadable(ValueError):
    """A file that is not an exchange file of this site; ``line`` where it went wrong."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
"""The byte order marks a file in UTF-16 begins with (its encoding is then told, not its XML)."""
_ZIP_SIGNATURE = b"PK\x03\x04"


def exchange_format(suffix: str, data: bytes) -> str:
    """``po`` or ``xliff``: by the file's suffix in any case (a Windows tool saves ``X.PO``), else
    by what it holds; raises `Unreadable` for a file that is neither, such as a version's own
    Markdown given to import in place of the file a translation office sent back."""
    if data.startswith(_ZIP_SIGNATURE):  # whatever its name: the office's archive, or a Word file
        raise Unreadable(
            "a ZIP archive (or a Word file), not an exchange file: unpack it and import the .xlf or .po files in it"
        )
    suffix = suffix.lower()
    if suffix in (".po", ".pot"):
        return "po"
    if suffix in (".xlf", ".xliff", ".xml", ".sdlxliff", ".mqxliff") or data[:2] in UTF16_MARKS:
        return "xliff"
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "xliff"
    if re.search(rb'^msgid "', data, re.MULTILINE):
        return "po"
    said = "a release's or page's own text, not a file" if suffix == ".md" else "not an XLIFF or PO file"
    raise Unreadable(f"{said} that 'build.py export' wrote: import the .xlf or .po files a translation comes back in")
