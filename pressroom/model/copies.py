"""Which texts of an untranslated copy are still in its original's language, for their ``lang``.

A version marked ``untranslated`` is published as the copy it is (``check`` warns): the
Japanese page of a release may show its German title, or its German text pasted in whole.
Marked with the page's language, a screen reader read that German with a Japanese voice and
a browser chose Japanese glyphs for it. The copy's title, summary, place and source (the issuing
body, its page's "Source" and its feed entries' author) are taken to be in the language of its
original (the release's first translated version, in the site's order) unless their script says
otherwise; its body where it is the original's, word for word. A copy that
names no place shows its original's (`place_shown`), in the original's language. Each is
decided from the release's own versions only, whose every edit renders the release's pages
again, so a quick rebuild marks them as a full build does. The search page marks them as the
page does (`search_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pressroom.base.languageparts import WRITTEN_IN_HAN, language_parts, primary_subtag
from pressroom.base.scripts import HAN, HANGUL_SYLLABLES, HIRAGANA, KATAKANA, character_class
from pressroom.source.frontmatter import VersionSource

_HAN_KANA_HANGUL = re.compile(f"[{character_class(HIRAGANA, KATAKANA, HAN, HANGUL_SYLLABLES)}]")


@dataclass(frozen=True, slots=True)
class CopiedTexts:
    """The language of each text of a version where it is not the version's own ("" where it is)."""

    title: str = ""
    summary: str = ""
    body: str = ""
    place: str = ""
    source: str = ""


OWN = CopiedTexts()


def original_of(versions: Iterable[VersionSource]) -> VersionSource | None:
    """The version an untranslated copy copies: the first translated one (``versions`` in the
    site's language order)."""
    return next((v for v in versions if not v.untranslated), None)


def copied_texts(version: VersionSource, original: VersionSource | None) -> CopiedTexts:
    """Which of ``version``'s texts are still ``original``'s language (see the module's docstring)."""
    if not version.untranslated or original is None or original.lang == version.lang:
        return OWN
    lang = original.lang
    same_body = bool(original.body_digest) and version.body_digest == original.body_digest
    return CopiedTexts(
        title=_still(version.title, version.lang, lang),
        summary=_still(version.summary, version.lang, lang),
        body=lang if same_body else "",
        place=_still(version.place, version.lang, lang) if version.place else lang if original.place else "",
        source=_still(version.source, version.lang, lang),
    )


def place_shown(version: VersionSource, original: VersionSource | None) -> str:
    """The place ``version``'s dateline names: its own, or an untranslated copy's original's where
    the copy names none (``build.py new`` writes the copies' empty): like its title and text, the
    copy's place is the original's until it is translated."""
    if version.place or not version.untranslated or original is None:
        return version.place
    return original.place


def search_parts(
    lang: str, copied: CopiedTexts, title: str, summary: str, html: str, parts: tuple[tuple[str, str], ...]
) -> tuple[tuple[tuple[str, str], ...], str]:
    """What the search page marks in the results of a version in ``lang``: the parts of it in
    other languages, and its body's language where that is not ``lang`` (else empty).

    A version of its own: its body's ``parts``. An untranslated copy's search results showed
    its German title and text on the Japanese search page as Japanese: it lists its title and
    summary (``summary`` empty where its page shows none) with their language wherever that is
    not the page's or not its body's, and, where its body is the original's, the parts of
    ``html`` in another language than the original's (a word marked Japanese in a German text
    is Japanese on the Japanese page too)."""
    if copied == OWN:
        return parts, ""
    found = tuple(language_parts(html, copied.body)) if copied.body else parts
    texts = ((copied.title, title), (copied.summary, summary))
    named = tuple((text_lang or lang, text) for text_lang, text in texts if text and (text_lang or copied.body))
    return tuple(dict.fromkeys(named + found)), copied.body


def _still(text: str, own: str, original: str) -> str:
    """``original`` if ``text`` reads as the original's: not in the copy's own script (Japanese
    in a Japanese copy), nor without the original's (German in a copy of a Japanese release)."""
    if not text:
        return ""
    han = _HAN_KANA_HANGUL.search(text) is not None
    if (primary_subtag(own) in WRITTEN_IN_HAN and han) or (primary_subtag(original) in WRITTEN_IN_HAN and not han):
        return ""
    return original
