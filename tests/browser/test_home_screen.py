"""Each language's web app manifest as Chromium reads it from that language's pages: without a
complaint, naming the site, its home page and its icon."""

from __future__ import annotations

import pytest

from .conftest import LANGUAGES, OpenPage


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chromium_reads_each_languages_manifest_without_a_complaint(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    page = open_page(fresh=True)
    page.goto(f"{site_url}{lang}/releases/")
    session = page.context.new_cdp_session(page)
    try:
        found = session.send("Page.getAppManifest")
    finally:
        session.detach()
    assert found["url"] == f"{site_url}{lang}/manifest.webmanifest"
    assert found["errors"] == [], found["errors"]
    manifest = found["manifest"]
    assert manifest["name"] == page.locator('meta[property="og:site_name"]').get_attribute("content")
    assert manifest["startUrl"] == manifest["id"] == f"{site_url}{lang}/" and manifest["scope"] == site_url
    assert manifest["themeColor"] == "rgba(14,53,88,1)" and manifest["backgroundColor"] == "rgba(255,255,255,1)"
    touch = page.locator('link[rel="apple-touch-icon"]').evaluate("link => link.href")
    assert [(icon["url"], icon["sizes"]) for icon in manifest["icons"]] == [(touch, "180x180")] * 2
    # The icon is there, as the manifest says it is.
    assert page.request.get(touch).headers["content-type"] == "image/png"
