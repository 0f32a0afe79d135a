"""Linking versions into releases and pages: the fields versions share, embargoes, URLs.

Versions are linked by path (the same file under each language folder) or by the same
``key``; the release-level fields (``date``, ``partners``, ``topics``) are agreed between
versions, and every version gets its URL, with collisions reported before anything is
written. Embargoed releases go through all of it as the others do, and are then held back
(`pressroom.model.embargo`).
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import chain
from types import MappingProxyType

from pressroom.base.errors import Problem, Problems
from pressroom.base.parallel import run_ranges
from pressroom.model import routing
from pressroom.model.catalog import Catalog, LinkResolver, VersionGroup
from pressroom.model.copies import OWN, CopiedTexts, copied_texts, original_of, place_shown
from pressroom.model.datecheck import check_dates, check_year_folder
from pressroom.model.embargo import check_held_bodies, day_judged, embargoes, held_back
from pressroom.model.keycheck import check_keys
from pressroom.model.media import EMPTY_LIBRARY, Download, LeadImage, MediaLibrary
from pressroom.model.redirects import Former, former_urls
from pressroom.model.shared import in_order, missing_places, release_date, shared_ids, shared_image
from pressroom.model.texts import Page, Release, Translation
from pressroom.model.translation_status import version_states
from pressroom.source.config import SiteConfig
from pressroom.source.content import TOPICS_FILE, ContentTree
from pressroom.source.frontmatter import PartialVersion, VersionSource, read_version
from pressroom.source.ids import partner_file_ids
from pressroom.source.knownversions import KnownVersions, unchanged
from pressroom.source.partners import Partner, Topic
from pressroom.source.press import check_no_other_languages
from pressroom.source.slugs import MAX_SLUG_BYTES, UNTITLED, slugify


def build_catalog(
    config: SiteConfig,
    tree: ContentTree,
    partners: dict[str, Partner],
    topics: dict[str, Topic],
    versions_read: list[VersionSource],
    problems: Problems,
    include_drafts: bool = False,
    now: datetime | None = None,
    media: MediaLibrary = EMPTY_LIBRARY,
    partial: Sequence[PartialVersion] = (),
) -> Catalog:
    """Link and address every version published at ``now``; lead images and downloads from
    ``media``. ``partial``: what was read of the files with errors (see `read_versions`)."""
    versions: list[VersionSource] = []
    withheld: dict[tuple[str, str], str] = {}
    drafts: dict[str, list[VersionSource]] = {}  # by release key: what a withdrawn version held is named
    saved = {v.path for v in versions_read} | {p.path for p in partial}
    for version in versions_read:
        check_year_folder(version, saved, problems)  # a draft too: last year's file copied is one while being written
        if version.contact is not None:
            where = version.lines.get("contact", 1)
            check_no_other_languages(version.contact, config.languages, version.path, where, "contact", problems)
        if version.draft and not include_drafts:
            withheld[(version.lang, version.rel)] = "a draft, which is not published"
            if not version.is_page:
                drafts.setdefault(version.key, []).append(version)
            continue
        if version.untranslated and not version.draft:
            problems.warning(
                version.path,
                version.lines.get("untranslated", 1),
                "published but marked untranslated: readers get another language's text;"
                " translate it and confirm it, or keep it a draft",
            )
        versions.append(version)
    groups = group_versions(versions, problems, partial)
    for group in groups:  # an embargoed release's too: told before it goes online, not by the run that publishes it
        if not group.is_page:
            missing_places(group, config.languages, problems)
    now = now or datetime.now(UTC)  # one moment for the embargoes and the dates
    embargoed = embargoes(groups, now, config.languages, problems)
    held = {e.key: e.moment for e in embargoed}
    unpublished = {**withheld, **held_back(groups, embargoed)}  # drafts' versions, and embargoed releases'
    # An embargoed release is modelled, and so checked, as a published one (`pressroom.model.embargo`);
    # it is left out of the catalog the site is made of.
    dates: dict[str, date] = {}
    shared: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for group in groups:
        if group.is_page:
            continue
        from_drafts = drafts.get(group.key, ())
        day = release_date(group, config.languages, problems, from_drafts)
        if day is not None:
            dates[group.key] = day
            check_dates(group, day, day_judged(now, held.get(group.key)), problems, group.key in held)
        shared[group.key] = (
            shared_ids(group, "partners", config.languages, problems, from_drafts),
            shared_ids(group, "topics", config.languages, problems, from_drafts),
        )
    groups = [g for g in groups if g.is_page or g.key in dates]
    urls = _assign_urls(groups, dates, problems)  # an address an embargoed release will take is taken now
    formers = former_urls(config, groups, dates, urls, problems)
    shown = [g for g in groups if g.is_page or g.key not in held]
    resolver = LinkResolver(
        config,
        shown,
        {(g.key, lang): urls[(g.key, lang)] for g in shown for lang in g.versions},
        unpublished,
        {(source.lang, source.rel) for source in tree.markdown},
    )
    releases: list[Release] = []
    ahead: dict[str, Release] = {}
    pages: list[Page] = []
    for group in groups:
        urls_of = {lang: urls[(group.key, lang)] for lang in group.versions}
        from_drafts = () if group.is_page else drafts.get(group.key, ())
        formerly = {lang: formers.get((group.key, lang), ()) for lang in group.versions}
        translations = linked_versions(
            group.versions, urls_of, config.languages, media, problems, from_drafts, formerly
        )
        if group.is_page:
            pages.append(Page(group.key, translations))
        else:
            partner_ids, topic_ids = shared[group.key]
            moments = [v.publish for v in group.versions.values() if v.publish is not None]
            published = max(moments) if moments else None
            release = Release(group.key, dates[group.key], partner_ids, topic_ids, translations, published)
            if group.key in held:
                ahead[group.key] = release
            else:
                releases.append(release)
    releases.sort(key=lambda r: r.key)
    releases.sort(key=lambda r: r.date, reverse=True)
    pages.sort(key=lambda p: p.key)
    shows = (t.image for r in (*releases, *ahead.values()) for t in r.translations.values() if t.image is not None)
    withheld = frozenset(image.rendition.info.digest for image in shows if not image.offered)
    catalog = Catalog(
        config=config,
        releases=tuple(releases),
        pages=tuple(pages),
        partners=MappingProxyType(dict(sorted(partners.items()))),
        topics=MappingProxyType(dict(topics)),
        embargoed=tuple(dataclasses.replace(e, release=ahead.get(e.key)) for e in embargoed),
        drafts=tuple((v.digest, v.lang) for v in versions_read if v.draft and not include_drafts and v.digest),
        links=resolver,
        media=dataclasses.replace(media.shown_only(_images_named(shown), config.languages), withheld=withheld),
        held_media=media.shown_only(_images_named([g for g in groups if g.key in held]), config.languages),
    )
    check_held_bodies(catalog, problems)
    return catalog


def _images_named(groups: list[VersionGroup]) -> Iterator[str]:
    """Every image the versions of ``groups`` name, as lead image or in their bodies."""
    for group in groups:
        for version in group.versions.values():
            if version.image is not None and version.image.file:
                yield version.image.file
            yield from (name for name, _ in version.body_media)


def linked_versions(
    versions: dict[str, VersionSource],
    urls: Mapping[str, str],
    languages: tuple[str, ...],
    media: MediaLibrary = EMPTY_LIBRARY,
    problems: Problems | None = None,
    drafts: Sequence[VersionSource] = (),
    formerly: Mapping[str, tuple[Former, ...]] = MappingProxyType({}),
) -> MappingProxyType:
    """Language → `Translation` of one release or page, in the site's language order, each with
    its lead image and downloads, knowing which of its siblings changed since it was confirmed
    (a version never confirmed knows of no change: readers are told only what is known), and
    the earlier addresses that lead on to it (``formerly``, by language)."""
    problems = problems if problems is not None else Problems()
    states = version_states(versions, languages)
    file, symbolic, offered = shared_image(versions, languages, problems, drafts)
    # What an untranslated copy shows for the picture until its alt text is translated: the
    # alt text of the first translated version that has one, marked as that version's language.
    lent = next((v for _, v in in_order(versions, languages) if not v.untranslated and v.image and v.image.alt), None)
    original = original_of(v for _, v in in_order(versions, languages))
    return MappingProxyType(
        {
            lang: _translate(
                version,
                urls[lang],
                tuple((other, versions[other].updated) for other in states[lang].changed if version.confirmed),
                _lead_image(version, file, symbolic, media, problems, lent, offered),
                tuple(d for d in (media.download(i.file, i.title, i.langs) for i in version.downloads) if d),
                formerly.get(lang, ()),
                copied_texts(version, original),
                place_shown(version, original),
            )
            for lang, version in in_order(versions, languages)
        }
    )


def _lead_image(
    version: VersionSource,
    file: str | None,
    symbolic: bool,
    media: MediaLibrary,
    problems: Problems,
    lent: VersionSource | None = None,
    offered: bool = True,
) -> LeadImage | None:
    if file is None:
        return None
    own = version.image
    alt, alt_lang = (own.alt, None) if own is not None and own.alt else ("", None)
    if not alt and version.untranslated and lent is not None and lent.image is not None:
        # A copy of another language's text shows that language's alt text, marked as such,
        # until its own is translated (a build of drafts, `check`, failed on every new release).
        alt, alt_lang = lent.image.alt, lent.lang
    if not alt:
        problems.error(
            version.path,
            own.alt_line if own is not None else 1,
            f"image: the release shows '{file}' in this version too, so this version needs its own 'alt:' "
            "under 'image:': say in this version's language what the picture shows",
        )
        return None
    rendition = media.rendition(file, version.lang)
    if rendition is None:  # a missing or broken file, reported when the media were checked
        return None
    marked = own.symbolic if own is not None and own.symbolic is not None else symbolic
    caption, credit = (own.caption, own.credit) if own is not None else ("", "")
    return LeadImage(rendition, alt, caption, credit, marked, alt_lang, offered)


def read_versions(
    tree: ContentTree,
    partners: dict[str, Partner],
    topics: dict[str, Topic],
    problems: Problems,
    jobs: int = 1,
    known: KnownVersions | None = None,
) -> tuple[list[VersionSource], list[PartialVersion]]:
    """Every Markdown file's checked front matter (drafts included), read by ``jobs`` processes,
    and what was read correctly of each file with errors in it (see `PartialVersion`);
    ``known``: what an earlier build checked, for the files that did not change since."""
    sources = tree.markdown
    # A partner whose file exists but has errors, or is no UTF-8 text, is not also "unknown" in
    # every release naming it.
    partner_ids = frozenset(partners) | partner_file_ids(tree)
    # Without a topic list, one message names the missing file, not one per topic of every release;
    # a list that could not be read at all is its own one mistake, not every topic "unknown".
    unreadable = tree.topics is not None and not topics and tree.topics.display in problems.paths_with_errors()
    topic_ids = frozenset(topics) if tree.topics is not None and not unreadable else None
    reusable = known.reusable(partner_ids, topic_ids) if known is not None else {}

    def read(start: int, stop: int) -> tuple[list[VersionSource], list[PartialVersion], list[Problem]]:
        found = Problems()
        read_here: list[VersionSource] = []
        partial: list[PartialVersion] = []
        for source in sources[start:stop]:
            version = unchanged(reusable, source) or read_version(source, partner_ids, topic_ids, found)
            if isinstance(version, VersionSource):
                read_here.append(version)
            else:
                partial.append(version)
        return read_here, partial, found.items

    versions: list[VersionSource] = []
    partial: list[PartialVersion] = []
    # Read here too, beside one worker fewer: what the parent reads is neither pickled nor copied.
    for read_here, partial_here, found in run_ranges(read, len(sources), jobs, here=True):
        versions.extend(read_here)
        partial.extend(partial_here)
        problems.extend(found)
    tagged = [version for version in chain(versions, partial) if version.topics]
    if tree.topics is None and tagged and not tree.unread_topics:  # one there but unread is said at it
        problems.error(
            f"content/{TOPICS_FILE}",
            0,
            f"missing: {len(tagged)} file(s) name topics (the first: {tagged[0].path}:{tagged[0].line_of('topics')}); "
            "create this file with one line per topic, e.g. 'energy: {de: Energie, ja: エネルギー, en: Energy}'",
        )
    return versions, partial


def group_versions(
    versions: list[VersionSource], problems: Problems, partial: Sequence[PartialVersion] = ()
) -> list[VersionGroup]:
    """Versions grouped by (kind, key): one group per release or page; duplicates are errors.
    ``partial``: files with errors, whose keys a ``key:`` may rightly name."""
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
    found = sorted(groups.values(), key=lambda g: (g.is_page, g.key))
    check_keys(found, chain(versions, partial), problems)
    return found


NAMELESS = "the file's name has no letter or digit to make an address of; rename the file or give a slug:"


def _assign_urls(groups: list[VersionGroup], dates: dict[str, date], problems: Problems) -> dict[tuple[str, str], str]:
    """Every version's URL; two versions claiming one URL, or a page taking the address of one
    of the site's own pages, are errors on the file that has to change."""
    urls: dict[tuple[str, str], str] = {}
    # Keyed without case: on Windows and macOS, and on many servers, /ABC/ and /abc/ are one folder.
    claims: dict[str, list[tuple[str, VersionSource]]] = {}
    # In the order pages are listed (releases newest first), so the older claimant is told.
    ordered = sorted(groups, key=lambda g: g.key)
    ordered.sort(key=lambda g: (g.is_page, -dates[g.key].toordinal() if g.key in dates else 0))
    for group in ordered:
        for lang, version in group.versions.items():
            slug = version.slug or slugify(posixpath.basename(version.rel))
            if slug == UNTITLED != posixpath.basename(version.rel) and not version.slug:
                problems.error(version.path, 1, NAMELESS)
            if len(slug.encode()) > MAX_SLUG_BYTES:
                # A folder name the file system would refuse when the page is written.
                problems.error(
                    version.path,
                    version.line_of("slug"),
                    f"the address '{slug[:40]}…' is too long ({len(slug.encode())} bytes, at most "
                    f"{MAX_SLUG_BYTES}); give a shorter slug",
                )
                slug = slug[:40]
            if group.is_page:
                url = routing.page(lang, slug)
                if slug.casefold() in routing.RESERVED:
                    problems.error(
                        version.path,
                        version.line_of("slug"),
                        f"'/{url}' is claimed twice: by {version.path} and by the site's "
                        f"{routing.RESERVED[slug.casefold()]}; give the page another slug",
                    )
            else:
                url = routing.release(lang, dates[group.key].year, slug)
            urls[(group.key, lang)] = url
            claims.setdefault(url.casefold(), []).append((url, version))
    for claimants in claims.values():
        first_url, first = claimants[0]
        for url, other in claimants[1:]:  # each file that must change hears of it, not only the last
            problems.error(other.path, other.line_of("slug"), claimed_twice(url, other.path, first_url, first.path))
    return urls


def claimed_twice(url: str, by: str, other_url: str, other: str) -> str:
    """The message for two files (or pages) whose addresses are one: the same, or the same but
    for case, which Windows, macOS and many web servers do not tell apart."""
    if url == other_url:
        return f"'/{url}' is claimed twice: by {by} and by {other}; give one of them another slug"
    return (
        f"'/{url}' and '/{other_url}' differ only in case, so on Windows, macOS and many servers they are one"
        f" address: claimed by {by} and by {other}; give one of them another slug"
    )


def _translate(
    version: VersionSource,
    url: str,
    changed_siblings: tuple[tuple[str, date | None], ...],
    image: LeadImage | None = None,
    downloads: tuple[Download, ...] = (),
    formerly: tuple[Former, ...] = (),
    copied: CopiedTexts = OWN,
    place: str = "",
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
        image=image,
        downloads=downloads,
        contact=version.contact,
        digest=version.digest,
        formerly=formerly,
        untranslated=version.untranslated,
        copied=copied,
        place=place,
    )
