"""Work split across processes, and work run beside the caller: the one place that forks.

The model is built once in the parent; worker processes are forked from it, so they see it
without copying or pickling anything. Each worker gets a range of indexes and returns its
results; the parent joins them in range order, so the outcome does not depend on which
worker finished first, or on how many there were.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import os
import pickle
import select
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")

MIN_ITEMS_PER_WORKER = 150
"""Below this, forking costs more than it saves."""
SMALLEST_SHARE = 16
"""The smallest range is at most this share of one worker's part, and at most `SMALLEST_RANGE`
items: small enough that the workers end together, large enough that handing ranges out
costs nothing worth counting."""
SMALLEST_RANGE = 50
"""At 10,000 releases a sixteenth of a worker's part is 1,500 pages: two seconds of rendering."""


def read_only(items: dict) -> MappingProxyType:
    """A read-only view of ``items``: how the model's read-only mappings are pickled."""
    return MappingProxyType(items)


# Results travel back from workers pickled; the model's read-only mappings must travel too.
copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _leave_signals_to_the_parent() -> None:
    # Ctrl-C, and SIGHUP when the terminal closes, reach every process of the terminal's group:
    # the parent alone decides what to do (stop the pool, remove its staging folder, print one
    # line); a worker that raised KeyboardInterrupt would print a traceback of its own. SIGTERM
    # from the pool's own shutdown must simply end the worker, whatever handler the parent installed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


