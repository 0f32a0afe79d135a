"""``status --html FILE``: the translation state of every release and page as one HTML page for
a translation office, in German, Japanese and English.

One self-contained file (inline styles, no script, no request to another host): per language
how many versions are ok, outdated or missing and how many words changed, then one row per
release and page with each language's state, the changed words, and links to the published
version and its file. The three languages are three sections of the page; the links at the top
jump between them (without JavaScript, only the chosen one is shown in browsers that support
``:has``, all three one after another elsewhere).
"""

from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from pressroom.base.allornone import WriteFailed, write_all
from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Problem, Problems
from pressroom.base.files import file_in_the_way
from pressroom.base.i18n import language_name
from pressroom.base.languageparts import primary_subtag
from pressroom.model import routing
from pressroom.model.catalog import VersionGroup
from pressroom.model.shared import placeless
from pressroom.model.translation_status import EntryStatus
from pressroom.output.folder import output_holding, site_part_holding
from pressroom.source.config import load_config
from pressroom.source.slugs import slugify
from pressroom.workflow.diff import changed_words
from pressroom.workflow.entries import collect
from pressroom.workflow.history import History
from pressroom.workflow.status_texts import TEXTS, amount, no_place, tallied


@dataclass(frozen=True, slots=True)
class Cell:
    state: str
    label: str
    detail: str
    href: str
    path: str
    place: Markup
    """The places other versions name where this one names none (see `pressroom.model.shared.placeless`)."""


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    title: str
    title_lang: str
    cells: tuple[Cell, ...]


def write_status_page(root: Path, file: Path) -> int:
    refused = _refused(root, file)
    if refused is not None:
        print(f"build.py status: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    problems = Problems()
    languages, groups, statuses = collect(root, problems)
    config = load_config(root, Problems())
    counts = changed_words(groups, statuses, History(root))
    locales = {lang: Locale.parse(config.locales.get(lang, lang).replace("-", "_")) for lang in TEXTS}
    by_key = {(g.key, g.is_page): g for g in groups}
    sections = []
    for reader in TEXTS:  # the page speaks German, Japanese and English, whatever the site's languages
        texts = TEXTS[reader]
        rows = {
            kind: [
                _row(by_key[(s.key, s.is_page)], s, reader, texts, languages, counts, config.base_url, locales[reader])
                for s in statuses
                if s.is_page == (kind == "pages")
            ]
            for kind in ("releases", "pages")
        }
        sections.append(
            {
                "lang": reader,
                "name": language_name(reader, reader, TEXTS),
                "t": texts,
                "columns": [(lang, language_name(lang, reader, languages)) for lang in languages],
                "rows": rows,
                "totals": _totals(statuses, languages, counts, texts, locales[reader]),
            }
        )
    environment = Environment(
        loader=PackageLoader("pressroom.workflow", "."),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    html = environment.get_template("status_page.html").render(sections=sections, title=config.site_title)
    try:
        write_all([(file, html.encode("utf-8"))])  # an earlier page stays whole if this one cannot be written
    except WriteFailed as exc:
        print(Problem(str(file), 0, f"could not write: {exc.strerror}").format(), file=sys.stderr)
        return EXIT_CONTENT
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    print(f"wrote the translation status of {len(statuses)} releases and pages to {file}")
    return EXIT_CONTENT if problems.errors else EXIT_OK


def _refused(root: Path, file: Path) -> str | None:
    """Why the page may not be written to ``file``: it would replace one of the site's own files
    (``--html site.yaml`` replaced the settings with HTML), be lost or published with a build
    output (``site/``, ``.preview/``, any folder a build made), or is not named as a page."""
    if file.suffix.lower() not in (".html", ".htm"):
        return f"{file}: the status page is an HTML file; give a name ending in .html"
    part = site_part_holding(root, file)
    if part is not None:
        return f"{file} is inside the site's {part}; write the status page outside it"
    output = output_holding(root, file)
    if output is not None:
        return (
            f"{file} is inside the build output {output}, which every build replaces; write the status page outside it"
        )
    if file.exists() and not file.is_file():
        return f"{file} is not a file; give the name of the page to write"
    blocking = file_in_the_way(file)
    if blocking is not None:
        return f"{blocking} is a file, not a folder; give another name for the status page"
    return None


def _number(n: int, locale: Locale) -> str:
    return format_decimal(n, locale=locale)


def _row(
    group: VersionGroup,
    status: EntryStatus,
    reader: str,
    texts: dict[str, str],
    languages: tuple[str, ...],
    counts: dict,
    base_url: str,
    locale: Locale,
) -> Row:
    # The section's language, else the site's version of it (its ja-JP for the Japanese
    # section), else the first the text has.
    preferred = (reader, *(lang for lang in languages if primary_subtag(lang) == reader), *languages)
    shown = next(group.versions[lang] for lang in preferred if lang in group.versions)
    day = next((v.date for v in group.versions.values() if v.date), None)
    named, without = placeless(group, languages) if not group.is_page else ([], [])
    cells = []
    for lang in languages:
        state = status.states[lang]
        version = group.versions.get(lang)
        detail, href = "", ""
        if state.state == "outdated":
            sizes = counts.get((group.key, group.is_page, lang), {})
            tally = tallied(sizes.items())
            names = texts["list_sep"].join(language_name(other, reader, languages) for other in state.changed)
            known = tally and amount(texts, "", tally, lambda n: _number(n, locale))
            unknown = texts["unknown"] if None in sizes.values() else ""
            detail = texts["changed"].format(amount=known, langs=names) if known else names
            if unknown:
                # Beside an amount, the size of the other changes is what is unknown.
                detail = (
                    f"{detail}{texts['also']}{texts['unknown_some']}" if known else f"{names}{texts['colon']}{unknown}"
                )
        if version is not None and not version.draft:
            slug = version.slug or slugify(posixpath.basename(version.rel))
            url = routing.page(lang, slug) if group.is_page else routing.release(lang, day.year, slug) if day else ""
            href = base_url + url if url else ""
        label = texts[state.state]
        if version is not None and version.draft:
            label = texts["aside"].format(text=label, aside=texts["draft"])
        marked = any(v is version for v in without)
        place = Markup(no_place(named, reader, languages, Markup, _in_language)) if marked else Markup()
        cells.append(Cell(state.state, label, detail, href, version.path if version else "", place))
    return Row(group.key, shown.title, shown.lang, tuple(cells))


def _in_language(lang: str, text: str) -> str:
    return Markup('<span lang="{}">{}</span>').format(lang, text)


def _totals(statuses: list[EntryStatus], languages: tuple[str, ...], counts: dict, texts: dict, locale: Locale) -> list:
    totals = []
    for lang in languages:
        states = ("ok", "outdated", "untranslated", "missing")
        tally = {state: sum(1 for s in statuses if s.states[lang].state == state) for state in states}
        changed = tallied(size for (_, _, of), sizes in counts.items() if of == lang for size in sizes.items())
        changed = {unit: n for unit, n in changed.items() if n}
        line = texts["summary"].format(**{k: _number(v, locale) for k, v in tally.items()})
        words = amount(texts, "total_", changed, lambda n: _number(n, locale)) if changed else ""
        totals.append((lang, line, texts["total"].format(amount=words) if words else ""))
    return totals
