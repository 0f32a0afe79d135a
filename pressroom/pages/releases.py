"""The pages that show one piece of content: a release, a standalone page, the home page.

A release page shows its version in the reader's language with reading time, partners,
topics, share links and releases to read next; its body is read and rendered by the worker
that renders the page (the view is deferred).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import unescape

from markupsafe import Markup

from pressroom.base.errors import Problems
from pressroom.base.languageparts import WRITTEN_IN_HAN, primary_subtag
from pressroom.base.quickinit import quick_init
from pressroom.base.text import quote_all
from pressroom.model import routing
from pressroom.model.copies import OWN, CopiedTexts, search_parts
from pressroom.model.texts import Page, Release, Translation
from pressroom.pages.collation import by_name
from pressroom.pages.context import SHARE_SCRIPT, LanguageContext
from pressroom.pages.dateline import placed
from pressroom.pages.frame import Frame, frame, planned_entry
from pressroom.pages.lists import card
from pressroom.pages.media import DownloadView, LeadView, download_views, lead_view, share_meta, titled_share
from pressroom.pages.plans import Deferred, Link, PagePlan, PlannedEntry, ReleaseCard
from pressroom.pages.press import ContactView, contact_view, footer_keys
from pressroom.pages.readerbody import reader_body
from pressroom.pages.structured import news_article, organization, website


@dataclass(frozen=True, slots=True)
class HomeView:
    frame: Frame
    latest: tuple[ReleaseCard, ...]
    total: int
    """The releases in the reader's language."""
    elsewhere: str
    """For a language without releases of its own, where those in other languages are offered:
    the newest one's year (the release list holds only the reader's language); else empty."""
    partners: tuple[Link, ...]
    about: Link | None
    all_releases: str
    lead: str = ""
    """The site's description, under its title (none where the site has none: the page's own
    description, for search engines, is then the title, which the lead repeated)."""
    template: str = "home.html"


@quick_init
@dataclass(frozen=True, slots=True)
class ReleaseView:
    frame: Frame
    title: str
    date: str
    date_iso: str
    summary: str
    source: str
    partners: tuple[Link, ...]
    topics: tuple[Link, ...]
    body: Markup
    list_href: str
    reading_time: str
    permalink: str
    share: tuple[Link, ...]
    more: tuple[ReleaseCard, ...]
    lead: LeadView | None = None
    downloads: tuple[DownloadView, ...] = ()
    contact: ContactView | None = None
    time: str = ""
    """The time of publication (for a release that was under embargo), with its UTC offset."""
    time_iso: str = ""
    updated: str = ""
    """When this version's text last changed after its release day (its ``updated``), for readers
    who quote it; empty when it has not."""
    updated_iso: str = ""
    script: str = ""
    """``static/share.js``: the copy-link button (the pages run no inline script)."""
    previous: Link | None = None
    """The next older release in the reader's language."""
    next: Link | None = None
    """The next newer release in the reader's language."""
    copied: CopiedTexts = OWN
    """Its texts still in another language (an untranslated copy's), each marked with it."""
    header_place: str = ""
    """The place (Markup) of a dateline its language's press offices put in the header (see `placed`)."""
    template: str = "release.html"


@dataclass(frozen=True, slots=True)
class StandaloneView:
    frame: Frame
    title: str
    body: Markup
    copied: CopiedTexts = OWN
    template: str = "page.html"


def home_page(site: LanguageContext) -> PagePlan:
    lang, own = site.lang, site.own
    footer = footer_keys(site.config)
    about = next((p for p in site.catalog.pages if lang in p.translations and p.key not in footer), None)
    # The release list holds the reader's language only; a year's archive offers the others too.
    newest = site.catalog.releases[:1]
    elsewhere = site.href(routing.year_archive(lang, newest[0].date.year)) if newest and not own else ""
    home = site.absolute(routing.home(lang))
    search = site.absolute(routing.search(lang)) if site.search else ""
    about_site = website(name=site.site_title, lang=lang, url=home, search=search, publisher=_publisher(site))
    view = HomeView(
        frame=frame(site, routing.home(lang), site.site_title, structured_data=about_site),
        latest=tuple(card(site, r, n == 0) for n, r in enumerate(own[: site.config.home_count])),
        total=len(own),
        elsewhere=elsewhere,
        # Active partners only: one that has ended, or rests (the Russian regions since 2022), is on
        # the partner index with its status, not among the partners the home page names unmarked.
        partners=tuple(
            site.partner_link(p) for p in by_name(lang, site.catalog.partners.values()) if p.status == "active"
        ),
        about=Link(site.href(about.translations[lang].url), about.translations[lang].title) if about else None,
        all_releases=site.href(routing.release_list(lang)),
        lead=site.config.site_description(lang),
    )
    return PagePlan(routing.home(lang), lang, view, "home page")


def versions_of(translations: Mapping[str, Translation]) -> dict[str, str]:
    """Language → URL of each version of a release or page."""
    return {lang: t.url for lang, t in translations.items()}


