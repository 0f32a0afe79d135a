"""Reading one front-matter field's value: text, a flag, a day, a moment, a place, ``confirmed:``, ids.

Each reader takes the parsed front matter and a key, reports what is wrong with the value at
its line, and returns what could be read (an empty or None value where nothing could); which
keys a release or page has is `pressroom.source.frontmatter`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from pressroom.base.clock import implausible
from pressroom.base.errors import Problems
from pressroom.base.text import closest, collapse_spaces, shows_anything
from pressroom.source.yamlload import YamlList, YamlMap
from pressroom.source.yamlvalues import as_date, date_mistake, not_text, shown

CONFIRMED = "confirmed"
"""Written by ``build.py confirm``: the fingerprints of the sibling versions this one matches
(and its own, as it was then)."""
_FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")


def text_value(data: YamlMap, key: str, path: str, problems: Problems, required: bool = False) -> str:
    value: Any = data.get(key)
    if value is None:
        if required:  # 'title:' with nothing after it is there, and empty
            problems.error(
                path, *((data.line_of(key), f"'{key}' is empty") if key in data else (1, f"missing '{key}'"))
            )
        return ""
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        problems.error(path, data.line_of(key), not_text(key, value))
        return ""
    value = collapse_spaces(value)
    if required and not shows_anything(value):
        problems.error(path, data.line_of(key), f"'{key}' is empty")
    return value


_DATE_IN_PLACE = re.compile(
    r"\d{1,2}\.\s?\d{1,2}\.|\d{1,2}\.?\s+\w+\s+\d{4}|(?<!\w)\w+\s+\d{1,2},\s*\d{4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
"""A day written into a place (``Stuttgart, 17. Juli 2024``, ``17.07.2024``, ``July 17, 2024``,
``2024年7月17日``): a year alone is none (``Expo 2025``). A month's name is tried from the start
of a word only: tried from each of its letters, a text without spaces pasted whole (Japanese)
took time that grows with the square of its length."""
_PLACE_ENDS = (",", ";", ":", "–", "—", "-", "、", "，")
"""Marks a dateline adds after the place itself (a full stop may end a name: ``Washington, D.C.``)."""
_PLACE_FROM = "発"
"""The word the Japanese dateline puts after the place (``シュトゥットガルト発``, "issued from"),
which no place's name ends with: written into the place, the page said it twice."""


def place_value(data: YamlMap, path: str, problems: Problems) -> str:
    """``place:``, where a release was issued, for its dateline: one text in the version's own
    language (each version names it in its own file), the place alone, its date being ``date:``."""
    value: Any = data.get("place")
    line = data.line_of("place")
    if isinstance(value, list):  # two places, listed
        problems.error(
            path, line, "place: expected text, not a list; write two places as one, like 'Stuttgart/Yokohama'"
        )
        return ""
    if isinstance(value, dict):  # a name per language, as a partner's is written
        problems.error(
            path,
            line,
            "place: expected text, not a mapping (key: value lines); each language's version names the place in"
            " its own file, in its own language: 'place: Stuttgart' in German, 'place: シュトゥットガルト' in Japanese",
        )
        return ""
    place = text_value(data, "place", path, problems)
    if not shows_anything(place):  # 'place: ""', as `build.py new` writes it: no dateline
        return ""
    if (found := _DATE_IN_PLACE.search(place)) is not None:
        alone = place[: found.start()].rstrip(" ,;:–—-、，")
        instead = f"write 'place: {alone}'" if shows_anything(alone) else "write the place alone"
        problems.warning(
            path, line, f"place: '{place}' holds a date; {instead}: the dateline takes its date from 'date:'"
        )
    elif place.endswith(_PLACE_FROM):
        alone = place.removesuffix(_PLACE_FROM).rstrip()
        instead = f"write 'place: {alone}'" if shows_anything(alone) else "write the place alone"
        problems.warning(
            path,
            line,
            f"place: '{place}' ends with '{_PLACE_FROM}'; {instead}: the dateline adds '{_PLACE_FROM}' itself",
        )
    elif place.endswith(_PLACE_ENDS):
        problems.warning(
            path,
            line,
            f"place: '{place}' ends with '{place[-1]}'; write the place alone: the dateline adds its own punctuation",
        )
    return place


