"""An untranslated copy published as it is: what of it is still its original's language says so
(``lang``), on its own page, on every list and in its language's feed, and a quick rebuild marks
it as a full build does."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from pressroom.pipeline.building import build
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .conftest import ScratchSite
from .test_incremental import assert_same_as_full_build

GERMAN_TEXT = "Baden-Württemberg und Kanagawa arbeiten beim Wasserstoff ([ME-BYO]{lang=en}) enger zusammen."


def version(title: str, body: str, summary: str = "", untranslated: bool = False, day: str = "2026-03-02") -> str:
    mark = "untranslated: true\n" if untranslated else ""
    return f'---\ntitle: {title}\ndate: {day}\nsummary: "{summary}"\npartners: [kanagawa]\n{mark}---\n\n{body}\n'


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    title = "Wasserstoff-Kooperation mit Kanagawa"
    return scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            # Copied whole into Japanese; in English the title alone (the body as `new` leaves it).
            "content/de/2026/wasserstoff.md": version(title, GERMAN_TEXT, "Ein neues Abkommen."),
            "content/ja/2026/wasserstoff.md": version(title, GERMAN_TEXT, "Ein neues Abkommen.", untranslated=True),
            "content/en/2026/wasserstoff.md": version(title, "Write the text of the press release here.", "", True),
            # Its title translated, the rest not yet: Japanese is not marked as German.
            "content/de/2026/besuch.md": version("Besuch aus Kanagawa", "Ein Besuch.", day="2026-03-01"),
            "content/ja/2026/besuch.md": version(
                "神奈川県から訪問団", "Ein Besuch.", untranslated=True, day="2026-03-01"
            ),
            "content/en/2026/besuch.md": version("Visit from Kanagawa", "A visit.", day="2026-03-01"),
        }
    )


def page(site: ScratchSite, url: str) -> str:
    return (site.output / url / "index.html").read_text(encoding="utf-8")


def test_a_copys_texts_in_its_originals_language_are_marked_with_it(site) -> None:
    build(site.root, site.output, search="off")
    copy = page(site, "ja/releases/2026/wasserstoff")
    assert '<h1 lang="de" data-pagefind-ignore>Wasserstoff-Kooperation mit Kanagawa</h1>' in copy
    assert '<p class="lead" lang="de">Ein neues Abkommen.</p>' in copy
    assert '<div class="body prose" lang="de">' in copy
    assert '<span aria-current="page" lang="de">Wasserstoff-Kooperation mit Kanagawa</span>' in copy
    # The English copy's title is German; its body (the sample sentence) is English.
    english = page(site, "en/releases/2026/wasserstoff")
    assert '<h1 lang="de" data-pagefind-ignore>' in english
    assert '<div class="body prose">' in english
    # The original, and a version translated, carry none.
    assert "<h1 data-pagefind-ignore>" in page(site, "de/releases/2026/wasserstoff")
    assert '<h1 lang="de"' not in page(site, "en/releases/2026/besuch")
    translated_title = page(site, "ja/releases/2026/besuch")
    assert '<h1 data-pagefind-ignore><span class="phrases">神奈川' in translated_title
    assert '<div class="body prose" lang="de">' in translated_title  # its body is still the German one


def test_lists_feeds_and_neighbours_mark_a_copys_title(site) -> None:
    build(site.root, site.output, search="off")
    listing = page(site, "ja/releases")
    assert re.search(r'<h2 class="card-title" lang="de"><a [^>]*>Wasserstoff-Kooperation', listing)
    assert re.search(r'<p class="summary" lang="de">Ein neues Abkommen\.', listing)
    assert re.search(r'<h2 class="card-title"><a [^>]*>(<[^>]+>)*神奈川', listing)
    # The older release names the copy as the newer one.
    assert re.search(r'rel="next" lang="de">Wasserstoff-Kooperation', page(site, "ja/releases/2026/besuch"))
    feed = (site.output / "ja" / "feed.xml").read_text(encoding="utf-8")
    assert '<title xml:lang="de">Wasserstoff-Kooperation mit Kanagawa</title>' in feed
    assert '<summary xml:lang="de">Ein neues Abkommen.</summary>' in feed


def test_a_quick_rebuild_after_the_original_changes_marks_the_copy_as_a_full_build(site, tmp_path: Path) -> None:
    result = build(site.root, site.output, search="off", keep=True)
    assert result.rendered is not None
    quick = QuickSite.of(result.rendered)
    assert '<div class="body prose" lang="de">' in page(site, "ja/releases/2026/wasserstoff")
    original = site.root / "content/de/2026/wasserstoff.md"
    original.write_text(original.read_text(encoding="utf-8").replace("enger", "noch enger"), encoding="utf-8")
    rebuilt = quick_rebuild(quick, [original], site.output)
    assert rebuilt is not None and not [p for p in rebuilt.problems.items if p.severity == "error"]
    # The copy's body is no longer the original's word for word: no longer marked as it.
    assert '<div class="body prose">' in page(site, "ja/releases/2026/wasserstoff")
    assert_same_as_full_build(site, tmp_path)


def test_a_feed_entry_names_no_untranslated_copy_as_a_version(site) -> None:
    build(site.root, site.output, search="off")
    feed = (site.output / "de" / "feed.xml").read_text(encoding="utf-8")
    related = re.findall(
        r'<link rel="related" type="text/html" hreflang="(\w+)" href="[^"]*/releases/2026/(\w+)/"', feed
    )
    assert sorted(related) == [("en", "besuch")]


def search_metadata(html: str) -> tuple[list[list[str]], str]:
    """The foreign parts and the body's language a page hands the search index."""
    parts = re.search(r'data-pagefind-meta="parts:([^"]*)"', html)
    body_lang = re.search(r'data-pagefind-meta="body_lang:([^"]*)"', html)
    return (json.loads(unescape(parts.group(1))) if parts else []), (body_lang.group(1) if body_lang else "")


