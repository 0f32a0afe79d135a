"""Line breaking for headlines (Japanese is broken between phrases, never inside a word), and
the space before a bracketed note.

Japanese has no spaces, so browsers may break a headline anywhere, even inside a word
(神奈|川県). BudouX finds the phrase boundaries; we offer a ``<wbr>`` at each and the
stylesheet forbids breaks elsewhere (``word-break: keep-all``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import budoux
from markupsafe import Markup, escape

PHRASE_LANGUAGES = {"ja": budoux.load_default_japanese_parser}


@cache
def _parser(lang: str) -> budoux.Parser | None:
    load = PHRASE_LANGUAGES.get(lang)
    return load() if load else None


def phrase_breaker(lang: str) -> Callable[[str], Markup]:
    """A template filter: the text escaped, with a break opportunity between phrases."""
    parser = _parser(lang)

    @cache  # one headline appears on many list pages
    def phrases(text: str) -> Markup:
        if parser is None:
            return escape(text)
        return Markup('<span class="phrases">{}</span>').format(Markup("<wbr>").join(map(_phrase, parser.parse(text))))

    return phrases


NAME_JOINERS = ("＝", "゠")
"""The double hyphen of foreign compound names (バーデン＝ヴュルテンベルク州): the browser may break
a line after it even between phrases, splitting the state's name in a headline."""


def _phrase(text: str) -> Markup:
    # Kept on one line where the stylesheet has room for it (wide screens); a phone's line may
    # be shorter than the name, and breaks after ＝ there rather than run off the screen.
    if any(joiner in text for joiner in NAME_JOINERS):
        return Markup('<span class="whole">{}</span>').format(text)
    return escape(text)


FULL_WIDTH_OPENINGS = frozenset("（〔［｛〈《「『【")
"""Opening brackets whose full-width glyph carries its own space before it (JIS X 4051)."""


def space_before(note: str) -> str:
    """A template filter: the space between a word and ``note`` after it, none before a
    full-width bracket ("English（該当ページなし）", not a gap twice as wide)."""
    return "" if note[:1] in FULL_WIDTH_OPENINGS else " "
