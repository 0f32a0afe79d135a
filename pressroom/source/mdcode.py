"""Where a Markdown body is code, which no inline rule reads: fenced and indented code blocks,
and code spans.

The limits that keep the inline parser quick (`pressroom.source.markdown`) count marks such as
``^[`` in what the parser will read as text; a code sample of regular expressions
(``/^[a-z]+$/``) is no inline footnote and must not make its release an error. Only what is
certainly code is left out of the count: a backtick inside an autolink (``<https://x`y>``),
which the parser reads first, makes its text count whole, so that no text the parser reads can
hide behind a code span it does not see.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

_RUN = re.compile(r"`+")
_AUTOLINK_WITH_BACKTICK = re.compile(r"<[^<>\s]*`[^<>\s]*>")
"""Any ``<…>`` without spaces holding a backtick: each autolink that does, and more."""


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span of one inline text (a paragraph, heading or table cell),
    as CommonMark finds them: a run of backticks not escaped by a backslash opens one, and the
    next run of exactly its length closes it; none where an autolink may hold a backtick."""
    if _AUTOLINK_WITH_BACKTICK.search(text):
        return []
    runs = [(found.start(), found.end()) for found in _RUN.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        before = start
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # "\`": the first backtick is text, the rest a shorter run
            start += 1
        closers = by_length.get(end - start, [])
        at = bisect_right(closers, index)
        if start == end or at == len(closers):
            index += 1  # text: no run of its length follows
            continue
        spans.append((start, runs[closers[at]][1]))
        index = closers[at] + 1
    return spans


def marks_in_code(tokens: Iterable[Token], lines: list[str], mark: str) -> Counter[int]:
    """Line index → how many of ``mark`` the body's ``lines`` hold in code there, from the
    block tokens of a parser that has not read the inline text (its ``inline`` rule off): code
    blocks line by line, code spans counted at their text's first line."""
    found: Counter[int] = Counter()
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", "code_block"):
            for line in range(first, min(last, len(lines))):
                found[line] += lines[line].count(mark)
        elif token.type == "inline":
            text = token.content
            found[first] += sum(text.count(mark, start, end) for start, end in code_spans(text))
    return found
