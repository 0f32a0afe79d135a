"""What a template's text making may make: widths, repeats, replacements and joins.

One call makes text the size of a number its template gives: ``"%999999999d" % 1``,
``"{:>999999999}".format(1)``, ``"x"|center(10**9)`` or ``"x".ljust(10**9)`` (a gigabyte),
``big|replace("x", big)`` or ``big|join`` over a list of one big text repeated (the size of
the two multiplied). And a list that holds itself twice, doubled in a loop, is small, but its
text is not: ``{{ list }}`` spells out every copy. Each is bounded here before the text is
made, by a size worked out from its arguments (an upper bound: what it would make, at most),
with the limit of `pressroom.output.bounds`: an `OverflowError` naming the limit, which the
renderer reports at the template's line.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import filters, pass_environment, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter

from pressroom.output.bounds import CONTAINERS, MAX_SIZE, check_size, printf_size, spec_size, text_size

# --- str.format and format_map -------------------------------------------------------------


class _Counted:
    """A sandboxed formatter that checks each field's width before formatting it, and the text
    made so far after (``"{0}{0}{0}…".format(big)`` repeats one big text)."""

    made = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self.made = 0
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc,no-any-return]

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:
            check_size(text_size(value, quoted=conversion != "s"), "", "'.format()'", exact=False)
        return super().convert_field(value, conversion)  # type: ignore[misc]

    def format_field(self, value: Any, format_spec: str) -> str:
        check_size(spec_size(format_spec) + text_size(value), "", "'.format()'", exact=False)
        text: str = super().format_field(value, format_spec)  # type: ignore[misc]
        self.made += len(text)
        check_size(self.made, text, "'.format()'")
        return text


class _Formatter(_Counted, SandboxedFormatter):
    pass


class _EscapeFormatter(_Counted, SandboxedEscapeFormatter):
    pass


def _format(environment: Any, method: Any) -> Callable[..., str]:
    """``text.format`` or ``text.format_map`` as Jinja's sandbox offers it, with `_Counted`."""
    text = method.__self__
    formatter: SandboxedFormatter
    if hasattr(text, "__html__"):
        formatter = _EscapeFormatter(environment, escape=text.escape)
    else:
        formatter = _Formatter(environment)
    if method.__name__ == "format":
        return functools.update_wrapper(lambda *a, **k: type(text)(formatter.vformat(text, a, k)), method)

    def format_map(*args: Any, **kwargs: Any) -> str:
        if kwargs or len(args) != 1:
            raise TypeError(f"format_map() takes exactly one argument ({len(args) + len(kwargs)} given)")
        return type(text)(formatter.vformat(text, (), args[0]))

    return functools.update_wrapper(format_map, method)


# --- Methods of texts, bytes and numbers ----------------------------------------------------


def _padded(text: Any, width: Any = 0, *rest: Any) -> int:
    return max(len(text), width if isinstance(width, int) else 0)


def _tabs_expanded(text: Any, tabsize: Any = 8) -> int:
    tab = "\t" if isinstance(text, str) else b"\t"
    return len(text) + text.count(tab) * max(tabsize - 1, 0) if isinstance(tabsize, int) else len(text)


def _replaced(text: Any, old: Any = "", new: Any = "", count: Any = -1) -> int:
    kind = str if isinstance(text, str) else (bytes, bytearray)
    if not isinstance(old, kind) or not isinstance(new, kind) or not isinstance(count, int):
        return len(text)  # the method itself refuses these
    found = len(text) + 1 if not old else text.count(old)
    if count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _translated(text: Any, table: Any = None) -> int:
    if not isinstance(text, str):
        return len(text)  # bytes.translate maps each byte to one byte
    if isinstance(table, Mapping):
        values: Any = table.values()
    elif isinstance(table, (list, tuple)):
        values = table
    else:
        values = ()
    return len(text) * max((len(value) for value in values if isinstance(value, str)), default=1)


