"""What readers' apps and search engines get: feeds, sitemap, robots.txt, head metadata,
reading time, related releases, share links, phrase-broken Japanese headlines and search."""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import budoux
from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.typography import PhraseSplitter, phrase_breaker
from pressroom.pages import feeds
from pressroom.pages.plans import Deferred, PagePlan, PlannedEntry, SitemapEntry
from pressroom.source.frontmatter import spaced_fingerprint

from .conftest import PROJECT, ScratchSite, url_to_file

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE = "https://press.example.org/intl/"


def release(title: str, day: str, body: str = "Text.", **fields: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: {title}\ndate: {day}\n{extra}---\n\n{body}\n"


def three_releases(scratch_site) -> ScratchSite:
    """Two releases in every language, one only in German and one under embargo."""
    files = {}
    for lang, older, newer in (
        ("de", "Ältere Meldung", "Neuere Meldung"),
        ("ja", "以前のお知らせ", "新しいお知らせ"),
        ("en", "Older release", "Newer release"),
    ):
        files[f"content/{lang}/2023/older.md"] = release(older, "2023-03-01", partners="[kanagawa]")
        files[f"content/{lang}/2024/newer.md"] = release(newer, "2024-05-02", topics="[energy]")
        files[f"content/{lang}/2024/later.md"] = release(
            f"Embargoed {lang}", "2024-06-01", publish="2099-01-01T09:00+09:00"
        )
    files["content/de/2024/nur-deutsch.md"] = release("Nur auf Deutsch", "2024-01-10")
    return scratch_site(files)


def test_atom_feed_per_language_newest_first_with_absolute_urls(scratch_site) -> None:
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    for lang, titles in (
        ("de", ["Neuere Meldung", "Nur auf Deutsch", "Ältere Meldung"]),
        ("ja", ["新しいお知らせ", "以前のお知らせ"]),
        ("en", ["Newer release", "Older release"]),
    ):
        feed = ET.parse(site.output / lang / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.get(XML_LANG) == lang
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == titles  # no embargoed, no other language
        self_link = feed.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None and self_link.get("href") == f"{BASE}{lang}/feed.xml"
        for entry in entries:
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert href.startswith(BASE + lang + "/releases/")
            assert url_to_file(site.output, "/" + href.removeprefix(BASE)).is_file()
            assert entry.findtext(f"{ATOM}id") == href
        assert feed.findtext(f"{ATOM}updated") == "2024-05-02T00:00:00Z"
    # Each entry names its other versions, and its content is escaped HTML.
    entry = ET.parse(site.output / "en/feed.xml").getroot().find(f"{ATOM}entry")
    # Related, not alternate: a feed reader opens an entry's (last) alternate link.
    others = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")}
    assert others == {"de": f"{BASE}de/releases/2024/newer/", "ja": f"{BASE}ja/releases/2024/newer/"}
    assert "<p>Text.</p>" in entry.findtext(f"{ATOM}content")
    # Autodiscovery on every page of the language.
    page = site.page("/en/releases/2024/newer/")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Press releases (Atom feed)" href="/intl/en/feed.xml">'
        in page.html
    )


def test_partner_feed_is_offered_on_the_partner_page(scratch_site) -> None:
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    feed = ET.parse(site.output / "ja/partners/kanagawa/feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["以前のお知らせ"]
    page = site.page("/ja/partners/kanagawa/")
    feed_link = 'title="神奈川県：プレスリリース（Atomフィード）" href="/intl/ja/partners/kanagawa/feed.xml"'
    assert f'<link rel="alternate" type="application/atom+xml" {feed_link}>' in page.html


def sitemap_parts(output: Path, base: str = BASE) -> dict[str, ET.Element]:
    """Each sitemap the index names (by its address, under ``base``), parsed from the output folder."""
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = {}
    for entry in index.findall(f"{SITEMAP}sitemap"):
        address = entry.findtext(f"{SITEMAP}loc")
        assert address is not None and address.startswith(base)
        parts[address] = ET.parse(output / address.removeprefix(base)).getroot()
    return parts


def test_sitemap_lists_every_page_with_its_versions_and_robots_points_to_it(scratch_site) -> None:
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    parts = sitemap_parts(site.output)
    # One sitemap per language and one for the language chooser, all at the top of the site
    # (a sitemap may only name addresses under its own folder).
    assert sorted(parts) == [f"{BASE}sitemap-{group}.xml" for group in ("de", "en", "ja", "neutral")]
    index = ET.parse(site.output / "sitemap.xml").getroot()
    newest = {e.findtext(f"{SITEMAP}loc"): e.findtext(f"{SITEMAP}lastmod") for e in index}
    assert newest[f"{BASE}sitemap-ja.xml"] == "2024-05-02" and newest[f"{BASE}sitemap-neutral.xml"] is None
    listed = {}
    for address, urlset in parts.items():
        for url in urlset.findall(f"{SITEMAP}url"):
            alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
            location = url.findtext(f"{SITEMAP}loc")
            assert location not in listed  # each page in one sitemap only
            group = address.removeprefix(f"{BASE}sitemap-").removesuffix(".xml")
            assert group == "neutral" if location == BASE else location.startswith(f"{BASE}{group}/")
            listed[location] = (alternates, url.findtext(f"{SITEMAP}lastmod"))
    pages = {
        BASE + path.relative_to(site.output).as_posix().removesuffix("index.html")
        for path in site.output.rglob("*.html")
        if path.name != "404.html" and path.parent.name != "search"
    }
    assert set(listed) == pages
    alternates, lastmod = listed[f"{BASE}ja/releases/2024/newer/"]
    assert alternates == {
        "de": f"{BASE}de/releases/2024/newer/",
        "ja": f"{BASE}ja/releases/2024/newer/",
        "en": f"{BASE}en/releases/2024/newer/",
        "x-default": BASE,
    }
    assert lastmod == "2024-05-02"
    # A release in one language lists only the version that exists.
    alternates, _ = listed[f"{BASE}de/releases/2024/nur-deutsch/"]
    assert alternates == {"de": f"{BASE}de/releases/2024/nur-deutsch/", "x-default": BASE}
    assert not any("embargoed" in url or "later" in url for url in listed)
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_the_404_and_search_pages_ask_search_engines_not_to_index_them(scratch_site) -> None:
    """A host serves a 404 page at every wrong address, some with the status 200: indexed, it
    would stand in search results for each mistyped link, titled "Page not found". A search page
    is an empty form before its script runs, the same for every ?q=: it was in the sitemap."""
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    noindex = '<meta name="robots" content="noindex">'
    kept_out = ["/404.html", *(f"/{lang}/{page}" for lang in ("de", "ja", "en") for page in ("404.html", "search/"))]
    for url in kept_out:
        assert site.page(url).html.count(noindex) == 1, url
    sitemaps = "".join(path.read_text(encoding="utf-8") for path in site.output.glob("sitemap*.xml"))
    assert "/search/" not in sitemaps
    # Every other page is for search engines to find.
    for path in site.output.rglob("*.html"):
        if path.name != "404.html" and path.parent.name != "search":
            assert 'name="robots"' not in path.read_text(encoding="utf-8"), path


def test_sitemap_addresses_in_other_scripts_are_written_as_uris(scratch_site) -> None:
    """sitemaps.org asks for escaped URIs; the page's own links may stay IRIs, as HTML allows."""
    site = scratch_site(
        {
            "content/ja/2024/お知らせ.md": "---\ntitle: お知らせ\ndate: 2024-05-02\n---\n\n本文。\n",
            "content/de/2024/お知らせ.md": "---\ntitle: Mitteilung\nslug: mitteilung\n---\n\nText.\n",
        }
    )
    assert site.build("--base-url", BASE).code == 0
    urlset = sitemap_parts(site.output)[f"{BASE}sitemap-ja.xml"]
    escaped = f"{BASE}ja/releases/2024/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/"
    locations = [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]
    assert escaped in locations
    assert all(location is not None and location.isascii() for location in locations)
    hrefs = [link.get("href") for link in urlset.iter(f"{XHTML}link")]
    assert escaped in hrefs and all(href is not None and href.isascii() for href in hrefs)
    assert (site.output / "ja/releases/2024/お知らせ/index.html").is_file()


def test_a_host_in_other_letters_is_written_in_its_ascii_form_in_the_sitemap_and_robots(scratch_site) -> None:
    """Escaped (https://baden-w%C3%BCrttemberg.example/), the host was no name DNS could find;
    robots.txt named it unescaped."""
    site = scratch_site({"content/de/2024/a.md": release("Meldung", "2024-05-02")})
    assert site.build("--base-url", "https://baden-württemberg.example/intl/").code == 0
    ascii_base = "https://xn--baden-wrttemberg-pzb.example/intl/"
    urlset = sitemap_parts(site.output, ascii_base)[f"{ascii_base}sitemap-de.xml"]
    assert f"{ascii_base}de/releases/2024/a/" in [
        url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")
    ]
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {ascii_base}sitemap.xml" in robots.splitlines()
    # The pages' own links may stay IRIs, as HTML allows.
    assert 'href="https://baden-württemberg.example/intl/de/"' in site.page("/de/").html


def test_head_has_canonical_description_open_graph_and_news_article(scratch_site) -> None:
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    page = site.page("/ja/releases/2024/newer/")
    assert f'<link rel="canonical" href="{BASE}ja/releases/2024/newer/">' in page.html
    assert '<meta property="og:locale" content="ja_JP">' in page.html
    assert '<meta property="og:locale:alternate" content="de_DE">' in page.html
    assert '<meta property="og:type" content="article">' in page.html
    assert '<meta property="og:title" content="新しいお知らせ">' in page.html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == "ja"
    assert data["headline"] == "新しいお知らせ"
    assert data["datePublished"] == "2024-05-02"
    assert data["url"] == f"{BASE}ja/releases/2024/newer/"
    assert {(t["inLanguage"], t["url"]) for t in data["workTranslation"]} == {
        ("de", f"{BASE}de/releases/2024/newer/"),
        ("en", f"{BASE}en/releases/2024/newer/"),
    }
    assert "translationOfWork" not in data  # no version is the original


def test_a_site_without_a_title_names_itself_as_its_pages_do_in_feeds_and_json_ld(scratch_site) -> None:
    """``title`` is optional in site.yaml; the pages then call the site "Pressemitteilungen"
    (its language's word for press releases), and what machines read must not name it
    with nothing: feed readers list an untitled feed by its address, validators refuse an
    empty author, and search engines a ``publisher`` without a name."""
    site = three_releases(scratch_site)
    assert site.build("--base-url", BASE).code == 0
    page = site.page("/de/releases/2024/newer/")
    assert '<meta property="og:site_name" content="Pressemitteilungen">' in page.html
    feed = ET.parse(site.output / "de/feed.xml").getroot()
    assert feed.findtext(f"{ATOM}title") == "Pressemitteilungen"
    authors = {name.text for name in feed.iter(f"{ATOM}name")}
    assert authors == {"Pressemitteilungen"}
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["publisher"]["name"] == data["author"]["name"] == "Pressemitteilungen"
    home = site.page("/ja/")
    assert '<meta property="og:title" content="プレスリリース">' in home.html
    assert "<title>プレスリリース</title>" in home.html


def test_json_ld_cannot_end_its_script_early(scratch_site) -> None:
    site = scratch_site({"content/en/a.md": release("Closing </script><b>tag", "2024-01-01")})
    assert site.build().code == 0
    html = site.page("/en/releases/2024/a/").html
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(script)["headline"] == "Closing </script><b>tag"
    assert "<b>" not in html.replace("&lt;b&gt;", "")


def test_reading_time_counts_words_or_japanese_characters(scratch_site) -> None:
    german = " ".join(["Wort"] * 540)  # 540 words at 180 per minute
    japanese = "神奈川県との交流を深める。" * 125  # 1,500 characters read at 500 per minute
    english = " ".join(["word"] * 1100)  # 1,100 words at 220 per minute
    site = scratch_site(
        {
            "content/de/a.md": release("Lang", "2024-01-01", german),
            "content/ja/a.md": release("長い", "2024-01-01", japanese),
            "content/en/a.md": release("Long", "2024-01-01", english),
        }
    )
    assert site.build().code == 0
    # The label says what it is once: "Lesezeit 3 Minuten", not "Lesezeit 3 Minuten Lesezeit".
    assert "Lesezeit 3 Minuten " in site.page("/de/releases/2024/a/").text
    assert site.page("/de/releases/2024/a/").text.count("Lesezeit") == 1
    assert "読了時間の目安 約3分" in site.page("/ja/releases/2024/a/").text
    assert "Reading time 5 minutes " in site.page("/en/releases/2024/a/").text
    assert "minute read" not in site.page("/en/releases/2024/a/").text


def test_reading_time_counts_chinese_in_characters(scratch_site) -> None:
    """A Chinese release was counted in "words" (each run between punctuation one): 1,500
    characters in 100 sentences came out at one minute."""
    chinese = "巴登－符腾堡州与江苏省深化了合作。" * 100  # 1,500 characters read at 300 per minute
    site = scratch_site(
        {
            "site.yaml": "languages: [de, zh-Hans, yue]\n",
            "content/de/a.md": release("Lang", "2024-01-01"),
            "content/zh-Hans/a.md": release("长", "2024-01-01", chinese),
            "content/yue/a.md": release("長", "2024-01-01", chinese),
        },
        with_defaults=False,
    )
    assert site.build().code == 0
    for lang in ("zh-Hans", "yue"):  # no catalog: the interface's own English words
        html = site.page(f"/{lang}/releases/2024/a/").html
        assert re.search(r'<dd class="reading-time">(.*?)</dd>', html).group(1) == "5 minutes"


def test_more_releases_prefer_shared_partners_then_topics(scratch_site) -> None:
    site = scratch_site(
        {
            "content/partners/ontario.yaml": (PROJECT / "content/partners/ontario.yaml").read_text(encoding="utf-8"),
            "content/en/main.md": release("Main", "2024-01-01", partners="[kanagawa]", topics="[energy, health]"),
            "content/en/same-partner.md": release("Same partner", "2020-01-01", partners="[kanagawa]"),
            "content/en/two-topics.md": release("Two topics", "2023-01-01", topics="[energy, health]"),
            "content/en/one-topic.md": release("One topic", "2023-06-01", topics="[health]"),
            "content/en/unrelated.md": release("Unrelated", "2024-02-01", partners="[ontario]"),
            # Its older neighbour, linked as such and so left out of the related releases.
            "content/en/older.md": release("Older", "2023-12-01", partners="[ontario]"),
        }
    )
    assert site.build().code == 0
    page = site.page("/en/releases/2024/main/")
    section = page.html.split('id="more-heading"')[1]
    titles = re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', section)
    # A shared partner weighs 2, a shared topic 1: the old release with the same partner goes before
    # the newer one sharing a topic; two shared topics tie with the partner and the newer comes first.
    assert titles == ["Two topics", "Same partner", "One topic"]
    assert "Unrelated" not in section and ">Older<" not in section


def test_share_links_and_permalink_load_nothing(scratch_site) -> None:
    site = scratch_site({"content/en/a.md": release("Share me & more", "2024-01-01")})
    assert site.build("--base-url", BASE).code == 0
    page = site.page("/en/releases/2024/a/")
    permalink = f"{BASE}en/releases/2024/a/"
    assert page.links_to(permalink)[0]["text"] == permalink
    # A narrow sidebar breaks the address after its slashes and before its dots, not inside a word.
    broken = ">https://<wbr>press<wbr>.example<wbr>.org/<wbr>intl/<wbr>en/<wbr>releases/<wbr>2024/<wbr>a/</a>"
    assert broken in page.html
    shares = [
        a for a in page.links if "share-offsite" in a["href"] or a["href"].startswith(("mailto:", "https://x.com"))
    ]
    assert len(shares) == 3
    encoded = "https%3A%2F%2Fpress.example.org%2Fintl%2Fen%2Freleases%2F2024%2Fa%2F"
    assert all(encoded in a["href"] for a in shares)
    assert all(r.startswith("/") for r in page.resources)  # nothing from other hosts
    assert "<iframe" not in page.html and "https://" not in "".join(page.resources)


def test_japanese_headlines_break_between_phrases_only(scratch_site) -> None:
    title = "バーデン＝ヴュルテンベルク州と神奈川県、パートナーシップ35周年で共同意向表明に署名"
    site = scratch_site(
        {"content/ja/a.md": release(title, "2024-01-01"), "content/de/a.md": release("Gleich", "2024-01-01")}
    )
    assert site.build().code == 0
    html = site.page("/ja/releases/2024/a/").html
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    assert headline.startswith('<span class="phrases">')
    phrases = re.sub(r"</?span[^>]*>", "", headline).split("<wbr>")
    assert "".join(phrases) == title
    assert "神奈川県、" in phrases  # never 神奈|川県
    assert all(len(p) < len(title) for p in phrases) and len(phrases) >= 4
    assert "<wbr>" not in re.search(r"<h1[^>]*>(.*?)</h1>", site.page("/de/releases/2024/a/").html).group(1)


def test_a_headline_in_japanese_with_a_region_breaks_between_phrases_too(scratch_site) -> None:
    """A site whose Japanese is ``ja-JP`` had its headlines broken anywhere (神奈|川県): the phrase
    breaker was looked up by the whole code, and only ``ja`` had one."""
    title = "バーデン＝ヴュルテンベルク州と神奈川県、パートナーシップ35周年で共同意向表明に署名"
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ja-JP]\n",
            "content/ja-JP/a.md": release(title, "2024-01-01", "神奈川県と連携を強化します。" * 100),
            "content/de/a.md": release("Gleich", "2024-01-01"),
        },
        with_defaults=False,  # partners and topics named in de, ja and en
    )
    assert site.build().code == 0
    html = site.page("/ja-JP/releases/2024/a/").html
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    phrases = re.sub(r"</?span[^>]*>", "", headline).split("<wbr>")
    assert "".join(phrases) == title and "神奈川県、" in phrases and len(phrases) >= 4
    # Its reading time too is counted in characters (1,300 of them, 500 a minute), not in
    # "words" (each sentence, written without spaces, one).
    assert re.search(r'<dd class="reading-time">(.*?)</dd>', html).group(1) == "約3分"  # the ja catalog's words
    assert str(phrase_breaker("ja-JP")(title)) == str(phrase_breaker("ja")(title))


