"""Sort keys close to each reader's dictionary order, without a process-wide locale.

Latin letters sort with their accents folded (Ł with L, É with E). Japanese sorts by reading in
the order of the kana table (gojūon), as a Japanese index or list of countries does: a kanji
name has no reading of its own here, so the country names that CLDR writes with a leading
kanji are given theirs (中国 ちゅうごく between カナダ and ドイツ, not after every kana name).
"""

from __future__ import annotations

import unicodedata

COUNTRY_READINGS_JA = {
    "AQ": "なんきょく",
    "AS": "べいりょうさもあ",
    "CF": "ちゅうおうあふりかきょうわこく",
    "CN": "ちゅうごく",
    "EH": "にしさはら",
    "EU": "おうしゅうれんごう",
    "GF": "ふつりょうぎあな",
    "GQ": "せきどうぎにあ",
    "HK": "ちゅうかじんみんきょうわこくほんこんとくべつぎょうせいく",
    "IO": "えいりょういんどようちいき",
    "JP": "にほん",
    "KP": "きたちょうせん",
    "KR": "かんこく",
    "MK": "きたまけどにあ",
    "MO": "ちゅうかじんみんきょうわこくまかおとくべつぎょうせいく",
    "MP": "きたまりあなしょとう",
    "PF": "ふつりょうぽりねしあ",
    "SS": "みなみすーだん",
    "TF": "ふつりょうきょくなんしょとう",
    "TL": "ひがしてぃもーる",
    "TW": "たいわん",
    "UM": "がっしゅうこくりょうゆうしょうりとう",
    "UN": "こくさいれんごう",
    "VG": "えいりょうゔぁーじんしょとう",
    "VI": "べいりょうゔぁーじんしょとう",
    "ZA": "みなみあふりか",
}
"""Readings of the Japanese country names (Babel's, from CLDR) that begin with a kanji."""

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def collation_key(text: str) -> tuple[str, str]:
    """Sort key for Latin-script names: accents and case folded, then the text itself."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return "".join(c for c in folded if not unicodedata.combining(c)), text


def kana_key(reading: str) -> str:
    """A reading in the order of a Japanese dictionary's first level: katakana as hiragana,
    voiced and small kana as their plain ones, the long-vowel mark and middle dots ignored."""
    plain = unicodedata.normalize("NFKD", reading.translate(_KATAKANA_TO_HIRAGANA))
    return "".join(c for c in plain if not unicodedata.combining(c) and c not in "ー・＝ ").translate(_SMALL_KANA)


def country_key(lang: str, code: str, name: str, reading: str = "") -> tuple[str, str]:
    """Sort key for a country's name in ``lang``, given its ISO code (and, for a Japanese name
    the site gives itself, its reading)."""
    if lang.split("-")[0] == "ja":
        return kana_key(reading or COUNTRY_READINGS_JA.get(code, name)), name
    return collation_key(name)
