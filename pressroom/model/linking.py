"""Linking versions into releases and pages: the fields versions share, embargoes, URLs.

Versions are linked by path (the same file under each language folder) or by the same
``key``; the release-level fields (``date``, ``partners``, ``topics``) are agreed between
versions, embargoed releases are held back, and every version gets its URL, with collisions
reported before anything is written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from types import MappingProxyType

from pressroom.base.errors import Problem, Problems
from pressroom.base.parallel import run_ranges
from pressroom.model import routing
from pressroom.model.catalog import Catalog, Embargo, LinkResolver, Page, Release, Translation, VersionGroup
from pressroom.model.translation_status import version_states
from pressroom.source.config import SiteConfig
from pressroom.source.content import ContentTree
from pressroom.source.frontmatter import VersionSource, read_version
from pressroom.source.partners import Partner, Topic
from pressroom.source.slugs import slugify


def build_catalog(
    config: SiteConfig,
    tree: ContentTree,
    partners: dict[str, Partner],
    topics: dict[str, Topic],
    versions_read: list[VersionSource],
    problems: Problems,
    include_drafts: bool = False,
    now: datetime | None = None,
) -> Catalog:
    """Link and address every version published at ``now``."""
    versions: list[VersionSource] = []
    withheld: dict[tuple[str, str], str] = {}
    for version in versions_read:
        if version.draft and not include_drafts:
            withheld[(version.lang, version.rel)] = "a draft, which is not published"
            continue
        if version.untranslated and not version.draft:
            problems.warning(
                version.path,
                version.lines.get("untranslated", 1),
                "published but marked untranslated: readers get another language's text;"
                " translate it and confirm it, or keep it a draft",
            )
        versions.append(version)
    groups = group_versions(versions, problems)
    embargoed = _embargoes(groups, now or datetime.now(UTC), config.languages, problems)
    held = {e.key: e.moment for e in embargoed}
    for group in groups:
        if not group.is_page and group.key in held:
            for lang, version in group.versions.items():
                withheld[(lang, version.rel)] = f"a release under embargo until {held[group.key].isoformat()}"
    groups = [g for g in groups if g.is_page or g.key not in held]
    dates: dict[str, date] = {}
    shared: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for group in groups:
        if group.is_page:
            continue
        day = _release_date(group, config.languages, problems)
        if day is not None:
            dates[group.key] = day
        shared[group.key] = (
            _shared_ids(group, "partners", config.languages, problems),
            _shared_ids(group, "topics", config.languages, problems),
        )
    groups = [g for g in groups if g.is_page or g.key in dates]
    urls = _assign_urls(groups, dates, problems)
    resolver = LinkResolver(config, groups, urls, withheld, {(source.lang, source.rel) for source in tree.markdown})
    releases: list[Release] = []
    pages: list[Page] = []
    for group in groups:
        urls_of = {lang: urls[(group.key, lang)] for lang in group.versions}
        translations = linked_versions(group.versions, urls_of, config.languages)
        if group.is_page:
            pages.append(Page(group.key, translations))
        else:
            partner_ids, topic_ids = shared[group.key]
            moments = [v.publish for v in group.versions.values() if v.publish is not None]
            published = max(moments) if moments else None
            releases.append(Release(group.key, dates[group.key], partner_ids, topic_ids, translations, published))
    releases.sort(key=lambda r: r.key)
    releases.sort(key=lambda r: r.date, reverse=True)
    pages.sort(key=lambda p: p.key)
    return Catalog(
        config=config,
        releases=tuple(releases),
        pages=tuple(pages),
        partners=MappingProxyType(dict(sorted(partners.items()))),
        topics=MappingProxyType(dict(topics)),
        embargoed=tuple(embargoed),
        links=resolver,
    )


def _in_order(versions: dict[str, VersionSource], languages: tuple[str, ...]) -> Iterable[tuple[str, VersionSource]]:
    return ((lang, versions[lang]) for lang in languages if lang in versions)


def linked_versions(
    versions: dict[str, VersionSource], urls: Mapping[str, str], languages: tuple[str, ...]
) -> MappingProxyType:
    """Language → `Translation` of one release or page, in the site's language order, each
    knowing which of its siblings changed since it was confirmed."""
    states = version_states(versions, languages)
    return MappingProxyType(
        {
            lang: _translate(
                version, urls[lang], tuple((other, versions[other].updated) for other in states[lang].changed)
            )
            for lang, version in _in_order(versions, languages)
        }
    )


def read_versions(
    tree: ContentTree,
    partners: dict[str, Partner],
    topics: dict[str, Topic],
    problems: Problems,
    jobs: int = 1,
) -> list[VersionSource]:
    """Every Markdown file's checked front matter (drafts included), read by ``jobs`` processes."""
    sources = tree.markdown
    # A partner whose file exists but has errors is not also "unknown" in every release naming it.
    partner_ids = frozenset(partners) | frozenset(partner_id for partner_id, _ in tree.partners)
    topic_ids = frozenset(topics)

    def read(start: int, stop: int) -> tuple[list[VersionSource], list[Problem]]:
        found = Problems()
        versions = (read_version(source, partner_ids, topic_ids, found) for source in sources[start:stop])
        return [version for version in versions if version is not None], found.items

    versions: list[VersionSource] = []
    for read_here, found in run_ranges(read, len(sources), jobs):
        versions.extend(read_here)
        problems.extend(found)
    return versions


