"""The build command's arguments, and the head start a build takes before the engine loads.

``build.py`` imports this first: it says whether the command line asks for a build, and for a
build that may find its folder up to date or resume from it, begins hashing the inputs and
listing the folder in processes of their own (`pressroom.preview.headstart`) while the rest
of the engine loads. Only the settings, the inputs' hashes and the output folder's manifest are
loaded with it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from pressroom.base.clock import EARLIEST, LATEST, implausible
from pressroom.base.text import for_terminal
from pressroom.output.folder import check_output_folder
from pressroom.preview.headstart import HeadStart, begin
from pressroom.source.baseurl import base_url_problem
from pressroom.source.config import PROJECT_ROOT

COMMANDS = ("build", "check", "serve", "new", "i18n", "status", "confirm", "diff", "export", "import")
TOP_OPTIONS = ("-h", "--help", "--version")
"""Options of ``build.py`` itself, before any command: no build is meant."""


def builds_only(argv: Sequence[str]) -> bool:
    """Whether the command line asks for a build (``build.py``, ``build.py build --no-search``...),
    not another command or the help that lists them all."""
    return not argv or argv[0] == "build" or argv[0] not in (*COMMANDS, *TOP_OPTIONS)


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        type=path_argument,
        default=PROJECT_ROOT,
        help="site root holding content/ (default: this project)",
    )
    parser.add_argument("--output", type=path_argument, default=None, help="output folder (default: SOURCE/site)")
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


NOW_HELP = "the moment embargoes are judged against, e.g. 2024-07-17T10:00+09:00 (default: the clock)"


def moment(text: str) -> datetime:
    """An argument naming a moment, with its time zone."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a moment like 2024-07-17T10:00+09:00") from None
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"'{text}' needs a time zone, e.g. +09:00")
    if implausible(found.date()):  # 9999-12-31 ended the build in a traceback, a day after it
        raise argparse.ArgumentTypeError(
            f"'{text}' cannot be right: give a moment from {EARLIEST.year} to {LATEST.year}"
        )
    return found


def path_argument(text: str) -> Path:
    """An argument naming a file or folder. An empty one is refused: taken for the current
    folder, ``--output "$UNSET"`` in a CI script built into the folder the job ran in, and
    ``--source "$UNSET"`` built whatever site that folder held."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path; give a folder or file (. for the current folder)")
    return Path(text)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


def _base_url(text: str) -> str:
    problem = base_url_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(for_terminal(problem))
    return text


class _Quiet(argparse.ArgumentParser):
    """A parser that raises instead of printing: the head start says nothing, the build
    that follows parses the same arguments and says what is wrong with them."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def build_parser(prog: str = "build.py build", quiet: bool = False) -> argparse.ArgumentParser:
    parser = _Quiet(prog=prog, add_help=False) if quiet else argparse.ArgumentParser(prog=prog)
    add_build_arguments(parser)
    return parser


def build_argv(argv: Sequence[str]) -> list[str]:
    """The build's own arguments: the command line without the word ``build``."""
    return list(argv[1:] if argv[:1] == ["build"] else argv)


def head_start(argv: Sequence[str]) -> HeadStart | None:
    """The head start of the build ``argv`` asks for, begun; None when it asks for none (no
    earlier build in the folder, ``--now``), or for something the build itself will refuse
    and explain."""
    try:
        args = build_parser(quiet=True).parse_args(build_argv(argv))
        output: Path = args.output or args.source / "site"
        if args.now is not None or not (args.source / "content").is_dir():
            return None
        check_output_folder(output, args.source)
        search = "off" if args.no_search else "index"
        return begin(args.source, output, drafts=args.drafts, base_url=args.base_url, search=search)
    except Exception:  # a head start only saves time: the build itself says what is wrong
        return None
