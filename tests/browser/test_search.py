"""Search: a reader types a place name into the Pagefind UI on ``/<lang>/search/`` and finds its releases."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from ..conftest import KANAGAWA, TOPICS
from .conftest import LOCALES, OpenPage, bundled_releases, serve_small_site, wait_for_search_results

INPUT = ".pagefind-ui__search-input"
RESULT_LINK = ".pagefind-ui__result-link"
LOAD_MORE = ".pagefind-ui__button"


def _require_search(site: Path, lang: str) -> None:
    bundle = site / "pagefind"
    if not (bundle.is_dir() or (site / lang / "pagefind").is_dir()):
        pytest.skip("search not built yet")


def _search(page: Page, site_url: str, lang: str, query: str) -> set[str]:
    """Type ``query`` as a reader would; the paths of every result, all pages of results loaded."""
    response = page.goto(f"{site_url}{lang}/search/")
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", lang)
    field = page.locator(INPUT)
    expect(field).to_be_visible()
    field.press_sequentially(query, delay=20)
    expect(page.locator(RESULT_LINK).first).to_be_visible()
    more = page.locator(LOAD_MORE)
    for _ in range(20):  # bounded: Pagefind shows five more results per click
        if not more.is_visible():
            break
        count = page.locator(RESULT_LINK).count()
        more.click()
        expect(page.locator(RESULT_LINK)).not_to_have_count(count)
    wait_for_search_results(page)
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(link => link.href)")
    return {urlsplit(href).path for href in hrefs}


@pytest.mark.parametrize(
    ("lang", "query", "mentions"),
    [
        pytest.param("ja", "北九州", "北九州", id="ja-kitakyushu"),
        pytest.param("de", "Kanagawa", "Kanagawa", id="de-kanagawa"),
    ],
)
def test_search_finds_the_releases_that_mention_a_place(
    open_page: OpenPage, built_site: Path, site_url: str, lang: str, query: str, mentions: str
) -> None:
    _require_search(built_site, lang)
    expected = {release.urls[lang] for release in bundled_releases(mentions, lang)}
    assert expected, f"no bundled {lang} release mentions {mentions}"
    page = open_page(locale=LOCALES[lang])
    found = _search(page, site_url, lang, query)
    assert expected <= found, f"missing from the results: {sorted(expected - found)}; results: {sorted(found)}"
    # The search speaks the reader's language: results are pages in that language.
    assert all(path.startswith(f"/{lang}/") for path in found), sorted(found)


RESULT = ".pagefind-ui__result"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DECLARATION = "2024/kanagawa-declaration"
"""A release in all three languages, published 2024-07-17, listed on the partner page of Kanagawa."""
PLACE = {"de": "Kanagawa", "ja": "神奈川", "en": "Kanagawa"}
WORDS = re.compile(r"[^\W\d_]{6,}|[\u3041-\u30ff\u4e00-\u9fff]{2,4}")
"""Words to search for: Latin words of six letters or more, runs of two to four Japanese characters."""


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_result_metadata_speaks_the_readers_language(
    open_page: OpenPage, built_site: Path, site_url: str, artifacts: Path, lang: str
) -> None:
    _require_search(built_site, lang)
    release = next(release for release in bundled_releases() if release.key == DECLARATION)
    page = open_page(locale=LOCALES[lang], fresh=True)
    page.goto(f"{site_url}{release.urls[lang].lstrip('/')}")
    kind = (page.locator(".release .kind").text_content() or "").strip()  # as written, not as styled
    shown_date = page.locator(".release-header time").inner_text().strip()  # its dateline has one too
    reading_time = page.locator(".release-aside dd.reading-time").inner_text().strip()
    credit = page.locator(".lead-image .credit").inner_text().strip()
    page.goto(f"{site_url}{lang}/partners/kanagawa/")
    fact_labels = page.locator(".facts dt").all_inner_texts()
    own_text = " ".join([page.locator("h1").inner_text(), page.locator(".lead").inner_text()]).casefold()
    listed = " ".join(page.locator(".card").all_inner_texts())
    only_listed = next(word for word in WORDS.findall(listed) if word.casefold() not in own_text)
    assert not ISO_DATE.search(shown_date), shown_date  # the page's own date, formatted by Babel at build time

    found = _search(page, site_url, lang, PLACE[lang])
    assert release.urls[lang] in found and f"/{lang}/partners/kanagawa/" in found, sorted(found)
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            target = artifacts / "screenshots" / f"{lang}-search-results-{width}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True, animations="disabled")
    page.set_viewport_size({"width": 1280, "height": 800})
    result = page.locator(RESULT).filter(has=page.locator(f'{RESULT_LINK}[href="{release.urls[lang]}"]'))
    # The date as the release page shows it, under this language's word for a press release.
    tag = result.locator(".pagefind-ui__result-tag")
    expect(tag).to_have_count(1)
    colon = "：" if lang == "ja" else ": "  # Japanese takes a full-width colon, without a space
    # Pagefind turns no-break spaces into spaces.
    assert tag.inner_text().split() == f"{kind}{colon}{shown_date}".split()
    texts = page.locator(RESULT).all_inner_texts()
    for text in texts:
        assert not ISO_DATE.search(text), text
        assert "Date:" not in text, text
        assert reading_time not in text, text
        assert credit not in text, text  # the lead picture's credit is no word of the release
    for excerpt in page.locator(".pagefind-ui__result-excerpt").all_inner_texts():
        assert not excerpt.lstrip().startswith("·"), excerpt
    # No page's excerpt repeats its title: it stood first in the indexed text, and the matches in it
    # filled the excerpt, forty characters in Japanese, before the text said anything new. (Its
    # sections' excerpts below it are cut from their own text.)
    for each in page.locator(RESULT).all():
        title = each.locator(MAIN_RESULT_LINK).inner_text().strip()
        tail = _title_tail(title, lang)
        for excerpt in each.locator(".pagefind-ui__result-inner > .pagefind-ui__result-excerpt").all_inner_texts():
            assert not tail or tail not in excerpt, (title, excerpt)
    # The partner page matches by its name and summary; its facts and release list are not indexed.
    partner = page.locator(RESULT).filter(has=page.locator(f'{RESULT_LINK}[href="/{lang}/partners/kanagawa/"]'))
    partner_text = partner.inner_text()
    assert all(label.strip() not in partner_text for label in fact_labels), (fact_labels, partner_text)
    # A word that stands on the partner page only in its list of releases finds the releases, not the partner.
    assert f"/{lang}/partners/kanagawa/" not in _search(page, site_url, lang, only_listed), only_listed


def _title_tail(title: str, lang: str) -> str:
    """The second half of a long title (its words, or characters in Japanese), which a page's text
    does not repeat by chance; empty for a short one ("Präfektur Kanagawa")."""
    if lang == "ja":
        return title[len(title) // 2 :] if len(title) >= 16 else ""
    words = title.split()
    return " ".join(words[len(words) // 2 :]) if len(words) >= 4 else ""


def test_a_page_found_by_its_title_alone_shows_its_opening_words(
    open_page: OpenPage, built_site: Path, site_url: str
) -> None:
    """Titles are searched as metadata, out of the indexed text: a German reader's search for
    Kanagawa's own name (in the partner page's heading only) found the page with no excerpt."""
    _require_search(built_site, "de")
    page = open_page(locale=LOCALES["de"])
    assert "/de/partners/kanagawa/" in _search(page, site_url, "de", "神奈川県")
    result = page.locator(RESULT).filter(has=page.locator(f'{RESULT_LINK}[href="/de/partners/kanagawa/"]'))
    excerpt = result.locator(".pagefind-ui__result-excerpt")
    expect(excerpt).to_have_count(1)
    shown = excerpt.inner_text()
    page.goto(f"{site_url}de/partners/kanagawa/")
    lead = " ".join(page.locator(".partner-intro .lead").inner_text().split()[:4])
    assert shown.startswith(lead), (shown, lead)


def test_a_search_form_elsewhere_sends_its_words_to_the_search_page(
    open_page: OpenPage, built_site: Path, site_url: str
) -> None:
    _require_search(built_site, "ja")
    page = open_page(locale=LOCALES["ja"])
    page.goto(f"{site_url}ja/search/?q=未病")
    expect(page.locator(INPUT)).to_have_value("未病")
    expect(page.locator(RESULT_LINK).first).to_be_visible()
    found = {urlsplit(href).path for href in page.locator(RESULT_LINK).evaluate_all("ls => ls.map(l => l.href)")}
    expected = {release.urls["ja"] for release in bundled_releases("未病", "ja")}
    assert expected and expected <= found, sorted(found)


MAIN_RESULT_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"
JAPANESE_PAIR_SPACED = re.compile("(?=([\u3041-\u30ff\u4e00-\u9fff] [\u3041-\u30ff\u4e00-\u9fff]))")


def _reads_as_part_of(excerpt: str, text: str) -> bool:
    """Whether ``excerpt`` is a passage of ``text`` (a page's text as Chromium renders it), with a
    space exactly where ``text`` has one.

    Where one block of the page ends and the next begins (a line break or a table cell's tab in
    ``text``), Pagefind adds a full stop (left out on both sides) and a space, which the search
    page takes out next to Japanese, or shows as ／ after it."""
    text = re.sub(r" *([\n\t]) *", r"\1", re.sub(r"[^\S\n\t]+", " ", text)).replace(".", "")
    words = excerpt.strip(" …").replace(".", "").split()

    def character(c: str) -> str:
        return rf"(?:{c}|(?=[\n\t]|$))" if c in "。／" else re.escape(c)

    passage = r"\s+".join(r"[\n\t]*".join(map(character, word)) for word in words)
    return re.search(passage, text) is not None


def test_japanese_results_read_as_their_pages_do(open_page: OpenPage, built_site: Path, site_url: str) -> None:
    """The indexer reads Japanese with a space between every two characters; readers see the text as
    the page has it: the same characters, and a space between two Japanese ones only where the page
    has one itself (as in the site's name, バーデン＝ヴュルテンベルク州 国際交流ニュース)."""
    _require_search(built_site, "ja")
    page = open_page(locale=LOCALES["ja"])
    _search(page, site_url, "ja", "国際交流ニュース")
    shown = page.locator(".pagefind-ui__result-inner").evaluate_all(
        """results => results.map(result => [
            result.querySelector('.pagefind-ui__result-link').href,
            result.querySelector('.pagefind-ui__result-link').innerText,
            result.querySelector('.pagefind-ui__result-excerpt').innerText,
        ])"""
    )
    assert len(shown) >= 2, shown
    assert any("州 国際交流ニュース" in excerpt for _, _, excerpt in shown), shown
    for href, title, excerpt in shown:
        page.goto(href)
        assert title.strip() == page.locator("h1").first.inner_text().strip(), href
        text = page.locator("main").inner_text()
        assert _reads_as_part_of(excerpt, text), (href, excerpt)
        for pair in JAPANESE_PAIR_SPACED.findall(excerpt):
            assert pair in text, (href, pair, excerpt)


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        # No Japanese page writes Kanagawa in Latin letters; the map's file name, which a card's
        # thumbnail carries onto other pages, is no part of what a page says.
        pytest.param("ja", "Kanagawa", id="ja-latin-name"),
        pytest.param("en", "png", id="en-file-type"),
        pytest.param("de", "5786f05095", id="de-file-hash"),
    ],
)
def test_a_word_no_page_of_the_language_says_finds_nothing(
    open_page: OpenPage, built_site: Path, site_url: str, lang: str, query: str
) -> None:
    _require_search(built_site, lang)
    page = open_page(locale=LOCALES[lang])
    response = page.goto(f"{site_url}{lang}/search/")
    assert response is not None and response.status == 200
    zero = page.locator("#search").get_attribute("data-zero-results") or ""
    page.locator(INPUT).press_sequentially(query, delay=20)
    expect(page.locator(".pagefind-ui__message")).to_have_text(zero.replace("[SEARCH_TERM]", query))
    expect(page.locator(RESULT)).to_have_count(0)


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith("P")


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_a_highlight_marks_the_word_not_the_punctuation_beside_it(
    open_page: OpenPage, built_site: Path, site_url: str, lang: str
) -> None:
    """Pagefind highlights a whole word between spaces, with its full stop or comma ("Kanagawa.");
    the mark holds the word, and the punctuation stays in the excerpt beside it."""
    _require_search(built_site, lang)
    page = open_page(locale=LOCALES[lang])
    page.goto(f"{site_url}{lang}/search/?q={PLACE[lang]}")
    expect(page.locator(f"{RESULT} mark").first).to_be_visible()
    marks = page.locator(f"{RESULT} mark").evaluate_all(
        "marks => marks.map(mark => [mark.textContent, mark.nextSibling ? mark.nextSibling.textContent : ''])"
    )
    marked = {text for text, _ in marks}
    assert marked == {PLACE[lang]}, marked
    if lang != "ja":  # the case the bundled excerpts hold in German and English: a word before a full stop or comma
        assert any(after[:1] and _is_punctuation(after[0]) for _, after in marks), marks


