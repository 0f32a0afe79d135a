"""What a press office's pages show around the content: breadcrumbs, press contact, footer pages.

Breadcrumbs follow the URL scheme (a release sits under its year under the release list), as a
list of links and as schema.org ``BreadcrumbList``; the press contact of a release is its own
(``contact:`` in any version) or the site's; the footer links the pages ``site.yaml`` names, each
in the reader's language or, where that version is missing, in another and marked so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from json.encoder import encode_basestring as _json_string

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.texts import Release
from pressroom.pages.context import LanguageContext
from pressroom.pages.plans import NO_MARKUP, Link
from pressroom.pages.structured import json_ld, script_safe
from pressroom.source.config import CONFIG_NAME, SiteConfig
from pressroom.source.press import Contact

_YEAR_RE = re.compile(r"^\d{4}$")


@quick_init
@dataclass(frozen=True, slots=True)
class Crumbs:
    """The way from the home page to this page: links, then the page itself (not a link)."""

    links: tuple[Link, ...]
    current: str
    structured_data: Markup = NO_MARKUP
    current_lang: str = ""
    """The page's own name's language where it is not the page's (an untranslated copy's title)."""


def breadcrumbs(site: LanguageContext, url: str, title: str, title_lang: str = "") -> Crumbs | None:
    """Home › section › (year ›) this page, for every page below the home page."""
    lang = site.lang
    if url == routing.home(lang) or not url.startswith(f"{lang}/"):
        return None
    parts = url.removeprefix(f"{lang}/").strip("/").split("/")
    section = f"{lang}/{parts[0]}/"
    if section == url:  # a section's own page: only the home page above it
        section = ""
    # A release (``releases/2024/slug/``) sits in its year's archive.
    is_release = section == routing.release_list(lang) and len(parts) >= 3
    year = parts[1] if is_release and _YEAR_RE.match(parts[1]) and parts[2] != "page" else ""
    trails: dict[tuple[str, str], _Trail] = site.fixed.setdefault(__name__, {})
    trail = trails.get((section, year))
    if trail is None:
        trail = trails[section, year] = _trail(site, section, year)
    name, item = _json_string(title), _json_string(site.absolute(url))
    last = f'{{"@type":"ListItem","position":{trail.position},"name":{name},"item":{item}}}]}}'
    return Crumbs(trail.links, title, Markup(trail.data + script_safe(last)), title_lang)


@dataclass(frozen=True, slots=True)
class _Trail:
    """The links above the pages of one section (and year), with their JSON-LD: the same on
    every page there, so made once per language; each page adds itself to both."""

    links: tuple[Link, ...]
    data: str
    """``BreadcrumbList`` JSON-LD up to the page's own item: ``…,`` (made safe for a script)."""
    position: int
    """The page's own item's position."""


def _trail(site: LanguageContext, section: str, year: str) -> _Trail:
    lang, gettext = site.lang, site.language.gettext
    trail = [(routing.home(lang), gettext("Home"))]
    sections = {
        routing.release_list(lang): gettext("Press releases"),
        routing.topic_index(lang): gettext("Topics"),
        routing.partner_index(lang): gettext("Partners"),
    }
    if section in sections:
        trail.append((section, sections[section]))
        if year:
            trail.append((routing.year_archive(lang, int(year)), site.language.year(int(year))))
    links = tuple(Link(site.href(href), text) for href, text in trail)
    items = [
        {"@type": "ListItem", "position": index, "name": text, "item": site.absolute(href)}
        for index, (href, text) in enumerate(trail, start=1)
    ]
    data = json_ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
    return _Trail(links, str(data).removesuffix("]}") + ",", len(items) + 1)


@dataclass(frozen=True, slots=True)
class ContactView:
    """A press contact as one reader language shows it."""

    name: str
    role: str
    email: str
    phone: str
    phone_href: str
    url: str


def contact_view(site: LanguageContext, release: Release) -> ContactView | None:
    """The release's own contact (this version's, else a sibling's), else the site's."""
    own = release.translations[site.lang].contact
    siblings = (t.contact for t in release.translations.values() if t.contact is not None)
    contact = own or next(siblings, None) or site.config.contact
    if contact is None:
        return None
    # Most releases show the site's contact: its view is made once per language. Each view is
    # kept with its contact, whose id no other object can take while it is kept.
    views: dict[int, tuple[Contact, ContactView]] = site.fixed.setdefault(f"{__name__}:contacts", {})
    found = views.get(id(contact))
    if found is not None:
        return found[1]
    lang = site.lang
    first = next(iter(contact.name.values()), "")
    view = ContactView(
        name=contact.name.get(lang, first),
        role=contact.role.get(lang, next(iter(contact.role.values()), "")),
        email=contact.email,
        phone=contact.phone,
        phone_href=contact.phone_link(),
        url=contact.url,
    )
    views[id(contact)] = (contact, view)
    return view


@dataclass(frozen=True, slots=True)
class FooterLink:
    href: str
    text: str
    lang: str
    """The version's language: the reader's, or another where the reader's is missing."""
    missing: bool


def footer_links(site: LanguageContext) -> tuple[FooterLink, ...]:
    """The pages ``site.yaml`` lists under ``footer``, in the reader's language where they exist."""
    pages = {page.key: page for page in site.catalog.pages}
    links = []
    for key, _line in site.config.footer:
        page = pages.get(key)
        if page is None:
            continue  # reported by check_footer before any page is planned
        version = page.translations.get(site.lang)
        missing = version is None
        if version is None:
            version = next(page.translations[lang] for lang in site.catalog.languages if lang in page.translations)
        links.append(FooterLink(site.href(version.url), version.title, version.lang, missing))
    return tuple(links)


def footer_keys(config: SiteConfig) -> frozenset[str]:
    return frozenset(key for key, _line in config.footer)


def check_footer(config: SiteConfig, catalog: Catalog, problems: Problems) -> None:
    """Every footer entry must name a page that exists in at least one language."""
    keys = {page.key for page in catalog.pages}
    withheld = {rel: reason for (_lang, rel), reason in catalog.links.withheld.items()}
    for key, line in config.footer:
        if key in withheld:
            problems.error(CONFIG_NAME, line, f"footer: the page '{key}' is {withheld[key]} (in every language it has)")
        elif key not in keys:
            known = ", ".join(sorted(keys)) or "none"
            problems.error(CONFIG_NAME, line, f"footer: no page '{key}' (content/<lang>/{key}.md); pages: {known}")
