"""The build's date, and which dates a site's content can plausibly carry.

The date comes from ``SOURCE_DATE_EPOCH`` when it is set, so that a build can be reproduced
exactly; every "how many years", every "in the future" is judged against it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

EARLIEST = date(1800, 1, 1)
"""Older dates in content are typing mistakes (``0001-01-01``), not history."""
LATEST = date(2199, 12, 31)


EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def build_date() -> date:
    """Today in UTC, or the day of ``SOURCE_DATE_EPOCH`` so that a build can be reproduced
    exactly. UTC, not the machine's zone: two machines building the same commit at the same
    moment give the same site (a build in Tokyo after midnight counted a partnership's years
    to the next day). A malformed ``SOURCE_DATE_EPOCH`` raises ValueError: the command line
    refuses it first (`epoch_problem`)."""
    epoch = os.environ.get(EPOCH_VARIABLE, "").strip()
    if not epoch:
        return datetime.now(UTC).date()
    day = _epoch_day(epoch)
    if day is None:
        raise ValueError(epoch_problem())
    return day


def epoch_problem() -> str | None:
    """What is wrong with ``SOURCE_DATE_EPOCH``, if anything. Unset or empty is the clock; any
    other value must be what ``date +%s`` or ``git log -1 --format=%ct`` prints, a day this
    site's dates can follow. Taken for the clock before, a value such as ``1.7e9`` or
    ``$(git log …)`` run in the wrong folder gave a site that a rebuild did not reproduce,
    and one too large for the system ended the build in a traceback."""
    epoch = os.environ.get(EPOCH_VARIABLE, "").strip()
    if not epoch or _epoch_day(epoch) is not None:
        return None
    shown = epoch if len(epoch) <= 40 else epoch[:40] + "…"
    return (
        f"{EPOCH_VARIABLE}={shown!r} is not a moment: give the seconds since 1970-01-01 UTC as "
        f"'date +%s' or 'git log -1 --format=%ct' prints them (a day from {EARLIEST.year} to "
        f"{LATEST.year}), or leave it unset for the clock"
    )


def _epoch_day(epoch: str) -> date | None:
    """The UTC day of ``epoch``, or None if it is no whole number of seconds of a plausible day."""
    if not (epoch.isascii() and epoch.isdigit()):  # not '²' or '１', which isdigit() takes too
        return None
    try:
        day = datetime.fromtimestamp(int(epoch), tz=UTC).date()
    except (OverflowError, OSError, ValueError):  # beyond the system's time_t, or year 9999
        return None
    return None if implausible(day) else day


def implausible(day: date) -> bool:
    """A date no press release or partnership has: a slip of the keyboard, said as an error."""
    return not EARLIEST <= day <= LATEST
