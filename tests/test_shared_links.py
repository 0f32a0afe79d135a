"""What apps that unfurl a shared link and search engines read from a page's head: Open Graph
article times, descriptions cut to what a search result or a link card shows, the browser bar's
colour, and which versions of a release are named as its languages' versions."""

from __future__ import annotations

import json
import re

from .conftest import PROJECT, ScratchSite

BASE = "https://example.org/press/"


def release(title: str, fields: str = "", body: str = "Text.") -> str:
    return f"---\ntitle: {title}\n{fields}---\n\n{body}\n"


def meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)


def article(html: str) -> dict[str, object]:
    for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(found)
        if data["@type"] == "NewsArticle":
            return data
    raise AssertionError("no NewsArticle")


def test_a_release_tells_link_cards_when_it_was_published_and_changed(scratch_site) -> None:
    """Facebook, LinkedIn and news apps date a shared article by ``article:published_time``;
    it says what the page's JSON-LD says: the embargo's end with its offset, else the day."""
    site: ScratchSite = scratch_site(
        {
            "content/de/2025/besuch.md": release(
                "Besuch", "date: 2025-03-04\npublish: 2025-03-04T10:00+01:00\nupdated: 2025-04-01\n"
            ),
            "content/en/2025/besuch.md": release("Visit", "date: 2025-03-04\npublish: 2025-03-04T10:00+01:00\n"),
            "content/ja/2024/old.md": release("お知らせ", "date: 2024-05-02\n"),
            "content/de/pages/about.md": release("Über uns"),
        }
    )
    assert site.build("--base-url", BASE).code == 0
    for url, published, modified in (
        ("/de/releases/2025/besuch/", "2025-03-04T10:00:00+01:00", "2025-04-01"),
        ("/en/releases/2025/besuch/", "2025-03-04T10:00:00+01:00", "2025-03-04T10:00:00+01:00"),
        ("/ja/releases/2024/old/", "2024-05-02", "2024-05-02"),
    ):
        html = site.page(url).html
        assert meta(html, "article:published_time") == [published], url
        assert meta(html, "article:modified_time") == [modified], url
        data = article(html)
        assert (data["datePublished"], data["dateModified"]) == (published, modified), url
    for url in ("/de/", "/de/about/", "/de/releases/", "/de/topics/energy/"):
        assert not meta(site.page(url).html, "article:published_time"), url


LONG_PARTNER = """\
name: {de: Präfektur Kanagawa, ja: 神奈川県, en: Kanagawa Prefecture}
country: JP
since: 1989-11-24
status: active
location: [35.45, 139.64]
reading: かながわけん
summary:
  de: >-
    Am 24. November 1989 sind Baden-Württemberg und die japanische Präfektur Kanagawa offiziell eine
    Partnerschaft eingegangen. Seither haben beide Seiten einen engen Austausch in Wirtschaft,
    Wissenschaft, Technologie, Ausbildung, Kultur, Sport, Gesundheitswesen und Umwelt aufgebaut.
  ja: >-
    神奈川県とバーデン＝ヴュルテンベルク州は、1989年11月24日に正式に友好提携を結びました。以来、経済、学術、技術、職業教育、文化、スポーツ、保健医療、環境など幅広い分野で交流を重ね、緊密な関係を築いてきました。
  en: >-
    Baden-Württemberg and Japan’s Kanagawa Prefecture formally entered into partnership on 24
    November 1989. Since then, the two sides have built a close partnership through exchanges in
    business, science, technology, training, culture, sport, healthcare and the environment.
"""


def test_a_partners_long_summary_is_described_in_the_whole_sentences_a_search_result_shows(scratch_site) -> None:
    """Search engines show about 160 characters (90 of Japanese), X cuts a card's text at 200:
    a partner page gave its whole summary, 300 characters and more, cut mid-word by each of them."""
    site: ScratchSite = scratch_site({"content/partners/kanagawa.yaml": LONG_PARTNER})
    assert site.build("--base-url", BASE).code == 0
    for lang, first in (
        (
            "de",
            "Am 24. November 1989 sind Baden-Württemberg und die japanische Präfektur Kanagawa offiziell eine"
            " Partnerschaft eingegangen.",
        ),
        ("ja", "神奈川県とバーデン＝ヴュルテンベルク州は、1989年11月24日に正式に友好提携を結びました。"),
        (
            "en",
            "Baden-Württemberg and Japan’s Kanagawa Prefecture formally entered into partnership on 24 November 1989.",
        ),
    ):
        page = site.page(f"/{lang}/partners/kanagawa/")
        assert meta(page.html, "description") == [first], lang
        assert meta(page.html, "og:description") == [first], lang
    # The page itself still shows the whole summary.
    assert "Gesundheitswesen und Umwelt aufgebaut." in site.page("/de/partners/kanagawa/").text


def brand_colours(css: str) -> tuple[str, str]:
    """``--color-brand`` of the stylesheet's light tokens and of its dark mode."""
    light, dark = css.split("prefers-color-scheme: dark", 1)
    pick = re.compile(r"--color-brand:\s*(#[0-9a-f]{6});")
    return pick.findall(light)[0], pick.findall(dark)[0]


