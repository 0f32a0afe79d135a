"""Line breaking for headlines: Japanese is broken between phrases, never inside a word.

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
        return Markup('<span class="phrases">{}</span>').format(
            Markup("<wbr>").join(escape(phrase) for phrase in parser.parse(text))
        )

    return phrases
