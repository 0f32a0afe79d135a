"""One piece of work run beside the caller, in a forked process of its own.

For work that waits on the file system (listing tens of thousands of folders, reading files
ahead into the system's file cache) while the caller goes on loading or rendering.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

from pressroom.base.forking import leave_signals_to_the_parent, outcome_of, pickled, workers_forked_with_default_signals

T = TypeVar("T")


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
            self._outcome = outcome_of(call)
            return
        reading, writing = os.pipe()
        try:
            with workers_forked_with_default_signals():
                pid = os.fork()
                if pid == 0:
                    # The child goes on inside the block: leaving it would give the child the
                    # caller's handlers and let a signal held since the fork through to them.
                    _send(call, writing, reading)
        except OSError:  # no process to be had (a limit reached): the work is done here, only later
            os.close(reading)
            os.close(writing)
            self._outcome = outcome_of(call)
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


def _send(call: Callable[[], object], writing: int, reading: int) -> NoReturn:
    """The forked process: the outcome of ``call`` written to the pipe, then its end, without
    the exit handlers or the buffered output it shares with the caller (written twice else).
    ``reading``: the caller's end of the pipe, closed here."""
    try:
        leave_signals_to_the_parent()
        os.close(reading)
        data = pickled(outcome_of(call), "background")
        with open(writing, "wb") as stream:
            stream.write(data)
    finally:
        os._exit(0)
