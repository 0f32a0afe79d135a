"""What libyaml's words for the slips editors make mean, in words an editor can act on, and
the line where the fix belongs: PyYAML notices a field without its ':' on the line after it,
a quote left open where the next one closes it, a bracket left open at the end of the text;
and the slips YAML reads without a word as something else (`typed_otherwise`).
"""

from __future__ import annotations

import contextlib
import re

import yaml

_BAD_ESCAPES = (
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "found invalid Unicode character escape code",
)
_UNCLOSED_LIST = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def in_plain_words(text: str, exc: yaml.MarkedYAMLError, line: int, shift: int) -> tuple[int, str] | None:
    """What PyYAML's words for the mistakes editors make mean, and the line (1-based within
    ``text``) where the fix belongs, which may be above the one where PyYAML noticed it; None
    for a mistake without words of its own here. ``line`` is the one PyYAML's marks give;
    ``shift`` turns a line of ``text`` into one of the file, for lines a message names."""
    problem, context, mark = exc.problem or "", exc.context or "", exc.problem_mark
    first = _begins_with_syntax(text, [m for m in (mark, exc.context_mark) if m is not None])
    if first is not None:
        return first
    if context in _UNCLOSED_LIST and problem.startswith("did not find expected ','") and exc.context_mark is not None:
        opening, closing = _UNCLOSED_LIST[context]
        start = exc.context_mark
        if mark is not None and (before := _colon_in_value(text, mark, start, opening)) is not None:
            # 'summary: {de: Partner: Japan}': libyaml stops at the second ': ', wanting a ','.
            shown = f" ('{before}: …')" if before else ""
            said = f"': ' inside a value of the '{opening}…{closing}'{shown}; put the whole value in quotes (\"…\")"
            return mark.line + 1, said
        if mark is not None and mark.line == start.line and closing in text.split("\n")[mark.line][mark.column :]:
            # Closed after all: libyaml says the same of two items with no ',' between them.
            return line, f"a ',' is missing between two items of the '{opening}…{closing}' on this line"
        return line, f"the '{opening}' on this line is not closed: end it with '{closing}' on the same line"
    if context == "while parsing a flow node" and problem == "did not find expected node content":
        # Noticed at the end of the text ('partners: [kanagawa,' as its last line): the fix
        # belongs where the bracket opened.
        opened = _opened_last(text)
        if opened is not None:
            closing = "]" if opened[1] == "[" else "}"
            return opened[0], f"the '{opened[1]}' on this line is not closed: end it with '{closing}' on the same line"
    if context == "while parsing a quoted scalar" and problem in _BAD_ESCAPES:
        # A Windows path or a backslash typed for itself: "C:\\Daten" in double quotes.
        return line, (
            "a backslash (\\) in a value in double quotes begins an escape such as \\n, and this one"
            " stands for no character: write \\\\ for a backslash, or put the value in single quotes ('…')"
        )
    if context == "while scanning a quoted scalar":
        return line, "the quote that begins this value is not closed: close it at the end of the value"
    if context == "while scanning a simple key" and exc.context_mark is not None:
        # Noticed on the line after, where the missing ':' was looked for in vain.
        return exc.context_mark.line + 1, (
            "this line has no ':' after its field's name; write 'name: value' (or, if the line goes on "
            "with the value above it, indent it further)"
        )
    if problem == "found character that cannot start any token" and mark is not None:
        character = character_at(text, mark.line, mark.column)
        return line, f"a value cannot begin with '{character}'; put the whole value in quotes (\"…\")"
    if problem.startswith(("mapping values are not allowed", "did not find expected key", "did not find expected '-'")):
        return _in_a_block(text, problem, mark, line, shift)
    return None


