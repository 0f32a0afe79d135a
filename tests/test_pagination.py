"""Long lists are cut into pages: the release list, year archives, topic and partner pages.

Readers page through them with a pager that stays short however many pages there are, and
the language switcher of a page never leads to a page that does not exist."""

from __future__ import annotations

import re

from .conftest import ScratchSite, url_to_file


def release(title: str, day: str, **fields: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: {title}\ndate: {day}\n{extra}---\n\nText.\n"


def many_releases(scratch_site, count: int, per_page: int, japanese_every: int = 3) -> ScratchSite:
    """``count`` releases of 2024 in German and English, every ``japanese_every``-th also in
    Japanese, all about energy and Kanagawa; release 1 is the newest."""
    files = {"site.yaml": f"languages: [de, ja, en]\nper_page: {per_page}\n"}
    for n in range(1, count + 1):
        day = f"2024-{1 + (count - n) // 28:02d}-{1 + (count - n) % 28:02d}"
        fields = {"partners": "[kanagawa]", "topics": "[energy]"}
        files[f"content/de/2024/r{n}.md"] = release(f"Meldung {n}", day, **fields)
        files[f"content/en/2024/r{n}.md"] = release(f"Release {n}", day, **fields)
        if n % japanese_every == 0:
            files[f"content/ja/2024/r{n}.md"] = release(f"お知らせ{n}", day, **fields)
    return scratch_site(files)


def assert_described(site: ScratchSite, descriptions: dict[str, str]) -> None:
    """Each page of ``descriptions`` (URL → text) gives search results and shared links that text."""
    for url, description in descriptions.items():
        html = site.page(url).html
        assert f'<meta name="description" content="{description}">' in html, url
        assert f'<meta property="og:description" content="{description}">' in html, url


def card_titles(site: ScratchSite, url: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]*">([^<]*)</a>', site.page(url).html)


def pager_texts(site: ScratchSite, url: str) -> list[str]:
    found = re.search(r'<nav class="pager".*?</nav>', site.page(url).html, re.S)
    assert found, f"no pager on {url}"
    return re.findall(r"<li>(?:<a [^>]*>|<span[^>]*>)([^<]*)<", found.group(0))


def test_topic_year_and_partner_pages_are_paged_like_the_release_list(scratch_site) -> None:
    site = many_releases(scratch_site, count=7, per_page=2)
    assert site.build().code == 0
    for first in ("de/releases/", "de/releases/2024/", "de/topics/energy/", "de/partners/kanagawa/"):
        assert card_titles(site, first) == ["Meldung 1", "Meldung 2"], first
        assert card_titles(site, first + "page/4/") == ["Meldung 7"], first
        assert not site.exists(first + "page/5/"), first
        assert pager_texts(site, first + "page/2/") == ["1", "2", "3", "4"], first
        page = site.page(first + "page/2/")
        assert any(a.get("rel") == "prev" for a in page.links_to(f"/{first}")), first
        assert any(a.get("rel") == "next" for a in page.links_to(f"/{first}page/3/")), first
        assert '<span aria-current="page">2</span>' in page.html
    # The count is of the whole list, not of the page.
    assert "7 Pressemitteilungen" in site.page("de/topics/energy/page/3/").text


def test_switcher_of_a_page_leads_to_a_page_that_exists(scratch_site) -> None:
    # German has 7 releases (4 pages of 2), Japanese 2 (1 page).
    site = many_releases(scratch_site, count=7, per_page=2)
    assert site.build().code == 0
    page = site.page("de/releases/page/4/")
    assert any(a.get("lang") == "ja" for a in page.links_to("/ja/releases/"))
    assert "ja" not in page.alternates  # the Japanese list has no page 4 to name it back
    assert 'property="og:locale:alternate" content="ja_JP"' not in page.html
    assert 'property="og:locale:alternate" content="ja_JP"' in site.page("de/releases/").html
    assert page.links_to("/en/releases/page/4/")
    # Topic, year and partner pages are cut from the releases of every language: the
    # Japanese topic page 4 exists and shows the German and English versions it lacks.
    page = site.page("de/topics/energy/page/4/")
    assert page.links_to("/ja/topics/energy/page/4/")
    japanese = site.page("ja/topics/energy/page/4/")
    assert japanese.links_to("/de/releases/2024/r7/")[0]["lang"] == "de"
    for path in sorted(site.output.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        for href in re.findall(r'href="(/[^"#?]*)"', html):
            if not href.startswith(("/static/", "/pagefind/")):
                assert url_to_file(site.output, href).is_file(), f"{path}: {href}"


def test_a_long_list_shows_a_window_of_page_numbers(scratch_site) -> None:
    site = many_releases(scratch_site, count=15, per_page=1)
    assert site.build().code == 0
    assert pager_texts(site, "de/releases/page/8/") == ["1", "…", "6", "7", "8", "9", "10", "…", "15"]
    assert pager_texts(site, "de/releases/") == ["1", "2", "3", "…", "15"]
    assert pager_texts(site, "de/releases/page/4/") == ["1", "2", "3", "4", "5", "6", "…", "15"]
    assert pager_texts(site, "de/releases/page/15/") == ["1", "…", "13", "14", "15"]
    gap = re.search(r'<span class="gap" aria-hidden="true">…</span>', site.page("de/releases/page/8/").html)
    assert gap, "the gap is not read out as a page"


def test_each_page_of_a_list_says_in_its_title_which_page_it_is(scratch_site) -> None:
    # Tabs, bookmarks, history and search results show the title: page 3 of a list must not
    # read exactly like page 1.
    site = many_releases(scratch_site, count=7, per_page=2, japanese_every=1)
    assert site.build().code == 0
    titles = {
        "de/releases/": "Pressemitteilungen",
        "de/releases/page/3/": "Pressemitteilungen – Seite 3",
        "de/partners/kanagawa/page/2/": "Präfektur Kanagawa – Seite 2",
        "de/releases/2024/page/2/": "Pressemitteilungen aus dem Jahr 2024 – Seite 2",
        "ja/topics/energy/page/4/": "エネルギー（4ページ目）",
        "en/releases/page/2/": "Press releases – page 2",
    }
    for url, title in titles.items():
        found = re.search(r"<title>(.*?)(?: \| .*)?</title>", site.page(url).html)
        assert found and found.group(1) == title, url
    assert '<meta property="og:title" content="Pressemitteilungen – Seite 3">' in site.page("de/releases/page/3/").html
    # The breadcrumb, below "Pressemitteilungen", names the year alone.
    assert '<span aria-current="page">2024 – Seite 2</span>' in site.page("de/releases/2024/page/2/").html


def test_each_list_tells_search_results_and_shared_links_what_it_lists(scratch_site) -> None:
    # Every topic, year and release list gave the site's own description: search results and
    # shared links could not tell them apart, nor from the home page.
    site = many_releases(scratch_site, count=7, per_page=2, japanese_every=1)
    site.write({"site.yaml": "per_page: 2\ndescription: {de: Nachrichten., ja: ニュース。, en: News.}\n"})
    assert site.build().code == 0
    descriptions = {
        "de/releases/": "Alle Pressemitteilungen auf Deutsch, die neuesten zuerst",
        "de/releases/2024/": "Alle Pressemitteilungen aus dem Jahr 2024",
        "de/topics/energy/": "Alle Pressemitteilungen zum Thema Energie",
        # Not 日本語のプレスリリース一覧（新しい順）（2ページ目）: one bracket after another.
        "ja/releases/": "新しい順に並べた日本語のプレスリリース一覧",
        "ja/releases/page/2/": "新しい順に並べた日本語のプレスリリース一覧（2ページ目）",
        "ja/releases/2024/": "2024年のプレスリリース一覧",
        "ja/topics/energy/": "「エネルギー」に関するプレスリリース一覧",
        "en/releases/": "All press releases in English, newest first",
        "en/releases/2024/page/2/": "All press releases from 2024 – page 2",
        # Not "on Energy", "on Artificial intelligence": an English topic's name is a heading.
        "en/topics/energy/page/3/": "Energy: all press releases – page 3",
    }
    assert_described(site, descriptions)
    assert '<meta name="description" content="News.">' in site.page("en/").html


def test_the_topic_and_partner_indexes_and_the_search_page_each_say_what_they_are(scratch_site) -> None:
    # The topic index, the partner index and the search page gave the site's own description:
    # in search results and shared links they read as three copies of the home page.
    site = many_releases(scratch_site, count=1, per_page=2, japanese_every=1)
    site.write({"site.yaml": "description: {de: Nachrichten., ja: ニュース。, en: News.}\n"})
    assert site.build().code == 0
    descriptions = {
        "de/topics/": "Pressemitteilungen nach Themen",
        "de/partners/": "Partnerregionen und Kooperationen im Überblick: nach Ländern, auf der Karte und in der"
        " Zeitleiste",
        "de/search/": "Durchsuchen Sie alle Pressemitteilungen und Seiten dieser Website",
        "ja/topics/": "テーマ別のプレスリリース一覧",
        "ja/partners/": "パートナー地域とその他の連携を、国別の一覧・地図・年表でご紹介します。",
        "ja/search/": "サイト内のプレスリリースやページを検索できます。",
        "en/topics/": "Press releases by topic",
        "en/partners/": "State partnerships and other cooperation at a glance: by country, on a map and in a timeline",
        "en/search/": "Search every press release and page on this site",
    }
    assert_described(site, descriptions)
    for url, description in descriptions.items():
        # Within the length search engines show (about 160 characters; half that in Japanese).
        assert len(description) <= (80 if url.startswith("ja/") else 160), url


def test_each_alternate_of_a_page_names_that_page_back(scratch_site) -> None:
    # Search engines ignore an hreflang pair that is not returned. German has 7 releases (4
    # pages of 2), Japanese 2 (1 page): the German page 4 takes a Japanese reader to the
    # Japanese list, but that list's alternate in German is the German page 1.
    site = many_releases(scratch_site, count=7, per_page=2)
    assert site.build().code == 0
    pages = 0
    for path in sorted(site.output.rglob("index.html")):
        url = "/" + str(path.parent.relative_to(site.output)).removeprefix(".") + "/"
        url = url.replace("//", "/")
        page = site.page(url)
        own = page.alternates.get(page.lang)
        if own is None:
            continue  # the language chooser, a redirect
        pages += 1
        for lang, href in page.alternates.items():
            if lang != "x-default":
                assert site.page(href).alternates.get(page.lang) == own, f"{url} names {href}, which does not name it"
    assert pages > 50
    sitemap = (site.output / "sitemap-de.xml").read_text(encoding="utf-8")
    entry = re.search(r"<loc>[^<]*/de/releases/page/4/</loc>.*?</url>", sitemap, re.S)
    assert entry and 'hreflang="ja"' not in entry.group(0), "the sitemap names the one-sided pair too"
