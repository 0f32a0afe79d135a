"""What a template may make: the limits on its counting, arithmetic, text and time.

A site's own template is code the build runs, and one expression could make the build run
until it was killed: ``{{ "x" * 10**10 }}`` (ten gigabytes of text), ``{{ 9**9**9 }}`` (a
number whose digits take hours), ``{{ lipsum(10**7) }}``, ``range(10**9)|list``; a text
doubled in a loop with ``~`` or ``+`` grows as fast; ``"%999999999d" % 1`` pads one number
to a gigabyte (the text methods and filters that do the like are bounded in
`pressroom.output.textbounds`). Each is bounded here, before the value is made where its size
is known beforehand, else as soon as it is made (one step past the limit is at most twice the
limit). A limit hit raises `OverflowError` naming it, which the renderer reports at the
template's line.

What no single step makes, a loop can take: two loops nested over ``range(100000)`` run for
hours. That is bounded last, by time: a page whose rendering takes more than `MAX_SECONDS` of
processor time is stopped (`time_limits`).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import re
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sized
from typing import Any

from jinja2.utils import Namespace, generate_lorem_ipsum
from markupsafe import Markup

MAX_RANGE = 100_000
"""The most numbers a template's ``range()`` gives (as in Jinja's sandbox)."""
MAX_SIZE = 10_000_000
"""The most characters of a text, or items of a list, a template's ``*``, ``+`` or ``~`` makes:
a thousand times a large page, and some 40 MB of memory at most."""
MAX_DIGITS = 10_000
"""The most digits of a number a template's ``*`` or ``**`` makes (Python itself prints
numbers of up to 4,300 digits)."""
MAX_LIPSUM = 100
"""The most paragraphs of ``lipsum()``, and ten times that the most words of one."""
MAX_SECONDS = 30
"""The most processor time, in seconds, the rendering of one page may take: a last resort for
what no other limit catches (loops nested over large ranges), far above what any page takes
(milliseconds). Processor time, not the clock's: a busy machine or a build paused with Ctrl+Z
fails no page."""

_BITS_PER_DIGIT = math.log2(10)


def bounded_range(*args: int) -> range:
    """``range`` for templates: ``range(10**9)|list`` filled the memory until the build was killed."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise OverflowError(f"range() of {len(numbers):,} numbers; a template may count to {MAX_RANGE:,}")
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Markup | str:
    """Jinja's ``lipsum()`` with at most `MAX_LIPSUM` paragraphs of at most ten times as many words."""
    if n > MAX_LIPSUM or max > 10 * MAX_LIPSUM:
        raise OverflowError(
            f"lipsum() of {n:,} paragraphs of up to {max:,} words; a template may ask for "
            f"{MAX_LIPSUM:,} paragraphs of {10 * MAX_LIPSUM:,} words"
        )
    return generate_lorem_ipsum(n, html, min, max)  # type: ignore[no-any-return]


def _digits(bits: float) -> int:
    return int(bits / _BITS_PER_DIGIT) + 1


def _check_number(bits: float, expression: str) -> None:
    if bits > MAX_DIGITS * _BITS_PER_DIGIT:
        raise OverflowError(
            f"{expression} makes a number of about {_digits(bits):,} digits; a template may make {MAX_DIGITS:,}"
        )


def check_size(size: int, what: object, expression: str, exact: bool = True) -> None:
    """An `OverflowError` if ``size`` (of something like ``what``) is past `MAX_SIZE`; one that
    is not ``exact`` is the most the expression would make."""
    if size > MAX_SIZE:
        kind = "characters" if isinstance(what, str) else "bytes" if isinstance(what, (bytes, bytearray)) else "items"
        makes = "makes" if exact else "would make up to"
        raise OverflowError(f"{expression} {makes} {size:,} {kind}; a template may make {MAX_SIZE:,}")


