"""A share card's text set in lines: the headline's size, where its lines break and where they
stand, and the mark's text beside the accent bar.

Japanese titles break between phrases (BudouX), Chinese ones between characters, all at spaces
and never where kinsoku forbids (`pressroom.base.typography.line_pieces`), into lines as even as
the breaks allow (CSS's ``text-wrap: balance``); a title too long for four lines at the smallest
size is shortened with an ellipsis. The language chooser's card sets each language's title as a
group of its own, in as many lines as the card's height allows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from pressroom.base.typography import character_pieces, line_pieces
from pressroom.model.media import MULTILINGUAL
from pressroom.output.cardfont import drawable, ellipsis, font

WIDTH, HEIGHT = 1200, 630
"""The size Open Graph and X (Twitter) cards show without cropping."""
MARGIN = 80
TITLE_SIZES = (68, 60, 52, 46)
"""Headline sizes tried in turn, largest first, until the title fits in `MAX_LINES` without a
word or phrase cut between characters (else the first size it fits at)."""
MAX_LINES = 4
TOP, BOTTOM = 170, HEIGHT - 90
"""Where the headline may stand: below the mark, above the bottom band with room to spare."""
ROOM = BOTTOM - TOP
MARK_INDENT = 32
"""From the accent bar's left edge to the mark's text."""
MARK_SIZES = (30, 26, 22)
"""The mark's size, and smaller ones for a mark too wide for it (the chooser's of many
languages)."""
CHOOSER_SIZES = (*TITLE_SIZES, 40, 34, 30)
"""The language chooser's sizes, tried as `TITLE_SIZES` until every title fits whole in the
card's height: smaller too, as it sets several titles."""
CROWDED_SIZES = (26,)
"""Sizes for titles so many that not one line each fits at the chooser's smallest size."""
GAP = 0.6
"""The space between two titles on the chooser's card, in ems over the lines' own: a title's
lines read as one title, not its second line as a title of its own."""


@lru_cache(maxsize=8)
def units(title: str, lang: str) -> tuple[str, ...]:
    """The pieces a title may break between, each with the spaces after it (`line_pieces`). Kept
    for the title's every size and its balancing: parsing phrases is most of a Japanese layout."""
    return line_pieces(title, lang)


def _parts(title: str, lang: str, line_langs: tuple[str, ...] = (), drawn: bool = False) -> list[tuple[str, str]]:
    """Each line of ``title`` (the language chooser's card: one title a line) with the language
    it is laid out by: its own of ``line_langs``, else ``lang``; ``drawn``: as the card draws it."""
    langs = itertools.chain(line_langs, itertools.repeat(lang))
    lines = zip(title.strip().split("\n"), langs, strict=False)
    return [((drawable(line, part_lang) if drawn else line).strip(), part_lang) for line, part_lang in lines]


def _fits(text: str, size: int, width: float) -> bool:
    return _length(text, size) <= width


def _length(text: str, size: int) -> float:
    """How wide ``text`` is drawn: the sum of its characters' advances, as Pillow's basic layout
    sets them without kerning (a test checks it against the font). Measuring a whole line took
    a few µs a character, most of a layout; an advance is looked up once."""
    return sum(_advance(char, size) for char in text)


@cache
def _advance(char: str, size: int) -> float:
    return font(size).getlength(char)


def wrap(title: str, lang: str, size: int, width: int, limit: int | None = None) -> list[str]:
    """Greedy lines no wider than ``width``; a piece wider than a line is cut between characters,
    where kinsoku allows. A line break in ``title`` starts a line. ``limit``: at most that many
    lines, the first ones of the whole wrap; a card shows only a few, and measuring every line
    of a title pasted whole into the field took minutes."""
    return [line for line, _, _ in itertools.islice(_wrapped(_parts(title, lang), size, width), limit)]


def _wrapped(parts: list[tuple[str, str]], size: int, width: int) -> Iterator[tuple[str, str, bool]]:
    """The greedy lines of each part, each with its part's language and whether it ends where
    the title may break (`_wrap_part`)."""
    for text, lang in parts:
        for line, whole in _wrap_part(text, lang, size, width):
            yield line, lang, whole


def _wrap_part(title: str, lang: str, size: int, width: int) -> Iterator[tuple[str, bool]]:
    """Greedy lines, each with whether it ends where the title may break (False: inside a word
    or phrase wider than a line, cut between characters)."""
    current = ""
    for piece in units(title, lang):
        if _fits((current + piece).rstrip(" "), size, width):
            current += piece
            continue
        if current:
            yield current.rstrip(" "), True
        current = ""
        if _fits(piece.rstrip(" "), size, width):
            current = piece
            continue
        for cut in character_pieces(piece, lang):  # a single piece too wide: a long compound word or phrase
            if current and not _fits((current + cut).rstrip(" "), size, width):
                yield current.rstrip(" "), False
                current = ""
            current += cut
    if current:
        yield current.rstrip(" "), True


