"""An untranslated copy in its language's feeds, as an XML parser reads them: each title, summary,
content and author of an entry is in the language ``xml:lang`` gives it, inherited from the feed where
it says none. A copy's German text in the Japanese and English feeds is German (a reader read
it with a Japanese voice and font), the feed stays the feed's language, and a part of the body
marked in another language stays marked inside the content."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from pressroom.pipeline.building import build
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .test_copied_lang import site, version  # noqa: F401  (site: a fixture used below, a German release copied)
from .test_incremental import assert_same_as_full_build

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entry_languages(path: Path) -> tuple[str, dict[str, dict[str, str]]]:
    """The feed's ``xml:lang``, and by entry (its page's path) the language each of its title,
    summary and content is in: its own ``xml:lang``, else the nearest ancestor's."""
    root = ET.parse(path).getroot()
    feed_lang = root.attrib[XML_LANG]
    found: dict[str, dict[str, str]] = {}
    for entry in root.iter(f"{ATOM}entry"):
        entry_lang = entry.get(XML_LANG, feed_lang)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None
        found[urlsplit(link.attrib["href"]).path] = {
            name: text.get(XML_LANG, entry_lang)
            for name in ("title", "summary", "content")
            if (text := entry.find(f"{ATOM}{name}")) is not None
        }
    return feed_lang, found


def test_a_copys_texts_in_the_japanese_and_english_feeds_are_in_their_own_language(site) -> None:  # noqa: F811
    build(site.root, site.output, search="off")
    german = {"title": "de", "summary": "de", "content": "de"}
    assert entry_languages(site.output / "ja/feed.xml") == (
        "ja",
        {
            "/ja/releases/2026/wasserstoff/": german,
            "/ja/releases/2026/besuch/": {"title": "ja", "summary": "de", "content": "de"},
        },
    )
    # The English copy's title alone is German; its summary is its sample text's opening.
    assert entry_languages(site.output / "en/feed.xml") == (
        "en",
        {
            "/en/releases/2026/wasserstoff/": {"title": "de", "summary": "en", "content": "en"},
            "/en/releases/2026/besuch/": {"title": "en", "summary": "en", "content": "en"},
        },
    )
    assert entry_languages(site.output / "de/feed.xml") == (
        "de",
        {"/de/releases/2026/wasserstoff/": german, "/de/releases/2026/besuch/": german},
    )
    # A partner's feed carries summaries only: the one made of the German text's opening is German.
    assert entry_languages(site.output / "ja/partners/kanagawa/feed.xml") == (
        "ja",
        {
            "/ja/releases/2026/wasserstoff/": {"title": "de", "summary": "de"},
            "/ja/releases/2026/besuch/": {"title": "ja", "summary": "de"},
        },
    )


def test_a_part_of_a_copy_marked_in_another_language_stays_marked_in_the_feed(site) -> None:  # noqa: F811
    build(site.root, site.output, search="off")
    content = ET.parse(site.output / "ja/feed.xml").getroot().find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.get(XML_LANG) == "de"
    assert re.search(r'<span lang="en">ME-BYO</span>', content.text or "")
    # As a feed reader reads it: the German text as German, the feed as Japanese.
    parsed = feedparser.parse((site.output / "ja/feed.xml").read_bytes())
    assert not parsed.bozo and parsed.feed.language == "ja"
    assert [e.content[0].language for e in parsed.entries] == ["de", "de"]
    assert [e.title_detail.language for e in parsed.entries] == ["de", "ja"]


def test_a_quick_rebuild_after_the_original_changes_marks_the_copy_in_its_feeds_as_a_full_build(
    site,  # noqa: F811
    tmp_path: Path,
) -> None:
    result = build(site.root, site.output, search="off", keep=True)
    assert result.rendered is not None
    quick = QuickSite.of(result.rendered)
    _, entries = entry_languages(site.output / "ja/feed.xml")
    assert entries["/ja/releases/2026/besuch/"] == {"title": "ja", "summary": "de", "content": "de"}
    original = site.root / "content/de/2026/besuch.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("Ein Besuch.", "Ein Besuch aus Kawasaki."), encoding="utf-8"
    )
    rebuilt = quick_rebuild(quick, [original], site.output)
    assert rebuilt is not None and not [p for p in rebuilt.problems.items if p.severity == "error"]
    # The copy's text is no longer the original's word for word: no longer taken to be German.
    _, entries = entry_languages(site.output / "ja/feed.xml")
    assert entries["/ja/releases/2026/besuch/"] == {"title": "ja", "summary": "ja", "content": "ja"}
    _, entries = entry_languages(site.output / "ja/partners/kanagawa/feed.xml")
    assert entries["/ja/releases/2026/besuch/"] == {"title": "ja", "summary": "ja"}
    assert_same_as_full_build(site, tmp_path)


