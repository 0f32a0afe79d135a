"""Hard content on small and odd screens: long words, wide tables and code, a switcher with missing
versions, focus in dark mode, and print. Each test names the WCAG criterion it guards."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from ..conftest import KANAGAWA, TOPICS
from ..pdfs import pdf_document
from .conftest import AXE, LOCALES, OpenPage, build_site, require_node_modules, serve_small_site, serve_static
from .test_accessibility import BLOCKING, describe

LONG_WORD = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
LONG_URL = "https://example.org/" + "verzeichnis/" * 12 + "datei.pdf"
RELEASE = "/de/releases/2024/lange-woerter/"
TABLE = (
    "| "
    + " | ".join(f"Spalte {n}" for n in range(1, 9))
    + " |\n"
    + "|---" * 8
    + "|\n"
    + ("| " + " | ".join(f"Wert {n} {LONG_WORD[: 10 + n]}" for n in range(1, 9)) + " |\n")
)
BODY = (
    f"Das {LONG_WORD} gilt weiter. Mehr unter <{LONG_URL}> und im [Bericht]({LONG_URL}).\n\n"
    f"{TABLE}\n"
    "```\n" + "ein_sehr_langer_befehl --mit-option=" + "x" * 150 + "\n```\n"
)
FILES = {
    "content/topics.yaml": TOPICS,
    "content/partners/kanagawa.yaml": KANAGAWA,
    "content/de/2024/lange-woerter.md": (
        f"---\ntitle: Datenschutzerklärung zum {LONG_WORD}\ndate: 2024-03-05\n"
        f"partners: [kanagawa]\ntopics: [energy]\n---\n\n{BODY}"
    ),
}
CONTRAST = """() => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const linear = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  const focused = document.activeElement, ratios = [];
  const walker = document.createTreeWalker(focused, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility()) continue;
    const [a, b] = [lum(parse(getComputedStyle(el).color)), lum(background(el))];
    ratios.push((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  }
  return Math.min(...ratios);
}"""


@pytest.fixture(scope="module")
def hard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A German-only release with a very long word, address, table and line of code."""
    with serve_small_site(tmp_path_factory.mktemp("hard-content"), FILES) as url:
        yield url


def sideways_overflow(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_long_words_tables_and_code_reflow_at_320_px(open_page: OpenPage, hard_url: str, scheme: str) -> None:
    """1.4.10 Reflow: nothing makes the page scroll sideways at 320 CSS pixels."""
    page = open_page(locale=LOCALES["de"], width=320, height=640)
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(hard_url + RELEASE.lstrip("/"))
        expect(page.locator("h1")).to_contain_text(LONG_WORD)
        assert sideways_overflow(page) == 0
        # The code wraps inside the column rather than running under the side column or off the page.
        column = page.locator(".body").bounding_box()
        code = page.locator(".body pre").bounding_box()
        assert column and code and code["x"] + code["width"] <= column["x"] + column["width"] + 1
    finally:
        page.emulate_media(color_scheme="light")


# What each cell of a body's table, and the column heading a phone shows beside its value, asks of
# a word too long for it: "auto" (a hyphen where the browser has the language's dictionary).
CELL_HYPHENS = """() => [...document.querySelectorAll('.body th, .body td')].flatMap(
    cell => [getComputedStyle(cell).hyphens, getComputedStyle(cell, '::before').hyphens])"""


@pytest.mark.parametrize("width", [320, 390])
def test_long_words_in_a_phones_table_break_with_a_hyphen_and_stay_in_the_window(
    open_page: OpenPage, hard_url: str, width: int
) -> None:
    """On a phone a German table's compounds ("Rindfleischetikettierungs…", a column heading beside
    its value) broke inside the word with no hyphen, even in browsers with a German dictionary.
    (Debian's Chromium has none, so here they still break at the last letter that fits.)"""
    page = open_page(locale=LOCALES["de"], width=width, height=640)
    page.goto(hard_url + RELEASE.lstrip("/"))
    assert set(page.evaluate(CELL_HYPHENS)) == {"auto"}
    assert sideways_overflow(page) == 0
    table = page.locator(".body table").bounding_box()
    assert table and table["x"] + table["width"] <= width


def test_wide_table_scrolls_in_its_own_box_and_is_reachable_by_keyboard(open_page: OpenPage, hard_url: str) -> None:
    """2.1.1 Keyboard: a table wider than its column scrolls, so it takes focus (axe: scrollable-region-focusable).
    (A phone sets each row as a block instead: on a small tablet the table is still a table.)"""
    require_node_modules(AXE)
    page = open_page(locale=LOCALES["de"], width=600, height=740)
    page.goto(hard_url + RELEASE.lstrip("/"))
    table = page.locator(".body table")
    assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "the table should be wider than its column"
    table.focus()
    page.keyboard.press("ArrowRight")
    expect(table).to_be_focused()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING or v["id"] == "scrollable-region-focusable"]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("width", [320, 360, 481, 520, 560, 600, 700, 767])