def test_only_the_compound_name_is_held_on_one_line_not_the_words_after_it() -> None:
    """BudouX keeps words after a space in the phrase before them: the whole press contact
    "バーデン＝ヴュルテンベルク州 国際交流ニュース 編集部" was held on one line, wider than the
    sidebar, which then fell below the release on desktop."""
    phrases = phrase_breaker("ja")
    contact = str(phrases("バーデン＝ヴュルテンベルク州 国際交流ニュース 編集部"))
    assert held_whole(contact) == ["バーデン＝ヴュルテンベルク州"]
    assert re.sub(r"<[^>]+>", "", contact) == "バーデン＝ヴュルテンベルク州 国際交流ニュース 編集部"
    headline = str(phrases("バーデン＝ヴュルテンベルク州と神奈川県が協力"))
    assert held_whole(headline) == ["バーデン＝ヴュルテンベルク州と"]
    assert str(phrases("A & B")) == '<span class="phrases">A &amp; B</span>'


def held_whole(html: str) -> list[str]:
    """The texts of ``html`` held on one line where there is room (``.whole``), without the ties inside."""
    held = re.findall(r'<span class="whole">((?:[^<]|<span class="tie">[^<]*</span>)*)</span>', html)
    return [re.sub(r"<[^>]+>", "", text) for text in held]