def _multiply(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:  # bool is no int here: True * 3 stays small
        _check_number(left.bit_length() + right.bit_length(), "'*'")
    elif isinstance(left, Sized) and isinstance(right, int):
        check_size(len(left) * right, left, "'*'")
    elif isinstance(right, Sized) and isinstance(left, int):
        check_size(len(right) * left, right, "'*'")
    return left * right


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        _check_number(right * math.log2(abs(left)), "'**'")
    return left**right


def _add(left: Any, right: Any) -> Any:
    result = left + right
    if isinstance(result, Sized) and not isinstance(result, dict):
        check_size(len(result), result, "'+'")
    return result


def bounded_modulo(left: Any, right: Any) -> Any:
    """``left % right``, a text formatted so only once what it makes fits `MAX_SIZE` (a template's
    ``%``, and a translation given its values)."""
    if isinstance(left, (str, bytes)):
        check_size(printf_size(left, right), left, "'%'", exact=False)
    return left % right


BINARY: dict[str, Callable[[Any, Any], Any]] = {"*": _multiply, "**": _power, "+": _add, "%": bounded_modulo}
"""The operators a template's code calls through the environment (``intercepted_binops``)."""


def bounded_text(text: str) -> str:
    """The text a template's ``~`` made, once it is no longer than `MAX_SIZE`."""
    check_size(len(text), text, "'~'")
    return text


# --- The size of a text not yet made --------------------------------------------------------


def text_size(value: object, quoted: bool = False, indent: int = 0) -> int:
    """At least the length of ``str(value)`` (``repr(value)`` if ``quoted``), found without
    making it, counted no further than just past `MAX_SIZE`.

    A list, mapping or namespace is walked: one that holds itself twice, doubled in a loop,
    is small and cheap to make, but its text spells out every copy. ``indent``: the
    characters each level of them is indented by on a line of its own (``tojson(indent=…)``)."""
    if isinstance(value, str):
        return _quoted(value) if quoted else len(value)
    if not isinstance(value, CONTAINERS):
        return _leaf(value, quoted)
    size = 0
    levels: list[Iterator[Any]] = [iter((value,))]
    while levels and size <= MAX_SIZE:
        item = next(levels[-1], _levels_end)
        if item is _levels_end:
            levels.pop()
            continue
        size += (1 + indent * len(levels)) if indent else 0
        if isinstance(item, dict):
            size += 2 + 4 * len(item)
            levels.append(itertools.chain.from_iterable(item.items()))
        elif isinstance(item, Namespace):
            size += 14
            levels.append(iter((object.__getattribute__(item, "_Namespace__attrs"),)))
        elif isinstance(item, CONTAINERS):
            size += 16 + 2 * len(item)
            levels.append(iter(item))
        else:
            size += _leaf(item, True)
    return size


CONTAINERS = (list, tuple, dict, set, frozenset, Namespace, type({}.keys()), type({}.values()), type({}.items()))
"""What `text_size` walks: what a template can make that holds other values."""
_levels_end = object()


def _quoted(text: str) -> int:
    if text.isprintable():
        return len(text) + text.count("\\") + text.count("'") + 2
    return 10 * len(text) + 2  # \U0001f600


def _leaf(value: object, quoted: bool) -> int:
    if isinstance(value, str):
        return _quoted(value) if quoted else len(value)
    if isinstance(value, (bytes, bytearray)):
        return 4 * len(value) + 14
    if value is None or isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 3
    if isinstance(value, (float, complex)):
        return 50
    return len(repr(value) if quoted else str(value))


# --- printf-style formatting (``%``) and format specifications ------------------------------


def printf_size(template: str | bytes, args: object) -> int:
    """The most ``template % args`` makes: the template, each field's width and precision, and
    the text of the value it takes."""
    escaped = 5 if isinstance(template, Markup) else 1  # each value escaped: "&#34;" for '"'
    shown = template if isinstance(template, str) else template.decode("latin-1")
    size = len(template)
    given = args if isinstance(args, tuple) else (args,)
    index = 0
    for key, width, precision, kind in _printf_fields(shown):
        for number in (width, precision):
            if number == _STAR:
                star = given[index] if index < len(given) else 0
                size += abs(star) if isinstance(star, int) else 0
                index += 1
            else:
                size += number
        if kind == "%":
            continue
        if key is not None:
            value = args.get(key) if isinstance(args, Mapping) else None
        else:
            value = given[index] if index < len(given) else None
            index += 1
        size += escaped * _printed(value, kind)
        if size > MAX_SIZE:
            break
    return size


_STAR = -1
_DIGITS = frozenset("0123456789")


@functools.lru_cache(maxsize=256)
def _printf_fields(template: str) -> tuple[tuple[str | None, int, int, str], ...]:
    """Each ``%`` field of ``template``: its key, width, precision (`_STAR` for ``*``) and
    conversion, read as Python reads them."""
    fields = []
    end = len(template)
    at = template.find("%")
    while 0 <= at < end - 1:
        i = at + 1
        key = None
        if template[i] == "(":
            depth, i = 1, i + 1
            while i < end and depth:
                depth += {"(": 1, ")": -1}.get(template[i], 0)
                i += 1
            key = template[at + 2 : i - 1]
        while i < end and template[i] in "-+ #0":
            i += 1
        width, i = _field_number(template, i)
        precision = 0
        if template.startswith(".", i):
            precision, i = _field_number(template, i + 1)
        while i < end and template[i] in "hlL":
            i += 1
        fields.append((key, width, precision, template[i : i + 1]))
        at = template.find("%", i + 1)
    return tuple(fields)


def _field_number(template: str, i: int) -> tuple[int, int]:
    if template.startswith("*", i):
        return _STAR, i + 1
    j = i
    while j < len(template) and template[j] in _DIGITS:
        j += 1
    return _number(template[i:j]), j


def _number(digits: str) -> int:
    if not digits:
        return 0
    return int(digits) if len(digits) < 12 else 10**12  # far past the limit, and Python's (2**31)


def _printed(value: object, kind: str) -> int:
    if kind == "c":
        return 1
    if kind in "sr":
        return text_size(value, quoted=kind == "r")
    if kind == "a":
        return 10 * text_size(value, quoted=True)
    if kind and kind in "diouxXeEfFgG":
        return value.bit_length() // 3 + 3 if isinstance(value, int) else 320  # 1e308 with "%f"
    return 0  # not a conversion: Python refuses it


def spec_size(spec: str) -> int:
    """The width and precision of a ``str.format`` field's specification (``>{width}.{precision}f``)."""
    found = _SPEC.match(spec)
    return sum(_number(digits) for digits in found.groups() if digits) if found else 0


_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?([0-9]*)[_,]?(?:\.([0-9]*))?", re.S)


# --- Time -----------------------------------------------------------------------------------


class TimeLimit(BaseException):
    """Raised into a template whose page took more than `MAX_SECONDS`. Like `KeyboardInterrupt`,
    no `Exception`: it may arrive anywhere, inside code of Jinja's or a filter's that answers
    ``except Exception`` too, and must reach the renderer, which reports it."""


@contextlib.contextmanager
def time_limits() -> Iterator[Callable[[float], None]]:
    """``limit(seconds)``, within the block: from now, the processor time the page being
    rendered may take (0: none), after which `TimeLimit` is raised into it.

    A timer of the process's processor time (``ITIMER_PROF``) and its signal: one system call
    a page, and nothing in the templates' code. Python handles signals in the main thread
    only, where every build renders (forked workers, the parent, the preview server's
    rebuilds); in another thread, or where something else handles ``SIGPROF`` (a profiler),
    ``limit`` does nothing."""
    if (
        threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
        or signal.getsignal(signal.SIGPROF) is not signal.SIG_DFL
    ):
        yield _no_limit
        return
    clock = _Clock()
    previous = signal.signal(signal.SIGPROF, clock.expired)
    try:
        yield clock.limit
    finally:
        clock.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


class _Clock:
    armed = False

    def limit(self, seconds: float) -> None:
        # ``limit(0)`` only disarms: the timer may run on (the next page sets it again, the
        # block's end stops it), one system call a page instead of two, and when it expires
        # between pages, in the engine's code, nothing is raised.
        self.armed = seconds > 0
        if seconds > 0:
            signal.setitimer(signal.ITIMER_PROF, seconds)

    def expired(self, number: int, frame: object) -> None:
        if self.armed:
            self.armed = False
            raise TimeLimit


def _no_limit(seconds: float) -> None:
    pass
