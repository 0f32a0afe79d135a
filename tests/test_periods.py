"""Partnerships as precise as their sources: a decade stays a decade, an ended cooperation ends.

A source that says "since the early 1980s" must read as that in every language, on the
partner page, the index and the timeline, with no invented year and no "(42 years)". A
cooperation that ran for a while (the cluster cooperations of 2015) is shown with its
period and as ended, apart from the state partnerships, and is not counted with them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pressroom.source.periods import Period, parse_when

from .conftest import read_page
from .test_translations import release

PROJECT = Path(__file__).resolve().parent.parent


def partner(since: str, extra: str = "", kind: str = "state-partnership") -> str:
    return (
        "name: {de: Testland, ja: テスト州, en: Testland}\n"
        f"country: BI\nsince: {since}\n{extra or 'status: active'}\nkind: {kind}\n"
        "location: [-3.4, 29.9]\n"
        "summary: {de: Eine Partnerin., ja: 提携先です。, en: A partner.}\n"
    )


@pytest.fixture
def period_site(scratch_site):
    site = scratch_site(
        {
            "content/partners/testland.yaml": partner("early 1980s"),
            "content/partners/cluster.yaml": partner(
                "2015", "status: ended\nuntil: 2016", kind="cluster-partnership"
            ).replace("Testland", "Clusterstadt"),
            "content/en/2024/a.md": release("A", "date: 2024-01-01\npartners: [testland, cluster]\n"),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    return site


@pytest.mark.parametrize(
    ("lang", "page_text", "index_text", "mark"),
    [
        ("de", "Partner seit Anfang der 1980er-Jahre", "seit Anfang der 1980er-Jahre", "Anfang der 1980er-Jahre"),
        ("ja", "提携開始 1980年代初頭", "1980年代初頭から", "1980年代初頭"),
        ("en", "Partner since early 1980s", "since the early 1980s", "early 1980s"),
    ],
)
def test_a_decade_reads_as_a_decade_everywhere(period_site, lang, page_text, index_text, mark):
    page = period_site.page(f"/{lang}/partners/testland/")
    assert page_text in page.text
    # No count of years where the start is not known to the year.
    assert not re.search(r"\(\d+ (Jahre|years)\)|（提携\d+年）", page.text)
    index = period_site.page(f"/{lang}/partners/")
    assert index_text in index.text
    timeline = index.html.split('class="timeline"')[1]
    assert f'<span class="timeline-year">{mark}</span>' in timeline
    assert "1984" not in index.text and "1980 " not in index.text


@pytest.mark.parametrize(
    ("since", "de", "ja", "en"),
    [
        ("1990s", "seit den 1990er-Jahren", "1990年代から", "since the 1990s"),
        ("mid 1990s", "seit Mitte der 1990er-Jahre", "1990年代半ばから", "since the mid-1990s"),
        ("late 1990s", "seit Ende der 1990er-Jahre", "1990年代後半から", "since the late 1990s"),
        ("1996", "seit 1996", "1996年から", "since 1996"),
    ],
)
def test_every_kind_of_start_reads_natively_on_the_index(scratch_site, since, de, ja, en):
    site = scratch_site(
        {"content/partners/testland.yaml": partner(since), "content/en/2024/a.md": release("A", "date: 2024-01-01\n")}
    )
    assert site.build().code == 0
    for lang, expected in (("de", de), ("ja", ja), ("en", en)):
        assert expected in site.page(f"/{lang}/partners/").text, lang


def test_a_known_start_counts_years_with_each_languages_brackets(scratch_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732406400")  # 2024-11-24
    site = scratch_site(
        {"content/partners/testland.yaml": partner("1996"), "content/en/2024/a.md": release("A", "date: 2024-01-01\n")}
    )
    assert site.build().code == 0
    assert "Partner seit 1996 (28 Jahre)" in site.page("/de/partners/testland/").text
    assert "提携開始 1996年（提携28年）" in site.page("/ja/partners/testland/").text
    assert "Partner since 1996 (28 years)" in site.page("/en/partners/testland/").text


@pytest.mark.parametrize(
    ("lang", "period", "ended", "other"),
    [
        ("de", "Zeitraum 2015–2016", "Status beendet", "Weitere Kooperationen"),
        ("ja", "期間 2015年～2016年", "状況 終了", "その他の連携"),
        ("en", "Period 2015–2016", "Status ended", "Other partnerships"),
    ],
)
def test_an_ended_cooperation_shows_its_period_and_is_not_counted(period_site, lang, period, ended, other):
    page = period_site.page(f"/{lang}/partners/cluster/")
    assert period in page.text and ended in page.text
    assert not re.search(r"\(\d+ (Jahre|years)\)|（提携\d+年）", page.text)
    index = period_site.page(f"/{lang}/partners/")
    count = index.html.split('class="count">')[1].split("<")[0]
    # Testland and the default Kanagawa: the ended cluster cooperation is not counted.
    assert count == {"de": "2 Landespartnerschaften", "ja": "友好提携：2件", "en": "2 state partnerships"}[lang]
    svg = index.html.split('class="map-frame"')[1].split("</ul>")[0]  # the map's land and its dots
    assert f"/{lang}/partners/testland/" in svg and f"/{lang}/partners/cluster/" not in svg
    others = index.html.split('id="others-heading"')[1].split("</section>")[0]
    assert other in others and f"/{lang}/partners/cluster/" in others and "testland" not in others
    home = period_site.page(f"/{lang}/")
    assert home.links_to(f"/{lang}/partners/testland/") and not home.links_to(f"/{lang}/partners/cluster/")


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        (
            "de",
            "Diese Pressemitteilung ist nicht auf Englisch verfügbar.",
            "weder auf Japanisch noch auf Englisch verfügbar",
        ),
        ("ja", "このプレスリリースには英語版がありません。", "このプレスリリースにはドイツ語版も英語版もありません。"),
        ("en", "This press release is not available in Japanese.", "not available in German or Japanese."),
    ],
)
def test_missing_versions_are_named_in_a_sentence_of_their_own(scratch_site, lang, one, two):
    files = {f"content/{lang}/2024/only.md": release("Nur eine", "date: 2024-01-01\n")}
    pair = {"de": ("de", "ja"), "ja": ("ja", "de"), "en": ("en", "de")}[lang]
    files.update({f"content/{code}/2024/pair.md": release("Zwei", "date: 2024-01-01\n") for code in pair})
    site = scratch_site(files)
    assert site.build().code == 0
    assert two in site.page(f"/{lang}/releases/2024/only/").text
    assert one in site.page(f"/{lang}/releases/2024/pair/").text


# What the sources (../shared/seeds/, the state ministry's overview "Baden-Württemberg in der
# Welt" and the releases) say about when each partnership began or ended.
SOURCES = {
    "liaoning": ("1982", None),
    "jiangsu": ("1986", None),
    "ontario": ("1987", None),
    "kanagawa": ("1989-11-24", None),  # the joint declaration of 2024 gives the day
    "burundi": ("early 1980s", None),  # "seit Anfang der 80er Jahre"
    "kwazulu-natal": ("1996", None),
    "sverdlovsk": ("1991", None),
    "saint-petersburg": ("1998", None),
    "moscow": ("2007", None),
    "lodzkie": ("2013", None),
    "maharashtra": ("2015", None),
    "california": ("2018", None),
    # Twelve months of cluster cooperation from mid-2015 under JETRO's RIT programme.
    "hitachi": ("2015", "2016"),
    "kitakyushu": ("2015", "2016"),
}


def bundled_partners() -> dict[str, dict]:
    return {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for path in sorted((PROJECT / "content/partners").glob("*.yaml"))
    }


def test_no_bundled_partner_claims_more_precision_than_its_source() -> None:
    partners = bundled_partners()
    assert set(partners) == set(SOURCES)
    for partner_id, data in partners.items():
        since, until = SOURCES[partner_id]
        assert parse_when(data["since"]) == parse_when(since), partner_id
        assert (parse_when(data["until"]) if "until" in data else None) == (until and parse_when(until)), partner_id
    state = [p for p, data in partners.items() if data.get("kind", "state-partnership") == "state-partnership"]
    assert len(state) == 12
    assert all(partners[p]["status"] == "ended" for p in ("hitachi", "kitakyushu"))


def test_each_partner_summary_states_the_start_as_precisely_as_since() -> None:
    """A summary saying "since the early 1980s" next to ``since: 1984`` (or the reverse) fails."""
    decade_words = re.compile(r"er-Jahre|年代|\d0s\b")
    for partner_id, data in bundled_partners().items():
        when = parse_when(data["since"])
        for lang, summary in data["summary"].items():
            if isinstance(when, Period):
                assert decade_words.search(summary), (partner_id, lang)
            else:
                year = str(when if isinstance(when, int) else when.year)
                assert year in summary and not decade_words.search(summary), (partner_id, lang)


def test_the_bundled_burundi_page_shows_the_early_1980s(bundled_site) -> None:
    for lang, text in (("de", "Anfang der 1980er-Jahre"), ("ja", "1980年代初頭"), ("en", "early 1980s")):
        page = read_page(bundled_site, f"/{lang}/partners/burundi/")
        assert text in page.text and "1984" not in page.text, lang
        assert page.html.count('lang="rn"') == 1 and "Uburundi" in page.text