def test_a_bracket_closing_a_japanese_label_is_marked_to_be_set_half_width() -> None:
    """The stylesheet sets it half-width (.trim): the blank half of a closing bracket carried a
    link's underline past it. An opening bracket is left to the stylesheet (text-spacing-trim):
    after a word, as in English（該当ページなし）, its blank half is the space between them."""
    phrases = phrase_breaker("ja")
    feed = str(phrases("「人工知能（AI）」に関するプレスリリース（Atomフィード）"))
    assert feed.startswith('<span class="phrases">「人工知能')
    assert feed.endswith('ド<span class="trim">）</span></span>')
    assert feed.count('class="trim"') == 1  # the brackets inside keep their space
    assert re.sub(r"<[^>]+>", "", feed) == "「人工知能（AI）」に関するプレスリリース（Atomフィード）"
    assert str(phrases("人工知能（AI）」")).endswith('（AI<span class="trim">）」</span></span>')  # a run of them
    note = str(phrases("（該当ページなし）"))  # one phrase
    tied = '<span class="tie">ペー</span><span class="tie">ジなし</span>'
    assert note == f'<span class="phrases">（該当{tied}<span class="trim">）</span></span>'
    assert "trim" not in str(phrases("）")) and "trim" not in str(phrases("神奈川県"))
    assert str(phrase_breaker("en")("(Atom feed)")) == "(Atom feed)"


