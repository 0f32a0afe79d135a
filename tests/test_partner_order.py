"""Partners listed by name in each reader's dictionary order: German and English by the name an
index files them under (a leading designation set aside, accents folded), Japanese by the
reading in the order of the kana table; a Japanese name with kanji gives its reading."""

from __future__ import annotations

import re
from html import unescape

import pytest

from .conftest import ScratchSite, read_page
from .test_check_fixtures import check
from .test_translations import release


def partner(de: str, ja: str, en: str, country: str, extra: str = "", since: str = "1990") -> str:
    return (
        f"name: {{de: {de}, ja: {ja}, en: {en}}}\n{extra}country: {country}\nsince: {since}\nstatus: active\n"
        "summary: {de: Partner., ja: パートナー。, en: Partner.}\n"
    )


# The file names (ids) are not in any reader's order: the list of one in id order is wrong in each language.
PARTNERS = {
    "bahia": partner("Bundesstaat Bahia", "バイーア州", "State of Bahia", "BR"),
    "burundi": partner("Burundi", "ブルンジ", "Burundi", "BI"),
    "california": partner("Kalifornien", "カリフォルニア州", "California", "US"),
    "hitachi": partner("Stadt Hitachi", "日立市", "City of Hitachi", "JP", "reading: ひたちし\n", "1989-11-24"),
    "hyogo": partner("Präfektur Hyogo", "兵庫県", "Hyogo Prefecture", "JP", "reading: ヒョウゴケン\n", "1989-11-24"),
    "jiangsu": partner("Provinz Jiangsu", "江蘇省", "Jiangsu Province", "CN", "reading: こうそしょう\n"),
    "sverdlovsk": partner("Gebiet Swerdlowsk", "スヴェルドロフスク州", "Sverdlovsk Oblast", "RU"),
    "wojewodztwo-lodzkie": partner("Woiwodschaft Łódź", "ウッチ県", "Łódź Voivodeship", "PL"),
}
"""With the default partner, Kanagawa (神奈川県, reading かながわけん, since 1989-11-24)."""

IN_ORDER = {
    "de": [
        "Bundesstaat Bahia",
        "Burundi",
        "Stadt Hitachi",
        "Präfektur Hyogo",
        "Provinz Jiangsu",
        "Kalifornien",
        "Präfektur Kanagawa",
        "Woiwodschaft Łódź",
        "Gebiet Swerdlowsk",
    ],
    "ja": [
        "ウッチ県",  # うっちけん
        "神奈川県",  # かながわけん
        "カリフォルニア州",
        "江蘇省",  # こうそしょう
        "スヴェルドロフスク州",
        "バイーア州",
        "日立市",  # ひたちし
        "兵庫県",  # ひょうごけん
        "ブルンジ",
    ],
    "en": [
        "State of Bahia",
        "Burundi",
        "California",
        "City of Hitachi",
        "Hyogo Prefecture",
        "Jiangsu Province",
        "Kanagawa Prefecture",
        "Łódź Voivodeship",
        "Sverdlovsk Oblast",
    ],
}


def partner_names(site: ScratchSite, url: str) -> list[str]:
    """The names of the partners a page lists, in its order (a map's dots, placed on it, aside)."""
    page = read_page(site.output, url)
    text = re.sub(r"<svg.*?</svg>", "", page.html, flags=re.S)
    links = re.findall(r'<a href="/\w+/partners/[a-z-]+/">(.*?)</a>', text)
    return [unescape(re.sub(r"<[^>]+>", "", name)) for name in links]


@pytest.fixture
def ordered_site(scratch_site) -> ScratchSite:
    every = ", ".join(["kanagawa", *PARTNERS])
    files = {f"content/partners/{p}.yaml": text for p, text in PARTNERS.items()}
    files["content/de/2024/a.md"] = release("Alle", f"date: 2024-07-17\npartners: [{every}]\ntopics: [energy]\n")
    files["content/ja/2024/a.md"] = release("すべて")
    files["content/en/2024/a.md"] = release("All")
    site = scratch_site(files)
    run = site.build()
    assert run.code == 0, run.stderr
    assert "0 warning(s)" in run.stdout, run.stderr
    return site


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_the_home_page_and_a_topic_page_list_partners_in_the_readers_order(ordered_site, lang) -> None:
    assert partner_names(ordered_site, f"/{lang}/") == IN_ORDER[lang]
    assert partner_names(ordered_site, f"/{lang}/topics/energy/") == IN_ORDER[lang]


def test_the_index_lists_a_countrys_partners_by_start_then_name(ordered_site) -> None:
    japan = {
        "de": ["Stadt Hitachi", "Präfektur Hyogo", "Präfektur Kanagawa"],
        "ja": ["神奈川県", "日立市", "兵庫県"],
        "en": ["City of Hitachi", "Hyogo Prefecture", "Kanagawa Prefecture"],
    }
    for lang, names in japan.items():
        listed = [n for n in partner_names(ordered_site, f"/{lang}/partners/") if n in names]
        # Grouped by country, then on the timeline: each in the reader's order of names (all began on one day).
        assert listed == names + names, lang


def test_a_japanese_name_with_kanji_and_no_reading_is_warned_of_and_listed_after_the_others(scratch_site) -> None:
    site = scratch_site(
        {
            "content/partners/liaoning.yaml": partner("Provinz Liaoning", "遼寧省", "Liaoning Province", "CN"),
            "content/partners/burundi.yaml": PARTNERS["burundi"],
            "content/partners/california.yaml": PARTNERS["california"],  # kana and a designation: read alone
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    run = check(site, "--strict")
    assert run.code != 0
    (warning,) = [line for line in run.stderr.splitlines() if "warning:" in line]
    assert warning.startswith("content/partners/liaoning.yaml:1: warning: name: the Japanese name '遼寧省' has kanji")
    assert "'reading: …'" in warning
    built = site.build()
    assert built.code == 0, built.stderr
    assert partner_names(site, "/ja/") == ["神奈川県", "カリフォルニア州", "ブルンジ", "遼寧省"]


@pytest.mark.parametrize("reading", ["kanagawa", "神奈川けん", "'かながわ けん'", "[かながわけん]", "1989"])
def test_a_reading_not_in_kana_is_an_error_at_its_line(scratch_site, reading) -> None:
    site = scratch_site(
        {
            "content/partners/hyogo.yaml": partner(
                "Präfektur Hyogo", "兵庫県", "Hyogo Prefecture", "JP", f"reading: {reading}\n"
            ),
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    run = check(site)
    assert run.code == 1
    said = [line for line in run.stderr.splitlines() if "hyogo.yaml" in line]
    assert said[0].startswith("content/partners/hyogo.yaml:2: error: reading: "), said
    assert "is not written in kana" in said[0]


def test_a_changed_reading_reorders_the_lists_of_the_next_build(ordered_site) -> None:
    name = ordered_site.root / "content/partners/jiangsu.yaml"
    name.write_text(name.read_text(encoding="utf-8").replace("こうそしょう", "ちゃんすー"), encoding="utf-8")
    run = ordered_site.build()
    assert run.code == 0, run.stderr
    moved = ["ウッチ県", "神奈川県", "カリフォルニア州", "スヴェルドロフスク州", "江蘇省", "バイーア州"]
    assert partner_names(ordered_site, "/ja/")[:6] == moved
    assert partner_names(ordered_site, "/ja/topics/energy/")[:6] == moved
