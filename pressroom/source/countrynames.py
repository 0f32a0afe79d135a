"""``site.yaml``'s ``country_names``: the names a site's press style gives countries where CLDR's differ.

CLDR names each country as a country list does (アメリカ合衆国), while a press office may write
the short name its releases use (米国). A Japanese name is sorted on the partner index by its
reading, in the order of the kana table; a name that begins with a kanji has no reading the
build could know, so it is given one: ``ja: {US: {name: 米国, reading: べいこく}}``.
"""

from __future__ import annotations

from types import MappingProxyType

from pressroom.base.errors import Problems
from pressroom.source.partners import known_country
from pressroom.source.readings import is_japanese, kana_only
from pressroom.source.yamlload import YamlMap

SETTING = "country_names"

CountryName = tuple[str, str, str]
"""A country's code, name and, in Japanese, the reading it sorts by (empty where the name is its own)."""


def _needs_reading(lang: str, name: str) -> bool:
    """A Japanese name that does not begin in kana: its order on the index would be its code point's."""
    return is_japanese(lang) and not kana_only(name[:1])


def read_country_names(
    value: object, line: int, display: str, languages: tuple[str, ...], problems: Problems
) -> MappingProxyType[str, tuple[CountryName, ...]]:
    """``{lang: {code: name or {name, reading}}}``, each problem reported with its line."""
    rule = f"{SETTING}: expected language: {{country code: name}} pairs, e.g. {{en: {{GB: Britain}}}}"
    if not isinstance(value, YamlMap):
        problems.error(display, line, rule)
        return MappingProxyType({})
    names: dict[str, tuple[CountryName, ...]] = {}
    for lang, countries in value.items():
        where = value.line_of(lang)
        if lang not in languages:
            problems.error(display, where, f"{SETTING}: '{lang}' is not one of the site's languages")
            continue
        if not isinstance(countries, YamlMap):
            problems.error(display, where, rule)
            continue
        names[lang] = tuple(
            entry
            for code, given in countries.items()
            if (entry := _read_entry(lang, code, given, countries.line_of(code), display, problems)) is not None
        )
    return MappingProxyType(names)


def _read_entry(lang: str, code: str, given: object, line: int, display: str, problems: Problems) -> CountryName | None:
    key = f"{SETTING}.{lang}.{code}"
    if not known_country(code):
        problems.error(display, line, f"{key}: '{code}' is no ISO 3166 country code (e.g. US, CN, CA)")
        return None
    if isinstance(given, str):
        name, reading = given.strip(), ""
    elif isinstance(given, YamlMap) and set(given) <= {"name", "reading"} and isinstance(given.get("name"), str):
        name, reading = given["name"].strip(), str(given.get("reading", "")).strip()
    else:
        problems.error(display, line, f"{key}: expected a name, or {{name: …, reading: …}}")
        return None
    if not name:
        problems.error(display, line, f"{key}: the name is empty")
        return None
    if reading and not is_japanese(lang):
        problems.error(display, line, f"{key}: a reading sorts Japanese names only; leave it out")
        return None
    if reading and not kana_only(reading):
        problems.error(display, line, f"{key}: the reading '{reading}' is not written in kana")
        return None
    if not reading and _needs_reading(lang, name):
        problems.error(
            display,
            line,
            f"{key}: '{name}' begins with a kanji; give its reading, e.g. {{name: {name}, reading: …}},"
            " so the partner index sorts it among the others",
        )
        return None
    return code, name, reading
