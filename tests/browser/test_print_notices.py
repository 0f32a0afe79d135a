"""On paper a version keeps its caveat: an outdated translation prints that another version changed;
what only works on a screen (a missing version's notice, a footnote's way back) is left off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from ..conftest import TOPICS
from .conftest import LOCALES, OpenPage, on_paper, serve_small_site

OUTDATED = "/en/releases/2024/meldung/"
GERMAN_ONLY = "/de/releases/2024/nur-deutsch/"
NOTED = "/de/releases/2024/mit-fussnote/"
FILES = {
    "content/topics.yaml": TOPICS,
    "content/de/2024/meldung.md": "---\ntitle: Neue Meldung\ndate: 2024-03-05\n---\n\nDer Text wurde geändert.\n",
    # Confirmed against a German text that has changed since: the English version is outdated.
    "content/en/2024/meldung.md": (
        "---\ntitle: New release\ndate: 2024-03-05\nconfirmed: {de: abcdefabcdef}\n---\n\nThe text.\n"
    ),
    "content/de/2024/nur-deutsch.md": "---\ntitle: Nur auf Deutsch\ndate: 2024-03-06\n---\n\nNur hier.\n",
    "content/de/2024/mit-fussnote.md": (
        "---\ntitle: Mit Fußnote\ndate: 2024-03-07\n---\n\n"
        "Seit 1989 Partner.[^1]\n\n[^1]: Am 24. November 1989 unterzeichnet.\n"
    ),
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_small_site(tmp_path_factory.mktemp("print-notices"), FILES) as url:
        yield url


def test_an_outdated_version_says_so_on_paper(open_page: OpenPage, scratch_url: str) -> None:
    page = open_page(locale=LOCALES["en"])
    page.goto(scratch_url + OUTDATED.lstrip("/"))
    notice = page.locator(".outdated-version")
    expect(notice).to_contain_text("The German version has been updated")
    with on_paper(page):
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("may not yet reflect that change")


def test_a_missing_version_is_not_mentioned_on_paper(open_page: OpenPage, scratch_url: str) -> None:
    page = open_page(locale=LOCALES["de"])
    page.goto(scratch_url + GERMAN_ONLY.lstrip("/"))
    notice = page.locator(".missing-version")
    expect(notice).to_be_visible()
    with on_paper(page):
        expect(notice).to_be_hidden()


def test_a_footnote_prints_without_its_way_back(open_page: OpenPage, scratch_url: str) -> None:
    # On paper the "↩" after a footnote leads nowhere: the note's text stays, its back link goes.
    page = open_page(locale=LOCALES["de"])
    page.goto(scratch_url + NOTED.lstrip("/"))
    back = page.locator(".footnote-backref")
    expect(back).to_be_visible()
    with on_paper(page):
        expect(back).to_be_hidden()
        expect(page.locator(".footnotes")).to_contain_text("Am 24. November 1989 unterzeichnet.")
        expect(page.locator(".footnote-ref").first).to_be_visible()
