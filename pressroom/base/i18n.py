"""Everything that depends on a language: gettext catalogs, Babel locale data, language names.

Nothing here is process-wide: no ``setlocale``, no global "current language". A `Language`
bundles one language's Babel `Locale` and `Translations` and is passed to whoever needs it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.dates import format_date, format_skeleton, format_time
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from babel.units import format_unit

from pressroom.base.commands import command
from pressroom.base.digestrecords import note_grown
from pressroom.base.errors import Problems
from pressroom.base.files import file_in_the_way, read_plain, write_whole
from pressroom.base.languageparts import primary_subtag
from pressroom.base.marshalled import marshalled, read_marshalled
from pressroom.base.msgcontexts import warn_of_slips
from pressroom.base.pofile import PoProblem, language_said_otherwise, sound_po_text
from pressroom.base.text import file_lines
from pressroom.base.textmemo import recall
from pressroom.base.ties import tied_text
from pressroom.base.translationcheck import check_translations

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class Language:
    """One of the site's languages with what is needed to speak it."""

    code: str
    locale: Locale
    translations: NullTranslations
    countries: tuple[tuple[str, str, str], ...] = ()
    """(country code, name, reading) where the site names a country otherwise than CLDR
    (``site.yaml``'s ``country_names``); the reading sorts a Japanese name."""
    compiled: str = ""
    """The name of its catalog's compiled entry in the cache (see `compiled_catalog`); empty
    where none is kept."""
    among: tuple[str, ...] = ()
    """The site's languages, which its names tell apart (`language_name`)."""

    @property
    def native_name(self) -> str:
        """The language's name in its own script: Deutsch, 日本語, English."""
        return language_name(self.code, self.code, self.among)

    def name_of(self, other: str) -> str:
        """Another of the site's languages' name in this language: Japanisch, ドイツ語, German."""
        return language_name(other, self.code, self.among)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def date(self, value: date) -> str:
        """A date as a reader of this language writes it: 17. Juli 2024, 2024年7月17日, July 17, 2024
        (17 July 2024 with the locale ``en_GB``), its day and month held together by a no-break
        space, as in a text (`pressroom.base.ties`)."""
        return tied_text(_long_date(value, self.locale), self.code)

    def year(self, value: int) -> str:
        """A year as this language names it on its own: 2024, 2024年 (CLDR's pattern for "y")."""
        return _year(value, self.locale)

    def time(self, value: datetime) -> str:
        """A moment's time of day with its UTC offset, as this language writes it: 10:00 (UTC+9),
        10:00（UTC+9）; the brackets are the catalog's."""
        clock, offset = _short_time(value, self.locale)
        return self.gettext("%(time)s (UTC%(offset)s)") % {"time": clock, "offset": offset}

    def number(self, value: int | float) -> str:
        return _decimal(value, self.locale)

    @property
    def og_locale(self) -> str:
        """``de_DE``, ``ja_JP``, ``en_GB``: the locale as Open Graph writes it; a locale without a
        territory takes its language's most likely one (CLDR)."""
        return og_locale(str(self.locale))

    def country(self, code: str) -> str:
        """A country's name in this language: the site's own where it names one, else CLDR's
        (never typed by hand)."""
        for known, name, _reading in self.countries:
            if known == code:
                return name
        return recall(f"country {self.locale} {code}", lambda: self.locale.territories.get(code.upper(), code))

    def country_reading(self, code: str) -> str:
        """The reading the site gives its own name for a country, or "" (CLDR's names have theirs)."""
        return next((reading for known, _name, reading in self.countries if known == code), "")

    def list_of(self, items: Sequence[str], style: str = "standard") -> str:
        """Items joined as this language lists them: Deutsch und Englisch, ドイツ語、英語
        (``style="or"``: Deutsch oder Englisch)."""
        joined = "\x1f".join(items)
        return recall(f"list {style} {self.locale} {joined}", lambda: format_list(list(items), style, self.locale))

    def size(self, value: int | float, unit: str) -> str:
        """A quantity in a CLDR unit, short: ``820 kB``, ``1,2 MB``, ``1 kB``."""
        key = f"unit {unit} {self.locale} {value!r}"
        return recall(key, lambda: self._size(value, unit))

    def _size(self, value: int | float, unit: str) -> str:
        # CLDR's German writes one kilobyte "1 kbyte" and one megabyte "1 Mbyte" beside "2 kB"
        # and "1,5 MB": a file's size reads in one abbreviation, that of the plural, for every
        # number.
        plural = format_unit(2, unit, length="short", locale=self.locale)
        return plural.replace(format_decimal(2, locale=self.locale), format_decimal(value, locale=self.locale), 1)


