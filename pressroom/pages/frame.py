"""The frame every page of a language shares: head, header, language switcher, footer.

Decides a page's canonical URL, its ``hreflang`` alternates (each existing version, then
``x-default``), the switcher that keeps the reader on the same content in another language,
and the plain notice naming the languages a page is missing in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

from markupsafe import Markup

from pressroom.base.i18n import language_name, og_locale
from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.model.media import SharePicture, site_card
from pressroom.pages.context import FAVICON, MENU_SCRIPT, STYLESHEET, TOUCH_ICON, LanguageContext
from pressroom.pages.media import absolute
from pressroom.pages.plans import NO_MARKUP, Link, PlannedEntry, SitemapEntry
from pressroom.pages.press import Crumbs, FooterLink, breadcrumbs, footer_links


@quick_init
@dataclass(frozen=True, slots=True)
class SwitcherEntry:
    """One language in the language switcher."""

    lang: str
    name: str
    """The language's name in its own script."""
    href: str
    current: bool
    available: bool
    """False when this content has no version in that language (href leads to its list)."""


@quick_init
@dataclass(frozen=True, slots=True)
class Frame:
    """What every page of one language shares: head, header, switcher, footer."""

    lang: str
    title: str
    site_title: str
    description: str
    canonical: str
    href: str
    """This page's own site-rooted link, to mark it current in the navigation."""
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute-or-rooted href) for every existing version, then x-default."""
    switcher: tuple[SwitcherEntry, ...]
    nav: tuple[Link, ...]
    home: str
    root: str
    stylesheet: str
    menu_script: str
    missing: tuple[str, ...] = ()
    """The languages this content is missing in, named in the reader's language."""
    missing_list: str = ""
    """Those names as one list joined by "or" (Babel), for notices naming three or more."""
    changed: tuple[tuple[str, str], ...] = ()
    """(language name, localized date or "") of versions changed since this one was confirmed."""
    og_locale: str = ""
    """``de_DE``: this page's locale as Open Graph writes it."""
    og_alternates: tuple[str, ...] = ()
    """Open Graph locales of the page's other versions."""
    og_type: str = "website"
    published: str = ""
    """An article's ``article:published_time``: the moment its embargo ended, with its offset, else
    its day (ISO 8601, as its JSON-LD ``datePublished``); empty on every other page."""
    modified: str = ""
    """An article's ``article:modified_time``, as its JSON-LD ``dateModified``."""
    feeds: tuple[Link, ...] = ()
    """Atom feeds offered for autodiscovery and in the footer: the language's feed, and one for
    this partner or topic."""
    structured_data: Markup = NO_MARKUP
    """JSON-LD for the page, ready to sit in a ``<script type="application/ld+json">``."""
    share: SharePicture | None = None
    """The picture shared links show (``og:image``), with its absolute URL: the page's own, else
    the language's site card."""
    crumbs: Crumbs | None = None
    """Breadcrumbs, on every page below the home page."""
    robots: str = ""
    """``noindex`` for a page no search engine should list (a 404, served at any wrong address)."""
    logo: str = ""
    """The site's own mark (``site.yaml`` ``logo``), or empty for the theme's."""
    favicon: str = ""
    touch_icon: str = ""
    """The icon a phone shows for the site added to its home screen."""
    manifest: str = ""
    """The language's web app manifest: the site's name, start page and icon on a home screen."""
    short_title: str = ""
    """The site's name under that icon (``site.yaml`` ``short_title``, else its title)."""
    search: str = ""
    """The language's search page, where the header's search form sends its query; "" on a site
    built without its index (``--no-search``), whose header has no search form."""
    footer: tuple[FooterLink, ...] = ()
    nav_current: str = ""
    """`href` if the navigation links this very page, else empty: what the header, the same on
    every other page of the language, is rendered once for (see templates/_frame.html)."""


@dataclass(frozen=True, slots=True)
class FixedParts:
    """What the frame of every page of one language shows the same way, worked out once per
    language (`fixed_parts`) instead of once per page."""

    names: Mapping[str, str]
    """Each language's name in its own script (the switcher's)."""
    names_here: Mapping[str, str]
    """Each language's name in this language (notices of missing and changed versions)."""
    og_locale: str
    """This language's locale as Open Graph writes it."""
    og_locales: Mapping[str, str]
    """Each language's locale from ``site.yaml`` as Open Graph writes it (the alternates)."""
    description: str
    """The description of a page that has none of its own."""
    share: SharePicture
    """The language's site card, for pages with no picture of their own."""
    feeds: tuple[Link, ...]
    home: str
    root: str
    logo: str
    favicon: str
    touch_icon: str
    manifest: str
    short_title: str
    search: str
    footer: tuple[FooterLink, ...]
    nav_hrefs: frozenset[str]
    """The navigation's links, to tell the page that is one of them."""


def fixed_parts(site: LanguageContext) -> FixedParts:
    """The language's `FixedParts`, made on first use and kept in its context."""
    found: FixedParts | None = site.fixed.get(__name__)
    if found is None:
        language, config = site.language, site.config
        languages = site.catalog.languages
        found = site.fixed[__name__] = FixedParts(
            names={lang: language_name(lang, lang, languages) for lang in languages},
            names_here={lang: language.name_of(lang) for lang in languages},
            og_locale=language.og_locale,
            og_locales={lang: og_locale(config.locales.get(lang, lang)) for lang in languages},
            description=config.site_description(site.lang) or site.site_title,
            share=absolute(site, site_card(config, site.lang)),
            feeds=(site.feed_link,),
            home=site.href(routing.home(site.lang)),
            root=site.href(routing.chooser()),
            logo=site.assets.get(config.logo, ""),
            favicon=site.assets.get(FAVICON, ""),
            touch_icon=site.assets.get(TOUCH_ICON, ""),
            manifest=site.href(routing.web_manifest(site.lang)),
            short_title=config.site_short_title(site.lang) or site.site_title,
            search=site.href(routing.search(site.lang)) if site.search else "",
            footer=footer_links(site),
            nav_hrefs=frozenset(link.href for link in site.nav),
        )
    return found


