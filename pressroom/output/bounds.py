"""What a template may make: the limits on its counting, arithmetic, joining and sample text.

A site's own template is code the build runs, and one expression could make the build run
until it was killed: ``{{ "x" * 10**10 }}`` (ten gigabytes of text), ``{{ 9**9**9 }}`` (a
number whose digits take hours), ``{{ lipsum(10**7) }}``, ``range(10**9)|list``; a text
doubled in a loop with ``~`` or ``+`` grows as fast. Each is bounded here, before the value is
made where its size is known beforehand, else as soon as it is made (one step past the limit
is at most twice the limit). A limit hit raises `OverflowError` naming it, which the renderer
reports at the template's line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sized
from typing import Any

from jinja2.utils import generate_lorem_ipsum
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


def _check_size(size: int, what: object, expression: str) -> None:
    if size > MAX_SIZE:
        kind = "characters" if isinstance(what, str) else "items"
        raise OverflowError(f"{expression} makes {size:,} {kind}; a template may make {MAX_SIZE:,}")


def _multiply(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:  # bool is no int here: True * 3 stays small
        _check_number(left.bit_length() + right.bit_length(), "'*'")
    elif isinstance(left, Sized) and isinstance(right, int):
        _check_size(len(left) * right, left, "'*'")
    elif isinstance(right, Sized) and isinstance(left, int):
        _check_size(len(right) * left, right, "'*'")
    return left * right


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        _check_number(right * math.log2(abs(left)), "'**'")
    return left**right


def _add(left: Any, right: Any) -> Any:
    result = left + right
    if isinstance(result, Sized) and not isinstance(result, dict):
        _check_size(len(result), result, "'+'")
    return result


BINARY: dict[str, Callable[[Any, Any], Any]] = {"*": _multiply, "**": _power, "+": _add}
"""The operators a template's code calls through the environment (``intercepted_binops``)."""


def bounded_text(text: str) -> str:
    """The text a template's ``~`` made, once it is no longer than `MAX_SIZE`."""
    _check_size(len(text), text, "'~'")
    return text
