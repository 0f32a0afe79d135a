"""What a YAML value says, for messages and as a date: a value as the editor wrote it
(`shown`), a date given plain or quoted (`as_date`), and what is wrong with one that is not
(`date_mistake`, with the day meant where only one reading fits: `date_meant`, which a partner
file's ``since`` and ``until`` are told too, as they are told an `impossible_day`)."""

from __future__ import annotations

import calendar
import re
from datetime import date


def not_text(name: str, value: object) -> str:
    """What to say of a field that wants text but was given another kind of value: most often a
    text that begins with ``[`` or ``{`` (``[Eilmeldung] Besuch …, mehr``), which YAML reads as a
    list or a mapping when it is closed on its line."""
    return (
        f"{name}: expected text, not {shown(value)}; a value that begins with '[' or '{{' is read as a list"
        ' or a mapping: put the whole text in quotes ("…")'
    )


def shown(value: object) -> str:
    """A YAML value as an editor wrote it, for a message: a string quoted, a list or a mapping
    said in words (not Python's ``['a']`` or ``datetime.date(2025, 1, 1)``)."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if value is None:
        return "nothing"
    return str(value)


def date_mistake(value: object) -> str:
    """What is wrong with a value `as_date` refused, as a message says it: a day the calendar
    does not have (``2024-02-30``) is told as such, not as a wrong way of writing a date."""
    impossible = impossible_day(value)
    if impossible is not None:
        return impossible
    if isinstance(value, str) and _NO_YEAR.fullmatch(value) is not None:  # written right, a year Python has not
        return f"{value} cannot be right; check the year"
    meant = date_meant(value)
    return f"{shown(value)} is not a date; write it as YYYY-MM-DD" + (f": {meant}" if meant else "")


_NO_YEAR = re.compile(r"(?:0000|[1-9]\d{4,})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
"""A date written as YYYY-MM-DD in year 0 or after 9999: told, as any year far off, to check the
year, not to write it as YYYY-MM-DD, which it is."""


def impossible_day(value: object) -> str | None:
    """Why ``value``, written as YYYY-MM-DD, is no day of the calendar (``2024-02-30``), or None."""
    text = value if isinstance(value, str) else ""
    parts = text.split("-")
    if len(text) == 10 and len(parts) == 3 and all(part.isascii() and part.isdigit() for part in parts):
        year, month, day = map(int, parts)
        if not 1 <= month <= 12:
            return f"{text} is no day of the calendar: a year has 12 months"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"{text} is no day of the calendar: {calendar.month_name[month]} {year} has {days} days"
    return None


_DAY_FIRST = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def date_meant(value: object) -> str | None:
    """The day (YYYY-MM-DD) a date written another way means, where only one reading fits: German
    ``17.07.2024`` and ``17. 7. 2024``, ``2024-7-17`` and ``2024/07/17``; None for the rest
    (``07/17/2024`` could be either order)."""
    text = value.strip() if isinstance(value, str) else ""
    day_first, year_first = _DAY_FIRST.fullmatch(text), _YEAR_FIRST.fullmatch(text)
    if day_first is not None:
        day, month, year = map(int, day_first.groups())
    elif year_first is not None:
        year, month, day = map(int, year_first.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def as_date(value: object) -> date | None:
    """A date given plain (``2024-07-17``) or quoted (``'2024-07-17'``); None for anything else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
