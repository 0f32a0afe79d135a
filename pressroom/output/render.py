"""Rendering: Jinja environments per language and page plans turned into bytes.

One environment per language, each with its own gettext catalog installed (no shared
"current language"). Templates autoescape and use `StrictUndefined`, so a typo in a
template fails the build with the template's name and line instead of printing nothing.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from pressroom.base.errors import Problem, Problems
from pressroom.base.files import not_plain_at, read_plain, walk
from pressroom.base.i18n import Language
from pressroom.base.languageparts import lang_attribute, language_parts_filter
from pressroom.base.text import as_uri
from pressroom.base.ties import tied_filter
from pressroom.base.typography import address_breaks, phrase_breaker, phrased_filter, space_before
from pressroom.model import routing
from pressroom.output.bounds import MAX_SECONDS, TimeLimit, bounded_lipsum, bounded_range, time_limits
from pressroom.output.gettextfold import (
    FOLD_GETTEXT,
    FOLD_PGETTEXT,
    EscapedTranslations,
    FoldedGettext,
    bound_gettext,
    untranslated,
)
from pressroom.output.nesting import weighing_filters
from pressroom.output.templatecache import template_caches
from pressroom.output.templating import ImportedMacro, SiteEnvironment
from pressroom.output.textbounds import bounded_filters
from pressroom.pages.homescreen import own_icons
from pressroom.pages.plans import PagePlan
from pressroom.source.config import PROJECT_ROOT
from pressroom.source.slugs import left_by_tools
from pressroom.source.staticimages import static_image_problem

STATIC_DIR = "static"
ROOT_FILES = ("favicon.ico", "apple-touch-icon.png")
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
        # utf-8-sig: a template saved with a byte order mark (Notepad) put it into every page it
        # made, before the doctype (quirks mode), where base.html's was the second.
        loader=ChoiceLoader([FileSystemLoader(str(d), encoding="utf-8-sig") for d in template_dirs]),
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
    # JSON as UTF-8 text (a manifest's Japanese name readable as such), not \u escapes.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(bounded_filters(env.filters))
    env.filters.update(weighing_filters(env.nesting, env.filters))
    env.filters["phrases"] = phrase_breaker(language.code if language else "")
    env.filters["phrased"] = phrased_filter(env.filters["phrases"])
    env.filters["tied"] = tied_filter(language.code if language else "")
    env.filters["lang_attr"] = lang_attribute
    env.filters["uri"] = as_uri
    env.filters["space_before"] = space_before
    env.filters["address_breaks"] = address_breaks
    env.filters["language_parts"] = language_parts_filter(language.code if language else "")
    if language is not None:
        translations = EscapedTranslations(language.translations)
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        bound_gettext(env, translations)
        env.extend(**{FOLD_GETTEXT: translations.gettext, FOLD_PGETTEXT: translations.pgettext})
    else:
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        bound_gettext(env, NullTranslations())
        env.extend(**{FOLD_GETTEXT: str, FOLD_PGETTEXT: untranslated})
    for name, template in GLOBAL_MACROS.items():
        env.globals[name] = ImportedMacro(env, template, name)
    env.globals["range"] = bounded_range
    env.globals["lipsum"] = bounded_lipsum
    return env


def environments_for(
    template_dirs: tuple[Path, ...], languages: Mapping[str, Language], cache: Path | None
) -> dict[str | None, Environment]:
    """One Jinja environment per language (and one for the neutral pages, None), templates
    compiled from the cache folder where an earlier build left them."""
    compiled = template_caches(cache, dict(languages))
    return {
        None: make_environment(template_dirs, None, compiled.get(None)),
        **{code: make_environment(template_dirs, lang, compiled.get(code)) for code, lang in languages.items()},
    }


def static_files(template_dirs: tuple[Path, ...], problems: Problems, cache: Path | None = None) -> list[OutputFile]:
    """Files under ``templates/static/``; a site's own file wins over the project's. ``cache``:
    the site's cache folder, where the pictures among them found fine are noted.

    Links are never followed: a link could carry any file of the machine into a published
    site (and the preview server would serve it), so each one is an error."""
    found: dict[str, bytes] = {}
    own: set[str] = set()  # the site's own files, where the project's theme is under them
    for directory in reversed(template_dirs):
        static = directory / STATIC_DIR
        if not static.is_dir() or static.is_symlink():
            continue
        for top, folders, files in walk(static):
            for name in sorted(folders + files):
                path = Path(top, name)
                shown = path.relative_to(directory.parent).as_posix()
                if path.is_symlink():
                    problems.error(shown, None, "a link; static files must be real files (links are never copied)")
                elif name in files and not left_by_tools(name):  # Thumbs.db is no file of the site
                    try:
                        data = read_plain(path)
                    except OSError as exc:  # a named pipe would make the build wait for ever
                        problems.error(shown, None, f"cannot read the file: {exc.strerror or exc}")
                        continue
                    if (refused := static_image_problem(shown, data, cache)) is not None:
                        problems.error(shown, None, refused)
                        continue
                    key = f"{STATIC_DIR}/{path.relative_to(static).as_posix()}"
                    found[key] = data
                    if len(template_dirs) > 1 and directory == template_dirs[0]:
                        own.add(key)
    own_icons(found, own, template_dirs[0].name, problems)
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
    timed_out: bytearray | memoryview | None = None,
    aside: str = "",
) -> tuple[list[Problem], int]:
    """Render ``plans[start:stop]`` and hand each page to ``sink``; return the problems and the count.

    ``carry(path, view)`` may answer that a page kept by an earlier build stands for the page
    (see `pressroom.output.carryover`), which is then not rendered; ``rendered(path)`` is told
    of each page written. A template error is said with the template's file and line, once
    for each distinct mistake, and the range goes on: every broken template of the site is
    reported by one run (see `problem_key`). ``known``: page URL → its digest, as an earlier
    build of the very same model recorded it, and ``carry_known(path, digest)``, which links a
    kept page without its view (or, if none is kept, has the page rendered and kept under that
    digest). A page that takes more than `MAX_SECONDS` to render is an error, and no page is
    rendered after it, here or in any range given the same ``timed_out`` flag (shared by the
    processes that render): each would take as long. ``aside``: said of each page after its URL
    in an error's message (``, under embargo until …``)."""
    problems = Problems()
    said: set[tuple[str, int, str, str]] = set()

    def mistake(path: str, line: int | None, message: str) -> None:
        # Each distinct mistake once, at the first page it broke: a broken base template
        # would otherwise be said for every page.
        problem = Problem(path, line or 0, message)
        if (key := problem_key(problem)) not in said:
            said.add(key)
            problems.items.append(problem)

    digests, carry_known = known if known is not None else ({}, None)
    out_of_time = bytearray(1) if timed_out is None else timed_out
    with time_limits() as limit:
        for plan in plans[start:stop]:
            if out_of_time[0]:  # a page ran out of time: the build fails, each page more would take as long
                break
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
                limit(MAX_SECONDS)
                try:
                    data = _rendered(template, view)
                finally:
                    limit(0)
            except TimeLimit as exc:
                where, line = _compiled_frame(exc, root)
                if not line:  # stopped on its way out of the template
                    where = _template_path(template.filename or view.template, root)
                took = f"rendering took more than {MAX_SECONDS:g} seconds of processor time, the most a page may take"
                mistake(where, line, f"{took}{WHILE_RENDERING}{plan.url or '/'}{aside})")
                out_of_time[0] = 1
                break
            except jinja2.TemplateSyntaxError as exc:
                mistake(_template_path(exc.filename or exc.name or "templates", root), exc.lineno, exc.message or "")
                continue
            except jinja2.TemplateError as exc:
                where, line = _template_frame(exc, root)
                mistake(where, line, f"{_not_found(exc) or exc.message}{WHILE_RENDERING}{plan.url or '/'}{aside})")
                continue
            except UnicodeDecodeError as exc:
                mistake(_undecodable_template(exc, root), 0, UNDECODABLE)
                continue
            except TEMPLATE_MISTAKES as exc:
                # A site's template that divides by zero, gives a filter a wrong argument or
                # includes itself: its file and line, never a traceback. A fault with no template
                # in its traceback is the engine's own, and is raised on.
                where, line = _template_frame(exc, root)
                if line == 0:
                    raise
                mistake(where, line, f"{_mistake(exc)}{WHILE_RENDERING}{plan.url or '/'}{aside})")
                continue
            sink(OutputFile(path, data))
            if rendered is not None:
                rendered(path)
    return problems.items, stop - start


