"""Imported macros memoized: each distinct call rendered once per process and its result reused.

A site's pages call the same macros with the same arguments again and again: the search form
and the footer are the same on every page of a language, a partner's tag list or the site's
press contact on hundreds. A macro imported from another template (``{% from "_macros.html"
import search_form %}``) sees nothing but its arguments and the environment's globals, which
are fixed per language, so its output is a function of its arguments: each distinct call is
rendered once per process and its result reused. Arguments are compared by value and by type
(``Markup("a<b")`` equals ``"a<b"`` but renders differently); calls that cannot be compared
that way (a list, an undefined value, a ``{% call %}`` block) are rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from jinja2 import Environment
from markupsafe import Markup

MEMOIZED_LIMIT = 64
"""Results each memoized macro keeps, the least recently used dropped first. Enough for what
every page shows the same way (the search form, the footer, the press contact); a release's
card comes back only pages later (see `MemoizedMacro` on keeping every card)."""
PROBE_CALLS = 300
"""Calls after which a macro that was rarely called the same way twice is no longer memoized."""
MIN_REUSE = 0.25
"""The share of those calls that must have found their result kept."""


class MemoizedMacro:
    """A template macro rendered once for each distinct call (see the module's docstring).

    A macro whose every call is new (the language switcher, which links the page itself) would
    only fill memory: after `PROBE_CALLS` calls, one that reused less than `MIN_REUSE` of its
    results is called directly from then on, and its module (``members``) offers later imports
    the macro itself, without this one in between. A release card is not kept for the whole
    build, though shown on pages far apart it is seldom among the last calls: keeping every card
    (some 6,000 at 1,000 releases, of 26,000 calls; the workers then reuse two thirds of them)
    was measured twice in turn against not keeping them. Once, 3 % less processor time and 4 to
    10 MiB more peak PSS; the second time, with the build's own process rendering, no time saved
    (1.67 against 1.64 s wall, sixteen builds in turn) and 7 MiB more (111 against 104 MiB),
    which took the harness's every-page build to a quarter of Hugo's peak (RESULTS, rounds
    thirty-seven and thirty-nine)."""

    def __init__(self, macro: Callable[..., Markup], members: dict[str, Any] | None = None, name: str = "") -> None:
        self.macro = macro
        self._done: dict[object, Markup] = {}
        self._calls = 0
        self._reused = 0
        self.memoizing = True
        self._members, self._name = members, name

    def __call__(self, *args: object, **kwargs: object) -> Markup:
        if not self.memoizing or "caller" in kwargs:  # a {% call %} block: its body is new on every call
            return self.macro(*args, **kwargs)
        key: tuple[object, ...]
        if kwargs:
            named = tuple(sorted(kwargs.items()))
            key = (args, named, tuple(map(type, args)), tuple(type(value) for _, value in named))
        else:  # most calls: a shorter key (a different length, so never equal to one with names)
            key = (args, tuple(map(type, args)))
        try:
            if self._done:
                html = self._done.pop(key, None)  # hashes the key once, not once to test and once to find
            else:  # an empty dict's pop answers without hashing: an unhashable key shows here
                hash(key)
                html = None
        except (TypeError, jinja2.UndefinedError):  # unhashable (a list), or undefined: a call never reused
            key, html = (), None
        self._calls += 1
        if html is None:
            html = self.macro(*args, **kwargs)
        else:
            self._reused += 1
        if key:
            self._done[key] = html  # (re)inserted last: the dict keeps recency order
            if len(self._done) > MEMOIZED_LIMIT:
                del self._done[next(iter(self._done))]
        if self._calls == PROBE_CALLS and self._reused < MIN_REUSE * PROBE_CALLS:
            self.memoizing = False
            self._done.clear()
            if self._members is not None:
                self._members[self._name] = self.macro
        return html


class ImportedMacro:
    """A macro of a template offered as a global (``release_card``), found on first use."""

    def __init__(self, environment: Environment, template: str, name: str) -> None:
        self.environment = environment
        self.template = template
        self.name = name
        self._macro: Callable[..., Markup] | None = None

    def __call__(self, *args: object, **kwargs: object) -> Markup:
        macro = self._macro  # found again once it stopped memoizing: the module offers the macro itself
        if macro is None or (type(macro) is MemoizedMacro and not macro.memoizing):
            macro = self._macro = getattr(self.environment.get_template(self.template).module, self.name)
        return macro(*args, **kwargs)
