"""A partner's ``location``: read as degrees, and what one written another way means, the
``[latitude, longitude]`` to write.

Editors copy a position from wherever they find it: a German spreadsheet with decimal commas
(``[48,7, 9,1]``, which YAML reads as four numbers), a map that gives it without brackets
(``48.7, 9.1``), or an encyclopedia in degrees and minutes (``48° 47′ N, 9° 11′ O``). Each is
refused, and the message names the value meant where only one reading fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressroom.base.errors import Problems
from pressroom.source.yamlload import YamlList, YamlMap

_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_WHOLE = re.compile(r"-?[0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_APART = re.compile(r"\s*[;/]\s*|,\s+|\s+")
_DEGREES = re.compile(
    r"([0-9]+(?:[.,][0-9]+)?)\s*°\s*(?:([0-9]+(?:[.,][0-9]+)?)\s*[′']\s*)?"
    r"(?:([0-9]+(?:[.,][0-9]+)?)\s*(?:″|''|\")\s*)?([NSEOW])",
    re.IGNORECASE,
)
_SIGN = {"n": 1, "s": -1, "e": 1, "o": 1, "w": -1}  # O: Ost, as German sources write east


def location_meant(value: object) -> str | None:
    """``[48.7, 9.1]`` for a location written another way, when it can mean only that; else None."""
    if isinstance(value, str):
        items: Sequence[object] = [value]
    elif isinstance(value, Sequence):
        items = value
    else:
        return None
    if not all(isinstance(item, str) for item in items):
        return None
    texts = [str(item).strip() for item in items]
    wholes, fractions = texts[::2], texts[1::2]
    if len(texts) == 4 and all(map(_WHOLE.fullmatch, wholes)) and all(map(_DIGITS.fullmatch, fractions)):
        numbers = [float(f"{texts[0]}.{texts[1]}"), float(f"{texts[2]}.{texts[3]}")]  # decimal commas
    elif len(texts) == 2 and all(_NUMBER.fullmatch(t) for t in texts):
        numbers = [float(t.replace(",", ".")) for t in texts]
    else:
        numbers = _degrees(", ".join(texts)) or _two_numbers(", ".join(texts))
    if numbers is None or len(numbers) != 2:
        return None
    lat, lon = numbers
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"[{_degrees_shown(lat)}, {_degrees_shown(lon)}]"


def _degrees_shown(number: float) -> str:
    return f"{number:.4f}".rstrip("0").rstrip(".")


def _two_numbers(text: str) -> list[float] | None:
    parts = [part for part in _APART.split(text) if part]
    if len(parts) != 2 or not all(_NUMBER.fullmatch(part) for part in parts):
        return None
    return [float(part.replace(",", ".")) for part in parts]


def _degrees(text: str) -> list[float] | None:
    found = list(_DEGREES.finditer(text))
    if len(found) != 2 or _DEGREES.sub("", text).strip(" ,;/"):
        return None
    numbers = []
    for match, axis in zip(found, ("ns", "eow"), strict=True):
        if match.group(4).lower() not in axis:
            return None
        degrees, minutes, seconds = (float((g or "0").replace(",", ".")) for g in match.group(1, 2, 3))
        numbers.append(round(_SIGN[match.group(4).lower()] * (degrees + minutes / 60 + seconds / 3600), 4))
    return numbers


def read_location(data: YamlMap, path: str, problems: Problems) -> tuple[float, float] | None:
    """A partner's ``location:`` as (latitude, longitude), or None when it gives none or a wrong one (said)."""
    value = data.get("location")
    if value is None:
        return None
    line = data.line_of("location")
    meant = location_meant(value)
    message = "location: expected [latitude, longitude] in degrees" + (
        f", with decimal points; write it as {meant}" if meant else ""
    )
    if not isinstance(value, YamlList) or len(value) != 2:
        problems.error(path, line, message)
        return None
    # Numbers as written only: float() also takes nan, inf, infinity and 4_8.7, and true and false
    # for 1 and 0.
    if not all(isinstance(v, str) and _DEGREES_WRITTEN.fullmatch(v.strip()) for v in value):
        problems.error(path, line, message)
        return None
    lat, lon = (float(v) for v in value)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # 1e400 too, read as infinite
        written = ", ".join(v.strip() for v in value)
        problems.error(path, line, f"location: [{written}] is out of range (latitude ±90, longitude ±180)")
        return None
    return lat, lon


_DEGREES_WRITTEN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
