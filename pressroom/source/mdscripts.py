"""Japanese, Chinese or Korean in a body that its language spans leave unmarked, told with the markup to write.

`script_problems` reads the parser's HTML while its source positions are on (``data-sourcepos``,
see `pressroom.source.mdhtml`), as `pressroom.source.mdnotes` does: the text of each block
(a paragraph, a heading, a table cell, a list item), joined over the inline elements in it
(``神奈川**県**の`` is one run), in the language of the span around it or else the body's. A
span counts where the page shows it as one (its markers enclose balanced HTML outside code);
code is never looked at. An image's alt text is looked at too: it can mark no language, so its
message says to describe the picture in the text's language. Which runs are told, and how, is
`pressroom.source.scriptruns`' business.

markdown-it-py, the fallback parser, gives no positions: there, a run is told at the first line
of the source that holds its first letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import unescape

from pressroom.source.mdspans import CLOSE_BASE, OPEN_BASE, Spans
from pressroom.source.scriptruns import may_hold_runs, unmarked_message, unmarked_runs

_TOKEN = re.compile(
    r'<(/?)([a-z][a-z0-9]*)(?: data-sourcepos="([0-9]+):[0-9]+-([0-9]+):[0-9]+")?([^>]*)>|[\U000f0000-\U0010fffd]'
)
_INLINE = frozenset({"a", "em", "strong", "s", "del", "sup", "sub", "span"})
"""Elements inside a line of text: a run goes on across them."""
_VOID = frozenset({"img", "br", "hr", "input"})
_ALT = re.compile(r' alt="([^"]*)"')
_MARKERS = re.compile("[\U000f0000-\U0010fffd]")


def script_problems(html: str, spans: Spans, first_line: int, lang: str, source: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each run of another script that ``html``, the parser's rendering of
    a body in ``lang`` whose first line is line ``first_line`` of its file and whose (marked)
    text is ``source``, leaves unmarked."""
    if _all_marked(html, spans, lang):
        return
    pieces, balanced = _pieces(html, spans)
    positioned = ' data-sourcepos="' in html
    told: set[tuple[int, str]] = set()
    for texts, open_spans, alt in pieces:
        text_lang = next((spans.lang[i] for i in reversed(open_spans) if i in balanced and spans.lang[i]), lang)
        joined = "".join(text for text, _ in texts)
        if not may_hold_runs(joined, text_lang):
            continue
        line_at = _lines(texts)
        for run in unmarked_runs(joined, text_lang):
            line = line_at(run.start) if positioned else _source_line(source, run.text)
            if (line, run.text) not in told:
                told.add((line, run.text))
                yield first_line + line, unmarked_message(run, text_lang, "an alt text" if alt else "")


def _all_marked(html: str, spans: Spans, lang: str) -> bool:
    """Whether every letter of another script in ``html`` stands in a span of a language it is at
    home in, with no tag between its markers (so the page shows it as one): the bundled site's
    case, told without reading the HTML tag by tag (that took half the time of rendering such a
    body). False where that is not certain."""
    outside: list[str] = []
    done = searched = 0  # (spans are numbered in the order they open: each is looked for after the last)
    for index, (is_span, text_lang) in enumerate(zip(spans.span, spans.lang, strict=True)):
        start = html.find(chr(OPEN_BASE + index), searched) if is_span else -1
        if start < 0:
            continue
        searched = start + 1
        end = html.find(chr(CLOSE_BASE + index), start)
        in_tag = html.rfind("<", 0, start) > html.rfind(">", 0, start)  # an alt text: the page drops spans there
        if (
            start < done
            or end < 0
            or in_tag
            or "<" in html[start:end]
            or may_hold_runs(html[start + 1 : end], text_lang or lang)
        ):
            continue
        outside.append(html[done:start])
        done = end + 1
    outside.append(html[done:])
    return not may_hold_runs("".join(outside), lang)


Piece = tuple[list[tuple[str, int]], tuple[int, ...], bool]
"""The texts of one block that are in one language (each with the line it starts on), the spans
open around them (innermost last), and whether they are an image's alt text."""


def _pieces(html: str, spans: Spans) -> tuple[list[Piece], set[int]]:
    """The pieces of text of ``html`` outside code, and the spans that enclose balanced HTML."""
    pieces: list[Piece] = []
    balanced: set[int] = set()
    stack: list[tuple[str, int | None]] = []  # open elements with their last line, and spans ("", index)
    open_spans: list[int] = []
    current: list[tuple[str, int]] = []
    line = code = position = 0

    def cut() -> None:
        nonlocal current
        if current:
            pieces.append((current, tuple(open_spans), False))
            current = []

    for token in _TOKEN.finditer(html):
        text = html[position : token.start()]
        position = token.end()
        if text and not code:
            current.append((unescape(text), line))
        line += text.count("\n")  # a line end in a paragraph is one in the source
        closing, name, first, last, attrs = token.groups()
        if name is None:  # a span's marker: a run ends where a language may change
            index, opening = _marker(token.group(), spans)
            if code or index is None:
                continue
            cut()
            if opening:
                stack.append(("", index))
                open_spans.append(index)
            elif stack and stack[-1] == ("", index):
                stack.pop()
                open_spans.pop()
                balanced.add(index)
            continue
        if name not in _INLINE:
            cut()
        if closing:
            while stack:
                open_name, end = stack.pop()
                if open_name == "" and open_spans:
                    open_spans.pop()  # its pair is in another element: it shows as the text it was
                elif open_name == name:
                    line = line if end is None else end  # text after an element is on its last line
                    break
            code -= name in ("code", "pre")
            continue
        if first is not None:
            line = int(first) - 1
        if name == "img":
            alt = _ALT.search(attrs)
            if alt is not None and not code:
                pieces.append(([(_MARKERS.sub("", unescape(alt.group(1))), line)], tuple(open_spans), True))
            continue
        if name in _VOID:
            continue
        code += name in ("code", "pre")
        stack.append((name, None if last is None else int(last) - 1))
    if not code:
        current.append((unescape(html[position:]), line))
    cut()
    return pieces, balanced


def _marker(marker: str, spans: Spans) -> tuple[int | None, bool]:
    """The span a marker opens or closes (None: it stands for itself), and whether it opens it."""
    code = ord(marker)
    opening = code < CLOSE_BASE
    index = code - (OPEN_BASE if opening else CLOSE_BASE)
    return (index if index < len(spans.span) and spans.span[index] else None), opening


def _lines(texts: list[tuple[str, int]]) -> Callable[[int], int]:
    """The line (counted from the body's first) of the character at a position of the joined
    ``texts``, asked of positions in order: counted on from the last one, so that a text of
    many runs is read once."""
    segment = offset = counted = lines = 0

    def line_at(start: int) -> int:
        nonlocal segment, offset, counted, lines
        while segment < len(texts) - 1 and start >= offset + len(texts[segment][0]):
            offset += len(texts[segment][0])
            segment += 1
            counted = lines = 0
        text, line = texts[segment]
        at = max(start - offset, counted)
        lines += text.count("\n", counted, at)
        counted = at
        return line + lines

    return line_at


def _source_line(source: str, run: str) -> int:
    head = run.split()[0] if run.split() else run
    at = source.find(head)
    return source.count("\n", 0, at) if at >= 0 else 0