def translated(translations: Mapping[str, Translation]) -> dict[str, Translation]:
    """The versions written in their language: not a copy still marked ``untranslated``, which
    readers get but which no page, sitemap or feed names as that language's version
    (``hreflang="ja"`` named a German text, a duplicate of the German page)."""
    return {lang: t for lang, t in translations.items() if not t.untranslated}


def _indexed(
    site: LanguageContext, version: Translation, translations: Mapping[str, Translation], lastmod: str = ""
) -> PlannedEntry | None:
    """The sitemap entry of a version's page: none for an untranslated copy, which is ``noindex``."""
    if version.untranslated:
        return None
    return planned_entry(site, version.url, versions_of(translated(translations)), lastmod)


def modified_iso(release: Release, version: Translation) -> str:
    """When this version last changed: its ``updated`` date, else its release date."""
    return (version.updated or release.date).isoformat()


def release_page(site: LanguageContext, release: Release) -> PagePlan:
    version = release.translations[site.lang]
    entry = _indexed(site, version, release.translations, modified_iso(release, version))
    view = Deferred(partial(_release_view, site, release), entry)
    return PagePlan(version.url, site.lang, view, version.path, version.line)


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_FOOTNOTE_REF = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.DOTALL)
_LINE_BREAK = re.compile(r"<br\s*/?>")
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"[.!?](?= )|[。！？]")
DESCRIPTION_LENGTH = 160
"""Characters of a description made from a text's opening (search engines show about that
much); `HAN_DESCRIPTION_LENGTH` in the languages written in Han."""
HAN_DESCRIPTION_LENGTH = 90
"""A Japanese, Chinese or Korean character carries about what two Latin ones do."""


def opening_words(body_html: str, lang: str) -> str:
    """The plain text of a body's first paragraph, cut after a word to a search result's length:
    the description of a release or page that gives no ``summary`` (the site's own description
    stood for every such one, one snippet for all of them)."""
    found = _PARAGRAPH.search(body_html)
    if found is None:
        return ""
    text = _LINE_BREAK.sub(" ", _FOOTNOTE_REF.sub("", found.group(1)))
    return search_snippet(unescape(_TAG.sub("", text)), lang)


def search_snippet(text: str, lang: str) -> str:
    """Plain text cut to a search result's length, as `opening_words` cuts an opening: for a page
    whose description is a text written for the page itself (a partner's summary), which search
    engines, link cards and X cut mid-word wherever their limit falls."""
    text = " ".join(text.split())
    limit = HAN_DESCRIPTION_LENGTH if primary_subtag(lang) in WRITTEN_IN_HAN else DESCRIPTION_LENGTH
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # Whole sentences where they fill most of it; else cut after a word, and said to go on.
    ends = [found.end() for found in _SENTENCE_END.finditer(text, 0, limit)]
    if ends and ends[-1] > limit // 2:
        return text[: ends[-1]].rstrip()
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:–—、，") + "…"


def _release_view(site: LanguageContext, release: Release, problems: Problems) -> ReleaseView:
    version = release.translations[site.lang]
    catalog, language = site.catalog, site.language
    body = catalog.body(version, problems)
    # A copy's German opening is cut as German, not to the length of a Japanese one.
    description = version.summary or opening_words(body.html, version.copied.body or site.lang)
    permalink = site.absolute(version.url)
    partners = [catalog.partners[p] for p in release.partners]
    share = share_meta(site, version)
    lead_images = [site.absolute(version.image.rendition.src(""))] if version.image else []
    edited = _edited_on(release, version)
    published = release.published or release.date
    structured = news_article(
        headline=version.title,
        description=description,
        lang=site.lang,
        url=permalink,
        published=published,
        modified=edited,
        publisher=_publisher(site),
        author=version.source or site.site_title,
        keywords=[catalog.topics[t].name[site.lang] for t in release.topics],
        about=[p.name[site.lang] for p in partners],
        versions=[
            (lang, site.absolute(t.url), t.title)
            for lang, t in translated(release.translations).items()
            if lang != site.lang
        ],
        images=[*lead_images, share.url],
        place=version.place,
    )
    minutes = body.minutes
    parts, body_lang = search_parts(site.lang, version.copied, version.title, version.summary, body.html, body.parts)
    shown = reader_body(site, body.html, parts, body_lang)
    header_place, shown = placed(site.language, version, release.date, shown, parts, body_lang)
    return ReleaseView(
        frame=frame(
            site,
            version.url,
            version.title,
            description,
            versions_of(release.translations),
            version.changed_siblings,
            fallback=lambda lang: routing.year_archive(lang, release.date.year),
            counterparts=_counterparts(version, release.translations),
            robots=_robots(version),
            og_type="article",
            published=published.isoformat(),
            modified=(edited or published).isoformat(),
            structured_data=structured,
            share=share,
            title_lang=version.copied.title,
        ),
        title=version.title,
        date=site.date(release.date),
        date_iso=release.date.isoformat(),
        summary=version.summary,
        source=version.source,
        partners=tuple(site.partner_link(p) for p in partners),
        topics=tuple(site.topic_link(t) for t in release.topics),
        body=shown,
        list_href=site.href(routing.release_list(site.lang)),
        reading_time=language.ngettext("%(num)s minute", "%(num)s minutes", minutes)
        % {"num": language.number(minutes)},
        permalink=permalink,
        share=share_links(version.title, permalink, language.gettext),
        more=tuple(card(site, r) for r in site.related.related(release, site.lang)),
        lead=lead_view(site, version),
        downloads=download_views(site, version.downloads),
        contact=contact_view(site, release),
        time=language.time(release.published) if release.published else "",
        script=site.assets.get(SHARE_SCRIPT, ""),
        time_iso=release.published.isoformat() if release.published else "",
        updated=site.date(edited) if edited else "",
        updated_iso=edited.isoformat() if edited else "",
        previous=_neighbour(site, release, +1),
        next=_neighbour(site, release, -1),
        copied=version.copied,
        header_place=header_place,
    )


