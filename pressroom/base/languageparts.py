"""The parts of a page written in another language than the page's, for its search results.

Editors mark a foreign word (``[未病]{lang=ja}``, a partner's native name) with ``lang``, so that
browsers choose its glyphs and screen readers its voice. Pagefind indexes text only and drops
those marks: in an excerpt on the search page, 神奈川県 stood unmarked in German, "Kanagawa
Institute of Technology" was read with a German voice. The `language_parts` filter lists each
such part (its language and its text, as JSON) for a page to hand Pagefind as metadata, and
the search page marks the text again wherever a result's title or excerpt shows it. Where a
page's body is in another language as a whole (an untranslated copy's), the filter names that
language too (``body_lang``), which the search page gives the excerpts.

It also owns what a language tag says of the text it marks, for every layer: its primary
subtag (`primary_subtag`), whose rules a text is set, tied and searched by, and which languages
are written in Han characters (`WRITTEN_IN_HAN`, `HAN_LANGUAGES`, `CHINESE`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from markupsafe import Markup

from pressroom.base.patterns import lazy

_LANG_ELEMENT = lazy(r"""<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?\slang\s*=\s*["']?([A-Za-z][A-Za-z0-9-]*)[^>]*>""")
_TAG = lazy(r"<[^>]*>")
_SPACE = lazy(r"\s+")
CHINESE = frozenset({"zh", "yue", "cmn", "lzh", "wuu", "hak", "nan", "gan", "hsn"})
"""Chinese, and the members of it an editor may name (Cantonese, Mandarin, Classical Chinese, Wu,
Hakka, Min Nan, Gan, Xiang): written in Han characters, without spaces between words."""
HAN_LANGUAGES = frozenset({"ja"}) | CHINESE
"""Japanese and Chinese: set by kinsoku in full (‘ and “ open a quotation), "…" on the line's middle."""
WRITTEN_IN_HAN = HAN_LANGUAGES | {"ko"}
"""Languages (primary subtags) that write Han characters, Korean too: a text in one of them
may hold kanji (hanja) without a mark, shows by its script whether it is theirs, and is as wide
per character. Not how it is counted: Korean spaces its words, and its changes are words."""
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def primary_subtag(lang: str) -> str:
    """The language of a tag, in lower case: ``de`` of ``de-AT``, ``zh`` of ``zh-Hant``, ``en``
    of the locale ``en_GB``: the language whose rules a text in ``lang`` follows."""
    return lang.split("-")[0].split("_")[0].lower()


def language_parts(markup: str, language: str) -> list[tuple[str, str]]:
    """Each element of ``markup`` in a language other than ``language`` (compared by primary
    subtag: ``en-GB`` is English) as (its ``lang``, its text), once each, in their order."""
    if " lang" not in markup:  # most pages have none: no pattern to run
        return []
    primary = primary_subtag(language)
    parts: dict[tuple[str, str], None] = {}  # in order, each once: a list's `in` made 10,000 parts take seconds
    for found in _LANG_ELEMENT.finditer(markup):
        name, lang = found.group(1).lower(), found.group(2)
        if name in VOID or primary_subtag(lang) == primary:
            continue
        end = _content_end(markup, name, found.end())
        text = _SPACE.sub(" ", html.unescape(_TAG.sub("", markup[found.end() : end]))).strip()
        if text:
            parts[lang, text] = None
    return list(parts)


def _content_end(markup: str, name: str, position: int) -> int:
    """Where the content of the element ``name`` whose start tag ends at ``position`` ends."""
    depth = 1
    # From ``position`` in the markup itself: a slice from there copied the rest of the body
    # for every part, which made a body of many parts take time that grows with their square.
    for tag in re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE).finditer(markup, position):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return len(markup)


class PartedMarkup(Markup):
    """Markup whose foreign parts are known already (a body's, found when it was rendered and
    kept with it): the filter takes them instead of looking for them on every page."""

    foreign_parts: tuple[tuple[str, str], ...] = ()
    body_lang: str = ""
    """The language of the body as a whole where it is not the page's, else empty."""


def with_parts(html: str, parts: tuple[tuple[str, str], ...], body_lang: str = "") -> Markup:
    """``html`` as Markup that carries the foreign ``parts`` its page shows (in a language other
    than the page's, or than ``body_lang``, the body's language where it is not the page's)."""
    marked = PartedMarkup(html)
    marked.foreign_parts = parts
    marked.body_lang = body_lang
    return marked


def language_parts_filter(language: str) -> Callable[[str], Markup]:
    """A template filter for pages in ``language``: the element that hands the search index the
    foreign parts of some markup (``<span hidden data-pagefind-meta='parts:[["ja","神奈川県"]]'>``),
    and one that names its body's language where that is not the page's
    (``<span hidden data-pagefind-meta="body_lang:de">``); nothing if it has neither. A filter,
    not a macro: it runs on every page, and a macro call costs more than the look at a body
    without ``lang``."""

    def parts(markup: str) -> Markup:
        known = type(markup) is PartedMarkup
        found = markup.foreign_parts if known else language_parts(str(markup), language)  # type: ignore[attr-defined]
        body_lang = markup.body_lang if known else ""  # type: ignore[attr-defined]
        named = Markup('<span hidden data-pagefind-meta="body_lang:{}"></span>').format(body_lang) if body_lang else ""
        if not found:
            return Markup(named)
        listed = json.dumps(found, ensure_ascii=False, separators=(",", ":"))
        return Markup('<span hidden data-pagefind-meta="parts:{}"></span>{}').format(listed, named)

    return parts


def lang_attribute(lang: str) -> Markup:
    """The template filter ``lang_attr``: `` lang="ja"``, written inside the tag of an element
    whose text is in another language than the page's (an untranslated copy's title still in its
    original's, a partner's native name); nothing where ``lang`` is empty (the page's language).
    A filter rather than a macro: it is written a dozen times on a release page, and each macro
    call cost ten times what this does (5 % of rendering every page)."""
    if not lang:
        return _NO_ATTRIBUTE
    if type(lang) is not str:  # what a template may pass besides a code: made, never kept
        return Markup(' lang="%s"') % lang
    found = _LANG_ATTRIBUTES.get(lang)
    if found is None:
        found = Markup(' lang="%s"') % lang
        if len(_LANG_ATTRIBUTES) < _KEPT_ATTRIBUTES:  # a template may pass any text
            _LANG_ATTRIBUTES[lang] = found
    return found


_NO_ATTRIBUTE = Markup()
_LANG_ATTRIBUTES: dict[str, Markup] = {}
"""The attribute made for each language (a site has a few): a Markup's making is Python code of
markupsafe's, and the filter is written some fifteen times on every page."""
_KEPT_ATTRIBUTES = 64
