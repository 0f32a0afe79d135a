"""The UI translation workflow: extract strings, update the language catalogs, report status.

``locales/messages.pot`` is extracted from templates (Jinja's Babel extractor) and from the
package's Python code; each ``locales/<lang>/LC_MESSAGES/messages.po`` is merged from it.
Output is stable (sorted, fixed dates) so catalogs diff and merge cleanly. Status is
counted here rather than by ``pybabel compile --statistics``, which counts fuzzy entries
and empty plural forms as translated.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from pressroom.base.errors import Problems
from pressroom.base.files import file_in_the_way, read_plain, walk, write_whole
from pressroom.base.i18n import DOMAIN, CatalogError, catalog_path, parse_catalog
from pressroom.base.msgcontexts import context_slips, key
from pressroom.base.pofile import language_said_otherwise
from pressroom.base.text import file_lines
from pressroom.base.translationcheck import check_translations, msgstr_line
from pressroom.output.render import STATIC_DIR, TEMPLATE_SUFFIXES
from pressroom.source.config import PROJECT_ROOT

POT_NAME = f"{DOMAIN}.pot"
PROJECT = "pressroom"
_FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
"""Written as the catalogs' dates, so re-extracting unchanged strings changes no byte."""
_TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "false"}


def extract(template_dirs: tuple[Path, ...], code_dir: Path = PROJECT_ROOT / "pressroom") -> Catalog:
    """Every translatable string of the templates and the code, with its locations."""
    catalog = Catalog(
        project=PROJECT,
        domain=DOMAIN,
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        fuzzy=False,
        charset="utf-8",
    )
    sources: list[tuple[Path, list[tuple[str, str]], dict]] = [
        (code_dir, [("**.py", "python")], {}),
    ]
    # Every kind of template the build renders (a site's own feed or robots.txt may say _("…"));
    # what lies under static/ is copied as it is, never rendered.
    patterns = [f"**.{suffix}" for suffix in TEMPLATE_SUFFIXES]
    sources += [
        (
            directory,
            [(f"{STATIC_DIR}/**", "ignore"), *((pattern, "jinja2.ext:babel_extract") for pattern in patterns)],
            dict.fromkeys(patterns, _TEMPLATE_OPTIONS),
        )
        for directory in template_dirs
    ]
    for directory, method_map, options in sources:
        for filename, lineno, message, comments, context in extract_from_dir(directory, method_map, options):
            location = (f"{directory.name}/{filename}", lineno)
            catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def unreadable_templates(template_dirs: tuple[Path, ...], root: Path, problems: Problems) -> None:
    """An error for each template extraction would stop on or pass by: Babel's extractor stops
    with a traceback on one that is not UTF-8, and skips one Jinja cannot parse without a
    word, so its strings would silently leave the catalogs."""
    parser = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    for folder in template_dirs:
        for top, dirs, files in walk(folder):
            dirs[:] = [name for name in dirs if not name.startswith((".", "_"))]  # as Babel's walk
            if Path(top) == folder:
                dirs[:] = [name for name in dirs if name != STATIC_DIR]
            for name in files:
                if not name.endswith(tuple(f".{suffix}" for suffix in TEMPLATE_SUFFIXES)):
                    continue
                path = Path(top, name)
                shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                try:
                    data = read_plain(path)
                    parser.parse(data.decode("utf-8"), name, str(path))
                except OSError as exc:
                    problems.error(shown, 0, f"cannot read the template: {exc.strerror or exc}")
                except UnicodeDecodeError as exc:
                    line = data[: exc.start].count(b"\n") + 1
                    problems.error(shown, line, "template is not UTF-8 text (save it as UTF-8)")
                except jinja2.TemplateSyntaxError as exc:
                    problems.error(shown, exc.lineno, exc.message or "template syntax error")


def own_locales(root: Path, bundled: Path) -> Path:
    """The site's own ``locales/`` folder, for the commands that write catalogs: made from the
    bundled catalogs (``bundled``) when the site has none, so that its pages keep their
    translations. Writing into the bundled folder instead changed every other site's catalogs.
    `NotADirectoryError` when ``locales`` is a file."""
    own = root / "locales"
    if os.path.lexists(own) and not own.is_dir():
        raise NotADirectoryError(f"{own.name} is a file, not a folder: catalogs are kept in locales/")
    if not own.is_dir():
        shutil.copytree(bundled, own, ignore=shutil.ignore_patterns("*.mo", ".*"))
    return own


def _write(catalog: Catalog, path: Path) -> bool:
    """Write a catalog; return True if the file's bytes changed."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, include_previous=True, include_lineno=False)
    data = buffer.getvalue()
    if path.is_file() and path.read_bytes() == data:
        return False
    write_whole(path, data)  # renamed into place: whatever was there (a named pipe too) is never opened
    return True


class CatalogUnreadable(Exception):
    """A catalog that cannot be read; the message is ``path:line: error: …``."""


def catalog_display(path: Path) -> str:
    """A catalog's path as under the site root: ``locales/<lang>/LC_MESSAGES/messages.po``."""
    return path.relative_to(path.parents[3]).as_posix()


