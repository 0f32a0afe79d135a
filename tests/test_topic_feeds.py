"""A feed per topic and language, as a journalist who follows one subject subscribes to it:
the topic's newest releases in the feed's language, as the language feed publishes them, offered
on the topic's page, kept out of the sitemap, and up to date after an edit."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pressroom.pages import feeds
from pressroom.pipeline.building import build
from pressroom.preview.incremental import quick_rebuild

from .conftest import ScratchSite, url_to_file
from .test_incremental import assert_same_as_full_build, edit, fourteen_releases, start
from .test_readers import ATOM, BASE, SITEMAP, XML_LANG, release, sitemap_parts

TOPICS = """\
energy: {de: Energie, ja: エネルギー, en: Energy}
health: {de: Gesundheit, ja: 健康, en: Health}
culture: {de: Kultur, ja: 文化, en: Culture}
"""
SITE_TITLES = {"de": "Pressestelle", "ja": "広報室", "en": "Press office"}
ENERGY = {"de": "Energie", "ja": "エネルギー", "en": "Energy"}
TOPIC = {"de": "Thema: {}", "ja": "テーマ：{}", "en": "Topic: {}"}
"""A topic feed's name, as its page's heading gives it (a reader's list of feeds shows it)."""


def topical_site(scratch_site) -> ScratchSite:
    """Releases in three topics: one in every language, one under embargo until 1 June 2024,
    a draft, and one only in German, in a topic no other release has."""
    titles = "".join(f"  {lang}: {title}\n" for lang, title in SITE_TITLES.items())
    files = {"site.yaml": f"title:\n{titles}", "content/topics.yaml": TOPICS}
    for lang, older, newer in (
        ("de", "Ältere Meldung", "Neuere Meldung"),
        ("ja", "以前のお知らせ", "新しいお知らせ"),
        ("en", "Older release", "Newer release"),
    ):
        files[f"content/{lang}/2023/older.md"] = release(
            older, "2023-03-01", summary=f"Older {lang}", topics="[energy]"
        )
        files[f"content/{lang}/2024/newer.md"] = release(
            newer, "2024-05-02", summary=f"Newer {lang}", topics="[energy, health]"
        )
        files[f"content/{lang}/2024/later.md"] = release(
            f"Embargoed {lang}", "2024-06-01", summary="Later", topics="[energy]", publish="2024-06-01T09:00+09:00"
        )
    files["content/de/2024/entwurf.md"] = release("Entwurf", "2024-05-20", topics="[energy]", draft="true")
    files["content/de/2024/kultur.md"] = release("Nur auf Deutsch", "2024-01-10", topics="[culture]")
    return scratch_site(files)


def parse(output: Path, url: str) -> ET.Element:
    return ET.parse(output / url).getroot()


def entry_titles(feed: ET.Element) -> list[str | None]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def facts(entry: ET.Element) -> list[tuple[str, dict[str, str], str]]:
    """What an entry says, its full text aside (topic feeds carry summaries only)."""
    return [(part.tag, part.attrib, (part.text or "").strip()) for part in entry if part.tag != f"{ATOM}content"]


def in_topic(language_feed: ET.Element, name: str) -> list[list[tuple[str, dict[str, str], str]]]:
    """What the language feed says of its entries in one topic."""
    return [
        facts(entry)
        for entry in language_feed.findall(f"{ATOM}entry")
        if name in [category.get("term") for category in entry.findall(f"{ATOM}category")]
    ]


def test_a_feed_per_topic_and_language_newest_first_with_summaries_and_absolute_urls(scratch_site) -> None:
    site = topical_site(scratch_site)
    assert site.build("--base-url", BASE, "--now", "2024-05-31T12:00+02:00").code == 0
    for lang, titles in (
        ("de", ["Neuere Meldung", "Ältere Meldung"]),  # no draft, nothing under embargo
        ("ja", ["新しいお知らせ", "以前のお知らせ"]),
        ("en", ["Newer release", "Older release"]),
    ):
        url = f"{lang}/topics/energy/feed.xml"
        feed = parse(site.output, url)
        assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == lang
        assert feed.findtext(f"{ATOM}title") == f"{TOPIC[lang].format(ENERGY[lang])} | {SITE_TITLES[lang]}"
        assert entry_titles(feed) == titles
        assert feed.findtext(f"{ATOM}id") == BASE + url
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + url
        assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{BASE}{lang}/topics/energy/"
        assert feed.findtext(f"{ATOM}updated") == "2024-05-02T00:00:00Z"
        for entry in feed.findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert href.startswith(f"{BASE}{lang}/releases/") and entry.findtext(f"{ATOM}id") == href
            assert url_to_file(site.output, "/" + href.removeprefix(BASE)).is_file()
            assert entry.find(f"{ATOM}content") is None, "summaries only"
            assert entry.findtext(f"{ATOM}summary").endswith(f" {lang}")
            assert ENERGY[lang] in [category.get("term") for category in entry.findall(f"{ATOM}category")]
    health = parse(site.output, "ja/topics/health/feed.xml")
    assert health.findtext(f"{ATOM}title") == "テーマ：健康 | 広報室" and entry_titles(health) == ["新しいお知らせ"]
    # Feeds are for feed readers: the sitemap lists pages only.
    listed = [url.findtext(f"{SITEMAP}loc") for part in sitemap_parts(site.output).values() for url in part]
    assert f"{BASE}de/topics/energy/" in listed
    assert not [address for address in listed if address.endswith(".xml")]


@pytest.mark.parametrize(
    ("args", "newest"),
    [
        (("--now", "2024-05-31T12:00+02:00"), "Neuere Meldung"),
        (("--now", "2024-06-01T09:00+09:00"), "Embargoed de"),
        (("--now", "2024-06-01T09:00+09:00", "--drafts"), "Embargoed de"),
    ],
)
def test_a_topic_feed_publishes_what_the_language_feed_publishes(scratch_site, args, newest) -> None:
    """Embargoes and drafts as the language feed has them: the same entries, the same dates."""
    site = topical_site(scratch_site)
    assert site.build("--base-url", BASE, *args).code == 0
    for lang, name in ENERGY.items():
        topic = parse(site.output, f"{lang}/topics/energy/feed.xml").findall(f"{ATOM}entry")
        expected = in_topic(parse(site.output, f"{lang}/feed.xml"), name)
        assert expected
        assert [facts(entry) for entry in topic] == expected
    topic = parse(site.output, "de/topics/energy/feed.xml")
    assert entry_titles(topic)[0] == newest
    assert ("Entwurf" in entry_titles(topic)) == ("--drafts" in args)
    if newest.startswith("Embargoed"):
        # Published when its embargo ended, not at the start of its day.
        assert topic.find(f"{ATOM}entry").findtext(f"{ATOM}published") == "2024-06-01T00:00:00Z"


def test_a_topic_without_a_release_in_a_language_has_an_empty_feed_as_a_partner_does(scratch_site) -> None:
    site = topical_site(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    assert entry_titles(parse(site.output, "de/topics/culture/feed.xml")) == ["Nur auf Deutsch"]
    for lang, name in (("ja", "文化"), ("en", "Culture")):
        feed = parse(site.output, f"{lang}/topics/culture/feed.xml")
        assert feed.get(XML_LANG) == lang
        assert feed.findtext(f"{ATOM}title") == f"{TOPIC[lang].format(name)} | {SITE_TITLES[lang]}"
        assert entry_titles(feed) == []
        # The partner's feed is as empty, where the partner has no release at all.
        partner = parse(site.output, f"{lang}/partners/kanagawa/feed.xml")
        assert entry_titles(partner) == [] and feed.findtext(f"{ATOM}updated") == partner.findtext(f"{ATOM}updated")
        # Dated as the site in its language last changed, not 1970-01-01 (a reader shows it).
        language_feed = parse(site.output, f"{lang}/feed.xml")
        assert feed.findtext(f"{ATOM}updated") == language_feed.findtext(f"{ATOM}updated") == "2024-06-01T00:00:00Z"
        # Its page is there too, and offers the feed to subscribe before the first release.
        assert f'href="/intl/{lang}/topics/culture/feed.xml"' in site.page(f"/{lang}/topics/culture/").html


def test_the_topic_page_offers_its_feed_in_the_head_and_the_footer(scratch_site) -> None:
    site = topical_site(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    for lang, language_feed, topic_feed in (
        ("de", "Pressemitteilungen (Atom-Feed)", "Pressemitteilungen zum Thema Energie (Atom-Feed)"),
        ("ja", "プレスリリース（Atomフィード）", "「エネルギー」に関するプレスリリース（Atomフィード）"),
        ("en", "Press releases (Atom feed)", "Energy: press releases (Atom feed)"),
    ):
        page = site.page(f"/{lang}/topics/energy/")
        head = page.html.split("</head>")[0]
        for title, href in (
            (language_feed, f"/intl/{lang}/feed.xml"),
            (topic_feed, f"/intl/{lang}/topics/energy/feed.xml"),
        ):
            assert f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">' in head
            # Its text as the reader sees it (Japanese gets its phrases marked for line breaks).
            link = page.html.split(f'<a href="{href}" type="application/atom+xml">')[1].split("</a>")[0]
            assert re.sub("<[^>]+>", "", link) == title
        # The other topic's feed is on its own page, not this one.
        assert "topics/health/feed.xml" not in page.html
    # A release's page offers the language's feed only, as before.
    assert "topics/energy/feed.xml" not in site.page("/de/releases/2024/newer/").html


@pytest.fixture
def fourteen(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def test_a_quick_rebuild_after_a_title_edit_renders_the_topic_feeds_that_carry_it(fourteen, tmp_path) -> None:
    quick = start(fourteen)
    # r6 is in the energy topic, and only there.
    assert "お知らせ 6" in entry_titles(parse(fourteen.output, "ja/topics/energy/feed.xml"))
    path = edit(fourteen, "content/ja/r6.md", "title: お知らせ 6", "title: 新しいお知らせ 6")
    result = quick_rebuild(quick, [path], fourteen.output)
    assert result is not None and not result.problems.items
    assert "新しいお知らせ 6" in entry_titles(parse(fourteen.output, "ja/topics/energy/feed.xml"))
    assert "新しいお知らせ 6" not in (fourteen.output / "ja/topics/health/feed.xml").read_text(encoding="utf-8")
    assert_same_as_full_build(fourteen, tmp_path)


def test_an_edit_of_a_releases_topics_moves_it_between_topic_feeds(fourteen, tmp_path) -> None:
    quick = start(fourteen)
    assert "Meldung 3" in entry_titles(parse(fourteen.output, "de/topics/energy/feed.xml"))
    assert "Meldung 3" not in entry_titles(parse(fourteen.output, "de/topics/health/feed.xml"))
    paths = [
        edit(fourteen, f"content/{lang}/r3.md", "topics: [energy]", "topics: [health]") for lang in ("de", "ja", "en")
    ]
    # The topic lists change: a full build, which renders again only what changed.
    assert quick_rebuild(quick, paths, fourteen.output) is None
    build(fourteen.root, fourteen.output, search="off")
    for lang, title in (("de", "Meldung 3"), ("ja", "お知らせ 3"), ("en", "Release 3")):
        assert title not in entry_titles(parse(fourteen.output, f"{lang}/topics/energy/feed.xml"))
        assert title in entry_titles(parse(fourteen.output, f"{lang}/topics/health/feed.xml"))
    assert_same_as_full_build(fourteen, tmp_path)


def test_a_topic_feed_holds_its_newest_releases_only(fourteen, monkeypatch) -> None:
    monkeypatch.setattr(feeds, "TOPIC_FEED_SIZE", 2)
    build(fourteen.root, fourteen.output, search="off")
    # The energy releases with a German version, newest first: r11 (2024-12-12), r9 (2024-10-10), …
    assert entry_titles(parse(fourteen.output, "de/topics/energy/feed.xml")) == ["Meldung 11", "Meldung 9"]
    assert len(entry_titles(parse(fourteen.output, "de/partners/kanagawa/feed.xml"))) > 2
