"""What every process pressroom forks shares: Ctrl-C, SIGHUP and SIGTERM held back across the
fork and left to the parent, and an outcome (a value, or an error with its traceback as text)
sent back pickled, the model's read-only mappings too.

`pressroom.base.parallel` forks workers that take ranges of work, `pressroom.base.background`
a process that does one piece of work beside the caller; both fork only through
`workers_forked_with_default_signals`, so that a signal at the wrong moment neither stops
a worker before it can end cleanly nor leaves one waiting for ever.
"""

from __future__ import annotations

import contextlib
import copyreg
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from types import MappingProxyType


def read_only(items: dict) -> MappingProxyType:
    """A read-only view of ``items``: how the model's read-only mappings are pickled."""
    return MappingProxyType(items)


# Results travel back from workers pickled; the model's read-only mappings must travel too.
copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))


STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def leave_signals_to_the_parent() -> None:
    # Ctrl-C, and SIGHUP when the terminal closes, reach every process of the terminal's group:
    # the parent alone decides what to do (stop the pool, remove its staging folder, print one
    # line); a worker that raised KeyboardInterrupt would print a traceback of its own. SIGTERM
    # from the pool's own shutdown must simply end the worker, whatever handler the parent installed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


@contextlib.contextmanager
def workers_forked_with_default_signals() -> Iterator[None]:
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


def outcome_of(call: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, call()
    except BaseException as error:  # raised again by `Background.result`, where it belongs
        return False, error


def outcome_with_trace(call: Callable[[], object]) -> tuple[bool, object, str]:
    """`outcome_of`, and an error's traceback as text (a traceback does not travel), to be its
    cause where it is raised again."""
    done, value = outcome_of(call)
    trace = "" if done else "".join(traceback.format_exception(value))  # type: ignore[arg-type]
    return done, value, trace


class RemoteTraceback(Exception):
    """Where an error raised in a worker was raised there, given as its cause."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple:
        return RemoteTraceback, self.args


def pickled(outcome: tuple, sender: str) -> bytes:
    """``outcome`` pickled; one that cannot travel (a result or an error that does not pickle)
    as the error saying so, in the same shape."""
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        return pickle.dumps((False, ChildProcessError(f"{sender} result not sent: {error}"), *outcome[2:]))