def _colon_in_value(text: str, mark: yaml.Mark, start: yaml.Mark, opening: str) -> str | None:
    """The words of a value before the ': ' at ``mark`` (libyaml's mark inside a '{…}' or
    '[…]' opened at ``start`` that wanted a ','), '' where the value begins with it; None where
    no ': ' is there, or where it ends the name of the next field after a bracket left open."""
    lines = text.split("\n")
    if mark.line >= len(lines) or not re.match(r":(\s|$)", lines[mark.line][mark.column :]):
        return None
    if mark.line != start.line and _indent(lines[mark.line]) <= _indent(lines[start.line]):
        return None
    item = re.split(r"[{\[,]", lines[mark.line][: mark.column])[-1]
    # An item of a '{…}' begins with its key ('de: '), which is not the value's.
    return (re.split(r":\s", item, maxsplit=1)[-1] if opening == "{" else item).strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _in_a_block(text: str, problem: str, mark: yaml.Mark | None, line: int, shift: int) -> tuple[int, str]:
    """A line of a block of 'name: value' lines or '- ' items that does not fit in: a value
    whose quote closes too early or too late, a line indented wrong, a ': ' inside a value."""
    value = _scalar_before(text, mark) if mark is not None else None
    start = value.start_mark.line if value is not None else line - 1
    style = value.style if value is not None else None
    if mark is not None and style in ("'", '"') and start < mark.line:
        return start + 1, (
            f"the quote ({style}) that begins this value is not closed on this line, so YAML reads on to "
            f"line {mark.line + 1 + shift}; close it at the end of the value"
        )
    if style in ("'", '"'):
        other = "'" if style == '"' else '"'
        return line, (
            f"text after the closing quote ({style}) of this value; a quote mark inside a value in quotes "
            f"must be the other kind ({other}) or a typographic one („“ or “”)"
        )
    if mark is not None and start < mark.line:
        return line, (
            f"this line reads as going on with the value of line {start + 1 + shift}: indent it as the "
            f"lines beside it (or, if line {start + 1 + shift} lacks its ':', add it there)"
        )
    if problem.startswith("mapping values"):
        quote = _typographic_quote(text, mark.line if mark is not None else line - 1)
        if quote:  # the editor did quote it, with the quotes a word processor types
            return line, (
                f"': ' inside a value, whose {quote} is a typographic quote, which YAML takes for text: "
                'put the whole value in straight quotes ("…")'
            )
        return line, "': ' inside a value; put the whole value in quotes (\"…\")"
    return line, "this line is indented otherwise than the lines beside it; indent it as they are"


_TYPOGRAPHIC_QUOTES = "“”„‟‘’‚‛«»‹›「『"


def _typographic_quote(text: str, line: int) -> str:
    """The typographic quote the value of the 0-based ``line`` begins with, if it does."""
    lines = text.split("\n")
    field = _FIELD.match(lines[line]) if line < len(lines) else None
    first = field.group(1)[:1] if field else ""
    return first if first and first in _TYPOGRAPHIC_QUOTES else ""


_SCANNED = 200_000
"""Characters of a broken text read again by the pure-Python scanner (about a second a
megabyte): front matter and partner files are a few hundred; past this the message goes
without what only the scan tells."""


