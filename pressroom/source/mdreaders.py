"""What the site adds to a rendered body for its readers: ids on headings (so that a section can be
linked and a ``#fragment`` checked), keyboard focus on tables (which scroll sideways on a phone),
and a mark on links that show their own address (print writes other links' addresses after them).

Runs on the finished HTML of `pressroom.source.mdhtml`, whose tags are the parser's: headings
carry no attributes, so one pattern finds them all.
"""

from __future__ import annotations

import re
from html import unescape
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
            known = ", ".join(f"#{known}" for known in sorted(ids)) or "none"
            problems.append((line, f"link '#{written}' names no heading of this text (its headings: {known})"))
    return problems


def for_readers(html: str) -> str:
    """Tables scroll sideways on a phone, so a keyboard must reach them (``tabindex``); a link
    that shows its own address is marked, so that print does not repeat the address after it."""
    if "<table>" in html:
        html = html.replace("<table>", '<table tabindex="0">')
    if '<a href="http' in html:
        html = _SHOWN_ADDRESS.sub(_mark_shown_address, html)
    return html


_SHOWN_ADDRESS = re.compile(r'<a href="(https?://[^"]*)">([^<]*)</a>')


def _mark_shown_address(found: re.Match[str]) -> str:
    href, text = found.groups()
    if unquote(unescape(href)) != unescape(text):
        return found.group()
    return f'<a class="bare-url" href="{href}">{text}</a>'
