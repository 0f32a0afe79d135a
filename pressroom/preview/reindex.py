"""The preview's search index, made again behind its rebuilds.

A rebuild carries the index of the pages before it over; the index of the pages it wrote is
then made in a process of its own (`Background`) while the server goes on. Made in the thread
that rebuilds, it held up the next edit: at 2,000 releases an index takes 5 to 10 seconds and
rebuilding the pages an edit shows on a few hundredths, and an edit saved meanwhile waited
for the index before it was built.

One index is made at a time, of the pages as they are when it starts. A finished one is put in
place by the thread that rebuilds, between rebuilds, so that no rebuild writes meanwhile, and
only if no build came since it started: else it is dropped and the next is made for the newest
build. The index in place is so only ever replaced by the newest build's, and open search pages
reload exactly then (`BuildState.index_done`): a search page reads the list of the index's
files once, and an index swapped under it without a reload leaves it asking for files gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from pressroom.base.background import Background
from pressroom.base.errors import BuildFailed
from pressroom.base.guard import Interrupted, settled
from pressroom.base.parallel import default_jobs
from pressroom.base.text import for_terminal
from pressroom.output.folder import MARKER, UnsafeOutput, not_ours
from pressroom.output.inplace import Record, replace_pages
from pressroom.output.search import index_site
from pressroom.preview.lock import lock_file
from pressroom.preview.state import BuildState

NOT_UPDATED = "the search index could not be updated: searches still find what the pages said before this change"
"""Said when an index could not be made, before the reason."""


class Reindexer:
    """The search index of the newest build, made behind the rebuilds and put in place between them."""

    def __init__(
        self,
        output: Path,
        state: BuildState,
        say: Callable[..., None],
        lose: Callable[[], object],
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.output = output
        self.state = state
        self.say = say
        """Prints lines to the terminal."""
        self.lose = lose
        """Called when the output folder turns out not to be ours any more."""
        self.wake = wake
        """Called, from another thread, as soon as an index is made."""
        self.wanted = 0
        """The build whose index is wanted: the newest that succeeded."""
        self.cache: Path | None = None
        self.record: Record | None = None
        """What the marker records with the wanted build's index (see `BuildResult.record`)."""
        self.running: tuple[int, Path, Background[float]] | None = None
        """The build being indexed, the folder its index is made in, and the work."""

    def want(self, generation: int, cache: Path | None, record: Record | None = None) -> None:
        """Build ``generation`` is in place: its index is made as soon as none is being made.
        ``record``: that build's record, written into the marker with the index."""
        self.wanted, self.cache, self.record = generation, cache, record
        self.poll()

    def poll(self) -> None:
        """Put an index made meanwhile in place; start the next, if a newer build wants one."""
        if self.running is not None:
            generation, bundle, work = self.running
            if not work.done():
                return
            self.running = None
            try:
                self._finish(generation, bundle, work)
            finally:
                shutil.rmtree(bundle, ignore_errors=True)
                settled()  # an interruption from now on found nothing being put in place
        if self.wanted > self.state.snapshot().indexed and os.path.isfile(self.output / MARKER):
            self._start()

    def stop(self) -> None:
        """End an index being made (the server stops): its process and its folders go."""
        if self.running is not None:
            _, bundle, work = self.running
            self.running = None
            work.cancel()
            shutil.rmtree(bundle, ignore_errors=True)

    def _start(self) -> None:
        output, cache, generation = self.output, self.cache, self.wanted
        server = os.getpid()
        bundle = None
        try:
            bundle = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
            work = Background(lambda: _index(output, bundle, cache, forked=os.getpid() != server))
        except OSError as exc:  # a full disk, no descriptors left: said once, not tried each second
            if bundle is not None:
                shutil.rmtree(bundle, ignore_errors=True)
            self._not_made(generation, exc.strerror or str(exc))
            return
        self.running = (generation, bundle, work)
        threading.Thread(target=self._wake_when_done, args=(work,), daemon=True).start()

    def _not_made(self, generation: int, told: str) -> None:
        self.say(f"{NOT_UPDATED} ({for_terminal(told)})")
        self.state.index_done(generation)

    def _wake_when_done(self, work: Background[float]) -> None:
        with contextlib.suppress(ValueError, OSError):  # stopped meanwhile: its pipe is closed
            work.done(None)
            self.wake()

    def _finish(self, generation: int, bundle: Path, work: Background[float]) -> None:
        newest = generation == self.wanted
        try:
            try:
                work.result()
            except Interrupted:  # raised in the index's own process, stopped by someone: not this one's
                raise ChildProcessError("its process was stopped") from None
            if not newest:
                return  # the newest build's index follows
            # Still this tool's folder, still there (else the build that follows makes it again).
            if not_ours(self.output):
                self.lose()
                return
            if not os.path.isfile(self.output / MARKER):
                return
            # The first build's pages with their index are that build whole: the next start skips it.
            replace_pages(self.output, [], self.record, bundle=bundle)
        except BuildFailed as failed:
            if newest:
                lines = [problem.format() for problem in failed.problems.sorted()]
                self.say(NOT_UPDATED, *lines)
        except UnsafeOutput:
            self.lose()
            return
        except Exception as exc:
            # Pages replaced while they were read (a full rebuild: the newer build's index
            # follows), its process ended, or a bug: the preview goes on serving, and says so.
            if not newest:
                return
            self._not_made(generation, str(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}")
            return
        self.state.index_done(generation)


def _index(output: Path, bundle: Path, cache: Path | None, *, forked: bool) -> float:
    """The index of the pages in ``output``, into ``bundle``. ``forked``: in a process of its
    own, as it is unless none could be made (a limit reached, no ``fork``): then made here, in
    the server's own process, whose sockets, lock, signal handlers and priority stay as they are.
    In its own process SIGTERM (`Reindexer.stop`) unwinds it, so that Pagefind's runs end and
    its staging folders go."""
    if forked:
        signal.signal(signal.SIGTERM, _interrupted)
        _let_go_of_the_server(lock_file(output))
        with contextlib.suppress(OSError):
            os.nice(5)  # the rebuilds of the next edits come first
    return index_site(output, default_jobs(), bundle=bundle, cache=cache)


def _let_go_of_the_server(lock: Path) -> None:
    """Close the forked process's copies of the server's sockets and of its lock: a server
    killed outright (SIGKILL) while an index was made left its port and its output folder
    taken until the index was done, and a preview started again was refused."""
    try:
        names = os.listdir("/dev/fd")
    except OSError:
        return
    try:
        held = os.stat(lock)
        locked = (held.st_dev, held.st_ino)
    except OSError:
        locked = None
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            descriptor = int(name)
            facts = os.fstat(descriptor)
            if stat.S_ISSOCK(facts.st_mode) or (facts.st_dev, facts.st_ino) == locked:
                os.close(descriptor)


def _interrupted(number: int, frame: object) -> None:
    raise Interrupted(number)
