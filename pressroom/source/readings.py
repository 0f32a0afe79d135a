"""Readings of Japanese names in kana, by which Japanese lists sort them (gojūon order).

A name in kana is its own reading, and so is one in kana that ends in a designation read one
way only (カリフォルニア州 is read カリフォルニアしゅう). A name with any other kanji has no reading
the build could know: 江蘇省 is こうそしょう, and only the editor can say so (a partner's
``reading:``, checked here, or a country's ``{name, reading}`` in ``site.yaml``).
"""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

from pressroom.base.errors import Problems
from pressroom.base.languageparts import primary_subtag
from pressroom.source.yamlload import YamlMap
from pressroom.source.yamlvalues import shown

DESIGNATION_READINGS = {"州": "しゅう", "県": "けん", "省": "しょう", "市": "し", "区": "く"}
"""Designations that end a name written in kana, each with its only reading there."""


def is_japanese(lang: str) -> bool:
    return primary_subtag(lang) == "ja"


def kana_only(text: str) -> bool:
    """Hiragana and katakana, with the long-vowel mark and the dots and double hyphen of
    transcribed names (バーデン＝ヴュルテンベルク)."""
    return all(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) or c in "ー・＝" for c in text)


def _kanji(c: str) -> bool:
    return unicodedata.name(c, "").startswith("CJK ") or c in "々〆〇"


def own_reading(name: str) -> str:
    """The reading a Japanese name gives itself: the name, with a designation that ends it read
    out; "" for a name with kanji only its editor can read."""
    stem, last = name[:-1], name[-1:]
    if last in DESIGNATION_READINGS and stem and not _kanji(stem[-1]):
        name = stem + DESIGNATION_READINGS[last]
    return "" if any(_kanji(c) for c in name) else name


def partner_reading(
    data: YamlMap, name: MappingProxyType | None, languages: tuple[str, ...], path: str, problems: Problems
) -> str:
    """The reading of the Japanese name: the one given, else the name's own; a name with kanji
    and none given is warned about (its lists put it after the names they can read)."""
    given = data.get("reading")
    if given is not None:
        line = data.line_of("reading")
        text = given.strip() if isinstance(given, str) else ""
        if not text or not kana_only(text):
            problems.error(
                path,
                line,
                f"reading: {shown(given)} is not written in kana; give the Japanese name's reading"
                " in hiragana or katakana, e.g. 'reading: かながわけん' for 神奈川県",
            )
        return text
    ja = next((lang for lang in languages if is_japanese(lang)), None)
    if ja is None or name is None or ja not in name:
        return ""
    own = own_reading(name[ja])
    if not own:
        names = data["name"]
        problems.warning(
            path,
            names.line_of(ja) if isinstance(names, YamlMap) else data.line_of("name"),
            f"name: the Japanese name '{name[ja]}' has kanji, whose reading the build cannot know: add"
            " a line 'reading: …' with its reading in kana (as 'reading: かながわけん' for 神奈川県);"
            " Japanese lists sort by it, and put the name after those they can read until it is given",
        )
    return own
