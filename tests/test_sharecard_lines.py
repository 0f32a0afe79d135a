"""A share card's title of several lines is set in lines as even as its breaks allow, as CSS's
``text-wrap: balance`` sets them: filled line by line, the language chooser's card showed
"Baden-Württemberg – Internationaler" over "Austausch" alone."""

from __future__ import annotations

import io
import itertools

import budoux
import pytest
from noto_cjk_sans_jp_bold import FONT_PATH
from PIL import Image, ImageFont

from pressroom.output import cardlayout
from pressroom.output.cardlayout import HEIGHT, MARGIN, TITLE_SIZES, WIDTH, layout

from .test_translations import release

TITLE_DE = "Baden-Württemberg\u00a0– Internationaler Austausch"  # the no-break space of site.yaml
TITLE_JA = "バーデン＝ヴュルテンベルク州 国際交流ニュース"
TITLE_EN = "Baden-Württemberg: International Exchange"
LONG_EN = (
    "Baden-Württemberg and Kanagawa deepen their partnership in hydrogen, autonomous driving and robotics research"
)
LONG_JA = "神奈川県と協力覚書を締結しました。今後は水素、自動運転、ロボット工学の分野で協力します。"
NEVER_FIRST = "、。，．！？）」』】〕〉》・：；"
"""What a Japanese line never starts with (kinsoku): closing brackets and punctuation."""


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def _spread(lines: list[str] | tuple[str, ...], size: int) -> float:
    widths = [_font(size).getlength(line) for line in lines]
    return max(widths) - min(widths)


def _words(line: str, lang: str) -> list[str]:
    return budoux.load_default_japanese_parser().parse(line) if lang == "ja" else line.split()


CHOOSER = f"{TITLE_DE}\n{TITLE_JA}\n{TITLE_EN}"
"""The language chooser's headline: the site's title in every language, one a line."""


@pytest.mark.parametrize(
    ("title", "lang"), [(CHOOSER, "mul"), (LONG_EN, "en"), (LONG_JA, "ja")], ids=["de-chooser", "en", "ja"]
)
def test_a_title_of_several_lines_is_set_in_lines_as_even_as_its_breaks_allow(title, lang):
    placed = layout(title, lang)
    first = title.split("\n")[0]  # the chooser's German title; the others whole
    greedy = cardlayout.wrap(first, lang, placed.size, WIDTH - 2 * MARGIN)  # each line filled in turn
    assert len(_words(greedy[-1], lang)) == 1  # filled in turn, the last line is one word (phrase) alone
    lines = placed.lines[: len(greedy)]
    joiner = "" if lang == "ja" else " "
    assert joiner.join(lines) == first and len(lines) >= 2  # no more lines than filling them needs
    assert _spread(lines, placed.size) < _spread(greedy, placed.size)
    assert all(len(_words(line, lang)) > 1 for line in lines)  # none alone: each could be split evenly
    assert all(_font(placed.size).getlength(line) <= WIDTH - 2 * MARGIN for line in placed.lines)


def test_japanese_lines_still_break_between_phrases_and_never_start_with_closing_marks():
    placed = layout(LONG_JA, "ja")
    phrase_ends = set(itertools.accumulate(len(p) for p in budoux.load_default_japanese_parser().parse(LONG_JA)))
    assert set(itertools.accumulate(len(line) for line in placed.lines)) <= phrase_ends
    assert not [line for line in placed.lines if line[0] in NEVER_FIRST]
    assert placed.lines[-1] != "協力します。"


def test_a_title_on_one_line_and_each_title_of_the_chooser_stay_on_lines_of_their_own():
    assert layout("Legal notice", "en").lines == ("Legal notice",)
    chooser = layout(CHOOSER, "mul", ("de", "ja", "en"))
    assert chooser.lines == ("Baden-Württemberg\u00a0–", "Internationaler Austausch", TITLE_JA, TITLE_EN)


def test_a_line_is_measured_as_wide_as_the_font_draws_it():
    """Lines are measured by their characters' advances, looked up once: the font's basic
    layout sets no kerning, so a line is as wide as its characters (were it to, "AV" and "Te"
    would be narrower drawn than measured)."""
    texts = (TITLE_DE, TITLE_JA, LONG_EN, LONG_JA, "AVATAR Tee „Wörter“ 1,5 %")
    for size, text in itertools.product(TITLE_SIZES, texts):
        assert cardlayout._length(text, size) == _font(size).getlength(text), (size, text)


def _ink_lines(card: Image.Image) -> list[tuple[int, int]]:
    """Where each line of the headline begins and ends, left to right, by its dark pixels."""
    ink = card.convert("L").point(lambda value: 255 if value < 128 else 0)
    lines: list[tuple[int, int]] = []
    in_line = False
    for top in range(150, HEIGHT - 24):  # below the site's mark, above the accent band
        row = ink.crop((0, top, WIDTH, top + 1)).getbbox()
        if row and in_line:
            lines[-1] = (min(lines[-1][0], row[0]), max(lines[-1][1], row[2]))
        elif row:
            lines.append((row[0], row[2]))
        in_line = row is not None
    return lines


def test_the_language_choosers_card_leaves_no_word_of_the_german_title_alone(scratch_site):
    site = scratch_site(
        {
            "site.yaml": f'languages: [de, ja, en]\ntitle:\n  de: "{TITLE_DE}"\n  ja: {TITLE_JA}\n  en: "{TITLE_EN}"\n',
            "content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\n"),
            "content/ja/2024/besuch.md": release("訪問"),
            "content/en/2024/besuch.md": release("Visit"),
        }
    )
    assert site.build().code == 0
    card = Image.open(io.BytesIO((site.output / "share.png").read_bytes()))
    lines = _ink_lines(card)
    assert len(lines) == 4  # the German title on two lines, the Japanese and the English on one each
    first, second = (right - left for left, right in lines[:2])
    assert 0.6 < second / first < 1.6  # not "Baden-Württemberg – Internationaler" over "Austausch"