def _rendered(template: jinja2.Template, view: object) -> bytes:
    """The page ``template`` makes of ``view``, as the UTF-8 bytes written: `Template.render`,
    its pieces encoded one by one and joined as bytes rather than joined as text and encoded.

    Every page names 日本語 in its language switcher, so a page joined as text was stored two
    bytes a character and encoded character by character: a tenth of the instructions of
    rendering every page. Most pieces are the templates' own ASCII, which encode as a copy;
    only pieces with other characters are encoded character by character."""
    context = template.new_context({"page": view})
    try:
        return b"".join(map(str.encode, template.root_render_func(context)))
    except Exception:
        template.environment.handle_exception()  # raises it again, told at the template's line, as render does
        raise


WHILE_RENDERING = " (while rendering "
"""Ends a rendering error's message, naming the first page it broke: not part of what makes
two pages' errors the same mistake."""
UNDECODABLE = "template is not UTF-8 text (save it as UTF-8)"
TEMPLATE_SUFFIXES = ("html", "xml", "txt", "webmanifest")
"""What a template's name ends with; other files under ``templates/`` are no templates."""


def problem_key(problem: Problem) -> tuple[str, int, str, str]:
    """What makes two problems one mistake: a template's error at the same line with the same
    message is one, whichever pages it broke."""
    message = problem.message.rpartition(WHILE_RENDERING)[0] or problem.message
    return problem.path, problem.line, message, problem.severity


