"""When a partnership began or ended, as precisely as the sources say: a day, a year or a decade.

Owns the ``since``/``until`` value of a partner file. A source that says "since the early
1980s" must not become "1984": `Period` keeps what is known (the decade and, if given,
its early, middle or late part), and nothing downstream may invent a day or a year for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PART_START = {"": 0, "early": 0, "mid": 4, "late": 7}
_YEAR = re.compile(r"[12][0-9]{3}")
_DATE = re.compile(r"[12][0-9]{3}-[01][0-9]-[0-3][0-9]")
_PERIOD = re.compile(r"(?:(early|mid|late)[ -])?([12][0-9]{2}0)s")
FORMS = "a date (YYYY-MM-DD), a year (1982) or a decade (1980s, early 1980s, mid 1980s, late 1980s)"


@dataclass(frozen=True, slots=True)
class Period:
    """A decade, or a part of one: what a source means by "since the early 1980s"."""

    decade: int
    """The decade's first year: 1980 for the 1980s."""
    part: str = ""
    """"", "early", "mid" or "late"."""

    @property
    def year(self) -> int:
        """The earliest year the period can mean: for ordering only, never shown."""
        return self.decade + _PART_START[self.part]


When = date | int | Period
"""A full date, a year, or an approximate period."""


def parse_when(value: object) -> When | None:
    """A ``since``/``until`` value from YAML (a date, or text) as a `When`; None if it is neither."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if _YEAR.fullmatch(text):
        return int(text)
    match = _PERIOD.fullmatch(text)
    if match:
        return Period(int(match.group(2)), match.group(1) or "")
    return None


def start_year(when: When) -> int:
    """The year a value begins in (the earliest year a period can mean): for ordering."""
    if isinstance(when, Period):
        return when.year
    return when if isinstance(when, int) else when.year


def end_year(when: When) -> int:
    """The last year a value can mean: 1989 for the 1980s or the late 1980s, 1983 for the early 1980s."""
    if isinstance(when, Period):
        return when.decade + {"": 9, "early": 3, "mid": 6, "late": 9}[when.part]
    return start_year(when)
