"""The build command alone: what ``build.py`` runs for a build, without the other commands' modules.

A build is what editors and CI run most, often after a one-line edit that takes well under a
second; importing the preview server, the translation exchange (lxml, translate-toolkit) and the
catalog tools for it would add a tenth of that. `pressroom.cli` holds every command and uses
the build's arguments and reports from here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, BuildFailed, Problems
from pressroom.base.guard import run_guarded
from pressroom.base.parallel import default_jobs
from pressroom.base.progress import Progress
from pressroom.base.text import for_terminal
from pressroom.output.folder import UnsafeOutput, check_output_folder
from pressroom.preview.resume import build_resuming
from pressroom.source.config import PROJECT_ROOT, base_url_problem

COMMANDS = ("build", "check", "serve", "new", "i18n", "status", "confirm", "diff", "export", "import")
HELP = ("-h", "--help")


def builds_only(argv: Sequence[str]) -> bool:
    """Whether the command line asks for a build (``build.py``, ``build.py build --no-search``...),
    not another command or the help that lists them all."""
    return not argv or argv[0] == "build" or argv[0] not in (*COMMANDS, *HELP)


def main(argv: list[str] | None = None) -> int:
    """Run a build; never a traceback for an interruption or a file system error."""
    return run_guarded(lambda: _main(list(sys.argv[1:] if argv is None else argv)))


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py build")
    add_build_arguments(parser)
    try:
        args = parser.parse_args(argv[1:] if argv[:1] == ["build"] else argv)
    except SystemExit as exc:
        if exc.code and argv[:1] != ["build"] and argv and not argv[0].startswith("-"):
            # A word where a command would stand: most likely a command mistyped.
            print(f"build.py: '{argv[0]}' is not a command; 'build.py --help' lists them", file=sys.stderr)
        return int(exc.code or 0)
    return run_build(args) if has_content(args) else EXIT_USAGE


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        default=PROJECT_ROOT,
        help="site root holding content/ (default: this project)",
    )
    parser.add_argument("--output", type=Path, default=None, help="output folder (default: SOURCE/site)")
    parser.add_argument("--drafts", action="store_true", help="also publish drafts")
    parser.add_argument(
        "--no-search", action="store_true", help="skip the search index (quicker; search pages stay empty)"
    )
    parser.add_argument("--now", type=moment, default=None, help=NOW_HELP)
    parser.add_argument(
        "--jobs", type=_jobs, default=None, help="processes that render (default: one per CPU; 1 for none)"
    )
    parser.add_argument(
        "--base-url",
        type=_base_url,
        default=None,
        help="URL or path the site is served under, e.g. https://example.org/press/",
    )


def has_content(args: argparse.Namespace) -> bool:
    """Whether the site root the arguments name holds content (else says it has none)."""
    if (args.source / "content").is_dir():
        return True
    print(f"build.py: error: {args.source} has no content/ folder", file=sys.stderr)
    return False


def report(problems: Problems) -> None:
    """Each problem as ``path:line: severity: message``, in order."""
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)


NOW_HELP = "the moment embargoes are judged against, e.g. 2024-07-17T10:00+09:00 (default: the clock)"


def moment(text: str) -> datetime:
    """An argument naming a moment, with its time zone."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a moment like 2024-07-17T10:00+09:00") from None
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"'{text}' needs a time zone, e.g. +09:00")
    return found


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


def _base_url(text: str) -> str:
    problem = base_url_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(for_terminal(problem))
    return text


def output_folder(args: argparse.Namespace, default: str = "site") -> Path | None:
    """The output folder the arguments name, or None (after saying why) when it must not be used."""
    output: Path = args.output or args.source / default
    try:
        check_output_folder(output, args.source)
    except UnsafeOutput as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return None
    return output


def run_build(args: argparse.Namespace) -> int:
    """The build the arguments ask for, reported in one line (or its problems); its exit code."""
    source: Path = args.source
    output = output_folder(args)
    if output is None:
        return EXIT_USAGE
    try:
        result = build_resuming(
            source,
            output,
            drafts=args.drafts,
            base_url=args.base_url,
            now=args.now,
            progress=Progress(sys.stderr),
            search="off" if args.no_search else "index",
            jobs=args.jobs or default_jobs(),
        )
    except BuildFailed as failed:
        report(failed.problems)
        errors, warnings = len(failed.problems.errors), len(failed.problems.warnings)
        print(
            f"build failed: {errors} error(s), {warnings} warning(s); {output} was not changed",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    if result.unchanged:
        print(f"nothing changed since the last build; {os.path.relpath(output)} kept ({result.seconds:.2f} s)")
        return EXIT_OK
    report(result.problems)
    per_language = ", ".join(f"{lang}: {count}" for lang, count in result.pages.items() if lang is not None)
    warnings = len(result.problems.warnings)
    search = "" if result.search_seconds is None else f" (search index {result.search_seconds:.2f} s)"
    how = "" if result.resumed is None else f" ({result.resumed} showing the edit rendered, the rest kept)"
    if result.reused:
        how = (
            f" (the last build's model taken, {result.read_again} edited file(s) read into it)"
            if result.read_again
            else " (content unchanged since the last build: not read again)"
        )
    print(
        f"built {sum(result.pages.values())} pages ({per_language}) into "
        f"{os.path.relpath(output)} in {result.seconds:.2f} s{search}{how}, {warnings} warning(s)"
    )
    return EXIT_OK
