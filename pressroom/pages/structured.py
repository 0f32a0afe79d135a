"""Machine-readable descriptions of pages: schema.org JSON-LD for search engines and apps.

Each home page is the `WebSite` in its language, with its publisher. Each language version of
a release is a `NewsArticle` in its own language. No version is the original (they are equally
authentic), so each names the others as `workTranslation` and none claims `translationOfWork`.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import orjson
from markupsafe import Markup


def news_article(
    *,
    headline: str,
    description: str,
    lang: str,
    url: str,
    published: date | datetime,
    modified: date | None,
    publisher: dict[str, object],
    author: str,
    keywords: list[str],
    about: list[str],
    versions: list[tuple[str, str, str]],
    images: list[str] | None = None,
    place: str = "",
) -> Markup:
    """JSON-LD for one version; ``versions`` are the others as (lang, url, headline); ``place``
    where it was issued, its dateline's (``locationCreated``: where a work was created).

    ``published`` is the moment its embargo ended, with its offset, where it had one; else its
    day. ``publisher``: the site's `organization`, as its home page names it; the author, an
    office of it, is of its kind."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "inLanguage": lang,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "publisher": publisher,
        "author": {"@type": publisher["@type"], "name": author},
    }
    if images:
        data["image"] = images
    if description:
        data["description"] = description
    if keywords:
        data["keywords"] = keywords
    if about:
        data["about"] = [{"@type": "Place", "name": name} for name in about]
    if place:
        data["locationCreated"] = {"@type": "Place", "name": place}
    if versions:
        data["workTranslation"] = [
            {"@type": "NewsArticle", "inLanguage": other, "url": href, "headline": title}
            for other, href, title in versions
        ]
    return json_ld(data)


def website(*, name: str, lang: str, url: str, search: str, publisher: dict[str, object]) -> Markup:
    """JSON-LD for a home page: the site in its language, who publishes it, and its search,
    which takes its words from the address (``search`` + ``?q=``, as the header's form sends them);
    no search where ``search`` is empty (a site built without its index finds nothing)."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": lang,
        "publisher": publisher,
    }
    if search:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        }
    return json_ld(data)


def organization(name: str, kind: str, url: str = "", logo: str = "") -> dict[str, object]:
    """The site's publisher: its name, schema.org type, home page and mark (where it has them)."""
    found: dict[str, object] = {"@type": kind, "name": name}
    if url:
        found["url"] = url
    if logo:
        found["logo"] = {"@type": "ImageObject", "url": logo}
    return found


def json_ld(data: dict[str, object]) -> Markup:
    """JSON safe inside a script element: ``<``, ``>`` and ``&`` can never end it early."""
    return Markup(script_safe(compact_json(data)))


def compact_json(data: object) -> str:
    """``data`` (mappings, lists, text, integers, booleans, None) as JSON without spaces, text
    as it is (not ``\\u`` escapes), keys in their order.

    Written for every page (its breadcrumbs) and every release (its article): orjson makes the
    same text as the standard library's encoder (`tests/test_properties.py`) in a seventh of
    its time (8 µs a release). What orjson refuses (a string with a lone surrogate, an integer
    beyond 64 bits) is written by the standard library instead."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def script_safe(text: str) -> str:
    """JSON text with ``<``, ``>`` and ``&`` written as escapes (the same JSON to a reader)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
