"""How the site names a language listed with a region or script (``ja-JP``, ``de-AT``): by its
language alone, unless another of the site's languages is that language too."""

from __future__ import annotations

import re

from .conftest import all_html
from .test_translations import release

REGIONAL = {
    "site.yaml": "languages: [de, ja-JP, en]\n",
    "content/de/2024/a.md": release("Besuch", "date: 2024-07-17\nplace: Stuttgart\n"),
    "content/ja-JP/2024/a.md": release("訪問", "place: シュトゥットガルト\n"),
    "content/en/2024/a.md": release("Visit"),
    "content/de/2024/b.md": release("Nur deutsch", "date: 2024-07-18\n"),
    "content/ja-JP/2024/c.md": release("日本語だけ", "date: 2024-07-19\n"),
}
"""A site whose one Japanese is ``ja-JP``: a release in every language (the English version names
no place), one only in German, one only in Japanese."""


def _switcher(html: str) -> dict[str, str]:
    """lang → the name the language switcher shows for it."""
    nav = html[html.index('<nav class="language-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    return dict(re.findall(r'lang="([^"]+)">(?:<span[^>]*>)?([^<]+)<', nav))


def test_a_language_with_a_region_is_named_by_its_language_alone(scratch_site):
    """``languages: [de, ja-JP, en]``: the switcher and the chooser said 日本語 (日本), the
    German pages Japanisch (Japan), a ministry's site with one Japanese says 日本語."""
    site = scratch_site(REGIONAL, with_defaults=False)
    run = site.build()
    assert run.code == 0, run.stderr
    for url in ("/de/releases/2024/a/", "/ja-JP/releases/2024/a/", "/en/releases/"):
        assert _switcher(site.page(url).html) == {"de": "Deutsch", "ja-JP": "日本語", "en": "English"}, url
    chooser = site.page("/").html
    assert re.findall(r'<span class="choice-name">([^<]+)</span>', chooser) == ["Deutsch", "日本語", "English"]
    # A German release missing in Japanese, and the card of the Japanese one on the German year's list.
    missing = "Diese Pressemitteilung ist weder auf Japanisch noch auf Englisch verfügbar."
    assert missing in site.page("/de/releases/2024/b/").text
    assert "auf Japanisch verfügbar" in site.page("/de/releases/2024/").text
    assert "新しい順に並べた日本語のプレスリリース一覧" in site.page("/ja-JP/releases/").html
    for path in all_html(site.output):
        html = path.read_text(encoding="utf-8")
        for named in ("日本語 (日本)", "日本語（日本）", "Japanisch (Japan)", "Japanese (Japan)"):
            assert named not in html, (path, named)


def test_two_varieties_of_one_language_are_told_apart_and_another_is_not(scratch_site):
    """``de-DE`` beside ``de-AT`` keep the region that tells them apart; ``ja-JP`` beside them,
    the site's one Japanese, does not."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de-DE, de-AT, ja-JP]\n",
            "content/de-DE/2024/a.md": release("Besuch", "date: 2024-07-17\n"),
            "content/de-AT/2024/a.md": release("Besuch"),
            "content/ja-JP/2024/a.md": release("訪問"),
            "content/de-DE/2024/b.md": release("Nur hier", "date: 2024-07-18\n"),
        },
        with_defaults=False,
    )
    run = site.build()
    assert run.code == 0, run.stderr
    own = {"de-DE": "Deutsch (Deutschland)", "de-AT": "Deutsch (Österreich)", "ja-JP": "日本語"}
    assert _switcher(site.page("/de-DE/releases/2024/a/").html) == own
    assert _switcher(site.page("/ja-JP/releases/2024/a/").html) == own
    chooser = site.page("/").html
    assert re.findall(r'<span class="choice-name">([^<]+)</span>', chooser) == list(own.values())
    missing = site.page("/de-DE/releases/2024/b/").text
    assert "weder auf Deutsch (Österreich) noch auf Japanisch verfügbar" in missing, missing


def test_the_status_page_names_a_language_with_a_region_by_its_language(scratch_site):
    """The translation office's page headed its ja-JP column Japanisch (Japan) and said where the
    Japanese version names its place as 日本語 (日本)版."""
    site = scratch_site(REGIONAL, with_defaults=False)
    out = site.root / "status.html"
    run = site.run("status", "--source", str(site.root), "--html", str(out))
    assert run.code == 0, run.stderr
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', out.read_text(encoding="utf-8"))
    assert '<th scope="col">Japanisch</th>' in german and '<th scope="col">日本語</th>' in japanese
    assert '<th scope="col">Japanese</th>' in english
    # Each section lists a text by its title in the section's language: the ja-JP version's here.
    assert "訪問" in japanese and "Besuch" not in japanese
    assert 'Japanisch: „<span lang="ja-JP">シュトゥットガルト</span>“' in german
    assert "(Japan)" not in german + english and "（日本）" not in japanese and "(日本)" not in japanese
    plain = site.run("status", "--source", str(site.root))
    assert "Japanese: “シュトゥットガルト”" in plain.stdout, plain.stdout
