"""Every feed of the bundled site as a feed reader sees it, parsed by feedparser.

A reader opens an entry at the link feedparser calls ``entry.link``: it must be the entry's
page in the feed's own language, never another version of the release.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from pressroom.cli import main

from .conftest import read_page

BASE = "https://international.baden-wuerttemberg.example/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site as published: with its absolute base URL from site.yaml."""
    output = tmp_path_factory.mktemp("published") / "site"
    assert main(["--output", str(output), "--no-search"]) == 0
    return output


def feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("feed.xml"))


def test_the_bundled_site_has_language_partner_and_topic_feeds(published):
    names = [path.relative_to(published).as_posix() for path in feeds(published)]
    assert {"de/feed.xml", "ja/feed.xml", "en/feed.xml", "ja/partners/kanagawa/feed.xml"} <= set(names)
    assert {"de/topics/energy/feed.xml", "ja/topics/energy/feed.xml", "en/topics/energy/feed.xml"} <= set(names)


def test_every_entry_of_every_feed_opens_in_the_feeds_language(published):
    checked = 0
    for path in feeds(published):
        lang = path.relative_to(published).parts[0]
        parsed = feedparser.parse(path.read_bytes())
        where = path.relative_to(published).as_posix()
        assert not parsed.bozo, f"{where}: {parsed.get('bozo_exception')}"
        assert parsed.feed.language == lang, where
        # A partner's or topic's feed is empty in a language none of its releases is in.
        assert parsed.entries or "/partners/" in where or "/topics/" in where, where
        for entry in parsed.entries:
            assert entry.link.startswith(f"{BASE}{lang}/releases/"), (where, entry.link)
            assert entry.id == entry.link
            page = read_page(published, urlsplit(entry.link).path)
            assert page.lang == lang, (where, entry.link)
            assert entry.title and entry.title in page.html.replace("&amp;", "&")
            # The other versions are there for those who look, but not as the entry's link.
            related = {link.hreflang: link.href for link in entry.links if link.rel == "related"}
            assert lang not in related and set(related) <= {"de", "ja", "en"} - {lang}
            assert [link.href for link in entry.links if link.rel == "alternate"] == [entry.link]
            checked += 1
    assert checked > 30


def test_dates_summaries_and_full_text(published):
    for path in feeds(published):
        where = path.relative_to(published).as_posix()
        lang = path.relative_to(published).parts[0]
        is_language_feed = where == f"{lang}/feed.xml"
        parsed = feedparser.parse(path.read_bytes())
        previous = None
        for entry in parsed.entries:
            published_at, updated_at = entry.published_parsed, entry.updated_parsed
            assert published_at is not None and updated_at is not None, where
            assert time.mktime(updated_at) >= time.mktime(published_at)
            if previous is not None:
                assert time.mktime(published_at) <= previous, f"{where}: not newest first"
            previous = time.mktime(published_at)
            page = read_page(published, urlsplit(entry.link).path)
            assert entry.summary and " ".join(entry.summary.split()) in page.text
            if is_language_feed:
                (content,) = entry.content
                assert content.type == "text/html" and content.language == lang
                # The full text: the page's first paragraph is in it, as HTML.
                assert "<p>" in content.value and len(content.value) > len(entry.summary)
            else:
                assert "content" not in entry, f"{where}: partner and topic feeds carry summaries only"


def test_links_inside_an_entry_lead_where_they_do_on_its_page(scratch_site):
    # A footnote's "#fn1" is a place on the release's page; resolved against the site's
    # root (the feed's xml:base), a feed reader sent it to the language chooser instead.
    site = scratch_site(
        {
            "site.yaml": f"languages: [de, ja, en]\nbase_url: {BASE}\n",
            "content/de/2024/erste.md": "---\ntitle: Erste\ndate: 2024-01-02\n---\n\nText.\n",
            "content/de/2024/zweite.md": (
                "---\ntitle: Zweite\ndate: 2024-03-04\n---\n\n"
                "Siehe die [erste Meldung](erste.md).[^1]\n\n[^1]: Eine Fußnote.\n"
            ),
        }
    )
    assert site.build().code == 0
    raw = (site.output / "de" / "feed.xml").read_text(encoding="utf-8")
    [entry] = [e for e in feedparser.parse(raw).entries if e.title == "Zweite"]
    page = f"{BASE}de/releases/2024/zweite/"
    hrefs = re.findall(r'href="([^"]*)"', entry.content[0].value)
    assert f"{BASE}de/releases/2024/erste/" in hrefs
    notes = [href for href in hrefs if "#" in href]
    assert notes and all(href.startswith(page + "#") for href in notes), notes
    # Readers that ignore xml:base, and services that pass the content on, get whole addresses.
    content = raw.split("<title>Zweite</title>")[1].split("</content>")[0]
    assert "href=&#34;/" not in content and "href=&#34;#" not in content


def test_an_entry_shows_its_lead_picture_above_its_text_as_its_page_words_it(published):
    """Readers show an entry's first picture with it: the release's lead picture, one plain
    ``img`` at a whole address (readers take no ``<picture>``), with its alt text, caption and
    credit as the page gives them; partner and topic feeds carry summaries only."""
    expected = {
        "de": ("Karte von Europa und Asien", "Bild: eigene Darstellung"),
        "ja": ("ヨーロッパとアジアの地図", "画像："),
        "en": ("Map of Europe and Asia", "Image: own map"),
    }
    for lang, (alt, credit) in expected.items():
        parsed = feedparser.parse((published / lang / "feed.xml").read_bytes())
        [entry] = [e for e in parsed.entries if "/2024/kanagawa-" in e.link]
        value = entry.content[0].value
        figure = re.match(r"<figure><img ([^>]*)>(.*?)</figure>", value, re.S)
        assert figure, value[:200]
        src = re.search(r'src="([^"]+)"', figure.group(1)).group(1)
        assert src.startswith(f"{BASE}media/2024/kanagawa-map.") and src.endswith(".960.png")
        assert (published / urlsplit(src).path.lstrip("/")).is_file()
        attributes = figure.group(1)  # as feedparser hands them on: in its own order
        assert f'alt="{alt}' in attributes and 'width="960"' in attributes and 'height="480"' in attributes
        assert credit in figure.group(2)
        page = read_page(published, urlsplit(entry.link).path)
        caption = re.sub(r"<[^>]+>", "", figure.group(2).split("<br")[0])
        assert "".join(caption.split()) in "".join(page.text.split())  # the page's own caption
        # The text follows the picture, as on the page.
        assert value.index("</figure>") < value.index("<p>")
