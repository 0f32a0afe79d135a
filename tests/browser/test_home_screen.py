"""Each language's web app manifest as Chromium reads it from that language's pages: without a
complaint, naming the site, its home page and its icons, which Chromium fetches and finds fit
to install the site with."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import LANGUAGES, OpenPage, build_site, serve_static

ICON_SIZES = ["192x192", "512x512", "512x512"]
"""The manifests' icons: 192 and 512 pixels for any use, and 512 maskable."""
DECODED_SIZE = """async url => {
  const image = new Image();
  image.src = url;
  await image.decode();
  return `${image.naturalWidth}x${image.naturalHeight}`;
}"""


def read_manifest(page: Page) -> tuple[dict, list[str]]:
    """The manifest the page links, as Chromium parsed it, and why Chromium would not install the
    site from the page (its installability errors' ids: it fetches the icon it would use)."""
    session = page.context.new_cdp_session(page)
    try:
        found = session.send("Page.getAppManifest")
        refusals = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    finally:
        session.detach()
    return found, [refusal["errorId"] for refusal in refusals]


def assert_icons_fit(page: Page, found: dict, refusals: list[str], static: str) -> None:
    """Chromium took every icon the manifest lists without a complaint (a purpose it does not
    know, a size it cannot read), each is under ``static``, and decodes to the size stated."""
    assert found["errors"] == [], found["errors"]
    icons = found["manifest"]["icons"]
    assert [icon["sizes"] for icon in icons] == ICON_SIZES and {icon["type"] for icon in icons} == {"image/png"}
    for icon in icons:
        assert icon["url"].startswith(static), icon["url"]
        assert page.request.get(icon["url"]).headers["content-type"] == "image/png"
        assert page.evaluate(DECODED_SIZE, icon["url"]) == icon["sizes"], icon["url"]
    # Chromium finds an icon to install the site with (it refuses in a headless tab, and the site
    # opens in the browser rather than as an app: neither concerns its icons).
    assert [refusal for refusal in refusals if "icon" in refusal] == [], refusals


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chromium_reads_each_languages_manifest_without_a_complaint(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    page = open_page(fresh=True)
    page.goto(f"{site_url}{lang}/releases/")
    found, refusals = read_manifest(page)
    assert found["url"] == f"{site_url}{lang}/manifest.webmanifest"
    manifest = found["manifest"]
    assert manifest["name"] == page.locator('meta[property="og:site_name"]').get_attribute("content")
    assert manifest["startUrl"] == manifest["id"] == f"{site_url}{lang}/" and manifest["scope"] == site_url
    assert manifest["themeColor"] == "rgba(14,53,88,1)" and manifest["backgroundColor"] == "rgba(255,255,255,1)"
    assert_icons_fit(page, found, refusals, f"{site_url}static/")


def test_a_site_under_a_path_names_its_icons_under_that_path(open_page: OpenPage, tmp_path: Path) -> None:
    """A site published at ``/sub/`` of its host: its manifests' icons are found there too."""
    release = tmp_path / "content/de/2024/a.md"
    release.parent.mkdir(parents=True)
    release.write_text("---\ntitle: Erste\ndate: 2024-01-01\n---\n\nText.\n", encoding="utf-8")
    host = tmp_path / "host"
    build_site(host / "sub", tmp_path, "--base-url", "/sub/", "--no-search")
    with serve_static(host) as url:
        page = open_page(fresh=True)
        page.goto(f"{url}sub/de/")
        found, refusals = read_manifest(page)
        assert found["url"] == f"{url}sub/de/manifest.webmanifest"
        assert_icons_fit(page, found, refusals, f"{url}sub/static/")
