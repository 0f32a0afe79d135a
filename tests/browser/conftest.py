"""Browser-test fixtures: one built site, one static server and one Chromium for the whole session.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright (never a browser that Playwright
downloads); axe-core and the Nu HTML Checker come from npm (``package.json``, ``npm ci``). Where
one of them is absent, the tests that need it skip and say what to install, unless
``PRESSROOM_REQUIRE_BROWSER_TESTS=1`` (set by ``.ci/run``): then absence is a failure, so that CI
cannot pass by skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from ..conftest import PROJECT

CHROMIUM = Path(os.environ.get("PRESSROOM_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium; elsewhere (GitHub's Ubuntu runners) the system's Chrome, named by the variable."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A container's /dev/shm is often 64 MB: several tabs of shared memory there crashed a page
    # in CI ("Page crashed"); /tmp has room.
    "--disable-dev-shm-usage",
]
NODE_MODULES = PROJECT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = PROJECT / "test-artifacts"
LANGUAGES = ("de", "ja", "en")
LOCALES = {"de": "de-DE", "ja": "ja-JP", "en": "en-US"}
SOURCE_DATE_EPOCH = "1721210400"  # 2024-07-17 10:00 UTC: the same bytes on every run
REQUIRE = "PRESSROOM_REQUIRE_BROWSER_TESTS"
TIMEOUT_MS = 10_000


def require(present: bool, reason: str) -> None:
    """Skip (or, where CI demands these tests, fail) unless a tool the test needs is installed."""
    if present:
        return
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason} ({REQUIRE}=1: these tests must run here)", pytrace=False)
    pytest.skip(reason)


def require_chromium() -> None:
    require(
        CHROMIUM.is_file(),
        f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (never `playwright install`)",
    )


def require_node_modules(path: Path) -> None:
    require(path.is_file(), f"{path.relative_to(PROJECT)} is missing: run `npm ci` in {PROJECT}")


def build_site(output: Path, source: Path = PROJECT, *options: str) -> Path:
    """Build a site root with the real command line, as CI and editors run it (with ``options``,
    e.g. ``--base-url /sub/``)."""
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--source", str(source), "--output", str(output), *options],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, f"build of {source} failed ({run.returncode}):\n{run.stdout}{run.stderr}"
    return output


def build_offering(tmp_path: Path, name: str, data: bytes, title: str) -> Path:
    """A one-release site that offers ``data`` as the download ``name`` (with ``title``), built
    with the real command line: the published site's root."""
    source = tmp_path / "src"
    (source / "content/media").mkdir(parents=True)
    (source / "content/media" / name).write_bytes(data)
    (source / "content/en/2024").mkdir(parents=True)
    downloads = f"downloads:\n  - file: {name}\n    title: {title}\n"
    (source / "content/en/2024/visit.md").write_text(f"---\ntitle: Visit\ndate: 2024-07-17\n{downloads}---\n\nText.\n")
    return build_site(tmp_path / "out", source=source)


