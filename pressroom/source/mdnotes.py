"""Footnote slips the parser passes over in silence: a reference with no definition, a definition nothing names.

The footnote rule shows ``[^nope]`` with no ``[^nope]: …`` as the text it is, and leaves a
definition that no reference names (or that repeats an earlier label) out of the page; neither
is what an editor meant. `footnote_problems` finds both from the body's source and the parser's
HTML while its source positions are still on (``data-sourcepos``, see `pressroom.source.mdhtml`):
a reference shown as text outside code, and a definition line that became neither a footnote
nor any text or code of the page. markdown-it-py, the fallback parser, gives no positions: then
a reference is reported at its first line in the source, and a definition when no reference
names its label anywhere and it shows nowhere (not even in code).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from html import unescape

from pressroom.source.mdspans import is_escaped

UNDEFINED = "footnote [^{label}] has no definition and shows as typed: add a line '[^{label}]: …'"
UNUSED = "footnote [^{label}] is defined but never referred to, so it is not shown: write [^{label}] in the text"
REPEATED = "footnote [^{label}] is defined again (first on line {first}); only the first is shown"

_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
"""``[^label]``: the footnote rule takes any label without white space."""
_DEFINITION = re.compile(r"^(?:[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?)*\[\^([^\]\s]+)\]:", re.MULTILINE)
"""``[^label]:`` at the start of a line, after any quote and list markers (and in code, which
the HTML tells apart)."""
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)(?: data-sourcepos="([0-9]+):[0-9]+-([0-9]+):[0-9]+")?([^>]*)>')
_SHOWN = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "code"})
"""Elements whose lines are text or code on the page: a definition on such a line was not one."""


def footnote_problems(source: str, html: str, first_line: int, written: str | None = None) -> Iterator[tuple[int, str]]:
    """(line, message) for each footnote slip of ``source``, a body whose first line is line
    ``first_line`` of its file, which the parser rendered as ``html``. ``written``: the body as
    the editor wrote it, where a limit escaped part of it (`capped_body`): a footnote whose
    definition only the limit hid is no slip of its own, as the limit's error says."""
    hidden = {found.group(1) for found in _DEFINITION.finditer(written)} if written is not None else set()
    starts = [0, *(found.end() for found in re.finditer("\n", source))]
    definitions = [(found.start(1) - 2, found.group(1)) for found in _DEFINITION.finditer(source)]
    defined_at = {start for start, _ in definitions}
    references: dict[str, list[int]] = {}  # where each label is written, definitions included
    referred: set[str] = set()  # the labels written elsewhere than in a definition
    for found in _REFERENCE.finditer(source):
        if not is_escaped(source, found.start()):
            references.setdefault(found.group(1), []).append(bisect_right(starts, found.start()) - 1)
            if found.start() not in defined_at:
                referred.add(found.group(1))
    positioned = ' data-sourcepos="' in html
    shown, notes, shown_lines = _read(html)
    reported: set[tuple[int, str]] = set()
    for line, label in shown:
        lines = references.get(label, [])
        # Without positions the line is a guess: the first place the label is written.
        at = line if line in lines else (lines[0] if lines and not positioned else None)
        if at is not None and (at, label) not in reported and label not in hidden:
            reported.add((at, label))
            yield first_line + at, UNDEFINED.format(label=label)
    first_at: dict[str, int] = {}
    shown_at = _covering(shown_lines)
    text = unescape(html) if definitions and not positioned else ""
    for start, label in definitions:
        line = bisect_right(starts, start) - 1
        earlier = first_at.setdefault(label, line)
        if positioned:
            lost = line not in notes and not shown_at(line)
        else:
            lost = label not in referred and f"[^{label}]:" not in text
        if lost and earlier != line:
            yield first_line + line, REPEATED.format(label=label, first=first_line + earlier)
        elif lost:
            yield first_line + line, UNUSED.format(label=label)


def _read(html: str) -> tuple[list[tuple[int, str]], set[int], list[tuple[int, int]]]:
    """From the parser's HTML: each ``[^label]`` shown as text outside code with its line (a
    guess without positions), the first lines of the footnotes shown, and the lines of text
    and code (first, last)."""
    shown: list[tuple[int, str]] = []
    notes: set[int] = set()
    shown_lines: list[tuple[int, int]] = []
    stack: list[tuple[str, int | None]] = []
    line = code = position = 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        position = tag.end()
        if not code and "[^" in text:
            text = unescape(text)
            counted = lines = 0  # counted on from the last one: a long text of many is read once
            for found in _REFERENCE.finditer(text):
                lines += text.count("\n", counted, found.start())
                counted = found.start()
                shown.append((line + lines, found.group(1)))
        line += text.count("\n")  # a line break in a paragraph is one in the source
        closing, name, first, last = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
        if closing:
            while stack:
                open_name, end = stack.pop()
                if open_name == name:
                    line = line if end is None else end  # text after an element is on its last line
                    break
            code -= name == "code"
            continue
        code += name == "code"  # (a code span or block; text in it is meant as written)
        if first is None:
            stack.append((name, None))
            continue
        line = int(first) - 1
        stack.append((name, int(last) - 1))
        if name == "li" and 'class="footnote-item"' in tag.group(5):
            notes.add(line)
        elif name in _SHOWN:
            shown_lines.append((line, int(last) - 1))
    return shown, notes, shown_lines


def _covering(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a line lies in any of ``spans`` (first, last), found by halving: a body of many
    paragraphs and many unused definitions asked every span for every definition."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    firsts = [first for first, _ in merged]

    def covers(line: int) -> bool:
        at = bisect_right(firsts, line) - 1
        return at >= 0 and line <= merged[at][1]

    return covers
