"""The layout facts of the default theme, measured in Chromium so that a regression fails.

Spacing above the first heading and under the last element, one grid for navigation and content,
a phone header under 120 px, a centred language chooser, a footer that closes the window on short
pages, a menu that opens without JavaScript, 24 px map dots that name themselves on focus, Japanese
table cells unbroken inside words, dark mode, and print: the permalink and contact, nothing else.
"""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import LANGUAGES, LOCALES, OpenPage, bundled_releases, on_paper

PHONE = (390, 844)
DESKTOP = (1280, 800)
RELEASE = next(release for release in bundled_releases() if set(release.urls) == set(LANGUAGES))
# Per link: its text, on how many lines it is set, its width and its words' width.
LINK_WIDTHS = """links => links.map(a => {
  const r = document.createRange(); r.selectNodeContents(a);
  // Tops a few px apart are one line: an inline block (a state's name, .name) stands a little
  // higher than the text beside it.
  const tops = [...r.getClientRects()].map(line => line.top).sort((a, b) => a - b);
  const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
  return [a.textContent, lines, a.getBoundingClientRect().width, r.getBoundingClientRect().width];
})"""


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "releases/", "partners/", "release"])
def test_content_has_room_above_and_below(open_page: OpenPage, site_url: str, lang: str, path: str) -> None:
    page = open_page(locale=LOCALES[lang], width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + (RELEASE.urls[lang].lstrip("/") if path == "release" else f"{lang}/{path}"))
    header = box(page, ".site-header")
    above = box(page, "main h1")["y"] - (header["y"] + header["height"])
    assert above >= 24, f"the first heading sits {above:.0f} px under the header"
    main = box(page, "main")
    last = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main > *')]"
        ".filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().bottom + scrollY))"
    )
    below = main["y"] + main["height"] - last
    assert below >= 24, f"the last element of the content ends {below:.0f} px above the footer"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_brand_navigation_content_and_footer_share_one_left_edge(open_page: OpenPage, site_url: str, lang: str) -> None:
    page = open_page(locale=LOCALES[lang], width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + RELEASE.urls[lang].lstrip("/"))
    edges = {
        name: round(box(page, selector)["x"])
        for name, selector in {
            "brand": ".brand",
            "navigation": ".site-nav a",
            "breadcrumbs": ".breadcrumbs a",
            "heading": "main h1",
            "footer": ".site-footer h2",
        }.items()
    }
    assert len(set(edges.values())) == 1, f"left edges differ: {edges}"
    assert edges["heading"] > 64, "on a wide window the page grid is centred"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "release"])
def test_phone_header_is_compact_and_offers_languages(open_page: OpenPage, site_url: str, lang: str, path: str) -> None:
    page = open_page(locale=LOCALES[lang], width=PHONE[0], height=PHONE[1])
    page.goto(site_url + (RELEASE.urls[lang].lstrip("/") if path == "release" else f"{lang}/"))
    height = box(page, ".site-header")["height"]
    assert height < 120, f"the phone header is {height:.0f} px tall"
    for other in LANGUAGES:
        if other != lang:
            expect(page.locator(f'.language-switcher a[hreflang="{other}"]')).to_be_visible()
    expect(page.locator(".menu > summary")).to_be_visible()
    expect(page.locator(".site-nav a").first).to_be_hidden()