SIZES: dict[str, Callable[..., int]] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _tabs_expanded,
    "replace": _replaced,
    "translate": _translated,
}
"""The methods of texts and bytes that make more than they are given, each with the size of
what it would make (from the text and the call's arguments)."""
BOUNDED_METHODS = frozenset({*SIZES, "join", "format", "format_map", "to_bytes"})
"""Every method a template's call reaches only through `bounded_method`."""


def bounded_method(environment: Any, value: Any) -> Callable[..., Any] | None:
    """A bounded stand-in for ``value`` if it is a method of a text, bytes or number that
    makes more than it is given; else None (Jinja's ``wrap_str_format`` hook)."""
    name = getattr(value, "__name__", None)
    if name not in BOUNDED_METHODS:
        return None
    owner = getattr(value, "__self__", None)
    if name == "to_bytes":
        return _to_bytes(value) if isinstance(owner, int) else None
    if not isinstance(owner, (str, bytes, bytearray)):
        return None
    if name in ("format", "format_map"):
        return _format(environment, value) if isinstance(owner, str) else None
    if name == "join":
        return _join_method(value)
    size = SIZES[name]  # type: ignore[index]

    def bounded(*args: Any, **kwargs: Any) -> Any:
        try:
            made = size(owner, *args, **kwargs)
        except TypeError:  # arguments the method itself refuses, with its own message
            made = 0
        check_size(made, owner, f"'.{name}()'", exact=False)
        return value(*args, **kwargs)

    return functools.update_wrapper(bounded, value)


def _join_method(method: Any) -> Callable[[Any], Any]:
    separator = method.__self__

    def joined(items: Any) -> Any:
        items = list(items)
        check_size(_joined_size(separator, items), separator, "'.join()'", exact=False)
        return method(items)

    return functools.update_wrapper(joined, method)


def _to_bytes(method: Any) -> Callable[..., bytes]:
    def to_bytes(length: Any = 1, *args: Any, **kwargs: Any) -> bytes:
        if isinstance(length, int):
            check_size(length, b"", "'.to_bytes()'")
        return method(length, *args, **kwargs)  # type: ignore[no-any-return]

    return functools.update_wrapper(to_bytes, method)


def _joined_size(separator: Any, items: list[Any]) -> int:
    """What joining ``items`` with ``separator`` makes at most, counted no further than just past the limit."""
    size = text_size(separator) * max(len(items) - 1, 0)
    for item in items:
        if size > MAX_SIZE:
            break
        size += text_size(item)
    return size


# --- Filters --------------------------------------------------------------------------------


def _center(value: Any, width: int = 80) -> str:
    if isinstance(width, int):
        check_size(max(text_size(value), width), "", "'|center'", exact=False)
    return filters.do_center(value, width)


def _indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = filters.soft_str(value)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    check_size(len(text) + (text.count("\n") + 2) * step, text, "'|indent'", exact=False)
    return filters.do_indent(value, width, first, blank)


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    text = filters.soft_str(value)
    check_size(printf_size(text, kwargs or args), text, "'|format'", exact=False)
    return filters.do_format(value, *args, **kwargs)


@pass_environment
def _wordwrap(
    environment: Any,
    value: Any,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    text = filters.soft_str(value)
    if isinstance(width, int) and width > 0:
        # At most a line per word, per hyphen, per paragraph and per width of text.
        lines = len(text.split()) + text.count("-") + text.count("\n") + len(text) // width + 1
        between = len(environment.newline_sequence if wrapstring is None else wrapstring)
        check_size(len(text) + lines * between, text, "'|wordwrap'", exact=False)
    return filters.do_wordwrap(environment, value, width, break_long_words, wrapstring, break_on_hyphens)  # type: ignore[call-arg]


@pass_eval_context
def _replace(eval_ctx: EvalContext, value: Any, old: Any, new: Any, count: int | None = None) -> str:
    text = filters.soft_str(value)
    if eval_ctx.autoescape and (
        hasattr(old, "__html__") or (hasattr(new, "__html__") and not hasattr(value, "__html__"))
    ):
        text = filters.escape(value)  # as the filter escapes it, and then what replaces
    made = _replaced(
        text,
        filters.soft_str(old),
        filters.escape(new) if hasattr(text, "__html__") else filters.soft_str(new),
        -1 if count is None else count,
    )
    check_size(made, text, "'|replace'", exact=False)
    return filters.do_replace(eval_ctx, value, old, new, count)  # type: ignore[call-arg]


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: str | int | None = None) -> str:
    if attribute is not None:
        value = map(filters.make_attrgetter(eval_ctx.environment, attribute), value)
    items = list(value)
    check_size(_joined_size(d, items), "", "'|join'", exact=False)
    return filters.sync_do_join(eval_ctx, items, d)  # type: ignore[call-arg]


