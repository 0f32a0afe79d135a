"""The methods `dataclasses` writes for the engine's classes, compiled once and kept between runs.

For every dataclass, Python writes the source of its ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` (and a frozen class's ``__setattr__`` and ``__delattr__``) as text and compiles
it with ``exec`` each time the module is imported. For the engine's 92 classes that is 535
methods and about 0.12 s, a fifth of a one-file rebuild at 1,000 releases. The text depends only
on the class's fields and options, so, like a module's bytecode, its compiled code can be kept:
`install` makes ``dataclasses`` look the text up in a file of code objects beside the engine's
bytecode (``__pycache__``, named for this Python's version) and compile only what it does not
hold; `keep` writes the file again when a run compiled something new (see `keptcode`).

The code run is the code Python would compile from the same text, with the same globals and
locals; only the compiling is skipped. A missing, unreadable or damaged file means the methods
are compiled as usual. Only ``build.py`` installs it, for the command run most.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

from pressroom.base.keptcode import KeptCode, beside_bytecode

FILE = beside_bytecode("dataclasses")


class MethodCode(KeptCode[str, CodeType]):
    """Compiled methods by their source text: read from `path`, added to as classes are made."""

    def __init__(self, path: Path) -> None:
        # Bytecode can change within one version's name (as a .pyc's magic number says).
        super().__init__(path, MAGIC_NUMBER)

    def accepts(self, key: object, value: object) -> bool:
        return isinstance(key, str) and isinstance(value, CodeType)

    def exec(self, source: object, globals: dict | None = None, locals: dict | None = None) -> None:
        """``exec`` as `dataclasses` calls it, with the compiled text looked up first."""
        if not isinstance(source, str):
            builtins.exec(source, globals, locals)  # type: ignore[arg-type]
            return
        code = self.find(source)
        if code is None:
            # dont_inherit: compiled as dataclasses would, without this module's
            # `from __future__ import annotations` (the methods' annotations stay objects).
            code = compile(source, "<string>", "exec", dont_inherit=True)
        self.use(source, code)
        builtins.exec(code, globals, locals)


def install(path: Path = FILE) -> MethodCode:
    """Make `dataclasses` compile through a `MethodCode` read from ``path`` (the name ``exec``
    in its module, which it calls for every method, now finds the cache before the built-in)."""
    methods = MethodCode(path)
    dataclasses.exec = methods.exec  # type: ignore[attr-defined]
    return methods


def uninstall() -> None:
    """Let `dataclasses` compile with the built-in ``exec`` again."""
    with contextlib.suppress(AttributeError):
        del dataclasses.exec  # type: ignore[attr-defined]
