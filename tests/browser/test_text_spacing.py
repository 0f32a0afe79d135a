"""Text spacing (WCAG 1.4.12): with the spacing a reader's style sheet may set (lines 1.5 apart,
paragraphs 2 em, letters 0.12 em, words 0.16 em), no text is cut off, lies on other text or
pushes the page sideways, on a 320 px phone and on a desktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from ..conftest import KANAGAWA, TOPICS
from .conftest import (
    LANGUAGES,
    LOCALES,
    OpenPage,
    PageType,
    screenshot_page_types,
    serve_small_site,
    wait_for_search_results,
)
from .test_beyond_axe import OVERLAPS, PHONES, TEXT_200

TEXT_SPACING = """() => {
  // An XHTML style element, at the root where there is no head: a feed's XML takes it too.
  const style = document.createElementNS('http://www.w3.org/1999/xhtml', 'style');
  style.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                           word-spacing: 0.16em !important; }
                       p { margin-block-end: 2em !important; }`;
  (document.head || document.documentElement).append(style);
}"""
"""The spacing of WCAG 1.4.12, as a reader's style sheet or bookmarklet sets it."""
# Boxes that hide what overflows them (a scrolling table or map is read by scrolling, not cut).
CLIPPED = """() => [...document.querySelectorAll(document.body ? 'body *' : ':root *')]
  .filter(e => e.checkVisibility() && !e.closest('.visually-hidden, svg, table, pre, .map-scroll'))
  .filter(e => { const s = getComputedStyle(e); return s.overflowX === 'hidden' || s.overflowY === 'hidden'
                 || s.overflowX === 'clip' || s.overflowY === 'clip'; })
  .filter(e => e.clientWidth > 1 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
  .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`)"""
SEARCHED = {"de": "Kanagawa", "ja": "神奈川", "en": "Kanagawa"}
LONG_WORD = "Energieeffizienzsteigerungsmaßnahmen"


def _spaced(page: Page, url: str, result: bool) -> None:
    page.goto(url)
    if result:
        wait_for_search_results(page)
    page.evaluate(TEXT_SPACING)


def _sideways(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - innerWidth")


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("kind", screenshot_page_types(), ids=lambda kind: kind.id)
def test_spaced_text_is_neither_cut_off_nor_laid_on_other_text(
    open_page: OpenPage, site_url: str, kind: PageType, width: int
) -> None:
    page = open_page(locale=LOCALES[kind.lang], width=width, height=800)
    search = kind.name == "search"
    _spaced(page, site_url + kind.path.lstrip("/") + (f"?q={SEARCHED[kind.lang]}" if search else ""), search)
    assert _sideways(page) <= 0, f"at {width} px the page scrolls {_sideways(page)} px sideways"
    overlaps = page.evaluate(OVERLAPS)
    assert not overlaps, f"at {width} px: " + "; ".join(overlaps)
    clipped = page.evaluate(CLIPPED)
    assert not clipped, f"at {width} px text is cut off in: " + "; ".join(clipped)


@pytest.fixture(scope="module")
def long_word_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A release in each language whose text has a long German word, searchable."""
    files = {"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA}
    for lang in LANGUAGES:
        files[f"content/{lang}/2024/effizienz.md"] = (
            "---\ntitle: Kanagawa\ndate: 2024-03-05\nkey: effizienz\npartners: [kanagawa]\n---\n\n"
            f"Kanagawa und die {LONG_WORD} im Überblick.\n"
        )
    with serve_small_site(tmp_path_factory.mktemp("long-word"), files) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_word_in_a_search_result_breaks_inside_the_result(
    open_page: OpenPage, long_word_url: str, lang: str
) -> None:
    """A result's parts were as wide as their longest word: with the spacing of 1.4.12 on a 320 px
    phone, "Energieeffizienzsteigerungsmaßnahmen" in an excerpt ran past the window."""
    page = open_page(locale=LOCALES[lang], width=320, height=800)
    _spaced(page, long_word_url + f"{lang}/search/?q=Kanagawa", result=True)
    assert LONG_WORD in page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert _sideways(page) <= 0, f"the page scrolls {_sideways(page)} px sideways"
    outside = page.locator(".pagefind-ui__result-inner > *").evaluate_all(
        "parts => parts.filter(p => p.getBoundingClientRect().right > document.documentElement.clientWidth)"
        ".map(p => p.textContent.trim().slice(0, 40))"
    )
    assert not outside, f"past the window: {outside}"


@pytest.mark.parametrize("adjust", ["text 200 %", "text spacing"])
@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_opened_phone_menu_fits_the_window(
    open_page: OpenPage, site_url: str, lang: str, width: int, adjust: str
) -> None:
    """1.4.4 and 1.4.12: the search field in the opened menu kept its own width (20 characters)
    beside its button, and the menu, its rows and the page grew as wide as both: at 200 % text
    on a 390 px phone the page scrolled 263 px sideways, with the reader's spacing 22 px at 320."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + f"{lang}/releases/")
    page.evaluate(TEXT_200 if adjust == "text 200 %" else TEXT_SPACING)
    page.click(".menu > summary")
    try:
        window = page.evaluate("document.documentElement.clientWidth")
        for part in (".site-nav", ".menu-search"):
            box = page.locator(part).bounding_box()
            assert box and box["x"] + box["width"] <= window, f"{part} reaches {box} in a window of {window} px"
        assert _sideways(page) <= 0, f"the page scrolls {_sideways(page)} px sideways"
    finally:
        page.click(".menu > summary")
