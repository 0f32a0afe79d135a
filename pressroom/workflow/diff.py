"""What changed in a version's siblings since it was confirmed: the ``diff`` command and the
changed-word counts of ``status``.

Texts are compared word by word (character by character for Japanese and Chinese, which do not
separate words with spaces), field by field: title, summary, source, place, the lead image's alt
text, caption and credit, each download's title (``image.caption``, ``download.1`` …), body. The
older text comes from git history (`History`); without it, the sibling's current text is shown
and the count is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from pressroom.base.errors import Problems
from pressroom.base.languageparts import HAN_LANGUAGES, primary_subtag
from pressroom.model.catalog import VersionGroup
from pressroom.source.content import editable_text
from pressroom.source.frontmatter import Translatable, VersionSource, translatable
from pressroom.workflow.entries import collect, named_files, named_versions, only_concerned, tell_problems
from pressroom.workflow.history import History, OldText

FIELDS = ("title", "summary", "source", "place", "body")
_WORD = re.compile(r"\w+|\s+|[^\w\s]")


def in_characters(lang: str) -> bool:
    """Whether changes in ``lang`` are counted in characters (Japanese and Chinese), not words.
    Korean, though it may hold Han characters, separates its words with spaces as German does:
    counted in syllable blocks, a changed word was told as two or three changes."""
    return primary_subtag(lang) in HAN_LANGUAGES


def tokens(text: str, lang: str) -> list[str]:
    """Words, spaces and punctuation; single characters in Japanese and Chinese."""
    if in_characters(lang):
        return list(text)
    return _WORD.findall(text)


def _words(parts: list[str]) -> int:
    return sum(1 for part in parts if part[0].isalnum() or part[0] == "_")


@dataclass(frozen=True, slots=True)
class FieldDiff:
    name: str
    pieces: tuple[tuple[str, str], ...]
    """(``=``, ``-`` or ``+``, text) in order."""
    changed: int
    """Changed words (characters for Japanese): the larger side of each replaced stretch."""


FINE_DIFF = 4_000_000
"""Token pairs (words, or characters for Japanese, of the old stretch times the new) up to
which a changed stretch of lines is compared token by token. Comparing grows with that
product and worse: two versions of a 30,000-character Japanese body with scattered edits took
minutes in one piece. A larger stretch (a paragraph of thousands of words rewritten whole) is
shown as removed and added."""


def field_diff(name: str, old: str, new: str, lang: str) -> FieldDiff:
    """Line by line first, then token by token within each changed stretch of lines: an edit
    costs what the paragraphs it touches cost, whatever the length of the text."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[tuple[str, str]] = []
    changed = 0
    for tag, i1, i2, j1, j2 in _line_stretches(old_lines, new_lines):
        if tag == "equal":
            _add(pieces, "=", "".join(old_lines[i1:i2]))
            continue
        before, after = tokens("".join(old_lines[i1:i2]), lang), tokens("".join(new_lines[j1:j2]), lang)
        if len(before) * len(after) > FINE_DIFF:
            stretches = [("replace", 0, len(before), 0, len(after))]
        else:
            stretches = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        for kind, k1, k2, l1, l2 in stretches:
            if kind == "equal":
                _add(pieces, "=", "".join(before[k1:k2]))
                continue
            _add(pieces, "-", "".join(before[k1:k2]))
            _add(pieces, "+", "".join(after[l1:l2]))
            changed += max(_words(before[k1:k2]), _words(after[l1:l2]))
    return FieldDiff(name, tuple(pieces), changed)


def common_ends(old: Sequence[str], new: Sequence[str]) -> tuple[int, int]:
    """How many items two sequences begin with alike, and how many of the rest they end with
    alike (never overlapping): found in one pass, where difflib would compare every pair."""
    shortest = min(len(old), len(new))
    head = next((n for n in range(shortest) if old[n] != new[n]), shortest)
    tail = next((n for n in range(shortest - head) if old[-1 - n] != new[-1 - n]), shortest - head)
    return head, tail


