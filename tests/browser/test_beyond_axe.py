"""WCAG 2.2 AA criteria that axe-core cannot judge, measured in Chromium: text at 200 % (1.4.4),
on phones too, the edge of the search field (1.4.11), the map's names shown on hover and focus
(1.4.13) and the language chooser at 200 %. Each test names the criterion it guards (forced
colours: test_forced_colours)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import LANGUAGES, LOCALES, OpenPage, bundled_releases, wait_for_search_results

RELEASE = next(release for release in bundled_releases() if release.key == "2024/kanagawa-declaration")
TEXT_200 = "document.documentElement.style.fontSize = '200%'"
"""Text-only zoom: every size of the theme is in rem, so this doubles all text and nothing else."""
# Text that lies on other text: pairs of visible boxes that overlap by more than 2 px each way.
OVERLAPS = """() => {
  const texts = 'a, button, input, summary, h1, h2, h3, p, li, dt, dd, span, time, figcaption';
  const shown = [...document.querySelectorAll(texts)]
    .filter(e => e.checkVisibility() && !e.closest('.visually-hidden, svg, .note')
                 && getComputedStyle(e).position !== 'absolute')
    // A Japanese tie (two characters kept on one line, typography.py) is a piece of its line's
    // text, as a text node is: its box is the font's, taller than a tight line, and it would
    // be told as lying on the tie of the line above. A run of facts (the "facts" macro) starts
    // the room of a separator before its line, under the word before it, where it holds no text:
    // its text is its facts, each a box of its own, measured as such.
    .filter(e => !e.matches('.tie, .fact-run'));
  const rects = shown.map(e => [...e.getClientRects()]), found = [];
  const name = e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`;
  for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
    if (shown[i].contains(shown[j]) || shown[j].contains(shown[i])) continue;
    for (const r of rects[i]) for (const q of rects[j]) {
      const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (w > 2 && h > 2) found.push(`${name(shown[i])} and ${name(shown[j])}`);
    }
  }
  return [...new Set(found)].slice(0, 5);
}"""


PHONES = (320, 390)
"""The narrowest phone that reflow (1.4.10) is measured at, and a common one."""
PHONE_HEIGHT = 844
BRAND_WORDS = {
    "de": ("Württemberg", "Internationaler", "Austausch"),
    "ja": ("国際交流ニュース",),
    "en": ("Württemberg", "International", "Exchange"),
}
# Pairs of the header's parts (brand, menu button, each language of the switcher) that lie on each other.
HEADER_PARTS = """() => {
  const parts = [...document.querySelectorAll('.brand, .menu > summary, .language-switcher li')]
    .filter(e => e.checkVisibility());
  const name = e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 20)}"`;
  const found = [];
  for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
    const r = parts[i].getBoundingClientRect(), q = parts[j].getBoundingClientRect();
    const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (w > 1 && h > 1) found.push(`${name(parts[i])} lies on ${name(parts[j])}`);
  }
  return found;
}"""
OUT_OF_BOX = """(selector) => {
  const width = document.documentElement.clientWidth, found = [];
  for (const e of document.querySelectorAll(selector)) {
    if (!e.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(e);
    const box = e.getBoundingClientRect(), name = `"${e.textContent.trim().slice(0, 30)}"`;
    for (const r of [...e.getClientRects(), ...range.getClientRects()]) {
      if (r.width === 0) continue;
      const where = `${Math.round(r.left)}..${Math.round(r.right)}`;
      if (r.left < -0.5 || r.right > width + 0.5) { found.push(`${name} reaches ${where}`); break; }
      const out = r.left < box.left - 0.5 || r.right > box.right + 0.5;
      if (out) { found.push(`${name} runs out of its box to ${where}`); break; }
    }
  }
  return found;
}"""
"""Boxes of ``selector``, or their text, that reach past the window or out of their own box."""


def _path(lang: str, kind: str) -> str:
    return {
        "home": f"{lang}/",
        "release": RELEASE.urls[lang].lstrip("/"),
        "release-list": f"{lang}/releases/",
        "partner": f"{lang}/partners/kanagawa/",
        "partners-index": f"{lang}/partners/",
        "search": f"{lang}/search/",
        "about": f"{lang}/about/",
    }[kind]


@pytest.mark.parametrize("kind", ["home", "release", "release-list", "partner", "partners-index", "search", "about"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_at_200_percent_neither_overlaps_nor_scrolls_sideways(
    open_page: OpenPage, site_url: str, lang: str, kind: str
) -> None:
    """1.4.4 Resize text: at twice the text size the brand was covered by the search field, a
    partner's facts by its map, and a Japanese name held on one line ran off the page. On
    phones (beyond what 1.4.4 asks, which 1.4.10 meets at 320 px) the Japanese brand and
    partner chips ran off the page, "Pressemitteilungen" pushed a German release sideways, and
    "Deutsch" in the switcher lay on the menu button."""
    for width in (*PHONES, 640, 768, 1024, 1280):
        page = open_page(locale=LOCALES[lang], width=width, height=PHONE_HEIGHT if width in PHONES else 800)
        page.goto(site_url + _path(lang, kind))
        page.evaluate(TEXT_200)
        sideways = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert sideways <= 0, f"at {width} px the page scrolls {sideways} px sideways"
        overlaps = page.evaluate(OVERLAPS)
        assert not overlaps, f"at {width} px: " + "; ".join(overlaps)


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_header_parts_stay_apart_at_200_percent_text(
    open_page: OpenPage, site_url: str, lang: str, width: int
) -> None:
    """1.4.4 on a phone: the switcher's "Deutsch" lay on the menu button, the Japanese brand ran
    past the window (バーデン＝ヴュルテンベルク州 kept whole) and the German one out of its band,
    and the hidden skip link's foot showed as a yellow band above the header. Kept in its band,
    the brand broke "Württem|berg" until its mark and the page's margins stopped growing with
    the text."""
    page = open_page(locale=LOCALES[lang], width=width, height=PHONE_HEIGHT)
    page.goto(site_url + f"{lang}/partners/kanagawa/")
    page.evaluate(TEXT_200)
    overlaps = page.evaluate(HEADER_PARTS)
    assert not overlaps, f"at {width} px: " + "; ".join(overlaps)
    for selector in (".brand", ".menu > summary", ".language-switcher li"):
        outside = page.evaluate(OUT_OF_BOX, selector)
        assert not outside, f"at {width} px: " + "; ".join(outside)
    # The mark and the margins leave the brand's words room to stay whole (only the Japanese
    # name of the Land is longer than the line and breaks).
    for word in BRAND_WORDS[lang]:
        lines = _brand_lines(page, word)
        assert lines == 1, f"at {width} px the brand's {word} is set on {lines} lines"
    skip = page.locator(".skip-link").bounding_box()
    assert skip and skip["y"] + skip["height"] <= 0, (
        f"at {width} px the skip link shows {skip['y'] + skip['height']:.0f} px"
    )


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize(
    ("lang", "path", "selector"),
    [
        ("de", RELEASE.urls["de"].lstrip("/"), ".breadcrumbs li"),  # Startseite › Pressemitteilungen › 2024
        ("de", "de/releases/2024/", ".breadcrumbs li"),
        ("ja", "ja/", ".chips a"),  # マハーラーシュトラ州, サンクトペテルブルク
        ("ja", "ja/partners/kanagawa/", ".tags a"),
        ("de", "de/", ".chips a"),
        ("en", "en/partners/kanagawa/", ".tags a"),
    ],
)
def test_breadcrumbs_and_chips_stay_inside_the_window_at_200_percent_text(
    open_page: OpenPage, site_url: str, lang: str, path: str, selector: str, width: int
) -> None:
    """1.4.4 on a phone: a crumb or chip longer than the line breaks inside its word rather than
    running out of its box and past the window ("Pressemitteilungen" on a 320 px phone, the
    Japanese partner chips, which break only between phrases, on a 390 px one)."""
    page = open_page(locale=LOCALES[lang], width=width, height=PHONE_HEIGHT)
    page.goto(site_url + path)
    page.evaluate(TEXT_200)
    assert page.locator(selector).count() >= 2
    outside = page.evaluate(OUT_OF_BOX, selector)
    assert not outside, f"at {width} px: " + "; ".join(outside)
    sideways = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert sideways <= 0, f"at {width} px the page scrolls {sideways} px sideways"


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "no-such-page"])
def test_the_language_choosers_words_stay_in_their_cards_at_200_percent_text(
    open_page: OpenPage, site_url: str, lang: str, width: int, path: str
) -> None:
    """1.4.4 on a phone: a card's words are centred and were as wide as their longest word, so
    that "Browsereinstellungen" ran out of its card and past the window (the page scrolled
    sideways) and the Japanese tagline's 国際パートナーシップ out of its card on both sides."""
    page = open_page(locale=LOCALES[lang], width=width, height=PHONE_HEIGHT)
    page.goto(site_url + path)
    page.evaluate(TEXT_200)
    outside = page.locator(".choice a > *").evaluate_all(
        """parts => parts.filter(part => part.checkVisibility()).flatMap(part => {
          const card = part.parentElement.getBoundingClientRect(), range = document.createRange();
          range.selectNodeContents(part);
          const out = [...range.getClientRects()].filter(r => r.left < card.left || r.right > card.right);
          return out.length ? [`"${part.textContent}" reaches ${Math.round(out[0].left)}..${Math.round(out[0].right)}`
                               + ` in a card of ${Math.round(card.left)}..${Math.round(card.right)}`] : [];
        })"""
    )
    assert not outside, f"at {width} px: " + "; ".join(outside)
    sideways = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert sideways <= 0, f"at {width} px the page scrolls {sideways} px sideways"


@pytest.mark.parametrize("width", [768, 1024])
def test_the_japanese_brand_keeps_its_words_whole_at_200_percent_text(
    open_page: OpenPage, site_url: str, width: int
) -> None:
    """1.4.4: beside the search field the brand was squeezed into pieces of words (ヴュルテンベル|ク州);
    the field moves under it instead."""
    page = open_page(locale=LOCALES["ja"], width=width, height=800)
    page.goto(site_url + "ja/")
    page.evaluate(TEXT_200)
    for word in ("ヴュルテンベルク州", "国際交流ニュース"):
        lines = _brand_lines(page, word)
        assert lines == 1, f"at {width} px the brand's {word} is set on {lines} lines"


def _brand_lines(page: Page, word: str) -> int:
    """On how many lines the brand sets ``word`` (0: the brand does not say it)."""
    return page.evaluate(
        """(word) => {
          // The word may run over several text nodes (a Japanese tie is an element of its own).
          const walker = document.createTreeWalker(document.querySelector('.brand'), NodeFilter.SHOW_TEXT);
          const nodes = [];
          for (let node; (node = walker.nextNode());) nodes.push(node);
          const text = nodes.map(n => n.data).join(''), at = text.indexOf(word);
          if (at < 0) return 0;
          const place = offset => {
            for (const node of nodes) {
              if (offset <= node.data.length) return [node, offset];
              offset -= node.data.length;
            }
          };
          const range = document.createRange();
          range.setStart(...place(at));
          range.setEnd(...place(at + word.length));
          const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top));
          return new Set(tops).size;
        }""",
        word,
    )


def _contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two computed colours (``rgb(…)``)."""

    def luminance(colour: str) -> float:
        channels = [float(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_field_and_button_edges_stand_out(open_page: OpenPage, site_url: str, scheme: str) -> None:
    """1.4.11 Non-text contrast: the search page's field is as light as the page, so its edge is
    all that shows where to type; it had 1.5:1 (light) and 1.9:1 (dark), too faint."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(site_url + "en/search/?q=partnership")  # more than five results: the button shows
        wait_for_search_results(page)
        page.evaluate("document.activeElement.blur()")
        for selector in (".pagefind-ui__search-input", ".pagefind-ui__button"):
            border = page.locator(selector).first.evaluate("e => getComputedStyle(e).borderTopColor")
            edge = _contrast(border, page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
            assert edge >= 3, f"{selector}: its edge has {edge:.2f}:1 against the page in {scheme} mode"
    finally:
        page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("width", [*PHONES, 1280])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_grow_with_the_text(open_page: OpenPage, site_url: str, lang: str, width: int) -> None:
    """1.4.4: Pagefind sizes its interface in pixels, so that at 200 % text the typed words,
    the count and the results kept their size, and the "Clear" button, grown with the text,
    hung out of the field it sits in."""
    page = open_page(locale=LOCALES[lang], width=width, height=PHONE_HEIGHT)
    query = {"ja": "神奈川"}.get(lang, "Kanagawa")
    parts = (".pagefind-ui__search-input", ".pagefind-ui__message", ".pagefind-ui__result-title")
    sizes = []
    for text in ("100%", "200%"):
        page.goto(site_url + f"{lang}/search/?q={query}")
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        wait_for_search_results(page)
        size = "e => parseFloat(getComputedStyle(e).fontSize)"
        sizes.append([page.locator(part).first.evaluate(size) for part in parts])
    small = [part for part, normal, large in zip(parts, *sizes, strict=True) if large < 1.9 * normal]
    assert not small, f"at 200 % text these kept their size: {small} ({sizes[0]} → {sizes[1]} px)"
    field = page.locator(".pagefind-ui__search-input").bounding_box()
    clear = page.locator(".pagefind-ui__search-clear").bounding_box()
    assert field and clear
    assert clear["y"] + clear["height"] <= field["y"] + field["height"] + 0.5, f"Clear {clear} hangs out of {field}"


def _label_shown(page: Page, link: str) -> bool:
    return page.locator(link + " .map-label").evaluate("e => getComputedStyle(e).opacity") == "1"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_map_name_stays_while_the_pointer_moves_onto_it(open_page: OpenPage, site_url: str, lang: str) -> None:
    """1.4.13 Content on hover (hoverable): the name vanished 13 px above its dot, before the
    pointer reached it, and where it lay over another dot, that dot's link took the pointer."""
    page = open_page(locale=LOCALES[lang], width=1280, height=800, fresh=True)
    page.goto(site_url + f"{lang}/partners/")
    markers = page.locator(".map-marker a")
    assert markers.count() >= 10
    for index in range(markers.count()):
        link = f".map-marker:nth-child({index + 1}) a"
        dot = page.locator(link + " .target").bounding_box()
        label = page.locator(link + " .map-label").bounding_box()
        assert dot and label
        x, y = dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2
        # Straight up to the name's middle height, then along it to its middle.
        goal_x, goal_y = label["x"] + label["width"] / 2, label["y"] + label["height"] / 2
        path = [(x, y + (goal_y - y) * step / 8) for step in range(9)]
        path += [(x + (goal_x - x) * step / 6, goal_y) for step in range(1, 7)]
        for px, py in path:
            page.mouse.move(px, py)
            assert _label_shown(page, link), (
                f"{markers.nth(index).text_content()}: the name vanished at {px - x:.0f}, {py - y:.0f}"
            )
        page.mouse.move(2, 2)


def test_escape_hides_a_map_name_until_pointer_and_focus_leave(open_page: OpenPage, site_url: str) -> None:
    """1.4.13 (dismissible): a shown name covers other dots (Jiangsu's covers Kanagawa's), so
    Escape hides it without moving the pointer or the focus; it shows again the next time."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800, fresh=True)
    page.goto(site_url + "en/partners/")
    jiangsu = page.locator('.map-marker a[href$="/en/partners/jiangsu/"]')
    selector = '.map-marker a[href$="/en/partners/jiangsu/"]'
    dot = jiangsu.locator(".target").bounding_box()
    assert dot
    page.mouse.move(dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    assert _label_shown(page, selector)
    page.keyboard.press("Escape")
    assert not _label_shown(page, selector)
    page.mouse.move(2, 2)
    page.mouse.move(dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    assert _label_shown(page, selector), "hovered again, the name shows again"
    page.mouse.move(2, 2)
    jiangsu.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard, so that :focus-visible applies
    expect(jiangsu).to_be_focused()
    assert _label_shown(page, selector)
    page.keyboard.press("Escape")
    expect(jiangsu).to_be_focused()
    assert not _label_shown(page, selector)
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert _label_shown(page, selector), "focused again, the name shows again"
