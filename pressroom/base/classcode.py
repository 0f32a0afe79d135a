"""The methods `dataclasses` writes for the engine's classes, compiled once and kept between runs.

For every dataclass, Python writes the source of its ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` (and a frozen class's ``__setattr__`` and ``__delattr__``) as text and compiles
it with ``exec`` each time the module is imported. For the engine's 92 classes that is 535
methods and about 0.12 s, a fifth of a one-file rebuild at 1,000 releases. The text depends only
on the class's fields and options, so, like a module's bytecode, its compiled code can be kept:
`install` makes ``dataclasses`` look the text up in a file of code objects beside the engine's
bytecode (``__pycache__``, named for this Python's version) and compile only what it does not
hold; `keep` writes the file again when a run compiled something new.

The code run is the code Python would compile from the same text, with the same globals and
locals; only the compiling is skipped. A missing, unreadable or damaged file means the methods
are compiled as usual. The file is trusted as the bytecode beside it is (whoever may write the
engine's folder may change the engine), never put in a site's cache folder. Only ``build.py``
installs it, for the command run most.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

from pressroom.base.files import write_whole

FILE = Path(__file__).resolve().parent.parent / "__pycache__" / f"dataclasses.{sys.implementation.cache_tag}.marshal"
"""Beside the engine's bytecode, named like it for the Python that wrote it (marshal's format
changes between versions)."""


class MethodCode:
    """Compiled methods by their source text: read from `path`, added to as classes are made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept = _read(path)
        self.used: dict[str, CodeType] = {}

    def exec(self, source: object, globals: dict | None = None, locals: dict | None = None) -> None:
        """``exec`` as `dataclasses` calls it, with the compiled text looked up first."""
        if not isinstance(source, str):
            builtins.exec(source, globals, locals)  # type: ignore[arg-type]
            return
        code = self.used.get(source) or self.kept.get(source)
        if code is None:
            # dont_inherit: compiled as dataclasses would, without this module's
            # `from __future__ import annotations` (the methods' annotations stay objects).
            code = compile(source, "<string>", "exec", dont_inherit=True)
        self.used[source] = code
        builtins.exec(code, globals, locals)

    @property
    def changed(self) -> bool:
        """Whether this run made a method the file does not hold."""
        return any(source not in self.kept for source in self.used)

    def keep(self) -> None:
        """Write the methods this run used, if any was new; silently nothing where the folder
        cannot be written (an installation read-only to this user)."""
        if self.changed:
            with contextlib.suppress(OSError):
                write_whole(self.path, MAGIC_NUMBER + marshal.dumps(self.used))


def _read(path: Path) -> dict[str, CodeType]:
    try:
        data = path.read_bytes()
        # Bytecode can change within one version's name (as a .pyc's magic number says).
        found = marshal.loads(data[len(MAGIC_NUMBER) :]) if data.startswith(MAGIC_NUMBER) else None
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {text: code for text, code in found.items() if isinstance(text, str) and isinstance(code, CodeType)}


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
