"""Translation status of content: which language versions are ok, missing, outdated or untranslated.

No version is the original. Each version may carry a ``confirmed`` record in its front matter
(written by ``build.py confirm``): the fingerprint of every version, its own included, as it
was when this version was last confirmed to say the same as the others. A version is
*outdated* when a sibling's text no longer matches the fingerprint it recorded, unless that
sibling, as it is now, was itself confirmed against this version as it is now: a version
confirmed against the current text of another is not a change the other has to follow. So
editing one version flags exactly the others, confirming one clears exactly that one, and
after "edit en, update and confirm de and ja" all three are ok. A version marked
``untranslated`` (the other-language scaffolds of ``build.py new``) is *untranslated* until
it is confirmed, and an edit to it is no change the others have to follow: it is a copy, or a
translation under way, not a text to translate from. The record lives in the files
themselves: it works in a fresh clone without history, is deterministic, and merges like any
other line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pressroom.source.fieldvalues import CONFIRMED
from pressroom.source.frontmatter import UNTRANSLATED, VersionSource, split_front_matter
from pressroom.source.yamlload import YamlProblem, load_yaml

State = Literal["ok", "missing", "outdated", "untranslated"]


@dataclass(frozen=True, slots=True)
class VersionState:
    state: State
    changed: tuple[str, ...] = ()
    """For an outdated version: the languages whose versions changed since it was confirmed."""


def version_states(versions: dict[str, VersionSource], languages: tuple[str, ...]) -> dict[str, VersionState]:
    """The state of every language for one release (or page)."""
    prints = {lang: v.fingerprint for lang, v in versions.items()}

    def vouches(other: str, lang: str) -> bool:
        """Whether ``other`` as it is now was confirmed against ``lang`` as it is now."""
        record = versions[other].confirmed or {}
        translated = not versions[other].untranslated
        return translated and record.get(other) == prints[other] and record.get(lang) == prints[lang]

    states: dict[str, VersionState] = {}
    for lang in languages:
        version = versions.get(lang)
        if version is None:
            states[lang] = VersionState("missing")
            continue
        if version.untranslated:
            states[lang] = VersionState("untranslated")
            continue
        record = version.confirmed or {}
        changed = tuple(
            other
            for other in languages
            if other != lang
            and other in prints
            and not versions[other].untranslated
            and record.get(other) != prints[other]
            and not vouches(other, lang)
        )
        states[lang] = VersionState("outdated" if changed else "ok", changed)
    return states


def confirmation(version: VersionSource, siblings: dict[str, VersionSource], languages: tuple[str, ...]) -> dict:
    """The record that says: this version, as it is now, matches its siblings as they are now."""
    record = {lang: siblings[lang].fingerprint for lang in languages if lang in siblings and lang != version.lang}
    return {version.lang: version.fingerprint, **record}


class NotEditable(ValueError):
    """Front matter that cannot take the record line without changing what it says (written as
    one ``{…}`` mapping, say), or none at all: ``line`` and ``reason`` for an error."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def write_confirmation(text: str, record: dict[str, str], *, translated: bool = True) -> str:
    """Put ``confirmed: {…}`` as the last front-matter line, replacing an earlier record (and,
    unless told it is not ``translated``, the ``untranslated`` mark), each with any lines of
    its value below it. `NotEditable` unless the front matter then says what it said before,
    those fields aside, and the record (every other field is left as the editor wrote it)."""
    split = split_front_matter(text)
    if isinstance(split, str):
        raise NotEditable(1, split)
    lines = text.split("\n")
    closing = split[2] - 2  # index of the closing '---' line
    replaced = (CONFIRMED, UNTRANSLATED) if translated else (CONFIRMED,)
    kept: list[str] = []
    dropping = False
    for line in lines[1:closing]:
        if not line.startswith((" ", "\t", "#")) and line.strip():
            dropping = line.split(":", 1)[0].strip() in replaced
        if not dropping:
            kept.append(line)
    entries = ", ".join(f"{lang}: {value}" for lang, value in record.items())
    record_line = f"{CONFIRMED}: {{{entries}}}"
    _check_edit(split[0], "\n".join([*kept, record_line]), replaced, record)
    return "\n".join([lines[0], *kept, record_line, *lines[closing:]])


def _check_edit(before: str, after: str, replaced: tuple[str, ...], record: dict[str, str]) -> None:
    layout = "write each field as a 'key: value' line of its own, then run the command again"
    try:
        old, new = load_yaml(before, 2), load_yaml(after, 2)
    except YamlProblem as problem:
        raise NotEditable(problem.line, f"the front matter cannot take the record line; {layout}") from None
    if not isinstance(old, dict) or not isinstance(new, dict):
        raise NotEditable(2, f"the front matter is not a list of fields; {layout}")
    expected = {key: value for key, value in old.items() if key not in replaced}
    if {key: value for key, value in new.items() if key != CONFIRMED} != expected or new.get(CONFIRMED) != record:
        raise NotEditable(2, f"the front matter cannot take the record line without changing a field; {layout}")


@dataclass(frozen=True, slots=True)
class EntryStatus:
    """The status of one release (or page) in every language."""

    key: str
    is_page: bool
    states: dict[str, VersionState]
    paths: dict[str, str]
    """Language → display path of the version's file."""
