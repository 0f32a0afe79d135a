"""Emphasis a translation asks for that its Markdown will not show.

CommonMark takes ``*`` and ``_`` as emphasis only where they stand beside a space or inside a
word, not between a letter and punctuation: ``_`` inside any word shows its underscores, as
``*`` between a Latin letter and punctuation (``a*(b)*c``) shows its asterisks. Beside Chinese,
Japanese and Korean text the site reads emphasis as the CJK-friendly amendment does
(`pressroom.source.mdcjk`: ``これは*「重要」*です`` is emphasis). Raw HTML, which could say the
rest, is escaped on this site, so an import can only say where it happens (`unshown_emphasis`).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt

from pressroom.source.markdown import configured_parser
from pressroom.source.mdcjk import mark_cjk_emphasis
from pressroom.workflow.segments import Code, Part, Unit

_EMPHASIS = {"*", "**", "_", "__", "~~"}
_SHOWN = {"em_open", "strong_open", "s_open"}


def unshown_emphasis(unit: Unit, parts: tuple[Part, ...]) -> Code | None:
    """The first emphasis code of a translated unit that its Markdown will show as marks, not as
    emphasis, or None (see the module's note for when that is)."""
    wanted = [p for p in parts if isinstance(p, Code) and p.kind == "open" and p.data in _EMPHASIS]
    if not wanted or _emphases(unit, parts) == len(wanted):
        return None
    for code in wanted:  # which one: each alone, the others' marks left out
        alone = tuple(p for p in parts if not (isinstance(p, Code) and p.id != code.id and p.data in _EMPHASIS))
        if not _emphases(unit, alone):
            return code
    return wanted[0]


def _emphases(unit: Unit, parts: tuple[Part, ...]) -> int:
    tokens = _parser().parseInline(mark_cjk_emphasis(unit.markdown(parts, escaped=True)), {})
    return sum(1 for token in tokens for child in token.children or () if child.type in _SHOWN)


@cache
def _parser() -> MarkdownIt:
    return configured_parser()
