"""Work split across processes in ranges of indexes.

The model is built once in the parent; worker processes are forked from it, so they see it
without copying or pickling anything. Each worker gets a range of indexes and returns its
results; the parent joins them in range order, so the outcome does not depend on which
worker finished first, or on how many there were. (One piece of work run beside the caller
is `pressroom.base.background`'s; what both forks share, `pressroom.base.forking`'s.)
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Generic, NoReturn, TypeVar

try:
    import fcntl
except ImportError:  # no such system has fork either
    fcntl = None  # type: ignore[assignment]

from pressroom.base.forking import (
    RemoteTraceback,
    leave_signals_to_the_parent,
    outcome_with_trace,
    pickled,
    workers_forked_with_default_signals,
)

T = TypeVar("T")

MIN_ITEMS_PER_WORKER = 150
"""Below this, forking costs more than it saves."""
SMALLEST_SHARE = 16
"""The smallest range is at most this share of one worker's part, and at most `SMALLEST_RANGE`
items: small enough that the workers end together, large enough that handing ranges out
costs nothing worth counting."""
SMALLEST_RANGE = 50
"""At 10,000 releases a sixteenth of a worker's part is 1,500 pages: two seconds of rendering."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def chunks(total: int, jobs: int) -> list[tuple[int, int]]:
    """Consecutive ranges covering ``range(total)``, largest first.

    Each range is a share of what is left (guided scheduling): the workers take the next range
    when they finish one, so with equal ranges one worker was still on its last while the
    other had nothing left (half a second of a two-worker build of 5,000 pages); the small
    ranges at the end even that out, and the large ones first keep the hand-overs few."""
    if total <= 0:
        return [(0, 0)]
    workers = max(1, jobs)
    smallest = max(1, min(total // (workers * SMALLEST_SHARE), SMALLEST_RANGE))
    ranges = []
    start = 0
    while start < total:
        size = max(smallest, -(-(total - start) // (3 * workers)))
        ranges.append((start, min(start + size, total)))
        start += size
    return ranges


def _workers(total: int, jobs: int, min_items: int | None) -> int:
    """The workers `run_ranges` forks for ``total`` items (1: none, the work runs in the caller)."""
    if not hasattr(os, "fork"):  # the same test as `Background`'s
        return 1
    # Read when called, not when defined: tests lower it to fork even for a small site.
    return max(1, min(jobs, total // (MIN_ITEMS_PER_WORKER if min_items is None else min_items)))


def forks(total: int, jobs: int, min_items: int | None = None) -> bool:
    """Whether `run_ranges` splits ``total`` items across forked workers."""
    return _workers(total, jobs, min_items) > 1


def run_ranges(
    task: Callable[[int, int], T], total: int, jobs: int, min_items: int | None = None, *, here: bool = False
) -> Iterator[T]:
    """``task(start, stop)`` over ``range(total)`` in pieces, results in order.

    With one job, fewer than ``min_items`` items per worker (slow items, such as images to
    encode, want a lower number), or no ``fork`` on this system, everything runs here.
    ``here``: the caller takes ranges too, beside one worker fewer. What a worker only reads
    of the caller's objects is shared, until it counts a reference to one: then the page it
    is on is copied, so each worker held its own copy of much of the model (two workers
    rendering a site of 1,000 releases, 20 MiB each) beside the caller's original; the caller
    at work needs no copy. Its own ranges' errors are raised at once."""
    workers = _workers(total, jobs, min_items)
    if workers <= 1:
        yield task(0, total)
        return
    yield from _Workers(task, chunks(total, workers), workers - 1 if here else workers, here=here).results()


class _Workers(Generic[T]):
    """Forked workers taking ranges from one shared pipe, each sending its results back on a
    pipe of its own.

    A plain fork and pipes, not `multiprocessing`'s pool: loading it and starting the pool's
    three threads took 15 ms of the parent's time before the first page was rendered, and the
    threads then took turns with the workers for the two processors. The ranges' numbers go
    into the shared pipe as four bytes each, written by the parent in pieces a pipe takes whole
    (most often all of them before the workers start), its writing end closed after the last: a
    worker's read of four bytes takes one whole range or, once all are taken, finds the end. A
    worker that dies (killed, out of memory) ends its pipe without the result of the range it
    had taken: an error, not a wait for ever."""

    def __init__(
        self, task: Callable[[int, int], T], ranges: list[tuple[int, int]], workers: int, *, here: bool = False
    ) -> None:
        self.task, self.ranges = task, ranges
        self.pids: list[int] = []
        self.pipes: list[int] = []
        self.taking = -1
        """The shared pipe's reading end, where the caller takes ranges too (``here``)."""
        for stream in (sys.stdout, sys.stderr):  # what the parent has not written yet is not written twice
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        taking, self.offering = os.pipe()
        os.set_blocking(self.offering, False)
        self.offered = memoryview(b"".join(index.to_bytes(RANGE_RECORD, "little") for index in range(len(ranges))))
        try:
            self._offer()
            with workers_forked_with_default_signals():
                for _ in range(workers):
                    reading, writing = os.pipe()
                    if here:  # results wait while the caller is at a range: room for them meanwhile
                        with contextlib.suppress(OSError, AttributeError):
                            fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, RESULTS_WAITING)
                    pid = os.fork()
                    if pid == 0:
                        os.close(reading)
                        self._work(taking, writing)
                    os.close(writing)
                    self.pids.append(pid)
                    self.pipes.append(reading)
            if here:
                os.set_blocking(taking, False)
                self.taking, taking = taking, -1
        except BaseException:
            self._stop()
            raise
        finally:
            if taking >= 0:
                os.close(taking)

    def _offer(self) -> None:
        """Write the ranges' numbers the shared pipe takes now; close it after the last."""
        while self.offered:
            piece = self.offered[:OFFERED_PIECE]
            try:
                os.write(self.offering, piece)  # at most PIPE_BUF bytes: written whole or not at all
            except BlockingIOError:
                return
            self.offered = self.offered[len(piece) :]
        if self.offering >= 0:
            os.close(self.offering)
            self.offering = -1

    def _work(self, taking: int, writing: int) -> NoReturn:
        """A forked worker: ranges taken and their outcomes sent until none is left; then its end,
        without the exit handlers it shares with the parent."""
        try:
            leave_signals_to_the_parent()
            for other in (*self.pipes, self.offering):
                if other >= 0:
                    os.close(other)
            with open(writing, "wb") as sending:
                while len(record := os.read(taking, RANGE_RECORD)) == RANGE_RECORD:
                    index = int.from_bytes(record, "little")
                    data = pickled(outcome_with_trace(functools.partial(self.task, *self.ranges[index])), "worker's")
                    sending.write(len(data).to_bytes(8, "little") + record + data)
                    sending.flush()
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    stream.flush()
        finally:
            os._exit(0)

    def results(self) -> Iterator[T]:
        """Each range's result, in range order; a worker's error raised here, where it belongs."""
        waiting: dict[int, tuple[bool, object, str]] = {}
        received = {pipe: bytearray() for pipe in self.pipes}
        poll = select.poll()
        for pipe in self.pipes:
            poll.register(pipe, select.POLLIN)
        if self.offering >= 0:
            poll.register(self.offering, select.POLLOUT)
        if self.taking >= 0:
            poll.register(self.taking, select.POLLIN)
        try:
            for index in range(len(self.ranges)):
                while index not in waiting:
                    if not received and self.taking < 0:
                        raise ChildProcessError("the worker processes ended before their work was done")
                    ready = poll.poll()
                    # The workers' results first (quickly read), then a range taken here.
                    for pipe, _ in sorted(ready, key=lambda event: event[0] == self.taking):
                        if pipe == self.taking:
                            if index not in waiting and not self._take_here(waiting):
                                poll.unregister(pipe)
                            continue
                        if pipe == self.offering:
                            self._offer()
                            if self.offering < 0:
                                poll.unregister(pipe)
                            continue
                        data = os.read(pipe, READ_SIZE)
                        if not data:  # the worker has ended
                            poll.unregister(pipe)
                            del received[pipe]
                            self._ended(self.pids[self.pipes.index(pipe)])
                            continue
                        waiting.update(_frames(received[pipe], data))
                done, value, trace = waiting.pop(index)
                if not done:
                    raise value from RemoteTraceback(trace)  # type: ignore[misc]
                yield value  # type: ignore[misc]
        finally:
            self._stop()

    def _take_here(self, waiting: dict[int, tuple[bool, object, str]]) -> bool:
        """Take a range from the shared pipe and do it here; False once none is left."""
        try:
            record = os.read(self.taking, RANGE_RECORD)
        except BlockingIOError:  # a worker took it first
            return True
        if len(record) != RANGE_RECORD:
            os.close(self.taking)
            self.taking = -1
            return False
        number = int.from_bytes(record, "little")
        waiting[number] = (True, self.task(*self.ranges[number]), "")
        return True

    def _ended(self, pid: int) -> None:
        """Wait for a worker whose pipe has ended; one killed on the way (by the kernel, for want
        of memory) is an error at once, not when the others have done the rest."""
        _, status = os.waitpid(pid, 0)
        self.pids[self.pids.index(pid)] = 0
        if status != 0:
            code = os.waitstatus_to_exitcode(status)
            raise ChildProcessError(f"a worker process ended with {code} before its work was done")

    def _stop(self) -> None:
        """Every worker ended and waited for (those still at work, as when the caller stops
        early, are sent SIGTERM first), every pipe closed."""
        for pipe in (*self.pipes, self.offering, self.taking):
            if pipe >= 0:
                with contextlib.suppress(OSError):
                    os.close(pipe)
        self.pipes, self.offering, self.taking = [], -1, -1
        for pid in filter(None, self.pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # one that has ended waits as a zombie: never another's
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids = []


RANGE_RECORD = 4
"""Bytes of one range's number in the shared pipe (a read this small is never split)."""
OFFERED_PIECE = 512 * RANGE_RECORD
"""Written at once into the shared pipe: within PIPE_BUF (at least 4,096 bytes by POSIX),
so never half a number."""
READ_SIZE = 1 << 20
RESULTS_WAITING = 1 << 20
"""Bytes of results a worker's pipe holds while the caller is at a range of its own (64 KiB by
default: a worker with more to send waited for it)."""


def _frames(buffer: bytearray, data: bytes) -> Iterator[tuple[int, tuple[bool, object, str]]]:
    """The outcomes completed in ``buffer`` once ``data`` is added, by range number; what is not
    yet complete stays in the buffer."""
    buffer += data
    while len(buffer) >= 12:
        size = int.from_bytes(buffer[:8], "little")
        if len(buffer) < 12 + size:
            return
        index = int.from_bytes(buffer[8:12], "little")
        outcome = pickle.loads(buffer[12 : 12 + size])
        del buffer[: 12 + size]
        yield index, outcome
