"""The exchange files an ``import`` is given: a folder stands for the files in it, and a file
named twice (a shell pattern and its name, or its folder) is imported once."""

from __future__ import annotations

import os
from pathlib import Path

from pressroom.base.errors import Problems
from pressroom.workflow.entries import display_path
from pressroom.workflow.exchange import FORMATS

EXCHANGE_SUFFIXES = (*FORMATS.values(), ".xliff")
"""What export writes (``.xlf``, ``.po``), and the name some translation tools give XLIFF."""
WORKING_SUFFIXES = (".sdlxliff", ".mqxliff", ".mxliff")
"""The files Trados, memoQ and Phrase translate in, which an office may send in place of the translations."""


def exchange_files(given: list[Path], root: Path, problems: Problems, usage: Problems) -> list[Path]:
    """The files ``given``, each folder replaced by its exchange files (in its sub-folders too,
    as an office's archive unpacks them, in name order), each file once."""
    seen: set[Path] = set()
    kept = []
    for file in [found for path in given for found in _opened(path, root, usage)]:
        try:
            same = file.resolve()
        except OSError:
            same = file
        if same in seen:
            problems.warning(display_path(file, root), 0, "named twice; imported once")
            continue
        seen.add(same)
        kept.append(file)
    return kept


def _opened(path: Path, root: Path, usage: Problems) -> list[Path]:
    """``path`` itself, or the exchange files of the folder it is."""
    if not path.is_dir():
        return [path]
    found = []
    working = []
    for top, folders, names in os.walk(path):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [Path(top, name) for name in sorted(names) if _exchange_file(name)]
        working += [name for name in sorted(names) if name.lower().endswith(WORKING_SUFFIXES)]
    if not found and working:
        usage.error(
            display_path(path, root),
            0,
            f"a folder with no .xlf or .po file in it, only a translation tool's own working files ({working[0]}"
            f"{', …' if len(working) > 1 else ''}): save the translations from the tool as .xlf files and import those",
        )
    elif not found:
        usage.error(display_path(path, root), 0, "a folder with no .xlf or .po file in it; name the translated files")
    return found


def _exchange_file(name: str) -> bool:
    """A file export may have written, not one a system or a tool left beside it (``._x.xlf``)."""
    return name.lower().endswith(EXCHANGE_SUFFIXES) and not name.startswith(".")
