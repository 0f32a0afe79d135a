"""Python's UTF-8 mode for the command line, whatever the machine's locale.

Outside it, Python reads file names, arguments and what other programs print in the locale's
encoding: on a machine set to a Latin-1 or EUC-JP locale (``LANG=de_DE``, ``ja_JP.eucJP``), or
with ``PYTHONUTF8=0`` in the C locale, a checkout whose files are named ``Übersee.md`` or
``がっこう.md`` was refused name by name ("the name is not UTF-8"), and Pagefind's report
ended the build in a traceback. The site's files are UTF-8 on every machine, and so is what
the tool writes; the mode can only be chosen as the interpreter starts, so the command starts
it again in it.
"""

from __future__ import annotations

import codecs
import contextlib
import locale
import os
import sys


def in_utf8_mode() -> None:
    """Run this command again in Python's UTF-8 mode, in this same process, unless it is
    already in it or the locale is UTF-8 anyway. For entry points only: it replaces the
    program, tests that call the commands included."""
    if sys.flags.utf8_mode or codecs.lookup(locale.getpreferredencoding(False)).name == "utf-8":
        return
    # Windows reads file names as Unicode whatever its code page, and its execv starts a new
    # process and ends this one: the console would get its prompt back while the build runs.
    if os.name != "posix":
        return
    # `-X utf8=0` asked for, by hand: not started again and again.
    if "utf8" in sys._xoptions or not sys.executable:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    with contextlib.suppress(OSError):  # the interpreter cannot be started again: on as we are
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
