"""What a reader on a phone sees of lists, tables and search results, measured in Chromium: a
topic's count stays on its topic's line and in one piece, a table's names stay whole (a table
reflows into one block per row on a narrow screen) without the page scrolling sideways, and the
word searched for is not broken across lines in a result."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import budoux
import pytest
from playwright.sync_api import Page

from ..pdfs import pdf_document
from .conftest import LANGUAGES, LOCALES, OpenPage, serve_small_site
from .test_beyond_axe import TEXT_200
from .test_search import _search

PHONES = (320, 360, 390)
# Each element's lines: the tops of its text's boxes, one per line it is set on.
LINE_TOPS = """element => {
    const range = document.createRange(); range.selectNodeContents(element);
    return [...new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)))];
}"""
# Per list entry: the top and bottom of the name's first line, and the tops of the count's lines.
TOPIC_LINES = f"""items => items.map(item => {{
    const name = item.querySelector('a'), count = item.querySelector('.meta');
    const first = name.getClientRects()[0];
    return [name.textContent, count.textContent, first.top, first.bottom, ({LINE_TOPS})(count)];
}})"""
# Per table cell: its text, and where its lines break (the index of the last character set on
# each line but the last, and of the first character set on the next).
CELL_BREAKS = """cells => cells.map(cell => {
    const set = [], walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let offset = 0;
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            if (box.width) set.push([offset + i, Math.round(box.top)]);
        }
        offset += node.length;
    }
    const breaks = [];
    for (let n = 1; n < set.length; n++) {
        if (Math.abs(set[n][1] - set[n - 1][1]) > 3) breaks.push([set[n - 1][0], set[n][0]]);
    }
    return [cell.textContent, breaks];
})"""
JAPANESE = budoux.load_default_japanese_parser()
# Each highlighted text (highlights next to each other are one) and the number of lines it is set on.
HIGHLIGHTS = """marks => {
    const runs = [];
    for (const mark of marks) {
        const last = runs[runs.length - 1];
        if (last && mark.previousSibling === last[last.length - 1]) last.push(mark); else runs.push([mark]);
    }
    return runs.map(run => {
        const range = document.createRange(); range.setStartBefore(run[0]); range.setEndAfter(run[run.length - 1]);
        const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
        return [run.map(mark => mark.textContent).join(""), tops.size];
    });
}"""


def _between_words(text: str, last: int, first: int) -> bool:
    """A line that ends after ``text[last]`` and goes on at ``text[first]`` breaks between words:
    at a space or after a hyphen, or (in Japanese) between two of BudouX's phrases."""
    if any(character.isspace() for character in text[last + 1 : first]) or text[last] in "-\u2010/":
        return True
    position, boundaries = 0, set()
    for phrase in JAPANESE.parse(text):
        position += len(phrase)
        boundaries.add(position)
    return first in boundaries and any("\u3040" <= character <= "\u9fff" for character in text)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_a_topics_count_stays_on_its_topics_line(open_page: OpenPage, site_url: str, lang: str, width: int) -> None:
    """On a German phone "3 Pressemitteilungen" broke after its number, and the noun stood on a
    line of its own under the number, apart from its topic."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + f"{lang}/topics/")
    entries = page.locator(".topic-list li").evaluate_all(TOPIC_LINES)
    assert entries, "the topics page lists topics"
    for name, count, top, bottom, count_lines in entries:
        assert len(count_lines) == 1, f"{width} px: {count!r} (for {name!r}) is broken across lines"
        assert top - 2 <= count_lines[0] <= bottom, f"{width} px: {count!r} is not on the line of {name!r}"


# Per labelled cell: its column's heading, the left edge of each line of its text (generated text,
# the heading shown before it, is in no range), and where its heading's column ends.
VALUE_LINES = """cells => cells.map(cell => {
    const range = document.createRange(); range.selectNodeContents(cell);
    const lines = [];  // [top, bottom, left]: a box whose middle is within a line is on it (未病 is set higher)
    for (const box of range.getClientRects()) {
        if (!box.width) continue;
        const middle = (box.top + box.bottom) / 2;
        const line = lines.find(([top, bottom]) => top <= middle && middle <= bottom);
        if (line) line[2] = Math.min(line[2], box.left); else lines.push([box.top, box.bottom, box.left]);
    }
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return [cell.dataset.label, lines.map(line => line[2]), cell.getBoundingClientRect().left + 6 * rem];
})"""


@pytest.mark.parametrize(
    ("lang", "path"),
    [("en", "en/releases/2024/kanagawa-joint-declaration/"), ("de", "de/about/"), ("ja", "ja/about/")],
)
@pytest.mark.parametrize("width", PHONES)
def test_a_tables_values_stand_beside_their_headings_on_a_phone(
    open_page: OpenPage, site_url: str, lang: str, path: str, width: int
) -> None:
    """A value's heading was a hanging indent 6rem wide: a longer heading ("What it covers")
    pushed the value's first line on, and its second line started left of its first. Every line
    of a value now starts at one edge, right of its heading's column."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + path)
    cells = page.locator(".body td + td[data-label]").evaluate_all(VALUE_LINES)
    assert cells, f"{path} has a table"
    for label, lefts, column in cells:
        assert max(lefts) - min(lefts) <= 1, f"{width} px: the lines under {label!r} start at {lefts}"
        assert min(lefts) >= column - 1, f"{width} px: a value under {label!r} starts in its heading's column"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_table_cells_keep_their_words_whole_on_a_phone(
    open_page: OpenPage, site_url: str, lang: str, width: int
) -> None:
    """The about page's table of partners: squeezed into three columns on a Japanese phone, names
    broke inside words (ブルン|ジ, 南アフ|リカ, ポーラ|ンド). Each row is now a block, whose cells
    show their column's heading; the page does not scroll sideways."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + f"{lang}/about/")
    cells = page.locator(".body td").evaluate_all(CELL_BREAKS)
    assert len(cells) >= 30, "the about page has its table of partners"
    broken = [
        text[: last + 1] + "|" + text[first:]
        for text, breaks in cells
        for last, first in breaks
        if not _between_words(text, last, first)
    ]
    assert not broken, f"{width} px: table cells broken inside a word: {broken}"
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    table = page.locator(".body table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "no column of the table is hidden"
    headings = page.locator(".body th").all_inner_texts()
    shown = (
        page.locator(".body tbody tr")
        .first.locator("td + td")
        .evaluate_all("cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    )
    assert all(heading in label for heading, label in zip(headings[1:], shown, strict=True)), shown


def test_the_searched_word_stays_whole_in_japanese_results_on_a_phone(open_page: OpenPage, site_url: str) -> None:
    """An excerpt broke its highlighted 神奈川 at a line's end as 神|奈川 (390 px)."""
    for width in PHONES:
        page = open_page(locale=LOCALES["ja"], width=width, height=844)
        _search(page, site_url, "ja", "神奈川")
        marks = page.locator(".pagefind-ui__result-excerpt mark").evaluate_all(HIGHLIGHTS)
        assert marks, "the results show where they match"
        broken = [text for text, count in marks if count > 1]
        assert not broken, f"{width} px: highlighted words broken across lines: {broken}"


