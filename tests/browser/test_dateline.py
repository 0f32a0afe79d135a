"""A release's dateline as Chromium shows it: the place of issue and the day, in the words, order
and type each language's press office uses (the English place in capitals, which the page's text
keeps as written)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import LOCALES, OpenPage, serve_small_site

FILES = {
    "site.yaml": "locales: {en: en_GB}\n",
    "content/de/2024/besuch.md": "---\ntitle: Besuch\ndate: 2024-07-17\nplace: Stuttgart\n---\n\nDer Gouverneur kam.\n",
    "content/ja/2024/besuch.md": "---\ntitle: 訪問\nplace: シュトゥットガルト\n---\n\n知事が訪れました。\n",
    "content/en/2024/besuch.md": "---\ntitle: Visit\nplace: Stuttgart\n---\n\nThe governor came.\n",
}
SHOWN = {
    "de": ("main .body p", "Stuttgart, 17.\u00a0Juli 2024\u00a0– Der Gouverneur kam."),
    "en": ("main .body p", "STUTTGART, 17\u00a0July 2024\u00a0– The governor came."),
    "ja": (".release-header .meta", "プレスリリース｜2024年7月17日　シュトゥットガルト発"),
}


@pytest.fixture(scope="module")
def dateline_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_small_site(tmp_path_factory.mktemp("dateline"), FILES) as url:
        yield url


@pytest.mark.parametrize("lang", SHOWN)
def test_the_dateline_reads_as_its_languages_press_offices_write_it(
    open_page: OpenPage, dateline_url: str, lang: str
) -> None:
    selector, text = SHOWN[lang]
    page = open_page(locale=LOCALES[lang], width=390, height=844)
    page.goto(dateline_url + f"{lang}/releases/2024/besuch/")
    assert page.locator(selector).first.inner_text() == text
    # What screen readers, search and a copy take is the name as written.
    assert page.locator(".dateline-place").first.text_content() in ("Stuttgart", "シュトゥットガルト")
