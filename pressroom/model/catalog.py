"""The site model: language versions linked into releases and pages, with URLs.

A `Catalog` holds every release and page of a site with its versions, partners and topics; it
is frozen: rendering only reads it. Made by `pressroom.model.linking.build_catalog`.

Bodies are not kept in the model: a body is read and rendered when the page showing it is
rendered, in the worker rendering that page. Held here, the bodies of a large site were most
of its memory, and rendering them here was work done one file after another.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from urllib.parse import urlsplit

from pressroom.base.errors import CHANGED_WHILE_BUILDING, Problem, Problems
from pressroom.base.languageparts import language_parts
from pressroom.base.nearnames import NamesByFolder
from pressroom.base.text import escaped_fragment
from pressroom.model.bodycache import BodyCache, BodyQuestions
from pressroom.model.bodyimages import check_body_image
from pressroom.model.media import EMPTY_LIBRARY, MediaLibrary, body_picture
from pressroom.model.ownaddress import OwnAddresses
from pressroom.model.reading_time import reading_minutes
from pressroom.model.sections import Place, SectionLink, Sections
from pressroom.model.texts import Body, Embargo, Page, Release, Translation
from pressroom.source.config import SiteConfig
from pressroom.source.content import read_text
from pressroom.source.frontmatter import VersionSource, split_front_matter
from pressroom.source.markdown import LinkRewrite, is_web_address

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
            problems.error(version.path, 0, CHANGED_WHILE_BUILDING)
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
            self._add(group.key, {lang: version.rel for lang, version in group.versions.items()})

    def _add(self, key: str, rels: dict[str, str]) -> None:
        """Index the versions of the text ``key``: language → path under its folder."""
        self.versions.setdefault(key, tuple(lang for lang in self.config.languages if lang in rels))
        for lang, rel in rels.items():
            self.by_file[(lang, rel)] = key
            if rel != key:
                self.renamed.setdefault((key, lang), rel)

    def publishing(self, releases: Iterable[Release]) -> LinkResolver:
        """These links as they lead once ``releases`` (held under embargo) are published too:
        their versions found by file and key as a published release's are, no longer withheld."""
        releases = tuple(releases)
        now_out = {(lang, t.rel) for r in releases for lang, t in r.translations.items()}
        then = LinkResolver(
            self.config,
            [],
            {**self.urls, **{(r.key, lang): t.url for r in releases for lang, t in r.translations.items()}},
            {place: why for place, why in self.withheld.items() if place not in now_out},
            self.existing,
        )
        then.by_file, then.versions, then.renamed = dict(self.by_file), dict(self.versions), dict(self.renamed)
        for release in releases:
            then._add(release.key, {lang: t.rel for lang, t in release.translations.items()})
        return then

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