def test_language_switcher_never_covers_the_menu_button(open_page: OpenPage, hard_url: str, width: int) -> None:
    """2.4.11/1.4.10: with two versions missing, the switcher's notes wrap instead of covering the button."""
    page = open_page(locale=LOCALES["de"], width=width, height=700)
    page.goto(hard_url + RELEASE.lstrip("/"))
    button = page.locator(".menu > summary").bounding_box()
    for item in page.locator(".language-switcher li").all():
        box = item.bounding_box()
        assert button and box
        apart = box["x"] >= button["x"] + button["width"] or box["y"] >= button["y"] + button["height"]
        assert apart, f"at {width} px the switcher entry {item.inner_text()!r} covers the menu button"
    # Opened, the menu's first link sits below the whole switcher.
    page.click(".menu > summary")
    first = page.locator(".site-nav a").first.bounding_box()
    boxes = [item.bounding_box() for item in page.locator(".language-switcher li").all()]
    bottom = max(box["y"] + box["height"] for box in boxes if box)
    assert first and first["y"] >= bottom - 1
    page.click(".menu > summary")


def test_unavailable_note_keeps_a_space_and_its_words_for_screen_readers(open_page: OpenPage, hard_url: str) -> None:
    """1.3.1: "日本語 (nicht verfügbar)" is read as two words; in the header the note is hidden
    from sight only (the notice says it), the footer's list shows it, a space apart."""
    for width in (1280, 320):
        page = open_page(locale=LOCALES["de"], width=width, height=700)
        page.goto(hard_url + RELEASE.lstrip("/"))
        entry = page.locator('.language-switcher a[hreflang="ja"]')
        expect(entry).to_have_accessible_name("日本語 (nicht verfügbar)")
    wide = open_page(locale=LOCALES["de"], width=1280, height=700)
    gap = wide.evaluate(
        """() => { const link = [...document.querySelectorAll('.site-footer .unavailable')]
                     .find(a => a.querySelector('[lang="ja"]'));
        const [name, note] = link.children;
        return note.getBoundingClientRect().left - name.getBoundingClientRect().right; }"""
    )
    assert gap >= 3
    header_note = wide.locator('.language-switcher a[hreflang="ja"] .note').bounding_box() or {}
    assert header_note.get("width", 0) <= 1  # heard, not seen: the menu stays on one line
    menu = wide.locator(".site-nav").bounding_box() or {}
    item = wide.locator(".site-nav a").first.bounding_box() or {}
    assert menu["height"] < 2 * item["height"]


