"""``status --html FILE``: the translation state of every release and page for a translation office."""

from __future__ import annotations

import re

from .test_content_status import confirm, edit
from .test_translations import release
from .test_translator_diff import _git


def confirmed_and_committed(site) -> None:
    """Every version of content/*/2024/x.md confirmed, and the site committed: a change is then counted."""
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md", "content/en/2024/x.md")
    _git(site.root, "init", "-q")
    _git(site.root, "add", ".")
    _git(site.root, "commit", "-q", "-m", "start")


def test_the_status_page_shows_states_counts_and_links_in_three_languages(scratch_site):
    site = scratch_site(
        {
            "site.yaml": "base_url: https://press.example/\nlocales: {en: en_GB}\n",
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\nslug: erklaerung\n", "Ein Text hier."),
            "content/ja/2024/x.md": release("宣言", "", "本文。"),
            "content/en/2024/x.md": release("Declaration", "", "A text here."),
            "content/de/pages/about.md": release("Über uns"),
        }
    )
    confirmed_and_committed(site)
    edit(site, "content/de/2024/x.md", "Ein Text hier.", "Ein neuer, längerer Text hier.")

    out = site.root / "status.html"
    run = site.run("status", "--source", str(site.root), "--html", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text()
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    for lang, heading in (("de", "Stand der Übersetzungen"), ("ja", "翻訳の状況"), ("en", "Translation status")):
        assert f'<section id="{lang}" lang="{lang}"' in html
        assert heading in html
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', html)
    # German reader: the Japanese and English versions are outdated by 2 changed German words ("neuer", "längerer").
    assert german.count('<td class="outdated"><span class="state">veraltet</span>') == 2
    assert "2 Wörter geändert in: Deutsch" in german
    assert '<td class="missing"><span class="state">fehlt</span>' in german  # the page has no ja or en version
    assert '<a class="detail" href="https://press.example/de/releases/2024/erklaerung/" hreflang="de">' in german
    assert "Datei: content/ja/2024/x.md" in german
    assert "ドイツ語で2語の変更" in japanese and "要更新" in japanese
    # Japanese punctuation on the Japanese section: a full-width colon, no ASCII ": " or "; ".
    assert "ファイル：content/ja/2024/x.md" in japanese
    assert "英語</strong>：最新 0件、要更新 1件、未翻訳 0件、未作成 1件、変更 2語" in japanese
    assert "2 words changed in German" in english
    assert "English</strong>: 0 up to date, 1 outdated, 0 untranslated, 1 missing; 2 changed words" in english
    # Titles are marked with the language they are in.
    assert '<span lang="ja">宣言</span>' in japanese and '<span lang="de">Über uns</span>' in english


def test_the_status_page_names_untranslated_scaffolds(scratch_site):
    site = scratch_site({})
    assert site.run("new", "Besuch", "--source", str(site.root), "--date", "2025-03-04").code == 0
    out = site.root / "status.html"
    assert site.run("status", "--source", str(site.root), "--html", str(out)).code == 0
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', out.read_text())
    assert german.count('<td class="untranslated"><span class="state">unübersetzt (Entwurf)</span>') == 2
    assert japanese.count('<td class="untranslated"><span class="state">未翻訳（下書き）</span>') == 2
    assert "English</strong>: 0 up to date, 0 outdated, 1 untranslated, 0 missing" in english


def test_the_status_page_never_replaces_one_of_the_site_s_own_files(scratch_site):
    site = scratch_site({"content/de/2024/x.md": release("A", "date: 2024-07-17\n")})
    (site.root / "site.yaml").write_text("title: {de: T, ja: T, en: T}\n", encoding="utf-8")
    (site.root / "templates").mkdir()
    for name, said in (
        ("site.yaml", "the status page is an HTML file; give a name ending in .html"),
        ("content/de/2024/x.md", "the status page is an HTML file; give a name ending in .html"),
        ("content/de/status.html", "is inside the site's content; write the status page outside it"),
        ("templates/status.html", "is inside the site's templates; write the status page outside it"),
    ):
        before = {path: path.read_bytes() for path in site.root.rglob("*") if path.is_file()}
        run = site.run("status", "--source", str(site.root), "--html", str(site.root / name))
        assert run.code == 2, name
        assert said in run.stderr, name
        assert {path: path.read_bytes() for path in site.root.rglob("*") if path.is_file()} == before, name


def test_the_status_page_is_never_written_into_a_build_output(scratch_site, tmp_path):
    site = scratch_site({"content/de/2024/x.md": release("A", "date: 2024-07-17\n")})
    assert site.build().code == 0  # into site.output, a folder outside the site root
    (site.root / "site").mkdir()
    for folder in (site.root / "site", site.root / ".preview", site.output, site.output / "de"):
        target = folder / "status.html"
        run = site.run("status", "--source", str(site.root), "--html", str(target))
        assert run.code == 2, folder
        assert "which every build replaces; write the status page outside it" in run.stderr, folder
        assert not target.exists()
    assert site.run("status", "--source", str(site.root), "--html", str(tmp_path / "status.html")).code == 0


def test_status_json_and_html_together_is_a_usage_error(scratch_site, tmp_path):
    site = scratch_site({"content/de/2024/x.md": release("A", "date: 2024-07-17\n")})
    run = site.run("status", "--source", str(site.root), "--json", "--html", str(tmp_path / "status.html"))
    assert run.code == 2
    assert "argument --html: not allowed with argument --json" in run.stderr
    assert run.stdout == "" and not (tmp_path / "status.html").exists()


PLACES = {
    "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\nplace: Stuttgart\n", "Text."),
    "content/ja/2024/x.md": release("宣言", "place: シュトゥットガルト\n", "本文。"),
    "content/en/2024/x.md": release("Declaration", "", "Text."),
    # Named by no version: no dateline anywhere, nothing to tell.
    "content/de/2024/y.md": release("Besuch", "date: 2024-07-18\n", "Text."),
    "content/en/2024/y.md": release("Visit", "", "Text."),
}
"""A release whose English version names no place where the others name theirs, and one that names none."""