# Per excerpt, each character of a part given (language, text) whose element is in another
# language: the part, the language it is shown in, and the excerpt.
PARTS_UNMARKED = """([excerpts, parts]) => excerpts.flatMap(excerpt => {
    const nodes = [], walker = document.createTreeWalker(excerpt, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const owner = [];
    for (const node of nodes) for (let i = 0; i < node.length; i++) owner.push(node.parentElement);
    const text = nodes.map(node => node.data).join("");
    const wrong = [];
    for (const [lang, part] of parts) {
        for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            const shown = [...new Set(owner.slice(at, at + part.length).map(e => e.closest("[lang]").lang))];
            if (shown.some(l => l !== lang)) wrong.push(`${part} (${lang}) shown as ${shown} in: ${text}`);
        }
    }
    return wrong;
})"""


@pytest.mark.parametrize(
    ("lang", "query"),
    [("de", "Kanagawa"), ("en", "Kanagawa"), ("ja", "vernetzt")],
)
def test_a_part_in_another_language_keeps_its_language_in_the_excerpts(
    open_page: OpenPage, built_site: Path, site_url: str, lang: str, query: str
) -> None:
    """The pages mark a word in another language (神奈川県 beside Präfektur Kanagawa, "Kanagawa
    Institute of Technology" in German, "High-Tech vernetzt sich" in Japanese) with ``lang``;
    Pagefind's excerpts are text only, and showed those words as the page's language, for
    browsers to draw and screen readers to read."""
    _require_search(built_site, lang)
    page = open_page(locale=LOCALES[lang])
    found = _search(page, site_url, lang, query)
    excerpts = page.locator(".pagefind-ui__result-excerpt")
    texts = " ".join(excerpts.all_text_contents())
    parts: set[tuple[str, str]] = set()
    reader = open_page(locale=LOCALES[lang], fresh=True)
    for path in sorted(found):
        reader.goto(site_url + path.lstrip("/"))
        marked = reader.locator(f"[data-pagefind-body] [lang]:not([lang|={lang}])").evaluate_all(
            "elements => elements.map(e => [e.lang, e.textContent.replace(/\\s+/g, ' ').trim()])"
        )
        parts |= {(part_lang, text) for part_lang, text in marked if text}
    shown = [part for part in parts if part[1] in texts]
    assert shown, f"no excerpt shows a part in another language: {sorted(parts)}"
    wrong = page.evaluate(PARTS_UNMARKED, [excerpts.element_handles(), [list(part) for part in shown]])
    assert not wrong, wrong


