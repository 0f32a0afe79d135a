"""Words a line must not part, kept together in the HTML a reader gets: German and English with
no-break spaces (in bodies, headlines, summaries and the dates the site writes), Japanese numbers
held to their counters; search and copies read the text as written."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from pressroom.base.ties import tied_html, tied_text

NBSP, NNBSP = "\u00a0", "\u202f"
TIE = '<span class="tie">'

FILES = {
    "content/de/2024/jahrestag.md": (
        "---\ntitle: Zum 35. Jahrestag in Halle Nr. 5\ndate: 2024-07-17\n"
        'summary: "Am 17. Juli 2024 feiern beide Länder, z. B. mit 10 % mehr Austausch."\n---\n\n'
        "Anlässlich des 35. Jahrestags ihrer\nPartnerschaft trafen sich beide am 17. Juli 2024 in Stuttgart,\n"
        "rund 150 Kilometer vom Flughafen – nach Art. 18 und S. 3 des Vertrags, d. h. für 158 Milliarden Euro.\n\n"
        "Die Partnerschaft besteht seit 1989. Die Delegation kam 35 Jahre später. Code: `am 17. Juli`.\n"
    ),
    "content/en/2024/jahrestag.md": (
        "---\ntitle: Delegation arrives on 17 July\n"
        'summary: "Some 150 kilometres apart since July 17, 2024."\n---\n\n'
        "On Friday 1 December 2023 the state, with €158 billion and 10 per cent more – see No. 5 – began.\n"
    ),
    "content/ja/2024/jahrestag.md": (
        "---\ntitle: 35周年を記念\nsummary: 2024年7月17日、第16条に基づき2つの分野で協力します。\n---\n\n"
        "友好提携35周年を記念し、2024年7月17日（水）、10か所で署名しました。\n"
    ),
}


@pytest.fixture
def built(scratch_site):
    site = scratch_site(FILES)
    run = site.build()
    assert run.code == 0, run.err
    return site


def _block(html: str, opening: str) -> str:
    found = re.search(f"{opening}.*?</(?:p|h1|h2|h3|li)>", html, re.DOTALL)
    assert found, opening
    return found.group()


def test_a_german_release_keeps_an_ordinal_with_its_noun_and_a_day_with_its_month(built) -> None:
    """On a phone "35." ended a line with "Jahrestags" on the next, and "17." did with "Juli"."""
    html = built.page("/de/releases/2024/jahrestag/").html
    body = _block(html, '<div class="body prose"[^>]*>\\s*<p>')
    for kept in (
        f"des 35.{NBSP}Jahrestags",
        f"am 17.{NBSP}Juli 2024",
        f"150{NBSP}Kilometer",
        f"Flughafen{NBSP}– nach",
        f"Art.{NBSP}18",
        f"S.{NBSP}3",
        f"d.{NNBSP}h.",
        f"158{NBSP}Milliarden",
    ):
        assert kept in body, kept
    assert "ihrer\nPartnerschaft" in body  # the editor's own line end, a space as before
    rest = html[html.index("seit 1989") - 20 :]
    # What may be read otherwise is left to break: a year ending a sentence, a count.
    assert "seit 1989. Die" in rest and "35 Jahre" in rest
    assert "<code>am 17. Juli</code>" in rest  # code as written
    assert f"17.{NBSP}Juli 2024</time>" in _block(html, '<header class="release-header">')
    assert f"Zum 35.{NBSP}Jahrestag in Halle Nr.{NBSP}5</h1>" in _block(html, "<h1")
    lead = _block(html, '<p class="lead"')
    assert f"Am 17.{NBSP}Juli 2024" in lead and f"z.{NNBSP}B." in lead and f"10{NBSP}%" in lead
    card = _block(built.page("/de/releases/").html, '<h2 class="card-title"')
    assert f"Zum 35.{NBSP}Jahrestag in Halle Nr.{NBSP}5</a>" in card
    summary = _block(built.page("/de/releases/").html, '<p class="summary"')
    assert f"Am 17.{NBSP}Juli 2024" in summary


def test_an_english_release_keeps_a_day_with_its_month_and_a_number_with_its_unit(built) -> None:
    html = built.page("/en/releases/2024/jahrestag/").html
    body = _block(html, '<div class="body prose"[^>]*>\\s*<p>')
    for kept in (f"Friday 1{NBSP}December 2023", f"158{NBSP}billion", f"10{NBSP}per{NBSP}cent", f"more{NBSP}– see"):
        assert kept in body, kept
    assert f"No.{NBSP}5" in body
    assert f"on 17{NBSP}July</h1>" in html
    assert f"150{NBSP}kilometres apart since July{NBSP}17, 2024" in _block(html, '<p class="lead"')


def test_a_japanese_number_stays_with_its_counter(built) -> None:
    """On a phone the release read 2024年7 | 月17日（水）: a number is tied to the counter after it."""
    html = built.page("/ja/releases/2024/jahrestag/").html
    body = _block(html, '<div class="body prose"[^>]*>\\s*<p>')
    # The date whole too (.date): a phone's line broke it as 2024年7月 | 17日.
    date = f'<span class="date">{TIE}2024年</span>{TIE}7月</span>{TIE}17日</span></span>'
    assert f"{TIE}35周年</span>を記念し、{date}（水）" in body
    assert f"{TIE}10か所</span>で" in body
    summary = _block(built.page("/ja/releases/").html, '<p class="summary"')
    assert f"{TIE}第16条</span>に基づき{TIE}2つ</span>の" in summary


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Partnerschaft besteht seit 1989. Die Delegation kam.", "de"),  # a sentence's end
        ("Es kamen 35 Jahre später 12 Gäste. Neue kommen.", "de"),  # counts
        ("Er stieg auf 12. Neue Partner folgten.", "de"),  # a number after no article
        ("Planned for May 2020, and may 5 guests come?", "en"),  # a month and its year; a verb
        ("In the 35 years since, 12. New partners", "en"),
        ("2024年7月17日", "ja"),  # Japanese has no spaces: its numbers are tied with markup
    ],
)
def test_what_may_be_read_otherwise_is_left_to_break(text: str, lang: str) -> None:
    assert tied_text(text, lang) == text


def test_search_reads_the_text_as_written(scratch_site) -> None:
    """Pagefind takes a no-break space as any space: "35. Jahrestags" is two words, as before."""
    site = scratch_site({"content/de/2024/jahrestag.md": FILES["content/de/2024/jahrestag.md"]})
    assert site.build(search=True).code == 0
    contents = [
        json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        for fragment in (site.output / "pagefind" / "fragment").iterdir()
    ]
    (content,) = [found["content"] for found in contents if found["url"] == "/de/releases/2024/jahrestag/"]
    assert "des 35. Jahrestags ihrer Partnerschaft" in content
    assert "d. h." in content and "150 Kilometer" in content
    assert NBSP not in content and NNBSP not in content


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("交流は2015年6月22日に始まります", ["2015年", "6月", "22日"]),
        ("１９８９年１１月２４日に", ["１９８９年", "１１月", "２４日"]),
        ("平成元年十一月二十四日に", ["平成元年", "十一月", "二十四日"]),
        ("2015年6月28日～7月4日まで", ["2015年", "6月", "28日～7月", "4日"]),  # a line never ends at ～
        ("午前10時30分から", ["10時", "30分"]),
    ],
)
def test_a_japanese_date_is_kept_whole_its_pieces_tied(text: str, date: list[str]) -> None:
    """Chromium's phrase finder broke 2015年6月 | 22日 in a table cell and 1989年11月 | 24日 in a
    partner's lead: the pieces of a date or time are held in one ``.date`` (the stylesheet
    allows no break between them where the line has room), and the text stays as written."""
    html = tied_html(text, "ja")
    pieces = "".join(f"{TIE}{piece}</span>" for piece in date)
    assert f'<span class="date">{pieces}</span>' in html
    assert re.sub("<[^>]+>", "", html) == text


def test_a_number_alone_with_its_counter_is_no_date() -> None:
    assert tied_html("2015年度と7月期、十分に", "ja") == f"{TIE}2015年度</span>と{TIE}7月期</span>、十分に"
