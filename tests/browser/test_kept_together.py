"""Words a press office never lets a line part, as Chromium sets a release on phones of every width:
an ordinal and its noun, a day and its month, a number and its unit, a Japanese number and its
counter stay on one line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import TOPICS
from .conftest import LANGUAGES, LOCALES, OpenPage, serve_small_site

WIDTHS = range(300, 442, 2)
"""Phones from the narrowest to the widest, in steps small enough that each pair below stands at
a line's end at some width."""
BODY = {
    "de": "Die Ministerpräsidentin und der Gouverneur unterzeichneten anlässlich des 35. Jahrestags "
    "ihrer Partnerschaft am 17. Juli 2024 in Stuttgart eine Erklärung, die rund 150 Kilometer entfernt "
    "vorbereitet worden war, und vereinbarten Treffen am 3. Dezember und am 28. Februar.",
    "en": "The Minister-President and the Governor signed a declaration in Stuttgart on 17 July 2024, "
    "prepared some 150 kilometres away, and agreed to meet again on 3 December and on 28 February, "
    "when some 10 per cent more exchanges are planned.",
    "ja": "州首相と知事は、友好提携35周年を記念し、2024年7月17日（水）、シュトゥットガルトで共同意向表明書に"
    "署名しました。両地域は今後、12月3日と2月28日に会合を開き、10か所の拠点で協力します。",
}
PAIRS = {
    "de": [("35.", "Jahrestags"), ("17.", "Juli"), ("150", "Kilometer"), ("3.", "Dezember"), ("28.", "Februar")],
    "en": [("17", "July"), ("150", "kilometres"), ("3", "December"), ("28", "February"), ("10", "per")],
    "ja": [
        *[("35", "周年"), ("7", "月"), ("17", "日"), ("12", "月"), ("10", "か所")],
        *[("2024年", "7月"), ("7月", "17日"), ("12月", "3日"), ("2月", "28日")],  # a date whole: not 2024年7月 | 17日
    ],
}
TABLE = (
    "| 時期 | 内容 |\n|---|---|\n"
    "| 2015年6月28日～7月4日 | 日本の代表団がミュンヘンを訪れ、bw-iおよびPhotonics BWとともに見本市「Photonics」を"
    "視察し、最初の関係づくりを行います。 |\n| 10時30分 | automotive-bwの専門家が日立地域を訪問し、協力に向けた"
    "最初の協議を行います。 |\n"
)
"""The JETRO release's schedule: where its columns stand side by side, the long second one left
the first its narrowest width, and its dates broke as 2015年6月 | 22日."""
TABLE_PAIRS = [("2015年", "6月"), ("6月", "28日"), ("28日～", "7月"), ("7月", "4日"), ("10時", "30分")]
FILES = {
    "content/topics.yaml": TOPICS,
    **{
        f"content/{lang}/2024/zusammen.md": f"---\ntitle: Zusammen {lang}\ndate: 2024-07-17\n---\n\n{body}\n"
        for lang, body in BODY.items()
    },
    "content/ja/2015/jetro.md": f"---\ntitle: 予定\ndate: 2015-06-15\n---\n\n{TABLE}",
}
# For each pair (first, second): the tops of the last character of "first" and of the first
# character of "second" where "second" follows "first" with at most a space between them.
PAIR_TOPS = """([element, pairs]) => {
    const chars = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            chars.push([node.data[i], range.getBoundingClientRect().top]);
        }
    }
    const text = chars.map(c => c[0]).join("");
    return pairs.flatMap(([first, second]) => {
        const found = [];
        for (const match of text.matchAll(new RegExp(first.replace(".", "\\\\.") + "\\\\s?" + second, "g"))) {
            const end = match.index + first.length - 1, start = match.index + match[0].length - second.length;
            found.push([first + " " + second, chars[end][1], chars[start][1]]);
        }
        return found;
    });
}"""


@pytest.fixture(scope="module")
def together_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_small_site(tmp_path_factory.mktemp("together"), FILES) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_phone_parts_what_a_press_office_keeps_together(open_page: OpenPage, together_url: str, lang: str) -> None:
    """A German phone set "35." at a line's end and "Jahrestags" on the next, "17." and "Juli";
    a Japanese one "2024年7" and "月17日"."""
    page = open_page(locale=LOCALES[lang], width=WIDTHS[0], height=844)
    page.goto(together_url + f"{lang}/releases/2024/zusammen/")
    paragraph = page.locator(".body p").first.element_handle()
    parted: set[str] = set()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        found = page.evaluate(PAIR_TOPS, [paragraph, PAIRS[lang]])
        assert len(found) == len(PAIRS[lang]), f"{lang}: not every pair is in the text: {found}"
        parted |= {f"{pair} at {width} px" for pair, first, second in found if abs(first - second) > 2}
    assert not parted, f"parted across lines: {sorted(parted)}"


def test_no_phone_parts_a_japanese_date_in_a_table_cell(open_page: OpenPage, together_url: str) -> None:
    """Chromium's phrase finder (word-break: auto-phrase, as table cells are set) broke the JETRO
    release's dates as 2015年6月 | 22日: a date stays on one line wherever its cell has room."""
    page = open_page(locale="ja-JP", width=WIDTHS[0], height=844)
    page.goto(together_url + "ja/releases/2015/jetro/")
    table = page.locator(".body table").element_handle()
    parted: set[str] = set()
    for width in (*WIDTHS, *range(480, 1281, 40)):
        page.set_viewport_size({"width": width, "height": 844})
        found = page.evaluate(PAIR_TOPS, [table, TABLE_PAIRS])
        assert len(found) == len(TABLE_PAIRS), f"not every pair is in the table: {found}"
        parted |= {f"{pair} at {width} px" for pair, first, second in found if abs(first - second) > 2}
        overflow = page.evaluate("t => t.scrollWidth - t.clientWidth", table)
        assert overflow <= 0, f"{width} px: the table runs {overflow} px past its box"
    assert not parted, f"parted across lines: {sorted(parted)}"
