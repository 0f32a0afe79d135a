"""``[text]{lang=xx}`` spans for a parser that knows no attribute syntax: marked before parsing.

The pre-pass replaces the ``[`` of each span with one private-use character and its ``]{…}``
with another; both pass through any CommonMark parser as plain text, so the text between them
is parsed exactly as the text around it. After rendering, `pressroom.source.mdhtml` turns a
pair that encloses balanced HTML outside code into ``<span lang="xx">`` … ``</span>`` and puts
the original characters back everywhere else (code spans and blocks, link targets, a pair
split by a block or an emphasis). The attribute block is read by the same parser the
markdown-it attribute plugin used, so the accepted syntax is unchanged; only ``lang`` is kept.

A block that gives more than a language, or a language that is no tag (``{lang=en_US}``,
``{lang=}``), is a mistake the page would not show: its marker carries a `attribute_problem`
message and its line, which `mdhtml` reports where the marker stands outside code. A block that
mentions ``lang`` but cannot be read at all stays text as before; only its ``{`` becomes a marker
(standing for itself), so that the parser reads the text as it did.
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
_LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+",
    re.IGNORECASE | re.ASCII,
)
"""A well-formed BCP 47 language tag (RFC 5646): language, then optional script, region,
variants, extensions and private use: ``ja``, ``zh-Hant``, ``de-CH-1996``. Whether the registry
knows the language is not asked (a rare language must not be warned about)."""


@dataclass(slots=True)
class Spans:
    """What each marker stands for: a language (or None) and the literal text it replaced."""

    span: list[bool] = field(default_factory=list)
    """False for a marker that stands only for itself (a character of the marker planes)."""
    lang: list[str | None] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    problem: list[str | None] = field(default_factory=list)
    """What is wrong with the attribute block of the span (None: nothing), told where its open
    marker is seen outside code."""
    line: list[int] = field(default_factory=list)
    """The line of the body (0 for its first) that the span's attribute block is on."""

    def add(
        self, span: bool, lang: str | None, opening: str, closing: str, problem: str | None = None, line: int = 0
    ) -> int:
        self.span.append(span)
        self.lang.append(lang)
        self.opening.append(opening)
        self.closing.append(closing)
        self.problem.append(problem)
        self.line.append(line)
        return len(self.lang) - 1

    def literal(self, marker: str) -> str:
        """The source text a marker replaced (what to show where no span can stand)."""
        code = ord(marker)
        if code >= CLOSE_BASE:
            return self.closing[code - CLOSE_BASE] if code - CLOSE_BASE < len(self.closing) else marker
        return self.opening[code - OPEN_BASE] if code - OPEN_BASE < len(self.opening) else marker


def is_escaped(body: str, index: int) -> bool:
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


def _mark(body: str, spans: Spans, line: int = 0) -> str:
    """``body`` (whose first line is line ``line`` of the whole) with its spans marked."""
    if "]{" not in body:
        return body
    pieces: list[str] = []
    done = 0
    counted = 0  # line breaks are counted once, up to here: a body of many spans stays linear
    for match in _LABEL.finditer(body):
        start = match.start()
        if start < done or is_escaped(body, start) or len(spans.lang) >= LIMIT:
            continue
        brace = match.end() - 1
        block = _BLOCK.match(body, brace)
        if block is None:
            continue
        line += body.count("\n", counted, brace)
        counted = brace
        read = _attributes(block.group())
        problem = attribute_problem(block.group(), None if read is None else read[1])
        if read is None:
            if problem is not None:  # text as before, its brace marked to be reported where it shows
                index = spans.add(False, None, "{", "{", problem, line)
                pieces += [body[done:brace], chr(OPEN_BASE + index)]
                done = brace + 1
            continue
        length, attrs = read
        end = brace + length + 1
        lang = attrs.get("lang")
        index = spans.add(True, lang if isinstance(lang, str) else None, "[", body[match.end(1) : end], problem, line)
        inner = _mark(match.group(1), spans, line - match.group(1).count("\n"))
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


def attribute_problem(block: str, attrs: dict[str, Any] | None) -> str | None:
    """Why the attribute block ``{…}`` after ``[text]`` is not a language span as the site
    writes one (``{lang=en}``), or None; ``attrs`` is what the attribute parser read of it
    (None: it could not). A block it cannot read that does not mention ``lang`` is taken for
    text in braces, not a span."""
    readable = attrs is not None
    if attrs is None:
        if "lang" not in block:
            return None
        attrs = _loosely(block)
    lang = attrs.get("lang")
    valid = isinstance(lang, str) and _LANGUAGE_TAG.fullmatch(lang) is not None
    others = sorted(str(key) for key in attrs if key != "lang")
    if others:
        return (
            f"language span '{block}' gives more than a language ({', '.join(others)}): only lang= "
            f"is allowed; write {{lang={lang if valid else 'en'}}}"
        )
    if not lang:
        return f"language span '{block}' names no language: write a language tag, as in {{lang=en}}"
    if not valid:
        return (
            f"language span '{block}': '{lang}' is not a language tag; write one as in {{lang=en}} or {{lang=zh-Hant}}"
        )
    return None if readable else f"language span '{block}' cannot be read: write it as {{lang={lang}}}"


def _loosely(block: str) -> dict[str, str]:
    """The ``key=value`` words of a block the attribute parser cannot read (``.class`` and
    ``#id`` as such), so that its message can name what is wrong."""
    attrs: dict[str, str] = {}
    for word in block[1:-1].split():
        key, equals, value = word.partition("=")
        if equals:
            attrs[key] = value.strip("\"'")
        elif word[0] in ".#":
            attrs["class" if word[0] == "." else "id"] = word[1:]
    return attrs


def _self_marker(spans: Spans, character: str) -> str:
    if len(spans.lang) >= LIMIT:
        return "\ufffd"
    index = spans.add(False, None, character, character)
    return chr(OPEN_BASE + index)