# The brand's words, each with the top of the line it is set on.
BRAND_WORD_LINES = """() => {
  // German and English: its text nodes (the state's name is one of its own, .name).
  const walker = document.createTreeWalker(document.querySelector('.brand-title'), NodeFilter.SHOW_TEXT);
  const words = [], range = document.createRange();
  while (walker.nextNode()) {
    const text = walker.currentNode;
    for (const match of text.data.matchAll(/[^ \\t\\n]+/g)) {
      range.setStart(text, match.index); range.setEnd(text, match.index + match[0].length);
      words.push([match[0], Math.round(range.getClientRects()[0].top)]);
    }
  }
  return words;
}"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_brand_leaves_no_word_alone_on_its_last_line(
    open_page: OpenPage, site_url: str, lang: str, width: int
) -> None:
    """On a 390 px phone "Baden-Württemberg – Internationaler" filled the first line and
    "Austausch" stood alone under it (English: "Exchange"); balanced, the title breaks between
    the Land and what the site is."""
    page = open_page(locale=LOCALES[lang], width=width, height=PHONE[1])
    page.goto(site_url + f"{lang}/")
    words = page.evaluate(BRAND_WORD_LINES)
    last = [word for word, top in words if top == words[-1][1]]
    assert len(last) > 1 or len({top for _, top in words}) == 1, f"at {width} px the brand ends on {last} alone"


def test_phone_menu_opens_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        page = context.new_page()
        page.goto(site_url + "ja/")
        links = page.locator(".site-nav a")
        expect(links.first).to_be_hidden()
        page.locator(".menu > summary").click()
        for index in range(links.count()):
            expect(links.nth(index)).to_be_visible()
        expect(page.locator(".menu-search input")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_menu_rows_are_taps_wide_and_mark_the_current_page_at_their_left(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    """Opened on a phone, each entry is a row as wide as the menu and at least a tap high; the
    current page's row has a bar at its left edge, not the wide screens' line under the word."""
    page = open_page(locale=LOCALES[lang], width=PHONE[0], height=PHONE[1])
    page.goto(site_url + f"{lang}/releases/")
    page.locator(".menu > summary").click()
    menu = box(page, ".site-nav ul")
    for link in page.locator(".site-nav a").all():
        row = link.bounding_box()
        assert row is not None
        assert abs(row["width"] - menu["width"]) <= 1, (
            f"{link.inner_text()!r} is {row['width']:.0f} px of {menu['width']:.0f}"
        )
        assert row["height"] >= 44, f"{link.inner_text()!r} is {row['height']:.0f} px high"
    bar = page.locator('.site-nav a[aria-current="page"]').evaluate("a => getComputedStyle(a).boxShadow")
    assert re.fullmatch(r"\S.* 4px 0px 0px 0px inset", bar), f"the current entry is marked by {bar!r}"
    page.locator(".menu > summary").click()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_to_the_older_and_newer_release_are_as_wide_as_their_titles(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    """The newest release links only to an older one: that link ran across the whole page, its
    focus band and its click far past its title."""
    page = open_page(locale=LOCALES[lang], width=DESKTOP[0], height=DESKTOP[1])
    measured = []
    for release in bundled_releases():
        if lang in release.urls:
            page.goto(site_url + release.urls[lang].lstrip("/"))
            measured += page.locator(".release-nav a").evaluate_all(LINK_WIDTHS)
    assert any(lines == 1 for _, lines, _, _ in measured), "a title on one line is what this measures"
    assert not _wider_than_their_words(measured)


@pytest.mark.parametrize("width", [DESKTOP[0], PHONE[0]])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "links"), [("partners/", ".partner-list a"), ("topics/", ".topic-list a")])
def test_partner_and_topic_links_are_as_wide_as_their_names(
    open_page: OpenPage, site_url: str, lang: str, path: str, links: str, width: int
) -> None:
    """A partner's link took its column's whole width ("Burundi", 71 px of name, 254 px of link)
    and a topic's the room up to its count: the focus band ran far past the name, and a tap
    or click on the empty row beside it opened the page."""
    page = open_page(locale=LOCALES[lang], width=width, height=DESKTOP[1])
    page.goto(site_url + f"{lang}/{path}")
    measured = page.locator(links).evaluate_all(LINK_WIDTHS)
    assert len(measured) >= 5
    wide = _wider_than_their_words(measured)
    assert not wide, f"at {width} px: " + "; ".join(wide)


def _wider_than_their_words(measured: list[tuple[str, int, float, float]]) -> list[str]:
    """The links on one line that are wider than their words (one that wraps fills its column anyway)."""
    return [
        f"{text!r}: {link_width:.0f} px for {text_width:.0f} px of words"
        for text, lines, link_width, text_width in measured
        if lines == 1 and link_width > text_width + 1
    ]


@pytest.mark.parametrize("width", [DESKTOP[0], PHONE[0]])
def test_more_releases_stand_apart_from_the_links_to_the_neighbours(
    open_page: OpenPage, site_url: str, width: int
) -> None:
    """ "More releases" is a section of its own: 24 px under the link to the older release, it
    read as that link's continuation."""
    page = open_page(locale="de-DE", width=width, height=DESKTOP[1])
    release = next(r for r in bundled_releases() if "de" in r.urls)
    page.goto(site_url + release.urls["de"].lstrip("/"))
    gap = page.evaluate(
        "() => document.querySelector('.more-releases').getBoundingClientRect().top"
        " - document.querySelector('.release-nav').getBoundingClientRect().bottom"
    )
    assert gap >= 40, f"{gap:.0f} px between the neighbours' links and More releases"


