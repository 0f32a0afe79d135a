"""The pages of the releases under embargo, planned as the build of each one's moment will plan
them: to be rendered and thrown away by every build before it.

Everything else of an embargoed release is checked before its moment (`pressroom.model.embargo`),
but a template mistake only its own page makes (a branch on a value only it has, a filter that
fails on its title, a page out of processor time) was said first by the scheduled run that was
to publish it, which then failed, and the release went out late. Its pages are planned here
from the site as that run will model it (`at_its_moment`: the releases out by then beside it,
its neighbours and related releases among them), on the day it goes online; they are in no
page plan of the site, so no sitemap, feed, list or search index names them.

So are, in each of its languages, one page of each kind that will show its card or entry (its
page of the release list, the home page while it is among the newest, its first partner's
page, and its language's feed with its entry alone: a feed of fifty would render fifty bodies
for one entry's sake). A card that breaks on its title breaks there, not on the lists of the
run that publishes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from pressroom.base.errors import Problems
from pressroom.base.i18n import Language
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.embargo import at_its_moment
from pressroom.model.related import RelatedIndex
from pressroom.model.texts import Release
from pressroom.pages.context import LanguageContext, find_listings, language_context
from pressroom.pages.feeds import feed
from pressroom.pages.lists import release_list_pages
from pressroom.pages.partners import partner_page
from pressroom.pages.plans import Deferred, PagePlan, View
from pressroom.pages.redirects import redirect_pages
from pressroom.pages.releases import home_page, release_page


@dataclass(frozen=True, slots=True)
class HeldPage:
    """A page of an embargoed release, as the build of its moment will render it."""

    plan: PagePlan
    moment: datetime
    """The end of its embargo (``publish``)."""
    shows: str = ""
    """On a page of the site that will show the release's card or entry (not its own): the
    release's own address, for the messages."""


def held_pages(
    catalog: Catalog, languages: Mapping[str, Language], assets: Mapping[str, str], *, search: bool
) -> Iterator[HeldPage]:
    """Each embargoed release's own pages, in every language it has, soonest embargo first: its
    release page and the redirects of its earlier addresses. ``assets`` and ``search``: as for
    the site's own pages (`plan_site`)."""
    for moment in sorted({e.moment for e in catalog.embargoed if e.release is not None}):
        then = at_its_moment(catalog, moment)
        related = RelatedIndex(then.releases, then.languages)
        listings = find_listings(then)
        day = moment.astimezone(UTC).date()  # the build date of the run that publishes it
        for lang in then.languages:
            site = None
            for embargo in catalog.embargoed:
                release = embargo.release
                if embargo.moment != moment or release is None or lang not in release.translations:
                    continue
                if site is None:
                    site = language_context(then, languages[lang], assets, day, related, listings, search)
                for plan in (release_page(site, release), *redirect_pages(site, release)):
                    yield HeldPage(_told_already(plan), moment)
                own = release.translations[lang].url
                for plan in _showing_it(site, release):
                    yield HeldPage(_told_already(plan), moment, own)


def _showing_it(site: LanguageContext, release: Release) -> Iterator[PagePlan]:
    """One page of each kind that shows ``release``'s card or feed entry in ``site``'s language."""
    position = site.positions[release.key]
    yield from release_list_pages(site, position // site.config.per_page + 1)
    if position < site.config.home_count:
        yield home_page(site)
    if release.partners:
        yield from partner_page(site, release.partners[0], release)
    lang = site.lang
    yield feed(site, [release], routing.feed(lang), site.site_title, routing.home(lang))


def _told_already(plan: PagePlan) -> PagePlan:
    """``plan`` with its body's problems left untold: `check_held_bodies` told them, from the
    same site at the same moment, in every build."""
    view = plan.view
    if not isinstance(view, Deferred):
        return plan
    return PagePlan(plan.url, plan.lang, Deferred(partial(_quietly, view), view.sitemap), plan.origin, plan.line)


def _quietly(view: Deferred, problems: Problems) -> View:
    return view.make(Problems())
