"""Shared links of every page show a picture: not only releases, but the home page, lists, topic
and year pages, partner pages, standalone pages, the search page and the language chooser.

What a press office wants a shared link to show: a partner's page or a standalone page a card
with its own title under the site's mark; every other page of a language the language's site
card (the site's mark over what the site is about); the language chooser one card naming the
site in every language. Each is 1200×630 at an absolute URL, with ``twitter:card``.
"""

from __future__ import annotations

import io
import re

from PIL import Image

from pressroom.output.sharecard import card_png

from .conftest import all_html
from .test_translations import release

BASE = "https://example.org/press/"
NAMES = "Deutsch\n日本語\nEnglish"
"""The languages' names, one a line: the chooser card's mark, as the chooser names them."""
SITE = """\
title: {de: Partnerschaften, ja: パートナーシップ, en: Partnerships}
description: {de: Nachrichten aus dem Land., ja: 州からのニュース。, en: News from the state.}
per_page: 1
"""
_META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">')


def _site(scratch_site):
    site = scratch_site(
        {
            "site.yaml": SITE,
            "content/de/2024/x.md": release(
                "Besuch", "date: 2024-07-17\npartners: [kanagawa]\ntopics: [energy]\n", "Text."
            ),
            "content/de/2023/y.md": release("Früher", "date: 2023-05-02\npartners: [kanagawa]\ntopics: [energy]\n"),
            "content/ja/2024/x.md": release("訪問"),
            "content/en/2024/x.md": release("Visit"),
            "content/de/pages/about.md": release("Über uns"),
            "content/ja/pages/about.md": release("私たちについて"),
        }
    )
    assert site.build("--base-url", BASE).code == 0
    return site


def _png(site, url: str) -> bytes:
    assert url.startswith(BASE), url
    return (site.output / url.removeprefix(BASE)).read_bytes()


def test_every_page_has_an_absolute_1200x630_share_picture_and_a_twitter_card(scratch_site):
    site = _site(scratch_site)
    pages = all_html(site.output)  # the 404 pages too: a wrong link is shared as well
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        meta = _META.findall(html)
        images = [value for name, value in meta if name == "og:image"]
        where = path.relative_to(site.output).as_posix()
        assert len(images) == 1, (where, images)
        assert ("twitter:card", "summary_large_image") in meta, where
        assert ("og:image:width", "1200") in meta and ("og:image:height", "630") in meta, where
        # X reads no og:image:alt: its readers get the picture's description from its own tag.
        alts = [value for name, value in meta if name == "og:image:alt"]
        assert alts and [value for name, value in meta if name == "twitter:image:alt"] == alts, where
        picture = Image.open(io.BytesIO(_png(site, images[0])))
        assert picture.size == (1200, 630), where


def _share(site, url: str) -> str:
    meta = dict(_META.findall(site.page(url).html))
    return meta["og:image"]


def test_each_kind_of_page_shows_the_card_a_press_office_would_want(scratch_site):
    site = _site(scratch_site)
    # A partner's page (every page of it) and a standalone page: their own title under the site's mark.
    for url in ("/de/partners/kanagawa/", "/de/partners/kanagawa/page/2/"):
        assert _share(site, url) == BASE + "de/partners/kanagawa/share.png"
    kanagawa = _share(site, "/ja/partners/kanagawa/")
    assert _png(site, kanagawa) == card_png("神奈川県", "ja", "パートナーシップ")
    about = _share(site, "/de/about/")
    assert about == BASE + "de/about/share.png"
    assert _png(site, about) == card_png("Über uns", "de", "Partnerschaften")
    # Home, lists, year and topic pages, the partner index, search: the language's site card.
    site_card = BASE + "en/share.png"
    for url in ("/en/", "/en/releases/", "/en/releases/2024/", "/en/topics/energy/", "/en/partners/", "/en/search/"):
        assert _share(site, url) == site_card, url
    assert _png(site, site_card) == card_png("News from the state.", "en", "Partnerships")
    assert _png(site, _share(site, "/ja/")) == card_png("州からのニュース。", "ja", "パートナーシップ")
    # A release keeps its own card with its title.
    assert _share(site, "/de/releases/2024/x/") == BASE + "de/releases/2024/x/share.png"
    # The language chooser: the site's name in every language, one a line, none preferred, under
    # the languages' names.
    chooser = site.page("/").html
    assert f'<meta property="og:image" content="{BASE}share.png">' in chooser
    assert '<meta property="og:title" content="Partnerschaften / パートナーシップ / Partnerships">' in chooser
    drawn = card_png("Partnerschaften\nパートナーシップ\nPartnerships", "mul", NAMES, ("de", "ja", "en"))
    assert _png(site, BASE + "share.png") == drawn


