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


def build_date() -> date:
    """Today in UTC, or the day of ``SOURCE_DATE_EPOCH`` so that a build can be reproduced
    exactly. UTC, not the machine's zone: two machines building the same commit at the same
    moment give the same site (a build in Tokyo after midnight counted a partnership's years
    to the next day)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(UTC).date()


def implausible(day: date) -> bool:
    """A date no press release or partnership has: a slip of the keyboard, said as an error."""
    return not EARLIEST <= day <= LATEST
