"""Text made from data that is slow to load, remembered between builds in the site's cache.

Babel reads CLDR's tables for a language on the first date, year, number or list it writes in
it (0.04 s for three languages, with its global table), and the partner maps project the
world's outlines (0.02 s), in every process that writes one. A one-file rebuild writes only a
few dozen such texts, the same ones the last build wrote. What they say depends only on what
was asked (the key names it whole: what, in which locale, of which value) and on the code and
libraries that made it (the file's stamp: the caller's, naming them). So each text made is
remembered under its key, in this process and (`use_file`, `keep`) in one file of the cache,
and a rebuild that finds all it asks for never loads those tables.

Forked workers hand what they made to the process that keeps the file (`taken`, `learn`).
A missing, damaged or foreign file only means the texts are made again; one that cannot be
written only costs the speed.

Every edited headline is a new text (its phrases, its words kept together), so the file would
grow with each edit. A build that rendered every page asked for every text its site shows: it
keeps only those (`keep` with ``complete``), and the edited headlines' old texts go. Any other
build keeps what the file had too (a one-file rebuild asks for a few dozen texts).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from pressroom.base.files import write_whole
from pressroom.base.marshalled import marshalled, read_marshalled

_known: dict[str, str] = {}
_new: dict[str, str] = {}
_unread: list[tuple[Path, Callable[[], bytes]]] = []
"""The file named by `use_file`, until it is read (on the first `recall`)."""
_kept: list[tuple[Path, bytes]] = []
"""The file `keep` writes, with its stamp, once it was read."""
_asked: set[str] = set()
"""The keys asked for in this process (and its workers, when they tell: `taken`)."""


def recall(key: str, make: Callable[[], str]) -> str:
    """The text remembered under ``key``, else ``make()``'s, then remembered."""
    if _unread:
        _read()
    _asked.add(key)
    text = _known.get(key)
    if text is None:
        text = _known[key] = _new[key] = make()
    return text


def use_file(path: Path, stamp: Callable[[], bytes]) -> None:
    """Remember with the file ``path``: read when a text is first asked for (a build that
    writes no page never reads it), written by `keep`. ``stamp`` names the code and libraries
    that make the texts; a file with another stamp is not read, and is written over."""
    _unread[:] = [(path, stamp)]
    _kept.clear()
    _asked.clear()


def taken() -> dict[str, str]:
    """What this process made since it was last asked (a worker's, for the process that keeps
    the file)."""
    made = dict(_new)
    _new.clear()
    return made


def asked() -> frozenset[str]:
    """Every key this process asked for (a worker's that rendered each of its pages, for the
    process that keeps the file: only then can the file be kept to them, see `keep`)."""
    return frozenset(_asked)


def learn(made: dict[str, str], keys: frozenset[str] = frozenset()) -> None:
    """Remember what another process made, and the ``keys`` it asked for (see `taken`, `asked`)."""
    _known.update(made)
    _new.update(made)
    _asked.update(keys)


def keep(*, complete: bool = False) -> None:
    """Write what is remembered to the file `use_file` named, if anything was made since it
    was read. ``complete``: the build asked for every text its site shows (it rendered every
    page, in this process or in workers that told their keys, `asked`): only those are kept,
    and the file is written also to leave out what it no longer asks for."""
    if not _new and not complete:
        return
    if _unread:  # texts learnt from workers before this process asked for any
        _read()
    if not _kept:
        return
    texts = {key: _known[key] for key in _asked if key in _known} if complete else _known
    if not _new and len(texts) == len(_known):
        return
    path, stamp = _kept[0]
    with contextlib.suppress(OSError):
        write_whole(path, marshalled(texts, stamp))
        _new.clear()
        if complete:  # what this process remembers is what the file holds
            _known.clear()
            _known.update(texts)


def forget() -> None:
    """Remember nothing, and no file (a fresh process, for tests)."""
    _known.clear()
    _new.clear()
    _unread.clear()
    _kept.clear()
    _asked.clear()


def _read() -> None:
    path, stamp_of = _unread.pop()
    stamp = stamp_of()
    _kept[:] = [(path, stamp)]
    found = read_marshalled(path, stamp)
    if isinstance(found, dict):
        for key, text in found.items():
            if isinstance(key, str) and isinstance(text, str):
                _known.setdefault(key, text)
