"""Site configuration: where a site's files are and the typed settings from its ``site.yaml``.

A site root holds ``content/`` and optionally ``templates/``, ``locales/`` and ``site.yaml``;
what it leaves out comes from the project's own defaults. Every setting is typed and checked
here, unknown keys are rejected with their key path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale, UnknownLocaleError

from pressroom.base.commands import PROJECT_ROOT
from pressroom.base.errors import Problems
from pressroom.base.files import not_plain_at, walk
from pressroom.base.i18n import Language, load_language
from pressroom.base.text import closest, collapse_spaces
from pressroom.source.baseurl import base_url_problem
from pressroom.source.content import read_text
from pressroom.source.countrynames import SETTING, read_country_names
from pressroom.source.languagecodes import known_languages
from pressroom.source.press import (
    DEFAULT_PUBLISHER_TYPE,
    Contact,
    check_languages,
    read_contact,
    read_footer,
    read_logo,
    read_publisher_type,
)
from pressroom.source.yamlload import YamlMap, YamlProblem, load_yaml

CONFIG_NAME = "site.yaml"
CACHE_DIR = ".pressroom-cache"
"""The cache folder in a site root; ignored by git, never part of the output."""
TEMPLATES_DIR = "templates"
"""The cache's sub-folder for compiled templates (see `pressroom.output.templatecache`)."""
DEFAULT_LANGUAGES = ("de", "ja", "en")
MAX_COUNT = 1_000
"""The most releases a list page (``per_page``) or the home page (``home_count``) shows."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Settings of one site; every field has a default so ``site.yaml`` is optional."""

    root: Path
    """The site root (holds ``content/``)."""
    templates_dir: Path
    locales_dir: Path
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """Language codes in the order the switcher lists them; none is a default."""
    title: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """Site title per language."""
    short_title: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """The site's name where there is little room, per language: under its icon on a phone's
    home screen, which shows about a dozen characters (none given: its title)."""
    description: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """What the site is about, per language: the home page's lead and default description."""
    base_url: str = "/"
    """Absolute URL or path the site is served under; always ends with ``/``."""
    per_page: int = 10
    """Releases per page in the paginated release list."""
    home_count: int = 5
    """Releases on the home page."""
    locales: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """Language code → CLDR locale (``en`` → ``en_GB``) for dates, numbers, lists and og:locale."""
    country_names: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """Language code → (country code, name, reading), where the site's press style names a
    country otherwise than CLDR (``ja``: ``US`` → 米国, read べいこく)."""
    contact: Contact | None = None
    """The press contact shown on every release (a release may name its own)."""
    logo: str = ""
    """``static/…``: the site's mark, shown with its title; empty for the theme's own."""
    footer: tuple[tuple[str, int], ...] = ()
    """Page keys linked from every footer (``pages/imprint``), with their line in ``site.yaml``."""
    publisher_type: str = DEFAULT_PUBLISHER_TYPE
    """The schema.org type of the organisation that publishes the site (``NGO``, ``Corporation``)."""
    text_lines: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """The line in ``site.yaml`` of each language's title and description (``title.de``), for
    what is found wrong with them later (a share card that cannot draw them)."""
    published_url: str = ""
    """``base_url`` as ``site.yaml`` gives it (empty: the same as ``base_url``): the address readers
    had, which the earlier addresses of ``formerly:`` are read against, whatever a build's
    ``--base-url`` (the preview's ``/``, a staging host) makes of the pages' links."""
    base_path: str = field(init=False, compare=False, repr=False)
    """The path part of ``base_url`` (``/`` or ``/sub/path/``), used for site links."""
    link_base: str = field(init=False, compare=False, repr=False)
    """What page URLs are appended to for canonical and alternate links: the full
    ``base_url`` when it is absolute, else its path."""

    def __post_init__(self) -> None:
        # Fields, not properties: asked for every link of every page (a dozen per page).
        base_path = _path_of(self.base_url)
        object.__setattr__(self, "base_path", base_path)
        object.__setattr__(self, "link_base", self.base_url if "://" in self.base_url else base_path)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def site_title(self, lang: str) -> str:
        return self.title.get(lang, "")

    def site_short_title(self, lang: str) -> str:
        return self.short_title.get(lang) or self.site_title(lang)

    def site_description(self, lang: str) -> str:
        return self.description.get(lang, "")

    def distinct_titles(self, languages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """Each language's site title with its language, once: a title the same as an earlier
        one but for its letters' case ("… international" and "… International") is left out,
        where the titles stand side by side (the language chooser), so as not to read as a typo."""
        seen: set[str] = set()
        found: list[tuple[str, str]] = []
        for lang in languages:
            title = self.site_title(lang)
            if title and title.casefold() not in seen:
                seen.add(title.casefold())
                found.append((lang, title))
        return tuple(found)


@cache
def _path_of(base_url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+(/.*)?$", base_url)
    return (match.group(1) or "/") if match else base_url


_KNOWN_KEYS = (
    "languages",
    "title",
    "short_title",
    "description",
    "base_url",
    "per_page",
    "home_count",
    "locales",
    "country_names",
    "contact",
    "logo",
    "footer",
    "publisher_type",
)


_OTHER_NAMES = {
    "url": "base_url",
    "site_url": "base_url",
    "paginate": "per_page",
    "site_name": "title",
    "short_name": "short_title",
}
"""Settings as other generators (and web app manifests) name them (Hugo's baseURL is found by its
letters, Jekyll's url and MkDocs' site_url are not), lower-case: the one they are here."""


SITE_FOLDERS = {
    "templates": "the site's own templates are kept in templates/",
    "locales": "the site's catalogs are kept in locales/<lang>/LC_MESSAGES/",
}
"""A site's own folders that take the place of the bundled ones, with what each holds."""


def load_config(root: Path, problems: Problems, base_url: str | None = None) -> SiteConfig:
    """Read ``root/site.yaml`` (if any) and fill in defaults; record every problem found."""
    values: dict[str, Any] = {"root": root}
    for name, kept in SITE_FOLDERS.items():
        folder = root / name
        values[f"{name}_dir"] = folder if folder.is_dir() else PROJECT_ROOT / name
        if os.path.lexists(folder) and not folder.is_dir():
            # Taken for a missing one, the bundled folder was used in its place without a word.
            said = "a link to nowhere, not a folder" if os.path.islink(folder) else "not a folder"
            problems.error(name, 0, f"{said}: {kept}")
    path = root / CONFIG_NAME
    display = CONFIG_NAME
    # A site.yaml that is there but no plain file (a named pipe, a link to nowhere) is reported,
    # never taken for a missing one: the defaults would publish a different site.
    file = read_text(path, display, problems) if os.path.lexists(path) else None
    if file is not None:
        try:
            data = load_yaml(file.text)
        except YamlProblem as exc:
            problems.error(display, exc.line, exc.message)
            data = None
        if data is not None and not isinstance(data, YamlMap):
            problems.error(display, 1, "expected a mapping of settings")
        elif data is not None:
            _read_settings(data, display, problems, values)
    values["published_url"] = _normalise_base_url(values.get("base_url", "/"))
    if base_url is not None:
        # Given on the command line: a mistake there is a usage error, found by the caller.
        values["base_url"] = base_url if base_url_problem(base_url) is None else "/"
    values["base_url"] = _normalise_base_url(values.get("base_url", "/"))
    return SiteConfig(**values)


def load_site_languages(config: SiteConfig, problems: Problems, compiled: Path | None) -> dict[str, Language]:
    """Each of the site's languages with its catalog, CLDR locale and own names of countries."""
    return {
        code: load_language(
            code,
            config.locales_dir,
            problems,
            config.root,
            config.locales.get(code, ""),
            compiled,
            config.country_names.get(code, ()),
            config.languages,
        )
        for code in config.languages
    }


def _read_settings(data: YamlMap, display: str, problems: Problems, out: dict[str, Any]) -> None:
    for key in data:
        if key not in _KNOWN_KEYS:
            meant = _OTHER_NAMES.get(str(key).casefold()) or closest(str(key).casefold(), _KNOWN_KEYS)
            problems.error(
                display,
                data.line_of(key),
                f"unknown setting '{key}' "
                + (f"(did you mean '{meant}'?)" if meant else f"(known: {', '.join(_KNOWN_KEYS)})"),
            )
    if "languages" in data:
        langs = data["languages"]
        line = data.line_of("languages")
        if not isinstance(langs, list) or not langs or not all(isinstance(x, str) for x in langs):
            problems.error(display, line, "languages: expected a list of language codes")
        else:
            if len(set(langs)) != len(langs):
                problems.error(display, line, "languages: a language is listed twice")
            # The site is checked in the languages it can have: an unknown one made every partner,
            # topic and catalog miss its text, and every language folder told of once more.
            if known := known_languages(langs, display, line, problems):
                out["languages"] = tuple(dict.fromkeys(known))
    lines: dict[str, int] = {}
    for key in ("title", "short_title", "description"):
        if key in data:
            value = data[key]
            if not isinstance(value, YamlMap) or not all(isinstance(v, str) for v in value.values()):
                problems.error(display, data.line_of(key), f"{key}: expected language: text pairs")
            else:
                out[key] = MappingProxyType({k: collapse_spaces(v) for k, v in value.items()})
                lines.update({f"{key}.{lang}": value.line_of(lang) for lang in value})
                languages = out.get("languages", DEFAULT_LANGUAGES)
                for lang in languages:
                    if not out[key].get(lang):
                        # Else every page title of that language would start with " | ".
                        problems.error(display, value.line_of(lang), f"{key}: missing the '{lang}' text")
                for lang in value:
                    if lang not in languages:  # ('jp' for 'ja'): read by no page, and said by nothing
                        problems.error(display, value.line_of(lang), f"{key}: '{lang}' is not a site language")
    out["text_lines"] = MappingProxyType(lines)
    if "locales" in data:
        _read_locales(data, display, problems, out)
    if SETTING in data:
        languages = out.get("languages", DEFAULT_LANGUAGES)
        out[SETTING] = read_country_names(data[SETTING], data.line_of(SETTING), display, languages, problems)
    if "base_url" in data:
        if not isinstance(data["base_url"], str):
            problems.error(display, data.line_of("base_url"), "base_url: expected a URL or path")
        elif (problem := base_url_problem(data["base_url"])) is not None:
            problems.error(display, data.line_of("base_url"), problem)
        else:
            out["base_url"] = data["base_url"]
    if "contact" in data:
        contact = read_contact(data["contact"], data.line_of("contact"), display, "contact", problems)
        if contact is not None:
            languages = out.get("languages", DEFAULT_LANGUAGES)
            check_languages(contact, languages, display, data.line_of("contact"), "contact", problems)
            out["contact"] = contact
    if "logo" in data:
        static_dirs = (out["templates_dir"] / "static", PROJECT_ROOT / "templates" / "static")
        out["logo"] = read_logo(data["logo"], data.line_of("logo"), display, static_dirs, problems)
    if "footer" in data:
        out["footer"] = read_footer(data["footer"], data.line_of("footer"), display, problems)
    if "publisher_type" in data:
        kind, line = data["publisher_type"], data.line_of("publisher_type")
        out["publisher_type"] = read_publisher_type(kind, line, display, problems)
    for key in ("per_page", "home_count"):
        if key in data:
            raw = data[key]
            # ASCII digits only: "²" is a digit to str.isdigit() and stopped the build in int().
            if not (isinstance(raw, str) and re.fullmatch("[0-9]{1,4}", raw) and 0 < int(raw) <= MAX_COUNT):
                problems.error(display, data.line_of(key), f"{key}: expected a whole number from 1 to {MAX_COUNT:,}")
            else:
                out[key] = int(raw)


def _read_locales(data: YamlMap, display: str, problems: Problems, out: dict[str, Any]) -> None:
    """``locales: {en: en_GB}``: each named locale must exist in CLDR and speak its language."""
    value, line = data["locales"], data.line_of("locales")
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.error(display, line, "locales: expected language: locale pairs, e.g. {en: en_GB}")
        return
    languages = out.get("languages", DEFAULT_LANGUAGES)
    for lang, name in value.items():
        if lang not in languages:
            problems.error(display, line, f"locales: '{lang}' is not one of the site's languages")
            continue
        try:
            locale = Locale.parse(name.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            problems.error(display, line, f"locales: unknown locale '{name}' for {lang} (e.g. en_GB, de_AT, ja_JP)")
            continue
        if locale.language != Locale.parse(lang, sep="-").language:
            problems.error(display, line, f"locales: '{name}' is not a locale of the language '{lang}'")
    if not problems.errors:
        out["locales"] = MappingProxyType({lang: name.replace("-", "_") for lang, name in value.items()})


def _normalise_base_url(url: str) -> str:
    """``url`` ending in ``/``, its scheme and host lower-case (as browsers and feed readers
    write them: a link compared with the page's own address must match it)."""
    url = url or "/"
    if (scheme := re.match(r"(?i)(https?://)([^/]*)", url)) is not None:
        url = scheme.group(1).lower() + scheme.group(2).lower() + url[scheme.end() :]
    return url if url.endswith("/") else url + "/"


def report_special_files(folders: tuple[Path, ...], root: Path, problems: Problems) -> None:
    """An error for each entry of ``folders`` (the templates) that is neither a folder nor
    a plain file: Jinja passes a named pipe by for the project's template of the same name,
    and reading one would wait for ever. Links to plain files are fine; a link to nowhere is
    reported where the file is used."""
    for folder in folders:
        for top, _, files in walk(folder):
            for name in files:
                path = os.path.join(top, name)
                kind = not_plain_at(path)
                if kind is not None:
                    problems.error(_shown(Path(path), root), 0, f"{kind}, not a file: remove it")


def _shown(path: Path, root: Path) -> str:
    for base in (root, PROJECT_ROOT):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)


def template_dirs(config: SiteConfig) -> tuple[Path, ...]:
    """The site's own templates first, then the project's, so a site overrides what it needs."""
    project = PROJECT_ROOT / "templates"
    if config.templates_dir.resolve() == project.resolve():
        return (project,)
    return (config.templates_dir, project)
