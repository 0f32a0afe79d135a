"""The language switcher keeps the reader on the same release, for every release and language pair."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, LOCALES, OpenPage, bundled_releases

SWITCHES = [
    pytest.param(release.urls[source], release.urls[target], target, id=f"{release.key}:{source}->{target}")
    for release in bundled_releases()
    for source in LANGUAGES
    for target in LANGUAGES
    if source != target and source in release.urls and target in release.urls
]


def test_every_bundled_release_is_switchable() -> None:
    assert len(SWITCHES) >= 6, "no release exists in all three languages"


@pytest.mark.parametrize(("start", "expected", "target"), SWITCHES)
def test_switcher_leads_to_the_same_release(
    open_page: OpenPage, site_url: str, start: str, expected: str, target: str
) -> None:
    page = open_page(locale=LOCALES[target])
    response = page.goto(site_url + start.lstrip("/"))
    assert response is not None and response.status == 200
    start_lang = page.locator("html").get_attribute("lang")
    date = page.locator("main time[datetime]").first.get_attribute("datetime")

    link = page.locator(f'.language-switcher a[hreflang="{target}"]')
    expect(link).to_have_count(1)
    expect(link).to_be_visible()
    link.click()

    page.wait_for_url(site_url + expected.lstrip("/"))
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("main time[datetime]").first).to_have_attribute("datetime", date or "")
    # ...and the way back leads to where the reader came from.
    back = page.locator(f'.language-switcher a[hreflang="{start_lang}"]')
    expect(back).to_have_attribute("href", start)
