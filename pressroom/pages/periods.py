"""How the start and end of a partnership read in each language, never more precise than the data.

Owns the wording of ``since``/``until`` on partner pages, the index and the timeline: a day
as Babel writes it ("24. November 1989", "1989年11月24日"), a year as CLDR writes it alone
("1982", "1982年"), and a decade or part of one from the catalogs ("Anfang der
1980er-Jahre", "1980年代初め", "early 1980s"). How many years a partnership has lasted is
counted only from a day or a year: a decade gives no such number.
"""

from __future__ import annotations

from datetime import date

from pressroom.base.i18n import Language
from pressroom.source.periods import Period, When


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is used."""
    return message


# A decade or a part of one: (on its own, after "since"). German needs both forms
# ("Anfang der 1980er-Jahre", "seit den 1980er-Jahren"), English its article.
_DECADES = {
    "": (N_("%(decade)ss"), N_("since the %(decade)ss")),
    "early": (N_("early %(decade)ss"), N_("since the early %(decade)ss")),
    "mid": (N_("mid-%(decade)ss"), N_("since the mid-%(decade)ss")),
    "late": (N_("late %(decade)ss"), N_("since the late %(decade)ss")),
}


def year_text(language: Language, year: int) -> str:
    """A year on its own, as the reader's language writes it: 1982, 1982年."""
    return language.year(year)


def when_text(language: Language, when: When) -> str:
    """A start or end on its own (a table cell, a timeline mark): as precise as it is known."""
    if isinstance(when, date):
        return language.date(when)
    if isinstance(when, int):
        return year_text(language, when)
    return _period_text(language, when)


def since_text(language: Language, when: When) -> str:
    """The phrase "since …": seit 1982, 1982年から, since the early 1980s."""
    if not isinstance(when, Period):
        return language.gettext("since %(since)s") % {"since": when_text(language, when)}
    return language.gettext(_DECADES[when.part][1]) % {"decade": str(when.decade)}


def span_text(language: Language, since: When, until: When | None) -> str:
    """The time a cooperation that has ended ran: 2015–2016, 2015年～2016年."""
    start = when_text(language, since)
    if until is None:
        return start
    return language.gettext("%(start)s–%(end)s") % {"start": start, "end": when_text(language, until)}


def mark_text(language: Language, when: When) -> str:
    """The short mark on the timeline: the year of a day, else the value as it is known."""
    return year_text(language, when.year) if isinstance(when, date) else when_text(language, when)


def _period_text(language: Language, period: Period) -> str:
    return language.gettext(_DECADES[period.part][0]) % {"decade": str(period.decade)}