def _balanced_part(title: str, lang: str, size: int, width: int) -> list[str]:
    """The lines of `wrap` of one part of a title (a title's line breaks part it), as many, but
    as even as its breaks allow (CSS's ``text-wrap: balance``): greedy filling left a short last
    line, a word alone under a full one ("Baden-Württemberg – Internationaler" over "Austausch")."""
    greedy = [line for line, _ in _wrap_part(title, lang, size, width)]
    pieces = units(title, lang)
    lengths = [_length(piece, size) for piece in pieces]
    at_end = [_length(piece.rstrip(" "), size) for piece in pieces]  # at a line's end, without its spaces
    if len(greedy) < 2 or max(at_end) > width:
        return greedy  # one line; or a piece cut between characters, where greedy filling cut it
    # For each first piece, the least sum of squared line widths that sets it and all after it
    # in the lines left, with where its next line starts: the lines' widths sum to the same
    # whatever the breaks, so the least sum of squares is the least spread. Ties go to the
    # earlier break, so the same title always gets the same lines.
    runs = [list(_runs(lengths, at_end, start, width)) for start in range(len(pieces))]
    best: dict[int, tuple[float, tuple[int, ...]]] = {len(pieces): (0.0, ())}
    for _ in range(len(greedy)):
        best = {
            start: min((run * run + best[end][0], (end, *best[end][1])) for end, run in ends)
            for start, widths in enumerate(runs)
            if (ends := [(end, run) for end, run in enumerate(widths, start + 1) if end in best])
        }
    breaks = (0, *best[0][1])
    return ["".join(pieces[start:end]).rstrip(" ") for start, end in itertools.pairwise(breaks)]


def _runs(lengths: list[float], at_end: list[float], start: int, width: int) -> Iterator[float]:
    """The widths of the lines that start with piece ``start`` and fit in ``width``: one piece,
    two, and so on (the last one's spaces not counted)."""
    run = 0.0
    for length, last in zip(lengths[start:], at_end[start:], strict=True):
        if run + last > width:
            return
        yield run + last
        run += length


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the headline goes: its size, its lines in groups and the top of the first line."""

    size: int
    groups: tuple[tuple[str, ...], ...]
    """The lines of each title: one group on a release's card, one a language on the chooser's."""
    top: int
    line_height: int
    gap: int = 0
    """The space between two groups, over the lines' own."""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(itertools.chain.from_iterable(self.groups))

    @property
    def tops(self) -> tuple[int, ...]:
        """The top of each line."""
        tops: list[int] = []
        for group, lines in enumerate(self.groups):
            for _ in lines:
                tops.append(self.top + len(tops) * self.line_height + group * self.gap)
        return tuple(tops)


def layout(title: str, lang: str, line_langs: tuple[str, ...] = ()) -> Layout:
    """``line_langs``: the language of each line of ``title`` (the language chooser's card),
    whose rules it is broken by."""
    parts = _parts(title, lang, line_langs, drawn=True)
    if lang == MULTILINGUAL:
        return _grouped(parts)
    width = WIDTH - 2 * MARGIN
    # A smaller size that sets a phrase whole (バーデン＝ヴュルテンベルク州国際交流ニュース) reads
    # better than a larger one that cuts it between characters, as a page would not.
    fitting = None
    for size in TITLE_SIZES:
        placed = list(itertools.islice(_wrapped(parts, size, width), MAX_LINES + 1))
        if len(placed) <= MAX_LINES:
            fitting = fitting or size
            if all(whole for _, _, whole in placed):
                fitting = size
                break
    if fitting is not None:
        size = fitting
        lines = [line for text, part_lang in parts for line in _balanced_part(text, part_lang, size, width)]
    else:
        lines = [line for line, _, _ in placed[:MAX_LINES]]
        lines[-1] = _shortened(lines[-1], placed[MAX_LINES - 1][1], size)
    return _placed(size, (tuple(lines),))