def written_empty(data: YamlMap, key: str, path: str, problems: Problems) -> bool:
    """Whether ``key`` is given with nothing in it: quotes alone (``slug: ""``), or no value at all
    (``slug:``), which was taken as no line."""
    given = data.get(key)
    return key in data and (given is None or (isinstance(given, str) and not text_value(data, key, path, problems)))


def flag_value(data: YamlMap, key: str, path: str, problems: Problems) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        problems.error(path, data.line_of(key), f"{key}: expected true or false")
        return False
    return value


def date_value(data: YamlMap, key: str, path: str, problems: Problems) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    day = as_date(value)
    if day is None:
        problems.error(path, data.line_of(key), f"{key}: {date_mistake(value)}")
    elif implausible(day):
        problems.error(path, data.line_of(key), f"{key}: {day.isoformat()} cannot be right; check the year")
        return None
    return day


def moment_value(data: YamlMap, key: str, path: str, problems: Problems) -> datetime | None:
    value = data.get(key)
    example = "write it like 2024-07-17T10:00+09:00"
    if value is None:
        if key in data:  # 'publish:' with its moment left out: published at once, under no embargo
            problems.error(
                path,
                data.line_of(key),
                f"{key}: is empty; give a date, time and time zone, like 2024-07-17T10:00+09:00, or remove the line",
            )
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        problems.error(path, data.line_of(key), f"{key}: {shown(value)} is not a moment in time; {example}")
        return None
    if moment.tzinfo is None or isinstance(value, date):
        # A day alone, or a time without its zone: the same words would be another moment in
        # Stuttgart and in Yokohama.
        timed = not isinstance(value, date) and (moment.hour or moment.minute or len(str(value).strip()) > 10)
        needs = "a time zone" if timed else "a time and a time zone"
        problems.error(path, data.line_of(key), f"{key}: {shown(value)} needs {needs}; {example}")
        return None
    if implausible(moment.date()):
        problems.error(path, data.line_of(key), f"{key}: {moment.isoformat()} cannot be right; check the year")
        return None
    return moment


def confirmed_value(data: YamlMap, path: str, problems: Problems) -> MappingProxyType | None:
    value = data.get(CONFIRMED)
    if value is None:
        return None
    if not isinstance(value, YamlMap) or not all(
        isinstance(k, str) and isinstance(v, str) and _FINGERPRINT_RE.match(v) for k, v in value.items()
    ):
        problems.error(
            path,
            data.line_of(CONFIRMED),
            "confirmed: this line is written by 'build.py confirm'; delete it and confirm again",
        )
        return None
    return MappingProxyType(dict(value))


def ids_value(
    data: YamlMap, key: str, known: frozenset[str] | None, what: str, path: str, problems: Problems
) -> tuple[str, ...] | None:
    if key not in data:
        return None
    value = data[key]
    if isinstance(value, str):
        value = YamlList(data.line_of(key))
        value.append(data[key])
        value.lines.append(data.line_of(key))
    if not isinstance(value, YamlList):
        problems.error(path, data.line_of(key), f"{key}: expected a list of {what} ids")
        return ()
    ids: list[str] = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if not isinstance(item, str):
            problems.error(path, line, f"{key}: expected a {what} id, not {shown(item)}")
        elif known is not None and item not in known and len(parts := _listed(item, known)) > 1:
            # 'kanagawa, jiangsu' is one text to YAML: the ids an editor listed, not a misspelt one.
            problems.error(path, line, f"unknown {what} '{item}': write several as a list, {key}: [{', '.join(parts)}]")
        elif known is not None and item not in known:
            hint = closest(item, known)
            problems.error(
                path,
                line,
                f"unknown {what} '{item}'" + (f" (did you mean '{hint}'?)" if hint else ""),
            )
        elif item not in ids:
            ids.append(item)
    return tuple(ids)


def _listed(item: str, known: Collection[str]) -> list[str]:
    """The ids ``item`` lists (``kanagawa, jiangsu``, ``energy health``); none where no comma
    sets them apart and none is an id: ``Climate Change`` is a name typed for one id."""
    parts = item.replace(",", " ").split()
    return parts if "," in item or any(part in known for part in parts) else []
