"""What the id of a partner (its file's name) or of a topic may be: it names folders of the
site (``/de/partners/<id>/``, ``/de/topics/<id>/``), so it must work as one on every system,
and an id written otherwise is told the id the rule makes of it."""

from __future__ import annotations

import re

from pressroom.source.content import ContentTree
from pressroom.source.slugs import MAX_SLUG_BYTES, slug_problem, slugify

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_id(text: str) -> bool:
    """Lower-case letters a to z and digits, in words joined by single hyphens."""
    return bool(_ID_RE.fullmatch(text))


ID_RULE = "use lower-case letters a to z, digits and hyphens"


def id_meant(written: object, told: str, suffix: str = "") -> str:
    """``; rename it kanagawa-praefektur.yaml``: the id the rule makes of one written otherwise
    (``Kanagawa``, ``kanagawa-präfektur``), where it makes one."""
    meant = slugify(str(written)) if written and isinstance(written, str) else ""
    return f"; {told} {meant}{suffix}" if meant != written and is_id(meant) else ""


def topic_id_problem(topic_id: object) -> str | None:
    """What keeps ``topic_id`` from naming its pages' folder (``/de/topics/<id>/``), if anything."""
    if not isinstance(topic_id, str) or not is_id(topic_id):
        return f"topic id '{topic_id}': {ID_RULE}{id_meant(topic_id, 'write it')}"
    if len(topic_id) > MAX_SLUG_BYTES:
        return f"topic id '{topic_id[:20]}…' is longer than any address of this site ({MAX_SLUG_BYTES}): shorten it"
    return slug_problem(topic_id, "topic id")


def partner_file_ids(tree: ContentTree) -> frozenset[str]:
    """The id of every partner file, read or not (one with errors is not also "unknown" in every
    release naming it), and for one named otherwise (``Kanagawa.yaml``) the id it makes once
    renamed: a release naming ``kanagawa`` was told to mean the ``Kanagawa`` the rule refuses."""
    named = {partner_id for partner_id, _ in tree.partners} | set(tree.unread_partners)
    return frozenset(named | {slugify(partner_id) for partner_id in named if not is_id(partner_id)})