# Each of these is remembered between builds (`textmemo`): a rebuild that writes only dates,
# years and names the last build wrote never loads Babel's tables. The caches in front keep
# the many repeats of a full build as quick as a dictionary lookup.


@lru_cache(maxsize=4096, typed=True)
def _decimal(value: int | float, locale: Locale) -> str:
    # Every pager numbers its pages: the same few numbers on thousands of pages.
    return recall(f"decimal {locale} {value!r}", lambda: format_decimal(value, locale=locale))


@lru_cache(maxsize=4096)
def _short_time(value: datetime, locale: Locale) -> tuple[str, str]:
    """The time of day (``10:00``) and the UTC offset (``+9``, ``+5:30``, ``−3``; empty for UTC
    itself) of a moment: the short form press offices write, hours without a leading zero."""
    key = f"time {locale} {value.isoformat()} {value.tzinfo}"
    clock = recall(key, lambda: format_time(value, format="short", tzinfo=value.tzinfo, locale=locale))
    offset = value.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset else 0
    hours, rest = divmod(abs(minutes), 60)
    return clock, f"{'+' if minutes > 0 else '−'}{hours}{f':{rest:02}' if rest else ''}" if minutes else ""


@lru_cache(maxsize=65536)
def _long_date(value: date, locale: Locale) -> str:
    # Many pages show the same dates; Babel's formatting is the costly part of a card.
    return recall(f"date {locale} {value.isoformat()}", lambda: format_date(value, format="long", locale=locale))


@lru_cache(maxsize=4096)
def _year(value: int, locale: Locale) -> str:
    return recall(f"year {locale} {value}", lambda: format_skeleton("y", date(value, 1, 1), locale=locale))


@lru_cache(maxsize=64)
def og_locale(name: str) -> str:
    """``ja`` → ``ja_JP``, ``en_GB`` → ``en_GB``; ``pt-BR`` (a language code as ``site.yaml``
    writes it) → ``pt_BR``, ``zh-Hant`` → ``zh_TW``."""

    def make() -> str:
        locale = Locale.parse(name.replace("-", "_"))
        if not locale.territory:
            likely = get_global("likely_subtags")
            locale = Locale.parse(likely.get(str(locale), likely.get(locale.language, locale.language)))
        return f"{locale.language}_{locale.territory}" if locale.territory else locale.language

    return recall(f"og-locale {name}", make)


def language_name(code: str, in_lang: str, among: Iterable[str]) -> str:
    """``code``'s name in ``in_lang`` (in its own where they are one) on a site whose languages
    are ``among``: its language's alone, 日本語 for ``ja-JP`` and not 日本語 (日本), as a site
    with one Japanese says, unless another of them is that language too (``de-DE`` beside
    ``de-AT``, ``zh-Hans`` beside ``zh-Hant``, ``de`` beside ``de-AT``): those are told apart by
    their region or script, Deutsch (Österreich). Every name of a language the site shows or
    says is made here, so that the switcher, the chooser and every sentence name it alike."""
    primary = primary_subtag(code)
    alike = primary != code.lower() and any(other != code and primary_subtag(other) == primary for other in among)
    return _babel_name(code if alike else primary, in_lang)