def test_desktop_shows_navigation_and_search_without_a_menu_button(open_page: OpenPage, site_url: str) -> None:
    page = open_page(locale="de-DE", width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + "de/")
    expect(page.locator(".menu > summary")).to_be_hidden()
    expect(page.locator(".site-nav a").first).to_be_visible()
    search = page.locator(".header-search input")
    expect(search).to_be_visible()
    assert page.locator("form.header-search").get_attribute("action", timeout=1000).endswith("/de/search/")


@pytest.mark.parametrize("width", [DESKTOP[0], PHONE[0]])
def test_language_chooser_is_centred(open_page: OpenPage, site_url: str, width: int) -> None:
    page = open_page(locale="en-US", width=width, height=800)
    page.goto(site_url)
    choices = page.locator(".choice")
    boxes = [choices.nth(i).bounding_box() for i in range(choices.count())]
    assert all(b is not None for b in boxes)
    left = min(b["x"] for b in boxes if b)
    right = max(b["x"] + b["width"] for b in boxes if b)
    assert abs((left + right) / 2 - width / 2) <= 2, f"choices span {left:.0f}–{right:.0f} in a {width} px window"
    if width == DESKTOP[0]:
        assert len({round(b["y"]) for b in boxes if b}) == 1, "on a desktop the three languages stand in one row"


@pytest.mark.parametrize("path", ["de/no-such-page/", "ja/topics/"])
def test_footer_closes_the_window_on_short_pages(open_page: OpenPage, site_url: str, path: str) -> None:
    page = open_page(locale="de-DE", width=DESKTOP[0], height=1400)
    page.goto(site_url + path)
    footer = box(page, ".site-footer")
    assert footer["y"] + footer["height"] >= 1400 - 1, "a band of page shows under the footer"


