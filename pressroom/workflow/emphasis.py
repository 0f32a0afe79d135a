"""Codes a translation places where its Markdown will not show what they mark: emphasis that
shows its asterisks, a link or emphasis left with no words inside, a link put inside another
link or anything put inside an image (`hidden_code`).

CommonMark takes ``*`` and ``_`` as emphasis only where they stand beside a space or inside a
word, not between a letter and punctuation: ``_`` inside any word shows its underscores, as
``*`` between a Latin letter and punctuation (``a*(b)*c``) shows its asterisks. Beside Chinese,
Japanese and Korean text the site reads emphasis as the CJK-friendly amendment does
(`pressroom.source.mdcjk`: ``これは*「重要」*です`` is emphasis). Raw HTML, which could say the
rest, is escaped on this site, so an import can only say where it happens (`unshown_emphasis`).
A pair a tool left empty (`emptied_pair`) is refused: an empty link is a ``[]`` no reader can
click.
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


def _empty_pairs(parts: list[Part]) -> set[int]:
    """The paired codes that enclose nothing but spaces (an empty link would show as ``[]()``)."""
    empty = set()
    for n, part in enumerate(parts):
        if isinstance(part, Code) and part.kind == "open":
            rest = parts[n + 1 :]
            inside = next((m for m, p in enumerate(rest) if isinstance(p, Code)), len(rest))
            closing = rest[inside] if inside < len(rest) else None
            words = "".join(p for p in rest[:inside] if isinstance(p, str))
            if isinstance(closing, Code) and closing.kind == "close" and closing.id == part.id and not words.strip():
                empty.add(part.id)
    return empty


def emptied_pair(unit: Unit, parts: tuple[Part, ...]) -> Code | None:
    """The first paired code a translation left empty that was not empty in the source (a
    tool's empty ``<pc/>``): an empty link shows as ``[]`` and leads nowhere a reader can click."""
    emptied = _empty_pairs(list(parts)) - _empty_pairs(list(unit.parts))
    return unit.codes[min(emptied)] if emptied else None


def hidden_code(unit: Unit, parts: tuple[Part, ...]) -> tuple[Code, Code] | None:
    """The first code a translation put where the page cannot show it, with the code around it, if
    the source did not have it there: a link (a web address, a footnote mark) inside a link, which Markdown
    never makes (the outer one then shows as brackets and its address), or any code inside an
    image, whose text is only words (a link there is lost)."""
    new = sorted(_hiding(parts) - _hiding(unit.parts))
    return (unit.codes[new[0][0]], unit.codes[new[0][1]]) if new else None


def _hiding(parts: tuple[Part, ...]) -> set[tuple[int, int]]:
    """(outer, inner) for each code inside a code that hides it (see `hidden_code`)."""
    found: set[tuple[int, int]] = set()
    around: list[Code] = []
    for part in parts:
        if not isinstance(part, Code):
            continue
        if part.kind == "close":
            around = [code for code in around if code.id != part.id]
            continue
        link = part.what.startswith(("link ", "footnote ")) or part.what == "web address"  # a footnote mark links
        found |= {
            (o.id, part.id) for o in around if o.what.startswith("image ") or (link and o.what.startswith("link "))
        }
        if part.kind == "open":
            around.append(part)
    return found