def test_the_status_page_tells_a_version_that_names_no_place_where_another_names_one(scratch_site):
    site = scratch_site(PLACES)
    out = site.root / "status.html"
    run = site.run("status", "--source", str(site.root), "--html", str(out))
    assert run.code == 0, run.stderr
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', out.read_text())
    places = '<span lang="de">Stuttgart</span>{0}<span lang="ja">シュトゥットガルト</span>'
    # In the English version's cell, with each place the others name, marked with its language.
    english_cell = '</span><a class="detail" href="/en/releases/2024/x/" hreflang="en">'
    assert german.count("Ortsangabe fehlt (") == 1
    de = '<span class="detail">Ortsangabe fehlt (Deutsch: „' + places.format("“, Japanisch: „") + "“)"
    assert de + english_cell in german
    ja = '<span class="detail">発信地未記入（ドイツ語版「' + places.format("」、日本語版「") + "」）"
    assert ja + english_cell in japanese
    en = '<span class="detail">place missing (German: “' + places.format("”, Japanese: “") + "”)"
    assert en + english_cell in english
    assert "“Place missing” means other versions name the place of issue (place:)" in english
    # The check says the same of the same version.
    assert site.run("check", "--source", str(site.root)).stderr.count(": warning: place: ") == 1


def test_the_plain_status_tells_a_version_that_names_no_place_in_the_pages_words(scratch_site):
    """The page `status --html` writes told it; the table an editor prints did not."""
    site = scratch_site({**PLACES, "content/de/pages/about.md": release("Über uns")})
    run = site.run("status", "--source", str(site.root))
    assert run.code == 0, run.stderr
    told = [line for line in run.stdout.splitlines() if "place" in line]
    assert told == [
        "content/en/2024/x.md: place missing (German: “Stuttgart”, Japanese: “シュトゥットガルト”): its page has no"
        " dateline; give this version's 'place:' too, in its language"
    ]


