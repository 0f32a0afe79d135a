"""A share card's headline set in lines: their size, where they break and where they stand.

Japanese titles break between phrases (BudouX), Chinese ones between characters, all at spaces
and never where kinsoku forbids (`pressroom.base.typography.line_pieces`), into lines as even as
the breaks allow (CSS's ``text-wrap: balance``); a title too long for four lines at the smallest
size is shortened with an ellipsis.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from pressroom.base.typography import character_pieces, line_pieces
from pressroom.output.cardfont import drawable, ellipsis, font

WIDTH, HEIGHT = 1200, 630
"""The size Open Graph and X (Twitter) cards show without cropping."""
MARGIN = 80
TITLE_SIZES = (68, 60, 52, 46)
"""Headline sizes tried in turn, largest first, until the title fits in `MAX_LINES` without a
word or phrase cut between characters (else the first size it fits at)."""
MAX_LINES = 4


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


def balanced(title: str, lang: str, size: int, width: int) -> list[str]:
    """The lines of `wrap`, as many, but as even as its breaks allow (CSS's ``text-wrap:
    balance``): greedy filling left a short last line, a word alone under a full one
    ("Baden-Württemberg – Internationaler" over "Austausch"). Each part of a title with line
    breaks is balanced on its own."""
    return [line for text, part_lang in _parts(title, lang) for line in _balanced_part(text, part_lang, size, width)]


def _balanced_part(title: str, lang: str, size: int, width: int) -> list[str]:
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
    """Where the headline goes: its size, lines and the top of the first line."""

    size: int
    lines: tuple[str, ...]
    top: int
    line_height: int


def layout(title: str, lang: str, line_langs: tuple[str, ...] = ()) -> Layout:
    """``line_langs``: the language of each line of ``title`` (the language chooser's card),
    whose rules it is broken by."""
    parts = _parts(title, lang, line_langs, drawn=True)
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
        last, last_lang, _ = placed[MAX_LINES - 1]
        mark = ellipsis(last_lang)
        # Shortened where a line could break: never after 「 nor between a letter and its mark.
        cuts = list(character_pieces(last, last_lang))
        while cuts and not _fits("".join(cuts).rstrip() + mark, size, width):
            cuts.pop()
        lines[-1] = "".join(cuts).rstrip() + mark
    line_height = round(size * 1.35)
    block = line_height * len(lines)
    top = 170 + max(0, (HEIGHT - 170 - 90 - block) // 2)  # centred between the mark and the bottom band
    return Layout(size, tuple(lines), top, line_height)
