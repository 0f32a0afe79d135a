"""Which language codes a site may list in ``site.yaml``: those Babel knows, and for a mistaken
one (a locale such as ``de_DE``, a country's code such as ``jp``) the language it means.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from pressroom.base.errors import Problems
from pressroom.base.i18n import language_name

_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$")


def known_languages(langs: list[str], display: str, line: int, problems: Problems) -> list[str]:
    """The codes of ``langs`` Babel knows, each other one told; a country's code is taken as its
    language's ('jp' as 'ja'), for the rest of the check: as written, the language's folder,
    every partner's and topic's name in it and its catalog were told of one by one."""
    known = []
    for code in langs:
        if _LANG_RE.match(code) and _babel_knows(code):
            known.append(code)
            continue
        locale = re.fullmatch(r"([a-z]{2,3})_([A-Za-z]{2})", code)  # as locales: takes it, de_DE
        if locale is not None and _babel_knows(lang := locale.group(1)) and lang not in langs:
            named = f"{lang}_{locale.group(2).upper()}"
            problems.error(
                display,
                line,
                f"languages: '{code}' is a locale, not a language code: write '{lang}' here (to write dates and"
                f" numbers as in {named}, also add locales: {{{lang}: {named}}});"
                f" until then the site is checked as if it said '{lang}'",
            )
            known.append(lang)
            continue
        meant = _language_of_country(code)
        if meant is None or meant in langs:
            problems.error(display, line, f"languages: unknown language code '{code}'")
            continue
        country = Locale("en").territories[code.upper()]
        problems.error(
            display,
            line,
            f"languages: '{code}' is the country code of {country}; its language, {language_name(meant, 'en', ())},"
            f" is '{meant}' (the site is checked as if it said '{meant}')",
        )
        known.append(meant)
    return known


def _language_of_country(code: str) -> str | None:
    """The language most of the country whose code is ``code`` speak, if it is one."""
    if not re.fullmatch("[A-Za-z]{2}", code):
        return None
    spoken = get_global("territory_languages").get(code.upper())
    if not spoken:
        return None
    most = max(spoken, key=lambda lang: (spoken[lang].get("population_percent", 0), lang))
    language = most.split("_")[0]
    return language if _babel_knows(language) else None


def _babel_knows(code: str) -> bool:
    try:
        Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True
