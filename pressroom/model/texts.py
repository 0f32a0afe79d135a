"""The texts a site shows, each ready to be shown: a language version of a release or page
(`Translation`), a release and a page in their versions, a release under embargo, and a rendered
body. Frozen: the model (`pressroom.model.catalog`) is made of them, and rendering only reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

from pressroom.base.quickinit import quick_init
from pressroom.model.copies import OWN, CopiedTexts
from pressroom.model.media import Download, LeadImage
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
