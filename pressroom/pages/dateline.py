"""A release page's dateline: where and when the release was issued, as its language's press
offices write it.

A version that names its place (``place:``) shows it with the release's day, in the words and
order of its language's catalog. German and English press offices open the text with it
(``Stuttgart, 17. Juli 2024 –``, ``STUTTGART, 17 July 2024 –``: the stylesheet sets an English
place in capitals, so that the page's text stays the name as written, for screen readers, search
and copying); Japanese press offices put the date at a release's head instead, where the page
shows it, and a Japanese release from abroad names the place it is issued from after it with 発
(``2024年7月17日　シュトゥットガルト発``: a bare place after a comma read as the start of a sentence).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from markupsafe import Markup, escape

from pressroom.base.i18n import Language
from pressroom.base.languageparts import primary_subtag, with_parts
from pressroom.model.texts import Translation

IN_THE_HEADER = frozenset({"ja"})
"""Languages whose press offices give the place and date in a release's header, not as the
opening words of its text."""
PARAGRAPH = "<p>"
"""How a body whose first block is a paragraph begins (as the Markdown renderer writes it)."""


def placed(
    language: Language,
    version: Translation,
    day: date,
    body: Markup,
    parts: tuple[tuple[str, str], ...],
    body_lang: str = "",
) -> tuple[Markup, Markup]:
    """Where ``version``'s dateline goes, as (the place its header's dateline names, or nothing;
    its ``body``, opened by the dateline where its language puts it there). ``parts`` and
    ``body_lang``: what the body hands the search page (`with_parts`), which it keeps: the
    dateline is no part of what search shows (an untranslated copy's place is not listed)."""
    if not version.place:
        return Markup(""), body
    place = place_markup(version.place, version.copied.place)
    if primary_subtag(language.code) in IN_THE_HEADER:
        return place, body
    opened = opening_text(body, language, place, day, foreign=bool(version.copied.body))
    return Markup(""), with_parts(opened, parts, body_lang)


def place_markup(place: str, copied: str = "") -> Markup:
    """The place, marked for the stylesheet (and with the language it is still in, for an
    untranslated copy's place that is its original's)."""
    lang = Markup(' lang="{}"').format(copied) if copied else ""
    return Markup('<span class="dateline-place"{}>{}</span>').format(lang, place)


def dateline(language: Language, place: Markup, when: Markup) -> Markup:
    """The dateline itself, place and day in the catalog's order; ``when`` is the day as shown
    (a ``<time>``). A translation is text: its own characters are escaped."""
    return escape(language.pgettext("dateline", "%(place)s, %(date)s")) % {"place": place, "date": when}


def opening_text(body: Markup, language: Language, place: Markup, day: date, *, foreign: bool) -> Markup:
    """``body`` opened by its dateline: the first words of its first paragraph, followed by the
    catalog's mark (a dash in German and English), or a paragraph of its own where the body
    begins otherwise (a heading, a list, a table). ``foreign``: the body is still another language's (an untranslated
    copy), so the dateline says its own."""
    when = Markup('<time datetime="{}">{}</time>').format(day.isoformat(), language.date(day))
    line = dateline(language, place, when)
    lang = Markup(' lang="{}"').format(language.code) if foreign else ""
    html = str(body)
    # Marked for search to pass over: a result matches what a release says, not its date line.
    if html.startswith(PARAGRAPH):
        lead = escape(language.pgettext("dateline opening a text", "%(dateline)s –")) % {"dateline": line}
        # A space before the words, not after a full-width mark (Japanese 【…】 sets its own gap).
        gap = "" if unicodedata.east_asian_width(lead[-1:] or " ") in "FW" else " "
        opened = Markup('<p><span class="dateline"{} data-pagefind-ignore>{}</span>{}').format(lang, lead, gap)
        opened += Markup(html[len(PARAGRAPH) :])  # the rest of the body's markup as it was
    else:
        opened = Markup('<p class="dateline"{} data-pagefind-ignore>{}</p>\n').format(lang, line) + body
    return opened
