"""A site built without its search index (``--no-search``) as its readers find it: its header
offered a search form and a "Search" link on every page, each leading to a page that only says
search is not available. It offers what works instead; the search page stays, for old links.
The preview, whose first build goes without its index and makes it behind the pages, shows
search from the first page on."""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.pipeline.building import build
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .conftest import Page, ScratchSite

SEARCH_WORD = {"de": "Suche", "ja": "検索", "en": "Search"}
RELEASE_LIST = {"de": "Pressemitteilungen", "ja": "プレスリリース", "en": "Press releases"}


def small_site(scratch_site) -> ScratchSite:
    day = "---\ntitle: {}\ndate: 2024-05-02\n---\n\nText.\n"
    return scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2024/besuch.md": day.format("Besuch aus Kanagawa"),
            "content/ja/2024/besuch.md": day.format("神奈川県から訪問団"),
            "content/en/2024/besuch.md": day.format("Visit from Kanagawa"),
            "content/de/pages/about.md": "---\ntitle: Über uns\n---\n\nText.\n",
        }
    )


def pages_of(lang: str) -> tuple[str, ...]:
    """A page of every kind a header is on: home, a release, a list, a year, the search page, the 404."""
    return (f"/{lang}/", f"/{lang}/releases/2024/besuch/", f"/{lang}/releases/", f"/{lang}/releases/2024/",
            f"/{lang}/search/", f"/{lang}/404.html")  # fmt: skip


def search_offered(page: Page, lang: str) -> list[str]:
    """What of the page leads a reader to search: its forms and its links to the search page."""
    forms = re.findall(r'<form class="search-form [^"]*" role="search" action="([^"]*)"', page.html)
    links = [f"link {a['text'].strip()}" for a in page.links_to(f"/{lang}/search/")]
    return [f"form {action}" for action in forms] + links


def test_a_site_built_without_search_offers_none_in_its_header(scratch_site) -> None:
    site = small_site(scratch_site)
    assert site.build().code == 0  # the scratch site's build is --no-search
    for lang in ("de", "ja", "en"):
        for url in pages_of(lang):
            page = site.page(url)
            assert search_offered(page, lang) == [], url
            # The release list, with its archive by year, is still in the navigation.
            assert [a["text"] for a in page.links_to(f"/{lang}/releases/")][:1] == [RELEASE_LIST[lang]], url
        # The search page stays, for an old bookmark, and leads to the archive by year.
        search = site.page(f"/{lang}/search/")
        assert 'id="search-unavailable"' in search.html
        assert search.links_to(f"/{lang}/releases/#years-heading")


def test_a_site_built_with_search_offers_it_in_its_header(scratch_site) -> None:
    site = small_site(scratch_site)
    assert site.build(search=True).code == 0
    for lang in ("de", "ja", "en"):
        for url in pages_of(lang):
            # The masthead's form (wide screens), the menu's (phones) and the navigation's link;
            # the 404 page offers the navigation's links once more, under its message.
            link = [f"link {SEARCH_WORD[lang]}"] * (2 if url.endswith("404.html") else 1)
            assert search_offered(site.page(url), lang) == [f"form /{lang}/search/"] * 2 + link, url


def test_the_previews_pages_show_search_while_their_index_is_made_and_after_a_quick_rebuild(
    scratch_site, tmp_path: Path
) -> None:
    """The preview builds its first pages before their index, which it makes behind them
    (`pressroom.preview.server`): those pages, and those a quick rebuild renders again, are of
    a site with search."""
    site = small_site(scratch_site)
    result = build(site.root, site.output, base_url="/", search="index", keep=True, index_later=True)
    assert result.rendered is not None and not (site.output / "pagefind").exists()
    expected = ["form /en/search/", "form /en/search/", "link Search"]
    assert search_offered(site.page("/en/releases/2024/besuch/"), "en") == expected
    edited = site.root / "content/en/2024/besuch.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Text.", "A visit."), encoding="utf-8")
    assert quick_rebuild(QuickSite.of(result.rendered), [edited], site.output) is not None
    page = site.page("/en/releases/2024/besuch/")
    assert "A visit." in page.html and search_offered(page, "en") == expected


def test_the_search_button_says_what_it_does(bundled_site) -> None:
    """The German header's button said „Suche“, the noun its field's placeholder says: a button
    is a verb, „Suchen“ (as 検索 and Search are already both)."""
    for lang, field, button in (("de", "Suche", "Suchen"), ("ja", "検索", "検索"), ("en", "Search", "Search")):
        home = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        form = home[home.index('<form class="search-form') :]
        form = form[: form.index("</form>")]
        assert f'placeholder="{field}"' in form and f'<button type="submit">{button}</button>' in form, form
