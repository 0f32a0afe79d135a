"""Files damaged at random, as a bad disk, a copy cut short or a careless tool leaves them: for
the tests that a reader of the files an editor gives ends in a message, never in a traceback."""

from __future__ import annotations

import random
from collections.abc import Sequence

SIZE_FIELDS = (bytes(4), b"\0\0\0\1", b"\xff\xff\xff\xff", b"\0\0\0\x08")
"""Four bytes that mean something as a box's size: none, a 64-bit size follows, everything, a header alone."""


def damaged(rng: random.Random, original: bytes, fields: Sequence[bytes] = ()) -> bytes:
    """``original`` with one to four changes, each at a place chosen by ``rng``: a byte
    changed, four bytes written over with one of ``fields``, bytes cut out, or the rest cut off."""
    data = bytearray(original)
    for _ in range(rng.randint(1, 4)):
        if len(data) < 16:
            break
        at = rng.randrange(len(data))
        how = rng.random()
        if how < 0.5:
            data[at] = rng.randrange(256)
        elif how < 0.7 and fields:
            data[at : at + 4] = rng.choice(fields)
        elif how < 0.9:
            del data[at : at + rng.randint(1, 40)]
        else:
            del data[at:]
    return bytes(data)
