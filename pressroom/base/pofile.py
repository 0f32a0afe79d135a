"""What makes a ``.po`` file sound before Babel reads it: the UI catalogs and the PO files a
translation office sends back.

Babel's reader is lenient where a translator's mistake should be said: a string without its
closing quote loses its last character, text after the quote is taken into the string, a
message given twice keeps one of them, a ``charset`` that is not the file's own turns every
umlaut into two wrong letters, a UTF-8 byte order mark reads as "Unknown or misformatted
keyword", and a message whose parts are missing, doubled or out of order loses a translation
(a second ``msgstr``, the ``msgstr[1]`` of a message without ``msgid_plural``) or changes
another message (a ``msgid_plural`` whose ``msgid`` was lost joins the message before). A
``Plural-Forms`` header whose formula cannot be read stopped the build with a traceback, and
one that asks for millions of forms made it run out of memory. Each is found here first, with
its line, as `PoProblem`. The previous msgid of an obsolete message (``#~|``),
which GNU msgmerge writes and Babel cannot read, is passed over like the message itself.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pressroom.base.text import file_lines, line_feeds

BOM = b"\xef\xbb\xbf"
MAX_PLURALS = 6
"""The most plural forms a language has (Arabic's six, in CLDR): more is a typing mistake."""
PLURAL_PROBE = (*range(0, 1001), 10_000, 100_000, 1_000_000)
"""The counts a formula is tried on: every index it gives must be one of the forms."""

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+({_STRING})[ \t]*")
_CONTINUATION = re.compile(rf"({_STRING})[ \t]*")
_UNKNOWN_ESCAPE = re.compile(r'(?<!\\)(?:\\\\)*\\([^\\"\'abfnrtv0-7x?])')
"""A backslash before a character gettext's escapes do not know (``\\p`` in ``C:\\pfad``)."""
_CHARSET = re.compile(r"charset\s*=\s*([^\s;\\]+)", re.IGNORECASE)
_PLURAL_FORMS = re.compile(r"Plural-Forms:([^\n]*)", re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;?")
_PLURAL = re.compile(r"plural\s*=\s*(.*?);?\s*$")


@dataclass(frozen=True, slots=True)
class PoProblem(Exception):
    """A line of a ``.po`` file and what is wrong there."""

    line: int
    reason: str


def sound_po_text(data: bytes) -> bytes:
    """``data`` without a byte order mark, once every line is a line of a PO file, the text is
    UTF-8 and says so (or says nothing), no message is given twice and the plural forms can be
    used; else `PoProblem` for the first line that is not."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PoProblem(data[: exc.start].count(b"\n") + 1, "not UTF-8 text (save it as UTF-8)") from None
    header = _header(text)
    for piece, line in header:
        _check_header_line(piece.replace("\\n", "\n"), line)
    _check_plural_indexes(text, "".join(piece for piece, _ in header).replace("\\n", "\n"))
    unused = _said_utf8(_unused_obsolete_lines(text), [line for _, line in header])
    # Babel reads lines ended by a carriage return alone (old Mac tools) as one line.
    return line_feeds(unused).encode("utf-8") if "\r" in text or unused is not text else data


MESSAGE_REACH = 200
"""The most lines after a message's ``msgid`` that `keyword_line` looks at."""


def keyword_line(lines: Sequence[str], msgid_line: int, keyword: str) -> int:
    """The line of ``keyword`` (``msgid_plural``, ``msgstr``, ``msgstr[1]``) in the message whose
    ``msgid`` stands on ``msgid_line`` (Babel's ``lineno``) of the file's ``lines``, indented or
    not: a translator mends the message there, not at the msgid Babel records, lines above it.
    The msgid's line where the message has no such line before the next one begins, or within
    `MESSAGE_REACH`."""
    if not msgid_line:
        return 0
    for number in range(msgid_line, min(len(lines), msgid_line + MESSAGE_REACH) + 1):
        words = lines[number - 1].split(None, 1)
        if words and words[0] == keyword:
            return number
        if number > msgid_line and words and words[0] == "msgid":
            break
    return msgid_line


_PLACEHOLDER = re.compile(r"(charset\s*=\s*)charset\b", re.IGNORECASE)


def _said_utf8(text: str, header_lines: list[int]) -> str:
    """``text`` whose header says ``charset=UTF-8`` where it still says ``charset=CHARSET``, the
    placeholder xgettext writes (the text is UTF-8, checked above): Babel decodes the file in the
    charset its header names, and stopped with a traceback on this one."""
    lines = file_lines(text, keepends=True)
    found = [n for n in header_lines if _PLACEHOLDER.search(lines[n - 1]) is not None]
    if not found:
        return text
    for number in found:
        lines[number - 1] = _PLACEHOLDER.sub(r"\1UTF-8", lines[number - 1])
    return "".join(lines)


def _unused_obsolete_lines(text: str) -> str:
    """``text`` with the previous msgid of an obsolete message (``#~| msgid "…"``, which GNU
    msgmerge and the tools built on it write) made a plain comment: Babel stops on it with
    "Unknown or misformatted keyword", and nothing reads an obsolete message. `PoProblem`
    for another ``#~`` line that holds no line of a message."""
    if "#~" not in text:
        return text
    lines = file_lines(text, keepends=True)
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line.startswith("#~"):
            continue
        rest = line[2:].strip()
        if rest.startswith("|"):
            lines[number - 1] = "#" + raw.lstrip()[3:]
        elif rest and _KEYWORD_LINE.fullmatch(rest) is None and _CONTINUATION.fullmatch(rest) is None:
            shown = line if len(line) <= 60 else line[:57] + "…"
            raise PoProblem(
                number, f"'{shown}': an obsolete line (#~) holds a msgid, msgstr or string, nothing else; delete it"
            )
    return "".join(lines)


def _header(text: str) -> list[tuple[str, int]]:
    """The header's lines (the translation of the empty message id), each with its line;
    `PoProblem` for a line that is not part of a PO file, or a message given twice."""
    header: list[tuple[str, int]] = []
    seen: dict[tuple[str, str], int] = {}
    fields: dict[str, list[str]] = {}
    lines: dict[str, list[int]] = {}
    current = ""

    def finish() -> None:
        _whole(lines)
        if "msgid" in fields:
            key = ("".join(fields.get("msgctxt", [])), "".join(fields["msgid"]))
            first = lines.get("msgctxt", lines["msgid"])[0]
            if key in seen:
                shown = key[1][:60] or "the header"
                raise PoProblem(first, f"the message '{shown}' is given twice (first on line {seen[key]}); keep one")
            seen[key] = first
            if key == ("", "") and "msgstr" in fields:
                header.extend(zip(fields["msgstr"], lines["msgstr"], strict=True))
        fields.clear()
        lines.clear()

    for number, raw in enumerate(file_lines(text), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if (wrong := _UNKNOWN_ESCAPE.search(line)) is not None:
            # Babel reads '\p' as a backslash and a p; gettext's msgfmt refuses the file.
            raise PoProblem(number, f"'\\{wrong.group(1)}' is no escape a PO file knows; write '\\\\' for a backslash")
        keyword = _KEYWORD_LINE.fullmatch(line)
        if keyword is not None:
            current = keyword.group(1)
            if (current == "msgctxt" and fields) or (current == "msgid" and "msgid" in fields):
                finish()  # the next message begins
            _in_order(current, lines, number)
            fields.setdefault(current, []).append(keyword.group(2)[1:-1])
            lines.setdefault(current, []).append(number)
            continue
        continuation = _CONTINUATION.fullmatch(line)
        if continuation is not None and current:
            fields.setdefault(current, []).append(continuation.group(1)[1:-1])
            lines.setdefault(current, []).append(number)
            continue
        raise PoProblem(number, f"not a line of a PO file: {_what_is_wrong(line)}")
    finish()
    return header


_ORDER = ("msgctxt", "msgid", "msgid_plural", "msgstr")
"""The parts of a message, in the order a PO file gives them (``msgstr[n]`` as ``msgstr``)."""


def _in_order(keyword: str, lines: dict[str, list[int]], number: int) -> None:
    """`PoProblem` for a keyword the message begun above already has, or that comes after a
    part it must precede. Babel kept one of two ``msgstr`` and dropped the other, and joined a
    ``msgid_plural`` whose ``msgid`` was lost to the message before it; msgfmt refuses both."""
    if keyword in lines:
        raise PoProblem(
            number,
            f"a second {keyword} in one message (the first is on line {lines[keyword][0]}): join their"
            " strings, or begin a message of its own with its msgid",
        )
    rank = _ORDER.index(keyword.split("[")[0])
    later = [(lines[name][0], name) for name in lines if _ORDER.index(name.split("[")[0]) > rank]
    if later:
        line, name = min(later)
        raise PoProblem(
            number,
            f"{keyword} after the {name} of line {line}: a message is msgctxt, msgid, msgid_plural, msgstr,"
            " in this order; is a msgid missing above this line?",
        )


def _whole(lines: dict[str, list[int]]) -> None:
    """`PoProblem` for a message without its msgid (Babel passed it over, or joined its
    ``msgid_plural`` to the message before), or whose ``msgstr`` lines do not match whether it
    has plural forms (Babel kept ``msgstr[0]`` of a message without ``msgid_plural`` and
    dropped the rest)."""
    if not lines:
        return
    first = min(lines.values())[0]
    if "msgid" not in lines:
        raise PoProblem(first, "a message without its msgid: give it one, or delete the message")
    if "msgid_plural" in lines and "msgstr" in lines:
        raise PoProblem(
            lines["msgstr"][0], "msgstr in a message with plural forms: write msgstr[0], msgstr[1], … instead"
        )
    indexed = sorted(name for name in lines if name.startswith("msgstr["))
    if "msgid_plural" not in lines and indexed:
        raise PoProblem(
            lines[indexed[0]][0],
            f"{indexed[0]} in a message without msgid_plural: write msgstr, or add the msgid_plural it translates",
        )


def _what_is_wrong(line: str) -> str:
    shown = line if len(line) <= 60 else line[:57] + "…"
    quotes = re.sub(r"\\.", "", line).count('"')
    if quotes % 2:
        return f"a string without its closing quote ({shown})"
    if quotes:
        return f"text after the closing quote ({shown})"
    return f"'{shown}' (a keyword such as msgid or msgstr and a quoted string were expected)"


def _check_header_line(header: str, line: int) -> None:
    charset = _CHARSET.search(header)
    if charset is not None and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "charset"):
        raise PoProblem(
            line,
            f"the header says the text is {charset.group(1)}, but the file is read as UTF-8:"
            " save it as UTF-8 with 'charset=UTF-8'",
        )
    forms = _PLURAL_FORMS.search(header)
    if forms is not None:
        _check_plural_forms(forms.group(1).strip(), line)


_INDEXED = re.compile(r"[ \t]*msgstr\[(\d+)\]")


def _check_plural_indexes(text: str, header: str) -> None:
    """`PoProblem` for a plural form the header's ``Plural-Forms`` does not have (``msgstr[1]``
    in Japanese, which has one): Babel's words for it were "msg has more translations than
    num_plurals of catalog", at the message's msgid."""
    forms = _PLURAL_FORMS.search(header)
    count = _NPLURALS.search(forms.group(1)) if forms is not None else None
    if count is None:
        return
    allowed = int(count.group(1))
    for number, line in enumerate(file_lines(text), start=1):
        indexed = _INDEXED.match(line)
        if indexed is not None and int(indexed.group(1)) >= allowed:
            kept = "msgstr[0]" if allowed == 1 else f"msgstr[0] to msgstr[{allowed - 1}]"
            raise PoProblem(
                number,
                f"msgstr[{indexed.group(1)}]: the header's Plural-Forms says nplurals={allowed}, so a message"
                f" has {kept}; delete this one",
            )


def _check_plural_forms(value: str, line: int) -> None:
    count = _NPLURALS.search(value)
    formula = _PLURAL.search(value[count.end() :] if count else value)
    if count is None or formula is None:
        raise PoProblem(line, f"Plural-Forms: '{value}' needs 'nplurals=N; plural=EXPRESSION;'")
    forms = int(count.group(1))
    if not 1 <= forms <= MAX_PLURALS:
        raise PoProblem(line, f"Plural-Forms: nplurals={forms}; a language has 1 to {MAX_PLURALS} plural forms")
    try:
        choose = gettext.c2py(formula.group(1))
        indexes = {choose(n) for n in PLURAL_PROBE}
    except (ValueError, SyntaxError, RecursionError, ArithmeticError):
        raise PoProblem(line, f"Plural-Forms: the formula '{formula.group(1)}' cannot be read") from None
    wrong = sorted(index for index in indexes if not 0 <= index < forms)
    if wrong:
        raise PoProblem(
            line,
            f"Plural-Forms: the formula '{formula.group(1)}' gives form {wrong[0]}, but nplurals={forms} has only"
            f" forms {'0' if forms == 1 else f'0 to {forms - 1}'} (counted from 0)",
        )


_LANGUAGE = re.compile(r"Language:[ \t]*([^\n]*)", re.IGNORECASE)


def language_said_otherwise(data: bytes, language: str) -> tuple[int, str] | None:
    """(line, message) where a sound catalog's header names another language than ``language``,
    the one whose folder it stands in: another language's catalog saved in its place (a copy
    of ``ja``'s in ``de``) put its words on every page of that language, and no command said so.
    None where the header names that language (``de_DE`` for ``de`` too) or none."""
    text = data.removeprefix(BOM).decode("utf-8", "replace")
    for piece, line in _header(text):
        found = _LANGUAGE.match(piece.replace("\\n", "\n"))
        said = found.group(1).strip() if found is not None else ""
        if said and re.split(r"[-_@.]", said)[0].lower() != language.split("-")[0].lower():
            return line, (
                f"the catalog says it is in '{said}' (its Language header), but it stands in the folder of"
                f" '{language}', whose pages would show its words: put the '{language}' catalog here, or, if it is"
                f" one, write 'Language: {language}' in its header"
            )
    return None
