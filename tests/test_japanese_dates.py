"""A Japanese date or time is one thing to a reader, and no line parts it: BudouX's phrases of a
headline are joined where they cut one, and the pages a build writes offer no break inside a
date, in a headline, a table cell or a lead."""

from __future__ import annotations

import re

import pytest

from pressroom.base.typography import line_pieces, phrase_breaker, whole_dates

DATES = [
    *["2015年6月22日", "２０１５年６月２２日", "1989年11月24日", "2015年6月28日～7月4日"],
    *["10時30分", "令和元年十一月二十四日"],
]


@pytest.mark.parametrize("date", DATES)
def test_a_headline_offers_no_break_inside_a_date(date: str) -> None:
    """BudouX cut 201|5年6月22日, 2015年6月|22日 and 10時30|分: a headline broke there."""
    headline = f"ジェトロ、{date}に神奈川県の企業を選定"
    marked = str(phrase_breaker("ja")(headline))
    phrases = re.sub("<(?!wbr)[^>]+>", "", marked).split("<wbr>")
    assert "".join(phrases) == headline  # only markup added
    assert any(date in phrase for phrase in phrases), phrases
    assert any(date in piece for piece in line_pieces(headline, "ja"))  # a share card's lines too


def test_phrases_are_joined_only_where_they_cut_a_date() -> None:
    assert whole_dates(["201", "5年6月", "22日に", "選定"]) == ["2015年6月22日に", "選定"]
    assert whole_dates(["神奈川県と", "協力"]) == ["神奈川県と", "協力"]
    assert whole_dates(["6月と", "7月に"]) == ["6月と", "7月に"]  # two dates, the break between them kept


def test_a_built_page_offers_no_break_inside_its_dates(scratch_site) -> None:
    """On a phone the JETRO release's table read 2015年6月 | 22日, a partner's lead 1989年11月 |
    24日: in the page, each date's pieces are held in one ``.date``, which the stylesheet keeps
    whole, and its headline has no ``<wbr>`` inside one."""
    site = scratch_site(
        {
            "content/ja/2015/jetro.md": (
                "---\ntitle: 2015年6月28日～7月4日に代表団が来訪\ndate: 2015-06-15\n"
                "summary: 神奈川県とは1989年11月24日に友好提携を結びました。\n---\n\n"
                "| 時期 | 内容 |\n|---|---|\n| 2015年6月22日 | 代表団が来訪 |\n| 10時30分 | 記者会見 |\n"
            )
        }
    )
    run = site.build()
    assert run.code == 0, run.err
    html = site.page("/ja/releases/2015/jetro/").html
    cells = re.findall('<td data-label="時期">(.*?)</td>', html)
    assert [re.sub("<[^>]+>", "", cell) for cell in cells] == ["2015年6月22日", "10時30分"]
    assert all(_whole(cell) for cell in cells), cells
    h1 = re.search("<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)
    assert any("2015年6月28日～7月4日" in re.sub("<[^>]+>", "", phrase) for phrase in h1.split("<wbr>")), h1
    lead = site.page("/ja/releases/").html
    dates = re.findall('<span class="date">.*?</span></span>', lead)
    assert [re.sub("<[^>]+>", "", date) for date in dates if _whole(date)] == ["1989年11月24日"]


def _whole(html: str) -> bool:
    """Whether ``html`` is one ``.date`` (its pieces, each tied, and nothing outside them)."""
    return re.fullmatch('<span class="date">(?:<span class="tie">[^<]+</span>)+</span>', html) is not None
