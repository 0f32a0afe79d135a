"""Work split across processes, and work run beside the caller: the one place that forks.

The model is built once in the parent; worker processes are forked from it, so they see it
without copying or pickling anything. Each worker gets a range of indexes and returns its
results; the parent joins them in range order, so the outcome does not depend on which
worker finished first, or on how many there were.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import pickle
import signal
import threading
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

_task: Callable[[int, int], object] | None = None


def read_only(items: dict) -> MappingProxyType:
    """A read-only view of ``items``: how the model's read-only mappings are pickled."""
    return MappingProxyType(items)


# Results travel back from workers pickled; the model's read-only mappings must travel too.
copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


STOPPING = {signal.SIGINT, signal.SIGTERM}


def _leave_signals_to_the_parent() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone decides what to
    # do (stop the pool, remove its staging folder, print one line); a worker that raised
    # KeyboardInterrupt would print a traceback of its own. SIGTERM from the pool's own
    # shutdown must simply end the worker, whatever handler the parent installed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


@contextlib.contextmanager
def _workers_forked_with_default_signals() -> Iterator[None]:
    """Workers forked inside this block start with Ctrl-C and SIGTERM held back, whichever
    thread forks them; a worker lets them through only once its initializer has set their
    dispositions (Ctrl-C ignored, SIGTERM ending it).

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
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
        terminate = signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, interrupt)
            signal.signal(signal.SIGTERM, terminate)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _run(bounds: tuple[int, int]) -> object:
    assert _task is not None
    return _task(*bounds)


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
    global _task
    workers = _workers(total, jobs, min_items)
    if workers <= 1:
        yield task(0, total)
        return
    # Loaded when work is first split: most one-file rebuilds never split any.
    import multiprocessing

    _task = task
    try:
        context = multiprocessing.get_context("fork")
        with contextlib.ExitStack() as stack:
            with _workers_forked_with_default_signals():
                # Entered here: a Ctrl-C held during the fork, delivered as the block ends,
                # still finds the pool to be shut down.
                pool = stack.enter_context(context.Pool(workers, initializer=_leave_signals_to_the_parent))
            yield from pool.imap(_run, chunks(total, workers))  # type: ignore[misc]
    finally:
        _task = None


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
        except OSError:  # no process to be had (a limit reached): the work is done here, only later
            os.close(reading)
            os.close(writing)
            self._outcome = _outcome_of(call)
            return
        if pid == 0:
            os.close(reading)
            _send(call, writing)
        os.close(writing)
        self._pid, self._reading = pid, open(reading, "rb")  # noqa: SIM115  (closed by `result`)

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


def _send(call: Callable[[], object], writing: int) -> NoReturn:
    """The forked process: the outcome of ``call`` written to the pipe, then its end, without
    the exit handlers or the buffered output it shares with the caller (written twice else)."""
    try:
        _leave_signals_to_the_parent()
        outcome = _outcome_of(call)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # a result or an error that cannot travel
            data = pickle.dumps((False, ChildProcessError(f"background result not sent: {error}")))
        with open(writing, "wb") as stream:
            stream.write(data)
    finally:
        os._exit(0)
