"""The build command alone: what ``build.py`` runs for a build, without the other commands' modules.

A build is what editors and CI run most, often after a one-line edit that takes well under a
second; importing the preview server, the translation exchange (lxml, translate-toolkit) and the
catalog tools for it would add a tenth of that. Its arguments, and the head start it may
take, are in `pressroom.buildargs`; `pressroom.cli` holds every command and uses the build's
arguments and reports from here.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from pressroom.base import textmemo
from pressroom.base.clock import epoch_problem
from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, BuildFailed, Problems
from pressroom.base.folderlock import LOCKS, give_back, lock_beside, take
from pressroom.base.guard import run_guarded
from pressroom.base.parallel import default_jobs
from pressroom.base.progress import Progress
from pressroom.base.text import for_terminal
from pressroom.buildargs import build_argv, build_parser
from pressroom.output.folder import UnsafeOutput, check_output_folder, published_modes
from pressroom.output.mediarecord import remove_unused
from pressroom.pipeline.building import CacheLive
from pressroom.preview.cachesweep import note_output, sweep_cache
from pressroom.preview.headstart import HeadStart
from pressroom.preview.resume import build_resuming
from pressroom.source.cacheuse import cache_in_use, remove_former
from pressroom.source.config import CACHE_DIR
from pressroom.source.inputs import TEXTS_FILE, texts_stamp


def main(argv: list[str] | None = None, head: HeadStart | None = None) -> int:
    """Run a build; never a traceback for an interruption or a file system error. ``head``:
    the head start ``build.py`` began for it (stopped if the build does not take it)."""
    try:
        return run_guarded(lambda: _main(list(sys.argv[1:] if argv is None else argv), head))
    finally:
        if head is not None:
            head.cancel()


def _main(argv: list[str], head: HeadStart | None = None) -> int:
    try:
        args = build_parser().parse_args(build_argv(argv))
    except SystemExit as exc:
        if exc.code and argv[:1] != ["build"] and argv and not argv[0].startswith("-"):
            # A word where a command would stand: most likely a command mistyped.
            print(f"build.py: '{argv[0]}' is not a command; 'build.py --help' lists them", file=sys.stderr)
        return int(exc.code or 0)
    return run_build(args, head) if has_content(args) and clock_usable() else EXIT_USAGE


def has_content(args: argparse.Namespace) -> bool:
    """Whether the site root the arguments name holds content (else says it has none)."""
    if (args.source / "content").is_dir():
        return True
    print(f"build.py: error: {args.source} has no content/ folder", file=sys.stderr)
    return False


def clock_usable() -> bool:
    """Whether ``SOURCE_DATE_EPOCH`` is unset or names a moment (else says what is wrong)."""
    problem = epoch_problem()
    if problem is not None:
        print(f"build.py: error: {for_terminal(problem)}", file=sys.stderr)
    return problem is None


def report(problems: Problems) -> None:
    """Each problem as ``path:line: severity: message``, in order."""
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)


def output_folder(args: argparse.Namespace, default: str = "site") -> Path | None:
    """The output folder the arguments name, or None (after saying why) when it must not be used."""
    output: Path = args.output or args.source / default
    try:
        check_output_folder(output, args.source)
    except UnsafeOutput as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return None
    return output


def run_build(args: argparse.Namespace, head: HeadStart | None = None) -> int:
    """The build the arguments ask for, reported in one line (or its problems); its exit code."""
    output = output_folder(args)
    if output is None:
        return EXIT_USAGE
    # Said, and the folders made absolute, before the build: the output may be the current
    # folder (``--output .``), which the new site takes the place of. Relative paths then
    # led nowhere, and a build that had put its site in place ended with exit 1.
    shown = os.path.relpath(output)
    source, output = args.source.absolute(), output.absolute()
    # Dates, names and map outlines the last build wrote, for pages written without Babel's
    # tables (see `textmemo`); kept for the next build once this one succeeded.
    textmemo.use_file(source / CACHE_DIR / TEXTS_FILE, texts_stamp)
    # Held while the cache is used: another build or preview server then removes no entry of it
    # (see `cacheuse`); this build removes its former formats' once its site is in place.
    with cache_in_use(source / CACHE_DIR) as cache:
        code, unused, live = _build_and_report(args, source, output, shown, head)
        remove_former(cache)
        if live is not None:
            note_output(cache.cache, output)
        if unused or live is not None:  # the media files of releases gone, or of titles and pictures changed
            with cache.alone() as alone:
                if alone and unused:
                    remove_unused(cache.cache, unused)
                if alone and live is not None:  # what no build of the site as it is needs
                    sweep_cache(cache.cache, live)
    return code


def _build_and_report(
    args: argparse.Namespace, source: Path, output: Path, shown: str, head: HeadStart | None
) -> tuple[int, tuple[str, ...], CacheLive | None]:
    """The build, reported; its exit code, the cache's media files no recent build used, and
    what of the cache the site needs (None where nothing was built)."""
    try:
        # published_modes: the site's files readable by a web server, whatever the umask.
        with building(output, shown) as waited, published_modes():
            result = build_resuming(
                source,
                output,
                drafts=args.drafts,
                base_url=args.base_url,
                now=args.now,
                progress=Progress(sys.stderr),
                search="off" if args.no_search else "index",
                jobs=args.jobs or default_jobs(),
                # What it found of the output folder was the other build's: looked at again.
                head=None if waited else head,
            )
    except BuildFailed as failed:
        report(failed.problems)
        errors, warnings = len(failed.problems.errors), len(failed.problems.warnings)
        print(
            f"build failed: {errors} error(s), {warnings} warning(s); {shown} was not changed",
            file=sys.stderr,
        )
        return EXIT_CONTENT, (), None
    textmemo.keep(complete=result.rendered_all)
    if result.unchanged:
        print(f"nothing changed since the last build; {shown} kept ({result.seconds:.2f} s)")
        return EXIT_OK, (), None
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
        f"{shown} in {result.seconds:.2f} s{search}{how}, {warnings} warning(s)"
    )
    return EXIT_OK, result.unused_media, result.live


@contextlib.contextmanager
def building(output: Path, shown: str) -> Iterator[bool]:
    """Hold the output folder's build lock for the block, waiting (and saying so) while another
    build holds it: two builds into one folder swapped it under each other, and one could end
    with the old site left beside the new one, or write a quick rebuild's pages into the site
    the other had just put in place. The block is told whether it waited."""
    path = lock_beside(output, "build")
    descriptor, waited = None, False
    try:
        if LOCKS and (descriptor := take(path, wait=False)) is None:
            waited = True
            print(f"another build is writing {shown}; waiting for it to end", file=sys.stderr, flush=True)
            descriptor = take(path, wait=True)
    except OSError:
        pass  # no lock where none can be made beside the folder (a read-only parent): as before
    try:
        yield waited
    finally:
        if descriptor is not None:
            give_back(path, descriptor)
