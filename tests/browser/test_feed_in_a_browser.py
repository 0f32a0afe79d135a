"""A feed opened in a browser, as a reader who follows the footer's feed link does: Chromium
shows the feed's title, what a feed is in the feed's language, and each entry's date and
title linked to its page, instead of the XML's tree; on a phone without scrolling sideways, in
light and dark at AA contrast."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Page, Route

from .conftest import LANGUAGES, LOCALES, OpenPage

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://international.baden-wuerttemberg.example/"
NOTICES = {
    "de": "Diese Seite ist ein Newsfeed",
    "ja": "このページは、プレスリリースのフィード",
    "en": "This page is a news feed",
}
DATES = {"de": "17. Juli 2024", "ja": "2024年7月17日", "en": "17 July 2024"}

CONTRASTS = """() => {
  const channel = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const backdrop = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (!colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const xhtml = 'http://www.w3.org/1999/xhtml', atom = 'http://www.w3.org/2005/Atom';
  const shown = [...document.getElementsByTagNameNS(xhtml, '*'), ...document.getElementsByTagNameNS(atom, 'summary')]
    .filter((element) => element.getClientRects().length && element.textContent.trim());
  return shown.map((element) => {
    const [a, b] = [luminance(getComputedStyle(element).color), luminance(backdrop(element))];
    return [element.localName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""


def served_from(site: Path):
    """Answer requests for the site's own host from the built site, as its host would."""

    def answer(route: Route) -> None:
        path = route.request.url.removeprefix(BASE).split("?")[0]
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        route.fulfill(path=str(file)) if file.is_file() else route.fulfill(status=404)

    return answer


def feed_entries(site: Path, lang: str) -> list[tuple[str, str]]:
    tree = ElementTree.parse(site / lang / "feed.xml")
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link[@rel='alternate']").get("href"))
        for entry in tree.getroot().iter(f"{ATOM}entry")
    ]


def opened(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.evaluate("document.fonts.ready.then(() => true)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_feed_opened_in_a_browser_says_what_it_is_and_links_its_releases(
    open_page: OpenPage, site_url: str, built_site: Path, lang: str
) -> None:
    page = open_page(locale=LOCALES[lang], width=1280, height=800)
    opened(page, f"{site_url}{lang}/feed.xml")
    xhtml = "http://www.w3.org/1999/xhtml"
    texts = page.evaluate(
        "(ns) => [...document.getElementsByTagNameNS(ns, '*')].filter(e => e.getClientRects().length)"
        ".map(e => [e.localName, e.textContent.trim(), e.getAttribute('href') || ''])",
        xhtml,
    )
    heading = next(text for name, text, _ in texts if name == "h1")
    root = ElementTree.parse(built_site / lang / "feed.xml").getroot()
    assert heading == root.findtext(f"{ATOM}title")
    assert any(name == "p" and text.startswith(NOTICES[lang]) for name, text, _ in texts), texts
    home = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    links = [(text, href) for name, text, href in texts if name == "a" and href != home]
    assert links == feed_entries(built_site, lang)  # every entry, its title linked to its page
    assert any(name == "time" and text.replace("\u00a0", " ") == DATES[lang] for name, text, _ in texts), texts
    # The XML's own tree, which Chromium shows a feed without a stylesheet as, is not there.
    assert "does not appear to have any style information" not in page.content()
    # Its first entry's link leads to the release's page in the feed's language.
    page.route(f"{BASE}**", served_from(built_site))
    page.locator("xpath=//*[local-name()='h2']/*[local-name()='a']").first.click()
    page.wait_for_load_state()
    assert page.url == links[0][1]
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").first.inner_text().replace("\n", "").replace("\u200b", "") == links[0][0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_feed_reads_on_a_phone_at_aa_contrast(open_page: OpenPage, site_url: str, lang: str, scheme: str) -> None:
    page = open_page(locale=LOCALES[lang], width=390, height=844)
    page.emulate_media(color_scheme=scheme)
    opened(page, f"{site_url}{lang}/topics/energy/feed.xml")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == ("rgb(18, 23, 28)" if scheme == "dark" else "rgb(255, 255, 255)")
    contrasts = page.evaluate(CONTRASTS)
    assert contrasts and all(ratio >= 4.5 for _, ratio in contrasts), contrasts
    page.emulate_media(color_scheme="light")
