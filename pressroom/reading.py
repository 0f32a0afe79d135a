"""What a reader gets around a release: its reading time and the releases to read next.

Reading time is counted the way each script is read: words for German and English,
characters for Japanese (which has no spaces between words).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from .model import Release

WORDS_PER_MINUTE = {"de": 180, "en": 220}
"""Adult silent reading of non-fiction, a little below the averages quoted for fiction."""
DEFAULT_WORDS_PER_MINUTE = 200
JAPANESE_CHARACTERS_PER_MINUTE = 500
"""Japanese reading speed is usually given as 400–600 characters (字) per minute."""

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def plain_text(body_html: str) -> str:
    return html.unescape(_TAG.sub(" ", body_html))


def reading_minutes(body_html: str, lang: str) -> int:
    """Whole minutes, at least one."""
    text = plain_text(body_html)
    if lang == "ja":
        # Count what is read: letters and numbers of any script, not spaces or punctuation.
        units = sum(1 for ch in text if unicodedata.category(ch)[0] in "LN")
        rate = JAPANESE_CHARACTERS_PER_MINUTE
    else:
        units = len(_WORD.findall(text))
        rate = WORDS_PER_MINUTE.get(lang, DEFAULT_WORDS_PER_MINUTE)
    return max(1, round(units / rate))


def related_releases(release: Release, candidates: Iterable[Release], lang: str, limit: int = 3) -> list[Release]:
    """Releases in ``lang`` sharing partners or topics with ``release``, closest first.

    A shared partner counts twice as much as a shared topic (a partner is the more specific
    link); ties go to the newer release, then to the key, so the choice is stable."""
    partners, topics = set(release.partners), set(release.topics)
    scored = []
    for other in candidates:
        if other.key == release.key or lang not in other.translations:
            continue
        score = 2 * len(partners.intersection(other.partners)) + len(topics.intersection(other.topics))
        if score:
            scored.append((-score, -other.date.toordinal(), other.key, other))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]
