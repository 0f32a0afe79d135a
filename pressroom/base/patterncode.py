"""Regular expressions compiled once and kept between runs of ``build.py``.

Python parses and compiles every regular expression anew in each process: PyYAML's reader,
Jinja's lexer, Babel, markdown-it and the engine's own patterns took 0.04 s of a one-file
rebuild at 1,000 releases, a quarter of it one pattern of Unicode ranges. What the compiler
makes of a pattern is a list of numbers, its group names and flags (what ``_sre.compile``
takes), and it depends only on the pattern's text, its flags and the regular-expression engine's
version. `install` makes ``re`` look the pattern up in a file beside the engine's bytecode
(see `keptcode`) before it parses it; `keep` writes the file again when a run compiled a
pattern the file lacks.

The pattern made is the one Python would make: ``_sre.compile`` with the same arguments, which
checks the code it is given. Only the Pythons whose compiler is known to end this way (3.11 to
3.13) are served from the file; on any other, `install` changes nothing.
"""

from __future__ import annotations

import re
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path

from pressroom.base.keptcode import KeptCode, beside_bytecode

# The private parts of `re` whose use this module stands in for (looked up with care: a later
# Python may have none of them).
_compiler = getattr(re, "_compiler", None)
_sre = getattr(_compiler, "_sre", None)
_parser = getattr(re, "_parser", None)
_code = getattr(_compiler, "_code", None)
_compile = getattr(_compiler, "compile", None)

KNOWN = sys.version_info[:2] in ((3, 11), (3, 12), (3, 13)) and None not in (_sre, _parser, _code, _compile)
"""Whether this Python's pattern compiler ends as `_compiled` does."""
FILE = beside_bytecode("patterns")

Key = tuple[str | bytes, int]
Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""``_sre.compile``'s arguments after the pattern: flags, code, groups, group index, group names."""


class PatternCode(KeptCode[Key, Compiled]):
    """Compiled patterns by their text and flags: read from `path`, added to as patterns are made."""

    def __init__(self, path: Path) -> None:
        # The regular-expression engine's own magic number changes with its code's meaning.
        engine = (getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0))
        stamp = MAGIC_NUMBER + engine[0].to_bytes(4, "little") + engine[1].to_bytes(1, "little")
        super().__init__(path, stamp)
        self._codes: set[tuple | None] | None = None
        """The code of every pattern the table holds, made at the first pattern it lacks."""

    def accepts(self, key: object, value: object) -> bool:
        return (
            isinstance(key, tuple)
            and len(key) == 2
            and isinstance(key[0], str | bytes)
            and isinstance(key[1], int)
            and isinstance(value, tuple)
            and len(value) == 5
        )

    def compile(self, pattern: object, flags: int = 0) -> re.Pattern:
        """``re._compiler.compile`` as `re` calls it, with the pattern looked up first."""
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
            return _compile(pattern, flags)  # a pattern already parsed (`re.Scanner`), or one to print
        key = (pattern, int(flags))  # a `re.RegexFlag` is an int marshal cannot write
        found = self.find(key)
        if found is not None:
            try:
                compiled = _sre.compile(pattern, *found)
            except (TypeError, ValueError, OverflowError, RuntimeError):  # damaged: the checker refused it
                found = None
        if found is None:
            found = _compiled(pattern, flags)
            compiled = _sre.compile(pattern, *found)
            if self._known_code(found):
                # The code of a pattern the table holds, written another way: Babel's plural
                # rules join a set of letters into a character class, in the order of each run's
                # string hashes. Kept, it made the file grow and be written again every run.
                return compiled
        self.use(key, found)
        return compiled

    def _known_code(self, found: Compiled) -> bool:
        """Whether the table holds a pattern compiled to exactly ``found`` (adding it if not)."""
        if self._codes is None:
            self._codes = {_code_key(value) for value in (*self.kept.values(), *self.used.values())} - {None}
        key = _code_key(found)
        if key in self._codes:
            return True
        self._codes.add(key)
        return False


def _compiled(pattern: str | bytes, flags: int) -> Compiled:
    # What `re._compiler.compile` does before its last call.
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _code(parsed, flags)]  # the opcodes are named ints, which marshal refuses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)


def _code_key(compiled: Compiled) -> tuple | None:
    """What identifies a compiled pattern's code (None for an entry of a damaged file)."""
    try:
        flags, code, groups, _, indexgroup = compiled
        key = (flags, tuple(code), groups, tuple(indexgroup))
        hash(key)
    except (TypeError, ValueError):
        return None
    return key


def install(path: Path = FILE) -> PatternCode:
    """Make `re` compile through a `PatternCode` read from ``path``, on the Pythons it knows; on
    any other, a table that is never used (and never written)."""
    patterns = PatternCode(path)
    if KNOWN:
        _compiler.compile = patterns.compile  # type: ignore[union-attr]
    return patterns


def uninstall() -> None:
    """Let `re` compile every pattern itself again."""
    if KNOWN:
        _compiler.compile = _compile  # type: ignore[union-attr]
