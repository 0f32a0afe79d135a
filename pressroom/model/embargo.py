"""Releases under embargo (``publish:`` ahead of the build): held back from the site until their
moment, and checked by every build before it as the build of that moment will check them.

An embargoed release has no page, list or feed entry, sitemap or search entry, share card or
media file before its moment. What a build says of a release (its versions disagreeing on a
shared field, its address taken, its body's broken links) was once said of an embargoed one
first by the scheduled run that published it: ``check --strict`` failed exactly when the
release was to go online. So it is modelled like a published release (`Embargo.release`),
though shown nowhere, and its bodies are checked with their links leading where they will
lead at its moment: to a release whose embargo ends later they lead nowhere then.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from pressroom.base.errors import Problems
from pressroom.model.catalog import Catalog, Embargo, LinkResolver, VersionGroup
from pressroom.model.media import MediaLibrary
from pressroom.model.sections import Sections
from pressroom.model.shared import in_order


def embargoes(
    groups: list[VersionGroup], now: datetime, languages: tuple[str, ...], problems: Problems
) -> list[Embargo]:
    """Releases whose ``publish`` moment is still ahead, soonest first; versions that disagree
    get a warning."""
    found = []
    for group in groups:
        given = [v for _, v in in_order(group.versions, languages) if v.publish is not None]
        if group.is_page or not given:
            continue
        moment = max(v.publish for v in given if v.publish is not None)
        for version in given:
            if version.publish != moment:
                problems.warning(
                    version.path,
                    version.line_of("publish"),
                    f"publish {version.publish.isoformat() if version.publish else ''} disagrees with the "
                    f"other versions; holding the release until the latest, {moment.isoformat()}",
                )
        if moment > now:
            found.append(Embargo(group.key, moment, tuple(v.path for _, v in in_order(group.versions, languages))))
    return sorted(found, key=lambda e: (e.moment, e.key))


def held_back(
    groups: Iterable[VersionGroup], embargoed: Iterable[Embargo], after: datetime | None = None
) -> dict[tuple[str, str], str]:
    """(language, path) → why it is not published, of every version of a release whose embargo
    ends after ``after`` (of every embargoed release: None)."""
    until = {e.key: e.moment for e in embargoed if after is None or e.moment > after}
    return {
        (lang, version.rel): f"a release under embargo until {until[group.key].isoformat()}"
        for group in groups
        if not group.is_page and group.key in until
        for lang, version in group.versions.items()
    }


def day_judged(now: datetime, moment: datetime | None) -> date:
    """The day a release's dates are judged against: the build's, or, for one under embargo, the
    day it goes online (its date may be that day, ahead of the build's, as it should)."""
    return (now if moment is None else moment.astimezone(now.tzinfo)).date()


def check_held_bodies(
    catalog: Catalog,
    groups: list[VersionGroup],
    urls: dict[tuple[str, str], str],
    drafts: Mapping[tuple[str, str], str],
    media: MediaLibrary,
    problems: Problems,
) -> None:
    """Report the problems of the embargoed releases' bodies (their links, their images) as the
    build at each one's moment will: ``catalog`` is the site as published now, ``groups`` and
    ``urls`` every addressed release and page, embargoed ones too, ``drafts`` the versions
    left out as drafts (why, by language and path), ``media`` every image the content names."""
    embargoed = catalog.embargoed
    for moment in sorted({e.moment for e in embargoed if e.release is not None}):
        later = {e.key for e in embargoed if e.moment > moment}
        shown = [g for g in groups if g.is_page or g.key not in later]
        waiting = held_back(groups, embargoed, moment)
        links = LinkResolver(catalog.config, shown, urls, {**drafts, **waiting}, catalog.links.existing)
        then = dataclasses.replace(
            catalog,
            releases=(*catalog.releases, *(e.release for e in embargoed if e.key not in later and e.release)),
            links=links,
            media=media,
            sections=Sections(),  # its own: the build's bodies are rendered with other links
        )
        for embargo in embargoed:
            if embargo.moment == moment and embargo.release is not None:
                for version in embargo.release.translations.values():
                    then.body(version, problems)
        then.check_sections(problems)
