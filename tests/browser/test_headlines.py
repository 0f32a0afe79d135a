"""Headlines as Chromium sets them, from the narrowest phone to a desktop: never a word alone on
the last line, and the state's name not parted at its hyphen ("Baden- / Württemberg") where the
line has room for it whole, yet never running past the screen where it has not."""

from __future__ import annotations

from itertools import pairwise

import pytest

from .conftest import OpenPage, bundled_releases
from .test_beyond_axe import TEXT_200
from .test_japanese_typography import characters, lines

WIDTHS = (*range(320, 441, 6), 600, 768, 1024, 1280)
JETRO = next(release for release in bundled_releases() if release.key == "2015/jetro-cluster-partnerships")
KANAGAWA = next(release for release in bundled_releases() if release.key == "2024/kanagawa-declaration")
HEADLINES = [
    ("en-US", JETRO.urls["en"], "h1"),  # "JETRO chooses Baden- / Württemberg clusters …"
    ("de-DE", KANAGAWA.urls["de"], "h1"),
    ("de-DE", "/de/", "h1, .card-title"),
    ("en-US", "/en/", "h1, .card-title"),
]
# The width of the name with what touches it up to the spaces around it ("Baden-Württemberg:",
# "Baden-Württemberg – " with its no-break space) set on one line in the element's font, and the
# width of the element's lines.
ROOM = """el => {
    const probe = document.createElement('span'), token = /[^ \\t\\n]*Baden-Württemberg[^ \\t\\n]*/;
    probe.style.whiteSpace = 'nowrap'; probe.textContent = (el.textContent.match(token) || [''])[0];
    el.append(probe);
    const name = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(el);
    return [name, el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
}"""


@pytest.mark.parametrize("text", ["100%", "200%"])
@pytest.mark.parametrize(("locale", "path", "selector"), HEADLINES)
def test_the_states_name_is_parted_only_where_its_line_is_too_short(
    open_page: OpenPage, site_url: str, locale: str, path: str, selector: str, text: str
) -> None:
    parted, overflowing = [], []
    page = open_page(locale=locale, width=WIDTHS[0])
    page.goto(site_url + path.lstrip("/"))
    if text == "200%":
        page.evaluate(TEXT_200)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        rooms = page.locator(selector).evaluate_all(f"all => all.map({ROOM})")
        for found, (name, room) in zip(characters(page, selector), rooms, strict=True):
            set_lines = lines(found)
            broken = any(a.endswith("Baden-") and b.startswith("Württemberg") for a, b in pairwise(set_lines))
            dash = [line for line in set_lines[1:] if line.lstrip("\xa0")[:1] in "–:"]
            assert not dash, f"{width} px: a line begins with a dash or colon: {' | '.join(set_lines)}"
            if broken and name < room - 1:
                parted.append(f"{width} px: {' | '.join(set_lines)}")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            overflowing.append(f"{width} px")
    assert not parted, f"the name parted where its line had room for it: {parted}"
    assert not overflowing, f"the page runs past the screen at {overflowing}"


@pytest.mark.parametrize(
    ("locale", "path", "selector"), [*HEADLINES[:2], ("de-DE", "/de/", ".card-title"), ("en-US", "/en/", ".card-title")]
)
def test_no_headline_leaves_a_word_alone_on_its_last_line(
    open_page: OpenPage, site_url: str, locale: str, path: str, selector: str
) -> None:
    """Filled in turn, the JETRO release's title ended "… for the first / time"."""
    alone = []
    page = open_page(locale=locale, width=WIDTHS[0])
    page.goto(site_url + path.lstrip("/"))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for found in characters(page, selector):
            set_lines = lines(found)
            if len(set_lines) > 1 and len(set_lines[-1].split()) == 1:
                alone.append(f"{width} px: {' | '.join(set_lines)}")
    assert not alone, f"a word alone on a headline's last line: {alone}"