ONE_PER_PAGE = {
    "site.yaml": "per_page: 1\n",
    "content/topics.yaml": TOPICS,
    "content/partners/kanagawa.yaml": KANAGAWA,
    **{
        f"content/de/2024/{slug}.md": (
            f"---\ntitle: {title}\ndate: 2024-03-0{day}\npartners: [kanagawa]\ntopics: [energy]\n---\n\n{title}.\n"
        )
        for day, slug, title in ((1, "erste", "Erste Meldung"), (2, "zweite", "Zweite Meldung"))
    },
}


@pytest.fixture(scope="module")
def one_per_page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A partner with two releases, one to a page: its page and a second page of its older release."""
    with serve_small_site(tmp_path_factory.mktemp("one-per-page"), ONE_PER_PAGE) as url:
        yield url


def test_a_partner_with_pages_of_releases_is_one_result(open_page: OpenPage, one_per_page_url: str) -> None:
    """The partner's second page (its older releases) repeats its name and summary; it was a
    second result of the same name, a reader's click on it leading to a list of old releases."""
    page = open_page(locale=LOCALES["de"])
    response = page.goto(f"{one_per_page_url}de/partners/kanagawa/page/2/")
    assert response is not None and response.status == 200, "the partner should have a second page"
    found = _search(page, one_per_page_url, "de", "Kanagawa")
    assert found == {"/de/partners/kanagawa/"}, sorted(found)