def test_a_copys_search_results_are_told_which_of_its_texts_are_in_another_language(scratch_site) -> None:
    """The search page showed a copy's German title and text on the Japanese search page as
    Japanese: the page hands the index what its own marks say, for the search page to mark."""
    title, summary = "Wasserstoff-Kooperation mit Kanagawa", "Ein neues Abkommen."
    body = "Kanagawa fördert die [ME-BYO]{lang=en}-Industrie ([未病]{lang=ja})."
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2026/wasserstoff.md": version(title, body, summary),
            "content/ja/2026/wasserstoff.md": version(title, body, summary, untranslated=True),
            "content/en/2026/wasserstoff.md": version(title, "Write the text here.", "", True),
            "content/de/2026/besuch.md": version("Besuch aus Kanagawa", "Ein Besuch.", day="2026-03-01"),
            "content/ja/2026/besuch.md": version(
                "神奈川県から訪問団", "Ein Besuch.", untranslated=True, day="2026-03-01"
            ),
            "content/de/pages/about.md": "---\ntitle: Über uns\n---\n\nDas Staatsministerium.\n",
            "content/en/pages/about.md": "---\ntitle: Über uns\nuntranslated: true\n---\n\nDas Staatsministerium.\n",
        }
    )
    build(site.root, site.output, search="off")
    # Copied whole: its title and summary, and its body as German, in which 未病 is Japanese.
    assert search_metadata(page(site, "ja/releases/2026/wasserstoff")) == (
        [["de", title], ["de", summary], ["en", "ME-BYO"], ["ja", "未病"]],
        "de",
    )
    # Its title alone: the body is English.
    assert search_metadata(page(site, "en/releases/2026/wasserstoff")) == ([["de", title]], "")
    # Its title translated, its body not: the Japanese title stands out of the German body.
    assert search_metadata(page(site, "ja/releases/2026/besuch")) == ([["ja", "神奈川県から訪問団"]], "de")
    assert search_metadata(page(site, "en/about")) == ([["de", "Über uns"]], "de")
    # The original hands only its own parts.
    assert search_metadata(page(site, "de/releases/2026/wasserstoff")) == ([["en", "ME-BYO"], ["ja", "未病"]], "")


def test_a_cantonese_copys_title_written_in_chinese_is_its_own(scratch_site) -> None:
    """Cantonese (``yue``) writes Han characters as Chinese does: a copy's title translated into
    it, its text not yet, was marked German, and read with a German voice."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de, yue]\n",
            "content/de/2026/besuch.md": "---\ntitle: Besuch aus Guangdong\ndate: 2026-03-01\n---\n\nEin Besuch.\n",
            "content/yue/2026/besuch.md": "---\ntitle: 廣東代表團到訪\nuntranslated: true\n---\n\nEin Besuch.\n",
        },
        with_defaults=False,
    )
    build(site.root, site.output, search="off")
    copy = page(site, "yue/releases/2026/besuch")
    assert "<h1 data-pagefind-ignore>" in copy and "廣東代表團到訪" in copy and '<h1 lang="de"' not in copy
    assert '<div class="body prose" lang="de">' in copy  # its body is still the German one