SHORT_TEXTS = {
    "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", "Ein Text hier."),
    "content/ja/2024/x.md": release("宣言", "", "本文です。"),
    "content/en/2024/x.md": release("Declaration", "", "A text here."),
}
"""A release in three versions of a sentence each, whose changes are counted."""


def test_changed_characters_and_words_are_counted_apart(scratch_site):
    """Japanese changes are counted in characters, German ones in words: where both changed, the
    page added them into one number of "words" (2 words and 4 characters: "6 words")."""
    site = scratch_site(SHORT_TEXTS)
    confirmed_and_committed(site)
    edit(site, "content/de/2024/x.md", "Ein Text hier.", "Ein neuer, längerer Text hier.")
    edit(site, "content/ja/2024/x.md", "本文です。", "新しい本文です。")
    out = site.root / "status.html"
    assert site.run("status", "--source", str(site.root), "--html", str(out)).code == 0
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', out.read_text())
    # The English version's cell, and its column's total.
    assert "2 Wörter und 3 Zeichen geändert in: Deutsch, Japanisch" in german
    assert "0 fehlend; 2 geänderte Wörter und 3 geänderte Zeichen</li>" in german
    assert "ドイツ語、日本語で2語・3文字の変更" in japanese
    assert "未作成 0件、変更 2語・3文字</li>" in japanese
    assert "2 words and 3 characters changed in German, Japanese" in english
    assert "0 missing; 2 changed words and 3 changed characters</li>" in english
    # The Japanese version, outdated by German alone, and the German one by Japanese alone.
    assert "2 Wörter geändert in: Deutsch" in german and "3 Zeichen geändert in: Japanisch" in german
    assert "3 characters changed in Japanese" in english and "日本語で3文字の変更" in japanese
    table = site.run("status", "--source", str(site.root)).stdout
    assert "en: 0 ok, 1 outdated (2 changed words and 3 changed characters), 0 untranslated, 0 missing" in table
    said = "content/en/2024/x.md: outdated: de, ja changed since it was confirmed (de: 2 words, ja: 3 characters)"
    assert said in table


def test_one_changed_character_and_a_size_partly_unknown_are_said_as_such(scratch_site):
    """German said "1 geänderte Zeichen"; and beside a known amount, "Umfang unbekannt" read as if
    the amount shown were unknown too, where only the other language's change has no history."""
    site = scratch_site(SHORT_TEXTS)
    confirmed_and_committed(site)
    edit(site, "content/ja/2024/x.md", "本文です。", "新本文です。")
    out = site.root / "status.html"
    assert site.run("status", "--source", str(site.root), "--html", str(out)).code == 0
    german = out.read_text().split('<section id="ja"')[0]
    assert "1 Zeichen geändert in: Japanisch" in german
    assert "1 geändertes Zeichen</li>" in german

    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md", "content/en/2024/x.md")
    _git(site.root, "add", "content/de")  # the Japanese version's confirmed text is in no history
    _git(site.root, "commit", "-q", "-m", "German confirmed")
    edit(site, "content/de/2024/x.md", "Ein Text hier.", "Ein neuer Text hier.")
    edit(site, "content/ja/2024/x.md", "新本文です。", "新しい本文です。")
    assert site.run("status", "--source", str(site.root), "--html", str(out)).code == 0
    german, japanese, english = re.split(r'<section id="(?:ja|en)"', out.read_text())
    assert "1 Wort geändert in: Deutsch, Japanisch; Umfang teils unbekannt (keine Versionsgeschichte)" in german
    assert "ドイツ語、日本語で1語の変更、一部の変更量は不明（履歴なし）" in japanese
    assert "1 word changed in German, Japanese; size partly unknown (no history)" in english
