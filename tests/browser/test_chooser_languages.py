"""The language chooser of a site in more languages than the bundled three (its partner regions'
Chinese, Korean, French and Spanish too), measured in Chromium: its heading stacked every title
one a line, a tower of seven lines on a desktop and twelve on a phone above the choices; seven
choices stood three, three and one at the left under an empty space, four three and one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..conftest import PROJECT
from .conftest import AXE, OpenPage, require_node_modules, serve_small_site
from .test_accessibility import BLOCKING, describe

TITLES = {
    "de": "Baden-Württemberg\u00a0– Internationaler Austausch",
    "ja": "バーデン＝ヴュルテンベルク州 国際交流ニュース",
    "en": "Baden-Württemberg: International Exchange",
    "zh": "巴登-符腾堡州国际交流新闻",
    "ko": "바덴뷔르템베르크주 국제 교류 소식",
    "fr": "Bade-Wurtemberg\u00a0: échanges internationaux",
    "es": "Baden-Wurtemberg: Intercambio Internacional",
}
RELEASE = '---\ntitle: "{title}"\ndate: 2024-07-17\nsummary: "{title}."\n---\n\n{title}.\n'
DESKTOP = (1280, 800)
PHONE = (390, 844)
PATHS = ["", "no-such-page"]
"""The chooser, and the root 404, which shows it with the page's absence said in every language."""
TEXT_200 = "document.documentElement.style.fontSize = '200%'"
# Each card's words that reach past its sides: "text" reaches a..b in a card of c..d.
OUT_OF_CARD = """parts => parts.filter(part => part.checkVisibility()).flatMap(part => {
  const card = part.parentElement.getBoundingClientRect(), range = document.createRange();
  range.selectNodeContents(part);
  const out = [...range.getClientRects()].filter(r => r.left < card.left - 0.5 || r.right > card.right + 0.5);
  return out.length ? [`"${part.textContent}" reaches ${Math.round(out[0].left)}..${Math.round(out[0].right)}`
                       + ` in a card of ${Math.round(card.left)}..${Math.round(card.right)}`] : [];
})"""
# On how many lines each of an element's texts (given as [text, …]) is set: [text, lines].
LINES_OF = """(element, texts) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), nodes = [];
  for (let node; (node = walker.nextNode());) nodes.push(node);
  const whole = nodes.map(n => n.data).join('');
  const place = offset => {
    for (const node of nodes) { if (offset <= node.data.length) return [node, offset]; offset -= node.data.length; }
  };
  return texts.map(text => {
    const at = whole.indexOf(text);
    if (at < 0) return [text, 0];
    const range = document.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + text.length));
    const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top));
    return [text, new Set(tops).size];
  });
}"""


def _site_files(languages: tuple[str, ...]) -> dict[str, str]:
    named = "".join(f'  {lang}: "{TITLES[lang]}"\n' for lang in languages)
    files = {
        "site.yaml": f"languages: [{', '.join(languages)}]\ntitle:\n{named}logo: logo.svg\n",
        "templates/static/logo.svg": (PROJECT / "templates" / "static" / "logo.svg").read_text(encoding="utf-8"),
    }
    for lang in languages:
        files[f"content/{lang}/2024/visit.md"] = RELEASE.format(title=f"Visit ({lang})")
    return files


@pytest.fixture(scope="module")
def chooser_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, str]]:
    """Sites in the first four and in all seven languages of TITLES, each served: {count: url}.
    (The languages without a catalog of their own show English interface text, and are warned.)"""
    with ExitStack() as stack:
        yield {
            count: stack.enter_context(
                serve_small_site(tmp_path_factory.mktemp(f"chooser{count}"), _site_files(tuple(TITLES)[:count]))
            )
            for count in (4, 7)
        }


def _boxes(page: Page, selector: str) -> list[dict[str, float]]:
    found = [box for box in (item.bounding_box() for item in page.locator(selector).all()) if box]
    assert found, f"{selector} is not shown"
    return found


@pytest.mark.parametrize("path", PATHS)
def test_on_a_phone_the_seven_choices_stand_in_one_column_from_the_top(
    open_page: OpenPage, chooser_sites: dict[int, str], path: str
) -> None:
    """1.4.10 at 390 px: the choices begin under the mark, in the first third of the screen (the
    tower of titles put them half a screen down), in one column, inside the window, their words
    inside their cards, with text at 100 % and at 200 % (1.4.4)."""
    page = open_page(locale="en-US", width=PHONE[0], height=PHONE[1])
    page.goto(chooser_sites[7] + path)
    choices = _boxes(page, ".choice")
    assert len(choices) == len(TITLES)
    assert choices[0]["y"] <= PHONE[1] / 3, f"the first choice begins {choices[0]['y']:.0f} px down the screen"
    for size in ("100 %", "200 %"):
        if size == "200 %":
            page.evaluate(TEXT_200)
            choices = _boxes(page, ".choice")
        assert len({round(box["x"]) for box in choices}) == 1, f"at {size}: not one column"
        outside = page.locator(".choice a > *").evaluate_all(OUT_OF_CARD)
        assert not outside, f"at {size}: " + "; ".join(outside)
        sideways = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert sideways <= 0, f"at {size} the page scrolls {sideways} px sideways"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("count", "rows"), [(4, [2, 2]), (7, [3, 3, 1])])