def _opened_last(text: str) -> tuple[int, str] | None:
    """The line (1-based) and bracket of the last '[' or '{' a broken text leaves open."""
    opened: list[yaml.Token] = []
    with contextlib.suppress(yaml.YAMLError):
        for token in yaml.scan(text[:_SCANNED], Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    if not opened:
        return None
    last = opened[-1]
    return last.start_mark.line + 1, "[" if isinstance(last, yaml.FlowSequenceStartToken) else "{"


def _scalar_before(text: str, mark: yaml.Mark) -> yaml.ScalarToken | None:
    """The last value PyYAML's own scanner reads that ends on the mark's line before the mark.
    Only for a text already known to be broken: the pure-Python scanner is slow, but it keeps
    going past the mistakes the parser stops at, and tells a value's quotes and lines."""
    found = None
    if len(text) > _SCANNED:
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            begins = (token.start_mark.line, token.start_mark.column)
            if begins >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.end_mark.line == mark.line:
                found = token
    except yaml.YAMLError:
        pass
    return found


_READ_AS = {
    "*": "an alias",
    "&": "an anchor",
    "|": "the start of a block of lines",
    ">": "the start of a folded block",
    "-": "a list item",
    "?": "a key",
    "[": "a list",
    "{": "a mapping",
}
_FIELD = re.compile(r"\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+(\S.*)$")
_BLOCK_HEADER = re.compile(r"[|>][+-]?[1-9]?[+-]?\s*(?:#.*)?")


def _begins_with_syntax(text: str, marks: list[yaml.Mark]) -> tuple[int, str] | None:
    """A value on a line the reader stopped at that begins with a character YAML reads as its
    own syntax (``title: *Neu* im Programm``, ``[Update] Besuch``, ``- Punkt``), where the
    editor meant the character: libyaml said "while scanning an alias", "block sequence
    entries are not allowed", or that the line was indented wrongly."""
    lines = text.split("\n")
    for mark in marks:
        field = _FIELD.match(lines[mark.line]) if mark.line < len(lines) else None
        value = field.group(1) if field else ""
        first = value[:1]
        if first not in _READ_AS or (first == "-" and value[1:2] not in (" ", "")):
            continue
        if first in "|>" and _BLOCK_HEADER.fullmatch(value):
            continue  # a block of lines, begun as YAML begins one: the mistake is elsewhere
        if first in "[{" and not _text_after_closing(value):
            continue  # a list or mapping: said by the messages for brackets
        return mark.line + 1, (
            f"YAML reads a value that begins with '{first}' as {_READ_AS[first]}; if it is text, put the whole"
            ' value in quotes ("…")'
        )
    return None


def _text_after_closing(value: str) -> bool:
    """Whether the bracket ``value`` begins with closes on its line and text follows."""
    depth = 0
    for index, character in enumerate(value):
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(character, 0)
        if depth == 0:
            rest = value[index + 1 :].strip()
            return bool(rest) and not rest.startswith("#")
    return False


def character_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


_WIDE_SPACE_INDENT = re.compile(
    r"^[ \t]*([\u00a0\u2000-\u200a\u202f\u205f\u3000])[^\S\n]*[A-Za-z_][\w-]*[ \t]*:(?:\s|$)", re.MULTILINE
)
_WIDE_COLON = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\uff1a", re.MULTILINE)
"""At a line's start only: a line of a value goes further in, and ``：`` is text there."""
_SPACES_SAID = {"\u00a0": "a no-break space", "\u3000": "a full-width space"}


def typed_otherwise(text: str) -> tuple[int, str] | None:
    """The first line (1-based within ``text``) where a field is indented with a space YAML does
    not take for one, or given the full-width colon of Japanese input, and what to write: YAML
    reads either without a word, as a field named ``  alt`` or a text ``title：…``, and the
    editor was told of an unknown field or of no 'key: value' lines. A field's name in Latin
    letters is looked for, so a Japanese paragraph indented with a full-width space in a
    ``|`` block, or ``：`` inside a value, are left as written."""
    found = _WIDE_SPACE_INDENT.search(text)
    colon = _WIDE_COLON.search(text)
    if found is not None and (colon is None or found.start() < colon.start()):
        space = found.group(1)
        said = _SPACES_SAID.get(space, "a wide space")
        return text.count("\n", 0, found.start()) + 1, (
            f"{said} (U+{ord(space):04X}) in the indentation, as a word processor or Japanese input writes;"
            " YAML indents with ordinary spaces only: replace it with spaces"
        )
    if colon is not None:
        return text.count("\n", 0, colon.start()) + 1, (
            f"the colon after '{colon.group(1)}' is the full-width '\uff1a' of Japanese input; write an ordinary"
            f" ':' and a space: '{colon.group(1)}: …'"
        )
    return None
