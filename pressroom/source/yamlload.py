"""Safe YAML loading that remembers where every key and list item stands.

Editors write YAML by hand, so the loader is strict where YAML 1.1 is surprising:
plain scalars stay strings unless the schema asks for a number (``1.10`` keeps its zero,
``country: NO`` stays the string ``NO``); only ``true``/``false``, ``null`` and ISO dates
are resolved. Duplicate keys are errors. Aliases (``*name``) are refused: nobody needs them
in a release's front matter or a partner file, and a chain of them expands exponentially
(ten lines make a billion list items). Lists and mappings nested more than `MAX_DEPTH` deep
are refused before they are built (the C reader builds them by recursion, and enough brackets
crashed the process). Mappings and lists carry line numbers so that validation can point at
the offending line. Syntax mistakes are told in words an editor can act on, at the line where
the fix belongs (PyYAML notices a field without its ':' on the line after it, and a quote left
open where the next one closes it).
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Any

import yaml

from pressroom.base.text import describe_character, first_forbidden, forbidden_kind

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlMap(dict):
    """A mapping that knows the line of each key (``lines``) and of itself (``line``)."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[Any, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class YamlList(list):
    """A list that knows the line of each item (``lines``) and of itself (``line``)."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int, first_line: int) -> None:
        super().__init__(f"duplicate key '{key}'")
        self.key = key
        self.line = line
        self.first_line = first_line


class _Refused(yaml.YAMLError):
    """A value the loader refuses; ``line`` is 1-based within the text."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """CSafeLoader with a small, predictable set of implicit types."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - PyYAML's class-level registry


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), list("0123456789")
)


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        # A key is the text written: 'true:' and 'null:' were said back as 'True' and 'None'.
        plain = isinstance(key_node, yaml.ScalarNode)
        key = _construct_str(loader, key_node) if plain else loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, (dict, list)):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in result:
            raise DuplicateKey(key, line, result.lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(node.start_mark.line + 1)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.lines.append(item.start_mark.line + 1)
    return result


def _construct_date(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> date | str:
    # An impossible date such as 2024-02-30 stays text, so validation can name the field.
    text = loader.construct_scalar(node)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # The file's text was checked for control characters, but a quoted string can still
    # write one as an escape ("\x1b", "\0").
    text = loader.construct_scalar(node)
    found = first_forbidden(text)
    if found is not None:
        message = f"invisible {forbidden_kind(found[1])} {describe_character(found[1])} in the text; delete it"
        raise _Refused(message, node.start_mark.line + found[0])
    return text


def _refuse_tag(loader: yaml.SafeLoader, node: yaml.Node) -> None:
    # Values stay text, lists and mappings: a tag made a Python value the messages then showed
    # as Python writes it (b'JP', {'active'}), or PyYAML's "could not determine a constructor".
    del loader
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _Refused(
        f"the YAML tag '{tag}' has no use here: remove it and write the value as it is", node.start_mark.line + 1
    )


for _tag in ("binary", "set", "omap", "pairs", "int", "float"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_Loader.add_constructor(None, _refuse_tag)  # any other tag: '!custom', '!!python/object:…'
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


class YamlProblem(Exception):
    """YAML that cannot be read; ``line`` is 1-based within the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse ``text``; line numbers are shifted so that the text's first line is ``first_line``.

    Raises `YamlProblem` with a message an editor can act on.
    """
    if (mark := text.find("\ufeff")) >= 0:  # a file's own was read past: this one was pasted or joined in
        # libyaml took it for a character of the line and said the line was indented wrongly.
        line = text.count("\n", 0, mark) + first_line
        raise YamlProblem(
            "an invisible byte order mark (U+FEFF) in this line, as where two texts were joined; delete it", line
        )
    try:
        if "*" in text:  # the only character that starts an alias: most texts need no extra pass
            _refuse_aliases(text, first_line)
        if sum(map(text.count, "[{-?")) > NESTING_MARKS:
            _refuse_deep_nesting(text, first_line)
        data = yaml.load(text, Loader=_Loader)
    except DuplicateKey as exc:
        shift = first_line - 1
        message = f"duplicate key '{exc.key}' (first given on line {exc.first_line + shift})"
        raise YamlProblem(message, exc.line + shift) from None
    except _Refused as exc:
        raise YamlProblem(exc.message, exc.line + first_line - 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.context and exc.context.startswith(_UNCLOSED):
            # An unclosed bracket or quote is noticed lines later; the fix belongs where it opened.
            mark = exc.context_mark
        line = (mark.line + 1) if mark else 1
        if mark is not None and _character_at(text, mark.line, mark.column) == "\t":
            # A tab pasted from a word processor: PyYAML's words for it help nobody.
            message = "a tab in the indentation; YAML indents with spaces only: replace it with spaces"
            raise YamlProblem(message, line + first_line - 1) from None
        said = _in_plain_words(text, exc, line, first_line - 1)
        if said is not None:
            line, message = said
            raise YamlProblem(f"YAML syntax error: {message}", line + first_line - 1) from None
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise YamlProblem(f"YAML syntax error: {what}{context}", line + first_line - 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax error: {exc}", first_line) from None
    except RecursionError:  # nested deeper than Python goes, with too few marks to be measured first
        _refuse_deep_nesting(text, first_line)  # raises, with the line
        raise YamlProblem(_TOO_DEEP, first_line) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


_BAD_ESCAPES = (
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "found invalid Unicode character escape code",
)
_UNCLOSED_LIST = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _in_plain_words(text: str, exc: yaml.MarkedYAMLError, line: int, shift: int) -> tuple[int, str] | None:
    """What PyYAML's words for the mistakes editors make mean, and the line (1-based within
    ``text``) where the fix belongs, which may be above the one where PyYAML noticed it; None
    for a mistake without words of its own here. ``line`` is the one PyYAML's marks give;
    ``shift`` turns a line of ``text`` into one of the file, for lines a message names."""
    problem, context, mark = exc.problem or "", exc.context or "", exc.problem_mark
    if context in _UNCLOSED_LIST and problem.startswith("did not find expected ','") and exc.context_mark is not None:
        opening, closing = _UNCLOSED_LIST[context]
        start = exc.context_mark
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
        character = _character_at(text, mark.line, mark.column)
        return line, f"a value cannot begin with '{character}'; put the whole value in quotes (\"…\")"
    if problem.startswith(("mapping values are not allowed", "did not find expected key", "did not find expected '-'")):
        return _in_a_block(text, problem, mark, line, shift)
    return None


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
        return line, "': ' inside a value; put the whole value in quotes (\"…\")"
    return line, "this line is indented otherwise than the lines beside it; indent it as they are"


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


MAX_DEPTH = 40
"""Lists and mappings inside one another that a YAML text may hold. The C reader builds nested
values by recursion: a file of 200 KB of opening brackets crashed the whole process, and a few
hundred levels ended in Python's recursion limit. Front matter and partner files need three."""
NESTING_MARKS = 400
"""Characters that can open a nested list or mapping (``[``, ``{``, ``-``, ``?``) a text may
hold before its nesting is measured. Fewer cannot nest deep enough to crash the C reader;
past `MAX_DEPTH` but short of that, what reaches Python's recursion limit is caught."""
_TOO_DEEP = f"lists and mappings nested more than {MAX_DEPTH} levels deep; write them flat"


def _character_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


def _refuse_deep_nesting(text: str, first_line: int) -> None:
    # The parser's events come without building anything, from a loop with its own stack:
    # linear, and no recursion however deep the text.
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(_TOO_DEEP, event.start_mark.line + first_line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refuse_aliases(text: str, first_line: int) -> None:
    # Events come from the parser before anything is expanded, so this pass is linear.
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                f"aliases such as '*{event.anchor}' are not allowed here; write the value out",
                event.start_mark.line + first_line,
            )


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, YamlMap):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, YamlList):
        data.line += offset
        data.lines = [v + offset for v in data.lines]
        for value in data:
            _shift_lines(value, offset)