def test_a_copys_opening_is_cut_as_its_language_is_on_its_page_and_in_its_feed(scratch_site) -> None:
    """A release without a summary is described by its text's opening, cut to what a search result
    shows of its language: a copy's German opening was cut to a Japanese one's length, 90
    characters, where the German page's description gave the whole sentence."""
    opening = (
        "Baden-Württemberg und die Präfektur Kanagawa arbeiten seit 1989 zusammen und bauen ihre"
        " Kooperation bei Wasserstoff aus."
    )
    built = scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2026/wasserstoff.md": version("Wasserstoff", opening),
            "content/ja/2026/wasserstoff.md": version("Wasserstoff", opening, untranslated=True),
            "content/de/pages/about.md": f"---\ntitle: Über uns\n---\n\n{opening}\n",
            "content/ja/pages/about.md": f"---\ntitle: Über uns\nuntranslated: true\n---\n\n{opening}\n",
        }
    )
    build(built.root, built.output, search="off")
    for page in ("releases/2026/wasserstoff", "about"):
        for lang in ("de", "ja"):
            html = (built.output / lang / page / "index.html").read_text(encoding="utf-8")
            assert f'<meta name="description" content="{opening}">' in html, (lang, page)
    summary = ET.parse(built.output / "ja/feed.xml").getroot().find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and (summary.text, summary.get(XML_LANG)) == (opening, "de")


def test_a_copys_source_is_marked_in_its_originals_language_in_its_feed_entry_and_on_its_page(scratch_site) -> None:
    """A release's ``source:`` is its feed entries' author and its page's "Source": a copy's German
    issuing body in the Japanese feed and on the Japanese page was unmarked, so read as Japanese."""
    office, translated = "Staatsministerium Baden-Württemberg", "バーデン＝ヴュルテンベルク州首相府"

    def sourced(title: str, source: str, untranslated: bool = False, day: str = "2026-03-02") -> str:
        return version(title, "Ein Besuch.", untranslated=untranslated, day=day).replace(
            "---\n\n", f"source: {source}\n---\n\n" if source else "---\n\n"
        )

    built = scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2026/besuch.md": sourced("Besuch aus Kanagawa", office),
            "content/ja/2026/besuch.md": sourced("Besuch aus Kanagawa", office, untranslated=True),
            "content/en/2026/besuch.md": sourced("Visit from Kanagawa", "State Ministry of Baden-Württemberg"),
            # Its source translated, the rest not yet: Japanese is not marked as German.
            "content/de/2026/messe.md": sourced("Messe in Yokohama", office, day="2026-03-01"),
            "content/ja/2026/messe.md": sourced("Messe in Yokohama", translated, True, "2026-03-01"),
            # No source of its own: the site is the author, in the feed's language.
            "content/en/2026/messe.md": sourced("Messe in Yokohama", "", True, "2026-03-01"),
        }
    )
    build(built.root, built.output, search="off")

    def authors(lang: str) -> dict[str, tuple[str, str]]:
        """By entry (its page's path), its author's name and the language it is in."""
        root = ET.parse(built.output / lang / "feed.xml").getroot()
        found: dict[str, tuple[str, str]] = {}
        for entry in root.iter(f"{ATOM}entry"):
            link, author = entry.find(f"{ATOM}link[@rel='alternate']"), entry.find(f"{ATOM}author")
            assert link is not None and author is not None
            name = author.find(f"{ATOM}name")
            assert name is not None and name.text is not None
            lang_of = author.get(XML_LANG, entry.get(XML_LANG, root.attrib[XML_LANG]))
            found[urlsplit(link.attrib["href"]).path] = (name.text, lang_of)
        return found

    assert authors("ja") == {
        "/ja/releases/2026/besuch/": (office, "de"),
        "/ja/releases/2026/messe/": (translated, "ja"),
    }
    site_title = authors("en")["/en/releases/2026/messe/"][0]
    assert authors("en") == {
        "/en/releases/2026/besuch/": ("State Ministry of Baden-Württemberg", "en"),
        "/en/releases/2026/messe/": (site_title, "en"),
    }
    assert authors("de") == {"/de/releases/2026/besuch/": (office, "de"), "/de/releases/2026/messe/": (office, "de")}
    # As a feed reader reads it: the feed Japanese, the copy's author German.
    parsed = feedparser.parse((built.output / "ja/feed.xml").read_bytes())
    assert not parsed.bozo and [e.author for e in parsed.entries] == [office, translated]

    def source_on_page(lang: str, slug: str) -> str:
        html = (built.output / lang / "releases/2026" / slug / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<dd class="source"[^>]*>[^<]*</dd>', html)
        return found.group(0) if found else ""

    assert source_on_page("ja", "besuch") == f'<dd class="source" lang="de">{office}</dd>'
    assert source_on_page("ja", "messe") == f'<dd class="source">{translated}</dd>'
    assert source_on_page("de", "besuch") == f'<dd class="source">{office}</dd>'
    assert source_on_page("en", "besuch") == '<dd class="source">State Ministry of Baden-Württemberg</dd>'
    assert source_on_page("en", "messe") == ""
