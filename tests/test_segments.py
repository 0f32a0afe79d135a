"""Cutting a version into translation units and putting it together again keeps its Markdown:
with every unit "translated" as itself, the rebuilt body renders the same HTML."""

from __future__ import annotations

import pytest

from pressroom.source.frontmatter import Translatable, translatable
from pressroom.source.markdown import markdown_parser
from pressroom.workflow.segments import SegmentError, fill, parse_target, segment

from .conftest import PROJECT

TRICKY = [
    "Title\n=====\n\nPara with  \nhard break and\\\nanother.\n",
    "> - quote list\n>   continued\n> - second\n\n1. one\n2. two\n\n   indented para\n",
    "\tTab code\n\nText with <b>html</b> & stuff * lone star \\* escaped &amp; entity.\n",
    "- a\n\n  ```\n  code\n  ```\n- b *x\n  y* z\n",
    "Text [link *em*](<http://x.org/a b>) and [ref][r].\n\n[r]: http://example.org\n",
    '| a \\| b | c |\n|---|:-:|\n| `x\\|y` | ![i *alt*](p.png "t") |\n',
    "Footnote[^n] and[^2].\n\n[^n]: Multi\n    line.\n[^2]: Two.\n",
    "Same same\n\nSame same\n\n[Same]{lang=en} same\n",
    # Code spans the parser took a space off each side of: their backticks came back as ```x```.
    "Code `` `x` `` und ` a ` und `` a`b `` und `  ` ende.\n",
    # Footnotes defined before more text, out of order, or with words found elsewhere: the build
    # took these, and export said "this text could not be cut into units".
    "Text[^1].\n\n[^1]: Fn.\n\nZweiter Absatz.\n",
    "b[^b], a[^a]\n\n[^a]: A.\n[^b]: B.\n",
    "Eins[^x] und Fn.\n\n[^x]: Fn.\n\nFn.\n",
]
BUNDLED = sorted((PROJECT / "content").glob("*/**/*.md"))


def _html(body: str) -> str:
    return " ".join(markdown_parser().render(body).split())


@pytest.mark.parametrize("body", TRICKY + [translatable(p.read_text()).body for p in BUNDLED])
def test_units_put_back_as_they_are_render_the_same(body: str):
    document = segment(Translatable("T", "", "", body), "de")
    _, rebuilt = fill(document, {u.id: parse_target(u, u.text) for u in document.units})
    assert _html(rebuilt) == _html(body)


def test_codes_are_numbered_per_unit_and_checked():
    document = segment(Translatable("T", "", "", "*a* [b](x.md) `c`[^1]\n\n[^1]: d\n"), "de")
    unit = document.units[1]
    assert unit.text == "<1>a</1> <2>b</2> <3/><4/>"
    with pytest.raises(SegmentError, match=r"code <3/> \(code\) is missing"):
        parse_target(unit, "<1>a</1> <2>b</2> <4/>")
    with pytest.raises(SegmentError, match="<5/> is not one of the source's codes"):
        parse_target(unit, "<1>a</1> <2>b</2> <3/><4/><5/>")
    with pytest.raises(SegmentError, match="closes a code that is not open here"):
        parse_target(unit, "<1>a <2>b</1></2> <3/><4/>")


def test_japanese_lines_join_without_spaces():
    document = segment(Translatable("T", "", "", "一行目\n二行目\n"), "ja")
    assert document.units[1].text == "一行目二行目"


def test_translators_see_and_type_plain_words_not_markdown():
    source = "17\\. Juli: Partner\\*innen, C\\# und `code` &amp; mehr.\n\n- Punkt\n"
    document = segment(Translatable("T", "", "", source), "de")
    # What the translator reads: the characters, not their escapes.
    assert document.units[1].text == "17. Juli: Partner*innen, C# und <1/> & mehr."
    # What they type comes back as those words: no list, no emphasis, no heading, no entity.
    typed = {
        "b1": "17. July: partners*inside and colleagues*inside, [x] <b>not html</b> &amp; <1/> _under_",
        "b2": "# 1 - not a heading",
    }
    typed["title"] = "T"
    _, body = fill(document, {u.id: parse_target(u, typed[u.id]) for u in document.units})
    html = _html(body)
    assert html == (
        "<p>17. July: partners*inside and colleagues*inside, [x] &lt;b&gt;not html&lt;/b&gt; &amp;amp; "
        "<code>code</code> _under_</p> <ul> <li># 1 - not a heading</li> </ul>"
    )


def test_an_underscore_inside_a_word_is_written_as_typed():
    """'BW_i' came back as 'BW\\_i': a page exported and imported unchanged had its text and
    fingerprint changed, and every version confirmed against it a new record line."""
    document = segment(Translatable("T", "", "", "BW_i und *x*.\n"), "de")
    unit = document.units[1]
    typed = "BW_i, snake_case, a__b, _betont_ und 未病_x <1>y</1>_z"
    written = unit.markdown(parse_target(unit, typed), escaped=True)
    assert written == "BW_i, snake_case, a__b, \\_betont\\_ und 未病_x *y*\\_z"
    assert _html(written) == "<p>BW_i, snake_case, a__b, _betont_ und 未病_x <em>y</em>_z</p>"


