"""Documents inside documents (a press kit's photos and PDFs, a PDF's attached files, a
spreadsheet embedded in a Word document): how deep they are looked into, and how much of them
is unpacked in all.

A document found inside another is published as it would be on its own, written anew, and the
documents inside it in turn. An archive that unpacks to itself (a ZIP quine) would go on for
ever; a small archive of a thousand parts that each unpack to the most one may, or of archives
of such archives, to terabytes. So documents are looked into at most `DEEPEST` deep, each
unpacked at most to `MOST_INNER` bytes, and the pictures and documents inside one offered file
at most to `MOST_UNPACKED` bytes in all: what lies beyond is copied as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEEPEST = 2
"""Documents within documents looked into at most: a press kit's PDFs and the files attached to
them, an archive in the kit and the documents in it."""
MOST_INNER = 64 << 20
"""Bytes of a document inside another unpacked at most to be written anew, held whole with what
it is written as; a larger one is copied as it is."""
MOST_UNPACKED = 1 << 30
"""Bytes unpacked at most from all the pictures and documents inside one offered file, however
deep: far beyond any press kit's photos, short of a bomb's terabytes."""


@dataclass(slots=True)
class Inside:
    """Where a document lies: how many documents deep, and what is left to unpack of those
    inside the offered file it lies in (shared by every level)."""

    depth: int = 0
    left: list[int] = field(default_factory=lambda: [MOST_UNPACKED])

    def deeper(self) -> Inside:
        """Where a document inside this one lies."""
        return Inside(self.depth + 1, self.left)

    def looked_into(self) -> bool:
        """Whether the documents inside a document here are written anew (`DEEPEST`)."""
        return self.depth < DEEPEST

    def unpack(self, size: int) -> bool:
        """Whether ``size`` more bytes may be unpacked (they are then counted), within `MOST_UNPACKED`."""
        if size > self.left[0]:
            return False
        self.left[0] -= size
        return True
