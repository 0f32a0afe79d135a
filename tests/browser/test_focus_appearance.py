"""The focus indicator of a link that wraps, measured in Chromium's pixels (WCAG 2.4.7, and the
contrast of 2.4.13 as its measure): every line of the link is marked alike, with a change of at
least 3:1 between its focused and unfocused pixels along the line's edges, in light and dark."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page

from .conftest import LOCALES, OpenPage

# (language, width, page, link): links that wrap onto two or more lines.
WRAPPED_LINKS = [
    ("de", 320, "de/topics/research/", ".footer-feeds li:nth-child(2) a"),  # the topic's feed, in the footer
    ("de", 390, "de/releases/", ".card-title a"),  # a release list on a phone
    ("ja", 390, "ja/releases/", ".card-title a"),  # Japanese: lines closer than their fonts' boxes
]


def _luminance(pixel: tuple[int, ...]) -> float:
    def linear(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in pixel[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _changed(focused: Image.Image, unfocused: Image.Image, points: list[tuple[int, int]]) -> bool:
    """Whether the focus changed one of these pixels by 3:1 or more."""
    return any(_contrast(focused.getpixel(point), unfocused.getpixel(point)) >= 3 for point in points)


def _shot(page: Page) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("lang", "width", "path", "selector"), WRAPPED_LINKS)
def test_a_wrapped_link_is_marked_on_every_line_when_focused(
    open_page: OpenPage, site_url: str, scheme: str, lang: str, width: int, path: str, selector: str
) -> None:
    """Under the band of a focused link a dark bar was drawn, which the next line's band painted
    over: one line had it and the other not, or only part of it. Each line's start and end, and
    the link's top and bottom, must now change by 3:1 on focus."""
    page = open_page(locale=LOCALES[lang], width=width, height=844, fresh=True)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    link = page.locator(selector).first
    link.scroll_into_view_if_needed()
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard, so that :focus-visible applies
    assert link.evaluate("a => a === document.activeElement && a.matches(':focus-visible')")
    lines = link.evaluate("a => [...a.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom])")
    assert len(lines) >= 2, f"{selector} on {path} should wrap at {width} px"
    focused = _shot(page)
    link.evaluate("a => a.blur()")
    unfocused = _shot(page)
    unmarked = []
    for number, (left, top, right, bottom) in enumerate(lines, 1):
        rows = range(round(top + (bottom - top) * 0.3), round(top + (bottom - top) * 0.7) + 1)
        for side, edge in (("start", round(left)), ("end", round(right) - 1)):
            band = range(edge - 3, edge + 2) if side == "start" else range(edge - 1, edge + 4)
            if not all(_changed(focused, unfocused, [(x, y) for x in band]) for y in rows):
                unmarked.append(f"line {number} at its {side}")
    first, last = lines[0], lines[-1]
    for name, (left, right, edge) in {
        "top": (first[0], first[2], first[1]),
        "bottom": (last[0], last[2], last[3]),
    }.items():
        band = range(round(edge) - 3, round(edge) + 3)
        columns = range(round(left) + 2, round(right) - 2)
        if not all(_changed(focused, unfocused, [(x, y) for y in band]) for x in columns):
            unmarked.append(f"the link's {name}")
    assert not unmarked, f"{scheme}, {width} px, {path}: focus unmarked at {', '.join(unmarked)}"
