"""Running one command so that neither an interruption nor the file system ends it in a traceback.

Ctrl-C, SIGTERM and SIGHUP (the terminal closed) unwind the program like an exception, so
every ``finally`` and ``with`` cleans up (a build's staging folder is removed, a preview's
index process ended, its lock let go), then one line says what happened and the exit code is
128 + the signal's number (130, 143, 129), as shells report it. An error of the file system
that no stage turned into a problem of its own (a folder that cannot be written, a disk that
is full) becomes ``path:0: error: reason``, exit 1. A reader that stops reading the output
(``status | head``) ends the command quietly, with 141 (128 + SIGPIPE) as shells report it.
Where a new site is put in place (`signals_held`), Ctrl-C and SIGTERM wait until it is.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator

from pressroom.base.errors import EXIT_CONTENT
from pressroom.base.text import for_terminal


class Interrupted(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, as Ctrl-C raises KeyboardInterrupt."""


def _on_signal(number: int, frame: object) -> None:
    if _holding:  # taken by another thread, whose handler runs here at once, mask or not: it waits too
        _waiting.append(number)
        return
    raise Interrupted(number) if number != signal.SIGINT else KeyboardInterrupt


def run_guarded(command: Callable[[], int], program: str = "build.py") -> int:
    """``command()``'s exit code; an interruption or an unhandled file system error as one line."""
    handlers = threading.current_thread() is threading.main_thread()
    # Started under nohup, closing the terminal must not stop the command: SIGHUP stays ignored.
    # (Ctrl-C and SIGTERM stop it however it was started, as they always did.)
    hangup_ignored = signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    stopping = [number for number in _STOPPING if not (number == signal.SIGHUP and hangup_ignored)] if handlers else []
    previous = {number: signal.signal(number, _on_signal) for number in stopping}
    if handlers:
        # A command begins in no held block: one that an exception left (a handler other than
        # ours raising in it) would keep every signal waiting.
        _holding.clear()
        _waiting.clear()
        _put_in_place.clear()
    try:
        try:
            return command()
        except BrokenPipeError:
            # Nothing is left to say to a closed pipe, not even at exit, when Python flushes stdout.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 128 + signal.SIGPIPE
        except OSError as exc:
            where = for_terminal(str(exc.filename)) if exc.filename else program
            print(f"{where}:0: error: {for_terminal(exc.strerror or str(exc))}", file=sys.stderr)
            return EXIT_CONTENT
        except RuntimeError as exc:
            # What Python before 3.13 raises for a link that leads back to itself where a path is
            # resolved (3.13 raises the OSError above): a file given to import or confirm, and
            # every place a path is resolved, ended in a traceback.
            loop = _SYMLINK_LOOP.fullmatch(str(exc))
            if loop is None:
                raise
            print(f"{for_terminal(loop.group(2))}:0: error: a link that leads back to itself", file=sys.stderr)
            return EXIT_CONTENT
    # Outside the inner handlers: a signal another thread took runs its handler here late,
    # perhaps while an error above is being told, and must still end in one line, not a traceback.
    except (KeyboardInterrupt, Interrupted) as exc:
        number = exc.args[0] if isinstance(exc, Interrupted) else signal.SIGINT
        whole = "; the new site was put in place first, whole" if _put_in_place else ""
        with contextlib.suppress(OSError):  # the terminal closed (SIGHUP): nothing to say it to
            print(f"{program}: interrupted ({signal.Signals(number).name}){whole}", file=sys.stderr)
        return 128 + number
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def signals_held(*, placing: bool = True) -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block, which puts a new site in place, is done; one
    that came meanwhile, or comes later in the run, then ends it as usual, but says that the new
    site is in place, whole (not "interrupted" alone, which promises an output left as it was). ``placing``:
    False for a block that puts nothing in place (a staging folder made): "interrupted" alone
    is then the truth.

    The signals are blocked in this thread; one that another thread takes (a preview server's,
    a pool's) runs its handler in this one at once all the same, so `run_guarded`'s handler
    keeps it waiting too."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    held = object()
    _holding.append(held)
    try:
        yield
    except BaseException:  # nothing was put in place: "interrupted" alone is the truth
        placing = False
        raise
    finally:
        # Said before the hold ends: a signal another thread took may run its handler here at any
        # moment from now on, and what follows the placing (the cache kept, the summary) is part
        # of the run too; stopped there, "interrupted" alone would promise the old output.
        if placing:
            _put_in_place.append(True)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # one blocked here is handled now: it waits too
        _holding.remove(held)
        if _waiting and not _holding:
            number = _waiting[0]
            _waiting.clear()
            _on_signal(number, None)


_STOPPING = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
"""The signals that stop a command, cleaning up: SIGHUP too, or closing the terminal of a
preview ended it on the spot and left its index process running (and a build its staging folder)."""
_SYMLINK_LOOP = re.compile(r"Symlink loop from (['\"])(.*)\1")
_holding: list[object] = []
"""One entry for each `signals_held` block the program is in."""
_waiting: list[int] = []
"""The stopping signals that came while a block held them, to be raised at its end."""
_put_in_place: list[bool] = []
"""Set when a new site was put in place (see `signals_held`), until `settled`."""


def settled() -> None:
    """Forget that a new site was put in place: a command that runs on (the preview server, after
    a rebuild) is stopped later with "interrupted" alone, as nothing it was doing changed the output."""
    _put_in_place.clear()
