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
the fix belongs (`pressroom.source.yamlwords`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from pressroom.base.text import describe_character, first_forbidden, forbidden_kind
from pressroom.source.yamlwords import character_at, in_plain_words, typed_otherwise

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
_SEPARATOR = re.compile("[\u2028\u2029]")


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
    if (mark := _SEPARATOR.search(text)) is not None:
        # libyaml ends a line at each (YAML 1.1): a value was cut there, and every line after it
        # was told one line too far down the file, where the editor's lines end at line feeds.
        name = "line" if mark.group() == "\u2028" else "paragraph"
        raise YamlProblem(
            f"an invisible {name} separator (U+{ord(mark.group()):04X}) in this line, as text pasted from a layout"
            " program or a PDF may hold; YAML reads it as a line end: replace it with a space",
            text.count("\n", 0, mark.start()) + first_line,
        )
    if (otherwise := typed_otherwise(text)) is not None:
        raise YamlProblem(otherwise[1], otherwise[0] + first_line - 1)
    try:
        if "*" in text or "&" in text:  # what starts an alias or an anchor: most texts need no extra pass
            _refuse_aliases(text, first_line)
        if sum(map(text.count, "[{-?")) > NESTING_MARKS:
            _refuse_deep_nesting(text, first_line)
        data = yaml.load(text, Loader=_Loader)
        if " #" in text:
            _refuse_cut_values(text, first_line)
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
        if mark is not None and character_at(text, mark.line, mark.column) == "\t":
            # A tab pasted from a word processor: PyYAML's words for it help nobody.
            message = "a tab in the indentation; YAML indents with spaces only: replace it with spaces"
            raise YamlProblem(message, line + first_line - 1) from None
        said = in_plain_words(text, exc, line, first_line - 1)
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


MAX_DEPTH = 40
"""Lists and mappings inside one another that a YAML text may hold. The C reader builds nested
values by recursion: a file of 200 KB of opening brackets crashed the whole process, and a few
hundred levels ended in Python's recursion limit. Front matter and partner files need three."""
NESTING_MARKS = 400
"""Characters that can open a nested list or mapping (``[``, ``{``, ``-``, ``?``) a text may
hold before its nesting is measured. Fewer cannot nest deep enough to crash the C reader;
past `MAX_DEPTH` but short of that, what reaches Python's recursion limit is caught."""
_TOO_DEEP = f"lists and mappings nested more than {MAX_DEPTH} levels deep; write them flat"


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


_HASHTAG = re.compile(r":?[ \t]+(#[^\s#]\S*)")


def _refuse_cut_values(text: str, first_line: int) -> None:
    """A value written without quotes that a '#' after a space cut short: YAML reads the rest
    of the line as a comment, and 'Folgen Sie uns: #TheLaend' published as 'Folgen Sie uns:'.
    A comment written as one, '# ' with its space, is left alone."""
    lines = text.split("\n")
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent) and not event.style and event.value:  # plain: "" from libyaml
            end = event.end_mark
            cut = _HASHTAG.match(lines[end.line][end.column :]) if end.line < len(lines) else None
            if cut is not None:
                raise YamlProblem(
                    f"'{cut.group(1)}' after a space begins a YAML comment, so the value ends before it: put the"
                    ' whole value in quotes ("…") to keep it, or write "# " to mean a comment',
                    end.line + first_line,
                )


def _refuse_aliases(text: str, first_line: int) -> None:
    # Events come from the parser before anything is expanded, so this pass is linear.
    anchor: yaml.NodeEvent | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                f"aliases such as '*{event.anchor}' are not allowed here; write the value out",
                event.start_mark.line + first_line,
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.anchor and not anchor:
            anchor = event
    if anchor:  # with no alias to name it, an anchor is a slip: 'source: &Co KG' was the source 'KG'
        raise YamlProblem(
            f"YAML reads '&{anchor.anchor}' as an anchor, a name for the value after it, not as text: put the"
            ' whole value in quotes ("…")',
            anchor.start_mark.line + first_line,
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
