"""The front matter of releases and pages: splitting it from the body and checking each field.

Owns the editors' contract for Markdown files (which keys exist, their types, which are
required) and turns a `MarkdownSource` into a validated `VersionSource`, or problems.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pressroom.base.clock import implausible
from pressroom.base.errors import Problems
from pressroom.base.text import closest, collapse_spaces, shows_anything
from pressroom.source.content import PAGES_DIR, MarkdownSource, read_text
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
from pressroom.source.slugs import SLUG_RULE, is_valid_slug
from pressroom.source.yamlload import YamlList, YamlMap, YamlProblem, as_date, date_mistake, load_yaml, shown

RELEASE_KEYS = (
    "title",
    "date",
    "summary",
    "source",
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
)
PAGE_KEYS = ("title", "summary", "key", "slug", "draft", "updated", "confirmed", "untranslated")
CONFIRMED = "confirmed"
"""Written by ``build.py confirm``: the fingerprints of the sibling versions this one matches
(and its own, as it was then)."""
UNTRANSLATED = "untranslated"
"""Written by ``build.py new`` into the versions still in another language; ``confirm`` removes it."""
_FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")
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
    image: ImageField | None = None
    """The lead image as this version gives it (``file`` may be left to its siblings)."""
    downloads: tuple[DownloadField, ...] = ()
    body_media: tuple[tuple[str, int], ...] = ()
    """Media files the body places, with their lines (``![alt](/media/…)``)."""
    contact: Contact | None = None
    """This release's own press contact, where it is not the site's."""

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def text_fingerprint(title: str, summary: str, source: str, body: str, media: tuple[tuple[str, str], ...] = ()) -> str:
    """A short hash of what a translator translates; trailing spaces and blank lines around
    the body do not count. ``media`` (see `media_texts`) is hashed only where there is some, so a
    version without image texts or downloads keeps the fingerprint recorded before they counted."""
    # Line by line, not a regular expression: ``[^\S\n]+(?=\n)`` retried at every space of a
    # long run of spaces not followed by a line end, which took minutes on one long line.
    body = "\n".join(line.rstrip() for line in body.strip().split("\n"))
    payload = json.dumps([title, summary, source, body, *([list(media)] if media else [])], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def spaced_fingerprint(title: str, summary: str, source: str, body: str, media: tuple[tuple[str, str], ...]) -> str:
    """`text_fingerprint` of texts whose no-break and full-width spaces are kept, with every
    space as one, as they were hashed before those were kept: what was confirmed stays so."""
    plain = [" ".join(text.split()) for text in (title, summary, source)]
    return text_fingerprint(*plain, body, tuple((name, " ".join(text.split())) for name, text in media))


@dataclass(frozen=True, slots=True)
class Translatable:
    """What a translator translates in one file's text, as its fingerprint counts it."""

    title: str
    summary: str
    source: str
    body: str
    media: tuple[tuple[str, str], ...] = ()
    """``image.alt``, ``image.caption``, ``image.credit``, ``download.N`` → text; see `media_texts`."""

    @property
    def fingerprint(self) -> str:
        return spaced_fingerprint(self.title, self.summary, self.source, self.body, self.media)


def translatable(text: str) -> Translatable | None:
    """Title, summary, source and body of a file's text (e.g. an old version from git), or None
    when its front matter cannot be read."""
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
    for key in ("title", "summary", "source"):
        value = data.get(key) or ""
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str):
            return None
        plain.append(collapse_spaces(value))
    return Translatable(plain[0], plain[1], plain[2], split[1], media_texts_of(data))


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """Return (yaml, body, body_first_line), or a message if the front matter is malformed.

    Spaces after a ``---`` line are invisible in an editor, so they do not count."""
    first, _, _ = text.partition("\n")
    if first.rstrip() != "---":
        return "missing front matter: the file must start with a line '---'"
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    return "front matter is not closed: add a line '---' after the last field"


