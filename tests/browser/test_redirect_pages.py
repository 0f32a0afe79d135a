"""A reader who opens a release's earlier address (``formerly:``) lands on the release; the page
at the old address, as a browser that does not follow the refresh shows it, is valid HTML, clean
for axe-core in light and dark, and says in the reader's language that the release has moved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, Route

from .conftest import AXE, LOCALES, OpenPage, require_node_modules, serve_small_site
from .test_accessibility import BLOCKING, describe
from .test_html_validity import run_vnu, vnu_jar, where

__all__ = ["vnu_jar"]  # the fixture, used here by its name

FILES = {
    "site.yaml": "languages: [de, ja, en]\ntitle: {de: Presse, ja: 報道発表, en: Press}\n",
    "content/de/2024/besuch.md": "---\ntitle: Besuch aus Kanagawa\ndate: 2024-07-17\nslug: kanagawa-besuch-2024\n"
    "formerly: kanagawa-besuch\n---\n\nDer Text.\n",
    "content/ja/2024/besuch.md": "---\ntitle: 神奈川県からの訪問団\nformerly: /ja/releases/2024/%E8%A8%AA%E5%95%8F/\n"
    "---\n\n本文です。\n",
    "content/en/2024/besuch.md": "---\ntitle: Visit from Kanagawa\nformerly: [/en/releases/2023/visit]\n"
    "---\n\nThe text.\n",
}
MOVED = {
    "de": ("de/releases/2024/kanagawa-besuch/", "/de/releases/2024/kanagawa-besuch-2024/"),
    "ja": ("ja/releases/2024/訪問/", "/ja/releases/2024/besuch/"),
    "en": ("en/releases/2023/visit/", "/en/releases/2024/besuch/"),
}
TITLES = {"de": "Besuch aus Kanagawa", "ja": "神奈川県からの訪問団", "en": "Visit from Kanagawa"}
HEADINGS = {
    "de": "Diese Pressemitteilung hat eine neue Adresse",
    "ja": "このプレスリリースは移動しました",
    "en": "This press release has moved",
}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("moved")
    with serve_small_site(root, FILES) as url:
        yield url, root / "out"


def without_refresh(page: Page, url: str) -> None:
    """Serve ``url`` with its refresh taken out: what a browser that does not follow it shows."""

    def strip(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", response.text())
        route.fulfill(response=response, body=body)

    page.route(url, strip)


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_opening_an_earlier_address_lands_on_the_release(open_page: OpenPage, moved_site, lang: str) -> None:
    url, _ = moved_site
    old, new = MOVED[lang]
    page = open_page(locale=LOCALES[lang], fresh=True)
    page.goto(url + old)
    page.wait_for_url(url + new.lstrip("/"))
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").first.inner_text().strip() == TITLES[lang]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_the_page_at_an_earlier_address_is_clean_for_axe_and_says_it_in_words(
    open_page: OpenPage, moved_site, artifacts: Path, lang: str, scheme: str
) -> None:
    require_node_modules(AXE)
    url, _ = moved_site
    old, new = MOVED[lang]
    page = open_page(locale=LOCALES[lang], fresh=True)
    page.emulate_media(color_scheme=scheme)
    without_refresh(page, url + old)
    response = page.goto(url + old)
    assert response is not None and response.status == 200
    assert unquote(page.url) == url + old, "the refresh was taken out: the page stays"
    assert page.locator("h1").inner_text() == HEADINGS[lang]
    assert page.locator("main a").get_attribute("href") == new
    page.screenshot(path=artifacts / "screenshots" / f"redirect-{lang}-{scheme}.png", full_page=True)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_the_pages_at_earlier_addresses_are_valid_html(vnu_jar: Path, moved_site) -> None:
    _, site = moved_site
    site = site.resolve()
    problems = [message for message in run_vnu(vnu_jar, site) if message.get("type") != "info"]
    assert not problems, [f"{where(site, message)}: {message.get('message')}" for message in problems]
    assert all((site / old / "index.html").is_file() for old, _ in MOVED.values())
