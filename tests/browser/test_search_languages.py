"""Search results in another language than the search page's carry it, as the pages they lead to do.

A release marks a word in another language (``[横浜市]{lang=ja}``), and an untranslated copy
published as it is marks its original's text (its German title on the Japanese page); Pagefind
keeps text only, so the search page marks them again: in a result's title, a sub-result's title
(a heading) and the excerpts, with the highlighting kept.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from ..conftest import KANAGAWA, TOPICS
from .conftest import LOCALES, OpenPage, serve_small_site, wait_for_search_results

INPUT = ".pagefind-ui__search-input"
RESULT = ".pagefind-ui__result"
NESTED = ".pagefind-ui__result-nested"
LINK = ".pagefind-ui__result-link"
EXCERPT = ".pagefind-ui__result-excerpt"


def _release(title: str, body: str, untranslated: bool = False, day: str = "2024-03-01") -> str:
    mark = "untranslated: true\n" if untranslated else ""
    return f"---\ntitle: {title}\ndate: {day}\npartners: [kanagawa]\ntopics: [energy]\n{mark}---\n\n{body}\n"


GERMAN_SOLAR = "Auf dem Dach der Landesmesse entsteht Solarstrom für Besucher aus Kanagawa."
JAPANESE_VISIT = "神奈川県の代表団は JETRO の支援でシュトゥットガルトを訪れます。"
SITE = {
    "content/topics.yaml": TOPICS,
    "content/partners/kanagawa.yaml": KANAGAWA,
    # A heading with a word marked Japanese, in each language.
    "content/de/2024/besuch.md": _release(
        "Besuch aus Kanagawa",
        "Eine Delegation kommt.\n\n## Gespräche in [横浜市]{lang=ja}\n\nIn Yokohama wird verhandelt.",
    ),
    "content/ja/2024/besuch.md": _release(
        "神奈川県からの訪問", "代表団が来ます。\n\n## 横浜市での会談\n\n横浜市で話し合います。"
    ),
    "content/en/2024/besuch.md": _release(
        "Visit from Kanagawa", "A delegation comes.\n\n## Talks in [横浜市]{lang=ja}\n\nIn Yokohama they negotiate."
    ),
    # German only: published in Japanese and English as the copy it is.
    **{
        f"content/{lang}/2024/solar.md": _release(
            "Solarstrom vom Dach der Landesmesse", GERMAN_SOLAR, untranslated=lang != "de", day="2024-04-01"
        )
        for lang in ("de", "ja", "en")
    },
    # Japanese only: published in German as the copy it is.
    **{
        f"content/{lang}/2024/delegation.md": _release(
            "神奈川県の代表団が訪問", JAPANESE_VISIT, untranslated=lang != "ja", day="2024-05-01"
        )
        for lang in ("ja", "de")
    },
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_small_site(tmp_path_factory.mktemp("search-languages"), SITE) as url:
        yield url


# Each piece of text the reader sees in an element, with the language it is shown in.
SHOWN = """element => {
    const pieces = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.data.trim()) pieces.push([node.data.trim(), node.parentElement.closest("[lang]").lang]);
    }
    return pieces;
}"""


def _search(page: Page, site_url: str, lang: str, query: str) -> None:
    page.goto(f"{site_url}{lang}/search/")
    page.locator(INPUT).press_sequentially(query, delay=20)
    expect(page.locator(LINK).first).to_be_visible()
    wait_for_search_results(page)


def _languages(element: Locator) -> dict[str, str]:
    return dict(element.evaluate(SHOWN))


@pytest.mark.parametrize(
    ("lang", "heading"), [("de", "Gespräche in"), ("en", "Talks in")], ids=["de-heading", "en-heading"]
)
def test_a_word_marked_in_another_language_keeps_it_in_a_sub_results_title(
    open_page: OpenPage, site_url: str, lang: str, heading: str
) -> None:
    """A heading's Japanese word (the page's <span lang="ja">横浜市</span>) was read with a German voice."""
    page = open_page(locale=LOCALES[lang])
    _search(page, site_url, lang, "Yokohama")
    sub_result = page.locator(NESTED).filter(has=page.locator(LINK).filter(has_text=heading))
    title = sub_result.locator(LINK)
    expect(title).to_have_text(f"{heading} 横浜市")
    assert _languages(title) == {heading: lang, "横浜市": "ja"}
    excerpt = sub_result.locator(EXCERPT)
    expect(excerpt.locator("mark")).to_have_text("Yokohama")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_untranslated_copys_german_title_and_text_are_shown_as_german(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    """The Japanese search page showed a German release published as its copy, German text
    marked Japanese (a Japanese voice, Japanese glyphs); its page marks it German."""
    page = open_page(locale=LOCALES[lang])
    _search(page, site_url, lang, "Landesmesse")
    result = page.locator(RESULT).filter(has=page.locator(f'{LINK}[href="/{lang}/releases/2024/solar/"]'))
    title = result.locator(LINK).first
    expect(title).to_have_text("Solarstrom vom Dach der Landesmesse")
    assert set(_languages(title).values()) == {"de"}
    excerpt = result.locator(EXCERPT).first
    shown = excerpt.evaluate(SHOWN)
    assert "Landesmesse" in {text for text, _ in shown}, shown
    # Only the ellipsis where the excerpt is cut is the search page's own.
    assert {piece_lang for text, piece_lang in shown if text.strip("… ")} == {"de"}, shown
    marks = excerpt.locator("mark")
    expect(marks.first).to_have_text("Landesmesse")
    assert set(marks.evaluate_all("""marks => marks.map(mark => mark.closest("[lang]").lang)""")) == {"de"}


def test_a_copy_of_a_japanese_release_is_shown_as_japanese_on_the_german_search_page(
    open_page: OpenPage, site_url: str
) -> None:
    page = open_page(locale=LOCALES["de"])
    _search(page, site_url, "de", "JETRO")
    result = page.locator(RESULT).filter(has=page.locator(f'{LINK}[href="/de/releases/2024/delegation/"]'))
    title = result.locator(LINK).first
    expect(title).to_have_text("神奈川県の代表団が訪問")
    assert _languages(title) == {"神奈川県の代表団が訪問": "ja"}
    excerpt = result.locator(EXCERPT).first
    expect(excerpt.locator("mark")).to_have_text("JETRO")
    assert {piece_lang for text, piece_lang in excerpt.evaluate(SHOWN) if text.strip("… ")} == {"ja"}


def test_a_title_pagefind_writes_anew_is_marked_anew(open_page: OpenPage, site_url: str) -> None:
    """Pagefind UI writes a sub-result's title into the text node it keeps, and writes another
    there when it shows another heading in that place: the new title is marked as its own."""
    page = open_page(locale=LOCALES["de"])
    _search(page, site_url, "de", "Yokohama")
    title = page.locator(f"{NESTED} {LINK}")
    expect(title).to_have_count(1)  # the heading "Gespräche in 横浜市"
    expect(title.locator("[lang=ja]")).to_have_text("横浜市")
    # The text node Pagefind UI keeps is the first one in the link.
    written = """(link, text) => {
        const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        walker.nextNode();
        walker.currentNode.data = text;
    }"""
    title.evaluate(written, "Abschluss ohne Fremdwort")
    expect(title).to_have_text("Abschluss ohne Fremdwort")
    assert _languages(title) == {"Abschluss ohne Fremdwort": "de"}
    title.evaluate(written, "Weiter nach 横浜市 und zurück")
    expect(title).to_have_text("Weiter nach 横浜市 und zurück")
    assert _languages(title) == {"Weiter nach": "de", "横浜市": "ja", "und zurück": "de"}