def test_a_particle_small_kana_or_comma_is_tied_to_the_character_before_it() -> None:
    """A phrase wider than its line breaks where the browser likes (overflow-wrap), which set と,
    ッ or 、 at the start of a line: each is tied to the character before it, with markup only."""
    phrases = phrase_breaker("ja")
    headline = str(phrases("ジェトロ、バーデン＝ヴュルテンベルク州のクラスターを初めて選定"))
    ties = re.findall(r'<span class="tie">([^<]*)</span>', headline)
    assert ties == ["ジェ", "ロ、", "バー", "ン＝", "ヴュ", "州の", "ターを", "初めて"]
    assert re.sub(r"<[^>]+>", "", headline) == "ジェトロ、バーデン＝ヴュルテンベルク州のクラスターを初めて選定"
    # Nothing is tied across a character reference, in a headline or in a translation.
    assert "&amp<" not in str(phrases(Markup("研究&amp;、開発"))) and "&amp<" not in str(phrases("研究&、開発"))
    assert str(phrases("ありません")) == '<span class="phrases">ありません</span>'  # no word to tie it to


def test_headlines_are_split_into_budoux_own_phrases() -> None:
    parser = budoux.load_default_japanese_parser()
    split = PhraseSplitter(parser.model)
    headlines = [
        "",
        "州",
        "神奈",
        "神奈川",
        "バーデン＝ヴュルテンベルク州と神奈川県、パートナーシップ35周年で共同意向表明に署名",
        "Stuttgart と横浜の企業が水素（H2）の共同研究を開始しました。今後の展開にご期待ください！",
    ]
    characters = "".join(sorted(set("".join(headlines)))) + "ぁ漢字カナ。、「」 0aZ"
    chance = random.Random(20)
    headlines += ["".join(chance.choices(characters, k=chance.randrange(1, 40))) for _ in range(2000)]
    for headline in headlines:
        assert split(headline) == parser.parse(headline), headline


