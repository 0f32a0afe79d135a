"""What a reader on a phone sees of lists and tables, measured in Chromium: a topic's count stays on
its topic's line and in one piece, and a table's names stay whole (a table reflows into one block
per row on a narrow screen) without the page scrolling sideways."""

from __future__ import annotations

import pytest

from .conftest import LANGUAGES, LOCALES, OpenPage

PHONES = (320, 360, 390)
# Each element's lines: the tops of its text's boxes, one per line it is set on.
LINE_TOPS = """element => {
    const range = document.createRange(); range.selectNodeContents(element);
    return [...new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)))];
}"""
# Per list entry: the top and bottom of the name's first line, and the tops of the count's lines.
TOPIC_LINES = f"""items => items.map(item => {{
    const name = item.querySelector('a'), count = item.querySelector('.meta');
    const first = name.getClientRects()[0];
    return [name.textContent, count.textContent, first.top, first.bottom, ({LINE_TOPS})(count)];
}})"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_a_topics_count_stays_on_its_topics_line(open_page: OpenPage, site_url: str, lang: str, width: int) -> None:
    """On a German phone "3 Pressemitteilungen" broke after its number, and the noun stood on a
    line of its own under the number, apart from its topic."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + f"{lang}/topics/")
    entries = page.locator(".topic-list li").evaluate_all(TOPIC_LINES)
    assert entries, "the topics page lists topics"
    for name, count, top, bottom, count_lines in entries:
        assert len(count_lines) == 1, f"{width} px: {count!r} (for {name!r}) is broken across lines"
        assert top - 2 <= count_lines[0] <= bottom, f"{width} px: {count!r} is not on the line of {name!r}"
