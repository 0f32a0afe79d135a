"""Earlier addresses: each version's ``formerly:`` resolved to the address it leads on from.

An address of ``formerly:`` must be this site's (``base_url`` as ``site.yaml`` gives it: the
address readers had, whatever a build's ``--base-url``), of the version's language and of its
kind (a release's address for a release, a page's for a page), and no page's now: a redirect
must never hide a page. One old address leads on to one version only. Every mistake is said at
its line, all at once; the pages themselves are planned by `pressroom.pages.redirects`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from pressroom.base.errors import Problems
from pressroom.base.text import same_site_host
from pressroom.model import routing
from pressroom.model.catalog import VersionGroup
from pressroom.source.config import SiteConfig
from pressroom.source.formerly import FORMERLY, FormerAddress
from pressroom.source.frontmatter import VersionSource
from pressroom.source.slugs import MAX_SLUG_BYTES, SLUG_RULE, slug_problem

Former = tuple[str, int]
"""An earlier address (URL path relative to the site root, ``de/releases/2024/x/``) and its line."""
_YEAR = re.compile(r"[0-9]{4}")


def former_urls(
    config: SiteConfig,
    groups: list[VersionGroup],
    dates: Mapping[str, date],
    urls: Mapping[tuple[str, str], str],
    problems: Problems,
) -> dict[tuple[str, str], tuple[Former, ...]]:
    """(key, language) → the earlier addresses of that version that lead on to it; each one that
    cannot (not this site's, another language's or kind's, a page's now, another version's) is
    an error at its line."""
    now: dict[str, VersionSource] = {}  # every address a page has now, without case, and its version
    for group in groups:
        for lang, version in group.versions.items():
            now[urls[(group.key, lang)].casefold()] = version
    claimed: dict[str, tuple[VersionSource, int]] = {}
    found: dict[tuple[str, str], tuple[Former, ...]] = {}
    for group in groups:
        day = dates.get(group.key)
        for lang, version in group.versions.items():
            kept: list[Former] = []
            for former in version.formerly:
                url = _resolved(config, version, former, day, problems)
                if url is None:
                    continue
                other = now.get(url.casefold())
                first = claimed.get(url.casefold())
                if other is version:
                    _wrong(problems, version, former, "is this version's own address now; remove it")
                elif other is not None:
                    _wrong(
                        problems,
                        version,
                        former,
                        f"is the address of {other.path} now: a redirect there would hide that page; remove it",
                    )
                elif first is not None and first[0] is version:
                    _wrong(problems, version, former, f"is given twice (line {first[1]} too); remove one")
                elif first is not None:
                    _wrong(
                        problems,
                        version,
                        former,
                        f"is given as an earlier address by {first[0].path}:{first[1]} too: an old address leads"
                        " on to one page only; remove it from one of them",
                    )
                else:
                    claimed[url.casefold()] = (version, former.line)
                    kept.append((url, former.line))
            if kept:
                found[(group.key, lang)] = tuple(kept)
    return found


def _wrong(problems: Problems, version: VersionSource, former: FormerAddress, message: str) -> None:
    problems.error(version.path, former.line, f"{FORMERLY}: '{former.written}' {message}")


def _resolved(
    config: SiteConfig, version: VersionSource, former: FormerAddress, day: date | None, problems: Problems
) -> str | None:
    """The URL path (from the site's root) ``former`` names, or None where it names no earlier
    address of ``version`` (said at its line)."""
    if former.slug:
        if day is None and not version.is_page:
            return None  # a release without a date, which is said at its own line
        lang, year, slug = version.lang, (day.year if day else 0), former.slug
        is_page = version.is_page
    else:
        parts = _site_path(config, version, former, problems)
        if parts is None:
            return None
        lang, is_page = parts[0], len(parts) == 2
        year, slug = (0, parts[1]) if is_page else (int(parts[2]), parts[3])
        if lang != version.lang:
            _wrong(
                problems,
                version,
                former,
                f"is an address of the {lang} pages: give it in the {lang} version, and here this"
                f" {version.lang} version's own earlier address",
            )
            return None
        if is_page != version.is_page:
            kinds = ("a standalone page's", "a release's")
            _wrong(
                problems,
                version,
                former,
                f"is {kinds[not is_page]} address, not {kinds[is_page]}: a {('release', 'page')[version.is_page]}"
                f" leads on from its own earlier addresses only",
            )
            return None
        if slug_problem(slug) is not None:
            _wrong(problems, version, former, f"ends in '{slug}', which no address of this site does: {SLUG_RULE}")
            return None
    if len(slug.encode()) > MAX_SLUG_BYTES:
        _wrong(problems, version, former, f"is too long: no address of this site has more than {MAX_SLUG_BYTES} bytes")
        return None
    if is_page and slug.casefold() in routing.RESERVED:
        what = routing.RESERVED[slug.casefold()]
        _wrong(problems, version, former, f"is the address of the site's {what}: a redirect there would hide it")
        return None
    return routing.page(lang, slug) if is_page else routing.release(lang, year, slug)


def _site_path(
    config: SiteConfig, version: VersionSource, former: FormerAddress, problems: Problems
) -> list[str] | None:
    """The parts of ``former``'s path below the site's address: ``[lang, slug]`` (a page's) or
    ``[lang, "releases", year, slug]`` (a release's); None where it is neither (said)."""
    published = config.published_url or config.base_url
    site = urlsplit(published) if "://" in published else None
    base_path = site.path or "/" if site is not None else published
    if former.host and site is None:
        _wrong(
            problems,
            version,
            former,
            f"names a host, but base_url in site.yaml names none, so it cannot be told to be this site's"
            f" address: write its path alone, '{former.path}'",
        )
        return None
    elsewhere = former.host and site is not None and not same_site_host(former.host, site.netloc)
    if elsewhere or not former.path.startswith(base_path):
        _wrong(
            problems,
            version,
            former,
            f"is not an address of this site ({published}): write this site's earlier address, or the old slug alone",
        )
        return None
    parts = former.path[len(base_path) :].strip("/").split("/")
    release = len(parts) == 4 and parts[1] == routing.RELEASES and _YEAR.fullmatch(parts[2])
    if not (release or len(parts) == 2) or parts[0] not in config.languages:
        example = base_path + (routing.page(version.lang, "about") if version.is_page else _example(version))
        _wrong(problems, version, former, f"is not the address of a release or page: write one like '{example}'")
        return None
    return parts


def _example(version: VersionSource) -> str:
    """An address of a release like ``version``, for messages."""
    return routing.release(version.lang, version.date.year if version.date else 2024, "kanagawa-besuch")