def test_map_dots_are_tap_targets_that_name_themselves(open_page: OpenPage, site_url: str) -> None:
    for width in (DESKTOP[0], PHONE[0]):
        page = open_page(locale="en-US", width=width, height=800)
        page.goto(site_url + "en/partners/")
        targets = page.locator(".map-marker a .target")
        assert targets.count() >= 10
        boxes = [targets.nth(i).bounding_box() for i in range(targets.count())]
        for found in boxes:
            assert found and round(found["width"], 2) >= 24 and round(found["height"], 2) >= 24
        # No round target covers another (Moscow and Saint Petersburg lie close at this scale).
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a and b
                apart = math.dist((a["x"], a["y"]), (b["x"], b["y"]))
                assert apart >= 24, f"two dots overlap at {width} px: {a}, {b}"
        # Each dot's middle is its own link's: nothing (another dot, a label) lies on top of it.
        page.locator(".map-scroll").evaluate("e => e.scrollLeft = 0")
        hits = page.evaluate(
            """() => [...document.querySelectorAll('.map-marker a .target')].map(target => {
                const r = target.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
                if (x < 0 || x > innerWidth) return true;  // scrolled out of a phone's window
                target.scrollIntoView({block: 'center', inline: 'nearest'});
                const s = target.getBoundingClientRect();
                const top = document.elementFromPoint(s.x + s.width / 2, s.y + s.height / 2);
                return top?.closest('a') === target.closest('a');
            })"""
        )
        assert all(hits), f"a dot lies under something else at {width} px: {hits}"
    kanagawa = page.locator('.map-marker a[href$="/en/partners/kanagawa/"]')
    label = kanagawa.locator(".map-label")
    assert label.evaluate("e => getComputedStyle(e).opacity") == "0"
    kanagawa.focus()
    expect(label).to_have_text("Kanagawa Prefecture")
    assert label.evaluate("e => getComputedStyle(e).opacity") == "1"
    ring = kanagawa.locator(".target").evaluate("e => [getComputedStyle(e).stroke, getComputedStyle(e).strokeWidth]")
    assert ring == ["rgb(255, 191, 71)", "5px"], "the focused dot has no focus ring"
    # The label, shown, lies inside the map (a dot near an edge names itself towards the middle).
    frame = box(page, ".partner-map .map-frame")
    shown = label.bounding_box()
    assert shown and frame["x"] <= shown["x"] and shown["x"] + shown["width"] <= frame["x"] + frame["width"]
    expect(page.locator(".partner-map .map-home")).to_contain_text("Baden-Württemberg")
    assert page.locator(".partner-map .home-dot rect").bounding_box() is not None


def test_a_map_dot_taking_keyboard_focus_on_a_phone_is_scrolled_into_sight(open_page: OpenPage, site_url: str) -> None:
    """2.4.11 Focus not obscured: the map scrolls sideways on a phone; each focused dot is inside its view."""
    page = open_page(locale="en-US", width=320, height=640)
    page.goto(site_url + "en/partners/")
    links = page.locator(".map-scroll .map-marker a")
    assert links.count() >= 10
    for i in range(links.count()):
        links.nth(i).focus()
        inside = page.evaluate(
            """() => { const dot = document.activeElement.querySelector('.target').getBoundingClientRect();
            const view = document.activeElement.closest('.map-scroll').getBoundingClientRect();
            const x = dot.left + dot.width / 2; return x >= view.left && x <= view.right; }"""
        )
        assert inside, f"{links.nth(i).text_content()} is focused but scrolled out of sight"


def test_partner_page_has_a_locator_map_with_baden_wuerttemberg(open_page: OpenPage, site_url: str) -> None:
    """The small map marks both places and names them in a key beneath it, which wraps rather than
    running off the map or over the other name on a phone."""
    for width in (DESKTOP[0], 320):
        page = open_page(locale="ja-JP", width=width, height=800)
        page.goto(site_url + "ja/partners/kanagawa/")
        expect(page.locator(".locator .map-key .key-home")).to_have_text("バーデン＝ヴュルテンベルク州")
        expect(page.locator(".locator .map-key .key-place")).to_have_text("神奈川県")
        assert (
            page.locator(".locator .map-dot circle").count() > 0
            and page.locator(".locator .home-dot rect").count() == 1
        )
        frame = box(page, ".locator")
        for selector in (".locator .key-home", ".locator .key-place"):
            key = box(page, selector)
            assert frame["x"] <= key["x"] and key["x"] + key["width"] <= frame["x"] + frame["width"] + 0.5, selector
        # Screen readers hear the figure's sentence once, not the key and the drawing as well.
        expect(page.locator("figure.locator")).to_have_accessible_name("神奈川県とバーデン＝ヴュルテンベルク州の位置")


