"""Table cells and heading levels the parser passes over in silence.

A table row with more cells than its header row loses the extra cells (GFM drops them): the
page shows the row without them and nobody is told. A heading that skips a level (``####``
straight under the page's title, which the templates set as ``<h1>``; ``###`` after ``#``)
renders as written, but screen-reader users, who move through a page by its heading levels,
find a level missing (WCAG 1.3.1). `outline_problems` finds both in the parser's HTML while its
source positions are still on (``data-sourcepos``, see `pressroom.source.mdhtml`), reading a
row's cells again from its source line. markdown-it-py, the fallback parser, gives no
positions: such a body is not looked at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pressroom.source.mdspans import is_escaped

TITLE_LEVEL = 1
"""The level of the page's title (``<h1>`` in release.html and page.html): a body's first
heading may be one level below it."""
CELL_SHOWN = 40
"""Characters of a left-out cell named in a message; a longer one is cut with ``…``."""
TAB_STOP = 4
"""CommonMark's tab stop: source positions count a tab up to the next multiple of four."""

_TAG = re.compile(r'<(/?)(tbody|tr|th|h[1-6])(?=[ >])(?: data-sourcepos="(\d+):(\d+)-)?')


def outline_problems(
    source: str, html: str, first_line: int, literal: Callable[[str], str] = str
) -> Iterator[tuple[int, str]]:
    """(line, message) for each table row whose cells the page leaves out and each heading that
    skips a level, in ``source``, a body whose first line is line ``first_line`` of its file,
    which the parser rendered as ``html``; ``literal(text)`` is a cell's text as the editor
    wrote it (the renderer marks spans before parsing)."""
    if ' data-sourcepos="' not in html:
        return
    lines: list[str] | None = None
    headers = 0
    in_body = False
    levels: list[tuple[int, int, int]] = []  # open headings: (level written, level meant, line)
    for tag in _TAG.finditer(html):
        closing, name, line, column = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
        if name == "tbody":
            in_body = not closing
        elif closing:
            continue
        elif name == "th":
            headers += 1
        elif name == "tr":
            if not in_body:
                headers = 0  # a header row starts the next table's count
            elif line is not None:
                lines = source.split("\n") if lines is None else lines
                at = int(line) - 1
                if at < len(lines):
                    message = _row_problem(_row_cells(lines[at], int(column)), headers, literal)
                    if message is not None:
                        yield first_line + at, message
        elif line is not None:
            message = _heading_problem(int(name[1]), first_line + int(line) - 1, levels)
            if message is not None:
                yield first_line + int(line) - 1, message


def _row_cells(line: str, column: int) -> list[str]:
    """The cells of a table row written on ``line``, whose row begins at (1-based) ``column`` as
    the source positions count it, split as GFM splits them: at each ``|`` not escaped, code
    spans included; a leading and a trailing ``|`` are the row's edges."""
    start = visual = 0
    while start < len(line) and visual < column - 1:
        visual = visual + TAB_STOP - visual % TAB_STOP if line[start] == "\t" else visual + 1
        start += 1
    row = line[start:].strip()
    cells: list[str] = []
    begun = 0
    for at, character in enumerate(row):
        if character == "|" and not is_escaped(row, at):
            cells.append(row[begun:at])
            begun = at + 1
    cells.append(row[begun:])
    if row.startswith("|"):
        cells.pop(0)
    if len(cells) > 1 and row.endswith("|") and not is_escaped(row, len(row) - 1):
        cells.pop()
    return [cell.strip() for cell in cells]


def _row_problem(cells: list[str], headers: int, literal: Callable[[str], str]) -> str | None:
    """What to tell about a row of ``cells`` under a header row of ``headers`` cells, or None.
    An empty cell left out loses nothing; a row with fewer cells is filled, as GFM says."""
    if headers <= 0 or len(cells) <= headers:
        return None
    lost = [_shown(literal(cell)) for cell in cells[headers:] if cell]
    if not lost:
        return None
    count = f"this row has {len(cells)} cells, the header row {headers}"
    if len(lost) == 1:
        return (
            f"table cell {lost[0]} is left out of the page ({count}): add a column to the header row or remove the cell"
        )
    return (
        f"table cells {', '.join(lost)} are left out of the page ({count}): "
        "add columns to the header row or remove the cells"
    )


def _shown(cell: str) -> str:
    return f"'{cell if len(cell) <= CELL_SHOWN else cell[: CELL_SHOWN - 1] + '…'}'"


def _heading_problem(level: int, line: int, levels: list[tuple[int, int, int]]) -> str | None:
    """What to tell about a heading of ``level`` on ``line`` after the headings ``levels`` still
    open (updated), or None. A heading goes at most one level below the one it follows; the
    level it should have is counted from what the headings before it should have, so that every
    heading of a body skipped too deep is told its level in one run."""
    while levels and levels[-1][0] > level:
        levels.pop()
    sibling = levels.pop()[1] if levels and levels[-1][0] == level else None
    parent = levels[-1] if levels else None
    meant = sibling if sibling is not None else min(level, (parent[1] if parent else TITLE_LEVEL) + 1)
    levels.append((level, meant, line))
    if meant == level:
        return None
    under = "the page's title" if parent is None else f"the heading on line {parent[2]}"
    return (
        f"heading '{'#' * level}' skips a level: make it '{'#' * meant}', one level below {under}; "
        "screen-reader users move through a page by its heading levels (WCAG 1.3.1)"
    )
