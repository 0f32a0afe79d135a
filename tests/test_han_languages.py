"""Every kind of Chinese a site may be written in (Cantonese ``yue``, Mandarin ``cmn``, which
Babel knows, and Chinese with a script or region, ``zh-Hant``) is Chinese wherever Chinese is
told apart: its descriptions are cut as Chinese, its line ends joined as Chinese, its changes
counted in characters. Each list of those languages had drifted from the others."""

from __future__ import annotations

import pytest

from pressroom.pages.releases import search_snippet
from pressroom.source.frontmatter import Translatable
from pressroom.workflow.diff import tokens
from pressroom.workflow.segments import segment

CHINESE = ["yue", "cmn", "zh-Hant"]
TEXT = "江苏省与巴登符腾堡州签署合作协议推动氢能和自动驾驶领域的交流与合作" * 5


@pytest.mark.parametrize("lang", CHINESE)
def test_a_description_from_a_chinese_opening_is_cut_where_chinese_is(lang: str) -> None:
    """Search engines show about 90 Chinese characters: a zh-Hant, Cantonese or Mandarin page's
    description ran to 160, and was cut by them wherever their limit fell."""
    assert search_snippet(TEXT, lang) == search_snippet(TEXT, "zh")
    assert len(search_snippet(TEXT, lang)) == 90


@pytest.mark.parametrize("lang", ["yue", "cmn"])
def test_a_chinese_paragraphs_line_ends_are_joined_without_spaces_for_its_translator(lang: str) -> None:
    """A line end inside Cantonese or Mandarin text became a space in the text a translator gets."""
    document = segment(Translatable("T", "", "", "第一行\n第二行\n"), lang)
    assert document.units[1].text == "第一行第二行"


@pytest.mark.parametrize("lang", ["yue", "cmn"])
def test_a_chinese_change_is_counted_in_characters(lang: str) -> None:
    """``build.py diff`` counted a Cantonese or Mandarin sentence changed in one character as one
    changed word, the whole sentence."""
    assert tokens("廣東代表團到訪", lang) == list("廣東代表團到訪")
