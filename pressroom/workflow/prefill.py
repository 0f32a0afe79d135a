"""What an export pre-fills from the existing target version, and which of that needs review.

The target version was translated from the source as it was when the target was confirmed;
git history (`History`) holds that text. Each unit of the source as it is now is traced back
to the unit it was then (`unitalign.within`), and that one to the target's unit translated
from it (`unitalign.across`): a paragraph inserted, deleted or moved, or a link given a title,
leaves every other unit its translation. Without that text the target is lined up with the
source as it is now by structure alone, and every pre-filled unit is marked for review. A unit
is pre-filled only when the translation keeps exactly the new source unit's inline codes. A
unit marked for review carries its source as it was then, so the translator sees what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from pressroom.model.catalog import VersionGroup
from pressroom.source.content import editable_text
from pressroom.source.frontmatter import VersionSource, translatable
from pressroom.source.mediafields import same_downloads
from pressroom.workflow import unitalign
from pressroom.workflow.anchors import leads, relinked, saved_body
from pressroom.workflow.history import History
from pressroom.workflow.segments import (
    Code,
    Document,
    Part,
    SegmentError,
    Unit,
    code_tag,
    optional_codes,
    parse_target,
    segment,
)


@dataclass(frozen=True, slots=True)
class Prefill:
    texts: dict[str, str] = field(default_factory=dict)
    """The existing target version's units (text form) by the id of the source unit they
    translate, where that is certain."""
    review: frozenset[str] = frozenset()
    """Those whose source unit changed since the target was confirmed (or may have)."""
    previous: dict[str, str] = field(default_factory=dict)
    """For those of them whose source git history knows: that source unit as it was then, in
    text form with its codes numbered as they are now (`numbered_as`)."""
    unmatched: tuple[Unit, ...] = ()
    """The existing target's body units lined up with none of the source's (as it was when
    the target was confirmed, where git knows that text): what only the target says, or what
    its structure left uncertain. An import, which writes the source's structure, leaves them
    out."""


def prefill(
    document: Document, existing: VersionSource, source: VersionSource, history: History, groups: Sequence[VersionGroup]
) -> Prefill:
    """What the existing target version offers the export of ``document``; ``groups``: the site's
    texts, whose headings links into them name."""
    target = _segmented(existing, source, groups)
    if target is None:
        return Prefill()
    recorded = (existing.confirmed or {}).get(source.lang)
    before = document if recorded == source.fingerprint else _as_confirmed(source, recorded, history)
    pairs = _fields(document, target, source, existing)
    body = _body(document)
    target_body = _body(target)
    then: dict[str, Unit] = {}
    if before is None:
        # Nothing says what changed: line up by structure alone, and let a reviewer look at all.
        matched = unitalign.across(target_body, body)
        pairs += [(body[n], target_body[t]) for n, t in matched.items()]
        lined_up = set(matched.values())
    else:
        # Through the text the target was translated from: its units line up with the target's
        # by place, and with the source's as it is now by their words.
        old_body = _body(before)
        now_then = unitalign.within(old_body, body, source.lang)
        then_theirs = unitalign.across(target_body, old_body)
        lined_up = set(then_theirs.values())
        pairs += [(body[n], target_body[then_theirs[o]]) for n, o in now_then.items() if o in then_theirs]
        fields_then = {u.id: u for u in before.units if not _in_body(u)}
        then = {u.id: fields_then[u.id] for u in document.units if not _in_body(u) and u.id in fields_then}
        then |= {body[n].id: old_body[o] for n, o in now_then.items()}
    texts = {unit.id: text for unit, theirs in pairs if (text := _offered(unit, theirs, existing.lang)) is not None}
    now = {u.id: u for u in document.units}
    review = frozenset(i for i in texts if i not in then or then[i].text != now[i].text)
    previous = {i: numbered_as(then[i], now[i]) for i in review if i in then}
    unmatched = tuple(unit for t, unit in enumerate(target_body) if t not in lined_up)
    return Prefill(texts, review, previous, unmatched)


def as_exported(
    document: Document,
    translations: dict[str, tuple[Part, ...]],
    existing: VersionSource,
    source: VersionSource,
    offered: Prefill,
) -> bool:
    """Whether ``translations`` of ``document`` are what an export pre-filled (``offered``),
    unit for unit, from ``existing``, a version confirmed against ``source`` as it is now
    (nothing to review): a file sent back as it went out."""
    if existing.untranslated or (existing.confirmed or {}).get(source.lang) != source.fingerprint:
        return False
    units = {unit.id: unit for unit in document.units}
    if offered.review or offered.texts.keys() != units.keys() or translations.keys() != units.keys():
        return False
    optional = {ident: optional_codes(unit, existing.lang) for ident, unit in units.items()}
    return all(parse_target(units[i], text, optional[i]) == translations[i] for i, text in offered.texts.items())


def numbered_as(old: Unit, new: Unit) -> str:
    """``old``, an earlier text of the source unit ``new``, in text form with each code that
    ``new`` still has numbered as there (matched by the Markdown it stands for), and each one
    it no longer has numbered after all of ``new``'s: so the two read side by side."""
    paired, _ = _counterparts(old, new)
    spare = max((c.id for c in new.parts if isinstance(c, Code)), default=0)
    gone: dict[int, int] = {}  # old's number of a code new lacks -> its number after new's
    out = []
    for part, match in paired:
        if isinstance(part, str):
            out.append(part)
            continue
        if match is not None:
            number = match.id
        elif part.kind == "close":
            number = gone.get(part.id, part.id)
        else:
            spare += 1
            number = gone[part.id] = spare
        out.append(code_tag(Code(number, part.kind, part.data, part.what)))
    return "".join(out)