UNAVAILABLE = [
    pytest.param("de", "Die Suche ist zurzeit nicht verfügbar.", "Archiv", "Archiv nach Jahren", id="de"),
    pytest.param("ja", "現在、検索はご利用いただけません。", "年別アーカイブ", "年別アーカイブ", id="ja"),
    pytest.param("en", "Search is not available at the moment.", "archive", "Archive by year", id="en"),
]


def _leads_to_the_archive_by_year(page: Page, link: Locator, lang: str, years: str) -> None:
    link.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/releases/#years-heading$"))
    heading = page.locator("#years-heading")
    expect(heading).to_have_text(years)
    expect(heading).to_be_in_viewport()
    expect(page.locator(f'.years a[href$="/{lang}/releases/2024/"]')).to_be_visible()


@pytest.mark.parametrize(("lang", "said", "link", "years"), UNAVAILABLE)
def test_a_search_page_without_its_index_says_search_is_unavailable_and_links_the_archive(
    open_page: OpenPage, site_url: str, lang: str, said: str, link: str, years: str
) -> None:
    """The notice named the archive without a link to it: a reader had to find the years at the
    foot of the release list alone. Its word for the archive leads there."""
    # As a site built with --no-search (or a connection lost on the way) has it: no Pagefind.
    page = open_page(locale=LOCALES[lang], fresh=True)
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(f"{site_url}{lang}/search/?q=Kanagawa")
    notice = page.locator("#search-unavailable")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(said)
    archive = notice.get_by_role("link")
    expect(archive).to_have_text(link)
    _leads_to_the_archive_by_year(page, archive, lang, years)


