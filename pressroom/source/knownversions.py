"""Front matter an earlier build checked, reused where its file did not change.

A full build reads and checks every Markdown file's front matter (YAML, fields, partners and
topics named). The last clean build's model, kept in the cache (see
`pressroom.preview.resume`), holds what it read; a version whose file still has the same
bytes at the same place, checked against the same partners and topics by the same code, is
that same version and had no problem, so it is not read again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pressroom.base.files import read_plain
from pressroom.source.content import MarkdownSource, file_digest
from pressroom.source.frontmatter import VersionSource


@dataclass(frozen=True, slots=True)
class KnownVersions:
    """Front matter an earlier clean build of the same code checked, and what it checked it against."""

    versions: Mapping[str, VersionSource]
    """Resolved location → the version read from the file there."""
    partner_ids: frozenset[str]
    topic_ids: frozenset[str] | None

    def reusable(self, partner_ids: frozenset[str], topic_ids: frozenset[str] | None) -> Mapping[str, VersionSource]:
        """The versions, if checked against the same partners and topics (else none). No topic
        list and an empty one are the same here: a clean build's versions name no topic then."""
        same = (partner_ids, topic_ids or None) == (self.partner_ids, self.topic_ids or None)
        return self.versions if same else {}


def unchanged(known: Mapping[str, VersionSource], source: MarkdownSource) -> VersionSource | None:
    """The known version of ``source``'s file if the file is the same, byte for byte."""
    kept = known.get(str(source.location))
    if kept is None or (kept.path, kept.lang, kept.rel, kept.is_page, kept.location) != (
        source.display,
        source.lang,
        source.rel,
        source.is_page,
        source.location,
    ):
        return None
    try:
        same = file_digest(read_plain(source.location)) == kept.digest
    except OSError:
        return None
    return kept if same else None