@pytest.mark.parametrize("selector", [".tags a", ".site-nav a", ".language-switcher a", ".breadcrumbs a"])
def test_focused_links_keep_their_contrast_in_dark_mode(open_page: OpenPage, site_url: str, selector: str) -> None:
    """1.4.3 and 2.4.7: a focused link is dark on yellow even where a component gives links its own colours."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    page.emulate_media(color_scheme="dark")
    try:
        page.goto(site_url + "en/releases/2024/kanagawa-joint-declaration/")
        link = page.locator(selector).first
        if selector == ".site-nav a":
            page.goto(site_url + "en/releases/")
            link = page.locator('.site-nav a[aria-current="page"]')
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so that :focus-visible applies
        expect(link).to_be_focused()
        assert page.evaluate(CONTRAST) >= 4.5
    finally:
        page.emulate_media(color_scheme="light")


def test_focused_chooser_card_keeps_its_contrast_in_dark_mode(open_page: OpenPage, site_url: str) -> None:
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    page.emulate_media(color_scheme="dark")
    try:
        page.goto(site_url)
        for card in page.locator(".choice a").all():
            card.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            expect(card).to_be_focused()
            assert page.evaluate(CONTRAST) >= 4.5, card.inner_text()
    finally:
        page.emulate_media(color_scheme="light")


def test_print_shows_whole_tables_and_each_address_once(open_page: OpenPage, hard_url: str, tmp_path: Path) -> None:
    """Print: a table is not cut at the column's width; a link showing its address is not followed by it again."""
    page = open_page(locale=LOCALES["de"], width=1280, height=800, fresh=True)
    page.goto(hard_url + RELEASE.lstrip("/"))
    page.emulate_media(media="print")
    table = page.locator(".body table")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    after = "a => getComputedStyle(a, '::after').content"
    bare = page.locator(".body a", has_text="https://example.org/")
    named = page.locator(".body a", has_text="Bericht")
    assert bare.evaluate(after) in ("none", "normal")
    assert LONG_URL in named.evaluate(after)


