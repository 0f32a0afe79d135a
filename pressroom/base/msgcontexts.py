"""Catalog entries the templates use under another ``msgctxt``: a translator's tool dropped an
entry's context, or kept an old one, and its translation is never used (readers see English).

Told by ``i18n status`` against the strings extracted from the templates, and by the build (so
by ``check``) against ``locales/messages.pot``, which holds the same pairs of msgid and msgctxt
as of the last ``i18n extract``: reading it costs a hundredth of extracting the templates again.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from pressroom.base.errors import Problems

if TYPE_CHECKING:
    from babel.messages.catalog import Message

Key = tuple[str, str | None]
"""A message as the build looks it up: its msgid, and its msgctxt (None for none or an empty one)."""


def msgid(message: Message) -> str:
    """A message's msgid (the singular's, for a message with plural forms)."""
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def key(message: Message) -> Key:
    # An empty msgctxt, which some tools write for a message without one, is none.
    return msgid(message), message.context or None


@lru_cache(maxsize=2)  # read once for the three catalogs a build compiles
def template_keys(data: bytes) -> tuple[Key, ...] | None:
    """The messages of a template's (``messages.pot``) bytes, in its order; None when it is no
    catalog (it is made by ``i18n extract``, which writes it anew)."""
    from babel.messages.pofile import PoFileError, read_po  # as the catalogs' reader: see parse_catalog

    try:
        return tuple(key(message) for message in read_po(io.BytesIO(data)) if message.id)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return None


TEMPLATES = "the templates use"
TEMPLATE_FILE = "locales/messages.pot (as of the last i18n extract) has"
"""Who is said to use a message in a context: the templates themselves (``i18n status``), or the
catalog template the build reads, which is only as new as the last ``i18n extract``."""


def context_slips(
    entries: Iterable[Message], used: Sequence[Key], told_by: str = TEMPLATES
) -> list[tuple[Message, str]]:
    """Each entry of a catalog whose msgid the templates use (``used``) only in a context that
    no entry has, with what to do about it, said as ``told_by``'s; in the catalog's order."""
    entries = [entry for entry in entries if entry.id]
    have = {key(entry) for entry in entries}
    lacking: dict[str, list[str | None]] = {}  # msgid -> contexts the templates use it in, not the catalog
    for found in used:
        if found not in have:
            lacking.setdefault(found[0], []).append(found[1])
    known = set(used)
    return [
        (entry, _context_slip(entry, meant[0], told_by))
        for entry in entries
        if key(entry) not in known and (meant := lacking.get(msgid(entry)))
    ]


def _context_slip(entry: Message, context: str | None, told_by: str) -> str:
    used = f"{told_by} '{msgid(entry)}' "
    if context is None:
        return used + "without a msgctxt, so this entry's translation is never used: remove its msgctxt line"
    written = f'msgctxt "{context}"'
    if not entry.context:
        return (
            used + f"with {written}, which this entry lacks (a translation tool may have dropped it), "
            f"so its translation is never used: write {written} on the line above its msgid"
        )
    return (
        used + f'with {written}, not msgctxt "{entry.context}", so this entry\'s translation is never used: '
        f"write {written}"
    )


def warn_of_slips(catalog: Iterable[Message], template: bytes, display: str, problems: Problems) -> None:
    """A warning at the line of each entry of ``catalog`` (the file ``display``) whose msgctxt
    is not the one the ``template``'s bytes give its msgid; none without a template."""
    used = template_keys(template) if template else None
    for entry, slip in context_slips(catalog, used or (), TEMPLATE_FILE):
        problems.warning(display, entry.lineno or 0, slip)
