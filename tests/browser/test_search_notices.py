"""Which notice a search page shows when it has no Pagefind: in the preview while its first
index is being made ("the index is being made"), on a site built without an index ("search is
not available"), and with JavaScript off (the same sentence as before either way).

Every notice the page shows is recorded from its first moment, by a script that runs before the
page's own: a notice shown for a tenth of a second is read out by a screen reader all the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ..conftest import PROJECT, RunningPreview, held_search_indexer, running_preview
from .conftest import LANGUAGES, LOCALES, connected, serve_static

RECORDER = """
(() => {
  // Each change of which notices are shown, as the ids shown after it ([] for none), kept across
  // the tab's reloads.
  const look = () => {
    const seen = JSON.parse(sessionStorage.getItem("notices") || "[]");
    const shown = ["search-unavailable", "search-indexing"].filter((id) => {
      const notice = document.getElementById(id);
      return notice !== null && !notice.hidden;
    });
    if (seen.length === 0 || seen[seen.length - 1].join() !== shown.join()) seen.push(shown);
    sessionStorage.setItem("notices", JSON.stringify(seen));
  };
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"],
  });
  document.addEventListener("DOMContentLoaded", look);
})();
"""
SETTLE_MS = 1_000
"""How long a page is watched after the preview's state reached it: search.js gave up on
Pagefind about a tenth of a second before that."""


def _notices(page: Page) -> list[list[str]]:
    return page.evaluate("JSON.parse(sessionStorage.getItem('notices'))")


@contextmanager
def _opened(browser: Browser, url: str, lang: str, *, script: bool = True) -> Iterator[Page]:
    """The search page in ``lang``, with every notice it shows recorded."""
    # A context of its own: no shared worker of an earlier tab holds the preview's state already.
    context = browser.new_context(locale=LOCALES[lang], java_script_enabled=script)
    try:
        page = context.new_page()
        page.add_init_script(RECORDER)
        page.goto(f"{url}{lang}/search/")
        yield page
    finally:
        context.close()


def _says_search_needs_javascript(page: Page) -> None:
    """The page without JavaScript: the one notice it shows is the <noscript> one."""
    notices = page.locator("main .notice").filter(visible=True)
    expect(notices).to_have_count(1)
    expect(notices).to_contain_text("JavaScript")


@pytest.fixture(scope="module")
def indexing_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    """A preview whose first search index is held back for as long as the module's tests run."""
    tmp_path = tmp_path_factory.mktemp("indexing")
    env, held = held_search_indexer(tmp_path / "indexer")
    held.touch()
    with running_preview(tmp_path, env) as preview:
        yield preview
        assert not (preview.root / ".preview" / "pagefind").exists(), "the index was not held back"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preview_says_the_index_is_coming_and_never_that_search_is_unavailable(
    browser: Browser, indexing_preview: RunningPreview, lang: str
) -> None:
    """search.js gave up on Pagefind before the reload script had heard the preview's state: for
    about 120 ms the page said that search was not available, then that its index was coming."""
    with _opened(browser, indexing_preview.url, lang) as page:
        connected(page)
        page.wait_for_timeout(SETTLE_MS)
        expect(page.locator("#search-indexing")).to_be_visible()
        expect(page.locator("#search-unavailable")).to_be_hidden()
        notices = _notices(page)
        assert all("search-unavailable" not in shown for shown in notices), notices
        assert notices[-1] == ["search-indexing"], notices


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preview_without_javascript_says_search_needs_it(
    browser: Browser, indexing_preview: RunningPreview, lang: str
) -> None:
    with _opened(browser, indexing_preview.url, lang, script=False) as page:
        _says_search_needs_javascript(page)


def _indexed(preview: RunningPreview) -> bool:
    """Whether the preview's newest build has its search index, as its stream tells a new tab."""
    with urllib.request.urlopen(preview.url + "__pressroom/events", timeout=5) as response:
        for raw in response:
            if raw.startswith(b"data: "):
                state = json.loads(raw.removeprefix(b"data: "))
                return state["indexed"] == state["generation"]
    raise AssertionError("the event stream closed without a state")


def test_a_search_page_whose_index_came_before_its_stream_reloads_to_search(browser: Browser, tmp_path: Path) -> None:
    """The index was put in place after the page was served and before its stream was heard: the
    page, without Pagefind, said that search was not available, and no later state reloaded it."""
    env, held = held_search_indexer(tmp_path / "indexer")
    held.touch()
    with running_preview(tmp_path, env) as preview:
        context = browser.new_context(locale=LOCALES["en"])
        try:
            context.add_init_script("delete window.SharedWorker;")  # a stream of the tab's own, held off here
            page = context.new_page()
            page.add_init_script(RECORDER)
            page.route("**/__pressroom/events", lambda route: route.fulfill(status=503, body=""))
            page.goto(f"{preview.url}en/search/")
            expect(page.locator("#search-indexing")).to_be_visible()
            held.unlink()
            deadline = time.monotonic() + 60
            while not _indexed(preview):
                assert time.monotonic() < deadline, preview.log.read_text(encoding="utf-8")
                time.sleep(0.1)
            page.unroute("**/__pressroom/events")  # heard again within five seconds
            expect(page.locator(".pagefind-ui__search-input")).to_be_visible(timeout=20_000)
            assert all("search-unavailable" not in shown for shown in _notices(page)), _notices(page)
        finally:
            context.close()


@pytest.fixture(scope="module")
def site_without_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled site built with ``--no-search`` and served as a plain host serves it."""
    output = tmp_path_factory.mktemp("no-search") / "site"
    build = [sys.executable, str(PROJECT / "build.py"), "build", "--no-search", "--output", str(output)]
    run = subprocess.run(build, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (output / "pagefind").exists()
    with serve_static(output) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_site_without_index_says_search_is_unavailable_from_the_start(
    browser: Browser, site_without_index: str, lang: str
) -> None:
    with _opened(browser, site_without_index, lang) as page:
        expect(page.locator("#search-unavailable")).to_be_visible()
        page.wait_for_timeout(SETTLE_MS)
        expect(page.locator("#search-unavailable")).to_be_visible()
        assert [shown for shown in _notices(page) if shown] == [["search-unavailable"]]
        assert page.locator("#search").is_hidden()  # the room kept for Pagefind's form


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_site_without_index_and_without_javascript_says_search_needs_it(
    browser: Browser, site_without_index: str, lang: str
) -> None:
    with _opened(browser, site_without_index, lang, script=False) as page:
        _says_search_needs_javascript(page)
