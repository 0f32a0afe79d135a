"""A Japanese partner name with kanji gives its reading in kana."""

from __future__ import annotations

import pytest

from .test_check_fixtures import check
from .test_translations import release


def partner(de: str, ja: str, en: str, country: str, extra: str = "", since: str = "1990") -> str:
    return (
        f"name: {{de: {de}, ja: {ja}, en: {en}}}\n{extra}country: {country}\nsince: {since}\nstatus: active\n"
        "summary: {de: Partner., ja: パートナー。, en: Partner.}\n"
    )


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


def test_a_japanese_name_with_kanji_and_no_reading_is_warned_of(scratch_site) -> None:
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
