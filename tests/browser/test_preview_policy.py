"""The preview server's Content-Security-Policy, in Chromium: the site's own pages, its search
and the live reload all work under it, and nothing on them violates it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from ..conftest import RunningPreview, running_preview
from .conftest import LOCALES, OpenPage, bundled_releases, connected

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    with running_preview(tmp_path_factory.mktemp("policy")) as running:
        yield running


def _watched(page: Page) -> list[str]:
    """Console errors of the tab, from now on (a violation is also reported there)."""
    errors: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", note)
    page.add_init_script(RECORD_VIOLATIONS)
    return errors


def _no_violations(page: Page, errors: list[str]) -> None:
    assert page.evaluate("window.__violations") == []
    assert not [e for e in errors if "Content Security Policy" in e or "Refused to" in e], errors


def test_pages_run_under_the_policy_without_a_violation(open_page: OpenPage, preview: RunningPreview) -> None:
    [release] = [r for r in bundled_releases() if r.key == "2024/kanagawa-declaration"]
    page = open_page(locale=LOCALES["ja"], fresh=True)
    errors = _watched(page)
    for path in (
        "",
        "de/",
        release.urls["ja"],
        "ja/partners/",
        "de/partners/kanagawa/",
        "en/releases/",
        "de/topics/",
        "en/no-such-page/",
    ):
        response = page.goto(preview.url + path.lstrip("/"))
        connected(page)
        assert response is not None and response.status in (200, 404), path
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy, path
        _no_violations(page, errors)
    # The chooser's own script ran: the reader's language is suggested.
    page.goto(preview.url)
    expect(page.locator('.choice.suggested[data-lang="ja"]')).to_have_count(1)
    _no_violations(page, errors)


def test_search_works_under_the_policy(open_page: OpenPage, preview: RunningPreview) -> None:
    page = open_page(locale=LOCALES["de"], fresh=True)
    errors = _watched(page)
    page.goto(preview.url + "de/search/")
    field = page.locator(".pagefind-ui__search-input")
    expect(field).to_be_visible()
    field.press_sequentially("Kanagawa", delay=20)
    expect(page.locator(".pagefind-ui__result-link").first).to_be_visible()
    _no_violations(page, errors)


def test_live_reload_and_the_error_overlay_work_under_the_policy(open_page: OpenPage, preview: RunningPreview) -> None:
    [release] = [r for r in bundled_releases() if r.key == "2024/kanagawa-declaration"]
    source = preview.root / "content/en/2024/kanagawa-declaration.md"
    original = source.read_text(encoding="utf-8")
    page = open_page(locale=LOCALES["en"], fresh=True)
    errors = _watched(page)
    page.goto(preview.url + release.urls["en"].lstrip("/"))
    connected(page)
    heading = page.locator("main h1").first
    edited = re.sub(r"^title: .*$", "title: Reloaded under the policy", original, count=1, flags=re.MULTILINE)
    source.write_text(edited, encoding="utf-8")
    expect(heading).to_have_text("Reloaded under the policy", timeout=20_000)
    source.write_text(edited.replace("title: Reloaded", "title: [unclosed", 1), encoding="utf-8")
    overlay = page.locator("#pressroom-build-error")
    expect(overlay).to_be_visible(timeout=20_000)
    assert overlay.evaluate("box => getComputedStyle(box).position") == "fixed"  # its styles applied
    source.write_text(original, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=20_000)
    _no_violations(page, errors)