class _SiteHandler(SimpleHTTPRequestHandler):
    """A plain static host: files as they are, ``<lang>/404.html`` (else ``/404.html``) for anything missing."""

    extensions_map = {  # noqa: RUF012 (the base class declares it as a plain dict)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without index.html is missing, as on a static host, not a listing."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        language = urlsplit(self.path).path.strip("/").split("/")[0]
        candidates = [root / language / "404.html"] if language.isalpha() else []
        page = next((path for path in [*candidates, root / "404.html"] if path.is_file()), None)
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_static(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free loopback port in a thread; yields the base URL (ending in ``/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_SiteHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"static-{root.name}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def on_paper(page: Page) -> Iterator[None]:
    """``page`` as printed, and on screen again after: tabs are shared between tests."""
    page.emulate_media(media="print")
    try:
        yield
    finally:
        page.emulate_media(media="screen")


# Pagefind shows a result's place first, dotted placeholders with the class below, and fills in
# its title and excerpt when that page's fragment has come; search.js mends each as it comes.
SEARCH_LOADED = """() => document.querySelector('.pagefind-ui__result')
  && !document.querySelector('.pagefind-ui__loading')"""


def wait_for_search_results(page: Page, timeout: float = 15000) -> None:
    """Wait until the search page shows results and every one shown has its title and excerpt."""
    page.wait_for_function(SEARCH_LOADED, timeout=timeout)


@contextmanager
def serve_small_site(root: Path, files: Mapping[str, str | bytes]) -> Iterator[str]:
    """A site of ``files`` (path under ``root`` → text, or bytes), built with the real command line and served."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (root / name).write_bytes(text)
        else:
            (root / name).write_text(text, encoding="utf-8")
    with serve_static(build_site(root / "out", source=root)) as url:
        yield url


@dataclass(frozen=True)
class Release:
    """One bundled release: its key and the URL of each language version that exists."""

    key: str
    urls: dict[str, str]


def _front_matter(path: Path) -> dict[str, Any]:
    found = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.DOTALL)
    assert found, f"{path}: no front matter"
    return yaml.safe_load(found.group(1)) or {}


def bundled_releases(text: str | None = None, language: str | None = None) -> list[Release]:
    """The bundled releases, read from ``content/`` independently of pressroom's own model.

    With ``text`` (and ``language``): only the releases whose version in that language mentions it.
    """
    versions: dict[str, dict[str, dict[str, Any]]] = {}
    for lang in LANGUAGES:
        folder = PROJECT / "content" / lang
        for path in sorted(folder.rglob("*.md")):
            relative = path.relative_to(folder)
            if relative.parts[0] == "pages":
                continue
            meta = _front_matter(path)
            if meta.get("draft") or meta.get("publish"):
                continue
            meta["_file"] = path
            key = str(meta.get("key") or relative.with_suffix("").as_posix())
            versions.setdefault(key, {})[lang] = meta
    releases = []
    for key, by_lang in sorted(versions.items()):
        year = next(str(meta["date"])[:4] for meta in by_lang.values() if meta.get("date"))
        urls = {
            lang: f"/{lang}/releases/{year}/{meta.get('slug') or meta['_file'].stem}/" for lang, meta in by_lang.items()
        }
        if text is not None:
            meta = by_lang.get(language or "")
            if meta is None or text.casefold() not in meta["_file"].read_text(encoding="utf-8").casefold():
                continue
        releases.append(Release(key, urls))
    return releases


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site, built once per session by ``build.py --output DIR``."""
    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Where the bundled site is served, e.g. ``http://127.0.0.1:41234/``."""
    with serve_static(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once per session."""
    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


OpenPage = Callable[..., Page]


def connected(page: Page) -> None:
    """Wait until the preview's tab has been told the build's state by its live-reload channel
    (the reload script marks the page then)."""
    page.locator("html[data-pressroom-preview=connected]").wait_for(state="attached")


@dataclass
class _Tabs:
    """Browser contexts and tabs shared by the session, one per locale and window size (both are slow to make)."""

    browser: Browser
    contexts: dict[tuple[str, int, int], BrowserContext]
    tabs: dict[tuple[str, int, int], Page]

    def context(self, key: tuple[str, int, int]) -> BrowserContext:
        if key not in self.contexts:
            locale, width, height = key
            context = self.browser.new_context(locale=locale, viewport={"width": width, "height": height})
            context.set_default_timeout(TIMEOUT_MS)
            self.contexts[key] = context
        return self.contexts[key]


@pytest.fixture(scope="session")
def _tabs(browser: Browser) -> Iterator[_Tabs]:
    tabs = _Tabs(browser, {}, {})
    yield tabs
    for context in tabs.contexts.values():
        context.close()


@pytest.fixture
def open_page(_tabs: _Tabs) -> Iterator[OpenPage]:
    """``open_page(locale="ja-JP", width=390)``: a tab whose browser prefers that language, at that width.

    Tabs are reused across tests (every test navigates first); ``fresh=True`` gives a tab of the test's own.
    """
    fresh_pages: list[Page] = []

    def make(locale: str = "en-US", width: int = 1280, height: int = 800, fresh: bool = False) -> Page:
        key = (locale, width, height)
        if fresh:
            fresh_pages.append(_tabs.context(key).new_page())
            return fresh_pages[-1]
        if key not in _tabs.tabs or _tabs.tabs[key].is_closed():
            _tabs.tabs[key] = _tabs.context(key).new_page()
        return _tabs.tabs[key]

    yield make
    for page in fresh_pages:
        page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` at the project root (gitignored), emptied of the previous run's screenshots."""
    screenshots = ARTIFACTS / "screenshots"
    shutil.rmtree(screenshots, ignore_errors=True)
    screenshots.mkdir(parents=True)
    return ARTIFACTS


@dataclass(frozen=True)
class PageType:
    """One kind of page in one language: where it is and the status a host answers with."""

    name: str
    lang: str
    path: str
    status: int = 200

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.name}"


def page_types() -> list[PageType]:
    """Every kind of page the site has, in each language (the root pages as seen by a reader of it)."""
    release = next(release for release in bundled_releases() if set(release.urls) == set(LANGUAGES))
    kinds: list[PageType] = []
    for lang in LANGUAGES:
        kinds += [
            PageType("home", lang, f"/{lang}/"),
            PageType("release-list", lang, f"/{lang}/releases/"),
            PageType("year-archive", lang, f"/{lang}/releases/2024/"),
            PageType("release", lang, release.urls[lang]),
            PageType("topic", lang, f"/{lang}/topics/energy/"),
            PageType("topics-index", lang, f"/{lang}/topics/"),
            PageType("partner", lang, f"/{lang}/partners/kanagawa/"),
            PageType("partners-index", lang, f"/{lang}/partners/"),
            PageType("about", lang, f"/{lang}/about/"),
            PageType("imprint", lang, {"de": "/de/impressum/"}.get(lang, f"/{lang}/imprint/")),
            PageType("not-found", lang, f"/{lang}/no-such-page/", 404),
            PageType("root-language-chooser", lang, "/"),
            PageType("root-not-found", lang, "/no-such-page", 404),
        ]
    return kinds


def screenshot_page_types() -> list[PageType]:
    """Every kind of page, the search page (shown with results) and the feed, as a reader who
    opens it in a browser sees it."""
    return [
        *page_types(),
        *(PageType("search", lang, f"/{lang}/search/") for lang in LANGUAGES),
        *(PageType("feed", lang, f"/{lang}/feed.xml") for lang in LANGUAGES),
    ]
