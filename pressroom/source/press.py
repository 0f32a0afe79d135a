"""The press office's own settings: its press contact, its mark (logo), its footer pages and
what kind of organisation it is.

`site.yaml` names them for the whole site (``contact``, ``logo``, ``footer``, ``publisher_type``); a release may
name its own ``contact:`` in the same shape. Every value is checked here, and every mistake is
reported with its key path (``contact.name.de``) and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pressroom.base.errors import Problems
from pressroom.base.text import breaks_address, closest, collapse_spaces, fits_address, shows_anything
from pressroom.source.baseurl import host_problem, is_web_address
from pressroom.source.yamlload import YamlList, YamlMap

CONTACT_KEYS = ("name", "role", "email", "phone", "url")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/-]{4,}[0-9]$")
_URL_RE = re.compile(r"^https?://[^\s/]+\S*$")
_PAGE_KEY_RE = re.compile(r"^pages/\w[\w-]*(?:/\w[\w-]*)*$")
"""A page's key as its file name gives it, in any script: pages/über-uns, pages/お問い合わせ (in
letters a to z alone, a page named otherwise could not be linked from the footer)."""
_LOGO_SUFFIXES = (".svg", ".png", ".webp")
DEFAULT_PUBLISHER_TYPE = "GovernmentOrganization"
PUBLISHER_TYPES = (
    "Organization",
    "Airline",
    "Consortium",
    "Corporation",
    "EducationalOrganization",
    "CollegeOrUniversity",
    "School",
    "FundingScheme",
    "FundingAgency",
    "GovernmentOrganization",
    "LibrarySystem",
    "LocalBusiness",
    "MedicalOrganization",
    "NGO",
    "NewsMediaOrganization",
    "OnlineBusiness",
    "PerformingGroup",
    "PoliticalParty",
    "Project",
    "ResearchOrganization",
    "ResearchProject",
    "SearchRescueOrganization",
    "SportsOrganization",
    "SportsTeam",
    "WorkersUnion",
)
"""schema.org's ``Organization`` and those of its kinds a press office may be (its direct subtypes
and a few of theirs; not the hundreds of kinds of shop under ``LocalBusiness``): what search
engines are told publishes the site's releases."""


