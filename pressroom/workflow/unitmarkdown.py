"""A translator's words and a unit's codes written back as Markdown.

What a translator types is words, never Markdown: each character that would start inline
Markdown, or a heading, list or rule at the start of a line, is escaped so that the page shows
it as typed. Codes are written as the Markdown they stood for in the source; a link's or an
image's title is written in the title's own quoting.
"""

from __future__ import annotations

import re
import unicodedata

from pressroom.base.languageparts import HAN_LANGUAGES, primary_subtag

_INLINE_MARKS = re.compile(r"[\\`*\[\]<>~]|&(?=#?[0-9A-Za-z]+;)|_+")
"""Characters that would start inline Markdown in a translator's plain text (an ``&`` only
where it would begin an entity, ``_`` only where it is not inside a word)."""
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$|-)|\d{1,9}(?=[.)](?:\s|$))|=(?==*\s*$))")
"""What would make the start of a unit a heading, a bullet or a numbered item, or, after a line
break, make the lines before it a heading (``===``, as ``---`` would)."""


def line_joiner(lang: str) -> str:
    """What a line end inside a paragraph of ``lang`` reads as: nothing where words are not set
    apart by spaces (Japanese and Chinese; Korean's are), else a space."""
    return "" if primary_subtag(lang) in HAN_LANGUAGES else " "


_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def join_lines(text: str, lang: str) -> str:
    """A translation with each line end in it (a translator's, or where a tool wrapped it) and
    the spaces around it read as `line_joiner` says; but a space where it stands between two
    characters that are not Chinese or Japanese, in those languages too, so that the Latin
    words of a Japanese text (``Baden-Württemberg und⏎Kanagawa``) are not run together."""
    return _LINE_END.sub(" ", text) if line_joiner(lang) else joined_by_script(text)


def joined_by_script(text: str) -> str:
    """``text`` of a language that sets no spaces between words with each line end read as
    nothing, but as a space between two characters of other scripts (`join_lines`)."""

    def joined(found: re.Match[str]) -> str:
        before, after = text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1]
        return " " if before and after and not _wide(before) and not _wide(after) else ""

    return _LINE_END.sub(joined, text)


def _wide(character: str) -> bool:
    """A character of the scripts that set no spaces between words (kanji, kana and their
    punctuation, full-width forms), as CSS tells them when it drops a line end between two."""
    return unicodedata.east_asian_width(character) in ("W", "F", "H")


def _escape_block_start(text: str) -> str:
    """``\\# 1``, ``\\- a``, ``17\\. Juli``: the start of a unit read as words (a backslash
    before a digit escapes nothing, so a number's escape goes before its dot)."""
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    mark = found.group(2)
    escaped = mark + "\\" if mark[0].isdigit() else "\\" + mark
    return found.group(1) + escaped + text[found.end() :]


def _escaped(text: str) -> str:
    def escape(found: re.Match) -> str:
        marks = found.group(0)
        start, end = found.span()
        # CommonMark opens or closes no emphasis with "_" between two letters or digits, so a
        # name such as "BW_i" is written as its editors write it: escaped, a file sent back
        # unchanged would differ from the version it was exported with.
        if marks[0] == "_" and start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
            return marks
        return "".join(f"\\{mark}" for mark in marks)

    return _INLINE_MARKS.sub(escape, text)


HARD_BREAK = "\\\n"


def plain_words(text: str, before: str | None, after: str | None) -> str:
    """A translator's words as Markdown that reads them as words; ``before`` and ``after``: the
    Markdown of the codes beside them, None at the unit's start or end. At the start of a line
    (the unit's, or after a line break) they would start a heading, list or rule; after a
    footnote mark, ``:`` would make it a footnote's definition; a ``!`` before a link would make
    it an image."""
    text = _escaped(text)
    if before is None or before == HARD_BREAK:
        text = _escape_block_start(text)
    if before is not None and before.startswith("[^") and text.startswith(":"):
        text = "\\" + text
    if after is not None and after.startswith("[") and text.endswith("!"):
        text = text[:-1] + "\\!"
    return text


_CLOSING_HASHES = re.compile(r"(?:(?<=[ \t])|^)(#+[ \t]*)$")
_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
"""A pipe no backslash escapes: after none or after escaped backslashes (a translator's typed ones)."""


def block_words(text: str, role: str, before: str = "") -> str:
    """A body unit's Markdown as its block needs it: in a table row an unescaped "|" would end the
    cell, and #s that end a heading after a space (``Programm C #``) would be read as its closing
    marks and shown as nothing, so the first is escaped. The line after a line break is indented
    as its list item or quotation holds it (``before``: what the unit's first line begins with,
    ``   - `` or ``> ``), not left to Markdown's lazy reading of a line that begins at the margin."""
    quotes = before[: len(before) - len(before.lstrip(" \t>"))]  # the quotation marks that lead the line, kept
    text = text.replace("\n", "\n" + quotes + " " * (len(before) - len(quotes)))
    if role == "heading":
        return _CLOSING_HASHES.sub(r"\\\1", text)
    return _PIPE.sub(r"\1\\|", text) if role.startswith("table") else text


def code_span(fence: str, content: str) -> str:
    """A code span written back: the parser took one space off each side, which a span beginning
    or ending with a backtick (`` `x` ``), or with a space, needs to keep its text."""
    padded = content.startswith(("`", " ")) or content.endswith(("`", " "))
    return f"{fence} {content} {fence}" if padded and content.strip(" ") else f"{fence}{content}{fence}"


def link_end(href: str, title: str) -> str:
    """What closes a link or image: ``](address)``, or ``](address "title")``."""
    destination = f"<{href}>" if " " in href or not href else href
    return f"]({destination} {_title(title)})" if title else f"]({destination})"


def _title(title: str) -> str:
    """A title as Markdown reads it back: escapes and entities are read inside titles too."""
    return '"' + _TITLE_MARKS.sub(r"\\\g<0>", title) + '"'


_TITLE_MARKS = re.compile(r'[\\"]|&(?=#?[0-9A-Za-z]+;)')