@lru_cache(maxsize=256)
def _babel_name(code: str, in_lang: str) -> str:
    def make() -> str:
        name = Locale.parse(code, sep="-").get_display_name(Locale.parse(in_lang, sep="-"))
        return name or code

    return recall(f"language {code} {in_lang}", make)


def po_path(locales_dir: Path, code: str) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_folders(code: str) -> str:
    """Where a message says a catalog for ``code`` may go: `` in locales/ja-JP/ or locales/ja/
    (either would do)`` for a language with a region or script, which takes its language's
    catalog where it has none of its own (`catalog_path`); empty for a language alone."""
    primary = primary_subtag(code)
    return "" if primary == code.lower() else f" in locales/{code}/ or locales/{primary}/ (either would do)"


def catalog_path(locales_dir: Path, code: str) -> Path:
    """The catalog that speaks ``code`` (``ja-JP``): its own (``locales/ja-JP/``) where there is
    one, else its language's (``locales/ja/``): a site's ja-JP pages showed the interface in
    English beside the Japanese catalog. A file in the way of its own is its own, to be named."""
    own = po_path(locales_dir, code)
    language = po_path(locales_dir, primary_subtag(code))
    if os.path.lexists(own) or not os.path.lexists(language):
        return own
    blocking = file_in_the_way(own)
    return own if blocking is not None and blocking.is_relative_to(locales_dir) else language


