"""Code Python compiles at every start, kept between runs of ``build.py`` in a file beside the
engine's bytecode: the shared part of `classcode` (dataclass methods) and `patterncode`
(regular expressions).

A `KeptCode` table is read from its file (if the file's stamp is this Python's), answers what it
holds, learns what a run compiled anew, and is written again, whole, only when it learned
something. A missing, unreadable, damaged or foreign file is an empty table; a folder that
cannot be written only costs the speed. The file is trusted as the bytecode beside it is
(whoever may write the engine's folder may change the engine), never put in a site's cache.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Generic, TypeVar

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled

K = TypeVar("K")
V = TypeVar("V")

FOLDER = Path(__file__).resolve().parent.parent / "__pycache__"


def beside_bytecode(kind: str) -> Path:
    """``pressroom/__pycache__/<kind>.cpython-311.marshal``: named like the bytecode for the
    Python that wrote it (marshal's format changes between versions)."""
    return FOLDER / f"{kind}.{sys.implementation.cache_tag}.marshal"


class KeptCode(Generic[K, V]):
    """Compiled code by what it was compiled from: read from ``path``, added to as a run goes."""

    def __init__(self, path: Path, stamp: bytes) -> None:
        self.path, self.stamp = path, stamp
        self.kept: dict[K, V] = self._read()
        self.used: dict[K, V] = {}

    def accepts(self, key: object, value: object) -> bool:
        """Whether an entry read from the file has the shape this table's entries have."""
        raise NotImplementedError

    def find(self, key: K) -> V | None:
        found = self.used.get(key)
        return self.kept.get(key) if found is None else found

    def use(self, key: K, value: V) -> None:
        self.used[key] = value

    @property
    def changed(self) -> bool:
        """Whether this run compiled something the file does not hold."""
        return any(key not in self.kept for key in self.used)

    def keep(self) -> None:
        """Write what the file held and what this run used, if any of it was new; silently
        nothing where the folder cannot be written (an installation read-only to this user).

        Runs of different kinds (a full build, a one-file rebuild, another command) each use
        code the others may not: each keeps what the others left. Code no run uses any longer
        (an earlier version of the engine's) is dropped when the table has grown to several
        times what a run uses."""
        if not self.changed:
            return
        table = {**self.kept, **self.used}
        if len(table) > 4 * max(len(self.used), 256):
            table = self.used
        with contextlib.suppress(OSError, ValueError):  # ValueError: nothing marshal can write
            write_whole(self.path, marshalled(table, self.stamp))

    def _read(self) -> dict[K, V]:
        found = read_marshalled(self.path, self.stamp)
        if not isinstance(found, dict):
            return {}
        return {key: value for key, value in found.items() if self.accepts(key, value)}
