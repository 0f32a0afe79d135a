"""The front matter of releases and pages: splitting it from the body and checking each field.

Owns the editors' contract for Markdown files (which keys exist, their types, which are
required) and turns a `MarkdownSource` into a validated `VersionSource`, or problems.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

from pressroom.base.errors import Problems
from pressroom.base.text import closest, collapse_spaces, shows_anything
from pressroom.source.content import PAGES_DIR, MarkdownSource, read_text
from pressroom.source.fences import split_front_matter
from pressroom.source.fieldvalues import (
    confirmed_value,
    date_value,
    flag_value,
    ids_value,
    moment_value,
    place_value,
    text_value,
    written_empty,
)
from pressroom.source.formerly import FormerAddress, formerly_field
from pressroom.source.mediafields import (
    DownloadField,
    ImageField,
    body_media,
    downloads_field,
    image_field,
    media_texts,
    media_texts_of,
)
from pressroom.source.press import Contact, read_contact
from pressroom.source.scriptruns import field_problems
from pressroom.source.slugs import slug_problem
from pressroom.source.yamlload import YamlMap, YamlProblem, load_yaml

RELEASE_KEYS = (
    "title",
    "date",
    "summary",
    "source",
    "place",
    "partners",
    "topics",
    "key",
    "slug",
    "draft",
    "updated",
    "confirmed",
    "untranslated",
    "publish",
    "image",
    "downloads",
    "contact",
    "formerly",
)
_RELEASE_ONLY = ("date", "partners", "topics")
"""A release's fields that tell a release put under pages/ (an image or a source a page may come to have)."""
PAGE_KEYS = ("title", "summary", "key", "slug", "draft", "updated", "confirmed", "untranslated", "formerly")
UNTRANSLATED = "untranslated"
"""Written by ``build.py new`` into the versions still in another language; ``confirm`` removes it."""
_KEY_RE = re.compile(r"^[^/\\.][^\\]*$")


@dataclass(frozen=True, slots=True)
class VersionSource:
    """One language version of a release or page, as its editor wrote it, checked."""

    path: str
    """Display path of the file (``content/de/2024/x.md``)."""
    location: Path
    """The file on disk, read again when its body is rendered."""
    lang: str
    rel: str
    key: str
    """Translation key: the same for every language version of one release."""
    is_page: bool
    title: str
    date: date | None
    summary: str
    source: str
    partners: tuple[str, ...] | None
    """None when this version leaves the field to its siblings."""
    topics: tuple[str, ...] | None
    slug: str | None
    draft: bool
    updated: date | None
    """When this version's text last changed in substance (optional, set by editors)."""
    publish: datetime | None
    """Embargo: not published in any language before this moment (time zone required)."""
    confirmed: MappingProxyType | None
    """Language → fingerprint of each sibling as it was when this version was last confirmed."""
    fingerprint: str
    """What a translator translates (title, summary, source, body, the texts of ``image:`` and
    ``downloads:``), hashed; see `text_fingerprint`."""
    body_line: int
    """Line of the file on which the Markdown body starts."""
    lines: MappingProxyType
    """Line of each front-matter key, for messages that concern a field."""
    digest: bytes = b""
    """The file's `file_digest`, for the build's record of its inputs."""
    head: bytes = b""
    """The front matter's digest: an edit that leaves it as it was changes no field of it."""
    untranslated: bool = False
    """Still a copy of another language's text (a scaffold of ``build.py new``)."""
    body_digest: bytes = b""
    """The body, hashed (its outer blank lines aside): an untranslated copy whose body is its
    original's is marked as being in the original's language. Not its words evened out: that
    took four times as long, for every file read, and a pasted copy is the same text."""
    image: ImageField | None = None
    """The lead image as this version gives it (``file`` may be left to its siblings)."""
    downloads: tuple[DownloadField, ...] = ()
    body_media: tuple[tuple[str, int], ...] = ()
    """Media files the body places, with their lines (``![alt](/media/…)``)."""
    contact: Contact | None = None
    """This release's own press contact, where it is not the site's."""
    formerly: tuple[FormerAddress, ...] = ()
    """Its earlier addresses (``formerly:``), each to lead on to its address now; not text to
    translate, so no part of its fingerprint."""
    place: str = ""
    """Where the release was issued (``place:``), in this version's language, for its dateline;
    empty where the version names none."""

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True, slots=True)
class PartialVersion:
    """What was read correctly of a file whose front matter has errors: it is neither published
    nor linked, but the media files it names and the key and topics it gives are checked with
    the rest, so that its other mistakes are said in the same run, each once."""

    path: str
    is_page: bool
    key: str | None = None
    """None where ``key:`` is wrong or misspelt: the file's key is not known."""
    topics: tuple[str, ...] | None = None
    lines: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    image: ImageField | None = None
    downloads: tuple[DownloadField, ...] = ()
    """Entries whose ``file`` was read, with a ``title`` or not."""
    body_media: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


