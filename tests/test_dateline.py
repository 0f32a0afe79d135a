"""A release's place of issue (``place:``): checked like every field, shown as each language's
press office writes its dateline, told to search engines, and carried by ``new``, ``export`` and
``import``."""

from __future__ import annotations

import json
import re
from html import unescape

from .test_content_status import confirm
from .test_copied_lang import search_metadata
from .test_exchange import _export, _translate_xliff
from .test_translations import release

SITE = "locales: {en: en_GB}\n"
VERSIONS = {
    "site.yaml": SITE,
    "content/de/2024/besuch.md": release(
        "Besuch aus Kanagawa", "date: 2024-07-17\nplace: Stuttgart\n", "Der Gouverneur kam.\n\nZweiter Absatz."
    ),
    "content/ja/2024/besuch.md": release("神奈川県知事の訪問", "place: シュトゥットガルト\n", "知事が訪れました。"),
    "content/en/2024/besuch.md": release("Visit from Kanagawa", "place: Stuttgart\n", "The governor came."),
}


def _tagless(html: str) -> str:
    # HTML's white space only: a full-width space (U+3000) is text a reader sees.
    return re.sub(r"[ \t\n\r\f]+", " ", unescape(re.sub(r"<[^>]*>", "", html))).strip(" ")


def _opening(site, url: str) -> str:
    """The text of the first block of a release's body, as a reader reads it."""
    found = re.search(r'<div class="body prose"[^>]*>\s*(<(p|h2)\b.*?</\2>)', site.page(url).html, re.DOTALL)
    assert found, url
    return _tagless(found.group(1))


def _header(site, url: str) -> str:
    found = re.search(r'<p class="meta" data-pagefind-ignore>(.*?)</p>', site.page(url).html, re.DOTALL)
    assert found, url
    return _tagless(found.group(1))


def _article(site, url: str) -> dict:
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', site.page(url).html, re.DOTALL):
        data = json.loads(script)
        if data.get("@type") == "NewsArticle":
            return data
    raise AssertionError(f"{url}: no NewsArticle")