def test_search_page_per_language_and_a_deterministic_index(scratch_site, tmp_path: Path) -> None:
    site = three_releases(scratch_site)
    assert site.build(search=True).code == 0
    for lang in ("de", "ja", "en"):
        page = site.page(f"/{lang}/search/")
        assert page.lang == lang  # Pagefind's interface speaks the page's language
        assert "/pagefind/pagefind-ui.js" in page.resources
    entry = json.loads((site.output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    # Releases, pages and partner pages are indexed per language; embargoed ones are not there at all.
    assert {lang: entry["languages"][lang]["page_count"] for lang in ("de", "ja", "en")} == {
        "de": 4,
        "ja": 3,
        "en": 3,
    }
    first = {p.relative_to(site.output): p.read_bytes() for p in (site.output / "pagefind").rglob("*") if p.is_file()}
    assert site.build(search=True).code == 0
    second = {p.relative_to(site.output): p.read_bytes() for p in (site.output / "pagefind").rglob("*") if p.is_file()}
    assert first == second


def test_spaces_set_on_purpose_stay_in_titles(scratch_site) -> None:
    """Every title's spaces were made plain: 'Nr.\\u00a05' could break between its word and its
    number, and a Japanese title's full-width space became a half-width one."""
    site = scratch_site(
        {
            "content/de/2024/a.md": "---\ntitle: Abkommen Nr.\u00a05  unterzeichnet\ndate: 2024-05-02\n---\n\nText.\n",
            "content/ja/2024/a.md": "---\ntitle: 神奈川県\u3000新たな連携\n---\n\n本文。\n",
        }
    )
    assert site.build().code == 0
    german = site.page("/de/releases/2024/a/").html.replace("&nbsp;", "\u00a0")
    assert "<h1 data-pagefind-ignore>Abkommen Nr.\u00a05 unterzeichnet</h1>" in german
    assert "神奈川県\u3000新たな連携" in site.page("/ja/releases/2024/a/").html
    # What a translator confirmed before these spaces were kept is still confirmed.
    assert spaced_fingerprint("Nr.\u00a05", "", "", "x", ()) == spaced_fingerprint("Nr. 5", "", "", "x", ())


def test_a_language_with_more_pages_than_a_sitemap_holds_gets_several(monkeypatch) -> None:
    """Search engines read at most 50,000 addresses from one sitemap: past `SITEMAP_SIZE`
    pages a language's list goes on in a numbered part, each named by the index."""
    monkeypatch.setattr(feeds, "SITEMAP_SIZE", 2)

    def page(lang: str, number: int, lastmod: str = "") -> PagePlan:
        url = f"{lang}/releases/{number}/"
        entry = SitemapEntry(BASE + url, (), lastmod)
        # As the site plans them: worked out only when the sitemap is rendered (some given whole).
        planned = PlannedEntry(lambda: entry, lastmod) if number % 2 else entry
        return PagePlan(url, lang, Deferred(lambda problems: None, planned))

    plans = [
        *(page("de", n, f"2024-0{n}-01") for n in range(1, 6)),
        page("en", 1),
        PagePlan("de/feed.xml", "de", Deferred(lambda problems: None)),
    ]
    catalog = SimpleNamespace(config=SimpleNamespace(link_base=BASE))
    index, *parts = feeds.sitemaps(catalog, plans)  # type: ignore[arg-type]
    assert index.url == "sitemap.xml"
    assert [(part.url, part.lastmod) for part in index.view.parts] == [
        (f"{BASE}sitemap-de.xml", "2024-02-01"),
        (f"{BASE}sitemap-de-2.xml", "2024-04-01"),
        (f"{BASE}sitemap-de-3.xml", "2024-05-01"),
        (f"{BASE}sitemap-en.xml", ""),
    ]
    assert [[entry.url for entry in part.realise(Problems()).entries] for part in parts] == [
        [f"{BASE}de/releases/1/", f"{BASE}de/releases/2/"],
        [f"{BASE}de/releases/3/", f"{BASE}de/releases/4/"],
        [f"{BASE}de/releases/5/"],
        [f"{BASE}en/releases/1/"],
    ]
