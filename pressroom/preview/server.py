"""The preview server: build, serve on loopback, rebuild on change, reload open tabs.

Owns everything that exists only while editing: the rebuilds and their state for the
live-reload channel (what the file watcher sees is `pressroom.preview.watch`'s, what the HTTP
side answers and refuses is `pressroom.preview.http`'s). The reload script is added to HTML responses as they
are served (`pressroom.preview.livereload`), never to the built files, so a site built by
``serve`` is byte for byte the site ``build`` makes. When a rebuild fails, the last good build
stays online and every open tab shows the problems in an overlay until they are fixed. An edit
to the text of existing releases renders only the pages that show them (`pressroom.incremental`);
anything else rebuilds the whole site; the search index is made again behind it (`pressroom.preview.reindex`).
Rebuilds run in the main thread, pages are served from another:
Ctrl-C, SIGTERM and SIGHUP (its terminal closed) stop a rebuild as they stop a command-line
build, its staging folder removed and its worker processes ended; the index being made is
ended too, and the lock let go.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pressroom.base.errors import EXIT_USAGE, BuildFailed
from pressroom.base.guard import settled
from pressroom.base.parallel import default_jobs
from pressroom.base.text import for_terminal
from pressroom.output.folder import MARKER, UnsafeOutput, not_ours, remove_staging
from pressroom.output.inplace import Record
from pressroom.pipeline.building import build
from pressroom.preview.address import WILDCARDS, browser_url, loopback
from pressroom.preview.http import PreviewServer, make_handler
from pressroom.preview.incremental import QuickResult, QuickSite, quick_rebuild
from pressroom.preview.livereload import STREAM_SECONDS
from pressroom.preview.lock import AlreadyServed, serving_lock
from pressroom.preview.reindex import Reindexer
from pressroom.preview.state import BuildState
from pressroom.preview.watch import Watch
from pressroom.source.cacheuse import CacheUse, cache_in_use, remove_former
from pressroom.source.config import CACHE_DIR, CONFIG_NAME

LOOPBACK = "127.0.0.1"


class Rebuilder:
    """Runs builds, in the thread that calls it, and records their outcome; prints what happened."""

    def __init__(
        self,
        source: Path,
        output: Path,
        state: BuildState,
        *,
        drafts: bool,
        now: datetime | None,
        log: TextIO,
        search: bool = True,
    ) -> None:
        self.search = search
        self.lost = False
        """The output folder was replaced by one this tool did not make: nothing is built any more."""
        self.source = source
        self.output = output
        self.state = state
        self.drafts = drafts
        self.now = now
        self.log = log
        self.quick: QuickSite | None = None
        """The last good build's model, for quick rebuilds; None when the next must be full."""
        self.built = False
        """The output folder holds a good build: if it is deleted, it is built again (once)."""
        self.reindexer = Reindexer(output, state, self._print, self._lose)
        self.record: Record | None = None
        """What the marker records once the last build's index is in place (the first build's only)."""
        self.gone = False
        """The site's folder was moved away or deleted: nothing is built until it is back."""

    def run(self, reason: str, paths: frozenset[Path] = frozenset()) -> bool:
        """Rebuild; ``paths`` are the files that changed, for a quick rebuild of what shows them.
        The search index of a build is made behind it (`Reindexer`), the first one's too: the
        pages are served first, and the search finds what they say a moment later."""
        self.record = None
        done = self._rebuild(reason, paths)
        shown = self.state.snapshot()
        if done and shown.indexed < shown.generation:
            cache = self.quick.rendered.site.cache if self.quick is not None else None
            self.reindexer.want(shown.generation, cache, self.record)
        return done

    def _rebuild(self, reason: str, paths: frozenset[Path]) -> bool:
        if self.lost or self._site_gone():
            return False
        self.gone = False
        if not_ours(self.output):
            return self._lose()
        started = time.perf_counter()
        # A folder deleted meanwhile is made again by a full build; an input that vanished
        # (a partner, settings, a template, a file turned into a link loop) needs one too.
        if self.quick is not None and paths and self.output.is_dir() and not _vanished(paths):
            try:
                quick = quick_rebuild(self.quick, paths, self.output)
            except UnsafeOutput:
                return self._lose()
            except Exception:  # a bug must not stop the preview; show it, build in full next time
                self.quick = None
                return self._internal_error(reason)
            if quick is not None:
                return self._quick_done(reason, quick)
        try:
            # Served at the root of the preview server, whatever base URL the site is published under.
            # Rebuilds carry the search index over so an edit shows at once; the first build
            # goes without one (unless its inputs are those of the indexed build it finds, which
            # it keeps); `Reindexer` then makes it for the site as built.
            self.quick = None  # until this build succeeds, the kept model is not the site's
            result = build(
                self.source,
                self.output,
                drafts=self.drafts,
                base_url="/",
                now=self.now,
                search=("index" if reason == "start" else "keep") if self.search else "off",
                jobs=default_jobs(),
                keep=True,
                index_later=True,
            )
        except BuildFailed as failed:
            lines = [problem.format() for problem in failed.problems.sorted()]
            self._print(f"{reason}: build failed, {self._serving()}", *lines)
            self.state.failed(self._public(lines))
            return False
        except UnsafeOutput:
            return self._lose()
        except Exception:  # a bug must not stop the preview; show it, keep serving
            return self._internal_error(reason)
        if result.rendered is not None:
            self.quick = QuickSite.of(result.rendered)
        warnings = [problem.format() for problem in result.problems.sorted()]
        seconds = time.perf_counter() - started
        pages = sum(result.pages.values())
        # A preview started again over its own last build: "rebuilt 0 pages" alone read as an empty site.
        kept = f" (nothing changed since the last build: {for_terminal(self.output.name)} is served as it was)"
        self._print(*warnings, f"{reason}: rebuilt {pages} pages in {seconds:.2f} s{kept if result.unchanged else ''}")
        self.built = True
        self.record = result.record
        self.state.succeeded(indexed=not self.search or result.unchanged)
        return True

    def deleted(self) -> str | None:
        """A reason to build when nothing changed: the output folder holding the last good build
        is gone (``git clean -fdx``, an editor clearing it), which no input's event shows."""
        if self._site_gone():
            return None
        if self.gone:
            return f"{for_terminal(self.source.name)} is back"
        if not self.built or os.path.lexists(self.output):
            return None
        self.built = False  # one build for it: one that fails is not tried again each second
        return f"{for_terminal(self.output.name)} was deleted"

    def _site_gone(self) -> bool:
        """Whether the site's folder is gone (moved away, renamed, deleted). A build then made
        its cache folder, and the lock its own, where the site had been: the editor renaming it
        back found a folder of that name in the way, or moved the site into it."""
        if os.path.isdir(self.source):
            return False
        if not self.gone:
            self.gone = True
            self._print(f"{for_terminal(str(self.source))} was moved or deleted: nothing is built until it is back")
            self.state.failed(["the site's folder was moved or deleted: the preview builds again when it is back"])
        return True

    def _lose(self) -> bool:
        """The output folder is no longer ours (an editor's own folder took its place): it is
        never written to or removed, so the preview stops, saying so in one line."""
        self.lost = True
        self.quick = None
        shown = for_terminal(str(self.output))
        self._print(
            f"build.py: error: output folder {shown} was replaced by a folder this tool did not make;"
            " the preview stopped and left it as it is"
        )
        self.state.failed(["the preview's output folder was replaced by another folder; the preview stopped"])
        return False

    def _internal_error(self, reason: str) -> bool:
        """A bug: the traceback goes to the terminal; open tabs learn only that it happened
        (their messages must not tell a web page where the editor's files are)."""
        lines = traceback.format_exc().rstrip().splitlines()
        self._print(f"{reason}: internal error, {self._serving()}", *lines)
        self.state.failed(self._public([f"internal error: {lines[-1]} (the details are in the terminal)"]))
        return False

    def _serving(self) -> str:
        """What the preview shows after a failed build: the first build failing has no last good one."""
        built = (self.output / MARKER).is_file()
        if self.state.generation:
            return "still serving the last good build" if built else "its output folder is gone: nothing is served"
        if built:
            return "serving the build an earlier preview left"
        return "nothing built yet: open tabs show the problems until a build succeeds"

    def _public(self, lines: list[str]) -> list[str]:
        """Messages as tabs see them: paths relative to the site root, never absolute."""
        return [for_tabs(line, self.source) for line in lines]

    def _quick_done(self, reason: str, quick: QuickResult) -> bool:
        lines = [problem.format() for problem in quick.problems.sorted()]
        if quick.problems.errors:
            # The next rebuild is a full one: it sees this file again, whatever else changes.
            self.quick = None
            self._print(f"{reason}: build failed, {self._serving()}", *lines)
            self.state.failed(self._public(lines))
            return False
        self._print(
            *lines,
            f"{reason}: rebuilt the {quick.pages} pages showing the edit ({quick.written} changed)"
            f" in {quick.seconds:.2f} s",
        )
        self.state.succeeded(indexed=not self.search)
        return True

    def _print(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.log, flush=True)


