"""A share card breaks its lines by the rules of the title's language: Japanese between phrases,
Chinese between characters, and in both never before a character a line may not begin with
nor after one it may not end with (kinsoku shori). A Japanese phrase wider than the card was cut
after whichever character filled the line: a line began with ー, ・ or a lone 。."""

from __future__ import annotations

import pytest

from pressroom.output.cardlayout import layout
from pressroom.output.sharecard import card_png

from .test_translations import release

NEVER_FIRST = "、。，．！？）」』】〕〉》・：；ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々”’:;,."
"""What a line never begins with: closing brackets and quotation marks, punctuation, the prolonged
sound mark, small kana."""
NEVER_LAST = "「『（【〔〈《“‘"
"""What a Japanese or Chinese line never ends with: opening brackets and quotation marks."""
ZH_NEWS = (
    "江苏省与巴登-符腾堡州签署合作协议，双方将在氢能、自动驾驶和机器人领域加强合作，"
    "两地大学和企业将共同开展研究项目，并于明年在南京举办"
)
ZH_FORUM = "江苏省与巴登-符腾堡州签署合作协议，推动氢能和自动驾驶领域的交流与合作，共同举办“创新论坛”。"
ZH_SHORTENED = ZH_NEWS + ZH_NEWS[:22] + "“中德创新合作周”" + ZH_NEWS[22:]
"""Too long for the card: its last line, shortened, ended with an opening quotation mark (“...)."""


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("スーパーコンピューターシミュレーションセンターとの共同研究", "ja"),  # cut before ー
        ("国際交流「シュトゥットガルト・ジャパン・ウィーク」開幕", "ja"),  # cut before ・
        (
            "江苏省与巴登-符腾堡州签署合作协议，推动氢能和自动驾驶领域的交流与合作，共同举办“创新论坛”。",
            "zh",
        ),  # 。 alone
        (ZH_SHORTENED, "zh"),
        ("Neue Hochschulfördervereinbarung: Bilanz", "de"),  # a word wider than the card, cut before ":"
    ],
    ids=["ja-long-word", "ja-middle-dot", "zh", "zh-shortened", "de-long-word"],
)
def test_no_line_begins_or_ends_with_a_character_kinsoku_keeps_from_there(title, lang):
    lines = layout(title, lang).lines
    assert not [line for line in lines if line[0] in NEVER_FIRST], lines
    assert not [line for line in lines if line.rstrip(".…")[-1] in NEVER_LAST], lines
    if lang != "de" and title != ZH_SHORTENED:
        assert "".join(lines) == title  # every character drawn, none doubled


def test_a_chinese_title_breaks_between_characters_into_even_lines():
    """Chinese has no spaces: the whole title was one word, cut where each line was full."""
    lines = layout(ZH_FORUM, "zh").lines
    assert len(lines) == 4 and max(map(len, lines)) - min(map(len, lines)) <= 2, lines
    assert "巴登-符腾堡州" in "".join(lines) and not any(line.startswith("-") for line in lines)


def test_a_shortened_chinese_title_ends_with_the_ellipsis_chinese_sets():
    """Chinese, like Japanese, sets "…" on the line's middle, not three dots on its foot."""
    assert layout(ZH_SHORTENED, "zh").lines[-1].endswith("在…")
    assert layout("两地交流…", "zh").lines == ("两地交流…",)


@pytest.mark.parametrize("lang", ["cmn", "yue", "ZH-Hans"])
def test_a_title_in_any_chinese_breaks_and_is_shortened_as_chinese(lang):
    """Mandarin (``cmn``), which Babel knows and a site may publish in, broke only at spaces:
    a title without one was cut where each line was full, and its shortened line ended in three
    dots on its foot; a tag written in capitals was not taken for Chinese at all."""
    assert layout(ZH_FORUM, lang).lines == layout(ZH_FORUM, "zh").lines
    assert layout(ZH_SHORTENED, lang).lines[-1].endswith("在…")


def test_each_title_on_the_language_choosers_card_breaks_by_its_own_languages_rules(scratch_site):
    """The chooser's card was laid out as one text in no language (``mul``), like Latin text:
    its Japanese title broke only at spaces, and one without a space was cut where the line
    was full (神奈川県とバーデン＝ヴュルテン | ベルク州の交流ニュース)."""
    title_ja = "神奈川県とバーデン＝ヴュルテンベルク州の交流ニュース"
    site = scratch_site(
        {
            "site.yaml": f"title:\n  de: Landesnachrichten\n  ja: {title_ja}\n  en: State news\n",
            "content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\n"),
        }
    )
    assert site.build().code == 0
    headline = f"Landesnachrichten\n{title_ja}\nState news"
    placed = layout(headline, "mul", ("de", "ja", "en"))
    # Between its phrases: 神奈川県と | バーデン＝ヴュルテンベルク州の | 交流ニュース.
    phrased = ("神奈川県とバーデン＝ヴュルテンベルク州の", "交流ニュース")
    assert placed.lines == ("Landesnachrichten", *phrased, "State news")
    drawn = (site.output / "share.png").read_bytes()
    names = "Deutsch\n日本語\nEnglish"
    assert drawn == card_png(headline, "mul", names, ("de", "ja", "en")) != card_png(headline, "mul", names)


def test_a_japanese_title_breaks_at_its_spaces_too():
    """BudouX keeps the words after a space in the phrase before them: the site's Japanese title
    is one phrase, which was cut where the line was full (…州 国 | 際交流ニュース), as the
    site's card shows it where the site has no description."""
    title = "バーデン＝ヴュルテンベルク州 国際交流ニュース"
    assert layout(title, "ja").lines == ("バーデン＝ヴュルテンベルク州", "国際交流ニュース")


def test_a_word_or_phrase_is_cut_only_where_no_size_sets_it_whole():
    """The largest size the title fit at was taken even where it cut a phrase between characters
    (バーデン＝ヴュルテンベルク州国 | 際交流ニュース) that a smaller size sets whole, which a page
    never does."""
    name = "バーデン＝ヴュルテンベルク州国際交流ニュース"
    assert layout(name, "ja").lines == (name,)
    placed = layout("Neue Hochschulfördervereinbarung: Bilanz", "de")
    assert placed.lines == ("Neue", "Hochschulfördervereinbarung:", "Bilanz") and placed.size == 60
    # Wider than a line at every size: cut (where kinsoku allows) at the largest it fits at.
    assert layout("スーパーコンピューターシミュレーションセンターとの共同研究", "ja").size == 68