def read_catalog(path: Path, lang: str) -> Catalog:
    """A language's catalog, read as the build reads it; `CatalogUnreadable` names the file (as
    under the site root) and line."""
    try:
        return parse_catalog(read_plain(path), lang)
    except OSError as exc:
        line, reason = 0, exc.strerror or str(exc)
    except CatalogError as exc:
        line, reason = exc.line, exc.reason
    raise CatalogUnreadable(f"{catalog_display(path)}:{line}: error: cannot read catalog: {reason}")


def blocked(path: Path) -> str | None:
    """``path: message`` when a folder on the way to the catalog ``path`` is a file (writing it
    failed with a bare "File exists", and a status took the catalog for missing)."""
    blocking = file_in_the_way(path)
    if blocking is None or not blocking.is_relative_to(path.parents[3]):  # above the site: not ours to name
        return None
    shown = blocking.relative_to(path.parents[3]).as_posix()
    lang = path.parents[1].name
    return f"{shown}:0: error: a file, not a folder: the catalog for '{lang}' belongs in it; move it away"


def write_template(catalog: Catalog, locales_dir: Path) -> Path:
    path = locales_dir / POT_NAME
    _write(catalog, path)
    return path


def update(template: Catalog, locales_dir: Path, languages: tuple[str, ...]) -> list[Path]:
    """Merge the template into each language's catalog (a region's own, else its language's:
    `catalog_path`), keeping existing translations."""
    changed = []
    for code in languages:
        path = catalog_path(locales_dir, code)
        if (reason := blocked(path)) is not None:
            raise CatalogUnreadable(reason)
        if os.path.lexists(path):  # a named pipe is reported, not written over (or waited on)
            catalog = read_catalog(path, code)
        else:
            catalog = Catalog(
                locale=Locale.parse(code, sep="-"),
                domain=DOMAIN,
                project=PROJECT,
                creation_date=_FIXED_DATE,
                fuzzy=False,
                charset="utf-8",
            )
        catalog.update(template, update_creation_date=False)
        catalog.revision_date = _FIXED_DATE
        catalog.creation_date = _FIXED_DATE
        catalog.fuzzy = False
        if _write(catalog, path):
            changed.append(path)
    return changed


@dataclass(slots=True)
class CatalogStatus:
    """How complete one language's catalog is."""

    lang: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    missing_file: bool = False
    errors: list[str] = field(default_factory=list)
    """Problems such as placeholders that differ from the source or wrong plural counts."""

    @property
    def complete(self) -> bool:
        return (
            not self.missing_file
            and self.translated == self.total
            and not self.fuzzy
            and not self.obsolete
            and not self.errors
        )


def status(template: Catalog, locales_dir: Path, lang: str) -> CatalogStatus:
    """Count every entry of the template against the language's catalog."""
    result = CatalogStatus(lang)
    path = catalog_path(locales_dir, lang)
    result.total = sum(1 for m in template if m.id)
    if (reason := blocked(path)) is not None:
        result.errors.append(reason)
        result.untranslated = result.total
        return result
    if not os.path.lexists(path):
        result.missing_file = True
        result.untranslated = result.total
        return result
    try:
        catalog = read_catalog(path, lang)
    except CatalogUnreadable as exc:
        result.errors.append(str(exc))
        result.untranslated = result.total
        return result
    result.obsolete = len(catalog.obsolete)
    # By msgid and context as the build looks them up: an empty msgctxt, which some tools write
    # for a message without one, is none (it was counted untranslated, though pages showed it).
    entries = {key(entry): entry for entry in catalog if entry.id}
    for message in template:
        if not message.id:
            continue
        entry = entries.get(key(message))
        if entry is None or not _filled(entry.string):
            result.untranslated += 1
        elif entry.fuzzy:
            result.fuzzy += 1
        else:
            result.translated += 1
    used = [key(message) for message in template if message.id]
    slips = context_slips(entries.values(), used)
    for entry, slip in slips:
        result.errors.append(f"{catalog_display(path)}:{entry.lineno or 0}: error: {slip}")
    # What `update` marks obsolete: counted as such, so the catalog is not complete.
    result.obsolete += len(set(entries) - set(used)) - len(slips)
    result.errors.extend(_refused(catalog, path))
    return result


def _refused(catalog: Catalog, path: Path) -> list[str]:
    """``path:line: error: …`` for each translation the build refuses, in the build's words and
    at its ``msgstr`` line, then what Babel's own checks find in the other messages (a wrong
    number of plural forms). Babel's checks alone missed a placeholder in the translation of a
    text that has none, which fails the build: status said "all catalogs complete"."""
    display = catalog_display(path)
    babels = list(catalog.check())  # before the build's check empties the translations it refuses
    before = {id(message): message.string for message in catalog}
    checked = Problems()
    try:
        data = read_plain(path)
    except OSError:  # read a moment ago; told at the msgid's line instead
        data = b""
    lines = file_lines(data.decode("utf-8", "replace"))
    if (otherwise := language_said_otherwise(data, path.parents[1].name)) is not None:
        checked.error(display, *otherwise)
    check_translations(catalog, display, checked, lines)
    errors = [problem.format() for problem in checked.errors]
    for message, found in babels:
        if message.string == before.get(id(message)):  # not already refused above
            line = msgstr_line(lines, message)
            errors.extend(f"{display}:{line}: error: {error}" for error in found)
    return errors


def _filled(string: str | tuple | list) -> bool:
    if isinstance(string, (tuple, list)):
        return bool(string) and all(s for s in string)
    return bool(string)
