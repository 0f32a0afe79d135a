"""Japanese search recall: each word of the bundled Japanese pages, typed into ``/ja/search/``, finds its pages.

The words and the pages containing each come from what Pagefind indexed (`japanese_words`),
segmented by Janome; the finding is done by Chromium on the real search page, through the
input field a reader types into, with every page of results loaded.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import LOCALES, OpenPage
from .japanese_words import indexed_pages, reader_words

INPUT = ".pagefind-ui__search-input"
MESSAGE = ".pagefind-ui__message"
RESULT_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"  # not sub-results
LOAD_MORE = ".pagefind-ui__button"
# The search page's Japanese messages (locales/ja) once a search has finished: 「[term]」の検索結果：[n]件
# or no match.
FINISHED = "^「{term}」(?:の検索結果：(\\d+)件|に一致する情報はありませんでした)$"


TABS = 4
"""Searches typed at once in separate tabs: Pagefind UI waits 300 ms after typing, and the waits overlap."""


def type_query(page: Page, word: str) -> None:
    """Type ``word`` into the search field, as a reader's input method commits it."""
    page.locator(INPUT).fill(word)


def results(page: Page, word: str) -> set[str]:
    """Once the search for ``word`` has finished: the paths of all its results, every page of them loaded."""
    finished = re.compile(FINISHED.format(term=re.escape(word)))
    message = page.locator(MESSAGE, has_text=finished)
    expect(message).to_be_visible()
    found = finished.match(message.inner_text().strip())
    assert found is not None
    count = int(found.group(1) or 0)
    links = page.locator(RESULT_LINK)
    expect(links).to_have_count(min(count, 5))  # the previous word's results are gone
    for _ in range(count // 5 + 5):  # Pagefind UI shows five more results per click, each as its data arrives
        shown = links.count()
        if shown >= count:
            break
        more = page.locator(LOAD_MORE)
        if more.is_visible():
            more.click()
        expect(links).not_to_have_count(shown)
    hrefs = links.evaluate_all("links => links.map(link => link.href)")
    assert len(hrefs) == count, f"{word}: {len(hrefs)} results shown of {count}"
    return {urlsplit(href).path for href in hrefs}


def search_all(tabs: list[Page], words: list[str]) -> dict[str, set[str]]:
    """Each word typed into one of the tabs' search field; its results."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(words), len(tabs)):
        batch = list(zip(tabs, words[start : start + len(tabs)], strict=False))
        for tab, word in batch:
            type_query(tab, word)
        for tab, word in batch:
            found[word] = results(tab, word)
    return found


@pytest.fixture(scope="module")
def japanese_words(built_site: Path) -> dict[str, frozenset[str]]:
    if not (built_site / "pagefind").is_dir():
        pytest.skip("search not built")
    words = reader_words(indexed_pages(built_site))
    assert len(words) > 1000, "the bundled Japanese pages should give over a thousand words"
    for word in ("未病", "クラスター", "シュトゥットガルト", "マハーラーシュトラ"):  # those of issue 16
        assert word in words, word
    return words


def test_every_japanese_word_finds_every_page_containing_it(
    open_page: OpenPage, site_url: str, japanese_words: dict[str, frozenset[str]]
) -> None:
    tabs = [open_page(locale=LOCALES["ja"], fresh=True) for _ in range(TABS)]
    for tab in tabs:
        tab.goto(f"{site_url}ja/search/")
        expect(tab.locator(INPUT)).to_be_visible()
    started = time.perf_counter()
    results_of = search_all(tabs, list(japanese_words))
    expected_pairs = found_pairs = 0
    missed: dict[str, list[str]] = {}
    for word, pages in japanese_words.items():
        found = results_of[word]
        expected_pairs += len(pages)
        found_pairs += len(pages & found)
        if pages - found:
            missed[word] = sorted(pages - found)
    recall = found_pairs / expected_pairs
    print(
        f"\nJapanese search recall: {found_pairs}/{expected_pairs} (word, page) pairs = {recall:.2%}, "
        f"{len(japanese_words) - len(missed)}/{len(japanese_words)} words find all their pages "
        f"({time.perf_counter() - started:.0f} s)"
    )
    assert not missed, f"{len(missed)} words miss pages: {dict(list(missed.items())[:20])}"
