"""How a command of this tool is written in a message, so that it runs as shown from the folder
the user is in: the project's interpreter and ``build.py`` by their paths from there, and the
site by ``--source`` unless it is the project itself."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The project: where ``build.py``, the bundled templates and catalogs are."""
PYTHON = ".venv/bin/python"
"""The interpreter commands are shown with: the project's virtual environment, which works
whether or not it is activated (the README says the same)."""


def command(root: Path, name: str, path: str = "") -> str:
    """The command ``name`` on ``path`` (a display path under ``root``; none: the command alone),
    runnable as shown from the folder the user is in: the short form only in the project itself,
    where ``build.py`` is and which it acts on without ``--source``."""
    here = Path.cwd().resolve()
    if root.resolve() == PROJECT_ROOT.resolve() == here:
        return f"{PYTHON} build.py {name} {path}".rstrip()
    python = PYTHON if PROJECT_ROOT.resolve() == here else os.path.relpath(PROJECT_ROOT / PYTHON)
    build = os.path.relpath(PROJECT_ROOT / "build.py")
    target = f" {os.path.relpath(root / path)}" if path else ""
    return f"{python} {build} {name} --source {os.path.relpath(root)}{target}"