def _vanished(paths: frozenset[Path]) -> bool:
    """Whether a changed input is gone: deleted, moved away, or a link that leads nowhere or
    round in a loop. Only a full build sees what that changes, and reports what it breaks."""
    return not all(os.path.exists(path) for path in paths)


_ABSOLUTE = re.compile(r"(?<![\w.~/%-])/[^\s'\"()<>,;:]+")
"""A token that may be an absolute path: a ``/`` that begins a word, and what follows it."""


def for_tabs(line: str, root: Path) -> str:
    """A message as open tabs are sent it: each absolute path (the site's own files, the output
    folder, a file an exception names) made relative to the site root, so that no web page
    learns where the editor's files are. A URL path (``/en/``) stays: it names no folder at
    the root of the file system."""
    for shown in sorted({str(root.resolve()), str(root.absolute())}, key=len, reverse=True):
        line = line.replace(shown + os.sep, "").replace(shown, ".")
    base = root.absolute()

    def relative(found: re.Match[str]) -> str:
        path = found.group(0)
        first = path.split("/", 2)[1]
        return os.path.relpath(path, base) if first and os.path.isdir("/" + first) else path

    return _ABSOLUTE.sub(relative, line)


def serve(
    source: Path,
    output: Path,
    *,
    port: int,
    bind: str = LOOPBACK,
    drafts: bool = False,
    now: datetime | None = None,
    log: TextIO = sys.stderr,
    ready: Callable[[str], None] | None = None,
    search: bool = True,
    stream_seconds: float = STREAM_SECONDS,
) -> int:
    """Build, then serve and rebuild until interrupted (Ctrl+C, SIGTERM, SIGHUP: the exception
    goes on to the caller, which says so and exits 130, 143 or 129) or until the output folder is no longer
    ours (`EXIT_USAGE`). A tab's live-reload stream ends after ``stream_seconds`` and the tab
    opens a new one by itself.

    The output folder's lock is taken and the port bound before anything is built: a second
    server of the same folder, or a port in use, is said at once, not after a build of the
    whole site. Rebuilds run here, in the caller's thread (the main one), and pages are served
    from another: an interruption stops a rebuild as it stops a command-line build, and nothing
    it was writing is left behind."""
    state = BuildState()
    try:
        with contextlib.ExitStack() as held:
            keep_lock = held.enter_context(serving_lock(output))
            try:
                server = PreviewServer((bind, port), make_handler(output, state, stream_seconds=stream_seconds))
            except OSError as exc:  # a port in use, an address not of this machine, a name unknown
                where = f"[{bind}]:{port}" if ":" in bind else f"{bind}:{port}"
                print(f"build.py: error: cannot listen on {where}: {_why_not(exc, port)}", file=log, flush=True)
                return EXIT_USAGE
            held.callback(server.server_close)
            # The whole time it serves: no build removes an entry of the cache it may read
            # (`cacheuse`). Taken once the port is had: a server that cannot listen makes nothing.
            cache = held.enter_context(cache_in_use(source.absolute() / CACHE_DIR))
            rebuilder = Rebuilder(source, output, state, drafts=drafts, now=now, log=log, search=search)
            _serve_and_rebuild(server, rebuilder, log, ready, keep_lock, cache)
            return EXIT_USAGE  # the output folder was lost
    except AlreadyServed as busy:
        shown = for_terminal(str(output))
        print(
            f"build.py: error: another 'build.py serve' is already building into {shown}"
            f" (it holds {for_terminal(str(busy))}); stop it first, or give this one another --output",
            file=log,
            flush=True,
        )
        return EXIT_USAGE


