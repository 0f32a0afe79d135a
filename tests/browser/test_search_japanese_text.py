"""Japanese search over text the bundled site happens not to have: struck-through words, table
headings, full-width spaces, 〇, an apostrophe; each found as typed, and shown as the page has it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from ..conftest import KANAGAWA, TOPICS
from .conftest import LOCALES, OpenPage, serve_small_site
from .test_search import JAPANESE_PAIR_SPACED, _search

RELEASE = "/ja/releases/2024/kyoryoku/"
TITLE = "〇〇市とBW'sの協力について"
FILES = {
    "content/topics.yaml": TOPICS,
    "content/partners/kanagawa.yaml": KANAGAWA,
    "content/ja/2024/kyoryoku.md": (
        f"---\ntitle: {TITLE}\ndate: 2024-03-05\npartners: [kanagawa]\ntopics: [energy]\n---\n\n"
        "神奈川県知事\u3000黒岩祐治は、~~旧計画~~新計画を発表しました。\n\n"
        "| 協力分野 | 主な内容 |\n|---|---|\n| 環境 | 未病 |\n\n"
        f"{'両者は協力を続けます。' * 12}中間報告{'交流を深めます。' * 12}\n"
    ),
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site with one Japanese release, built with its search index and served for this module."""
    with serve_small_site(tmp_path_factory.mktemp("japanese-text"), FILES) as url:
        yield url


def _shown(page: Page) -> list[tuple[str, str]]:
    """Title and excerpt of each result (not sub-results), as readers see them."""
    return [
        (title, excerpt)
        for title, excerpt in page.locator(".pagefind-ui__result-inner").evaluate_all(
            """results => results.map(result => [
                result.querySelector('.pagefind-ui__result-link').innerText,
                result.querySelector('.pagefind-ui__result-excerpt').innerText,
            ])"""
        )
    ]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        # 〇 is a letter among the punctuation, cut alike in the index and the query. Found in the
        # title alone (searched as metadata): the excerpt is the text's opening words.
        ("〇〇市", "神奈川県知事\u3000黒岩祐治は"),
        # Where a table's cell ends, a full-width slash instead of the full stop Pagefind adds.
        ("未病", "環境／未病"),
        ("旧計画", "旧計画新計画を発表"),  # struck through, next to text that is not
        ("新計画", "旧計画新計画を発表"),
        ("黒岩祐治", "神奈川県知事\u3000黒岩祐治は"),  # the full-width space stays full-width
        ("主な内容", "協力分野 主な内容"),  # table headings keep the space between them
    ],
)
def test_japanese_text_is_found_as_typed_and_shown_as_written(
    open_page: OpenPage, scratch_url: str, query: str, shown: str
) -> None:
    page = open_page(locale=LOCALES["ja"])
    assert _search(page, scratch_url, "ja", query) == {RELEASE}
    ((title, excerpt),) = _shown(page)
    assert title.strip() == TITLE
    assert shown in title + excerpt, (query, title, excerpt)
    # No space between two Japanese characters but the one the page has.
    assert set(JAPANESE_PAIR_SPACED.findall(excerpt)) <= {"野 主"}, excerpt


def test_results_are_counted_in_japanese_and_cut_excerpts_say_so(open_page: OpenPage, scratch_url: str) -> None:
    page = open_page(locale=LOCALES["ja"])
    assert _search(page, scratch_url, "ja", "中間報告") == {RELEASE}
    expect(page.locator(".pagefind-ui__message")).to_have_text("「中間報告」の検索結果：1件")
    ((_, excerpt),) = _shown(page)
    # Cut out of the middle of the page's text: an ellipsis at the start, and at the end unless a
    # sentence ends there.
    assert excerpt.startswith("…") and "中間報告" in excerpt, excerpt
    assert excerpt.endswith(("…", "。")), excerpt
