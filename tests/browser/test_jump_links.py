"""The line of links near the top of a release to its press contact and downloads, in Chromium: on
a phone it stands in the first screen and leads to them, screens down, keyboard included; where the
side column stands beside the text (a desktop) it is hidden, as they are in view there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import KANAGAWA, TOPICS
from ..pdfs import pdf_document
from .conftest import AXE, LOCALES, OpenPage, require_node_modules, serve_small_site

PARAGRAPH = {
    "de": "Die Delegation besuchte Unternehmen, Hochschulen und Forschungseinrichtungen im ganzen Land. ",
    "ja": "訪問団は州内各地の企業、大学、研究機関を視察し、今後の協力について意見を交換しました。",
    "en": "The delegation visited companies, universities and research institutes across the state. ",
}
TITLE = {
    "de": "Delegation besucht Stuttgart",
    "ja": "訪問団がシュトゥットガルトを訪問",
    "en": "Delegation visits Stuttgart",
}
DOWNLOAD_TITLE = {"de": "Programm des Besuchs", "ja": "訪問日程", "en": "Programme of the visit"}
CONTACT = (
    "contact:\n  name: {de: Pressestelle, ja: 広報室, en: Press office}\n"
    "  role: {de: Presseanfragen, ja: 報道関係のお問い合わせ, en: Press enquiries}\n  email: presse@example.org\n"
)


def _files() -> dict[str, str]:
    files = {"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA}
    for lang in ("de", "ja", "en"):
        date = "date: 2024-07-17\n" if lang == "de" else ""
        body = "\n\n".join(PARAGRAPH[lang] * 4 for _ in range(14))
        files[f"content/{lang}/2024/besuch.md"] = (
            f"---\ntitle: {TITLE[lang]}\n{date}summary: {PARAGRAPH[lang].strip()}\n{CONTACT}"
            f"downloads:\n  - file: 2024/programm.pdf\n    title: {DOWNLOAD_TITLE[lang]}\n---\n\n{body}\n"
        )
    return files


@pytest.fixture(scope="module")
def jump_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("jumps")
    (root / "content/media/2024").mkdir(parents=True)
    (root / "content/media/2024/programm.pdf").write_bytes(pdf_document(4096))
    with serve_small_site(root, _files()) as url:
        yield url


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_on_a_phone_the_line_is_in_the_first_screen_and_leads_to_the_contact(
    open_page: OpenPage, jump_url: str, lang: str
) -> None:
    page = open_page(locale=LOCALES[lang], width=390, height=844, fresh=True)
    page.goto(f"{jump_url}{lang}/releases/2024/besuch/")
    line = page.locator("nav.jump-links")
    assert line.is_visible()
    box = line.bounding_box()
    assert box is not None and box["y"] + box["height"] < 844, "the line is below the first screen"
    contact = page.locator("#contact-heading").bounding_box()
    assert contact is not None and contact["y"] > 3 * 844, "the text is too short to test the way down"
    # By keyboard: the link is reached by Tab (it is a link), Enter leads to the contact, and the
    # next Tab goes on from there, to its e-mail address, not back at the top of the page.
    first = line.get_by_role("link").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if first.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("the line's first link is not reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#contact-heading'")
    heading = page.locator("#contact-heading").bounding_box()
    assert heading is not None and 0 <= heading["y"] < 844 / 2
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "mailto:presse@example.org"
    downloads = line.get_by_role("link").nth(1)
    downloads.click()
    box = page.locator("#downloads-heading").bounding_box()
    assert box is not None and 0 <= box["y"] < 844 / 2


@pytest.mark.parametrize("text", ["100%", "200%"])
@pytest.mark.parametrize("width", [390, 800, 850, 860, 900, 1280, 1800])
def test_the_line_shows_exactly_where_the_side_column_stands_below_the_text(
    open_page: OpenPage, jump_url: str, width: int, text: str
) -> None:
    page = open_page(locale="de-DE", width=width, height=900)
    page.goto(f"{jump_url}de/releases/2024/besuch/")
    page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
    article = page.locator("article.release").bounding_box()
    aside = page.locator(".release-aside").bounding_box()
    assert article is not None and aside is not None
    beside = aside["x"] >= article["x"] + article["width"]
    visible = page.locator("nav.jump-links").is_visible()
    page.evaluate("document.documentElement.style.fontSize = ''")
    assert visible != beside, (
        f"side column {'beside' if beside else 'below'} the text, line {'shown' if visible else 'hidden'}"
    )
    if width == 1280 and text == "100%":
        assert beside, "on a desktop the contact and downloads stand beside the text"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_line_on_a_phone_has_no_serious_axe_violation(open_page: OpenPage, jump_url: str, scheme: str) -> None:
    require_node_modules(AXE)
    page = open_page(locale="ja-JP", width=390, height=844, fresh=True)
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{jump_url}ja/releases/2024/besuch/")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run('nav.jump-links', { resultTypes: ['violations'] })")
    serious = [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious
