"""The command line: ``.venv/bin/python build.py [build] [--source DIR] [--output DIR] ...``.

Exit codes: 0 success, 1 content errors (reported as ``path:line: severity: message``),
2 usage errors, 130/143 when interrupted (see `pressroom.base.guard`). An editor's mistake
never produces a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import babel
import jinja2

import pressroom
from pressroom.base.clock import implausible
from pressroom.base.commands import command
from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, BuildFailed, Problems
from pressroom.base.guard import run_guarded
from pressroom.base.i18n import catalog_folders
from pressroom.base.parallel import default_jobs
from pressroom.base.text import for_terminal, undecoded
from pressroom.base.utf8mode import in_utf8_mode
from pressroom.buildargs import COMMANDS, NOW_HELP, TOP_OPTIONS, add_build_arguments, moment, path_argument
from pressroom.buildcli import clock_usable, has_content, output_folder, report, run_build
from pressroom.output.folder import PREVIEW_FOLDER, published_modes
from pressroom.pipeline.loading import load_site
from pressroom.pipeline.rendering import render_site
from pressroom.preview.server import LOOPBACK, serve
from pressroom.source.config import PROJECT_ROOT, load_config, report_special_files, template_dirs
from pressroom.workflow import catalogs, diff, export, importing, scaffold, status_page
from pressroom.workflow import status as content_status


def _add_source(command: argparse.ArgumentParser) -> None:
    command.add_argument("--source", type=path_argument, default=PROJECT_ROOT, help="site root (default: this project)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a static press-release site in German, Japanese and English.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="command")
    add_build_arguments(commands.add_parser("build", help="build the site (the default command)"))
    check_cmd = commands.add_parser("check", help="validate everything without writing anything")
    _add_source(check_cmd)
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    check_cmd.add_argument("--drafts", action="store_true", help="check drafts as if published")
    check_cmd.add_argument("--now", type=moment, default=None, help=NOW_HELP)
    check_cmd.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (path:line: severity: message, the default) or github: each problem also as a GitHub"
        " Actions annotation on standard output, shown on the file and line in the run's summary",
    )
    serve_cmd = commands.add_parser("serve", help="preview: build, serve on loopback, rebuild and reload on change")
    _add_source(serve_cmd)
    serve_cmd.add_argument(
        "--output",
        type=path_argument,
        default=None,
        help=f"output folder (default: SOURCE/{PREVIEW_FOLDER}, never site/)",
    )
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve_cmd.add_argument(
        "--bind",
        type=_bind_address,
        default=LOOPBACK,
        help=f"address to listen on (default: {LOOPBACK}, this machine only; 0.0.0.0: every interface)",
    )
    serve_cmd.add_argument("--drafts", action="store_true", help="also show drafts")
    serve_cmd.add_argument("--now", type=moment, default=None, help=NOW_HELP)
    serve_cmd.add_argument(
        "--no-search", action="store_true", help="do not index for search at start (quicker on large sites)"
    )
    new_cmd = commands.add_parser("new", help="scaffold a release as linked drafts in every language")
    new_cmd.add_argument("title")
    _add_source(new_cmd)
    new_cmd.add_argument("--partner", action="append", default=[], metavar="ID", help="a partner id (repeatable)")
    new_cmd.add_argument("--topic", action="append", default=[], metavar="ID", help="a topic id (repeatable)")
    new_cmd.add_argument("--date", type=_iso_date, default=None, help="YYYY-MM-DD (default: today)")
    new_cmd.add_argument(
        "--lang", default=None, help="the title's language (default: the site's first); the others are untranslated"
    )
    new_cmd.add_argument(
        "--place", default="", help="where it is issued, in the title's language (its dateline: Stuttgart)"
    )
    i18n_cmd = commands.add_parser("i18n", help="manage the UI translation catalogs (locales/)")
    i18n_cmd.add_argument("action", choices=("extract", "update", "status"))
    _add_source(i18n_cmd)
    i18n_cmd.add_argument("--strict", action="store_true", help="status: exit 1 unless every catalog is complete")
    status_cmd = commands.add_parser("status", help="translation status of every release: ok, missing, outdated")
    _add_source(status_cmd)
    status_form = status_cmd.add_mutually_exclusive_group()  # one report at a time: exit 2 for both
    status_form.add_argument("--json", action="store_true", help="print JSON instead of a table")
    status_form.add_argument(
        "--html",
        type=path_argument,
        default=None,
        metavar="FILE",
        help="write the status as an HTML page for a translation office",
    )
    confirm_cmd = commands.add_parser(
        "confirm", help="record that a version says the same as its other language versions now"
    )
    _add_source(confirm_cmd)
    confirm_cmd.add_argument(
        "--minor",
        action="store_true",
        help="the edit to PATH needs no translating (a typo, a fixed link): its other versions stay ok",
    )
    confirm_cmd.add_argument("paths", nargs="+", type=path_argument, metavar="PATH", help="a version's Markdown file")
    diff_cmd = commands.add_parser(
        "diff", help="what changed in a version's other language versions since it was confirmed"
    )
    _add_source(diff_cmd)
    diff_cmd.add_argument("paths", nargs="+", type=path_argument, metavar="PATH", help="a version's Markdown file")
    export_cmd = commands.add_parser("export", help="write XLIFF or PO files for a translation office")
    _add_source(export_cmd)
    export_cmd.add_argument("--to", required=True, metavar="LANG", help="the language to translate into")
    export_cmd.add_argument(
        "--from",
        dest="source_lang",
        default=None,
        metavar="LANG",
        help="translate from (default: the version that changed, else the first up-to-date one)",
    )
    export_cmd.add_argument(
        "--format", choices=("xliff", "po"), default="xliff", help="XLIFF 2.0 (default) or gettext PO"
    )
    export_cmd.add_argument(
        "--output",
        type=path_argument,
        default=Path("translation-exchange"),
        help="folder for the files (default: ./translation-exchange)",
    )
    selection = export_cmd.add_mutually_exclusive_group()
    selection.add_argument("--outdated", action="store_true", help="only releases whose target version is outdated")
    selection.add_argument(
        "--missing",
        action="store_true",
        help="only releases without a translated target version (missing or untranslated)",
    )
    export_cmd.add_argument(
        "paths",
        nargs="*",
        type=path_argument,
        metavar="PATH",
        help="versions of the releases to export (default: every outdated, untranslated or missing one)",
    )
    import_cmd = commands.add_parser("import", help="write translated XLIFF or PO files into content/")
    _add_source(import_cmd)
    import_cmd.add_argument(
        "files", nargs="+", type=path_argument, metavar="FILE", help="a translated .xlf or .po file"
    )
    return parser


def _version() -> str:
    """What ``--version`` says: this engine's version and what a bug report needs beside it."""
    python = ".".join(map(str, sys.version_info[:3]))
    return f"pressroom {pressroom.__version__} (Python {python}, Jinja {jinja2.__version__}, Babel {babel.__version__})"