DOCUMENT = pdf_document(1_300_000, filler=b"0")
"""A download of 1.3 MB."""
DOWNLOAD_TITLES = {"de": "Gemeinsame Absichtserklärung", "ja": "共同意向表明書", "en": "Joint declaration"}
NOTED_TEXTS = {
    "de": "Der Ministerpräsident sprach in Yokohama.[^1] Die Delegation besuchte die Präfektur.",
    "ja": "州首相は横浜で講演しました。[^1]代表団は神奈川県庁も訪問しました。",
    "en": "The Minister-President spoke in Yokohama.[^1] The delegation visited the prefecture.",
}
"""A sentence with a footnote, in each release."""
NOTES = {
    "de": "Rede des Ministerpräsidenten vor der Präfekturversammlung in Yokohama am 3. März 2024.",
    "ja": "2024年3月3日、横浜で開かれた県議会での州首相の講演による。",
    "en": "Speech of the Minister-President to the prefectural assembly of Kanagawa in Yokohama on 3 March 2024.",
}
"""The footnote of each release: long enough to end at many places of a line."""
RELEASE_FILES = {
    "content/media/2024/erklaerung.pdf": DOCUMENT,
    **{
        f"content/{lang}/2024/erklaerung.md": (
            f"---\ntitle: {title}\ndate: 2024-07-17\nkey: erklaerung\ndownloads:\n"
            f"  - file: 2024/erklaerung.pdf\n    title: {title}\n    lang: [de, ja]\n---\n\n{title}.\n\n"
            f"{NOTED_TEXTS[lang]}\n\n[^1]: {NOTES[lang]}\n"
        )
        for lang, title in DOWNLOAD_TITLES.items()
    },
}
# Where the number of a file's size and its unit are set: the top of each one's last and first letter.
SIZE_LINES = """([facts, number, unit]) => {
    const node = facts.firstChild, at = node.data.indexOf(number);
    const top = (i) => {
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        return Math.round(range.getBoundingClientRect().top);
    };
    return at < 0 ? null : [top(at + number.length - 1), top(node.data.indexOf(unit, at))];
}"""