_SPACES_BETWEEN_WORDS = re.compile(r"(?<=\S)(?: [ \t]+|\t[ \t]*)(?=\S)")
"""Two or more spaces, or a tab, between two characters of a line: one space to a reader."""
_BLANK_LINES = re.compile(r"\n{3,}")


def text_fingerprint(
    title: str, summary: str, source: str, body: str, media: tuple[tuple[str, str], ...] = (), place: str = ""
) -> str:
    """A short hash of what a translator translates; what a reader of the page cannot see does
    not count: trailing spaces, blank lines around the body, more than one blank line between
    paragraphs, and more than one space between words (an editor's stray double space made
    every other version outdated, and told their readers so). A line's indent counts: it can
    make a list item a paragraph. No-break and full-width spaces count as written. ``media``
    (see `media_texts`) is hashed only where there is some, so a version without image texts or
    downloads keeps the fingerprint recorded before they counted; so is ``place``."""
    # Line by line, not a regular expression: ``[^\S\n]+(?=\n)`` retried at every space of a
    # long run of spaces not followed by a line end, which took minutes on one long line. The
    # look-behind of the one for spaces between words fails at once inside a run, and neither
    # reaches over a line end. Most texts need neither: a search for what they replace is quicker.
    body = "\n".join(line.rstrip() for line in body.strip().split("\n"))
    if "  " in body or "\t" in body:
        body = _SPACES_BETWEEN_WORDS.sub(" ", body)
    if "\n\n\n" in body:
        body = _BLANK_LINES.sub("\n\n", body)
    extra = [*([list(media)] if media else []), *([{"place": place}] if place else [])]
    payload = json.dumps([title, summary, source, body, *extra], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def spaced_fingerprint(
    title: str, summary: str, source: str, body: str, media: tuple[tuple[str, str], ...], place: str = ""
) -> str:
    """`text_fingerprint` of texts whose no-break and full-width spaces are kept, with every
    space as one, as they were hashed before those were kept: what was confirmed stays so."""
    plain = [" ".join(text.split()) for text in (title, summary, source)]
    media = tuple((name, " ".join(text.split())) for name, text in media)
    return text_fingerprint(*plain, body, media, " ".join(place.split()))


@dataclass(frozen=True, slots=True)
class Translatable:
    """What a translator translates in one file's text, as its fingerprint counts it."""

    title: str
    summary: str
    source: str
    body: str
    media: tuple[tuple[str, str], ...] = ()
    """``image.alt``, ``image.caption``, ``image.credit``, ``download.N`` → text; see `media_texts`."""
    place: str = ""

    @property
    def fingerprint(self) -> str:
        return spaced_fingerprint(self.title, self.summary, self.source, self.body, self.media, self.place)


def translatable(text: str) -> Translatable | None:
    """Title, summary, source, place and body of a file's text (e.g. an old version from git), or
    None when its front matter cannot be read."""
    split = split_front_matter(text)
    if isinstance(split, str):
        return None
    try:
        data = load_yaml(split[0], first_line=2)
    except YamlProblem:
        return None
    if not isinstance(data, YamlMap):
        return None
    plain: list[str] = []
    for key in ("title", "summary", "source", "place"):
        value = data.get(key) or ""
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str):
            return None
        plain.append(collapse_spaces(value))
    place = plain[3] if shows_anything(plain[3]) else ""  # as `place_value` reads it
    return Translatable(plain[0], plain[1], plain[2], split[1], media_texts_of(data), place)