def renumbered(theirs: Unit, ours: Unit, optional: frozenset[int] = frozenset()) -> str | None:
    """A target unit in text form with its codes numbered as the source unit's, matched by the
    Markdown they stand for; None when a code has no counterpart."""
    paired, unused = _counterparts(theirs, ours)
    out = []
    for part, match in paired:
        if isinstance(part, str):
            out.append(part)
        elif match is None:
            return None
        else:
            out.append(code_tag(match))
    return "".join(out) if all(c.id in optional for c in unused) else None


def _counterparts(theirs: Unit, ours: Unit) -> tuple[list[tuple[str | Code, Code | None]], list[Code]]:
    """Each part of ``theirs``, a code with the code of ``ours`` that stands for the same
    Markdown (a closing one with its opening one's partner), or None; and ``ours``'s codes
    left without a counterpart."""
    free: list[Code] = [c for c in ours.parts if isinstance(c, Code)]
    opened: dict[int, int] = {}  # theirs's number of a matched opening code -> ours's
    paired: list[tuple[str | Code, Code | None]] = []
    for part in theirs.parts:
        if isinstance(part, str):
            paired.append((part, None))
            continue
        if part.kind == "close":
            match = next((c for c in free if c.kind == "close" and c.id == opened.get(part.id)), None)
        else:
            match = next((c for c in free if c.kind == part.kind and c.data == part.data and c.what == part.what), None)
        if match is not None:
            free.remove(match)
            if part.kind != "close":
                opened[part.id] = match.id
        paired.append((part, match))
    return paired, free


def _segmented(version: VersionSource, source: VersionSource, groups: Sequence[VersionGroup]) -> Document | None:
    """``version`` in units, its links to headings read as the ``source``'s links to the headings
    in their places (`pressroom.workflow.anchors`), as an import wrote them."""
    text = translatable(editable_text(version.location))
    if text is None:
        return None
    try:
        document = segment(text, version.lang)
    except SegmentError:
        return None
    back = leads(document, version, text.body, source.lang, partial(saved_body, source), groups)
    units = tuple(replace(unit, parts=relinked(unit.parts, back)) for unit in document.units)
    return Document(units, document.skeleton)


def _as_confirmed(source: VersionSource, recorded: str | None, history: History) -> Document | None:
    """The source as it was when the target was confirmed against it, if git has that text."""
    if recorded is None:
        return None
    old = history.find(source.path, recorded)
    if isinstance(old, str):
        return None
    try:
        return segment(old.text, source.lang)
    except SegmentError:
        return None


def _in_body(unit: Unit) -> bool:
    return unit.id.startswith("b")


def _body(document: Document) -> list[Unit]:
    return [u for u in document.units if _in_body(u)]


def _fields(
    document: Document, target: Document, source: VersionSource, existing: VersionSource
) -> list[tuple[Unit, Unit]]:
    """Title, summary, source, place and the lead image's texts pair by name; downloads by file, not
    by place: a translation may offer files of its own."""
    same = same_downloads(source.downloads, existing.downloads)
    theirs = {t.id: t for t in target.units}
    return [
        (u, theirs[own])
        for u in document.units
        if not _in_body(u) and (own := same.get(u.id) if u.id.startswith("download.") else u.id) in theirs
    ]


def _offered(unit: Unit, theirs: Unit, target_lang: str) -> str | None:
    """``theirs`` as the translation of ``unit``, if it keeps exactly that unit's codes: the
    check an import makes (`parse_target`), so that no pre-fill is refused on its way back."""
    optional = optional_codes(unit, target_lang)
    text = renumbered(theirs, unit, optional)
    if text is None:
        return None
    try:
        parse_target(unit, text, optional)
    except SegmentError:
        return None
    return text
