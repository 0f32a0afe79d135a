"""The site as a screen-reader or keyboard-only reader meets it, where axe-core sees nothing wrong:
what is announced, what a page is called, where focus goes. Each test names the WCAG 2.2
criterion it guards."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, LOCALES, OpenPage

SEARCHED = {"de": "Kanagawa", "ja": "神奈川", "en": "Kanagawa"}
NOWHERE = "Zyxwvutsrq"
STATUS = "#search-status"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_are_announced_as_they_change(open_page: OpenPage, site_url: str, lang: str) -> None:
    """4.1.3 Status messages: typing into the search field showed "5 results for “Kanagawa”" but a
    screen reader said nothing, so a blind reader could not tell whether anything was found. A
    polite live region, there from the start, now repeats each count."""
    page = open_page(locale=LOCALES[lang], width=1280, height=800)
    page.goto(f"{site_url}{lang}/")
    header_field = page.locator("#header-search-q")
    header_field.focus()
    page.keyboard.type(SEARCHED[lang])
    page.keyboard.press("Enter")
    message = page.locator(".pagefind-ui__message")
    expect(message).not_to_be_empty(timeout=15000)
    status = page.locator(STATUS)
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(message.inner_text())
    field = page.locator(".pagefind-ui__search-input")
    expect(field).to_be_focused()
    field.press("Control+a")
    page.keyboard.type(NOWHERE)
    expect(message).to_contain_text(NOWHERE)
    expect(status).to_have_text(message.inner_text())
    # The region is heard, not seen, and in the accessibility tree (not display: none).
    assert page.locator(STATUS).evaluate("e => e.checkVisibility() && e.getBoundingClientRect().width <= 1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_calls_its_search_as_the_header_does(open_page: OpenPage, site_url: str, lang: str) -> None:
    """3.2.4 Consistent identification, and 2.4.4: the search page's landmark was named in
    Pagefind's words ("Suche diese Seite", "このサイトを検索") where the header's field says the
    site's ("Diese Website durchsuchen", "サイト内検索"); a sub-result's link began with the arrow
    drawn before it ("⤷ Stimmen zur Unterzeichnung"), which a screen reader reads out or stumbles on."""
    page = open_page(locale=LOCALES[lang], width=1280, height=800)
    page.goto(f"{site_url}{lang}/search/?q={SEARCHED[lang]}")
    page.locator(".pagefind-ui__result-nested").first.wait_for(timeout=15000)
    label = page.locator("label[for=header-search-q]").inner_text()
    expect(page.get_by_role("search", name=label, exact=True)).to_have_count(1)
    expect(page.locator("#search").get_by_role("search")).to_have_accessible_name(label)
    nested = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link").first
    name = nested.evaluate("e => e.textContent.trim()")
    expect(nested).to_have_accessible_name(name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_escape_closes_the_phone_menu_and_gives_focus_back_to_its_button(
    open_page: OpenPage, site_url: str, lang: str
) -> None:
    """2.1.1 Keyboard, as a keyboard user expects a menu to behave: the phone's opened menu
    stayed open on Escape, its list of links and search between the button and the page. Escape
    now closes it from any of its links or its empty field and puts focus back on the button;
    in a field with words in it, Escape only empties the field."""
    page = open_page(locale=LOCALES[lang], width=390, height=844, fresh=True)
    page.goto(f"{site_url}{lang}/")
    menu, button = page.locator(".menu"), page.locator(".menu > summary")
    for steps in (2, 6):  # the second link, the empty search field
        button.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("open", "")
        for _ in range(steps):
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.querySelector('.menu').contains(document.activeElement)")
        page.keyboard.press("Escape")
        expect(menu).not_to_have_attribute("open", "")
        expect(button).to_be_focused()
    page.keyboard.press("Enter")
    field = page.locator("#menu-search-q")
    field.focus()
    page.keyboard.type("Kanagawa")
    page.keyboard.press("Escape")
    expect(field).to_have_value("")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(button).to_be_focused()


def test_escape_leaves_the_desktop_navigation_alone(open_page: OpenPage, site_url: str) -> None:
    """On a wide screen the menu is a plain row of links: Escape neither hides it nor moves focus."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800, fresh=True)
    page.goto(f"{site_url}en/")
    link = page.locator(".site-nav a").nth(1)
    link.focus()
    page.keyboard.press("Escape")
    expect(link).to_be_focused()
    expect(link).to_be_visible()


def test_the_root_404_says_in_its_title_that_the_page_was_not_found(open_page: OpenPage, site_url: str) -> None:
    """2.4.2 Page titled: an address outside every language (``/no-such-page``) answered with a
    page titled as the language chooser is, so the first thing a screen reader said of it was
    the site's name; only the cards further down said that the page does not exist. Its title
    now says so first, in every language, as each language's own 404 page calls itself."""
    page = open_page(locale=LOCALES["en"], width=1280, height=800)
    said = []
    for lang in LANGUAGES:
        page.goto(f"{site_url}{lang}/no-such-page/")
        said.append(page.title().split(" | ")[0])
    response = page.goto(f"{site_url}no-such-page")
    assert response is not None and response.status == 404
    title = page.title()
    assert title.startswith(" · ".join(said)), f"the root 404 is titled {title!r}"
    page.goto(site_url)
    assert not any(words in page.title() for words in said), "the language chooser is no 404"


NEAREST_HEADING = """(link) => {
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const before = headings.filter(h => h.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before.length ? before[before.length - 1].textContent.trim() : '';
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_share_links_sit_under_a_heading_that_says_they_share(open_page: OpenPage, site_url: str, lang: str) -> None:
    """2.4.4 Link purpose (in context) and 2.4.6: the share links are named "Email", "X", "LINE";
    the nearest heading before them was "Press contact", so a screen reader user moving by
    headings heard "Email" as the way to write to the press office. The labels "Link to this
    page" and "Share" are headings now, and each share link lies under its own."""
    page = open_page(locale=LOCALES[lang], width=1280, height=800)
    page.goto(f"{site_url}{lang}/")
    page.locator(".card-title a").first.click()
    share = page.locator(".share")
    label = share.locator(".aside-label").inner_text()
    expect(share.get_by_role("heading", name=label, exact=True)).to_have_count(1)
    links = share.locator(".share-links a")
    assert links.count() >= 3
    for index in range(links.count()):
        assert links.nth(index).evaluate(NEAREST_HEADING) == label
    permalink = page.locator(".permalink-block")
    label = permalink.locator(".aside-label").inner_text()
    expect(permalink.get_by_role("heading", name=label, exact=True)).to_have_count(1)
    assert page.locator(".permalink").evaluate(NEAREST_HEADING) == label
