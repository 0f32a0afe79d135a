"""The classes each owner composes of the script ranges (`pressroom.base.scripts`) answer its own
question: which characters each takes for kana, kanji, Hangul, punctuation or none of them."""

from __future__ import annotations

import re
import unicodedata

import pytest

from pressroom.base import encodings
from pressroom.base.scripts import HIRAGANA, KANA_VOICING_MARKS, KATAKANA, character_class
from pressroom.model import copies
from pressroom.output import search_text
from pressroom.source import mdcjk, scriptruns

KANA = "かカｶ"
KANJI = "神々"
HANGUL = "한"
FULL_WIDTH_COMMA = "，"
LATIN = "aÄ1"


def matches(pattern: str | re.Pattern[str], characters: str) -> list[bool]:
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    return [compiled.fullmatch(c) is not None for c in characters]


@pytest.mark.parametrize(
    ("name", "pattern", "taken", "left"),
    [
        # A copy's title in its original's language: any kana, kanji or Hangul, no punctuation.
        ("copies", copies._HAN_KANA_HANGUL, "かカ神한", "ｶ，、 aÄ1"),
        # Where CSS Text 3 drops a line end: wide and half-width characters, Hangul syllables apart.
        ("mdcjk wide", f"[{mdcjk._WIDE}]", "かカｶ神々，、\u3000", "한aÄ1\u303f"),
        ("mdcjk hangul", mdcjk._HANGUL, "한ㄱᄀ", "かカ神，aÄ1"),
        # The search index's Japanese letters, its punctuation and its voicing marks, each apart.
        ("search letters", f"[{search_text._KANA_KANJI}]", "かカｶ神々ー", "・、，\u3099한aÄ1"),
        ("search punctuation", f"[{search_text._PUNCTUATION}]", "・、。，（", "\u3000０Ａかa"),
        ("search marks", f"[{search_text._MARKS}]", "\u3099\u309aﾞ", "゛か"),
        ("search digits", f"[{search_text._DIGITS}]", "1０", "一a"),
        # A run a text leaves unmarked: kana (only Japanese writes them), kanji, Hangul, and what
        # stands between letters of one run without being a run alone.
        ("runs kana", f"[{scriptruns._KANA}]", "かカｶーㇰ", "・神한，aÄ1"),
        ("runs kanji", f"[{scriptruns._KANJI}]", "神々〇𠀋", "かカ한，、aÄ1"),
        ("runs hangul", f"[{scriptruns._HANGUL}]", "한ㄱᄀ", "かカ神，aÄ1"),
        ("runs between", f"[{scriptruns._BETWEEN}]", "・、。「（！\u3000", "かカ神々〇한aÄ1 \u303f"),
        # What shows a Shift_JIS file Japanese: not half-width katakana, which Western letters read as.
        ("shift_jis", encodings._JAPANESE, "かカ神々〇，、\u3000", "ｶﾟ한αЖ─aÄ1"),
    ],
)
def test_each_owners_class_takes_its_own_characters(
    name: str, pattern: str | re.Pattern[str], taken: str, left: str
) -> None:
    assert matches(pattern, taken) == [True] * len(taken), name
    assert matches(pattern, left) == [False] * len(left), name


def test_shift_jis_text_is_japanese_where_the_unicode_names_say_kana_kanji_full_width_or_ideographic() -> None:
    encoded = {chr(c) for c in range(0x10000) if _in_shift_jis(chr(c))}
    assert len(encoded) > 7000
    named = {
        c
        for c in encoded
        if unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA", "CJK UNIFIED", "FULLWIDTH", "IDEOGRAPHIC"))
    }
    assert {c for c in encoded if encodings._is_japanese(c)} == named


def test_a_class_without_some_characters_leaves_them_out_and_joins_what_touches() -> None:
    kana = character_class(HIRAGANA, KATAKANA, without=(KANA_VOICING_MARKS,))
    assert kana == "\u3041-\u3098\u309d-\u30ff"
    assert matches(f"[{kana}]", "あゝ゠ヿ゛\u3099") == [True, True, True, True, False, False]
    assert character_class(((0x5D, 0x5E), (0x2D, 0x2D))) == "\\-\\]-\\^"


def _in_shift_jis(character: str) -> bool:
    try:
        character.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return True
