"""Rendering: Jinja environments per language and page plans turned into bytes.

One environment per language, each with its own gettext catalog installed (no shared
"current language"). Templates autoescape and use `StrictUndefined`, so a typo in a
template fails the build with the template's name and line instead of printing nothing.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from pressroom.base.errors import Problem, Problems
from pressroom.base.files import read_plain, walk
from pressroom.base.i18n import Language
from pressroom.base.text import as_uri
from pressroom.base.typography import address_breaks, phrase_breaker, space_before
from pressroom.model import routing
from pressroom.output.gettextfold import FOLD_GETTEXT, FOLD_PGETTEXT, EscapedTranslations, FoldedGettext, untranslated
from pressroom.output.templating import ImportedMacro, SiteEnvironment
from pressroom.pages.plans import PagePlan
from pressroom.source.config import PROJECT_ROOT

STATIC_DIR = "static"
ROOT_FILES = ("favicon.ico",)
"""Static files also served at the site root, where browsers and crawlers ask for them."""


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file of the built site: its path relative to the output folder, and its bytes."""

    path: str
    data: bytes


GLOBAL_MACROS = {"release_card": "_macros.html"}
"""Macros offered to templates as globals too (each is memoized like every imported macro)."""


def make_environment(
    template_dirs: tuple[Path, ...], language: Language | None, bytecode_cache: BytecodeCache | None = None
) -> Environment:
    env = SiteEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs]),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", FoldedGettext],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one set of templates: no need to stat them for every page
        # Kept in a plain dict: Jinja's default cache takes a lock and reorders a queue on each of
        # the five look-ups per page ("extends", "from … import"), and a site has a few dozen.
        cache_size=-1,
        bytecode_cache=bytecode_cache,
    )
    env.filters["phrases"] = phrase_breaker(language.code if language else "")
    env.filters["uri"] = as_uri
    env.filters["space_before"] = space_before
    env.filters["address_breaks"] = address_breaks
    if language is not None:
        translations = EscapedTranslations(language.translations)
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        env.extend(**{FOLD_GETTEXT: translations.gettext, FOLD_PGETTEXT: translations.pgettext})
    else:
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        env.extend(**{FOLD_GETTEXT: str, FOLD_PGETTEXT: untranslated})
    for name, template in GLOBAL_MACROS.items():
        env.globals[name] = ImportedMacro(env, template, name)
    env.globals["range"] = bounded_range
    return env


def static_files(template_dirs: tuple[Path, ...], problems: Problems) -> list[OutputFile]:
    """Files under ``templates/static/``; a site's own file wins over the project's.

    Links are never followed: a link could carry any file of the machine into a published
    site (and the preview server would serve it), so each one is an error."""
    found: dict[str, bytes] = {}
    for directory in reversed(template_dirs):
        static = directory / STATIC_DIR
        if not static.is_dir() or static.is_symlink():
            continue
        for top, folders, files in walk(static):
            for name in sorted(folders + files):
                path = Path(top, name)
                if path.is_symlink():
                    shown = path.relative_to(directory.parent).as_posix()
                    problems.error(shown, None, "a link; static files must be real files (links are never copied)")
                elif name in files and not name.startswith("."):
                    try:
                        data = read_plain(path)
                    except OSError as exc:  # a named pipe would make the build wait for ever
                        shown = path.relative_to(directory.parent).as_posix()
                        problems.error(shown, None, f"cannot read the file: {exc.strerror or exc}")
                        continue
                    found[f"{STATIC_DIR}/{path.relative_to(static).as_posix()}"] = data
    for name in ROOT_FILES:
        if f"{STATIC_DIR}/{name}" in found:
            found[name] = found[f"{STATIC_DIR}/{name}"]
    return [OutputFile(path, data) for path, data in sorted(found.items())]


def fingerprint(file: OutputFile) -> str:
    """``static/style.css?v=…``: the URL changes exactly when the file's bytes do."""
    return f"{file.path}?v={hashlib.sha256(file.data).hexdigest()[:10]}"


