"""``[text]{lang=xx}`` spans for a parser that knows no attribute syntax: marked before parsing.

The pre-pass replaces the ``[`` of each span with one private-use character and its ``]{…}``
with another; both pass through any CommonMark parser as plain text, so the text between them
is parsed exactly as the text around it. After rendering, `pressroom.source.mdhtml` turns a
pair that encloses balanced HTML outside code into ``<span lang="xx">`` … ``</span>`` and puts
the original characters back everywhere else (code spans and blocks, link targets, a pair
split by a block or an emphasis). The attribute block is read by the same parser the
markdown-it attribute plugin used, so the accepted syntax is unchanged; only ``lang`` is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

OPEN_BASE = 0xF0000
"""The open marker of span i is ``chr(OPEN_BASE + i)`` (Supplementary Private Use Area-A)."""
CLOSE_BASE = 0x100000
"""The close marker of span i is ``chr(CLOSE_BASE + i)`` (Supplementary Private Use Area-B)."""
LIMIT = 0xFFFE
"""Markers per body; past this, further spans stay literal text (no body comes near it)."""
MARKER = re.compile("[\U000f0000-\U0010fffd]")
ENCODED_MARKER = re.compile("%F[34]%[89AB][0-9A-F]%[89AB][0-9A-F]%[89AB][0-9A-F]", re.IGNORECASE)
"""A marker inside a link target, as the parser percent-encodes it (four UTF-8 bytes)."""

_BLOCK = re.compile(r"\{[^{}\n]{0,200}\}")
"""An attribute block on one line, at most 200 characters: a cheap test before the real reading."""
_LABEL = re.compile(r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]\{", re.DOTALL)
"""A label with brackets nested one deep, as in ``[see [the law](x.md)]{lang=de}``."""


@dataclass(slots=True)
class Spans:
    """What each marker stands for: a language (or None) and the literal text it replaced."""

    span: list[bool] = field(default_factory=list)
    """False for a marker that stands only for itself (a character of the marker planes)."""
    lang: list[str | None] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    def add(self, span: bool, lang: str | None, opening: str, closing: str) -> int:
        self.span.append(span)
        self.lang.append(lang)
        self.opening.append(opening)
        self.closing.append(closing)
        return len(self.lang) - 1

    def literal(self, marker: str) -> str:
        """The source text a marker replaced (what to show where no span can stand)."""
        code = ord(marker)
        if code >= CLOSE_BASE:
            return self.closing[code - CLOSE_BASE] if code - CLOSE_BASE < len(self.closing) else marker
        return self.opening[code - OPEN_BASE] if code - OPEN_BASE < len(self.opening) else marker


def _escaped(body: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index > count and body[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def mark_spans(body: str) -> tuple[str, Spans]:
    """``body`` with each ``[text]{lang=xx}`` between markers, and what the markers stand for.

    Characters of the two marker planes already in the text become markers that stand for
    themselves, so they come back unchanged and can never be mistaken for a span."""
    spans = Spans()
    if len(body.encode("utf-16-le", "surrogatepass")) > 2 * len(body) and MARKER.search(body) is not None:
        # (only a character beyond U+FFFF takes four bytes in UTF-16: a cheap test before the search)
        body = MARKER.sub(lambda m: _self_marker(spans, m.group()), body)
    return _mark(body, spans), spans


def _mark(body: str, spans: Spans) -> str:
    if "]{" not in body:
        return body
    pieces: list[str] = []
    done = 0
    for match in _LABEL.finditer(body):
        start = match.start()
        if start < done or _escaped(body, start) or len(spans.lang) >= LIMIT:
            continue
        brace = match.end() - 1
        block = _BLOCK.match(body, brace)
        if block is None:
            continue
        read = _attributes(block.group())
        if read is None:
            continue
        length, attrs = read
        end = brace + length + 1
        lang = attrs.get("lang")
        index = spans.add(True, lang if isinstance(lang, str) else None, "[", body[match.end(1) : end])
        inner = _mark(match.group(1), spans)
        pieces += [body[done:start], chr(OPEN_BASE + index), inner, chr(CLOSE_BASE + index)]
        done = end
    pieces.append(body[done:])
    return "".join(pieces)


def _attributes(block: str) -> tuple[int, dict[str, Any]] | None:
    """The length and attributes of an attribute block, read by the attribute plugin's parser;
    None if it is not one."""
    # Imported with the first body that has a span: the plugin's package loads markdown-it-py,
    # which took a sixteenth of a one-file rebuild, and most bodies have no span.
    from mdit_py_plugins.attrs.parse import ParseError, parse

    try:
        return parse(block)
    except ParseError:
        return None


def _self_marker(spans: Spans, character: str) -> str:
    if len(spans.lang) >= LIMIT:
        return "\ufffd"
    index = spans.add(False, None, character, character)
    return chr(OPEN_BASE + index)