@pass_environment
def _sum(environment: Any, iterable: Any, attribute: str | int | None = None, start: Any = 0) -> Any:
    if attribute is not None:
        iterable = map(filters.make_attrgetter(environment, attribute), iterable)
    items = list(iterable)
    if isinstance(start, (list, tuple)) and all(type(item) is type(start) for item in items):
        # Summed one list at a time, each step copies all before it: 100,000 short lists took
        # hours in one call. Joined at once, the same list.
        check_size(len(start) + _lengths(items), start, "'|sum'")
        return type(start)(itertools.chain(start, *items))
    return filters.sync_do_sum(environment, items, start=start)


def _lengths(items: list[Any]) -> int:
    size = 0
    for item in items:
        size += len(item)
        if size > MAX_SIZE:
            break
    return size


@pass_eval_context
def _urlize(eval_ctx: EvalContext, value: Any, *args: Any, **kwargs: Any) -> str:
    text = filters.soft_str(value)
    extra = [kwargs.get("target"), kwargs.get("rel"), *args[2:4]]
    attributes = sum(len(filters.soft_str(item)) for item in extra if item)
    # Each word a link at most, whose address and text are the word, escaped.
    check_size(12 * len(text) + len(text.split()) * (attributes + 64), text, "'|urlize'", exact=False)
    return filters.do_urlize(eval_ctx, value, *args, **kwargs)


def _spelled_out(
    name: str, original: Callable[..., Any], step: Callable[..., Any] = lambda *_: 0
) -> Callable[..., Any]:
    """A filter that spells out its value as text (``string``, ``tojson``, ``lower``…), its
    value's text size checked first where it is a list, mapping or namespace (see
    `text_size`); ``step(*args, **kwargs)``: how far the filter indents each level of them."""

    def check(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if isinstance(value, CONTAINERS):
            indent = step(*args, **kwargs)
            check_size(
                text_size(value, quoted=True, indent=indent if isinstance(indent, int) else 0),
                "",
                f"'|{name}'",
                exact=False,
            )

    if getattr(original, "jinja_pass_arg", None) is None:

        def plain(value: Any, *args: Any, **kwargs: Any) -> Any:
            check(value, args, kwargs)
            return original(value, *args, **kwargs)

        return functools.update_wrapper(plain, original)

    def passing(first: Any, value: Any, *args: Any, **kwargs: Any) -> Any:  # an environment or context first
        check(value, args, kwargs)
        return original(first, value, *args, **kwargs)

    return functools.update_wrapper(passing, original)


def _json_indent(indent: Any = None, *_: Any, **__: Any) -> Any:
    return indent or 0


SPELLED_OUT = (
    *("capitalize", "e", "escape", "forceescape", "lower", "safe", "string", "striptags", "title"),
    *("trim", "truncate", "upper", "urlencode", "wordcount", "xmlattr"),
)
"""Jinja's filters that turn their value into text and make no more than that (give or take a factor)."""


def bounded_filters(given: Mapping[str, Callable[..., Any]]) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The filters that replace Jinja's own of the same names in ``given``."""
    yield from {"center": _center, "indent": _indent, "format": _format_filter, "wordwrap": _wordwrap}.items()
    yield from {"replace": _replace, "join": _join, "sum": _sum, "urlize": _urlize}.items()
    for name in SPELLED_OUT:
        yield name, _spelled_out(name, given[name])
    yield "pprint", _spelled_out("pprint", given["pprint"], lambda *_, **__: 1)  # a space a level
    yield "tojson", _spelled_out("tojson", given["tojson"], _json_indent)