def test_the_browsers_bar_takes_the_mastheads_colour_in_light_and_dark(scratch_site) -> None:
    """Safari and Chrome on phones colour their bar by ``theme-color``; without it the bar stayed
    white (or black) above the blue masthead. The colours are the stylesheet's brand tokens."""
    site: ScratchSite = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    light, dark = brand_colours((PROJECT / "templates/static/style.css").read_text(encoding="utf-8"))
    for url in ("/en/", "/en/releases/2024/a/", "/en/topics/", "/en/404.html", "/en/search/"):
        html = site.page(url).html
        assert f'<meta name="theme-color" content="{light}" media="(prefers-color-scheme: light)">' in html, url
        assert f'<meta name="theme-color" content="{dark}" media="(prefers-color-scheme: dark)">' in html, url


def test_an_untranslated_copy_is_not_named_as_its_languages_version(scratch_site) -> None:
    """``build.py new`` makes the other languages' versions as copies marked ``untranslated``; one
    published so gives Japanese readers the German text. Search engines were told it was the
    release in Japanese (``hreflang="ja"``, ``og:locale:alternate``, ``workTranslation``, the
    sitemap): a duplicate of the German page in their Japanese results. It is ``noindex`` now,
    and named by no other version until it is translated."""
    copy = "---\ntitle: Neue Meldung\ndate: 2024-05-02\nuntranslated: true\n---\n\nDeutscher Text.\n"
    site: ScratchSite = scratch_site(
        {
            "content/de/2024/neu.md": release("Neue Meldung", "date: 2024-05-02\n", "Deutscher Text."),
            "content/ja/2024/neu.md": copy,
            "content/en/2024/neu.md": release("New release", "date: 2024-05-02\n", "English text."),
            "content/de/pages/about.md": release("Über uns"),
            "content/ja/pages/about.md": "---\ntitle: Über uns\nuntranslated: true\n---\n\nText.\n",
        }
    )
    assert site.build("--base-url", BASE).code == 0
    for lang, url in (("de", "/de/releases/2024/neu/"), ("en", "/en/releases/2024/neu/"), ("de", "/de/about/")):
        page = site.page(url)
        assert "ja" not in page.alternates and lang in page.alternates, url
        assert "ja_JP" not in meta(page.html, "og:locale:alternate"), url
        assert 'name="robots"' not in page.html, url
    languages = {t["inLanguage"] for t in article(site.page("/de/releases/2024/neu/").html)["workTranslation"]}
    assert languages == {"en"}
    for url in ("/ja/releases/2024/neu/", "/ja/about/"):
        page = site.page(url)
        assert meta(page.html, "robots") == ["noindex"], url
        assert page.alternates == {}, url
    assert "Deutscher Text." in site.page("/ja/releases/2024/neu/").text  # readers still get the copy
    sitemaps = "".join(path.read_text(encoding="utf-8") for path in site.output.glob("sitemap*.xml"))
    assert "/ja/releases/2024/neu/" not in sitemaps and "/ja/about/" not in sitemaps
    assert f"{BASE}en/releases/2024/neu/" in sitemaps


def test_a_link_shared_before_a_rename_shows_the_card_of_the_release_at_its_new_address(scratch_site) -> None:
    """Link cards read the page a shared link names; at a renamed release's old address that was
    "This press release has moved", with no picture. Facebook and LinkedIn follow ``og:url`` to
    the page whose card they show, and count both addresses as one."""
    site: ScratchSite = scratch_site(
        {"content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\nslug: besuch-2024\nformerly: besuch\n")}
    )
    assert site.build("--base-url", BASE).code == 0
    old = site.page("/de/releases/2024/besuch/").html
    assert meta(old, "og:url") == [f"{BASE}de/releases/2024/besuch-2024/"]
    assert f'<link rel="canonical" href="{BASE}de/releases/2024/besuch-2024/">' in old
    assert meta(site.page("/de/releases/2024/besuch-2024/").html, "og:url") == [f"{BASE}de/releases/2024/besuch-2024/"]


def test_a_feed_reader_given_the_sites_address_finds_each_languages_feed(scratch_site) -> None:
    """Journalists paste a site's address into their feed reader, which looks for autodiscovery
    links there: the language chooser at the root had none, so it found no feed at all."""
    site: ScratchSite = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build("--base-url", BASE).code == 0
    found = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)" lang="([^"]*)">',
        site.page("/").html,
    )
    assert found == [
        ("Pressemitteilungen (Atom-Feed)", "/press/de/feed.xml", "de"),
        ("プレスリリース（Atomフィード）", "/press/ja/feed.xml", "ja"),
        ("Press releases (Atom feed)", "/press/en/feed.xml", "en"),
    ]
    for _, href, lang in found:
        assert f'xml:lang="{lang}"' in (site.output / href.removeprefix("/press/")).read_text(encoding="utf-8")