def test_on_a_desktop_the_choices_fill_even_rows_and_a_short_last_row_stands_in_the_middle(
    open_page: OpenPage, chooser_sites: dict[int, str], count: int, rows: list[int], path: str
) -> None:
    """Seven choices stood three, three and one, the last at the left under an empty space; four
    three and one. Now in as many columns as the languages share evenly, of one width, each row
    centred in the window."""
    page = open_page(locale="en-US", width=DESKTOP[0], height=DESKTOP[1])
    page.goto(chooser_sites[count] + path)
    choices = _boxes(page, ".choice")
    by_row: dict[int, list[dict[str, float]]] = {}
    for box in choices:
        by_row.setdefault(round(box["y"]), []).append(box)
    assert [len(row) for row in by_row.values()] == rows
    assert max(box["width"] for box in choices) - min(box["width"] for box in choices) <= 1, "cards of unequal width"
    for top, row in by_row.items():
        middle = (min(box["x"] for box in row) + max(box["x"] + box["width"] for box in row)) / 2
        assert abs(middle - DESKTOP[0] / 2) <= 2, f"the row at {top} px stands at {middle:.0f}, not in the middle"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_heading_names_the_site_in_every_language_in_a_few_lines(
    open_page: OpenPage, chooser_sites: dict[int, str], size: tuple[int, int], path: str
) -> None:
    """Seven titles one a line made the heading seven lines tall on a desktop, twelve on a phone.
    On a desktop they stand in a row of at most three lines, each whole on one line; on a phone
    each card, right under the mark, names the site, and the heading takes no room. Everywhere a
    screen reader hears every title, each in its language."""
    page = open_page(locale="en-US", width=size[0], height=size[1])
    page.goto(chooser_sites[7] + path)
    heading = page.locator("h1")
    for lang, title in TITLES.items():
        expect(heading.locator(f'[lang="{lang}"]')).to_have_text(title)
    expect(heading).to_have_accessible_name(" ".join(TITLES.values()))
    height = heading.evaluate("h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)")
    if size == DESKTOP:
        assert 1 <= height <= 3.2, f"the heading is {height:.1f} lines tall"
        broken = [text for text, lines in heading.evaluate(LINES_OF, list(TITLES.values())) if lines != 1]
        assert not broken, f"titles broken across lines: {broken}"
    else:
        assert height < 0.1, f"the heading is {height:.1f} lines tall above the choices"


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_korean_and_chinese_titles_break_between_words_at_200_percent_text(
    open_page: OpenPage, chooser_sites: dict[int, str], lang: str
) -> None:
    """1.4.4 on a phone: a card's Korean title broke inside a word (국|제), the Chinese one inside
    符腾堡州国际交流新闻; they break at their spaces and hyphen, as Japanese ones between phrases."""
    page = open_page(locale="en-US", width=PHONE[0], height=PHONE[1])
    page.goto(chooser_sites[7])
    page.evaluate(TEXT_200)
    title = page.locator(f'.choice[lang="{lang}"] .choice-title')
    words = TITLES[lang].replace("-", "- ").split()
    lines = title.evaluate(LINES_OF, words)
    assert not [word for word, count in lines if count != 1], f"words broken across lines: {lines}"
    assert title.evaluate(LINES_OF, [TITLES[lang]])[0][1] > 1, "the title fits one line: nothing is measured"


@pytest.fixture(scope="module")
def axe_script() -> Path:
    require_node_modules(AXE)
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PATHS)
def test_the_seven_language_chooser_has_no_serious_axe_violation(
    axe_script: Path, open_page: OpenPage, chooser_sites: dict[int, str], path: str, size: tuple[int, int], scheme: str
) -> None:
    """axe-core, in both schemes, on a desktop and a phone: the row of titles, the heading kept for
    screen readers on a phone, the cards' contrast."""
    page = open_page(locale="en-US", width=size[0], height=size[1])
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(chooser_sites[7] + path)
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    finally:
        page.emulate_media(color_scheme="light")
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_on_a_phone_the_readers_own_language_stands_first(
    open_page: OpenPage, chooser_sites: dict[int, str], size: tuple[int, int]
) -> None:
    """The choice the browser's language suggests was marked where it stood: on a phone, for a
    reader of Spanish, seventh, below the screen. In one column it stands first, in reading and
    focus order alike; side by side the languages keep the site's order."""
    page = open_page(locale="es-ES", width=size[0], height=size[1])
    page.goto(chooser_sites[7])
    expect(page.locator(".choice.suggested")).to_have_attribute("data-lang", "es")
    order = page.locator(".choice").evaluate_all("items => items.map(item => item.dataset.lang)")
    if size == PHONE:
        assert order == ["es", *[lang for lang in TITLES if lang != "es"]]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.choice').dataset.lang") == "es"
        assert page.locator(".choice.suggested").bounding_box()["y"] <= PHONE[1] / 3
    else:
        assert order == list(TITLES)
