"""``build.py serve`` in a real browser: an edit reloads the open tab, a broken file shows the error overlay."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, expect

from ..conftest import PROJECT, RunningPreview, running_preview, slow_search_indexer
from .conftest import LOCALES, OpenPage, bundled_releases, connected

KEY = "2024/kanagawa-declaration"
SOURCE = f"content/de/{KEY}.md"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[RunningPreview]:
    with running_preview(tmp_path) as running:
        yield running


def test_edit_reloads_the_open_tab_and_errors_show_over_the_page(open_page: OpenPage, preview: RunningPreview) -> None:
    [release] = [release for release in bundled_releases() if release.key == KEY]
    source = preview.root / SOURCE
    original = source.read_text(encoding="utf-8")
    page = open_page(locale=LOCALES["de"], fresh=True)
    # Open the page and wait until its live-reload channel is connected.
    response = page.goto(preview.url + release.urls["de"].lstrip("/"))
    connected(page)
    assert response is not None and response.status == 200
    heading = page.locator("main h1").first
    old_title = heading.inner_text()
    page.evaluate("window.__notReloaded = true")  # a reload forgets this mark

    # 1. The title changes in the Markdown file: the tab reloads by itself and shows it.
    new_title = "Neuer Titel aus dem Editor"
    edited = re.sub(r"^title: .*$", f"title: {new_title}", original, count=1, flags=re.MULTILINE)
    assert edited != original
    source.write_text(edited, encoding="utf-8")
    expect(heading).to_have_text(new_title, timeout=20_000)
    assert page.evaluate("window.__notReloaded") is None, "the title changed without a reload?"
    assert old_title != new_title

    # 2. Broken front matter: the last good page stays, with an alert naming the file over it.
    page.evaluate("window.__notReloaded = true")
    source.write_text(edited.replace(f"title: {new_title}", "title: [unclosed", 1), encoding="utf-8")
    overlay = page.locator("#pressroom-build-error")
    expect(overlay).to_be_visible(timeout=20_000)
    expect(overlay).to_have_attribute("role", "alert")
    expect(page.get_by_role("alert")).to_contain_text(SOURCE)
    expect(heading).to_have_text(new_title)
    assert page.evaluate("window.__notReloaded") is True, "a failed build must not reload the page"

    # 3. Fixed: the overlay goes away and the fixed page is shown.
    source.write_text(original, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=20_000)
    expect(heading).to_have_text(old_title, timeout=20_000)
    assert "Traceback" not in preview.log.read_text(encoding="utf-8")


TABS = 7
"""One tab more than a browser opens connections to one server (six, in Chromium and Firefox
alike); each tab is a renderer's memory, so no more than that."""


def test_many_open_tabs_all_load_and_all_reload(browser: Browser, preview: RunningPreview) -> None:
    """Each tab held a live-reload stream, one of the six connections the browser opens to a
    server: a seventh tab of the preview never loaded (for five minutes, until a stream ended)."""
    [release] = [release for release in bundled_releases() if release.key == KEY]
    url = preview.url + release.urls["de"].lstrip("/")
    context = browser.new_context(locale=LOCALES["de"])
    try:
        pages = []
        for _ in range(TABS):
            page = context.new_page()
            response = page.goto(url, timeout=10_000)
            assert response is not None and response.status == 200
            pages.append(page)
        for page in pages:
            connected(page)
        source = preview.root / SOURCE
        new_title = "Ein Titel, den alle Tabs zeigen"
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"^title: .*$", f"title: {new_title}", text, count=1, flags=re.MULTILINE))
        for page in pages:
            expect(page.locator("main h1").first).to_have_text(new_title, timeout=20_000)
    finally:
        context.close()


def _serve(root: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``build.py serve`` of ``root`` on ``port``, once it says that it is serving."""
    before = log.read_text(encoding="utf-8").count("serving ") if log.exists() else 0
    with log.open("a", encoding="utf-8") as written:
        process = subprocess.Popen(
            [sys.executable, str(PROJECT / "build.py"), "serve", "--source", str(root), "--port", str(port)],
            stdout=written,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 60
    while log.read_text(encoding="utf-8").count("serving ") == before:
        assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.05)
    return process


def _stopped(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=20)


def test_a_tab_left_open_while_the_server_restarts_shows_what_the_new_server_built(
    open_page: OpenPage, tmp_path: Path
) -> None:
    """Both servers had made one build when the tab heard of them: the tab took the second
    server's first build for the one it showed, and kept a title edited while none ran."""
    [release] = [release for release in bundled_releases() if release.key == KEY]
    root = tmp_path / "site-root"
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    server = _serve(root, port, log)
    try:
        page = open_page(locale=LOCALES["de"], fresh=True)
        page.goto(f"http://127.0.0.1:{port}{release.urls['de']}")
        connected(page)
        _stopped(server)
        source = root / SOURCE
        new_title = "Bearbeitet, während der Server ruhte"
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"^title: .*$", f"title: {new_title}", text, count=1, flags=re.MULTILINE))
        server = _serve(root, port, log)
        expect(page.locator("main h1").first).to_have_text(new_title, timeout=20_000)
    finally:
        _stopped(server)


