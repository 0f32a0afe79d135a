"""The installed versions of the libraries whose output a build keeps: a new one may render
differently, so each is part of the hashes that decide what is kept.

Read from the names of the installed distributions' metadata folders
(``jinja2-3.1.6.dist-info``), as the packaging specifications name them, in the order of
``sys.path`` as Python's own import finds them. ``importlib.metadata`` gives the same answer
but imports an e-mail parser and a zip reader to do so: a twentieth of a second of every run,
a tenth of a one-line edit rebuild.
"""

from __future__ import annotations

import functools
import os
import re
import sys

_SEPARATORS = re.compile(r"[-_.]+")


def _normalized(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


@functools.cache
def _installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # not a folder (a zip file), or gone
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name.removesuffix(".dist-info").partition("-")
                found.setdefault(_normalized(project), version)
    return found


def version(name: str) -> str | None:
    """The installed version of distribution ``name`` (``markdown-it-py``), None if none is."""
    return _installed().get(_normalized(name))


def described(names: tuple[str, ...]) -> str:
    """``name==version`` of each installed one of ``names``, a line each, for a hash."""
    return "".join(f"{name}=={found}\n" for name in names if (found := version(name)) is not None)
