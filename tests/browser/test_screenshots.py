"""Full-page screenshots of every kind of page, per language, on a phone and a desktop, light and dark.

They land in ``test-artifacts/screenshots/<lang>-<kind>-<width>-<scheme>.png`` for people to look
at; the test checks that each is a real PNG of the window's width. Search pages are shown with the
results of a query. A phone layout must not scroll sideways.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from .conftest import LOCALES, OpenPage, PageType, page_types, screenshot_page_types, wait_for_search_results

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WINDOWS = {"phone": (390, 844), "desktop": (1280, 800)}
SCHEMES = ("light", "dark")
QUERIES = {"de": "Kanagawa", "ja": "神奈川", "en": "Kanagawa"}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR", "not a PNG file"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize("kind", screenshot_page_types(), ids=lambda kind: kind.id)
def test_screenshots(open_page: OpenPage, site_url: str, artifacts: Path, kind: PageType) -> None:
    for (window, (width, height)), scheme in itertools.product(WINDOWS.items(), SCHEMES):
        page = open_page(locale=LOCALES[kind.lang], width=width, height=height)
        page.emulate_media(color_scheme=scheme)
        path = kind.path.lstrip("/")
        if kind.name == "search":
            path += f"?q={QUERIES[kind.lang]}"
        response = page.goto(site_url + path)
        assert response is not None and response.status == kind.status
        if kind.name == "search":
            search = page.locator(".pagefind-ui__search-input")
            if search.count() and not search.input_value():
                search.fill(QUERIES[kind.lang])
            wait_for_search_results(page)
        page.evaluate("document.fonts.ready.then(() => true)")
        target = artifacts / "screenshots" / f"{kind.id}-{width}-{scheme}.png"
        if kind.name == "feed":  # Playwright's full-page shot waits for an HTML body an XML document lacks
            page.set_viewport_size({"width": width, "height": page.evaluate("document.documentElement.scrollHeight")})
            page.screenshot(path=str(target), animations="disabled")
        else:
            page.screenshot(path=str(target), full_page=True, animations="disabled")
        page.emulate_media(color_scheme="light")
        data = target.read_bytes()
        assert len(data) > 1000, f"{target} is nearly empty ({window})"
        shot_width, shot_height = png_size(data)
        assert shot_width == width, f"{target}: {shot_width} px wide, the window is {width}"
        assert shot_height > 0


@pytest.mark.parametrize("kind", page_types(), ids=lambda kind: kind.id)
def test_phone_layout_does_not_scroll_sideways(open_page: OpenPage, site_url: str, kind: PageType) -> None:
    width, height = WINDOWS["phone"]
    page = open_page(locale=LOCALES[kind.lang], width=width, height=height)
    page.goto(site_url + kind.path.lstrip("/"))
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
                .filter(element => element.getBoundingClientRect().right > width + 1)
                .filter(element => element.parentElement.getBoundingClientRect().right <= width + 1)
                .slice(0, 10)
                .map(element => element.tagName.toLowerCase() + (element.className ? '.' +
                     String(element.className).trim().replace(/\\s+/g, '.') : '') +
                     ' (right edge ' + Math.round(element.getBoundingClientRect().right) + ' px)')""",
            width,
        )
        pytest.fail(
            f"{kind.path} is {scroll_width} px wide on a {width} px phone; widest elements: {wide}", pytrace=False
        )
