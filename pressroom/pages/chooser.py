"""The neutral root page and root 404: every language offered, none preferred.

The reader's browser may suggest one language; the page itself favours none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from pressroom.base.i18n import Language
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.media import SharePicture, neutral_card
from pressroom.pages.context import FAVICON, TOUCH_ICON
from pressroom.pages.plans import PagePlan


@dataclass(frozen=True, slots=True)
class ChooserEntry:
    lang: str
    name: str
    href: str
    site_title: str
    tagline: str
    not_found: str
    suggestion: str
    """Shown next to the language the browser prefers."""
    feed: str = ""
    """The language's Atom feed, offered for autodiscovery: a reader given the site's address finds
    the three feeds, each titled in its language (it found none)."""
    feed_title: str = ""


@dataclass(frozen=True, slots=True)
class ChooserView:
    """The neutral root page (and root 404): every language offered, none preferred."""

    entries: tuple[ChooserEntry, ...]
    titles: tuple[tuple[str, str], ...]
    """The site's titles for the heading, with their languages, each once (`distinct_titles`)."""
    alternates: tuple[tuple[str, str], ...]
    stylesheet: str
    script: str
    """The browser's suggestion, a file of its own: the pages run no inline script (the preview
    server's Content-Security-Policy, and any a host sets, allow scripts from the site only)."""
    canonical: str
    share: SharePicture
    """The card naming the site in every language, for ``og:image``."""
    description: str = ""
    """What the site is about in every language, for search results and shared links."""
    is_404: bool = False
    not_found: tuple[str, ...] = ()
    """The root 404's title in every language ("Page not found"), said before the site's name:
    titled as the chooser is, a screen reader announced it as the chooser (WCAG 2.4.2)."""
    logo: str = ""
    """The site's mark (``site.yaml`` ``logo``), if it has one."""
    favicon: str = ""
    touch_icon: str = ""
    template: str = "chooser.html"


CHOOSER_SCRIPT = "static/chooser.js"


def chooser(
    catalog: Catalog,
    languages: dict[str, Language],
    assets: Mapping[str, str],
    stylesheet: str,
    script: str,
    is_404: bool,
) -> PagePlan:
    """The root page offering every language (or the root 404)."""
    config = catalog.config
    base = config.link_base
    entries = tuple(
        ChooserEntry(
            lang=lang,
            name=languages[lang].native_name,
            href=config.base_path + routing.home(lang),
            site_title=config.site_title(lang),
            tagline=languages[lang].gettext("Press releases and international partnerships"),
            not_found=languages[lang].gettext("This page does not exist."),
            suggestion=languages[lang].gettext("Suggested by your browser settings"),
            feed=config.base_path + routing.feed(lang),
            feed_title=languages[lang].gettext("Press releases (Atom feed)"),
        )
        for lang in catalog.languages
    )
    alternates = tuple((lang, base + routing.home(lang)) for lang in catalog.languages)
    alternates += (("x-default", base + routing.chooser()),)
    url = routing.not_found() if is_404 else routing.chooser()
    neutral = neutral_card(config, catalog.languages)
    # Every language's own words, none first but by the site's order: without a description,
    # search engines cut a snippet from the page, the languages' names in a row.
    description = " / ".join(config.site_description(e.lang) or e.tagline for e in entries)
    view = ChooserView(
        entries,
        config.distinct_titles(catalog.languages),
        alternates,
        stylesheet,
        script,
        base + url,
        share=dataclasses.replace(neutral, url=base + neutral.url),
        description=description,
        is_404=is_404,
        not_found=tuple(languages[lang].gettext("Page not found") for lang in catalog.languages) if is_404 else (),
        logo=assets.get(config.logo, ""),
        favicon=assets.get(FAVICON, ""),
        touch_icon=assets.get(TOUCH_ICON, ""),
    )
    return PagePlan(url, None, view, "language chooser" if not is_404 else "404")