@pytest.mark.parametrize(("lang", "said", "link", "years"), UNAVAILABLE)
def test_a_search_page_without_javascript_links_the_archive(
    browser: Browser, site_url: str, lang: str, said: str, link: str, years: str
) -> None:
    context = browser.new_context(locale=LOCALES[lang], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{lang}/search/")
        notice = page.locator("main .notice").filter(has_text="JavaScript")
        expect(notice).to_be_visible()
        archive = notice.get_by_role("link")
        expect(archive).to_have_text(link)
        _leads_to_the_archive_by_year(page, archive, lang, years)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_the_notice_follows_the_heading(browser: Browser, site_url: str, width: int) -> None:
    """Without scripts the room kept for Pagefind's form stayed empty: the notice that search
    needs JavaScript came after a blank 12rem tall."""
    context = browser.new_context(
        locale=LOCALES["de"], java_script_enabled=False, viewport={"width": width, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto(f"{site_url}de/search/")
        heading = page.locator("main h1").bounding_box()
        notice = page.locator("main .notice").filter(has_text="JavaScript").bounding_box()
        assert heading and notice
        gap = notice["y"] - (heading["y"] + heading["height"])
        assert gap < 64, f"{gap:.0f} px of blank between the heading and the notice at {width} px"
    finally:
        context.close()


def test_a_highlighted_word_that_ends_a_japanese_block_is_followed_by_a_slash_not_a_full_stop(
    open_page: OpenPage, built_site: Path, site_url: str
) -> None:
    """Pagefind ends a block (a table cell, a heading) with ". ", which Japanese excerpts show as
    ／; where the searched word ended the block, its mark held the full stop, which stayed."""
    _require_search(built_site, "ja")
    page = open_page(locale=LOCALES["ja"])
    page.goto(f"{site_url}ja/search/?q=神奈川県")
    # Results come in one by one, each excerpt mended as it comes: wait for the one that shows it.
    excerpt = page.locator(".pagefind-ui__result-excerpt").filter(has_text="神奈川県／日本").first
    expect(excerpt).to_be_visible()
    excerpts = page.locator(".pagefind-ui__result-excerpt").evaluate_all("es => es.map(e => e.innerText)")
    assert not [excerpt for excerpt in excerpts if re.search("[\u3041-\u30ff\u4e00-\u9fff]\\.", excerpt)], excerpts
