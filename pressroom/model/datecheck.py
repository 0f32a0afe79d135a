"""Release dates that cannot be meant: a date ahead of the build, an update before the release.

Each is valid YAML and a real day, so nothing failed: a release dated 2099 was published at
once and topped every list and feed, and an ``updated:`` before the release's own date told
readers that a version had changed half a year before the release existed.
"""

from __future__ import annotations

from datetime import date, timedelta

from pressroom.base.errors import Problems
from pressroom.model.catalog import VersionGroup

GRACE = timedelta(days=1)
"""How far ahead of the build's day (in UTC) a date may be without a word: in Tokyo it is
already tomorrow for nine hours of every UTC day."""


def check_dates(group: VersionGroup, day: date, today: date, problems: Problems) -> None:
    """Warn about the release date of ``group`` (``day``) and its versions' ``updated:``."""
    for version in group.versions.values():
        if version.date == day and day > today + GRACE:
            problems.warning(
                version.path,
                version.line_of("date"),
                f"date {day.isoformat()} is ahead of today ({today.isoformat()}): the release is published now,"
                " with this date; to hold it until a moment, write 'publish:' (e.g. publish: "
                f"{day.isoformat()}T09:00+01:00) and give the day it is issued as its date",
            )
        if version.updated is None:
            continue
        if version.updated < day:
            problems.warning(
                version.path,
                version.line_of("updated"),
                f"updated {version.updated.isoformat()} is before the release's date, {day.isoformat()}:"
                " readers would be told it changed before it was issued",
            )
        elif version.updated > today + GRACE:
            problems.warning(
                version.path,
                version.line_of("updated"),
                f"updated {version.updated.isoformat()} is ahead of today ({today.isoformat()})",
            )