def _line_stretches(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes of two texts' lines. Past `FINE_DIFF` pairs of lines, difflib would take
    time growing with their product and worse (8,000 paragraphs alike: 14 s; a line repeated
    throughout, such as the blank one between paragraphs, is compared with each of its copies):
    then the lines both begin and end with are kept, and what lies between is shown replaced
    unless it is small enough to compare."""
    if len(old) * len(new) <= FINE_DIFF:
        return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    head, tail = common_ends(old, new)
    old_end, new_end = len(old) - tail, len(new) - tail
    middle: list[tuple[str, int, int, int, int]] = []
    if (old_end - head) * (new_end - head) <= FINE_DIFF:
        for kind, i1, i2, j1, j2 in SequenceMatcher(
            None, old[head:old_end], new[head:new_end], autojunk=False
        ).get_opcodes():
            middle.append((kind, i1 + head, i2 + head, j1 + head, j2 + head))
    elif old_end > head or new_end > head:
        middle.append(("replace", head, old_end, head, new_end))
    return [
        *([("equal", 0, head, 0, head)] if head else []),
        *middle,
        *([("equal", old_end, len(old), new_end, len(new))] if tail else []),
    ]


def _add(pieces: list[tuple[str, str]], kind: str, text: str) -> None:
    """Append a piece, joined to the last one if it is of the same kind."""
    if not text:
        return
    if pieces and pieces[-1][0] == kind:
        pieces[-1] = (kind, pieces[-1][1] + text)
    else:
        pieces.append((kind, text))


def text_diff(old: Translatable, new: Translatable, lang: str) -> list[FieldDiff]:
    """Each field compared; a media text that one side lacks counts as empty there."""
    plain = [field_diff(name, getattr(old, name).strip(), getattr(new, name).strip(), lang) for name in FIELDS]
    before, after = dict(old.media), dict(new.media)
    media = [field_diff(name, before.get(name, ""), after.get(name, ""), lang) for name in {**after, **before}]
    return [*plain[:-1], *media, plain[-1]]


@dataclass(frozen=True, slots=True)
class SiblingChange:
    """One sibling that changed since a version was confirmed."""

    lang: str
    path: str
    old: OldText | None
    """Its text when the version was confirmed; None when it could not be found."""
    reason: str
    """Why ``old`` is None."""
    current: Translatable | None
    fields: tuple[FieldDiff, ...] = ()

    @property
    def changed_words(self) -> int | None:
        return sum(f.changed for f in self.fields) if self.old is not None else None


def changes(
    version: VersionSource, group: VersionGroup, changed: tuple[str, ...], history: History
) -> list[SiblingChange]:
    """For each sibling in ``changed``: its text then and now, compared."""
    record = version.confirmed or {}
    result = []
    for lang in changed:
        sibling = group.versions[lang]
        current = _read(sibling)
        recorded = record.get(lang)
        if recorded is None:
            found: OldText | str = f"{version.path} was never confirmed against the {lang} version"
        else:
            found = history.find(sibling.path, recorded)
        if isinstance(found, str) or current is None:
            result.append(SiblingChange(lang, sibling.path, None, found if isinstance(found, str) else "", current))
        else:
            result.append(
                SiblingChange(lang, sibling.path, found, "", current, tuple(text_diff(found.text, current, lang)))
            )
    return result


def changed_words(groups: list[VersionGroup], statuses: list, history: History) -> dict:
    """(key, is_page, language) of each outdated version → changed sibling → words changed in it
    since the version was confirmed (None: unknown without its earlier text)."""
    by_key = {(g.key, g.is_page): g for g in groups}
    result: dict[tuple[str, bool, str], dict[str, int | None]] = {}
    for status in statuses:
        group = by_key[(status.key, status.is_page)]
        for lang, state in status.states.items():
            if state.state == "outdated":
                found = changes(group.versions[lang], group, state.changed, history)
                result[(status.key, status.is_page, lang)] = {c.lang: c.changed_words for c in found}
    return result


def _read(version: VersionSource) -> Translatable | None:
    try:
        return translatable(editable_text(version.location))
    except (OSError, UnicodeDecodeError):
        return None


def show_diff(root: Path, paths: list[Path]) -> int:
    """The ``diff`` command: print what changed in each outdated version's siblings."""
    site, problems, usage = Problems(), Problems(), Problems()
    languages, groups, statuses = collect(root, site)
    state_of = {(s.key, s.is_page): s.states for s in statuses}
    history = History(root)
    named = named_versions(root, paths, groups, problems, "nothing to show", usage)
    # A mistake elsewhere in the site is check's to list: the diff asked for is shown all the same.
    elsewhere = only_concerned(site, named_files(named, languages, problems), problems)
    for group, version in named:
        path = version.path
        state = state_of[(group.key, group.is_page)][version.lang]
        if state.state != "outdated":
            print(f"{path}: up to date: no other version changed since it was confirmed")
            continue
        for change in changes(version, group, state.changed, history):
            print(_format(path, change))
    problems.extend(usage)
    return tell_problems(problems, usage, elsewhere)


def _format(path: str, change: SiblingChange) -> str:
    if change.old is None:
        lines = [
            f"== {change.path} changed since {path} was confirmed; what it said then is not known: {change.reason}.",
            "   Its current text follows; compare it with the whole of your version.",
        ]
        text = change.current
        if text is not None:
            lines += [f"{name}: {getattr(text, name).strip()}" for name in FIELDS[:-1] if getattr(text, name)]
            lines += [f"{name}: {value}" for name, value in text.media]
            lines += ["body:", text.body.strip()]
        return "\n".join(lines) + "\n"
    lines = [
        f"== {change.path} changed since {path} was confirmed (then: commit {change.old.commit[:10]} of "
        f"{change.old.day}): {word_count(change.changed_words, characters=in_characters(change.lang))} changed",
        "   [-removed-] {+added+}",
    ]
    for diff in change.fields:
        if diff.changed == 0 and all(kind == "=" for kind, _ in diff.pieces):
            continue
        marked = "".join(_mark(kind, text) for kind, text in diff.pieces)
        if diff.name == "body":
            shown = [
                line for line in marked.split("\n") if "[-" in line or "{+" in line or "-]" in line or "+}" in line
            ]
            lines.append("body (changed paragraphs):")
            lines += [f"  {line}" for line in shown]
        else:
            lines.append(f"{diff.name}: {marked}")
    return "\n".join(lines) + "\n"


def _mark(kind: str, text: str) -> str:
    """``[-removed-]`` and ``{+added+}``, closed on every line so each changed line shows its marks."""
    if kind == "=":
        return text
    start, end = ("[-", "-]") if kind == "-" else ("{+", "+}")
    return "\n".join(f"{start}{line}{end}" if line else "" for line in text.split("\n"))


def word_count(number: int, kind: str = "", *, characters: bool = False) -> str:
    """``1 word``, ``3 changed words``, ``5 characters``: a count of words (or of ``characters``)
    as the messages say it; ``kind``, a word before it."""
    unit = "character" if characters else "word"
    words = unit if number == 1 else f"{unit}s"
    return f"{number} {kind} {words}" if kind else f"{number} {words}"
