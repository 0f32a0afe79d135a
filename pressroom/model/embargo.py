"""Releases under embargo (``publish:`` ahead of the build): held back from the site until their
moment, and checked by every build before it as the build of that moment will check them.

An embargoed release has no page, list or feed entry, sitemap or search entry, share card or
media file before its moment. What a build says of a release (its versions disagreeing on a
shared field, its address taken, its body's broken links) was once said of an embargoed one
first by the scheduled run that published it: ``check --strict`` failed exactly when the
release was to go online. So it is modelled like a published release (`Embargo.release`),
though shown nowhere, and its bodies are checked with their links leading where they will
lead at its moment: to a release whose embargo ends later they lead nowhere then. The site as
that moment's build will model it (`at_its_moment`) is made from this model for its bodies and
for its own pages, which every build renders and throws away (`pressroom.pages.embargoed`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime
from types import MappingProxyType

from pressroom.base.errors import Problems
from pressroom.model.bodycache import BodyCache
from pressroom.model.catalog import Catalog, VersionGroup
from pressroom.model.sections import Sections
from pressroom.model.shared import in_order
from pressroom.model.texts import Embargo


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


def at_its_moment(catalog: Catalog, moment: datetime) -> Catalog:
    """The site as the build at ``moment`` will model it, as far as this model tells: the
    releases whose embargo has ended by then among the others, in their order, links leading
    where they will lead then (to a release embargoed longer: nowhere), with the pictures those
    releases show. Its bodies are kept nowhere and their sections are its own: what is made of
    it is only checked, never published."""
    out = [e.release for e in catalog.embargoed if e.moment <= moment and e.release is not None]
    media = catalog.media
    return dataclasses.replace(
        catalog,
        releases=tuple(sorted((*catalog.releases, *out), key=lambda r: (-r.date.toordinal(), r.key))),
        embargoed=tuple(e for e in catalog.embargoed if e.moment > moment),
        links=catalog.links.publishing(out),
        media=dataclasses.replace(media, images=MappingProxyType({**media.images, **catalog.held_media.images})),
        bodies=BodyCache(None),
        sections=Sections(),
    )


def check_held_bodies(catalog: Catalog, problems: Problems) -> None:
    """Report the problems of the embargoed releases' bodies (their links, their images) as the
    build at each one's moment will (`at_its_moment`)."""
    embargoed = catalog.embargoed
    for moment in sorted({e.moment for e in embargoed if e.release is not None}):
        then = at_its_moment(catalog, moment)
        for embargo in embargoed:
            if embargo.moment == moment and embargo.release is not None:
                for version in embargo.release.translations.values():
                    then.body(version, problems)
        then.check_sections(problems)