def main(argv: list[str] | None = None) -> int:
    """Run one command; never a traceback for an interruption or a file system error."""
    return run_guarded(lambda: _main(argv))


def script() -> int:
    """The ``pressroom`` command installed by pip: `main`, in Python's UTF-8 mode as ``build.py`` runs it."""
    in_utf8_mode()
    return main()


def _main(argv: list[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, *TOP_OPTIONS):
        args_list.insert(0, "build")
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not has_content(args) or not clock_usable():
        return EXIT_USAGE
    if args.command == "i18n":
        return _i18n(args)
    if args.command == "check":
        return _check(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "new":
        return scaffold.new_release(
            args.source,
            args.title,
            args.partner,
            args.topic,
            args.date or date.today(),  # the editor's own day, in their zone (the build's is UTC)
            args.lang,
            args.place,
        )
    if args.command == "status":
        if args.html is not None:
            return status_page.write_status_page(args.source, args.html)
        return content_status.show_status(args.source, as_json=args.json)
    if args.command == "confirm":
        return content_status.confirm(args.source, args.paths, minor=args.minor)
    if args.command == "export":
        if args.paths and (args.outdated or args.missing):  # the paths chose, the option did nothing
            option = "--outdated" if args.outdated else "--missing"
            print(f"build.py export: error: give PATHs or {option}, not both", file=sys.stderr)
            return EXIT_USAGE
        which = "outdated" if args.outdated else "missing" if args.missing else "both"
        return export.export(args.source, args.to, args.source_lang, args.paths, which, args.format, args.output)
    if args.command == "import":
        return importing.import_files(args.source, args.files)
    if args.command == "diff":
        return diff.show_diff(args.source, args.paths)
    return run_build(args)


def _i18n(args: argparse.Namespace) -> int:
    problems = Problems()
    config = load_config(args.source, problems)
    if not problems.errors:  # the templates are read next: a named pipe among them would never end
        report_special_files(template_dirs(config), config.root, problems)
    if not problems.errors:
        catalogs.unreadable_templates(template_dirs(config), config.root, problems)
    if problems.errors:
        report(problems)
        return EXIT_CONTENT
    template = catalogs.extract(template_dirs(config))
    if args.action in ("extract", "update"):
        try:
            locales_dir = catalogs.own_locales(config.root, config.locales_dir)
        except NotADirectoryError as exc:
            print(f"build.py i18n: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if locales_dir != config.locales_dir:
            print(f"made {os.path.relpath(locales_dir)} from the bundled catalogs: this site's own from now on")
    if args.action == "extract":
        path = catalogs.write_template(template, locales_dir)
        print(f"extracted {len(template)} messages into {os.path.relpath(path)}")
        return EXIT_OK
    if args.action == "update":
        catalogs.write_template(template, locales_dir)
        try:
            changed = catalogs.update(template, locales_dir, config.languages)
        except catalogs.CatalogUnreadable as exc:
            print(for_terminal(str(exc)), file=sys.stderr)
            return EXIT_CONTENT
        for path in changed:
            print(f"updated {os.path.relpath(path)}")
        print(f"{len(changed)} of {len(config.languages)} catalogs changed")
        return EXIT_OK
    statuses = [catalogs.status(template, config.locales_dir, lang) for lang in config.languages]
    print(f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}{'obsolete':>10}{'errors':>8}")
    for st in statuses:
        done = f"{st.translated}/{st.total}"
        print(f"{st.lang:<10}{done:>12}{st.fuzzy:>8}{st.untranslated:>14}{st.obsolete:>10}{len(st.errors):>8}")
    for st in statuses:
        if st.missing_file:
            said = f"{st.lang}: no catalog{catalog_folders(st.lang)}; run '{command(config.root, 'i18n update')}'"
            print(said, file=sys.stderr)
        for error in st.errors:
            print(for_terminal(error), file=sys.stderr)
    incomplete = [st.lang for st in statuses if not st.complete]
    print(f"incomplete: {', '.join(incomplete)}" if incomplete else "all catalogs complete")
    # A catalog with errors fails the build, so it fails here too; --strict fails on gaps as well.
    if any(st.errors for st in statuses) or (incomplete and args.strict):
        return EXIT_CONTENT
    return EXIT_OK


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0-65535)")
    return int(text)


def _bind_address(text: str) -> str:
    # An empty address listens on every interface: that must be asked for by name, not by a
    # variable in a script that happened to be empty.
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty address; say 0.0.0.0 to listen on every interface")
    try:
        text.strip().encode("idna")  # what looking the name up does first; it raised past every handler
    except UnicodeError:
        said = "is not UTF-8 text: set the terminal to UTF-8" if undecoded(text) else "is no host name"
        raise argparse.ArgumentTypeError(f"'{text.strip()}' {said}; give an address such as 127.0.0.1") from None
    return text.strip()


def _iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
    if implausible(day):  # the release would be written, then refused by every build
        raise argparse.ArgumentTypeError(f"{text} cannot be right; check the year")
    return day


def local_times(moment: datetime) -> str:
    """An embargo's end as editors in Stuttgart and Tokyo read it."""
    parts = []
    for city, zone in (("Stuttgart", "Europe/Berlin"), ("Tokyo", "Asia/Tokyo")):
        local = moment.astimezone(ZoneInfo(zone))
        parts.append(f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({city})")
    return " = ".join(parts)


PUBLISH_MINUTE = 7
"""The minute of every hour at which .github/workflows/publish.yml runs (its ``cron``)."""


def next_publish(moment: datetime) -> datetime:
    """The first scheduled publish run at or after ``moment``."""
    run = moment.astimezone(UTC).replace(minute=PUBLISH_MINUTE, second=0, microsecond=0)
    return run if run >= moment else run + timedelta(hours=1)


def _wait(left: timedelta) -> str:
    minutes = max(0, int(left.total_seconds() // 60))
    days, hours = minutes // 1440, minutes % 1440 // 60
    if days:
        return f"in {days} d {hours} h"
    return f"in {hours} h {minutes % 60} min" if hours else f"in {minutes} min"


def _check(args: argparse.Namespace) -> int:
    problems = Problems()
    try:
        site = load_site(args.source, problems, drafts=args.drafts, now=args.now, jobs=default_jobs())
        render_site(site, problems, jobs=default_jobs())
    except BuildFailed:
        site = None
    report(problems)
    if args.format == "github":
        for problem in problems.sorted():
            print(problem.annotation())
    if site is not None:
        for embargo in site.catalog.embargoed:
            print(f"embargoed until {local_times(embargo.moment)}: {', '.join(embargo.paths)}", file=sys.stderr)
        if site.catalog.embargoed:
            ends = min(embargo.moment for embargo in site.catalog.embargoed)
            print(
                f"next embargo ends {_wait(ends - (args.now or datetime.now(UTC)))}; the publish workflow runs"
                f" hourly at :{PUBLISH_MINUTE:02d} UTC, so it goes online at {local_times(next_publish(ends))}"
                " (GitHub may start a scheduled run some minutes late)",
                file=sys.stderr,
            )
    errors, warnings = len(problems.errors), len(problems.warnings)
    print(f"check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_CONTENT if errors or (args.strict and warnings) else EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    output = output_folder(args, PREVIEW_FOLDER)
    if output is None:
        return EXIT_USAGE
    with published_modes():  # the preview's files as a build's
        return serve(
            args.source,
            output,
            port=args.port,
            bind=args.bind,
            drafts=args.drafts,
            now=args.now,
            search=not args.no_search,
        )
