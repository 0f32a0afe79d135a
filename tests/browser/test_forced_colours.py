"""Forced colours (Windows contrast themes), emulated in Chromium: the browser paints every text,
background and border in the theme's few colours and drops backgrounds, gradients and shadows.
What the theme drew that way must still show: icons, the map's key, and which menu item and
page number is the current one."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator

import pytest
from PIL import Image
from playwright.sync_api import Page

from .conftest import LANGUAGES, LOCALES, OpenPage, serve_small_site
from .test_search import ONE_PER_PAGE

SCHEMES = ("light", "dark")


def _forced(open_page: OpenPage, lang: str, width: int, scheme: str) -> Page:
    page = open_page(locale=LOCALES[lang], width=width, height=844, fresh=True)
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    return page


def _picture(page: Page, clip: dict[str, float]) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")


def _has_a_line(picture: Image.Image) -> bool:
    """Whether a row of the picture is a line drawn across most of its width (under words, or
    the top of a rounded frame) in one colour but its top left pixel's (the background's): a row
    through words, even a dense German one, has their colour in the strokes only, and shades of
    it between them."""
    background = picture.getpixel((0, 0))
    width, height = picture.size
    for y in range(height):
        row = Counter(picture.getpixel((x, y)) for x in range(width))
        row.pop(background, None)
        if row and row.most_common(1)[0][1] >= 0.7 * width:
            return True
    return False


@pytest.mark.parametrize("opened", [False, True])
def test_menu_button_keeps_its_icon_in_forced_colours(open_page: OpenPage, site_url: str, opened: bool) -> None:
    """Forced colours drop gradients: the menu's three bars lost the middle one, and the cross
    of the opened menu vanished. The icon is drawn in its word's colour."""
    page = _forced(open_page, "en", 390, "light")
    page.goto(site_url + "en/")
    if opened:
        page.click(".menu > summary")
    summary = page.locator(".menu > summary")
    icon = summary.evaluate("e => getComputedStyle(e, '::before').backgroundImage")
    word = summary.evaluate("e => getComputedStyle(e).color")
    assert "gradient" in icon and word in icon, f"the icon is {icon}, its word {word}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_fields_magnifier_stays_in_forced_colours(open_page: OpenPage, site_url: str, scheme: str) -> None:
    """The search page's magnifier, a background shown through a mask, was painted over in the
    window's colour and vanished from its field. It is drawn in the field's text colour."""
    page = _forced(open_page, "en", 390, scheme)
    page.goto(site_url + "en/search/")
    field = page.locator(".pagefind-ui__search-input").bounding_box()
    assert field
    # The magnifier sits in the field's left padding, where no text is.
    clip = {"x": field["x"] + 8, "y": field["y"] + 8, "width": 28, "height": field["height"] - 16}
    colours = _picture(page, clip).getcolors(maxcolors=4096) or []
    assert len(colours) > 1, f"the field's left end is one colour only in {scheme} forced colours: no magnifier"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_locator_maps_key_keeps_its_symbols_in_forced_colours(
    open_page: OpenPage, site_url: str, lang: str, scheme: str
) -> None:
    """The key under a partner's map names the dot and the diamond drawn on it: drawn as
    backgrounds, both were painted over, and the key named two symbols the map showed without
    saying which was which. They keep the map's colours, as the map does."""
    page = _forced(open_page, lang, 1280, scheme)
    page.goto(site_url + f"{lang}/partners/kanagawa/")
    keys = page.locator(".map-key .key")
    assert keys.count() == 2
    for key in keys.all():
        key.scroll_into_view_if_needed()
        box = key.bounding_box()
        assert box
        # The symbol stands before the name, in the key's first 16 px.
        colours = _picture(page, {"x": box["x"], "y": box["y"], "width": 16, "height": box["height"]}).getcolors()
        assert colours and len(colours) > 1, f"{key.inner_text()!r} has no symbol in {scheme} forced colours"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_current_menu_item_stays_marked_in_forced_colours(
    open_page: OpenPage, site_url: str, lang: str, width: int, scheme: str
) -> None:
    """The bar under (on a phone, beside) the current menu item is a shadow: forced colours
    dropped it, and nothing told the item from the other links. It is underlined there, as the
    current language is."""
    page = _forced(open_page, lang, width, scheme)
    page.goto(site_url + f"{lang}/releases/")
    if width < 768:
        page.click(".menu > summary")
    current = page.locator('.site-nav a[aria-current="page"]')
    box, words = (
        current.bounding_box(),
        current.evaluate(
            "a => { const r = document.createRange(); r.selectNodeContents(a); const b = r.getBoundingClientRect();"
            " return {x: b.left, width: b.width}; }"
        ),
    )
    assert box
    # Inside the link's box: the border under the menu (on a phone, under each item) is a line too.
    clip = {"x": words["x"], "y": box["y"] + 1, "width": words["width"], "height": box["height"] - 2}
    assert _has_a_line(_picture(page, clip)), f"the current menu item is unmarked at {width} px ({scheme})"


@pytest.fixture(scope="module")
def pages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two releases, one to a page: a list of two pages."""
    with serve_small_site(tmp_path_factory.mktemp("pages"), ONE_PER_PAGE) as url:
        yield url


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_current_page_number_stays_marked_in_forced_colours(
    open_page: OpenPage, pages_url: str, width: int, scheme: str
) -> None:
    """The current page number is a filled box: forced colours dropped its fill, and it stood as
    plain text among the other numbers. It is framed there."""
    page = _forced(open_page, "de", width, scheme)
    page.goto(pages_url + "de/releases/page/2/")
    number = page.locator('.pager [aria-current="page"]')
    number.scroll_into_view_if_needed()
    box = number.bounding_box()
    assert box
    clip = {"x": box["x"] - 2, "y": box["y"] - 2, "width": box["width"] + 4, "height": box["height"] + 4}
    assert _has_a_line(_picture(page, clip)), f"the current page number is unmarked at {width} px ({scheme})"


def _differs(colour: tuple[int, int, int], background: tuple[int, int, int]) -> bool:
    return sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 96


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timelines_dots_stay_in_forced_colours(
    open_page: OpenPage, site_url: str, lang: str, width: int, scheme: str
) -> None:
    """Each entry of the partners' timeline has a dot on the timeline's line, a background:
    forced colours painted it over, and only the thin line was left, past entries it no longer
    marked. The dot is drawn in the text's colour."""
    page = _forced(open_page, lang, width, scheme)
    page.goto(site_url + f"{lang}/partners/")
    entries = page.locator(".timeline li")
    assert entries.count() > 1
    for entry in (entries.first, entries.last):
        entry.scroll_into_view_if_needed()
        dot = entry.evaluate(
            "li => { const b = li.getBoundingClientRect(), s = getComputedStyle(li, '::before');"
            " return {x: b.left + parseFloat(s.left), y: b.top + parseFloat(s.top),"
            " width: parseFloat(s.width), height: parseFloat(s.height)}; }"
        )
        picture = _picture(page, dot)
        # The dot's corners are outside its circle; across its middle it is wider than the
        # 3 px line it sits on, which forced colours keep.
        background = picture.getpixel((0, 0))
        middle = picture.height // 2
        drawn = sum(_differs(picture.getpixel((x, middle)), background) for x in range(picture.width))
        assert drawn >= 0.6 * picture.width, (
            f"{entry.inner_text()!r}: no dot on the timeline in {scheme} forced colours at {width} px"
            f" ({drawn} of {picture.width} px across its middle drawn)"
        )