def _publisher(site: LanguageContext) -> dict[str, object]:
    """The site as the publisher its JSON-LD names, the same on the home page and every release
    of the language: made once per language (it is read, never changed)."""
    key = f"{__name__}.publisher"
    found: dict[str, object] | None = site.fixed.get(key)
    if found is None:
        home = site.absolute(routing.home(site.lang))
        found = site.fixed[key] = organization(site.site_title, site.config.publisher_type, home, _site_mark(site))
    return found


def _site_mark(site: LanguageContext) -> str:
    """The address of the site's own mark (``site.yaml``'s ``logo``), or "" where it has none."""
    config = site.catalog.config
    mark = site.assets.get(config.logo) if config.logo else None  # the site-rooted, fingerprinted URL
    return site.absolute(mark[len(config.base_path) :]) if mark else ""


def _counterparts(version: Translation, translations: Mapping[str, Translation]) -> dict[str, str]:
    """The versions a page's ``hreflang`` alternates name: the translated ones, and none on an
    untranslated copy, which is not its language's version."""
    return {} if version.untranslated else versions_of(translated(translations))


def _robots(version: Translation) -> str:
    """``noindex`` for an untranslated copy: another language's text, indexed at that language's page."""
    return "noindex" if version.untranslated else ""


def _edited_on(release: Release, version: Translation) -> date | None:
    """The day this version says it changed, if that was after the release day."""
    return version.updated if version.updated is not None and version.updated > release.date else None


def _neighbour(site: LanguageContext, release: Release, step: int) -> Link | None:
    """The release ``step`` places along the reader's language's list (newest first)."""
    index = site.positions[release.key] + step
    if not 0 <= index < len(site.own):
        return None
    other = site.own[index].translations[site.lang]
    return Link(site.href(other.url), other.title, other.copied.title or None)


def share_links(title: str, url: str, gettext: Callable[[str], str]) -> tuple[Link, ...]:
    """Plain links to share a page: nothing is loaded from the services until a reader clicks."""
    text, address = quote_all(title), quote_all(url)
    return (
        Link(f"mailto:?subject={text}&body={address}", gettext("Email")),
        Link(f"https://bsky.app/intent/compose?text={text}%20{address}", "Bluesky"),
        Link(f"https://www.linkedin.com/sharing/share-offsite/?url={address}", "LinkedIn"),
        Link(f"https://x.com/intent/post?text={text}&url={address}", "X"),
        Link(f"https://social-plugins.line.me/lineit/share?url={address}", "LINE"),
        Link(f"https://b.hatena.ne.jp/add?mode=confirm&url={address}&title={text}", gettext("Hatena Bookmark")),
    )


def standalone_page(site: LanguageContext, page: Page) -> PagePlan:
    version = page.translations[site.lang]
    entry = _indexed(site, version, page.translations)
    view = Deferred(partial(_standalone_view, site, page), entry)
    return PagePlan(version.url, site.lang, view, version.path, version.line)


def _standalone_view(site: LanguageContext, page: Page, problems: Problems) -> StandaloneView:
    version = page.translations[site.lang]
    body = site.catalog.body(version, problems)
    return StandaloneView(
        frame=frame(
            site,
            version.url,
            version.title,
            version.summary or opening_words(body.html, version.copied.body or site.lang),
            versions_of(page.translations),
            version.changed_siblings,
            fallback=routing.home,
            counterparts=_counterparts(version, page.translations),
            robots=_robots(version),
            share=titled_share(site, version.url, version.title),
            title_lang=version.copied.title,
        ),
        title=version.title,
        # A page shows no summary.
        body=reader_body(
            site, body.html, *search_parts(site.lang, version.copied, version.title, "", body.html, body.parts)
        ),
        copied=version.copied,
    )