def read_version(
    source: MarkdownSource,
    partner_ids: frozenset[str],
    topic_ids: frozenset[str] | None,
    problems: Problems,
) -> VersionSource | PartialVersion:
    """Check one Markdown file's front matter; record every problem. On errors, what was read
    correctly of it (see `PartialVersion`; nothing where not even its body can be told apart).

    ``topic_ids`` None: the site has no topic list, which is reported once, for the list."""
    path = source.display
    file = read_text(source.location, path, problems, digest=True)
    if file is None:
        return PartialVersion(path, source.is_page)
    split = split_front_matter(file.text)
    if isinstance(split, str):
        problems.error(path, 1, split)
        return PartialVersion(path, source.is_page)
    yaml_text, body, body_line = split
    try:
        data = load_yaml(yaml_text, first_line=2)
    except YamlProblem as exc:
        problems.error(path, exc.line, exc.message)
        return PartialVersion(path, source.is_page, body_media=body_media(body, body_line))
    if data is None:
        data = YamlMap(2)
    if not isinstance(data, YamlMap):
        problems.error(path, 2, "front matter must be 'key: value' lines")
        return PartialVersion(path, source.is_page, body_media=body_media(body, body_line))
    before = len(problems.errors)
    allowed = PAGE_KEYS if source.is_page else RELEASE_KEYS
    meant: set[str | None] = set()  # fields an unknown one is a near miss of: one mistake, one message
    # A place beside a release's own fields is a release's put under pages/, and is told with them.
    release_only = (*_RELEASE_ONLY, "place") if any(key in _RELEASE_ONLY for key in data) else _RELEASE_ONLY
    for key in data:
        if key not in allowed and key in release_only:
            # Not a near miss of a page's field ('date' of 'updated'): a release put under pages/.
            problems.error(
                path,
                data.line_of(key),
                f"'{key}' is a release's field, not a page's: files under pages/ are standalone pages (about, "
                f"imprint); move a release to its year's folder, content/{source.lang}/<year>/",
            )
        elif key not in allowed and key == "place":
            problems.error(
                path,
                data.line_of(key),
                "'place' is a release's field, not a page's: a standalone page (about, imprint) has no dateline"
                " to name a place in; remove the line",
            )
        elif key not in allowed:
            kind = "a page" if source.is_page else "a release"
            meant.add(hint := closest(str(key), allowed))
            problems.error(
                path,
                data.line_of(key),
                f"unknown field '{key}' for {kind} "
                + (f"(did you mean '{hint}'?)" if hint else f"(fields: {', '.join(allowed)})"),
            )
    title = text_value(data, "title", path, problems, required="title" in data or "title" not in meant)
    summary = text_value(data, "summary", path, problems)
    issuer = text_value(data, "source", path, problems)
    place = "" if source.is_page else place_value(data, path, problems)  # a page's is told above, once
    day = date_value(data, "date", path, problems)
    updated = date_value(data, "updated", path, problems)
    publish = moment_value(data, "publish", path, problems)
    confirmed = confirmed_value(data, path, problems)
    partners = ids_value(data, "partners", partner_ids, "partner", path, problems)
    topics = ids_value(data, "topics", topic_ids, "topic", path, problems)
    slug = text_value(data, "slug", path, problems) or None
    if slug is not None and (problem := slug_problem(slug)) is not None:
        problems.error(path, data.line_of("slug"), problem)
    empty = "is empty; give one or remove the line"
    if written_empty(data, "slug", path, problems):
        problems.error(path, data.line_of("slug"), f"slug: {empty}")
    keyless = len(problems.errors)  # those from here on are the key's
    if written_empty(data, "key", path, problems):
        problems.error(path, data.line_of("key"), f"key: {empty}")
    key = text_value(data, "key", path, problems) or source.rel
    if "key" in data and (not _KEY_RE.match(key) or ".." in key.split("/") or key.endswith("/") or "//" in key):
        problems.error(
            path,
            data.line_of("key"),
            f"key '{key}' must be a content path like '2024/kanagawa-declaration'",
        )
    elif "key" in data and key.startswith(PAGES_DIR + "/") != source.is_page:  # else: "a URL claimed twice"
        kind, like = ("a page", "pages/about") if source.is_page else ("a release", "2024/kanagawa-declaration")
        problems.error(path, data.line_of("key"), f"key '{key}' is not the key of {kind}: write one like '{like}'")
    # A key given wrong (or misspelt) is no key of this file: none rather than a false one.
    key = key.removesuffix(".md") if len(problems.errors) == keyless and "key" not in meant else ""
    image = image_field(data, path, problems)
    downloads = downloads_field(data, path, problems, untitled=True)
    contact = None
    if "contact" in data:
        contact = read_contact(data["contact"], data.line_of("contact"), path, "contact", problems)
    draft, untranslated = (flag_value(data, name, path, problems) for name in ("draft", UNTRANSLATED))
    # An untranslated copy is another language's text still (`check` says it is published so).
    for line, message in () if untranslated else field_problems(data, yaml_text, 2, source.lang):
        problems.warning(path, line, message)
    lines = MappingProxyType(dict(data.lines))
    # An earlier address that cannot be read is left out, the version kept: whether its other
    # earlier addresses are free is said in the same run (the build fails on the error all the same).
    partial = len(problems.errors) > before
    formerly = formerly_field(data, path, problems)
    if partial:
        return PartialVersion(
            path, source.is_page, key or None, topics, lines, image, downloads, body_media(body, body_line)
        )
    return VersionSource(
        path=path,
        location=source.location,
        lang=source.lang,
        rel=source.rel,
        key=key,
        is_page=source.is_page,
        title=title,
        date=day,
        summary=summary,
        source=issuer,
        partners=partners,
        topics=topics,
        slug=slug,
        draft=draft,
        updated=updated,
        publish=publish,
        confirmed=confirmed,
        fingerprint=spaced_fingerprint(title, summary, issuer, body, media_texts(image, downloads), place),
        body_line=body_line,
        lines=lines,
        digest=file.digest,
        head=hashlib.blake2b(yaml_text.encode(), digest_size=16).digest(),
        untranslated=untranslated,
        body_digest=hashlib.blake2b(body.strip().encode(), digest_size=16).digest(),
        image=image,
        downloads=downloads,
        body_media=body_media(body, body_line),
        contact=contact,
        formerly=formerly,
        place=place,
    )
