"""Regular expressions compiled when first used rather than when their module is imported.

A command-line build after a one-line edit runs in well under a second, and Python's start is a
good part of it: the search indexer's patterns (long Unicode classes for Japanese) alone took
a thirtieth of a second to compile although such a build may never index anything.
"""

from __future__ import annotations

import re
from typing import AnyStr, cast


class _Lazy:
    """Stands for a compiled pattern; compiles it on the first attribute asked for and then
    keeps each method asked for as its own attribute, so later calls cost what the pattern's do."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            compiled = self.compiled = re.compile(*self._source)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, flags))