def test_a_place_that_is_not_one_text_is_an_error_at_its_line(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\nplace: [Stuttgart, Yokohama]\n"),
            "content/ja/2024/x.md": release("訪問", "place: {de: Stuttgart, ja: シュトゥットガルト}\n"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    said = run.stdout + run.stderr
    assert "Traceback" not in said
    assert (
        "content/de/2024/x.md:4: error: place: expected text, not a list; write two places as one, like"
        " 'Stuttgart/Yokohama'"
    ) in said
    assert (
        "content/ja/2024/x.md:3: error: place: expected text, not a mapping (key: value lines); each language's"
        " version names the place in its own file, in its own language: 'place: Stuttgart' in German,"
        " 'place: シュトゥットガルト' in Japanese"
    ) in said
    assert "unknown field" not in said


def test_a_place_given_with_its_date_or_the_datelines_own_marks_is_warned(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\nplace: Stuttgart, 17. Juli 2024\n"),
            "content/ja/2024/x.md": release("訪問", "place: 2024年7月17日 シュトゥットガルト\n"),
            "content/en/2024/x.md": release("Visit", "place: 'STUTTGART,'\n"),
            # The Japanese header says 「2024年7月17日　シュトゥットガルト発」: copied into place:, 発 showed twice.
            "content/de/2024/y.md": release("Besuch", "date: 2024-07-18\nplace: Stuttgart\n"),
            "content/ja/2024/y.md": release("訪問", "place: シュトゥットガルト発\n"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    said = run.stdout + run.stderr
    assert run.code == 0, said
    assert (
        "content/de/2024/x.md:4: warning: place: 'Stuttgart, 17. Juli 2024' holds a date; write 'place: Stuttgart':"
        " the dateline takes its date from 'date:'"
    ) in said
    assert (
        "content/ja/2024/x.md:3: warning: place: '2024年7月17日 シュトゥットガルト' holds a date; write the place"
        " alone: the dateline takes its date from 'date:'"
    ) in said
    assert (
        "content/en/2024/x.md:3: warning: place: 'STUTTGART,' ends with ','; write the place alone: the dateline"
        " adds its own punctuation"
    ) in said
    assert (
        "content/ja/2024/y.md:3: warning: place: 'シュトゥットガルト発' ends with '発';"
        " write 'place: シュトゥットガルト': the dateline adds '発' itself"
    ) in said


def test_each_language_writes_its_dateline_as_its_press_offices_do(scratch_site):
    site = scratch_site(VERSIONS)
    run = site.build()
    assert run.code == 0, run.stderr
    # German and English open the text with it (the stylesheet sets the English place in capitals),
    # its dash held to the date by a no-break space: a line never starts with it.
    assert _opening(site, "/de/releases/2024/besuch/") == "Stuttgart, 17.\u00a0Juli 2024\u00a0– Der Gouverneur kam."
    assert _opening(site, "/en/releases/2024/besuch/") == "Stuttgart, 17\u00a0July 2024\u00a0– The governor came."
    assert _header(site, "/de/releases/2024/besuch/") == "Pressemitteilung · 17.\u00a0Juli 2024"
    # Japanese gives date and place in the header, and its text opens with its own words.
    assert _header(site, "/ja/releases/2024/besuch/") == "プレスリリース｜2024年7月17日　シュトゥットガルト発"
    assert _opening(site, "/ja/releases/2024/besuch/") == "知事が訪れました。"
    places = {lang: _article(site, f"/{lang}/releases/2024/besuch/")["locationCreated"] for lang in ("de", "ja", "en")}
    assert places == {
        "de": {"@type": "Place", "name": "Stuttgart"},
        "ja": {"@type": "Place", "name": "シュトゥットガルト"},
        "en": {"@type": "Place", "name": "Stuttgart"},
    }


def test_a_text_that_opens_otherwise_gets_its_dateline_on_a_line_of_its_own(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\nplace: Stuttgart/Yokohama\n", "## Ablauf"),
            "content/de/2024/y.md": release("Ohne Ort", "date: 2024-07-18\n", "Der Text."),
        }
    )
    assert site.build().code == 0
    html = site.page("/de/releases/2024/x/").html
    assert '<p class="dateline" data-pagefind-ignore><span class="dateline-place">Stuttgart/Yokohama</span>' in html
    assert _opening(site, "/de/releases/2024/x/") == "Stuttgart/Yokohama, 17.\u00a0Juli 2024"
    # Without a place, no dateline and nothing said of one.
    assert _opening(site, "/de/releases/2024/y/") == "Der Text."
    assert "dateline" not in site.page("/de/releases/2024/y/").html
    assert "locationCreated" not in site.page("/de/releases/2024/y/").html


def test_new_writes_the_place_to_fill_in(scratch_site):
    site = scratch_site({})
    run = site.run("new", "Besuch", "--source", str(site.root), "--date", "2025-03-04", "--place", "Stuttgart")
    assert run.code == 0, run.stderr
    assert 'place: "Stuttgart"\n' in (site.root / "content/de/2025/besuch.md").read_text(encoding="utf-8")
    assert site.build("--drafts").code == 0
    assert _opening(site, "/de/releases/2025/besuch/").startswith("Stuttgart, 4.\u00a0März 2025\u00a0– ")
    run = site.run("new", "Zweiter Besuch", "--source", str(site.root), "--date", "2025-03-05")
    assert run.code == 0, run.stderr
    for lang in ("de", "ja", "en"):
        assert 'place: ""\n' in (site.root / f"content/{lang}/2025/zweiter-besuch.md").read_text(encoding="utf-8")
    run = site.run("check", "--source", str(site.root), "--drafts")
    assert run.code == 0 and "place" not in run.stdout + run.stderr


def test_a_place_is_translated_and_its_change_outdates_the_other_versions(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\n", "Der Text."),
            "content/ja/2024/x.md": release("訪問", "", "本文。"),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md")
    german = site.root / "content/de/2024/x.md"
    german.write_text(german.read_text(encoding="utf-8").replace("date:", "place: Stuttgart\ndate:"), encoding="utf-8")
    status = json.loads(site.run("status", "--json", "--source", str(site.root)).stdout)
    [entry] = [e for e in status["releases"] if e["key"] == "2024/x"]
    assert entry["versions"]["ja"] == "outdated"

    [file] = _export(site, "--to", "ja", "content/de/2024/x.md")
    assert '<unit id="place" name="place of issue (dateline)">' in file.read_text(encoding="utf-8")
    _translate_xliff(file, lambda text: "シュトゥットガルト" if text == "Stuttgart" else f"訳{text}")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert "\nplace: シュトゥットガルト\n" in (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert site.build().code == 0
    assert _header(site, "/ja/releases/2024/x/") == "プレスリリース｜2024年7月17日　シュトゥットガルト発"


def test_an_untranslated_copy_with_a_place_tells_search_which_of_its_texts_are_in_another_language(scratch_site):
    """The dateline took the place of what a copy's page hands the search index: an English copy
    of a German release that names its place (as `new` writes it into every version) gave only
    its place, so the English search page showed its German title and text as English."""
    title, summary, body = "Besuch aus Kanagawa", "Ein Besuch.", "Der Gouverneur kam aus [Yokohama]{lang=en}."
    german = release(title, f"date: 2024-07-17\nsummary: {summary}\nplace: Stuttgart\n", body)
    copy = release(title, f"summary: {summary}\nplace: Stuttgart\nuntranslated: true\n", body)
    site = scratch_site({"content/de/2024/x.md": german, "content/en/2024/x.md": copy})
    assert site.build().code == 0
    html = site.page("/en/releases/2024/x/").html
    assert search_metadata(html) == ([["de", title], ["de", summary], ["en", "Yokohama"]], "de")
    # The dateline is the English page's own, its place still the German text's.
    opening = "Stuttgart, July\u00a017, 2024\u00a0– Der Gouverneur kam aus Yokohama."
    assert _opening(site, "/en/releases/2024/x/") == opening
    assert '<span class="dateline" lang="en" data-pagefind-ignore><span class="dateline-place" lang="de">' in html


def test_a_version_that_names_no_place_where_another_names_one_is_warned_at_its_line(scratch_site):
    site = scratch_site(
        {
            **VERSIONS,  # each names it in its own words: Stuttgart, シュトゥットガルト, Stuttgart
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-18\nplace: Stuttgart\n"),
            "content/ja/2024/x.md": release("訪問", "place: シュトゥットガルト\n"),
            "content/en/2024/x.md": release("Visit", 'place: ""\n'),
            "content/de/2024/y.md": release("Treffen", "date: 2024-07-19\n"),
            "content/en/2024/y.md": release("Meeting", "place: Stuttgart\n"),
            # Under embargo: told now, not by the scheduled run that would publish it.
            "content/de/2024/z.md": release(
                "Später", "date: 2024-07-20\npublish: 2099-01-01T09:00+01:00\nplace: Stuttgart\n"
            ),
            "content/en/2024/z.md": release("Later"),
        }
    )
    run = site.run("check", "--strict", "--source", str(site.root))
    assert run.code == 1
    none = "warning: place: this version names no place, so its page has no dateline, while"
    give = "give this version's 'place:' too, in its language"
    assert [line for line in run.stderr.splitlines() if line.startswith("content/")] == [
        f"content/de/2024/y.md:2: {none} content/en/2024/y.md names 'Stuttgart': {give}",
        f"content/en/2024/x.md:3: {none} content/de/2024/x.md names 'Stuttgart' and content/ja/2024/x.md"
        f" 'シュトゥットガルト': {give}",
        f"content/en/2024/z.md:2: {none} content/de/2024/z.md names 'Stuttgart': {give}",
    ]


def test_an_untranslated_copy_shows_its_originals_place_until_it_names_its_own(scratch_site):
    site = scratch_site(
        {
            "site.yaml": SITE,
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\nplace: Stuttgart\n", "Der Gouverneur kam."),
            # As `build.py new` leaves the copies: an empty place, or none.
            "content/ja/2024/x.md": release("Besuch", 'place: ""\nuntranslated: true\n', "Der Gouverneur kam."),
            "content/en/2024/x.md": release("Besuch", "untranslated: true\n", "Der Gouverneur kam."),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert "place" not in run.stderr  # warned as untranslated copies, and that is all
    assert _header(site, "/ja/releases/2024/x/") == "プレスリリース｜2024年7月17日　Stuttgart発"
    assert '<span class="dateline-place" lang="de">Stuttgart</span>' in site.page("/ja/releases/2024/x/").html
    assert _opening(site, "/en/releases/2024/x/") == "Stuttgart, 17\u00a0July 2024\u00a0– Der Gouverneur kam."
    assert _article(site, "/en/releases/2024/x/")["locationCreated"] == {"@type": "Place", "name": "Stuttgart"}


def test_a_place_on_a_standalone_page_is_told_to_be_a_releases(scratch_site):
    site = scratch_site(
        {
            "content/de/pages/about.md": release("Über uns", "place: Stuttgart\n"),
            # A release put under pages/: its place is told with its date.
            "content/de/pages/besuch.md": release("Besuch", "date: 2025-03-04\nplace: Stuttgart\n"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    moved = "is a release's field, not a page's: files under pages/ are standalone pages (about, imprint); move"
    assert [line for line in run.stderr.splitlines() if line.startswith("content/")] == [
        "content/de/pages/about.md:3: error: 'place' is a release's field, not a page's: a standalone page"
        " (about, imprint) has no dateline to name a place in; remove the line",
        f"content/de/pages/besuch.md:3: error: 'date' {moved} a release to its year's folder, content/de/<year>/",
        f"content/de/pages/besuch.md:4: error: 'place' {moved} a release to its year's folder, content/de/<year>/",
    ]


def test_a_place_taken_out_of_one_version_after_a_build_is_warned_by_the_next(scratch_site):
    site = scratch_site(VERSIONS)
    assert site.build().code == 0
    english = site.root / "content/en/2024/besuch.md"
    english.write_text(english.read_text(encoding="utf-8").replace("place: Stuttgart", 'place: ""'), encoding="utf-8")
    run = site.build()
    assert "content/en/2024/besuch.md:3: warning: place: this version names no place" in run.stderr


def test_a_place_edited_in_the_original_is_its_untranslated_copys_in_a_quick_rebuild(scratch_site, tmp_path):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\nplace: Stuttgart\ndraft: true\n"),
            "content/ja/2024/x.md": release("Besuch", "untranslated: true\ndraft: true\n"),
        }
    )
    assert site.build("--drafts").code == 0
    german = site.root / "content/de/2024/x.md"
    german.write_text(german.read_text(encoding="utf-8").replace("Stuttgart", "Esslingen"), encoding="utf-8")
    run = site.build("--drafts")
    assert run.code == 0 and "the rest kept" in run.stdout, run.stdout + run.stderr
    assert _header(site, "/ja/releases/2024/x/") == "プレスリリース｜2024年7月17日　Esslingen発"