@dataclass(frozen=True, slots=True)
class Contact:
    """A press contact: name and role per language, an e-mail address, optionally a phone and a web page."""

    name: MappingProxyType
    """Language → the contact's name (an office or a person) as that language writes it."""
    role: MappingProxyType
    """Language → their role (``Pressestelle``, ``報道担当``)."""
    email: str
    phone: str = ""
    """As dialled from abroad, ``+49 711 2153-0``; optional."""
    url: str = ""

    def phone_link(self) -> str:
        """``tel:`` address of the phone number: digits and a leading plus only."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)


def read_contact(value: object, line: int, where: str, key: str, problems: Problems) -> Contact | None:
    """Check a ``contact:`` mapping (from ``site.yaml`` or front matter) at ``where``."""
    if not isinstance(value, YamlMap):
        problems.error(where, line, f"{key}: expected name, role, email, phone and optionally url")
        return None
    before = len(problems.errors)
    for field in value:
        if field not in CONTACT_KEYS:
            problems.error(
                where, value.line_of(field), f"{key}.{field}: unknown key (known: {', '.join(CONTACT_KEYS)})"
            )
    texts = {}
    for field in ("name", "role"):
        texts[field] = _per_language(value, field, where, f"{key}.{field}", problems)
    found = {}
    for field, rule, example in (
        ("email", _EMAIL_RE, "presse@example.org"),
        ("phone", _PHONE_RE, "+49 711 2153-0"),
        ("url", _URL_RE, "https://example.org/presse"),
    ):
        raw = value.get(field)
        if raw is None:
            if field == "email":
                problems.error(where, line, f"{key}.{field}: missing (e.g. {example})")
            found[field] = ""
        elif not isinstance(raw, str) or not rule.match(raw.strip()) or not _fits(field, raw.strip()):
            problems.error(where, value.line_of(field), f"{key}.{field}: '{raw}' is not valid (e.g. {example})")
            found[field] = ""
        else:
            found[field] = raw.strip()
    if len(problems.errors) > before:
        return None
    return Contact(texts["name"], texts["role"], found["email"], found["phone"], found["url"])


def _fits(field: str, value: str) -> bool:
    """Whether an e-mail or web address holds only what an address can (a quote would be
    escaped into the page's link, which then fails validation) and names a host a reader's
    program can find (presse@example..org was taken); a web address as a partner's link must
    be (`is_web_address`: a port no browser opens was taken too); a phone number is made a
    ``tel:`` link of its digits."""
    if field == "phone":
        return True
    if field == "url":
        return is_web_address(value)
    return fits_address(value) and host_problem(value.rpartition("@")[2].lower()) is None


def _per_language(data: YamlMap, field: str, where: str, key: str, problems: Problems) -> MappingProxyType:
    value = data.get(field)
    if value is None:
        problems.error(where, data.line, f"{key}: missing (one text per language, e.g. de: …, ja: …, en: …)")
        return MappingProxyType({})
    if not isinstance(value, YamlMap) or not value:
        problems.error(where, data.line_of(field), f"{key}: expected language: text pairs")
        return MappingProxyType({})
    texts = {}
    for lang, text in value.items():
        if not isinstance(text, str) or not shows_anything(text):
            problems.error(where, value.line_of(lang), f"{key}.{lang}: expected text")
        else:
            texts[lang] = collapse_spaces(text)
    return MappingProxyType(texts)


def check_languages(
    contact: Contact, languages: tuple[str, ...], where: str, line: int, key: str, problems: Problems
) -> None:
    """Every published language needs the contact's name and role, and no other has one."""
    for field, texts in (("name", contact.name), ("role", contact.role)):
        for lang in languages:
            if lang not in texts:
                problems.error(where, line, f"{key}.{field}.{lang}: missing")
    check_no_other_languages(contact, languages, where, line, key, problems)


def check_no_other_languages(
    contact: Contact, languages: tuple[str, ...], where: str, line: int, key: str, problems: Problems
) -> None:
    """A contact's name or role in a language the site has not ('jp' for 'ja'): read by no page,
    and said by nothing."""
    for field, texts in (("name", contact.name), ("role", contact.role)):
        for lang in texts:
            if lang not in languages:
                problems.error(where, line, f"{key}.{field}: '{lang}' is not a site language")


def read_logo(value: object, line: int, where: str, static_dirs: tuple[Path, ...], problems: Problems) -> str:
    """``logo: mark.svg``: a file under ``templates/static/``; returns its static path."""
    if not isinstance(value, str) or not value.strip():
        problems.error(where, line, "logo: expected a file name under templates/static/, e.g. logo.svg")
        return ""
    name = value.strip().removeprefix("static/")
    if ".." in Path(name).parts or name.startswith("/") or not name.lower().endswith(_LOGO_SUFFIXES):
        problems.error(where, line, f"logo: '{value}' must be an .svg, .png or .webp file under templates/static/")
        return ""
    if (breaking := breaks_address(name)) is not None:
        problems.error(where, line, f"logo: {breaking} in '{name}' breaks its address on the page; rename the file")
        return ""
    if not any((directory / name).is_file() for directory in static_dirs):
        problems.error(where, line, f"logo: templates/static/{name} does not exist")
        return ""
    return f"static/{name}"


def read_footer(value: object, line: int, where: str, problems: Problems) -> tuple[tuple[str, int], ...]:
    """``footer: [pages/imprint, …]``: page keys with their lines (checked against the content later)."""
    if not isinstance(value, YamlList):
        problems.error(where, line, "footer: expected a list of page keys such as pages/imprint")
        return ()
    keys = []
    for index, item in enumerate(value):
        item_line = value.line_of(index)
        if not isinstance(item, str) or not _PAGE_KEY_RE.match(item):
            problems.error(where, item_line, f"footer[{index}]: '{item}' is not a page key such as pages/imprint")
        elif item in (k for k, _ in keys):
            problems.error(where, item_line, f"footer[{index}]: '{item}' is listed twice")
        else:
            keys.append((item, item_line))
    return tuple(keys)


def read_publisher_type(value: object, line: int, where: str, problems: Problems) -> str:
    """``publisher_type: NGO``: the schema.org type the site's JSON-LD gives its publisher; a type
    schema.org does not know would be read as no organisation at all, so it is an error."""
    if isinstance(value, str) and value.strip() in PUBLISHER_TYPES:
        return value.strip()
    meant = closest(value.strip(), PUBLISHER_TYPES) if isinstance(value, str) else None
    hint = f"did you mean '{meant}'?" if meant else f"e.g. {DEFAULT_PUBLISHER_TYPE}, NGO, Corporation or Organization"
    problems.error(where, line, f"publisher_type: '{value}' is not a schema.org type of organisation ({hint})")
    return DEFAULT_PUBLISHER_TYPE