def test_what_a_translator_types_beside_a_code_stays_words():
    """Each of these changed the page without a word: a paragraph opening with its footnote mark
    and a colon became a footnote's definition (and left the page), a '!' before a link made it
    an image, text after a line break became a heading or a list, a line break closing the
    paragraph showed a backslash, and '---' in a list item became a rule."""
    source = "Text[^1] und [ein Link](https://example.org/a) davor.\\\nneu\n\n- Punkt\n\n[^1]: Note.\n"
    document = segment(Translatable("T", "", "", source), "de")
    assert [u.text for u in document.units[1:3]] == ["Text<1/> und <2>ein Link</2> davor.<3/>neu", "Punkt"]
    typed = {"title": "T", "b1": "<1/>: Achtung!<2>ein Link</2><3/># 2. Absatz", "b2": "---", "b3": "Note."}
    _, body = fill(document, {u.id: parse_target(u, typed[u.id]) for u in document.units})
    html = _html(body)
    assert '<p><sup class="footnote-ref">' in html and ': Achtung!<a href="https://example.org/a">ein Link</a>' in html
    assert "<br> # 2. Absatz</p>" in html and "<h1" not in html and "<img" not in html
    assert "<li>---</li>" in html and html.count("<hr") == 1  # the footnotes' own rule only
    typed["b1"] = "<1/> davor <2>Link</2>.<3/>"
    _, body = fill(document, {u.id: parse_target(u, typed[u.id]) for u in document.units})
    assert "\\" not in _html(body)


def test_a_strikethrough_is_named_as_one_for_the_translator():
    document = segment(Translatable("T", "", "", "Der ~~alte~~ neue Plan und *mehr*.\n"), "de")
    codes = [part for part in document.units[1].parts if not isinstance(part, str)]
    assert [code.what for code in codes if code.kind == "open"] == ["strikethrough", "emphasis"]


def test_a_source_whose_words_look_like_a_code_is_translated_as_words():
    """'Tabelle <10>' in the source could not be imported unchanged: '<10> is not one of the
    source's codes'."""
    document = segment(Translatable("T", "", "", "Siehe Tabelle <10> und *dies*.\n"), "de")
    unit = document.units[1]
    # The codes are numbered past the words' "<10>", so the two are never one.
    assert unit.text == "Siehe Tabelle <10> und <11>dies</11>."
    parts = parse_target(unit, "See table <10> and <11>this</11>.")
    assert unit.markdown(parts, escaped=True) == "See table \\<10\\> and *this*."
    with pytest.raises(SegmentError, match="<12> is not one of the source's codes"):
        parse_target(unit, "See table <12> and <11>this</11>.")


def test_link_and_image_titles_are_units_of_their_own_and_come_back_translated():
    """A figure's caption (``![alt](src "caption")``) and a link's title were kept in the codes'
    Markdown, so the Japanese page showed the German caption whatever the translator did."""
    source = (
        'Siehe [die Karte](https://example.org/k "Karte des Landes") und [mehr](x.md).\n\n'
        '![Logo](/media/logo.png "Das Logo &amp; \\"Zeichen\\"")\n\nDanach.\n'
    )
    document = segment(Translatable("T", "", "", source), "de")
    assert [(u.id, u.role, u.text) for u in document.units[1:]] == [
        ("b1", "paragraph", "Siehe <1>die Karte</1> und <2>mehr</2>."),
        ("b1.t1", "link title", "Karte des Landes"),
        ("b2", "paragraph", "<1>Logo</1>"),
        ("b2.t1", "image caption", 'Das Logo & "Zeichen"'),
        ("b3", "paragraph", "Danach."),
    ]
    typed = {
        "title": "T",
        "b1": "<1>地図</1>と<2>その他</2>を参照。",
        "b1.t1": '州の"地図" \\ &copy;',  # quotes, a backslash and what would read as an entity
        "b2": "<1>ロゴ</1>",
        "b2.t1": "ロゴ",
        "b3": "以上。",
    }
    _, body = fill(document, {u.id: parse_target(u, typed[u.id]) for u in document.units})
    html = _html(body)
    assert 'title="州の&quot;地図&quot; \\ &amp;copy;">地図</a>' in html
    assert '<img src="/media/logo.png" alt="ロゴ" title="ロゴ">' in html
    assert "Karte" not in html and "Zeichen" not in html


def test_a_backslash_typed_before_a_pipe_in_a_table_cell_stays_on_the_page():
    """A translator's text is words, not Markdown: "A \\| B" typed in a cell showed "A | B", the
    backslash taken as the pipe's escape."""
    document = segment(Translatable("T", "", "", "| a | b |\n|---|---|\n| x | y |\n"), "de")
    typed = {u.id: u.text for u in document.units} | {"b3": "A \\| B", "b4": "C | D \\\\| E"}
    cell_ids = [u.id for u in document.units if u.text in ("x", "y")]
    assert cell_ids == ["b3", "b4"]
    _, body = fill(document, {u.id: parse_target(u, typed[u.id]) for u in document.units})
    html = _html(body)
    assert "<td>A \\| B</td>" in html and "<td>C | D \\\\| E</td>" in html