def frame(
    site: LanguageContext,
    url: str,
    title: str,
    description: str = "",
    versions: dict[str, str] | None = None,
    changed: tuple[tuple[str, date | None], ...] = (),
    fallback: Callable[[str], str] = routing.release_list,
    og_type: str = "website",
    published: str = "",
    modified: str = "",
    feeds: tuple[Link, ...] = (),
    structured_data: Markup = NO_MARKUP,
    share: SharePicture | None = None,
    robots: str = "",
    counterparts: dict[str, str] | None = None,
    crumb: str = "",
    title_lang: str = "",
) -> Frame:
    """Frame for a page; ``versions`` maps language → URL where not every language has one.

    A language without a version is offered through ``fallback(lang)``, a page that exists
    in every language (for a release: its year's release list, which offers it in the
    languages it has). ``counterparts``: of ``versions``, those that are this very page in
    their language and name it back, where the others are only the nearest page a reader is
    taken to (a later page of the release list, where a language has fewer): the alternates
    name only these (and Open Graph's alternate locales), as search engines ignore an alternate
    that does not name its page back. ``crumb``: the page's own breadcrumb, where it is shorter
    than its title (a year's archive: "2024"). ``title_lang``: the title's language where it is
    not the page's (an untranslated copy's), for the breadcrumb that names the page."""
    languages = site.catalog.languages
    fixed = fixed_parts(site)
    existing = existing_versions(site, url, versions)
    paired = existing if counterparts is None else counterparts
    here = site.lang
    switcher = tuple(
        SwitcherEntry(
            lang=lang,
            name=fixed.names[lang],
            href=site.href(existing.get(lang) or fallback(lang)),
            current=lang == here,
            available=lang in existing,
        )
        for lang in languages
    )
    missing = tuple(fixed.names_here[lang] for lang in languages if lang not in existing)
    # Notices name one or two languages in a sentence of their own ("weder … noch", 「…版も…版も」);
    # a list joined by "or" is only for sites with more languages.
    missing_list = site.language.list_of(missing, "or") if missing else ""
    href = site.href(url)
    return Frame(
        lang=here,
        title=title,
        site_title=site.site_title,
        description=description or fixed.description,
        canonical=site.absolute(url),
        href=href,
        alternates=alternates(site, paired),
        switcher=switcher,
        nav=site.nav,
        home=fixed.home,
        root=fixed.root,
        stylesheet=site.assets[STYLESHEET],
        menu_script=site.assets[MENU_SCRIPT],
        missing=missing,
        missing_list=missing_list,
        changed=tuple((fixed.names_here[lang], site.date(day) if day else "") for lang, day in changed),
        og_locale=fixed.og_locale,
        og_alternates=tuple(fixed.og_locales[lang] for lang in languages if lang in paired and lang != here),
        og_type=og_type,
        published=published,
        modified=modified,
        feeds=(site.feed_link, *feeds) if feeds else fixed.feeds,
        structured_data=structured_data,
        share=share or fixed.share,
        crumbs=breadcrumbs(site, url, crumb or title, "" if crumb else title_lang),
        robots=robots,
        logo=fixed.logo,
        favicon=fixed.favicon,
        touch_icon=fixed.touch_icon,
        manifest=fixed.manifest,
        short_title=fixed.short_title,
        search=fixed.search,
        footer=fixed.footer,
        nav_current=href if href in fixed.nav_hrefs else "",
    )


def existing_versions(site: LanguageContext, url: str, versions: dict[str, str] | None) -> dict[str, str]:
    """Language → URL of the page's versions: those given, else the same generated page in every language."""
    if versions is not None:
        return versions
    return {lang: same_page_in(url, site.lang, lang) for lang in site.catalog.languages}


def sitemap_entry(
    site: LanguageContext, url: str, versions: dict[str, str] | None = None, lastmod: str = ""
) -> SitemapEntry:
    """What the sitemap says about a page whose frame is made later: the same canonical
    URL and alternates as `frame` with these arguments."""
    return SitemapEntry(site.absolute(url), alternates(site, existing_versions(site, url, versions)), lastmod)


def planned_entry(
    site: LanguageContext, url: str, versions: dict[str, str] | None = None, lastmod: str = ""
) -> PlannedEntry:
    """`sitemap_entry`, worked out when the sitemap is rendered."""
    return PlannedEntry(partial(sitemap_entry, site, url, versions, lastmod), lastmod)


def alternates(site: LanguageContext, existing: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """``hreflang`` alternates: each existing version's absolute URL, then ``x-default``; none
    where no version is named (an untranslated copy)."""
    base = site.config.link_base
    found = tuple((lang, base + existing[lang]) for lang in site.catalog.languages if lang in existing)
    return (*found, ("x-default", base + routing.chooser())) if found else ()


def same_page_in(url: str, lang: str, other: str) -> str:
    """The URL of a generated page (lists, topics, partners) in another language."""
    return other + url.removeprefix(lang) if url.startswith(lang) else url
