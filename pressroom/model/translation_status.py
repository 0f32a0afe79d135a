"""Translation status of content: which language versions are ok, missing or outdated.

No version is the original. Each version may carry a ``confirmed`` record in its front matter
(written by ``build.py confirm``): the fingerprint of every sibling version as it was when this
version was last confirmed to say the same. A version is *outdated* when a sibling's text no
longer matches the fingerprint it recorded, so editing one version flags exactly the others,
and confirming one clears exactly that one. The record lives in the files themselves: it works
in a fresh clone without history, is deterministic, and merges like any other line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pressroom.source.frontmatter import CONFIRMED, VersionSource, split_front_matter

State = Literal["ok", "missing", "outdated"]


@dataclass(frozen=True, slots=True)
class VersionState:
    state: State
    changed: tuple[str, ...] = ()
    """For an outdated version: the languages whose versions changed since it was confirmed."""


def version_states(versions: dict[str, VersionSource], languages: tuple[str, ...]) -> dict[str, VersionState]:
    """The state of every language for one release (or page)."""
    prints = {lang: v.fingerprint for lang, v in versions.items()}
    states: dict[str, VersionState] = {}
    for lang in languages:
        version = versions.get(lang)
        if version is None:
            states[lang] = VersionState("missing")
            continue
        record = version.confirmed or {}
        changed = tuple(
            other for other in languages if other != lang and other in prints and record.get(other) != prints[other]
        )
        states[lang] = VersionState("outdated" if changed else "ok", changed)
    return states


def confirmation(version: VersionSource, siblings: dict[str, VersionSource], languages: tuple[str, ...]) -> dict:
    """The record that says: this version matches its siblings as they are now."""
    return {lang: siblings[lang].fingerprint for lang in languages if lang in siblings and lang != version.lang}


def write_confirmation(text: str, record: dict[str, str]) -> str:
    """Put ``confirmed: {…}`` as the last front-matter line, replacing an earlier record."""
    split = split_front_matter(text)
    if isinstance(split, str):
        raise ValueError(split)
    lines = text.split("\n")
    closing = split[2] - 2  # index of the closing '---' line
    kept = [line for line in lines[1:closing] if not line.startswith(f"{CONFIRMED}:")]
    entries = ", ".join(f"{lang}: {value}" for lang, value in record.items())
    record_line = f"{CONFIRMED}: {{{entries}}}"
    return "\n".join([lines[0], *kept, record_line, *lines[closing:]])


@dataclass(frozen=True, slots=True)
class EntryStatus:
    """The status of one release (or page) in every language."""

    key: str
    is_page: bool
    states: dict[str, VersionState]
    paths: dict[str, str]
    """Language → display path of the version's file."""