def render_range(
    plans: Sequence[PagePlan],
    environments: dict[str | None, Environment],
    root: Path,
    start: int,
    stop: int,
    sink: Callable[[OutputFile], object],
    carry: Callable[[str, object], bool] | None = None,
    rendered: Callable[[str], object] | None = None,
    known: tuple[Mapping[str, bytes], Callable[[str, bytes], bool]] | None = None,
) -> tuple[list[Problem], int]:
    """Render ``plans[start:stop]`` and hand each page to ``sink``; return the problems and the count.

    ``carry(path, view)`` may answer that a page kept by an earlier build stands for the page
    (see `pressroom.output.carryover`), which is then not rendered; ``rendered(path)`` is told
    of each page written. A template error stops the
    range with the template's file and line (one broken template would otherwise be reported
    for every page). ``known``: page URL → its digest, as an earlier build of the very same model
    recorded it, and ``carry_known(path, digest)``, which links a kept page without its view
    (or, if none is kept, has the page rendered and kept under that digest)."""
    problems = Problems()
    digests, carry_known = known if known is not None else ({}, None)
    for plan in plans[start:stop]:
        env = environments[plan.lang]
        path = routing.output_path(plan.url)
        digest = digests.get(plan.url) if carry_known is not None else None
        if digest is not None and carry_known(path, digest):  # type: ignore[misc]
            continue
        try:
            view = plan.realise(problems)
            if digest is None and carry is not None and carry(path, view):
                continue
            template = env.get_template(view.template)
            html = template.render(page=view)
        except jinja2.TemplateSyntaxError as exc:
            problems.error(_template_path(exc.filename or exc.name or "templates", root), exc.lineno, exc.message or "")
            break
        except jinja2.TemplateError as exc:
            path, line = _template_frame(exc, root)
            problems.error(path, line, f"{exc.message} (while rendering {plan.url or '/'})")
            break
        except UnicodeDecodeError as exc:
            problems.error(_undecodable_template(exc, root), 0, "template is not UTF-8 text (save it as UTF-8)")
            break
        except TEMPLATE_MISTAKES as exc:
            # A site's template that divides by zero, gives a filter a wrong argument or
            # includes itself: its file and line, never a traceback. A fault with no template
            # in its traceback is the engine's own, and is raised on.
            path, line = _template_frame(exc, root)
            if line == 0:
                raise
            problems.error(path, line, f"{_mistake(exc)} (while rendering {plan.url or '/'})")
            break
        sink(OutputFile(path, html.encode("utf-8")))
        if rendered is not None:
            rendered(path)
    return problems.items, stop - start


def _template_path(filename: str, root: Path) -> str:
    """A template's path as editors see it: relative to the site root, or to the project."""
    path = Path(filename).resolve()
    for base in (root.resolve(), PROJECT_ROOT):
        if base in path.parents:
            return path.relative_to(base).as_posix()
    return filename


def _undecodable_template(exc: UnicodeDecodeError, root: Path) -> str:
    """The template file Jinja's loader was reading when decoding failed."""
    trace = exc.__traceback__
    found = "templates"
    while trace is not None:
        if trace.tb_frame.f_code.co_name == "get_source" and "filename" in trace.tb_frame.f_locals:
            found = _template_path(str(trace.tb_frame.f_locals["filename"]), root)
        trace = trace.tb_next
    return found


MAX_RANGE = 100_000
"""The most numbers a template's ``range()`` gives (as in Jinja's sandbox)."""


def bounded_range(*args: int) -> range:
    """``range`` for templates: ``range(10**9)|list`` filled the memory until the build was killed."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise OverflowError(f"range() of {len(numbers):,} numbers; a template may count to {MAX_RANGE:,}")
    return numbers


TEMPLATE_MISTAKES = (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, AttributeError)


def _mistake(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "a template includes, extends or calls itself without end"
    return f"{type(exc).__name__}: {exc}"


def _template_frame(exc: BaseException, root: Path) -> tuple[str, int]:
    """The innermost template file and line in a rendering error's traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return _template_path(frame.filename, root), frame.lineno or 0
    return "templates", 0
