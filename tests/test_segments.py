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
