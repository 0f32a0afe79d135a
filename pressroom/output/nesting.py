"""What a template's lists, tuples and dicts may hold: how deep, and how much counting each copy.

A tuple that holds the last one twice, doubled in a loop eighty times, is small (eighty
tuples), but hashing it, or comparing it with another such tuple, visits every copy: 2**80
steps in one call of Python's own C code (``{ns.t: 1}``, ``ns.t in list``, ``ns.t == u``,
``|unique``, ``|groupby``), where no signal is handled, so `pressroom.output.bounds`'s time
limit never fired and the build ran until it was killed. A chain of a million tuples, each
holding the last, crashed Python when hashed (its C code recurses once a level).

So every list, tuple or dict a template makes is weighed when it is made, where a template
makes more of one than it is given: a literal (``(a, b)``, ``[a]``, ``{"k": a}``), ``*`` and
``+``, a macro's ``varargs`` and ``kwargs``, ``dict()``, ``dict.fromkeys``, ``cycler``, and
``|batch`` and ``|slice`` filling with a value, and the filters that make a list of the items of
what they are given (``[0, 0]|map("default", t, true)|list`` holds ``t`` twice; `weighing_filters`).
Its weight is the number of items it holds,
counting each copy of a list, tuple or dict it holds as often as it is held (what hashing or
comparing visits), at most `MAX_SIZE`; its depth at most `MAX_DEPTH`. Either found past its
limit raises `OverflowError`, which the renderer reports at the template's line. Weighing
visits each distinct container once, and finds a container weighed a moment ago without
visiting it again (a list grown by ``+`` in a loop).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import filters, nodes, pass_environment
from jinja2.utils import Cycler

from pressroom.output.bounds import MAX_SIZE, check_size

MAX_DEPTH = 100
"""How many levels of lists, tuples and dicts within each other a template may make (Python's
own C code recurses once a level when it hashes or compares them)."""
NESTS = (list, tuple, dict, set, frozenset, type({}.keys()), type({}.values()), type({}.items()))
"""What hashing or comparing looks into. (A `jinja2.utils.Namespace` is hashed and compared
by identity.)"""
RECENT = 16
"""How many weighed containers that hold others are remembered with their weight."""


class Nesting:
    """The weighing of one environment's containers, with the last few weighed remembered
    (each held, so that its id stays its own)."""

    def __init__(self) -> None:
        self._recent: dict[int, tuple[object, int, int]] = {}

    def check(self, value: Any, what: str = "") -> Any:
        """``value``, once it is no heavier or deeper than a template may make."""
        if _holds_containers(value):
            size, depth = self._measure(value, what or _kind(value))
            self._remember(value, size, depth)
        return value

    def check_repeated(self, value: object, times: int, what: str) -> None:
        """That ``times`` copies of ``value`` weigh no more than a template may make: checked
        before they are made (``[x] * n``, a ``|batch`` filled with ``x``)."""
        if isinstance(value, NESTS) and times > 0 and _holds_containers(value):
            size, _ = self._measure(value, what)
            _check_size(size * times, what)

    def check_sum(self, result: Any, parts: Iterable[object], what: str) -> Any:
        """``result`` of joining ``parts`` (``a + b``), weighed from its parts' weights: a list
        grown by ``+`` in a loop is found remembered, not looked through again."""
        size, depth = 0, 1
        for part in parts:
            if not isinstance(part, NESTS):
                continue
            known = self._known(part)
            if known is None:
                known = self._measure(part, what) if _holds_containers(part) else (len(part), 1)
            size, depth = size + known[0], max(depth, known[1])
        _check_size(size, what)
        self._remember(result, size, depth)
        return result

    def _remember(self, value: object, size: int, depth: int) -> None:
        self._recent[id(value)] = (value, size, depth)
        if len(self._recent) > RECENT:
            del self._recent[next(iter(self._recent))]

    def _known(self, value: object) -> tuple[int, int] | None:
        found = self._recent.get(id(value))
        return (found[1], found[2]) if found is not None and found[0] is value else None

    def _measure(self, value: Any, what: str) -> tuple[int, int]:
        """``value``'s weight and depth, each container in it visited once; `OverflowError`
        as soon as either is past its limit."""
        known = self._known(value)
        if known is not None:
            return known
        weighed: dict[int, tuple[int, int]] = {}
        # Depth first, without recursion: each level a container, its items' iterator, and
        # its weight and the depth below it so far.
        stack: list[tuple[object, Any, list[int]]] = [(value, _items(value), [len(value), 0])]
        while stack:
            container, items, found = stack[-1]
            for item in items:
                if not isinstance(item, NESTS):
                    continue
                below = weighed.get(id(item)) or self._known(item)
                if below is None:
                    _check_depth(len(stack) + 1, what)
                    stack.append((item, _items(item), [len(item), 0]))
                    break
                _check_depth(len(stack) + below[1], what)
                found[0] += below[0]
                found[1] = max(found[1], below[1])
                _check_size(found[0], what)
            else:
                stack.pop()
                result = (found[0], found[1] + 1)
                weighed[id(container)] = result
                if stack:
                    parent = stack[-1][2]
                    parent[0] += result[0]
                    parent[1] = max(parent[1], result[1])
                    _check_size(parent[0], what)
        return weighed[id(value)]


def may_hold_containers(literal: nodes.Expr) -> bool:
    """Whether a template's literal (a `nodes.Tuple`, `nodes.List` or `nodes.Dict`) may hold a
    list, tuple or dict: whether the code made of it needs to weigh it."""
    for item in literal.iter_child_nodes():
        parts = (item.key, item.value) if isinstance(item, nodes.Pair) else (item,)
        if not all(isinstance(part, _NEVER_CONTAINERS) for part in parts):
            return True
    return False


_NEVER_CONTAINERS = (nodes.Const, nodes.TemplateData, nodes.Concat, nodes.Compare, nodes.Test, nodes.Not)
"""Expressions that never make a list, tuple or dict."""


def bounded_makers(nesting: Nesting) -> dict[str, Callable[..., Any]]:
    """The globals that make containers of what they are given (``dict(a=x, b=x)``), each
    weighing what it made."""

    def bounded_dict(*args: Any, **kwargs: Any) -> dict[Any, Any]:
        return nesting.check(dict(*args, **kwargs), "dict()")  # type: ignore[no-any-return]

    # ``dict.fromkeys(keys, 0)`` worked while ``dict`` was Python's own.
    bounded_dict.fromkeys = bounded_fromkeys(nesting, dict.fromkeys)  # type: ignore[attr-defined]

    class BoundedCycler(Cycler):
        def __init__(self, *items: Any) -> None:
            super().__init__(*nesting.check(items, "cycler()"))  # its .items is this tuple

    return {"dict": bounded_dict, "cycler": BoundedCycler}


def bounded_fromkeys(nesting: Nesting, method: Callable[..., dict[Any, Any]]) -> Callable[..., dict[Any, Any]]:
    """``dict.fromkeys``, whose every key holds the one value given, weighed."""

    def fromkeys(*args: Any) -> dict[Any, Any]:
        return nesting.check(method(*args), "'.fromkeys()'")  # type: ignore[no-any-return]

    return functools.update_wrapper(fromkeys, method)


@pass_environment
def _batch(environment: Any, value: Any, linecount: int, fill_with: Any = None) -> Any:
    if isinstance(linecount, int):
        if fill_with is not None:  # the last row filled up to ``linecount``: ``[1]|batch(10**9, 0)``
            check_size(linecount, [], "'|batch'", exact=False)
        environment.nesting.check_repeated(fill_with, linecount, "'|batch'")
    return filters.do_batch(value, linecount, fill_with)


@pass_environment
def _slice(environment: Any, value: Any, slices: int, fill_with: Any = None) -> Any:
    if isinstance(slices, int):
        check_size(slices, [], "'|slice'", exact=False)  # a list a slice, filled or empty: ``[1]|slice(10**9)``
        environment.nesting.check_repeated(fill_with, slices, "'|slice'")
    return filters.sync_do_slice(value, slices, fill_with)


FILLING_FILTERS = {"batch": _batch, "slice": _slice}
"""The filters that repeat a value given them (``fill_with``), in place of Jinja's: they
need an environment with a `Nesting` as ``nesting``."""


SAME_ITEMS_FILTERS = ("list", "sort", "reverse", "dictsort")
"""The filters that make a list of the items of what they are given (or of its key and value
pairs). An item may be any container a template holds, so a list made of a generator may hold
it many times: ``[0, 0]|map("default", t, true)|list``. Made of a list, tuple or dict, it holds
each of its items once, weighed already (or the build's own): not weighed again."""
WEIGHED_FILTERS = ("groupby", "sum")
"""The filters that may hold an item twice whatever they are given: ``[t]|groupby("x",
default=t)`` holds ``t`` as the group's name and in the group, ``[t]|sum(start=t)`` holds the
items of ``t`` twice. (``|unique`` and ``|items`` give what they are given, one item at a time,
making no container to weigh.)"""
ROW_FILTERS = ("batch", "slice")
"""The filters that give lists of the items of what they are given, one list at a time."""


def weighing_filters(
    nesting: Nesting, given: Mapping[str, Callable[..., Any]]
) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The filters of `SAME_ITEMS_FILTERS`, `WEIGHED_FILTERS` and `ROW_FILTERS` in ``given``
    (Jinja's, or their bounded stand-ins), each weighing what it makes."""
    for name in SAME_ITEMS_FILTERS:
        yield name, _weighing(nesting, given[name], f"'|{name}'", _made_of_a_container)
    for name in WEIGHED_FILTERS:
        yield name, _weighing(nesting, given[name], f"'|{name}'", lambda _: False)
    for name in ROW_FILTERS:
        yield name, _weighing_rows(nesting, given[name], f"'|{name}'")


def _made_of_a_container(value: object) -> bool:
    return isinstance(value, NESTS)


def _weighing(
    nesting: Nesting, made: Callable[..., Any], what: str, weighed: Callable[[object], bool]
) -> Callable[..., Any]:
    """``made``, weighing what it makes unless ``weighed`` says its value was."""
    value_at = 1 if hasattr(made, "jinja_pass_arg") else 0  # after an environment or context

    def weighing(*args: Any, **kwargs: Any) -> Any:
        result = made(*args, **kwargs)
        return result if weighed(args[value_at]) else nesting.check(result, what)

    return functools.update_wrapper(weighing, made)  # with Jinja's marks (``pass_environment``)


def _weighing_rows(nesting: Nesting, made: Callable[..., Any], what: str) -> Callable[..., Any]:
    check = nesting.check
    value_at = 1 if hasattr(made, "jinja_pass_arg") else 0

    def weighing(*args: Any, **kwargs: Any) -> Any:
        rows = made(*args, **kwargs)
        return rows if isinstance(args[value_at], NESTS) else (check(row, what) for row in rows)

    return functools.update_wrapper(weighing, made)


def _items(value: Any) -> Any:
    if isinstance(value, dict):
        return iter([*value, *value.values()])
    if isinstance(value, type({}.items())):
        return (part for pair in value for part in pair)
    return iter(value)


def _holds_containers(value: object) -> bool:
    """Whether ``value`` is a container holding another: one pass of Python's C code over its
    items' types, and a look at each distinct type."""
    if isinstance(value, dict):
        kinds = set(map(type, value)) | set(map(type, value.values()))
    elif isinstance(value, (list, tuple)):
        kinds = set(map(type, value))
    else:
        return isinstance(value, NESTS) and any(isinstance(item, NESTS) for item in _items(value))
    return any(issubclass(kind, NESTS) for kind in kinds)


def _check_size(size: int, what: str) -> None:
    if size > MAX_SIZE:
        raise OverflowError(
            f"{what} would hold more than {MAX_SIZE:,} items, counting every copy of the lists, tuples "
            f"and dicts in it; a template may make {MAX_SIZE:,}"
        )


def _check_depth(depth: int, what: str) -> None:
    if depth > MAX_DEPTH:
        raise OverflowError(
            f"{what} would hold lists, tuples or dicts nested more than {MAX_DEPTH} deep; "
            f"a template may nest them {MAX_DEPTH} deep"
        )


def _kind(value: object) -> str:
    return f"a {type(value).__name__}"
