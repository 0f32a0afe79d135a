"""The site model: language versions linked into releases and pages, with URLs.

A `Catalog` holds every release and page of a site with its versions, partners and topics; it
is frozen: rendering only reads it. Made by `pressroom.model.linking.build_catalog`.

Bodies are not kept in the model: a body is read and rendered when the page showing it is
rendered, in the worker rendering that page. Held here, the bodies of a large site were most
of its memory, and rendering them here was work done one file after another.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from pressroom.base.errors import Problem, Problems
from pressroom.base.languageparts import language_parts
from pressroom.base.nearnames import NamesByFolder
from pressroom.base.quickinit import quick_init
from pressroom.base.text import escaped_fragment
from pressroom.model.bodycache import BodyCache, BodyQuestions
from pressroom.model.bodyimages import check_body_image
from pressroom.model.copies import OWN, CopiedTexts
from pressroom.model.media import EMPTY_LIBRARY, Download, LeadImage, MediaLibrary, body_picture
from pressroom.model.ownaddress import OwnAddresses
from pressroom.model.reading_time import reading_minutes
from pressroom.model.sections import Place, SectionLink, Sections
from pressroom.source.config import SiteConfig
from pressroom.source.content import read_text
from pressroom.source.frontmatter import VersionSource, split_front_matter
from pressroom.source.markdown import LinkRewrite, is_web_address
from pressroom.source.press import Contact


@quick_init
@dataclass(frozen=True, slots=True)
class Body:
    html: str
    minutes: int
    """Reading time in whole minutes."""
    parts: tuple[tuple[str, str], ...] = ()
    """Its parts in another language than its own, for the search index (`language_parts`)."""


@dataclass(frozen=True, slots=True)
class Translation:
    """One language version of a release or page, ready to be shown."""

    lang: str
    title: str
    summary: str
    source: str
    url: str
    """URL path relative to the site root (``de/releases/2024/x/``)."""
    path: str
    """The Markdown file it came from, for messages."""
    line: int
    """The line that decides its URL (``slug``, else the first), for messages."""
    location: Path
    """The file on disk: its body is read from there when a page shows it."""
    rel: str
    """Path under ``content/<lang>/`` without ``.md``, which its links are relative to."""
    updated: date | None = None
    """When this version was last changed in substance, if the editor said so."""
    changed_siblings: tuple[tuple[str, date | None], ...] = ()
    """Versions (language, change date if known) changed since this one was confirmed."""
    image: LeadImage | None = None
    """The lead image as this version shows it (its language's replacement, its own texts)."""
    downloads: tuple[Download, ...] = ()
    contact: Contact | None = None
    """The release's own press contact as this version names it (else the site's is shown)."""
    digest: bytes = b""
    """The file's `file_digest` when it was loaded: its rendered body is kept under it."""
    formerly: tuple[tuple[str, int], ...] = ()
    """Earlier addresses (URL paths, as ``url``) with their lines in ``formerly:``, each leading here."""
    untranslated: bool = False
    """Still a copy of another language's text (``untranslated: true``), published as it is."""
    copied: CopiedTexts = OWN
    """The language of each of its texts still in its original's (an untranslated copy's), for ``lang``."""
    place: str = ""
    """Where the release was issued, as this version names it (``place:``): its dateline's place."""


@dataclass(frozen=True, slots=True)
class Release:
    """A press release: one piece of news in up to one version per language."""

    key: str
    date: date
    partners: tuple[str, ...]
    topics: tuple[str, ...]
    translations: MappingProxyType
    """Language code → `Translation`, only for the languages that have a version."""
    published: datetime | None = None
    """The moment its embargo ended (``publish``), when it had one: the time of publication."""


@dataclass(frozen=True, slots=True)
class Page:
    """A standalone page (``pages/about.md``) in up to one version per language."""

    key: str
    translations: MappingProxyType


@dataclass(frozen=True, slots=True)
class Embargo:
    """A release held back until its ``publish`` moment."""

    key: str
    moment: datetime
    paths: tuple[str, ...]
    release: Release | None = None
    """The release as it goes online at its moment, to be checked before it (nothing of it is
    shown till then); None where its versions give no date."""


RECENT_BODIES = 64
"""Bodies each process keeps after rendering them: more than a feed holds."""


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything a site shows, linked and addressed; read-only from here on."""

    config: SiteConfig
    releases: tuple[Release, ...]
    """Newest first; releases of the same day by key."""
    pages: tuple[Page, ...]
    partners: MappingProxyType
    topics: MappingProxyType
    links: LinkResolver = field(compare=False, repr=False)
    """Resolves the ``.md`` links of bodies as they are rendered."""
    embargoed: tuple[Embargo, ...] = ()
    """Releases not yet published because their embargo has not ended, soonest first."""
    media: MediaLibrary = EMPTY_LIBRARY
    """The checked media files, for lead images, downloads and the images bodies place."""
    drafts: tuple[tuple[bytes, str], ...] = ()
    """The digest and language of each version left out as a draft: the body a build with drafts
    (the preview) kept of it is kept for the next such build, not swept by one without."""
    held_media: MediaLibrary = EMPTY_LIBRARY
    """The pictures the embargoed releases show, published with them: their bodies and pages
    are made with them before (`pressroom.model.embargo`), and thrown away."""
    bodies: BodyCache = field(default=BodyCache(None), compare=False, repr=False)
    """Rendered bodies kept between builds (by default nothing is kept)."""
    sections: Sections = field(default_factory=Sections, compare=False, repr=False)
    """The heading ids and links to other texts' sections of the bodies rendered: shared by the
    catalogs a quick rebuild makes of this one, whose bodies link into each other."""
    _recent: dict[str, tuple[Body, list[Problem]]] = field(default_factory=dict, init=False, compare=False, repr=False)
    """The last bodies rendered in this process: a language's feed repeats the bodies of its
    newest releases, rendered just before it by the same worker."""

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.languages

    def file_versions(self) -> list[Translation]:
        """Every version whose body is kept by its file's bytes (it has their digest)."""
        return [
            version
            for text in (*self.releases, *self.pages)
            for version in text.translations.values()
            if version.digest
        ]

    def file_bodies(self) -> list[tuple[bytes, str]]:
        """The digest and language of every version of `file_versions`: the keys of their kept bodies."""
        return [(version.digest, version.lang) for version in self.file_versions()]

    def body(self, version: Translation, problems: Problems) -> Body:
        """Read and render a version's body; link and content problems go to ``problems``."""
        recent = self._recent.get(version.path)
        if recent is None:
            found = Problems()
            recent = self._recent[version.path] = (self._render_body(version, found), found.items)
            if len(self._recent) > RECENT_BODIES:
                del self._recent[next(iter(self._recent))]
        body, found_items = recent
        problems.extend(found_items)
        return body

    def _render_body(self, version: Translation, problems: Problems) -> Body:
        def read() -> tuple[str, int, bool]:
            """The file's Markdown, its first line, and whether it still has the bytes loaded."""
            file = read_text(version.location, version.path, Problems(), digest=bool(version.digest))
            split = split_front_matter(file.text) if file is not None else None
            # The file was read without trouble when the site was loaded: any trouble now is a change.
            if file is None or not isinstance(split, tuple):
                raise _FileChanged
            return split[1], split[2], file.digest == version.digest

        def ask(problems: Problems) -> BodyQuestions:
            # A replay that fails part-way is followed by another attempt: each has its own list,
            # and only the one that gets as far as the headings is noted.
            linked: list[SectionLink] = []
            return BodyQuestions(
                lambda href, line: self.links.resolve(version, href, line, problems, linked),
                lambda line, message: problems.warning(version.path, line, message),
                lambda name, alt, caption, line, block: self._place(version, name, alt, caption, block),
                lambda line, message: problems.error(version.path, line, message),
                lambda src, line: check_body_image(
                    self.config, version.path, version.location.parent, src, line, problems
                ),
                lambda ids: self.sections.rendered((version.lang, version.rel), version.path, ids, linked),
            )

        def found(html: str) -> tuple[int, tuple[tuple[str, str], ...]]:  # kept with the body, not found per page
            return reading_minutes(html, version.lang), tuple(language_parts(html, version.lang))

        # An untranslated copy's body is tied as the language it is still in, where that is known.
        copy = version.copied.body if version.untranslated else None
        try:
            if version.digest:
                html, derived = self.bodies.render_file(
                    version.digest, version.lang, read, ask, problems, found, copy=copy
                )
            else:
                markdown, first_line, _ = read()
                html, derived = self.bodies.render(markdown, first_line, version.lang, ask, problems, found, copy=copy)
        except _FileChanged:
            problems.error(version.path, 0, "the file changed while the site was being built; build again")
            return Body("", 1)
        return Body(html, *derived)  # type: ignore[misc]

    def check_sections(self, problems: Problems, *, fresh_only: bool = False) -> None:
        """Warn of each link to another text's section that names none of its headings, once every
        body is rendered (see `pressroom.model.sections`); ``fresh_only``: only the links from or
        to the bodies rendered since the last check (a quick rebuild's)."""
        versions: dict[Place, Translation] = {}

        def render(place: Place) -> None:
            # A body whose page was kept, not rendered (a build resumed from a kept model): its
            # ids come from the body cache. Its own problems are its page's to report.
            if not versions:
                versions.update(
                    ((t.lang, t.rel), t) for item in (*self.releases, *self.pages) for t in item.translations.values()
                )
            version = versions.get(place)
            if version is not None:
                self.body(version, Problems())

        self.sections.check(problems, render, self.links.siblings, fresh_only=fresh_only)

    def _place(self, version: Translation, name: str, alt: str, caption: str, block: bool) -> str | None:
        rendition = self.media.rendition(name, version.lang)
        if rendition is None:  # reported when the media files were checked
            return None
        return str(body_picture(rendition, alt, caption, self.config.base_path, block))


class _FileChanged(Exception):
    """A body's file could no longer be read or split as it was when the site was loaded."""


@dataclass(slots=True)
class VersionGroup:
    key: str
    is_page: bool
    versions: dict[str, VersionSource]


class LinkResolver:
    """Turns a relative ``.md`` link in one version into the URL of the page it names, and tells of a
    web address that is the site's own for one of its texts (see `pressroom.model.ownaddress`)."""

    def __init__(
        self,
        config: SiteConfig,
        groups: list[VersionGroup],
        urls: dict[tuple[str, str], str],
        withheld: dict[tuple[str, str], str],
        existing: set[tuple[str, str]],
    ) -> None:
        self.config = config
        self.urls = urls
        self.withheld = withheld
        self.existing = existing
        """Every Markdown file found, including those dropped for their own errors."""
        # Keys and languages only: the versions themselves (and their bodies) are not kept.
        self.by_file: dict[tuple[str, str], str] = {}
        self.versions: dict[str, tuple[str, ...]] = {}
        self.renamed: dict[tuple[str, str], str] = {}
        """(key, language) → the version's path under its language folder, without ``.md``, where
        it is not the key (versions linked by ``key``): the kept model stays as small as it was."""
        for group in groups:
            self.versions.setdefault(group.key, tuple(lang for lang in config.languages if lang in group.versions))
            for lang, version in group.versions.items():
                self.by_file[(lang, version.rel)] = group.key
                if version.rel != group.key:
                    self.renamed.setdefault((group.key, lang), version.rel)

    def resolve(
        self, version: Translation, href: str, line: int, problems: Problems, sections: list[SectionLink] | None = None
    ) -> LinkRewrite | None:
        """Where the link ``href`` in ``version`` leads; a link to a section of a text that exists
        is added to ``sections``, to be checked once that text's headings are known."""
        if is_web_address(href):
            advice = self._own.advice(href, version.lang, version.rel)
            if advice is not None:
                problems.warning(version.path, line, advice)
            return None
        parts = urlsplit(href)
        found = self._target(version, href, parts.path, line, problems)
        if found is None:
            return None
        key, lang = found
        if parts.fragment and sections is not None:
            sections.append((line, href, lang, self.renamed.get((key, lang), key), parts.fragment))
        # The link was read decoded (``x.md#%22`` as ``x.md#"``), or the page's href would fail validation.
        fragment = f"#{escaped_fragment(parts.fragment)}" if parts.fragment else ""
        return LinkRewrite(
            self.config.base_path + self.urls[(key, lang)] + fragment, lang if lang != version.lang else None
        )

    def _meant(self, version: Translation, lang: str, rel: str) -> str | None:
        """The link to a file of that folder whose name is alike, or to one of that name in
        another folder, written from ``version``'s folder as the editor writes links; None when
        there is none. The files are indexed once, when a link is first broken (a folder renamed
        breaks a thousand), and never kept with the model (see `__getstate__`)."""
        near = self.__dict__.setdefault("_near", {})
        if lang not in near:
            near[lang] = NamesByFolder(other for other_lang, other in self.existing if other_lang == lang)
        meant = near[lang].meant(rel)
        if meant is None:
            return None
        return posixpath.relpath(f"{lang}/{meant}.md", posixpath.join(version.lang, posixpath.dirname(version.rel)))

    @cached_property
    def _own(self) -> OwnAddresses:
        """The site's own addresses of its texts, indexed when a body first links a web address:
        at the address readers have (``site.yaml``'s), which editors copy from the browser, not
        at a build's ``--base-url`` (the preview's ``/``, a staging host)."""
        published = self.config.published_url or self.config.base_url
        return OwnAddresses(published, self.urls, self.renamed, self.versions)

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name not in ("_near", "_own")}

    def _target(
        self, version: Translation, href: str, path: str, line: int, problems: Problems
    ) -> tuple[str, str] | None:
        """The key and language of the version the link leads to, or None (reported if broken)."""
        target = posixpath.normpath(posixpath.join(version.lang, posixpath.dirname(version.rel), path))
        target_lang, _, target_rel = target.partition("/")
        target_rel = target_rel.removesuffix(".md")
        if target.startswith("../") or target_lang not in self.config.languages:
            problems.error(version.path, line, f"broken link '{href}': it leads outside the language folders")
            return None
        reason = self.withheld.get((target_lang, target_rel))
        if reason is not None:
            problems.error(
                version.path,
                line,
                f"link '{href}' leads to {reason}; remove the link or publish content/{target_lang}/{target_rel}.md",
            )
            return None
        key = self.by_file.get((target_lang, target_rel))
        if key is not None and target_lang != version.lang:
            return key, target_lang  # the editor named another language's file on purpose
        if key is None and target_rel in self.versions:
            key = target_rel
        if key is None and (target_lang, target_rel) in self.existing:
            return None  # the file exists but has errors of its own, reported there
        if key is None:
            meant = self._meant(version, target_lang, target_rel)
            problems.error(
                version.path,
                line,
                f"broken link '{href}': there is no content/{target_lang}/{target_rel}.md"
                + (f" (did you mean '{meant}'?)" if meant else ""),
            )
            return None
        languages = self.versions[key]
        if version.lang in languages:
            return key, version.lang
        fallback = languages[0]
        if (version.lang, target_rel) in self.existing:
            return key, fallback  # this language's file is there but has errors, reported there
        problems.warning(
            version.path,
            line,
            f"link '{href}': '{key}' has no {version.lang} version; linking to the {fallback} version",
        )
        return key, fallback

    def siblings(self, place: Place) -> list[Place]:
        """The other language versions of the text at ``place``."""
        key = self.by_file.get(place)
        if key is None:
            return []
        return [(other, self.renamed.get((key, other), key)) for other in self.versions[key] if other != place[0]]
