"""No page of the built site carries inline style: no ``style`` attribute, no ``<style>`` element.

The preview server's Content-Security-Policy (and any strict policy a host sets) allows the
site's own stylesheets only; an inline style would be refused there and the page would look
broken. The partner maps place their markers with SVG attributes for this reason.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .conftest import all_html


class InlineStyles(HTMLParser):
    """Every element with a ``style`` attribute and every ``<style>`` element, as written."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.found.append(self.get_starttag_text() or tag)


def inline_styles(text: str) -> list[str]:
    parser = InlineStyles()
    parser.feed(text)
    parser.close()
    return parser.found


def test_the_parser_finds_what_it_looks_for() -> None:
    assert inline_styles('<p>a</p><svg><g STYLE="fill:red"></g></svg><style>p{}</style>') == [
        '<g STYLE="fill:red">',
        "<style>",
    ]
    assert inline_styles('<p class="style" data-style="x">style="x"</p>') == []


def test_no_page_of_the_bundled_site_has_an_inline_style(bundled_site: Path) -> None:
    pages = all_html(bundled_site)
    assert len(pages) > 100
    maps = 0
    for page in [*pages, *sorted(bundled_site.rglob("*.svg"))]:
        text = page.read_text(encoding="utf-8")
        maps += 'class="map-frame"' in text
        assert inline_styles(text) == [], page.relative_to(bundled_site)
    assert maps >= 3 * 12, "the partner index and partner pages have maps (with markers placed somehow)"
