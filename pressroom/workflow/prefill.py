"""What an export pre-fills from the existing target version, and which of that needs review.

A unit is pre-filled from the target version's unit in the same place, where the structure of
the two still matches, and only when the translation keeps the source unit's inline codes; a
pre-filled unit whose source text changed since the target was confirmed (known from git
history) is marked for review.
"""

from __future__ import annotations

from pressroom.source.content import editable_text
from pressroom.source.frontmatter import VersionSource, translatable
from pressroom.source.mediafields import same_downloads
from pressroom.workflow.history import History
from pressroom.workflow.segments import Code, Document, SegmentError, Unit, code_tag, optional_codes, segment


def prefill(
    document: Document, existing: VersionSource, source: VersionSource, history: History
) -> tuple[dict[str, str], frozenset[str]]:
    """The existing target version's units, where they line up with the source's; those whose
    source unit changed since the target was confirmed (or may have) need review."""
    text = translatable(editable_text(existing.location))
    if text is None:
        return {}, frozenset()
    try:
        target = segment(text, existing.lang)
    except SegmentError:
        return {}, frozenset()
    body = [u for u in document.units if u.id.startswith("b")]
    target_body = [u for u in target.units if u.id.startswith("b")]
    # Downloads pair by file, not by place: a translation may offer files of its own.
    same = same_downloads(source.downloads, existing.downloads)
    theirs = {t.id: t for t in target.units}
    pairs = [
        (u, theirs[own])
        for u in document.units
        if not u.id.startswith("b") and (own := same.get(u.id) if u.id.startswith("download.") else u.id) in theirs
    ]
    if [u.role for u in body] == [t.role for t in target_body]:
        pairs += list(zip(body, target_body, strict=True))
    optional = {unit.id: optional_codes(unit, existing.lang) for unit, _ in pairs}
    prefill = {
        unit.id: text for unit, theirs in pairs if (text := renumbered(theirs, unit, optional[unit.id])) is not None
    }
    recorded = (existing.confirmed or {}).get(source.lang)
    unchanged: set[str] = set()
    if recorded == source.fingerprint:
        unchanged = {u.id for u in document.units}
    elif recorded is not None:
        old = history.find(source.path, recorded)
        if not isinstance(old, str):
            try:
                before = {u.id: u.text for u in segment(old.text, source.lang).units}
            except SegmentError:
                before = {}
            unchanged = {u.id for u in document.units if before.get(u.id) == u.text}
    return prefill, frozenset(prefill) - unchanged


def renumbered(theirs: Unit, ours: Unit, optional: frozenset[int] = frozenset()) -> str | None:
    """A target unit in text form with its codes numbered as the source unit's, matched by the
    Markdown they stand for; None when a code has no counterpart."""
    free: list[Code] = [c for c in ours.parts if isinstance(c, Code)]
    mapping: dict[tuple[int, str], int] = {}
    out = []
    for part in theirs.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if part.kind == "close":
            ident = mapping.get((part.id, "open"))
            match = next((c for c in free if c.kind == "close" and c.id == ident), None)
        else:
            match = next((c for c in free if c.kind == part.kind and c.data == part.data and c.what == part.what), None)
        if match is None:
            return None
        free.remove(match)
        mapping[(part.id, part.kind)] = match.id
        out.append(code_tag(match))
    return "".join(out) if all(c.id in optional for c in free) else None
