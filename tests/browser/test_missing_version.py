"""A release that exists only in German: readers see the notice and a switcher that says so plainly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from ..conftest import KANAGAWA, TOPICS
from .conftest import LOCALES, OpenPage, serve_small_site

RELEASE = "/de/releases/2024/nur-auf-deutsch/"
FILES = {
    "content/topics.yaml": TOPICS,
    "content/partners/kanagawa.yaml": KANAGAWA,
    "content/de/2024/nur-auf-deutsch.md": (
        "---\ntitle: Nur auf Deutsch erschienen\ndate: 2024-03-05\npartners: [kanagawa]\ntopics: [energy]\n---\n\n"
        "Diese Meldung gibt es nur auf Deutsch.\n"
    ),
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site with one German-only release, built and served for this module."""
    with serve_small_site(tmp_path_factory.mktemp("german-only"), FILES) as url:
        yield url


@pytest.mark.parametrize(
    ("target", "name", "unavailable"),
    [("ja", "日本語", "nicht verfügbar"), ("en", "English", "nicht verfügbar")],
    ids=["ja", "en"],
)
def test_german_only_release_says_which_versions_are_missing(
    open_page: OpenPage, scratch_url: str, target: str, name: str, unavailable: str
) -> None:
    page = open_page(locale=LOCALES["de"])
    response = page.goto(scratch_url + RELEASE.lstrip("/"))
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "de")

    # The notice is on the page, visible, in the reader's language, naming the missing languages.
    notice = page.locator("main").get_by_role("note")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Japanisch")
    expect(notice).to_contain_text("Englisch")

    # The switcher still offers the language, says the version is unavailable...
    entry = page.locator(f'.language-switcher a[hreflang="{target}"]')
    expect(entry).to_be_visible()
    expect(entry).to_contain_text(name)
    expect(entry).to_contain_text(unavailable)
    expect(entry.locator(f'[lang="{target}"]')).to_have_text(name)

    # ...and leads to that language's list of the release's year, which offers the German version.
    entry.click()
    page.wait_for_url(f"{scratch_url}{target}/releases/2024/")
    expect(page.locator("html")).to_have_attribute("lang", target)
    offered = page.locator(f'main a[href="{RELEASE}"]')
    expect(offered).to_be_visible()
    expect(offered).to_have_attribute("lang", "de")
    expect(offered).to_have_text("Nur auf Deutsch erschienen")