def test_the_chooser_says_what_the_site_is_about_in_every_language(scratch_site):
    """Search engines show a page's description under its title, and shared links show
    ``og:description``; without them the root, the address most often linked, was shown with a
    snippet cut from its row of language names. Each language's own words, none preferred: the
    site's description where it has one, else what the chooser says under the title."""
    site = _site(scratch_site)
    chooser = site.page("/").html
    about = "Nachrichten aus dem Land. / 州からのニュース。 / News from the state."
    assert chooser.count('<meta name="description"') == 1
    assert f'<meta name="description" content="{about}">' in chooser
    assert f'<meta property="og:description" content="{about}">' in chooser
    assert '<meta property="og:site_name" content="Partnerschaften / パートナーシップ / Partnerships">' in chooser
    site.write({"site.yaml": "\n".join(line for line in SITE.splitlines() if not line.startswith("description"))})
    assert site.build("--base-url", BASE).code == 0
    taglines = (
        "Pressemitteilungen und internationale Partnerschaften / プレスリリースと国際パートナーシップ"
        " / Press releases and international partnerships"
    )
    assert f'<meta name="description" content="{taglines}">' in site.page("/").html


def test_the_chooser_card_sets_each_title_on_its_own_line(scratch_site):
    """Drawn, not only named: the three titles are three separate rows of ink."""
    site = _site(scratch_site)
    card = Image.open(io.BytesIO(_png(site, BASE + "share.png"))).convert("L")
    width, height = card.size
    inked = [any(card.getpixel((x, y)) < 128 for x in range(80, width - 80, 2)) for y in range(150, height - 40)]
    rows = sum(1 for i, ink in enumerate(inked) if ink and (i == 0 or not inked[i - 1]))
    assert rows == 3


def test_titles_that_differ_only_in_case_stand_once_on_the_chooser(scratch_site):
    """A German "… international" and an English "… International" side by side read as a typo:
    the chooser's heading, its window title and its card name the site once for both, in the
    first language's spelling; each language's own choice keeps its own."""
    site = scratch_site(
        {
            "site.yaml": "title:\n  de: Land international\n  ja: 州の国際交流\n  en: Land International\n",
            "content/de/2024/x.md": release("Besuch", "date: 2024-07-17\n"),
        }
    )
    assert site.build("--base-url", BASE).code == 0
    chooser = site.page("/").html
    assert '<h1><span lang="de">Land international</span> <span lang="ja">州の国際交流</span></h1>' in chooser
    assert "<title>Land international · 州の国際交流</title>" in chooser
    assert '<meta property="og:title" content="Land international / 州の国際交流">' in chooser
    assert '<span class="choice-title">Land International</span>' in chooser
    assert _png(site, BASE + "share.png") == card_png("Land international\n州の国際交流", "mul", NAMES, ("de", "ja"))


def test_a_release_without_a_summary_is_described_by_its_opening(scratch_site):
    """Search results and shared links showed the site's description for every release that
    gives no summary: one snippet for all of them, none about the release."""
    opening = (
        "Baden-Württemberg und Kanagawa haben in Stuttgart eine gemeinsame Absichtserklärung"
        " unterzeichnet. Sie wollen bei Energie, Mobilität, Robotik und Gesundheit enger zusammenarbeiten."
    )
    site = scratch_site(
        {
            "site.yaml": "description:\n  de: Nachrichten des Landes\n  ja: 州のニュース\n  en: News of the state\n",
            "content/de/2024/x.md": release(
                "Besuch", "date: 2024-07-17\npartners: [kanagawa]\n", f"{opening}[^1]\n\n[^1]: Beleg.\n"
            ),
            "content/ja/2024/x.md": release("訪問", "", "友好提携35周年を記念し、" * 12),
            "content/en/2024/x.md": release("Visit", "", "Short and sweet. " * 3 + "Baden-Württemberg " * 12),
        }
    )
    assert site.build("--base-url", BASE).code == 0
    de = site.page("/de/releases/2024/x/").html
    described = "Baden-Württemberg und Kanagawa haben in Stuttgart eine gemeinsame Absichtserklärung unterzeichnet."
    assert f'<meta name="description" content="{described}">' in de
    assert f'<meta property="og:description" content="{described}">' in de
    assert f'"description": "{described}"' in de or f'"description":"{described}"' in de
    assert "Nachrichten des Landes" not in re.findall(r'<meta name="description" content="([^"]*)"', de)[0]
    # A partner's feed, which has no full text, had an entry of a title alone.
    partner_feed = (site.output / "de/partners/kanagawa/feed.xml").read_text(encoding="utf-8")
    assert f"<summary>{described}</summary>" in partner_feed
    ja = re.findall(r'<meta name="description" content="([^"]*)"', site.page("/ja/releases/2024/x/").html)[0]
    assert ja.startswith("友好提携35周年を記念し、") and ja.endswith("…") and len(ja) == 90
    # Sentences that fill less than half of it: the words that follow, cut after a word.
    en = re.findall(r'<meta name="description" content="([^"]*)"', site.page("/en/releases/2024/x/").html)[0]
    assert en.startswith("Short and sweet. Short and sweet. Short and sweet. Baden-Württemberg")
    assert en.endswith("Baden-Württemberg…") and len(en) <= 160