def test_japanese_table_cells_and_cards_do_not_break_inside_words(open_page: OpenPage, site_url: str) -> None:
    page = open_page(locale="ja-JP", width=PHONE[0], height=PHONE[1])
    page.goto(site_url + RELEASE.urls["ja"].lstrip("/"))
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.body td:first-child')].map(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return [cell.textContent.trim(), tops.size];
        })"""
    )
    assert lines, "the release has a table"
    broken = [text for text, count in lines if count > 1 and "・" not in text and len(text) <= 6]
    assert not broken, f"short Japanese table cells broken across lines: {broken}"
    page.goto(site_url)
    title = page.locator('.choice[lang="ja"] .choice-title')
    text = title.evaluate(
        """e => { const range = document.createRange(); range.selectNodeContents(e);
                  return [...range.getClientRects()].map(r => Math.round(r.top)); }"""
    )
    assert len(set(text)) <= 2, "the Japanese site title in the chooser breaks only at its space"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_follows_the_reader(open_page: OpenPage, site_url: str, scheme: str) -> None:
    page = open_page(locale="en-US", width=DESKTOP[0], height=DESKTOP[1])
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(site_url + "en/")
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        channels = [int(part) for part in background.removeprefix("rgb(").removesuffix(")").split(",")[:3]]
        assert (sum(channels) / 3 < 64) == (scheme == "dark"), f"{scheme}: background {background}"
    finally:
        page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_lead_map_follows_the_colour_scheme_in_each_language(
    open_page: OpenPage, site_url: str, scheme: str
) -> None:
    """The Kanagawa map has a dark variant per language (kanagawa-map.ja.dark.png, …): the
    browser shows it to readers in dark mode, and the light map otherwise."""
    [release] = [r for r in bundled_releases() if r.key == "2024/kanagawa-declaration"]
    page = open_page(locale="en-US", width=DESKTOP[0], height=DESKTOP[1])
    page.emulate_media(color_scheme=scheme)
    try:
        for lang, own in (("de", ""), ("ja", ".ja"), ("en", ".en")):
            page.goto(site_url + release.urls[lang].lstrip("/"))
            image = page.locator(".lead-image img")
            image.evaluate("img => img.decode()")
            shown = image.evaluate("img => img.currentSrc").rsplit("/", 1)[-1]
            expected = f"kanagawa-map{own}{'.dark' if scheme == 'dark' else ''}."
            assert shown.startswith(expected), f"{lang} in {scheme} mode shows {shown}"
            box = image.bounding_box() or {}
            assert abs(box["width"] / box["height"] - 2) < 0.02  # the variant's own size, undistorted
    finally:
        page.emulate_media(color_scheme="light")


def test_print_shows_the_release_with_its_permalink_and_contact_only(open_page: OpenPage, site_url: str) -> None:
    page = open_page(locale="de-DE", width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + RELEASE.urls["de"].lstrip("/"))
    with on_paper(page):
        for shown in ("main h1", ".release-header time", ".release-aside .source", ".body", ".contact", ".permalink"):
            expect(page.locator(shown).first).to_be_visible()
        assert page.locator(".permalink").inner_text().startswith("http")
        for selector in (
            ".site-header",
            ".site-footer",
            ".breadcrumbs",
            ".share",
            ".more-releases",
            ".tags",
            ".release-nav",
        ):
            expect(page.locator(selector).first).to_be_hidden()


def test_print_gives_the_address_of_a_link_to_another_release(open_page: OpenPage, site_url: str) -> None:
    # On paper a link is its words only: a journalist must be able to type in where it led.
    [release] = [r for r in bundled_releases() if r.key == "2020/kanagawa-high-tech-exchange"]
    [declaration] = [r for r in bundled_releases() if r.key == "2024/kanagawa-declaration"]
    page = open_page(locale="ja-JP", width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + release.urls["ja"].lstrip("/"))
    link = page.locator(f'.body a[href="{declaration.urls["ja"]}"]')
    after = "el => getComputedStyle(el, '::after').content"
    assert link.evaluate(after) in ("none", "normal")  # on screen the link is enough
    with on_paper(page):
        address = f"https://international.baden-wuerttemberg.example{declaration.urls['ja']}"
        # In Japanese brackets, without a Latin space before them.
        assert link.evaluate(after) == f'"（{address}）"'


@pytest.mark.parametrize(
    ("lang", "printed"),
    [
        pytest.param("de", '" ({})"', id="de"),
        pytest.param("ja", '"（{}）"', id="ja"),
        pytest.param("en", '" ({})"', id="en"),
    ],
)
def test_print_gives_the_address_of_a_partners_link_to_another_site(
    open_page: OpenPage, site_url: str, lang: str, printed: str
) -> None:
    page = open_page(locale=LOCALES[lang], width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + f"{lang}/partners/kanagawa/")
    link = page.locator('a[rel="external"]').first
    href = link.get_attribute("href") or ""
    assert href.startswith("https://")
    with on_paper(page):
        expect(link).to_be_visible()
        assert link.evaluate("el => getComputedStyle(el, '::after').content") == printed.format(href)


@pytest.mark.parametrize(
    ("path", "marked"),
    [
        pytest.param("partners/kanagawa/", ".map-key .key", id="locator-key"),
        pytest.param("partners/", ".timeline li", id="timeline"),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_keys_symbols_and_the_timelines_dots_are_printed(
    open_page: OpenPage, site_url: str, lang: str, path: str, marked: str
) -> None:
    """Paper leaves out backgrounds unless the reader asks for them, and the locator's key symbols
    and the timeline's dots are backgrounds: the printed key named a dot and a diamond it did not
    show, and the timeline's entries lost their marks. (Chromium paints backgrounds in its print
    emulation; on paper, and in its PDFs, the element's print-color-adjust decides.)"""
    page = open_page(locale=LOCALES[lang], width=DESKTOP[0], height=DESKTOP[1])
    page.goto(site_url + f"{lang}/{path}")
    symbols = page.locator(marked)
    assert symbols.count() >= 2
    with on_paper(page):
        for symbol in symbols.all():
            drawn = symbol.evaluate(
                "e => { const s = getComputedStyle(e, '::before');"
                " return [s.content, s.backgroundColor, s.printColorAdjust]; }"
            )
            assert drawn[0] != "none" and drawn[1] != "rgba(0, 0, 0, 0)", f"{symbol.inner_text()!r}: no symbol"
            assert drawn[2] == "exact", f"{symbol.inner_text()!r}: its symbol is left off paper ({drawn})"


@pytest.mark.parametrize(
    ("lang", "instruction", "hint", "key"),
    [
        pytest.param("de", "wählen Sie ihn aus", "Wischen Sie", "ruhende Partnerschaften", id="de"),
        pytest.param("ja", "点を選ぶと", "スワイプ", "休止中の友好提携", id="ja"),
        pytest.param("en", "Select a dot", "Swipe the map", "dormant partnerships", id="en"),
    ],
)
def test_the_printed_partner_map_says_what_its_dots_are_not_how_to_tap_them(
    open_page: OpenPage, site_url: str, lang: str, instruction: str, hint: str, key: str
) -> None:
    """On paper the caption told the reader to select a dot, and on paper narrower than 44rem to
    swipe the map sideways: only what the unfilled dots mean is printed."""
    page = open_page(locale=LOCALES[lang], width=PHONE[0], height=PHONE[1])
    page.goto(site_url + f"{lang}/partners/")
    caption = page.locator("#map-caption")
    expect(caption).to_contain_text(instruction)  # on a phone's screen all three are said
    expect(caption).to_contain_text(hint)
    with on_paper(page):
        printed = caption.inner_text()
        assert key in printed, printed
        assert instruction not in printed and hint not in printed, printed