@pytest.fixture(scope="module")
def download_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A release with a download of 1.3 MB and a footnote in each language, served for this module."""
    with serve_small_site(tmp_path_factory.mktemp("download"), RELEASE_FILES) as url:
        yield url


def _widths_apart(page: Page, together: Callable[[], bool]) -> list[int]:
    """The window widths, every 2 px from 240 to 418, at which ``together`` is false: wherever
    a line ends, two things meant to stay together on one line are apart."""
    apart = []
    for width in range(240, 420, 2):
        page.set_viewport_size({"width": width, "height": 640})
        if not together():
            apart.append(width)
    return apart


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_files_size_keeps_its_number_and_unit_together(open_page: OpenPage, download_url: str, lang: str) -> None:
    """On a 320 px phone the downloads said "(PDF, 1,3" on one line and "MB)" on the next
    ("（PDF、1.3" and "MB）" in Japanese): a number and its unit are one word to a reader."""
    page = open_page(locale=LOCALES[lang], width=320, height=640, fresh=True)
    page.goto(download_url + f"{lang}/releases/2024/erklaerung/")
    facts = page.locator(".downloads .file-facts")
    number = "1,3" if lang == "de" else "1.3"
    assert number in facts.inner_text(), facts.inner_text()

    def together() -> bool:
        lines = page.evaluate(SIZE_LINES, [facts.element_handle(), number, "MB"])
        assert lines is not None, facts.inner_text()
        return lines[0] == lines[1]

    apart = _widths_apart(page, together)
    assert not apart, f"{number} and MB on different lines at widths {apart}"


def test_a_long_word_in_a_downloads_title_breaks_inside_the_column_at_200_percent_text(
    open_page: OpenPage, download_url: str
) -> None:
    """1.4.4 on a 320 px phone: "Absichtserklärung" in a download's title was wider than the
    column at 200 % text; the side column kept its longest word's width, ran past the window
    and the page scrolled sideways."""
    page = open_page(locale=LOCALES["de"], width=320, height=640, fresh=True)
    page.goto(download_url + "de/releases/2024/erklaerung/")
    page.evaluate(TEXT_200)
    window = page.evaluate("document.documentElement.clientWidth")
    aside = page.locator(".release-aside").bounding_box()
    assert aside and aside["x"] + aside["width"] <= window - 1, f"the side column ends at {aside}"
    sideways = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert sideways <= 0, f"the page scrolls {sideways} px sideways"


# Whether a footnote's mark (raised, it overlaps the line) or way back is set on the line of the
# last letter before it (the space before the way back left out).
BESIDE = """mark => {
    const letter = document.createRange(), text = mark.previousSibling, at = text.data.trimEnd().length;
    letter.setStart(text, at - 1); letter.setEnd(text, at);
    const before = letter.getBoundingClientRect(), box = mark.getBoundingClientRect();
    return box.top < before.bottom && box.bottom > before.top;
}"""


@pytest.mark.parametrize("selector", [".body .footnote-ref", ".footnotes .footnote-backref"], ids=["mark", "way-back"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_footnotes_mark_and_way_back_stay_on_the_line_of_their_word(
    open_page: OpenPage, download_url: str, lang: str, selector: str
) -> None:
    """Where the line ended after "Yokohama." its footnote's mark [1] began the next line, apart
    from the word it belongs to (and in Japanese after 。); where the note's last line was full,
    its way back ↩ began a line of its own, a lone arrow under the note (after 。 too)."""
    page = open_page(locale=LOCALES[lang], width=320, height=640, fresh=True)
    page.goto(download_url + f"{lang}/releases/2024/erklaerung/")
    mark = page.locator(selector).first
    apart = _widths_apart(page, lambda: mark.evaluate(BESIDE))
    assert not apart, f"{selector} begins a line of its own at widths {apart}"