def group_versions(versions: list[VersionSource], problems: Problems) -> list[VersionGroup]:
    """Versions grouped by (kind, key): one group per release or page; duplicates are errors."""
    groups: dict[tuple[bool, str], VersionGroup] = {}
    for version in versions:
        group = groups.setdefault((version.is_page, version.key), VersionGroup(version.key, version.is_page, {}))
        other = group.versions.get(version.lang)
        if other is not None:
            problems.error(
                version.path,
                version.line_of("key") if version.key != version.rel else 1,
                f"two {version.lang} versions of '{version.key}': this file and {other.path}",
            )
            continue
        group.versions[version.lang] = version
    return sorted(groups.values(), key=lambda g: (g.is_page, g.key))


def _embargoes(
    groups: list[VersionGroup], now: datetime, languages: tuple[str, ...], problems: Problems
) -> list[Embargo]:
    """Releases whose ``publish`` moment is still ahead; versions that disagree get a warning."""
    found = []
    for group in groups:
        given = [v for _, v in _in_order(group.versions, languages) if v.publish is not None]
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
            found.append(Embargo(group.key, moment, tuple(v.path for _, v in _in_order(group.versions, languages))))
    return sorted(found, key=lambda e: (e.moment, e.key))


def _release_date(group: VersionGroup, languages: tuple[str, ...], problems: Problems) -> date | None:
    given = [(lang, v) for lang, v in _in_order(group.versions, languages) if v.date is not None]
    if not given:
        first = next(iter(_in_order(group.versions, languages)))[1]
        problems.error(
            first.path,
            2,
            "missing 'date': give the release date (YYYY-MM-DD) in at least one version",
        )
        return None
    chosen = _majority([v.date for _, v in given])
    for _, version in given:
        if version.date != chosen:
            problems.warning(
                version.path,
                version.line_of("date"),
                f"date {version.date} disagrees with the other versions; using {chosen}",
            )
    return chosen


def _shared_ids(group: VersionGroup, field: str, languages: tuple[str, ...], problems: Problems) -> tuple[str, ...]:
    given = [(v, getattr(v, field)) for _, v in _in_order(group.versions, languages) if getattr(v, field) is not None]
    if not given:
        return ()
    if all(ids == given[0][1] for _, ids in given):
        return given[0][1]  # the usual case, and what the majority would say
    chosen = _majority([ids for _, ids in given], same=lambda a, b: set(a) == set(b))
    for version, ids in given:
        if set(ids) != set(chosen):
            problems.warning(
                version.path,
                version.line_of(field),
                f"{field} [{', '.join(ids)}] disagree with the other versions; using [{', '.join(chosen)}]",
            )
    return chosen


def _majority(values: list, same=lambda a, b: a == b):  # type: ignore[no-untyped-def]
    """The value most versions give; on a tie the one of the earliest language."""
    counts = [sum(1 for other in values if same(value, other)) for value in values]
    return values[counts.index(max(counts))]


def _assign_urls(groups: list[VersionGroup], dates: dict[str, date], problems: Problems) -> dict[tuple[str, str], str]:
    """Every version's URL; two versions claiming one URL, or a page taking the address of one
    of the site's own pages, are errors on the file that has to change."""
    urls: dict[tuple[str, str], str] = {}
    claims: dict[str, list[VersionSource]] = {}
    # In the order pages are listed (releases newest first), so the older claimant is told.
    ordered = sorted(groups, key=lambda g: g.key)
    ordered.sort(key=lambda g: (g.is_page, -dates[g.key].toordinal() if g.key in dates else 0))
    for group in ordered:
        for lang, version in group.versions.items():
            slug = version.slug or slugify(posixpath.basename(version.rel))
            if group.is_page:
                url = routing.page(lang, slug)
                if slug in routing.RESERVED:
                    problems.error(
                        version.path,
                        version.line_of("slug"),
                        f"'/{url}' is claimed twice: by {version.path} and by the site's "
                        f"{routing.RESERVED[slug]}; give the page another slug",
                    )
            else:
                url = routing.release(lang, dates[group.key].year, slug)
            urls[(group.key, lang)] = url
            claims.setdefault(url, []).append(version)
    for url, claimants in claims.items():
        if len(claimants) > 1:
            first, last = claimants[0], claimants[-1]
            problems.error(
                last.path,
                last.line_of("slug"),
                f"'/{url}' is claimed twice: by {last.path} and by {first.path}; give one of them another slug",
            )
    return urls


def _translate(
    version: VersionSource,
    url: str,
    changed_siblings: tuple[tuple[str, date | None], ...],
) -> Translation:
    return Translation(
        lang=version.lang,
        title=version.title,
        summary=version.summary,
        source=version.source,
        url=url,
        path=version.path,
        line=version.line_of("slug"),
        location=version.location,
        rel=version.rel,
        updated=version.updated,
        changed_siblings=changed_siblings,
        contact=version.contact,
    )
