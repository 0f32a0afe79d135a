#!/usr/bin/env python3
"""Entry point: `python build.py [command] [options]`; the engine lives in the `pressroom` package."""

import contextlib
import os
import signal
import sys
from pathlib import Path


def _stop_loading(number: int, frame: object) -> None:
    # Ctrl-C, SIGTERM or SIGHUP while the modules load (a second or so): the same one line and exit
    # code as during a build, not a traceback through the import machinery.
    print(f"build.py: interrupted ({signal.Signals(number).name})", file=sys.stderr)
    raise SystemExit(128 + number)


# Started under nohup (or by anything that ignores SIGHUP for it), closing the terminal must not
# stop the command: what it was handed for SIGHUP is kept.
_hangup = signal.SIG_IGN if signal.getsignal(signal.SIGHUP) == signal.SIG_IGN else signal.SIG_DFL
signal.signal(signal.SIGINT, _stop_loading)
signal.signal(signal.SIGTERM, _stop_loading)
if _hangup != signal.SIG_IGN:
    signal.signal(signal.SIGHUP, _stop_loading)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pressroom.base.utf8mode import in_utf8_mode  # noqa: E402  (after the handlers, which must come first)

in_utf8_mode()  # a machine whose locale is not UTF-8 read the site's file names in its own encoding

from pressroom.base import classcode, patterncode  # noqa: E402

# Before any of the engine's classes or patterns is made: their generated methods and compiled
# patterns, made in an earlier run, are taken from files beside the bytecode instead of
# compiled again (a quarter of a one-file rebuild).
kept_code = (classcode.install(), patterncode.install())

from pressroom.buildargs import builds_only, head_start  # noqa: E402

# A build (the command run most) loads only what it needs; any other command, everything.
# A build first begins hashing its inputs and listing its folder, each in a process of its
# own, while the rest of the engine loads here.
building = builds_only(sys.argv[1:])
if building:
    head = head_start(sys.argv[1:])
    from pressroom.buildcli import main
else:
    head = None
    from pressroom.cli import main

signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.signal(signal.SIGHUP, _hangup)

if __name__ == "__main__":
    if not building:
        try:
            sys.exit(main())
        finally:
            for table in kept_code:
                table.keep()
    code = main() if head is None else main(head=head)
    for table in kept_code:
        table.keep()
    # A build's model is a few hundred thousand objects; freeing them one by one as the
    # interpreter shuts down took 0.03 s of a 0.8 s one-file rebuild. Every file the build
    # wrote is closed by now and each process it started has been waited for: it ends here,
    # once its buffered output is written.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader gone (build.py | head): nothing to say it to
            stream.flush()
    os._exit(code)