def _picture(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(out, "PNG")
    return out.getvalue()


def _media_release(title: str, extra: str) -> str:
    return f"---\ntitle: {title}\ndate: 2024-03-05\npartners: [kanagawa]\ntopics: [energy]\n{extra}---\n\nText.\n"


@pytest.fixture(scope="module")
def media_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Releases with a very small and a very tall lead picture, and one with two downloads."""
    root = tmp_path_factory.mktemp("media-layout")
    texts = {
        "content/topics.yaml": TOPICS,
        "content/partners/kanagawa.yaml": KANAGAWA,
        "content/de/2024/klein.md": _media_release("Klein", "image:\n  file: 2024/klein.png\n  alt: Ein Punkt\n"),
        "content/de/2024/hoch.md": _media_release("Hoch", "image:\n  file: 2024/hoch.png\n  alt: Ein Turm\n"),
        "content/de/2024/dateien.md": _media_release(
            "Dateien",
            "downloads:\n  - file: 2024/a.pdf\n    title: Erklärung\n  - file: 2024/b.pdf\n    title: Anlage\n",
        ),
    }
    binaries = {
        "content/media/2024/klein.png": _picture((40, 30)),
        "content/media/2024/hoch.png": _picture((400, 1600)),
        "content/media/2024/a.pdf": pdf_document(2000),
        "content/media/2024/b.pdf": pdf_document(3000, filler=b"y"),
    }
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, data in binaries.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    with serve_static(build_site(root / "out", source=root)) as url:
        yield url


def test_lead_pictures_are_not_blown_up_nor_taller_than_the_window(open_page: OpenPage, media_url: str) -> None:
    page = open_page(locale=LOCALES["de"], width=1280, height=800)
    page.goto(media_url + "de/releases/2024/klein/")
    small = page.locator(".lead-image img")
    small.evaluate("img => img.decode()")
    assert (small.bounding_box() or {})["width"] <= 40
    page.goto(media_url + "de/releases/2024/hoch/")
    tall = page.locator(".lead-image img")
    tall.evaluate("img => img.decode()")
    assert (tall.bounding_box() or {})["height"] <= 0.8 * 800 + 1


def test_download_links_are_at_least_24_px_apart(open_page: OpenPage, media_url: str) -> None:
    """2.5.8 Target size (minimum): small links one above the other keep 24 px between centres."""
    page = open_page(locale=LOCALES["de"], width=1280, height=800)
    page.goto(media_url + "de/releases/2024/dateien/")
    boxes = [link.bounding_box() for link in page.locator(".downloads a").all()]
    assert len(boxes) == 2 and all(boxes)
    centres = [box["y"] + box["height"] / 2 for box in boxes if box]
    assert centres[1] - centres[0] >= 24


def test_partner_map_on_a_phone_opens_on_baden_wuerttemberg(open_page: OpenPage, site_url: str) -> None:
    """The world map scrolls sideways on a phone; it opens where the partners are, not on the Americas."""
    page = open_page(locale=LOCALES["ja"], width=360, height=740)
    page.goto(site_url + "ja/partners/")
    page.wait_for_function("() => document.querySelector('.partner-map .map-scroll').scrollLeft > 0")
    where = page.evaluate(
        """() => { const view = document.querySelector('.partner-map .map-scroll').getBoundingClientRect();
        const home = document.querySelector('.partner-map .home-dot').getBoundingClientRect();
        return (home.left + home.width / 2 - view.left) / view.width; }"""
    )
    assert 0.33 < where < 0.67


def test_japanese_tables_fit_a_phone_without_scrolling(open_page: OpenPage, site_url: str) -> None:
    """Long phrases in Japanese cells (マハーラーシュトラ州) break rather than widen the table."""
    page = open_page(locale=LOCALES["ja"], width=320, height=640)
    page.goto(site_url + "ja/about/")
    table = page.locator(".body table").first
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert sideways_overflow(page) == 0
    assert set(page.evaluate(CELL_HYPHENS)) == {"manual"}, "Japanese has no hyphens to ask for"


def test_card_thumbnails_show_the_whole_picture(open_page: OpenPage, site_url: str) -> None:
    """A map's labels stay in the thumbnail: the picture keeps its shape, nothing is cut off."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    page.goto(site_url + "en/")
    thumbnail = page.locator(".card-thumbnail img").first
    thumbnail.evaluate("img => img.decode()")
    shown, natural = thumbnail.evaluate(
        "img => [img.clientWidth / img.clientHeight, img.naturalWidth / img.naturalHeight]"
    )
    assert abs(shown - natural) < 0.02


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_matches_stand_out_in_both_schemes(open_page: OpenPage, site_url: str, scheme: str) -> None:
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(site_url + "en/search/?q=Kanagawa")
        page.locator(".pagefind-ui__result mark").first.wait_for(timeout=15000)
        against_page, text = page.evaluate(
            """() => { const mark = document.querySelector('.pagefind-ui__result mark');
            const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const linear = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            const lum = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
            const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const back = lum(parse(getComputedStyle(mark).backgroundColor));
            const page = lum(parse(getComputedStyle(document.documentElement).backgroundColor));
            return [ratio(back, page), ratio(back, lum(parse(getComputedStyle(mark).color)))]; }"""
        )
        assert against_page >= 1.4 and text >= 4.5, (against_page, text)
    finally:
        page.emulate_media(color_scheme="light")


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("ja/search/?q=神奈川", ".pagefind-ui__result-title a"),
        ("ja/", ".card-title a"),
        ("ja/partners/", ".timeline .meta"),
        ("ja/releases/2024/kanagawa-joint-declaration/", ".contact-name"),
        ("ja/releases/2024/kanagawa-joint-declaration/", ".release-nav a"),
    ],
)
def test_short_japanese_texts_break_between_phrases_even_inside_links(
    open_page: OpenPage, site_url: str, path: str, selector: str
) -> None:
    """A title that is a link keeps its heading's phrase breaking (交流イベ|ント was split)."""
    page = open_page(locale=LOCALES["ja"], width=390, height=800)
    page.goto(site_url + path)
    element = page.locator(selector).first
    element.wait_for(timeout=15000)
    assert element.evaluate("e => getComputedStyle(e).wordBreak") in ("keep-all", "auto-phrase")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_states_name_stays_whole_in_a_japanese_headline_where_it_fits(
    open_page: OpenPage, site_url: str, width: int
) -> None:
    """バーデン＝|ヴュルテンベルク州 was split after its ＝ on desktop; on a phone, narrower than the
    name, it may break there rather than run off the screen."""
    page = open_page(locale=LOCALES["ja"], width=width, height=800)
    page.goto(site_url + "ja/releases/2015/jetro-cluster-partnerships/")
    name = page.locator("h1 .whole").first
    expect(name).to_contain_text("バーデン＝ヴュルテンベルク州")
    lines = name.evaluate("e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size")
    assert lines == 1 if width == 1280 else sideways_overflow(page) == 0
