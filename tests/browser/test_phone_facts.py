"""Facts set on one line and the partners' timeline on a phone, measured in Chromium: no line
starts or ends with a separator between two facts that the reader sees (where the line breaks
between them, the separator is not shown), and an entry of the timeline that wraps goes on under
its partner's name, not under its year."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from ..conftest import PROJECT
from .conftest import LANGUAGES, LOCALES, OpenPage, bundled_releases, serve_small_site

PHONES = (320, 390)
CONTEXT = "between facts on one line"
# Each element's characters as the reader sees them (one hidden beyond the edge of an element that
# clips it is not seen), and where a line ends or starts with the separator: the text set before
# the line break and the text set after it.
SEPARATOR_BREAKS = """([elements, mark]) => elements.flatMap(element => {
    const set = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        let clipper = node.parentElement;
        while (clipper && !["clip", "hidden"].includes(getComputedStyle(clipper).overflowX)) {
            clipper = clipper.parentElement;
        }
        const edge = clipper ? clipper.getBoundingClientRect() : null;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            if (!box.width || !node.data[i].trim()) continue;
            if (edge && (box.right <= edge.left + 0.5 || box.left >= edge.right - 0.5)) continue;
            set.push([node.data[i], Math.round(box.top)]);
        }
    }
    const breaks = [];
    for (let n = 0; n + 1 < set.length; n++) {
        if (Math.abs(set[n + 1][1] - set[n][1]) <= 3) continue;
        if (set[n][0] === mark || set[n + 1][0] === mark) {
            const before = set.slice(Math.max(0, n - 12), n + 1), after = set.slice(n + 1, n + 13);
            breaks.push(before.map(c => c[0]).join("") + "⏎" + after.map(c => c[0]).join(""));
        }
    }
    return breaks;
})"""
# Per timeline entry: its year, its name, the name's left edge, the left edge of each line the
# entry's text (name and facts, without the year) is set on, and the number of lines of the name.
ENTRY_LINES = """items => items.map(item => {
    const year = item.querySelector('.timeline-year'), name = item.querySelector('a');
    const lines = new Map(), walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (year.contains(node)) continue;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            if (!box.width || !node.data[i].trim()) continue;
            const top = [...lines.keys()].find(t => Math.abs(t - box.top) <= 3) ?? box.top;
            lines.set(top, Math.min(lines.get(top) ?? Infinity, box.left));
        }
    }
    const nameLines = new Set([...name.getClientRects()].filter(r => r.width).map(r => Math.round(r.top))).size;
    return [year.textContent, name.textContent, name.getClientRects()[0].left, [...lines.values()], nameLines];
})"""


def _separator(lang: str) -> str:
    """The separator between facts, as the language's catalogue has it, without its spaces."""
    with (PROJECT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    message = catalog.get(" · ", context=CONTEXT)
    return str(message.string if message and message.string else " · ").strip()


def _pages(lang: str) -> dict[str, str]:
    """The bundled site's pages that set facts on one line, each with the elements that hold them:
    the partners page, and the newest release in every language (whose Japanese header, with its
    place, wraps on a phone)."""
    release = next(release for release in reversed(bundled_releases()) if set(release.urls) == set(LANGUAGES))
    return {f"{lang}/partners/": ".partner-list .meta, .timeline .meta", release.urls[lang].lstrip("/"): ".meta"}


# A release in each language that the other two lack: each list offers the other two, with
# their date and the languages they are in.
FILES = {
    "content/de/2024/nur-deutsch.md": "---\ntitle: Nur auf Deutsch\ndate: 2024-12-01\n---\n\nText.\n",
    "content/ja/2024/nihongo.md": "---\ntitle: 日本語のみ\ndate: 2024-11-28\n---\n\n本文です。\n",
    "content/en/2024/english.md": "---\ntitle: In English only\ndate: 2024-09-30\n---\n\nText.\n",
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A release in each language only, served for this module."""
    with serve_small_site(tmp_path_factory.mktemp("phone-facts"), FILES) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_no_line_starts_or_ends_with_a_separator(
    open_page: OpenPage, site_url: str, scratch_url: str, lang: str, width: int
) -> None:
    """On the partners page of a phone, "ロシア｜" ended a line of the timeline and "休止中" began
    the next; "… 2015–2016 ·" ended a line of "Weitere Kooperationen" and "beendet" began the next.
    Set before the fact after it instead, the separator began the line: "プレスリリース" with
    "｜2024年7月17日　シュトゥットガルト発" under it in a Japanese release's header, "Russland" with
    "· ruhend" under it in the timeline. Where the line breaks, no separator is seen. Checked
    wherever the separator is used: the partners page, a release's header, and the releases
    offered in other languages only."""
    mark = _separator(lang)
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    places = [(site_url + path, selector) for path, selector in _pages(lang).items()]
    places.append((scratch_url + f"{lang}/releases/2024/", ".foreign-list .meta"))
    breaks: list[str] = []
    for url, selector in places:
        page.goto(url)
        elements = page.locator(selector)
        texts = elements.all_text_contents()
        assert any(mark in text for text in texts), f"{url}: no {mark!r} between facts in {selector}"
        breaks += [f"{url}: {found}" for found in page.evaluate(SEPARATOR_BREAKS, [elements.element_handles(), mark])]
    assert not breaks, f"{width} px: lines that start or end with the separator {mark!r}: {breaks}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_a_timeline_entry_wraps_under_its_name(open_page: OpenPage, site_url: str, lang: str, width: int) -> None:
    """On a phone, "1996年 クワズール・ナタール州" went on with "南アフリカ" under the year, as did
    "1991 Gebiet Swerdlowsk Russland ·" with "ruhend": the year now has a column of its own (on
    the narrowest phones a line of its own, above the name)."""
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    page.goto(site_url + f"{lang}/partners/")
    entries = page.locator(".timeline li").evaluate_all(ENTRY_LINES)
    assert len(entries) >= 10, "the partners page has its timeline"
    assert any(len(lines) > 1 for _, _, _, lines, _ in entries), (
        f"{width} px: some entry wraps (else nothing is measured)"
    )
    astray = [
        f"{year} {name}: lines start at {[round(left) for left in lines]}, the name at {round(start)}"
        for year, name, start, lines, _ in entries
        if any(abs(left - start) > 1 for left in lines)
    ]
    assert not astray, f"{width} px: timeline entries whose lines do not start under the name: {astray}"
    # The year's column leaves a Japanese name (one phrase: スヴェルドロフスク州) room for itself.
    broken = [name for _, name, _, _, name_lines in entries if lang == "ja" and name_lines > 1]
    assert not broken, f"{width} px: Japanese names broken across lines: {broken}"


# Each fact (the text between two separators) set on more than one line although it fits on one:
# the fact, the lines it is set on, its width on one line and the width of the line.
FACTS_BROKEN = """([elements, mark]) => elements.flatMap(element => {
    let block = element;
    while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    const style = getComputedStyle(block);
    const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const facts = [[]], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (let i = 0; i < node.length; i++) {
            if (node.data[i] === mark) { facts.push([]); continue; }
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            facts[facts.length - 1].push([node.data[i], Math.round(box.top), box.width]);
        }
    }
    return facts.flatMap(set => {
        const shown = set.filter(([c, , width]) => c.trim() && width);
        const lines = new Set(shown.map(([, top]) => top)).size;
        const width = set.slice(set.findIndex(([c]) => c.trim())).reduce((sum, [, , w]) => sum + w, 0);
        const text = set.map(([c]) => c).join("").trim();
        const found = `${text} (${lines} lines, ${Math.round(width)} of ${Math.round(room)} px)`;
        return lines > 1 && width <= room ? [found] : [];
    });
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", PHONES)
def test_a_fact_that_fits_on_a_line_is_not_broken(open_page: OpenPage, site_url: str, lang: str, width: int) -> None:
    """On a 390 px phone the timeline set "KwaZulu-Natal South" on one line and "Africa" on the
    next: a fact (a country, a kind of partnership, a date) moves to the next line whole where it
    fits there, and only a fact longer than a line (a long list of languages) wraps inside."""
    mark = _separator(lang)
    page = open_page(locale=LOCALES[lang], width=width, height=844)
    broken: list[str] = []
    for path, selector in {**_pages(lang), f"{lang}/releases/": ".card .meta"}.items():
        page.goto(site_url + path)
        elements = page.locator(selector)
        assert elements.count(), f"{path}: nothing in {selector}"
        broken += [f"{path}: {fact}" for fact in page.evaluate(FACTS_BROKEN, [elements.element_handles(), mark])]
    assert not broken, f"{width} px: facts broken across lines though they fit on one: {broken}"