def compile_templates(
    environments: Iterable[Environment], template_dirs: tuple[Path, ...], root: Path, problems: Problems
) -> None:
    """Every template of the site compiled in each environment, and each syntax error said once.

    Rendering would find a broken template only when a page uses it, one at a time; compiled
    here, up front, they are all found, and the environments keep what they compiled (the
    forked workers find it there). Only plain files are read: anything else was reported by
    `report_special_files`, and reading a named pipe would wait for ever."""
    said = {problem_key(problem) for problem in problems.items}
    names = _template_names(template_dirs)
    for env in environments:
        for name in names:
            try:
                env.get_template(name)
                continue
            except jinja2.TemplateSyntaxError as exc:
                where = _template_path(exc.filename or exc.name or "templates", root)
                problem = Problem(where, exc.lineno or 0, exc.message or "")
            except UnicodeDecodeError as exc:
                problem = Problem(_undecodable_template(exc, root), 0, UNDECODABLE)
            if (key := problem_key(problem)) not in said:
                said.add(key)
                problems.items.append(problem)


def check_templates(template_dirs: tuple[Path, ...], root: Path, problems: Problems, cache: Path | None) -> None:
    """`compile_templates` and `static_files` for a build that stops before rendering: the
    templates' syntax errors and the static files' problems said with the content's (neither
    depends on the language). ``cache``: as for `static_files`."""
    compile_templates([make_environment(template_dirs, None)], template_dirs, root, problems)
    static = Problems()
    static_files(template_dirs, static, cache)
    said = problems.paths_with_errors()  # a named pipe among them, found by the first look at the templates
    problems.extend([problem for problem in static.items if problem.path not in said])


def _template_names(template_dirs: tuple[Path, ...]) -> list[str]:
    """The names of every template the loader finds, each one in the folder that wins being a
    plain file (a site's own first)."""
    found: dict[str, bool] = {}
    for directory in template_dirs:
        for top, folders, files in walk(directory):
            relative = Path(top).relative_to(directory)
            if relative.parts[:1] == (STATIC_DIR,):
                folders.clear()
                continue
            for name in files:
                if not name.startswith(".") and name.endswith(tuple(f".{s}" for s in TEMPLATE_SUFFIXES)):
                    found.setdefault((relative / name).as_posix(), not_plain_at(Path(top, name)) is None)
    return sorted(name for name, plain in found.items() if plain)


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


TEMPLATE_MISTAKES = (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, AttributeError)


def _mistake(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "a template includes, extends or calls itself without end"
    return f"{type(exc).__name__}: {exc}"


def _not_found(exc: jinja2.TemplateError) -> str | None:
    """What to say of a template named that is not there: Jinja's message is its name alone."""
    if type(exc) is not jinja2.TemplateNotFound:  # the subclass for a list names what it tried
        return None
    return f"there is no template '{exc.name}' under templates/ to include, import or extend: check its name"


def _compiled_frame(exc: BaseException, root: Path) -> tuple[str, int]:
    """`_template_frame` for an error Jinja did not see (`TimeLimit`, which is no `Exception`):
    its traceback is of the templates' compiled code, each line found in its template here."""
    found = ("templates", 0)
    trace = exc.__traceback__
    while trace is not None:
        template = trace.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            found = (_template_path(template.filename, root), template.get_corresponding_lineno(trace.tb_lineno))
        trace = trace.tb_next
    return found


def _template_frame(exc: BaseException, root: Path) -> tuple[str, int]:
    """The innermost template file and line in a rendering error's traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(tuple(f".{suffix}" for suffix in TEMPLATE_SUFFIXES)):
            return _template_path(frame.filename, root), frame.lineno or 0
    return "templates", 0