def _why_not(exc: OSError, port: int) -> str:
    """Why a port cannot be listened on, and, where the port is the trouble, what to do."""
    reason = exc.strerror or str(exc)
    other = "give another port: --port {}, or --port 0 for any free one"
    if exc.errno == errno.EADDRINUSE:
        return f"{reason} (by another program, or another preview); {other.format(port + 1 if port < 65535 else 8000)}"
    if exc.errno == errno.EACCES and 0 < port < 1024:
        return f"{reason} (ports below 1024 are the system's); {other.format(8000)}"
    return reason


def _serve_and_rebuild(
    server: PreviewServer,
    rebuilder: Rebuilder,
    log: TextIO,
    ready: Callable[[str], None] | None,
    keep_lock: Callable[[], None] = lambda: None,
    cache: CacheUse | None = None,
) -> None:
    """The first build, then pages served from a thread of their own while this one rebuilds,
    until the output folder is lost (or an interruption ends it)."""
    source, output = rebuilder.source, rebuilder.output
    remove_staging(output)  # what a server killed mid-rebuild left; the lock says none is running
    watch = Watch(source)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    try:
        # Watching before the first build: an edit saved while it runs starts a rebuild after it.
        watch.start()
        rebuilder.reindexer.wake = watch.handler.wake  # the first build's index is made behind it too
        rebuilder.run("start")
        if cache is not None:
            remove_former(cache)
        settled()
        serving.start()
        host, actual_port = server.server_address[:2]
        url = browser_url(host, actual_port)
        watching = f"watching {watch.count} folders and {CONFIG_NAME}"
        print(f"serving {output} at {url} (Ctrl+C to stop); {watching}", file=log, flush=True)
        # Said from the address the socket is bound to: --bind localhost or 127.0.0.2 is this machine only.
        if not loopback(host):
            every = " (every interface)" if host in WILDCARDS else ""
            print(f"warning: listening on {host}{every}: reachable from other machines", file=log, flush=True)
        if ready is not None:
            ready(url)
        while not rebuilder.lost:
            reason, paths = watch.handler.burst(
                lambda: keep_lock() or rebuilder.reindexer.poll() or rebuilder.deleted()
            )
            if watch.sync(paths):
                paths = frozenset()  # an input folder came, went or was replaced: a full build
            rebuilder.run(reason, paths)
            settled()
    finally:
        server.stopping = True
        watch.stop()
        # After the watcher: the folders it removes beside the output are no news to it.
        rebuilder.reindexer.stop()
        if serving.is_alive():
            server.shutdown()
        remove_staging(output)
