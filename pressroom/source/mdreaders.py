"""What the site adds to a rendered body for its readers: ids on headings (so that a section can be
linked and a ``#fragment`` checked), keyboard focus on tables (which scroll sideways where they are
wider than their column), each table cell's column heading (a phone shows it beside the cell, as it
sets each row as a block of its own), a mark on links that show their own address (print writes
other links' addresses after them), and a no-break space before each footnote's way back to the
text, so that its arrow never begins a line alone.

Runs on the finished HTML of `pressroom.source.mdhtml`, whose tags are the parser's: headings
carry no attributes, so one pattern finds them all.
"""

from __future__ import annotations

import difflib
import re
from html import escape, unescape
from urllib.parse import unquote

PAGE_IDS = re.compile(
    r"(?:main|search|top|[a-z]+-heading|[a-z]+-caption|footer-[a-z]+|country-\d+|[a-z]+-search-q"
    r"|map(?:-[a-z-]+)?-(?:home|label)-back|fn\d+|fnref\d+(?::\d+)?)"
)
"""Ids the page around a body uses (the templates' landmarks, headings, captions, maps and search
fields, ``top``, which browsers read as the page's start) and its footnotes: a heading never
takes one, so that a link to it cannot land elsewhere."""

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_NOT_WORD = re.compile(r"[\W_]+")


def anchor_name(text: str) -> str:
    """A heading's id from its text, in any script: ``Der Zeitplan`` → ``der-zeitplan``,
    ``今後の予定（案）`` → ``今後の予定-案``; letters and digits kept, everything else one hyphen."""
    return _NOT_WORD.sub("-", text.casefold()).strip("-") or "section"


def with_heading_ids(html: str) -> tuple[str, frozenset[str]]:
    """``html`` with an id on every heading, and the ids given. A name that is taken (by an earlier
    heading or by the page, see `PAGE_IDS`) gets ``-2``, ``-3``, … ."""
    if "<h" not in html:
        return html, frozenset()
    given: set[str] = set()
    # Each name's last number: a text of thousands of headings of one name (a hostile one) would
    # otherwise try every number below again for each, in time that grows with their square.
    numbers: dict[str, int] = {}

    def named(found: re.Match[str]) -> str:
        base = anchor_name(unescape(_TAG.sub("", found.group(2))))
        number = numbers.get(base, 1)
        name = base if number == 1 else f"{base}-{number}"
        while name in given or PAGE_IDS.fullmatch(name):
            number += 1
            name = f"{base}-{number}"
        numbers[base] = number
        given.add(name)
        return f'<h{found.group(1)} id="{name}">{found.group(2)}</h{found.group(1)}>'  # letters, digits, hyphens

    return _HEADING.sub(named, html), frozenset(given)


def missing_fragments(fragments: list[tuple[str, int]], ids: frozenset[str]) -> list[tuple[int, str]]:
    """(line, message) for each ``#name`` link of a body that names none of its headings' ids, its
    footnotes' or the page's."""
    problems = []
    for written, line in fragments:
        name = unquote(written)
        if name and name not in ids and not PAGE_IDS.fullmatch(name):
            close = difflib.get_close_matches(name, ids, n=1, cutoff=0.7)  # as `model.sections` does
            known = ", ".join(f"#{known}" for known in sorted(ids)) or "none"
            hint = f"did you mean #{close[0]}?" if close else f"its headings: {known}"
            problems.append((line, f"link '#{written}' names no heading of this text ({hint})"))
        elif PAGE_IDS.fullmatch(name) and f"{name}-2" in ids:
            # A heading "Main" is #main-2 (the page's content is #main): the link meant the heading.
            problems.append(
                (
                    line,
                    f"link '#{written}' leads to the page's own #{name}, not to this text's heading of that name,"
                    f" whose id is #{name}-2 (the page uses #{name} itself): link to #{name}-2",
                )
            )
    return problems


def for_readers(html: str) -> str:
    """A table wider than its column scrolls sideways, so a keyboard must reach it (``tabindex``),
    and its cells carry their column's heading (``data-label``), which a phone shows beside each
    cell of a row set as a block; a link that shows its own address is marked, so that print does
    not repeat the address after it; a footnote's way back (↩) is held to its last word, where
    the parser put a space that let a line end before the arrow (in Japanese too, after 。)."""
    if "<table>" in html:
        html = _TABLE.sub(_labelled_table, html)
    if '<a href="http' in html:
        html = _SHOWN_ADDRESS.sub(_mark_shown_address, html)
    if 'class="footnote-backref"' in html:
        html = _SPACE_BEFORE_BACK.sub("\u00a0", html)
    return html


_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
_HEADER_CELL = re.compile(r"<th(?: [^>]*)?>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>.*?</tr>", re.DOTALL)
_DATA_CELL = re.compile(r"<td((?: [^>]*)?)>")


def _labelled_table(found: re.Match[str]) -> str:
    """The parser's table (a raw ``<table>`` in a body is escaped: each is its own) with focus and
    labelled cells. The parser gives every row as many cells as the heading row."""
    head, end, body = found.group(1).partition("</thead>")
    labels = [escape(unescape(_TAG.sub("", cell)).strip()) for cell in _HEADER_CELL.findall(head)]

    def labelled_row(row: re.Match[str]) -> str:
        columns = iter(labels)

        def labelled_cell(cell: re.Match[str]) -> str:
            label = next(columns, "")
            return f'<td{cell.group(1)} data-label="{label}">' if label else cell.group()

        return _DATA_CELL.sub(labelled_cell, row.group())

    return f'<table tabindex="0">{head}{end}{_ROW.sub(labelled_row, body)}</table>'


_SHOWN_ADDRESS = re.compile(r'<a href="(https?://[^"]*)">([^<]*)</a>')


def _mark_shown_address(found: re.Match[str]) -> str:
    href, text = found.groups()
    if unquote(unescape(href)) != unescape(text):
        return found.group()
    return f'<a class="bare-url" href="{href}">{text}</a>'


_SPACE_BEFORE_BACK = re.compile(r' (?=<a href="#fnref[^"]*" class="footnote-backref">)')
"""The space the footnote plugins (both parsers') write before each way back to the text."""
