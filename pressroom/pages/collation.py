"""Sort keys close to each reader's dictionary order, without a process-wide locale.

Latin letters sort with their accents folded (Ł with L, É with E). Japanese sorts by reading in
the order of the kana table (gojūon), as a Japanese index or list of countries does: a kanji
name has no reading of its own here, so the country names that CLDR writes with a leading
kanji are given theirs (中国 ちゅうごく between カナダ and ドイツ, not after every kana name).

Partners are listed as an index lists places: by the distinctive part of the name, a leading
designation set aside ("Provinz Jiangsu" under J, "Woiwodschaft Łódź" under L), and in
Japanese by the reading of the name (神奈川県 かながわけん before カリフォルニア州).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pressroom.base.languageparts import primary_subtag
from pressroom.source.partners import Partner
from pressroom.source.readings import is_japanese

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

LEADING_DESIGNATIONS = {
    "de": (
        "Autonome Region",
        "Autonome Republik",
        "Bezirk",
        "Bundesstaat",
        "Departement",
        "Distrikt",
        "Freistaat",
        "Gebiet",
        "Kanton",
        "Kreis",
        "Oblast",
        "Präfektur",
        "Provinz",
        "Region",
        "Republik",
        "Stadt",
        "Woiwodschaft",
    ),
    "en": (
        "City of",
        "Free State of",
        "Prefecture of",
        "Province of",
        "Region of",
        "Republic of",
        "State of",
    ),
}
"""Words that begin a partner's name in a language but not its place in an index: "Provinz
Jiangsu" is found under J. (Japanese and English names put the designation last: 江蘇省,
Jiangsu Province.)"""

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
    if is_japanese(lang):
        return kana_key(reading or COUNTRY_READINGS_JA.get(code, name)), name
    return collation_key(name)


def index_name(lang: str, name: str) -> str:
    """The part of a name an index sorts it by: the name without a leading designation."""
    for designation in sorted(LEADING_DESIGNATIONS.get(primary_subtag(lang), ()), key=len, reverse=True):
        if name.startswith(designation + " ") and (rest := name[len(designation) + 1 :].strip()):
            return rest
    return name


def partner_key(lang: str, partner: Partner) -> tuple[int, str, str, str]:
    """Sort key for a partner's name in ``lang``: by its reading in Japanese (one with kanji and
    no reading after those with one, by its name), else by the name an index files it under."""
    name = partner.name[lang]
    if is_japanese(lang):
        return (0, kana_key(partner.reading), name, partner.id) if partner.reading else (1, name, name, partner.id)
    return (0, *collation_key(index_name(lang, name)), partner.id)


def by_name(lang: str, partners: Iterable[Partner]) -> list[Partner]:
    """Partners in the order of their names in ``lang``, as an index or a list of places has them."""
    return sorted(partners, key=lambda p: partner_key(lang, p))