@contextlib.contextmanager
def _workers_forked_with_default_signals() -> Iterator[None]:
    """Workers forked inside this block start with Ctrl-C, SIGHUP and SIGTERM held back,
    whichever thread forks them; a worker lets them through only once its initializer has set
    their dispositions (Ctrl-C and SIGHUP ignored, SIGTERM ending it).

    Set in the worker's initializer only, a SIGTERM could arrive before it (a pool shut down
    just after it started, its work already done by the other workers): the parent's Python
    handler only notes it, the initializer then sets the default action, the note is dropped,
    and the worker waits forever for work while the pool waits for it to end. Held, it waits
    in the kernel until the default action is in place, and then ends the worker. The mask is
    the forking thread's own and a child inherits it, so this works from any thread (the
    preview server's rebuilds once forked from a timer thread, where the dispositions cannot
    be changed: every later rebuild could hang). From the main thread the dispositions are
    set for the fork as well, so a worker has them from its first instruction."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        if threading.current_thread() is not threading.main_thread():
            yield  # dispositions can only be set from the main thread: the initializer sets them
            return
        kept = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGHUP)}
        kept[signal.SIGTERM] = signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            yield
        finally:
            for number, handler in kept.items():
                signal.signal(number, handler)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


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


def run_ranges(task: Callable[[int, int], T], total: int, jobs: int, min_items: int | None = None) -> Iterator[T]:
    """``task(start, stop)`` over ``range(total)`` in pieces, results in order.

    With one job, fewer than ``min_items`` items per worker (slow items, such as images to
    encode, want a lower number), or no ``fork`` on this system, everything runs here."""
    workers = _workers(total, jobs, min_items)
    if workers <= 1:
        yield task(0, total)
        return
    yield from _Workers(task, chunks(total, workers), workers).results()


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

    def __init__(self, task: Callable[[int, int], T], ranges: list[tuple[int, int]], workers: int) -> None:
        self.task, self.ranges = task, ranges
        self.pids: list[int] = []
        self.pipes: list[int] = []
        for stream in (sys.stdout, sys.stderr):  # what the parent has not written yet is not written twice
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        taking, self.offering = os.pipe()
        os.set_blocking(self.offering, False)
        self.offered = memoryview(b"".join(index.to_bytes(RANGE_RECORD, "little") for index in range(len(ranges))))
        try:
            self._offer()
            with _workers_forked_with_default_signals():
                for _ in range(workers):
                    reading, writing = os.pipe()
                    pid = os.fork()
                    if pid == 0:
                        os.close(reading)
                        self._work(taking, writing)
                    os.close(writing)
                    self.pids.append(pid)
                    self.pipes.append(reading)
        except BaseException:
            self._stop()
            raise
        finally:
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
            _leave_signals_to_the_parent()
            for other in (*self.pipes, self.offering):
                if other >= 0:
                    os.close(other)
            with open(writing, "wb") as sending:
                while len(record := os.read(taking, RANGE_RECORD)) == RANGE_RECORD:
                    index = int.from_bytes(record, "little")
                    data = _pickled(_outcome_with_trace(functools.partial(self.task, *self.ranges[index])), "worker's")
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
        try:
            for index in range(len(self.ranges)):
                while index not in waiting:
                    if not received:
                        raise ChildProcessError("the worker processes ended before their work was done")
                    for pipe, _ in poll.poll():
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
        for pipe in (*self.pipes, self.offering):
            if pipe >= 0:
                with contextlib.suppress(OSError):
                    os.close(pipe)
        self.pipes, self.offering = [], -1
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


class Background(Generic[T]):
    """``call()`` run in a forked process while the caller goes on, its result sent back
    pickled: for work that waits on the file system (listing tens of thousands of folders). In
    a thread of this process it would wait for the interpreter's lock after every system call
    while the caller computes, and take longer than the two one after the other. A plain
    fork and pipe: `multiprocessing`, loaded for this alone, took a twentieth of a one-file
    rebuild."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._pid: int | None = None
        if not hasattr(os, "fork"):
            self._outcome = _outcome_of(call)
            return
        reading, writing = os.pipe()
        try:
            with _workers_forked_with_default_signals():
                pid = os.fork()
                if pid == 0:
                    # The child goes on inside the block: leaving it would give the child the
                    # caller's handlers and let a signal held since the fork through to them.
                    _send(call, writing, reading)
        except OSError:  # no process to be had (a limit reached): the work is done here, only later
            os.close(reading)
            os.close(writing)
            self._outcome = _outcome_of(call)
            return
        os.close(writing)
        self._pid, self._reading = pid, open(reading, "rb")  # noqa: SIM115  (closed by `result`)

    def done(self, timeout: float | None = 0) -> bool:
        """Whether `result` would not wait (its outcome sent, or the process gone), after up to ``timeout``."""
        return self._pid is None or bool(select.select([self._reading], [], [], timeout)[0])

    def result(self) -> T:
        if self._pid is not None:
            with self._reading:
                data = self._reading.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            try:
                self._outcome = pickle.loads(data)
            except (pickle.UnpicklingError, EOFError, ValueError):  # it died without a word (killed)
                code = os.waitstatus_to_exitcode(status)
                self._outcome = (False, ChildProcessError(f"background process ended with {code}"))
        done, value = self._outcome
        if not done:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """End the work unless its result was taken; the process is waited for, none is left behind."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)  # the forked process takes SIGTERM's default: it ends
            self._reading.close()
            os.waitpid(self._pid, 0)
            self._pid = None
        self._outcome = (False, ChildProcessError("background work cancelled"))


def _outcome_of(call: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, call()
    except BaseException as error:  # raised again by `Background.result`, where it belongs
        return False, error


def _outcome_with_trace(call: Callable[[], object]) -> tuple[bool, object, str]:
    """`_outcome_of`, and an error's traceback as text (a traceback does not travel), to be its
    cause where it is raised again."""
    done, value = _outcome_of(call)
    trace = "" if done else "".join(traceback.format_exception(value))  # type: ignore[arg-type]
    return done, value, trace


class RemoteTraceback(Exception):
    """Where an error raised in a worker was raised there, given as its cause."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple:
        return RemoteTraceback, self.args


def _pickled(outcome: tuple, sender: str) -> bytes:
    """``outcome`` pickled; one that cannot travel (a result or an error that does not pickle)
    as the error saying so, in the same shape."""
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        return pickle.dumps((False, ChildProcessError(f"{sender} result not sent: {error}"), *outcome[2:]))


def _send(call: Callable[[], object], writing: int, reading: int) -> NoReturn:
    """The forked process: the outcome of ``call`` written to the pipe, then its end, without
    the exit handlers or the buffered output it shares with the caller (written twice else).
    ``reading``: the caller's end of the pipe, closed here."""
    try:
        _leave_signals_to_the_parent()
        os.close(reading)
        data = _pickled(_outcome_of(call), "background")
        with open(writing, "wb") as stream:
            stream.write(data)
    finally:
        os._exit(0)
