"""The pages that show a release or a standalone page: what a quick rebuild renders again after
an edit to its text, and nothing else.

`pressroom.pages.plan` plans every page of the site; this module names, of those, the ones
that carry an item's title, card or text: its own pages in every language, the lists, years,
topics and partners whose cards show it, its neighbours' previous and next links, the releases
whose "more releases" name it, the feeds it is in, and the pages at its earlier addresses. A
page that shows an item and is left out here keeps the text from before the edit, so
``tests/test_incremental.py`` holds quick rebuilds to the bytes of full ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from pressroom.model.catalog import Catalog
from pressroom.model.related import RelatedIndex
from pressroom.model.texts import Page, Release
from pressroom.pages.context import LanguageContext
from pressroom.pages.feeds import feeds_showing
from pressroom.pages.lists import release_list_pages, topic_pages, year_pages
from pressroom.pages.partners import partner_page
from pressroom.pages.plans import PagePlan
from pressroom.pages.redirects import redirect_pages
from pressroom.pages.releases import home_page, release_page, standalone_page


def pages_showing(
    contexts: dict[str, LanguageContext],
    catalog: Catalog,
    related: RelatedIndex,
    edited: Iterable[tuple[Release | Page, frozenset[str]]],
) -> list[PagePlan]:
    """The plans of every page that shows one of the ``edited`` releases and pages, each given
    with the languages whose versions were edited (the sitemap aside: it shows their change
    dates only). ``related``: who is related to whom, as before the edit."""
    config = catalog.config
    per_page = config.per_page
    plans: dict[str, PagePlan] = {}

    def add(found: Iterable[PagePlan] | PagePlan) -> None:
        for plan in [found] if isinstance(found, PagePlan) else found:
            plans[plan.url] = plan

    by_key = {r.key: r for r in catalog.releases}
    for item, langs in edited:
        for lang in langs:
            add(redirect_pages(contexts[lang], item))  # they name its title
        if isinstance(item, Page):
            for lang in item.translations:
                add(standalone_page(contexts[lang], item))
            continue
        release = item
        # Its page in every language: switchers, "changed since" notices and structured data
        # name the other versions.
        for lang in release.translations:
            add(release_page(contexts[lang], release))
        for lang, site in contexts.items():
            # A card shows one version's title and summary; a card in a language the release
            # lacks names every version it has.
            if lang in release.translations and lang not in langs:
                if release.translations[lang].untranslated:
                    # A copy's body is tied as its original's language while it is its original's
                    # word for word (an edit of the original may end that), and its feeds show it.
                    add(feeds_showing(site, release))
                continue
            add(year_pages(site, release.date.year, release))
            for topic_id in release.topics:
                add(topic_pages(site, topic_id, release))
            for partner_id in release.partners:
                add(partner_page(site, partner_id, release))
            if lang not in release.translations:
                continue
            own, position = site.own, site.positions[release.key]
            # Its neighbours name it in their "previous" and "next" links.
            for neighbour in own[max(position - 1, 0) : position + 2]:
                add(release_page(site, neighbour))
            if position < config.home_count:
                add(home_page(site))
            add(release_list_pages(site, position // per_page + 1))
            add(feeds_showing(site, release))
            # Those whose "more releases" show it.
            for follower in related.followers(release, lang):
                add(release_page(site, by_key[follower.key]))
    return list(plans.values())