class CatalogError(Exception):
    """A ``.po`` file that is not a catalog: the line and the reason, for a ``path:line: error:``."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(line, reason)
        self.line = line
        self.reason = reason


def parse_catalog(data: bytes, locale: Locale | str) -> Catalog:
    """A ``.po`` file's bytes as a catalog, read the same way by the build and by ``i18n``;
    `CatalogError`, naming the line, when it is not sound (`pressroom.base.pofile`) or not a
    valid catalog."""
    # Babel's catalog modules are loaded when a catalog is first parsed: most builds find their
    # catalogs compiled (see `compiled_catalog`), and loading them took a twentieth of a rebuild.
    from babel.messages.pofile import PoFileError, read_po

    try:
        data = sound_po_text(data)
    except PoProblem as problem:
        raise CatalogError(problem.line, problem.reason) from None
    try:
        # Babel parses a locale's name with "_": the site's own code, ``ja-JP``, was refused.
        named = locale.replace("-", "_") if isinstance(locale, str) else locale
        return read_po(io.BytesIO(data), locale=named, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise CatalogError(getattr(exc, "lineno", 0), str(exc)) from None


def load_language(
    code: str,
    locales_dir: Path,
    problems: Problems,
    root: Path,
    locale_name: str = "",
    compiled: Path | None = None,
    countries: tuple[tuple[str, str, str], ...] = (),
    among: tuple[str, ...] = (),
) -> Language:
    """Load ``locales/<code>/LC_MESSAGES/messages.po`` (else its language's, `catalog_path`);
    fuzzy entries are not used.

    ``locale_name`` (``en_GB``, from ``site.yaml``'s ``locales``) sets the CLDR locale used for
    dates, numbers and lists; by default it is the language's own (``en``: US conventions).
    ``countries``: the site's own names of countries (see `Language.countries`); ``among``: the
    site's languages (see `Language.among`).
    ``compiled``: a folder for catalogs compiled by this very code (see `compiled_catalog`)."""
    try:
        locale = Locale.parse(locale_name) if locale_name else Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        problems.error("site.yaml", 0, f"unknown language code '{code}'")
        locale = Locale("en")
    path = catalog_path(locales_dir, code)
    translations: NullTranslations = NullTranslations()
    entry = ""
    if os.path.lexists(path):  # there but unreadable (a named pipe, a link to nowhere): said so
        display = _display(path, root)
        try:
            template = _template(locales_dir)
            machine, entry = compiled_catalog(read_plain(path), locale, display, problems, compiled, template)
        except OSError as exc:
            problems.error(display, 0, f"cannot read catalog: {exc.strerror or exc}")
        except CatalogError as exc:
            problems.error(display, exc.line, f"cannot read catalog: {exc.reason}")
        else:
            translations = Translations(io.BytesIO(machine), domain=DOMAIN)
    elif (blocking := file_in_the_way(path)) is not None and blocking.is_relative_to(locales_dir):
        problems.error(
            _display(blocking, root), 0, f"a file, not a folder: the catalog for '{code}' belongs in it; move it away"
        )
    elif locale.language != "en":  # the interface's own words are English
        problems.warning(
            f"locales/{code}/LC_MESSAGES/{DOMAIN}.po",  # where the site's own would be (i18n update)
            0,
            f"no catalog for '{code}'{catalog_folders(code)}: its pages would show the interface in English;"
            f" run '{command(root, 'i18n update')}' and translate it",
        )
    return Language(code, locale, translations, countries, entry if compiled is not None else "", among)


def compiled_catalog(
    data: bytes, locale: Locale, display: str, problems: Problems, folder: Path | None, template: bytes = b""
) -> tuple[bytes, str]:
    """A ``.po`` file's usable translations as ``.mo`` bytes, its problems reported to ``problems``,
    and the name of its entry in ``folder``; ``template``: the bytes of ``messages.pot``, to tell
    entries whose msgctxt it has otherwise.

    Kept in ``folder`` (named by the code that compiles them) under a digest of the file's bytes,
    its locale, the name its problems carry and the template, with those problems: Babel took
    longer to parse the three catalogs than a quick rebuild takes to render the pages of an edit.
    An entry added is noted (`note_grown`): the entries of a catalog as it was before an edit are
    then removed by a build that holds the cache alone, which names the languages' own."""
    named = f"{locale}\0{display}\0".encode()
    key = hashlib.blake2b(named + hashlib.blake2b(template).digest() + data, digest_size=20).hexdigest()
    entry = folder / key if folder is not None else None
    kept = _kept_catalog(entry) if entry is not None else None
    if kept is not None:
        machine, found = kept
        for severity, line, message in found:
            (problems.error if severity == "error" else problems.warning)(display, line, message)
        return machine, key
    catalog = parse_catalog(data, locale)
    checked = Problems()
    if (otherwise := language_said_otherwise(data, locale.language)) is not None:
        checked.error(display, *otherwise)
    if not any(message.id and message.string for message in catalog):
        checked.warning(display, 0, "no translations: readers of this language would see the interface in English")
    check_translations(catalog, display, checked, file_lines(data.decode("utf-8", "replace")))
    warn_of_slips(catalog, template, display, checked)
    from babel.messages.mofile import write_mo  # see parse_catalog

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    if entry is not None:
        found = [(problem.severity, problem.line, problem.message) for problem in checked.items]
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_whole(entry, marshalled((buffer.getvalue(), found)))
            note_grown(folder)  # type: ignore[arg-type]  # an entry is had only with a folder
    problems.extend(checked)
    return buffer.getvalue(), key


def _template(locales_dir: Path) -> bytes:
    """``messages.pot`` beside the catalogs, as `i18n extract` wrote it; empty where it is not."""
    try:
        return read_plain(locales_dir / f"{DOMAIN}.pot")
    except OSError:
        return b""


def _kept_catalog(entry: Path) -> tuple[bytes, list[tuple[str, int, str]]] | None:
    kept = read_marshalled(entry)
    if not isinstance(kept, tuple) or len(kept) != 2:
        return None  # missing, or damaged: compiled again
    machine, found = kept
    if not isinstance(machine, bytes) or not isinstance(found, list):
        return None
    if not all(isinstance(problem, tuple) and len(problem) == 3 for problem in found):
        return None
    return machine, found


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