def read_version(
    source: MarkdownSource,
    partner_ids: frozenset[str],
    topic_ids: frozenset[str] | None,
    problems: Problems,
) -> VersionSource | None:
    """Check one Markdown file's front matter; record every problem, return None on errors.

    ``topic_ids`` None: the site has no topic list, which is reported once, for the list."""
    path = source.display
    file = read_text(source.location, path, problems, digest=True)
    if file is None:
        return None
    split = split_front_matter(file.text)
    if isinstance(split, str):
        problems.error(path, 1, split)
        return None
    yaml_text, body, body_line = split
    try:
        data = load_yaml(yaml_text, first_line=2)
    except YamlProblem as exc:
        problems.error(path, exc.line, exc.message)
        return None
    if data is None:
        data = YamlMap(2)
    if not isinstance(data, YamlMap):
        problems.error(path, 2, "front matter must be 'key: value' lines")
        return None
    before = len(problems.errors)
    allowed = PAGE_KEYS if source.is_page else RELEASE_KEYS
    meant: set[str | None] = set()  # fields an unknown one is a near miss of: one mistake, one message
    for key in data:
        if key not in allowed:
            kind = "a page" if source.is_page else "a release"
            meant.add(hint := closest(str(key), allowed))
            problems.error(
                path,
                data.line_of(key),
                f"unknown field '{key}' for {kind} "
                + (f"(did you mean '{hint}'?)" if hint else f"(fields: {', '.join(allowed)})"),
            )
    title = _text(data, "title", path, problems, required="title" in data or "title" not in meant)
    summary = _text(data, "summary", path, problems)
    issuer = _text(data, "source", path, problems)
    day = _date(data, "date", path, problems)
    updated = _date(data, "updated", path, problems)
    publish = _moment(data, "publish", path, problems)
    confirmed = _confirmed(data, path, problems)
    partners = _ids(data, "partners", partner_ids, "partner", path, problems)
    topics = _ids(data, "topics", topic_ids, "topic", path, problems)
    slug = _text(data, "slug", path, problems) or None
    if slug is not None and not is_valid_slug(slug):
        problems.error(path, data.line_of("slug"), f"slug '{slug}' is not allowed: {SLUG_RULE}")
    elif slug is not None and not unicodedata.is_normalized("NFKC", slug):
        plain = unicodedata.normalize("NFKC", slug)
        problems.error(path, data.line_of("slug"), f"slug '{slug}' holds look-alike characters: write '{plain}'")
    for field in ("slug", "key"):
        if isinstance(data.get(field), str) and not _text(data, field, path, problems):
            problems.error(path, data.line_of(field), f"{field}: is empty; give one or remove the line")
    key = _text(data, "key", path, problems) or source.rel
    if "key" in data and (not _KEY_RE.match(key) or ".." in key.split("/") or key.endswith("/") or "//" in key):
        problems.error(
            path,
            data.line_of("key"),
            f"key '{key}' must be a content path like '2024/kanagawa-declaration'",
        )
    elif "key" in data and key.startswith(PAGES_DIR + "/") != source.is_page:  # else: "a URL claimed twice"
        kind, like = ("a page", "pages/about") if source.is_page else ("a release", "2024/kanagawa-declaration")
        problems.error(path, data.line_of("key"), f"key '{key}' is not the key of {kind}: write one like '{like}'")
    image = image_field(data, path, problems)
    downloads = downloads_field(data, path, problems)
    contact = None
    if "contact" in data:
        contact = read_contact(data["contact"], data.line_of("contact"), path, "contact", problems)
    draft, untranslated = (_flag(data, name, path, problems) for name in ("draft", UNTRANSLATED))
    if len(problems.errors) > before:
        return None
    return VersionSource(
        path=path,
        location=source.location,
        lang=source.lang,
        rel=source.rel,
        key=key.removesuffix(".md"),
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
        fingerprint=spaced_fingerprint(title, summary, issuer, body, media_texts(image, downloads)),
        body_line=body_line,
        lines=MappingProxyType(dict(data.lines)),
        digest=file.digest,
        head=hashlib.blake2b(yaml_text.encode(), digest_size=16).digest(),
        untranslated=untranslated,
        image=image,
        downloads=downloads,
        body_media=body_media(body, body_line),
        contact=contact,
    )


def _text(data: YamlMap, key: str, path: str, problems: Problems, required: bool = False) -> str:
    value: Any = data.get(key)
    if value is None:
        if required:
            problems.error(path, data.line_of(key) if key in data else 1, f"missing '{key}'")
        return ""
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        problems.error(path, data.line_of(key), f"{key}: expected text")
        return ""
    value = collapse_spaces(value)
    if required and not shows_anything(value):
        problems.error(path, data.line_of(key), f"'{key}' is empty")
    return value


def _flag(data: YamlMap, key: str, path: str, problems: Problems) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        problems.error(path, data.line_of(key), f"{key}: expected true or false")
        return False
    return value


def _date(data: YamlMap, key: str, path: str, problems: Problems) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    day = as_date(value)
    if day is None:
        problems.error(path, data.line_of(key), f"{key}: {date_mistake(value)}")
    elif implausible(day):
        problems.error(path, data.line_of(key), f"{key}: {day.isoformat()} cannot be right; check the year")
        return None
    return day


def _moment(data: YamlMap, key: str, path: str, problems: Problems) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    example = "write it like 2024-07-17T10:00+09:00"
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        problems.error(path, data.line_of(key), f"{key}: {shown(value)} is not a moment in time; {example}")
        return None
    if moment.tzinfo is None or isinstance(value, date):
        problems.error(path, data.line_of(key), f"{key}: {shown(value)} needs a time and a time zone; {example}")
        return None
    if implausible(moment.date()):
        problems.error(path, data.line_of(key), f"{key}: {moment.isoformat()} cannot be right; check the year")
        return None
    return moment


def _confirmed(data: YamlMap, path: str, problems: Problems) -> MappingProxyType | None:
    value = data.get(CONFIRMED)
    if value is None:
        return None
    if not isinstance(value, YamlMap) or not all(
        isinstance(k, str) and isinstance(v, str) and _FINGERPRINT_RE.match(v) for k, v in value.items()
    ):
        problems.error(
            path,
            data.line_of(CONFIRMED),
            "confirmed: this line is written by 'build.py confirm'; delete it and confirm again",
        )
        return None
    return MappingProxyType(dict(value))


def _ids(
    data: YamlMap, key: str, known: frozenset[str] | None, what: str, path: str, problems: Problems
) -> tuple[str, ...] | None:
    if key not in data:
        return None
    value = data[key]
    if isinstance(value, str):
        value = YamlList(data.line_of(key))
        value.append(data[key])
        value.lines.append(data.line_of(key))
    if not isinstance(value, YamlList):
        problems.error(path, data.line_of(key), f"{key}: expected a list of {what} ids")
        return ()
    ids: list[str] = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if not isinstance(item, str):
            problems.error(path, line, f"{key}: expected a {what} id, not {shown(item)}")
        elif known is not None and item not in known:
            hint = closest(item, known)
            problems.error(
                path,
                line,
                f"unknown {what} '{item}'" + (f" (did you mean '{hint}'?)" if hint else ""),
            )
        elif item not in ids:
            ids.append(item)
    return tuple(ids)