@pytest.mark.parametrize("fragment", ["", "#search"])
def test_an_open_search_page_reloads_to_find_what_the_edit_says(
    open_page: OpenPage, tmp_path: Path, fragment: str
) -> None:
    """The tab reloaded as soon as the edited pages were in place, before the search index was
    made for them: the search page searched the old index, found nothing of the edit, and
    stayed so. (Pagefind is made slow here, as it is on a site of thousands of releases.) An
    address with a #fragment, loaded again as it was, only scrolled."""
    env, slow = slow_search_indexer(tmp_path / "indexer", 2.0)
    with running_preview(tmp_path, env) as preview:
        slow.touch()
        source = preview.root / SOURCE
        page = open_page(locale=LOCALES["de"], fresh=True)
        page.goto(preview.url + "de/search/?q=Quokkapartnerschaft" + fragment)
        connected(page)
        expect(page.locator(".pagefind-ui__message")).to_be_visible(timeout=20_000)
        assert page.locator(".pagefind-ui__result-link").count() == 0
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("\n\n", "\n\nEine Quokkapartnerschaft.\n\n", 1), encoding="utf-8")
        expect(page.locator(".pagefind-ui__result-link")).to_have_count(1, timeout=40_000)


def test_a_search_typed_into_an_open_search_page_is_made_again_after_an_edit(
    open_page: OpenPage, tmp_path: Path
) -> None:
    """The reload forgot what the reader had typed into the search field (only ``?q=`` in the
    address is read when the page loads): after an edit the search page stood empty."""
    with running_preview(tmp_path) as preview:
        source = preview.root / SOURCE
        page = open_page(locale=LOCALES["de"], fresh=True)
        page.goto(preview.url + "de/search/")
        connected(page)
        field = page.locator(".pagefind-ui__search-input")
        field.press_sequentially("Wombatpartnerschaft", delay=20)
        expect(page.locator(".pagefind-ui__message")).to_be_visible(timeout=20_000)
        page.evaluate("window.__notReloaded = true")
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("\n\n", "\n\nEine Wombatpartnerschaft.\n\n", 1), encoding="utf-8")
        expect(page.locator(".pagefind-ui__result-link")).to_have_count(1, timeout=40_000)
        assert page.evaluate("window.__notReloaded") is None
        expect(field).to_have_value("Wombatpartnerschaft")


def test_a_reloaded_page_is_asked_about_and_not_sent_again_unless_it_changed(
    open_page: OpenPage, preview: RunningPreview
) -> None:
    """The preview answered every request with the whole page, and told the browser to keep
    none: a reload now asks with the page's tag (``If-None-Match``) and is sent no page (304 Not
    Modified, which Chromium shows its tab as the 200 it kept), until an edit changed the page."""
    [release] = [release for release in bundled_releases() if release.key == KEY]
    page = open_page(locale=LOCALES["de"], fresh=True)
    asked: list[tuple[str | None, int]] = []
    address = preview.url + release.urls["de"].lstrip("/")

    def finished(request: Request) -> None:
        if request.url == address:
            asked.append((request.all_headers().get("if-none-match"), request.sizes()["responseBodySize"]))

    def index_made() -> None:
        # Pages served while a build's search index is made say so, and change when it is in place.
        deadline = time.monotonic() + 60
        while b"data-indexing" in urllib.request.urlopen(address, timeout=10).read():
            assert time.monotonic() < deadline, "the search index was never made"
            time.sleep(0.2)

    def reloaded_from_the_browsers_copy() -> None:
        # A reload answered with no page; on a machine under load the preview may still be
        # finishing what it does after its first build (or the edit's), which changes the page
        # once more: the reload after that one is answered so.
        for _ in range(4):
            page.reload()
            connected(page)
            if asked[-1][1] == 0:
                return
            time.sleep(1)

    index_made()
    page.on("requestfinished", finished)
    page.goto(address)
    connected(page)
    heading = page.locator("main h1").first
    old_title = heading.inner_text()
    reloaded_from_the_browsers_copy()
    expect(heading).to_have_text(old_title)
    first, again = asked[0], asked[-1]
    assert first[0] is None and first[1] > 1000, "the whole page, the first time"
    tag = again[0]
    assert tag and again[1] == 0, f"asked with its tag, and sent no page: {asked}"

    source = preview.root / SOURCE
    original = source.read_text(encoding="utf-8")
    before_edit = len(asked)
    source.write_text(re.sub(r"^title: .*$", "title: Nach dem Speichern", original, count=1, flags=re.M), "utf-8")
    expect(heading).to_have_text("Nach dem Speichern", timeout=20_000)  # reloaded by itself
    # The page may show before Playwright reports its request finished: the last one reported
    # was then still the reload before the edit, answered with no page.
    deadline = time.monotonic() + 10
    while not any(size > 1000 for _, size in asked[before_edit:]) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert (tag, True) in [(sent, size > 1000) for sent, size in asked[before_edit:]], (
        f"asked with the tag before the edit, and sent the new page whole: {asked[before_edit:]}"
    )
    connected(page)
    # The page reloaded by itself may say the edit's index is being made: once it is made, the
    # page sent changes once more, and from then on a reload is answered with no page.
    index_made()
    reloaded_from_the_browsers_copy()
    expect(heading).to_have_text("Nach dem Speichern")
    assert asked[-1][0] not in (None, tag) and asked[-1][1] == 0, f"the new page's tag, no page sent: {asked}"