def _grouped(parts: list[tuple[str, str]]) -> Layout:
    """The language chooser's card: each title a group of lines, whole at the largest of
    `CHOOSER_SIZES` at which all fit in the card's height (a smaller one where that sets every
    word whole, as `layout`); else, at the smallest size at which every title has a line, each
    shortened to the lines it can have, the longest first. Never one left out, as filling four
    lines left the English title out, unless so many that not one line each fits: then as many
    as fit, and how many more ("+3")."""
    width = WIDTH - 2 * MARGIN
    fitting = None
    for size in CHOOSER_SIZES:
        wrapped = [_limited(text, part_lang, size) for text, part_lang in parts]
        if _spacing(size, [len(lines) for lines in wrapped]) is not None:
            fitting = fitting or size
            if all(whole for lines in wrapped for _, whole in lines):
                fitting = size
                break
    if fitting is not None:
        return _placed(
            fitting, tuple(tuple(_balanced_part(text, part_lang, fitting, width)) for text, part_lang in parts)
        )
    for size in (CHOOSER_SIZES[-1], *CROWDED_SIZES):
        if _spacing(size, [1] * len(parts)) is not None:
            return _placed(size, _allotted(parts, size))
    size = CROWDED_SIZES[-1]
    shown = len(parts) - 1
    while shown > 1 and _spacing(size, [1] * (shown + 1)) is None:
        shown -= 1
    groups = _allotted(parts[:shown], size)
    return _placed(size, (*groups, (f"+{len(parts) - shown}",)))


def _allotted(parts: list[tuple[str, str]], size: int) -> tuple[tuple[str, ...], ...]:
    """Each title in as many lines as the card's height leaves it: a line taken from the
    longest (the last of those as long) until all fit; a title that lost lines shortened."""
    wrapped = [_limited(text, part_lang, size) for text, part_lang in parts]
    counts = [len(lines) for lines in wrapped]
    while _spacing(size, counts) is None:
        longest = max(range(len(counts)), key=lambda group: (counts[group], group))
        counts[longest] -= 1
    groups = []
    for (text, part_lang), lines, count in zip(parts, wrapped, counts, strict=True):
        if count == len(lines):  # whole (a wrap cut at the limit never fits whole)
            groups.append(tuple(_balanced_part(text, part_lang, size, WIDTH - 2 * MARGIN)))
            continue
        kept = [line for line, _ in lines[:count]]
        groups.append((*kept[:-1], _shortened(kept[-1], part_lang, size)))
    return tuple(groups)


def _limited(text: str, lang: str, size: int) -> list[tuple[str, bool]]:
    """The greedy lines of one title, no more than one over what the card's height holds at
    ``size``: a title pasted whole is not measured to its end."""
    return list(itertools.islice(_wrap_part(text, lang, size, WIDTH - 2 * MARGIN), ROOM // _line_height(size) + 1))


def _shortened(line: str, lang: str, size: int, width: int = WIDTH - 2 * MARGIN) -> str:
    """``line`` with the ellipsis of ``lang`` after it, shortened where a line could break
    until both fit in ``width``: never after 「 nor between a letter and its mark."""
    mark = ellipsis(lang)
    cuts = list(character_pieces(line, lang))
    while cuts and not _fits("".join(cuts).rstrip() + mark, size, width):
        cuts.pop()
    return "".join(cuts).rstrip() + mark


def _line_height(size: int) -> int:
    return round(size * 1.35)


def _spacing(size: int, counts: list[int]) -> int | None:
    """The space between groups of ``counts`` lines at which they fit in the card's height: a
    gap (`GAP`); none where every title takes one line, and the gap leaves no room (none is
    needed to tell a title's second line from the next title). None where they do not fit."""
    line_height = _line_height(size)
    gaps = (round(size * GAP), 0) if max(counts, default=1) == 1 else (round(size * GAP),)
    return next((gap for gap in gaps if line_height * sum(counts) + gap * (len(counts) - 1) <= ROOM), None)


def _placed(size: int, groups: tuple[tuple[str, ...], ...]) -> Layout:
    """``groups`` centred between the mark and the bottom band."""
    counts = [len(lines) for lines in groups]
    gap = (_spacing(size, counts) or 0) if len(groups) > 1 else 0
    block = _line_height(size) * sum(counts) + gap * (len(groups) - 1)
    top = TOP + max(0, (ROOM - block) // 2)
    return Layout(size, groups, top, _line_height(size), gap)


def mark_text(mark: str, lang: str) -> tuple[str, int]:
    """What the card draws beside its accent bar, and its size: the site's title; on the
    chooser's card the languages' names in a row (any the font draws nothing of left out). A
    smaller size where wider than the card, shortened with an ellipsis where wider still."""
    if lang == MULTILINGUAL:
        mark = " · ".join(name for line in mark.split("\n") if (name := drawable(line, lang)))
    else:
        mark = drawable(mark, lang)
    width = WIDTH - 2 * MARGIN - MARK_INDENT
    size = next((size for size in MARK_SIZES if _fits(mark, size, width)), MARK_SIZES[-1])
    return (mark if _fits(mark, size, width) else _shortened(mark, lang, size, width)), size
