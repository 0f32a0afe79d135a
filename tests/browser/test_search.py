"""Search: a reader types a place name into the Pagefind UI on ``/<lang>/search/`` and finds its releases."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import LOCALES, OpenPage, bundled_releases

INPUT = ".pagefind-ui__search-input"
RESULT_LINK = ".pagefind-ui__result-link"
LOAD_MORE = ".pagefind-ui__button"


def _require_search(site: Path, lang: str) -> None:
    bundle = site / "pagefind"
    if not (bundle.is_dir() or (site / lang / "pagefind").is_dir()):
        pytest.skip("search not built yet")


def _search(page: Page, site_url: str, lang: str, query: str) -> set[str]:
    """Type ``query`` as a reader would; the paths of every result, all pages of results loaded."""
    response = page.goto(f"{site_url}{lang}/search/")
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", lang)
    field = page.locator(INPUT)
    expect(field).to_be_visible()
    field.press_sequentially(query, delay=20)
    expect(page.locator(RESULT_LINK).first).to_be_visible()
    more = page.locator(LOAD_MORE)
    for _ in range(20):  # bounded: Pagefind shows five more results per click
        if not more.is_visible():
            break
        count = page.locator(RESULT_LINK).count()
        more.click()
        expect(page.locator(RESULT_LINK)).not_to_have_count(count)
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(link => link.href)")
    return {urlsplit(href).path for href in hrefs}


@pytest.mark.parametrize(
    ("lang", "query", "mentions"),
    [
        pytest.param("ja", "北九州", "北九州", id="ja-kitakyushu"),
        pytest.param("de", "Kanagawa", "Kanagawa", id="de-kanagawa"),
    ],
)
def test_search_finds_the_releases_that_mention_a_place(
    open_page: OpenPage, built_site: Path, site_url: str, lang: str, query: str, mentions: str
) -> None:
    _require_search(built_site, lang)
    expected = {release.urls[lang] for release in bundled_releases(mentions, lang)}
    assert expected, f"no bundled {lang} release mentions {mentions}"
    page = open_page(locale=LOCALES[lang])
    found = _search(page, site_url, lang, query)
    assert expected <= found, f"missing from the results: {sorted(expected - found)}; results: {sorted(found)}"
    # The search speaks the reader's language: results are pages in that language.
    assert all(path.startswith(f"/{lang}/") for path in found), sorted(found)
