"""Release dates that cannot be meant: a date ahead of the build, an update before the release,
a date of another year than the year's folder the release is saved in.

Each is valid YAML and a real day, so nothing failed: a release dated 2099 was published at
once and topped every list and feed, an ``updated:`` before the release's own date told
readers that a version had changed half a year before the release existed, and last year's
file copied and given this year's date stayed among last year's files, where nobody looks for
it and its siblings and links are sought (its address follows the date, not the folder).
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date, timedelta

from pressroom.base.errors import Problems
from pressroom.model.catalog import VersionGroup
from pressroom.source.frontmatter import VersionSource

GRACE = timedelta(days=1)
"""How far ahead of the build's day (in UTC) a date may be without a word: in Tokyo it is
already tomorrow for nine hours of every UTC day."""
_YEAR_FOLDER = re.compile(r"\d{4}")


def check_year_folder(version: VersionSource, saved: Container[str], problems: Problems) -> None:
    """Warn about a release whose own date is of another year than the year's folder it is in
    (``content/de/2024/x.md`` dated 2025); one in no year's folder is left alone. ``saved``:
    the paths of the site's files, to say when the name is taken in the folder it belongs in."""
    folder, _, name = version.rel.partition("/")
    if version.is_page or version.date is None or not name or not _YEAR_FOLDER.fullmatch(folder):
        return
    year = version.date.year
    if int(folder) == year:
        return
    target = f"content/{version.lang}/{year}/"
    taken = f"{target}{name}.md"
    move = f"move it to {target}"
    if taken in saved:
        move += f" under another name ({taken} is another release)"
    problems.warning(
        version.path,
        version.line_of("date"),
        f"dated {year} but saved in the {folder} folder: {move}, and its other versions to their {year}"
        f" folders, where the releases of {year} are looked for",
    )


def check_dates(group: VersionGroup, day: date, today: date, problems: Problems, held: bool = False) -> None:
    """Warn about the release date of ``group`` (``day``) and its versions' ``updated:``;
    ``held``: the release is under embargo, and ``today`` is the day it goes online."""
    ahead = f"the day its embargo ends ({today.isoformat()})" if held else f"today ({today.isoformat()})"
    for version in group.versions.values():
        if version.date == day and day > today + GRACE:
            problems.warning(
                version.path,
                version.line_of("date"),
                f"date {day.isoformat()} is ahead of {ahead}: the release goes online then, with this date;"
                " give the day it is issued as its date, or hold it longer with a later 'publish:'"
                if held
                else f"date {day.isoformat()} is ahead of {ahead}: the release is published now, with this date;"
                " to hold it until a moment, write 'publish:' (e.g. publish: "
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
                version.path, version.line_of("updated"), f"updated {version.updated.isoformat()} is ahead of {ahead}"
            )
