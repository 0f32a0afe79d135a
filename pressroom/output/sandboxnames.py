"""Which attribute look-ups of a template the sandbox checks: the few that can change or reach
what a page may not, and the bounded text methods it hands out instead of Python's own."""

from __future__ import annotations

from pressroom.output.textbounds import BOUNDED_METHODS

GUARDED_NAMES = frozenset(
    {
        *BOUNDED_METHODS,  # str.format reads attributes itself, ljust pads: bounded ones are given
        "mro",
        # What changes a list, set, dict or deque (refused by the immutable sandbox): a list
        # extended by itself in a loop filled the memory, and a template changing the views it
        # is given would change the pages rendered after it.
        *("append", "appendleft", "add", "clear", "difference_update", "discard", "extend"),
        *("extendleft", "insert", "pop", "popitem", "popleft", "remove", "reverse", "rotate"),
        *("setdefault", "sort", "symmetric_difference_update", "update"),
        "fromkeys",  # a dict whose every key holds one value: weighed (`pressroom.output.nesting`)
    }
)
"""Attribute names whose look-up the sandbox checks in every case (with private names, those
of frames, code, tracebacks, generators and coroutines): any other attribute it allows on
every object, so the compiled code may look it up directly."""
INTERNAL_PREFIXES = ("_", "gi_", "cr_", "ag_", "tb_", "f_", "co_")


def is_guarded(attribute: str) -> bool:
    """Whether the sandbox checks a look-up of ``attribute`` (else the compiled code makes it directly)."""
    return attribute in GUARDED_NAMES or attribute.startswith(INTERNAL_PREFIXES)
