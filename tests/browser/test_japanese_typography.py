"""Japanese typesetting as a reader sees it, measured in Chromium: a link that ends in a full-width
bracket underlines no blank half after it, short texts set apart (a notice, a title offered on
another language's page) break between phrases, a headline's line never begins with a particle,
a small kana or a comma, and paper is light whatever the screen's scheme."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import budoux
import pytest
from playwright.sync_api import Page

from .conftest import LANGUAGES, OpenPage, bundled_releases, serve_small_site
from .test_beyond_axe import TEXT_200

PHONES = (320, 390)
RELEASE = next(release for release in bundled_releases() if release.key == "2024/kanagawa-declaration")
# Each character of an element's text with the top and the left and right edges of its box.
CHARACTERS = """element => {
    const found = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            if (box.width) found.push([node.data[i], box.top, box.left, box.right]);
        }
    }
    return found;
}"""


def characters(page: Page, selector: str) -> list[list[tuple[str, float, float, float]]]:
    """Each matching element's characters, with their boxes."""
    return [[tuple(c) for c in found] for found in page.locator(selector).evaluate_all(f"all => all.map({CHARACTERS})")]


def lines(found: list[tuple[str, float, float, float]]) -> list[str]:
    """The text of each line an element's characters were set on."""
    result: list[str] = []
    top = None
    for character, y, _, _ in found:
        if top is None or abs(y - top) > 3:
            result.append("")
            top = y
        result[-1] += character
    return result


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("ja/topics/ai/", ".footer-feeds a"),  # 「人工知能（AI）」に関するプレスリリース（Atomフィード）
        ("ja/", ".more a"),  # プレスリリース一覧（全4件）
        (RELEASE.urls["ja"].lstrip("/"), ".tags a"),  # the chip 人工知能（AI）
        ("ja/topics/", ".topic-list a"),
    ],
)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_japanese_link_ends_and_begins_at_its_brackets_ink(
    open_page: OpenPage, site_url: str, path: str, selector: str, width: int
) -> None:
    """A full-width bracket carries a blank half (after ）and 」, before （ and 「): at the end of a
    link it was underlined past the bracket, and a chip looked lopsided; at the start of a line it
    set the text in from the line's edge. There it is half-width; inside a text it keeps its space."""
    page = open_page(locale="ja-JP", width=width)
    page.goto(site_url + path)
    size = float(page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    checked = 0
    for found in characters(page, selector):
        text = "".join(c[0] for c in found)
        line_starts = [found[0], *(b for a, b in pairwise(found) if abs(b[1] - a[1]) > 3)]
        character, _, left, right = found[-1]
        if character in "）」』】":
            assert right - left <= 0.6 * size, f"{text}: {character} ends {right - left:.1f} px wide"
            checked += 1
        for character, _, left, right in line_starts:
            if character in "（「『【":
                assert right - left <= 0.6 * size, f"{text}: a line opens with a wide {character}"
        for before, after in pairwise(found):
            if before[0] == "」" and after[0] == "に" and abs(before[1] - after[1]) <= 3:
                assert before[3] - before[2] >= 0.9 * size, "a bracket inside the text keeps its space"
    assert checked, f"{path}: no {selector} ends in a bracket"


FILES = {
    "content/ja/2024/jetro.md": (
        "---\ntitle: ジェトロ、バーデン＝ヴュルテンベルク州のクラスターを初めて日本の地域の連携相手に選定\n"
        "date: 2024-06-15\n---\n\n本文です。\n"
    ),
    "content/de/2024/jetro.md": "---\ntitle: JETRO wählt Cluster aus\n---\n\nText.\n",
    "content/de/2023/nur-deutsch.md": "---\ntitle: Nur auf Deutsch\ndate: 2023-12-01\n---\n\nText.\n",
    "content/en/2022/english.md": "---\ntitle: In English\ndate: 2022-01-01\n---\n\nText.\n",
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A release in Japanese and German only, a German-only year, served for this module."""
    with serve_small_site(tmp_path_factory.mktemp("japanese-typography"), FILES) as url:
        yield url


def test_a_missing_versions_note_in_the_footer_ends_at_its_bracket(open_page: OpenPage, scratch_url: str) -> None:
    page = open_page(locale="ja-JP", width=390)
    page.goto(scratch_url + "ja/releases/2024/jetro/")
    entry = page.locator(".footer-languages a.unavailable")
    assert entry.inner_text() == "English（該当ページなし）"
    size = float(entry.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    [found] = characters(page, ".footer-languages a.unavailable")
    character, _, left, right = found[-1]
    assert character == "）" and right - left <= 0.6 * size
    # Its opening bracket's blank half is the space after "English": it stays.
    [(_, _, left, right)] = [c for c in found if c[0] == "（"]
    assert right - left >= 0.9 * size


def test_japanese_table_labels_keep_their_words_on_a_phone(open_page: OpenPage, site_url: str) -> None:
    """On phones the cells' padding is narrowed, so that a five-character label fits its column:
    the narrower padding was written before the table's own and lost to it, and エネルギー,
    モビリティ and ヘルスケア each broke in two beside a column with room to spare."""
    for width in PHONES:
        page = open_page(locale="ja-JP", width=width)
        page.goto(site_url + RELEASE.urls["ja"].lstrip("/"))
        labels = [lines(found) for found in characters(page, ".body td:first-child")]
        assert labels, "the release has a table"
        broken = [label for label in labels if len(label) > 1 and len("".join(label)) <= 5]
        assert not broken, f"{width} px: labels broken inside a word: {broken}"


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("ja/releases/2024/jetro/", ".missing-version"),  # このプレスリリースには英語版が|ありません。
        ("ja/releases/2023/", ".empty"),  # 該当する日本語のプレスリリースはまだ|ありません。
        ("en/releases/2024/", '.foreign-titles a[lang="ja"]'),  # …州の|クラスターを…, not …のクラ|スター
    ],
)
def test_short_japanese_texts_set_apart_break_between_phrases(
    open_page: OpenPage, scratch_url: str, path: str, selector: str
) -> None:
    phrases = budoux.load_default_japanese_parser()
    for width in (*PHONES, 414):
        page = open_page(locale="ja-JP", width=width)
        page.goto(scratch_url + path)
        [found] = characters(page, selector)
        text = "".join(c[0] for c in found)
        # Between BudouX's phrases, or after the ＝ of a compound name a phone's line is too short for.
        boundaries = {n + 1 for n, character in enumerate(text) if character == "＝"}
        position = 0
        for phrase in phrases.parse(text):
            position += len(phrase)
            boundaries.add(position)
        set_lines = lines(found)
        ends = [sum(map(len, set_lines[: n + 1])) for n in range(len(set_lines) - 1)]
        assert all(end in boundaries for end in ends), f"{width} px: {'|'.join(set_lines)}"


# Hiragana (the particles and endings a phrase closes with), then what JIS X 4051 never lets a line
# begin with: small kana, the prolonged sound mark, commas and full stops, closing brackets.
HIRAGANA = {chr(c) for c in range(0x3041, 0x3097)}
NEVER_FIRST = set("ァィゥェォッャュョヮヵヶーゝゞヽヾ々、。，．・：！？＝）」』】")


@pytest.mark.parametrize("text", ["100%", "200%"])
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("ja/", ".card-title"),  # バーデン＝|ヴュルテンベルク州|と神奈川県、 beside the thumbnail at 320 px
        (RELEASE.urls["ja"].lstrip("/"), "h1"),
        ("ja/releases/2015/jetro-cluster-partnerships/", "h1"),
    ],
)
def test_no_line_of_a_japanese_headline_begins_with_a_particle(
    open_page: OpenPage, site_url: str, path: str, selector: str, text: str
) -> None:
    """A phrase wider than its line (the state's name beside a thumbnail, any long phrase at 200 %
    text) breaks inside, at the last character that fits: a particle (と, の, を), a small kana or
    a comma then began the next line. A line may begin with hiragana only where a phrase does."""
    phrases = budoux.load_default_japanese_parser()
    for width in (320, 360, 390):
        page = open_page(locale="ja-JP", width=width)
        page.goto(site_url + path)
        if text == "200%":
            page.evaluate(TEXT_200)
        for found in characters(page, selector):
            headline = "".join(c[0] for c in found)
            starts = {0}
            for phrase in phrases.parse(headline):
                starts.add(max(starts) + len(phrase))
            set_lines = lines(found)
            position = 0
            for line in set_lines[:-1]:
                position += len(line)
                following = headline[position]
                wrong = following in NEVER_FIRST or (following in HIRAGANA and position not in starts)
                assert not wrong, f"{width} px, text {text}: a line begins with {following}: {'|'.join(set_lines)}"


def test_a_card_headline_has_the_whole_column_on_a_phone(open_page: OpenPage, site_url: str) -> None:
    """The thumbnail floats beside the date and summary, not the headline: beside it a Japanese
    headline had nine characters a line at 320 px and broke inside the state's name."""
    page = open_page(locale="ja-JP", width=320)
    page.goto(site_url + "ja/")
    card = page.locator(".card", has=page.locator(".card-thumbnail")).first
    title, thumbnail = card.locator(".card-title").bounding_box(), card.locator(".card-thumbnail").bounding_box()
    assert title and thumbnail and thumbnail["y"] >= title["y"] + title["height"] - 1
    assert lines(characters(page, ".card-title")[0])[0] == "バーデン＝ヴュルテンベルク州と"


def test_print_is_light_in_dark_mode(open_page: OpenPage, site_url: str) -> None:
    """An SVG's fills print even where backgrounds do not, and a picture's dark source matched on
    paper as on screen: a reader in dark mode printed a dark map and a dark lead image."""
    page = open_page(locale="de-DE", width=1280, fresh=True)
    page.emulate_media(color_scheme="dark", media="print")
    for lang in LANGUAGES:
        page.goto(site_url + f"{lang}/partners/kanagawa/")
        land = page.locator(".locator .land").evaluate("e => getComputedStyle(e).fill")
        channels = [int(part) for part in land.removeprefix("rgb(").removesuffix(")").split(",")[:3]]
        assert sum(channels) / 3 > 160, f"{lang}: the map's land prints as {land}"
        page.goto(site_url + RELEASE.urls[lang].lstrip("/"))
        image = page.locator(".lead-image img")
        image.evaluate("img => img.decode()")
        assert ".dark." not in image.evaluate("img => img.currentSrc"), f"{lang}: the dark lead image prints"
    page.emulate_media(media="screen")
    page.reload()
    assert ".dark." in page.locator(".lead-image img").evaluate("img => img.currentSrc")  # on screen it stays


def test_a_japanese_image_credit_has_a_line_of_its_own(open_page: OpenPage, site_url: str) -> None:
    """On a wide screen the credit followed the Japanese caption beyond a Latin space
    (…神奈川県 画像：…), which Japanese does not set between phrases."""
    page = open_page(locale="ja-JP", width=1280, height=800)
    page.goto(site_url + RELEASE.urls["ja"].lstrip("/"))
    caption = page.locator(".lead-image figcaption").bounding_box()
    credit = page.locator(".lead-image .credit").bounding_box()
    assert caption and credit
    assert abs(credit["x"] - caption["x"]) <= 1 and credit["y"] > caption["y"] + 1, (
        f"the credit at {credit} is on the caption's line, at {caption}"
    )
