"""The parts of a page in another language, listed for its search results (`pressroom.base.languageparts`)."""

from __future__ import annotations

import html
import json
import time

from pressroom.base.languageparts import language_parts, language_parts_filter


def test_each_part_in_another_language_once_with_its_text() -> None:
    markup = (
        '<p>Die <span lang="ja">未<wbr>病</span>-Industrie, das <a href="/x" lang="en">Kanagawa <em>Institute</em>'
        ' of\n Technology</a>, <span lang="de-CH">Grüezi</span>, <span lang="ja">未病</span>'
        ' und <span lang="en">R&amp;D</span>.</p>'
    )
    assert language_parts(markup, "de") == [
        ("ja", "未病"),
        ("en", "Kanagawa Institute of Technology"),
        ("en", "R&D"),
    ]
    # The page's own language, by its primary subtag, is no other language.
    assert ("de-CH", "Grüezi") not in language_parts(markup, "de-DE")
    assert ("de-CH", "Grüezi") in language_parts(markup, "en")


def test_a_part_with_an_element_of_its_own_kind_inside_ends_at_its_own_end_tag() -> None:
    markup = '<span lang="en">New <span class="x">York</span> City</span> liegt <span>am Meer</span>'
    assert language_parts(markup, "de") == [("en", "New York City")]


def test_no_parts_no_metadata() -> None:
    parts = language_parts_filter("de")
    assert parts("<p>Nur Deutsch.</p>") == ""
    assert parts('<img lang="en" alt="x"><p lang="de">Deutsch</p>') == ""
    element = parts('<h1>Präfektur <span lang="ja">神奈川県</span> &amp; <span lang="en">"R&amp;D"</span></h1>')
    assert element.startswith('<span hidden data-pagefind-meta="parts:') and element.endswith('"></span>')
    listed = html.unescape(element.removeprefix('<span hidden data-pagefind-meta="parts:').removesuffix('"></span>'))
    assert json.loads(listed) == [["ja", "神奈川県"], ["en", '"R&D"']]


def test_a_body_of_many_foreign_parts_is_read_in_time_that_grows_with_its_length():
    """Each part's end was looked for in a copy of the rest of the body, and each part compared
    with every one before it: 20,000 marked words took five seconds (a minute at 60,000)."""
    markup = "<p>" + "".join(f'<span lang="en">word{n}</span> und ' for n in range(20_000)) + "</p>"
    start = time.perf_counter()
    parts = language_parts(markup, "de")
    assert time.perf_counter() - start < 1.5
    assert len(parts) == 20_000 and parts[0] == ("en", "word0") and parts[-1] == ("en", "word19999")
