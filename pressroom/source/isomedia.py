"""Where a video's or a sound recording's metadata lies in its ISO media file (MP4, MOV, M4A,
3GP), so that a download is published without it.

A phone writes where a video was filmed into its file (Apple's ``©xyz`` and the location key of
a ``meta`` box, 3GPP's ``loci``, XMP), beside the camera's make and the program's; an action
camera or a dash camera records its course as a track of timed metadata (GoPro's GPMF,
Google's ``camm``). Those boxes (``udta``, ``meta``, XMP's ``uuid``, a ``trak`` whose handler
is ``meta``) are published as ``free`` boxes of the same size with their bytes zeroed, and a
metadata track's samples in the media data are zeroed too: every offset the other tracks'
sample tables hold stays right, and players play the file as before.

Only box headers, and a metadata track's sample tables, are read: a video of gigabytes is never
read whole. A file whose boxes do not add up (cut short, damaged) is refused, as is a metadata
track in a fragmented file or a compressed movie box, whose samples or boxes are not found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

TOP_LEVEL = frozenset((b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"))
"""The boxes an ISO media file begins with: ``ftyp``, or, in an older QuickTime movie, another."""
_DESCRIBING = frozenset((b"udta", b"meta"))
"""User data and metadata, at the file's top, in the movie box or in a track: no player needs them."""
_XMP = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
"""The ``uuid`` of an XMP packet."""
_TIMED_METADATA = frozenset((b"meta", b"camm"))
"""Handler types of tracks that record metadata over time (a GPS course)."""
_FREE = b"free"
_MOST_ENTRIES = 1_000_000
"""Entries a metadata track's table may hold: a sample a frame for hours (Apple's, at 30 frames a
second for an hour, are 108,000); a crafted file's millions would be held in memory, and blanked."""
_PIECE = 1 << 16
"""Bytes of a sample table read at a time."""


class IsoMediaError(ValueError):
    """Why the metadata of an ISO media file cannot be taken out; said after the file's name."""


@dataclass(frozen=True, slots=True)
class Blanked:
    """Bytes of a file published otherwise: ``header`` at ``offset`` (a box's size as it was and
    ``free``; nothing for a metadata track's samples), then zeros up to ``offset + length``."""

    offset: int
    length: int
    header: bytes = b""


def is_iso_media(head: bytes) -> bool:
    """Whether a file beginning with ``head`` (at least 8 bytes) is an ISO media file."""
    return head[4:8] in TOP_LEVEL


def metadata_blanks(path: Path) -> tuple[Blanked, ...]:
    """What of the ISO media file ``path`` is published blanked, in the order of the file;
    `IsoMediaError` where it cannot be told."""
    with open(path, "rb") as file:
        size = file.seek(0, 2)
        reader = _Reader(file, size)
        blanks: list[Blanked] = []
        fragmented = timed = False
        for kind, at, header, length in reader.boxes(0, size):
            if kind == b"moov":
                in_fragments, has_track = reader.movie(at + header, at + length, blanks)
                fragmented, timed = fragmented or in_fragments, timed or has_track
            elif kind == b"moof":
                fragmented = True
            elif kind in _DESCRIBING or reader.is_xmp(kind, at, header, length):
                blanks.append(_box(reader, at, header, length))
        if fragmented and timed:
            raise IsoMediaError("records a track of metadata over time (a camera's GPS course) in fragments")
    return tuple(sorted(blanks, key=lambda blank: blank.offset))


def _box(reader: _Reader, at: int, header: int, length: int) -> Blanked:
    """A box published as ``free``: its own size field (4 bytes, or 16 with a 64-bit size) kept."""
    own = reader.read(at, header)
    return Blanked(at, length, own[:4] + _FREE + own[8:])


class _Reader:
    """Reads the boxes of one open file, checking that each lies within its container."""

    def __init__(self, file: BinaryIO, size: int) -> None:
        self.file = file
        self.size = size

    def read(self, at: int, count: int) -> bytes:
        self.file.seek(at)
        data = self.file.read(count)
        if len(data) != count:
            raise IsoMediaError(f"is cut short at byte {self.size:,}")
        return data

    def is_xmp(self, kind: bytes, at: int, header: int, length: int) -> bool:
        """Whether the box at ``at`` is an XMP packet (a ``uuid`` box of XMP's own)."""
        return kind == b"uuid" and length - header >= 16 and self.read(at + header, 16) == _XMP

    def boxes(self, start: int, end: int) -> Iterator[tuple[bytes, int, int, int]]:
        """Each box from ``start`` to ``end``: its type, offset, header's and whole length."""
        at = start
        while at < end:
            if end - at < 8:
                # QuickTime may end a list of boxes with a 32-bit zero
                if self.read(at, end - at).strip(b"\0"):
                    raise IsoMediaError(f"is damaged at byte {at:,}")
                return
            head = self.read(at, 8)
            length, kind, header = int.from_bytes(head[:4], "big"), head[4:8], 8
            if length == 1:
                if end - at < 16:
                    raise IsoMediaError(f"is damaged at byte {at:,}")
                length, header = int.from_bytes(self.read(at + 8, 8), "big"), 16
            elif length == 0:  # the box runs to the end of what holds it
                length = end - at
            if length < header or at + length > end:
                raise IsoMediaError(
                    f"is cut short or damaged: its box at byte {at:,} runs past the end"
                    if at + length > end
                    else f"is damaged at byte {at:,}"
                )
            yield kind, at, header, length
            at += length

    def movie(self, start: int, end: int, blanks: list[Blanked]) -> tuple[bool, bool]:
        """Blanks in the movie box (``moov``): whether the file is fragmented, and whether it
        has a track of timed metadata."""
        fragmented = timed = False
        for kind, at, header, length in self.boxes(start, end):
            if kind == b"cmov":
                raise IsoMediaError("has a compressed movie box")
            if kind == b"mvex":
                fragmented = True
            elif kind == b"trak":
                if self._handler(at + header, at + length) in _TIMED_METADATA:
                    timed = True
                    blanks.append(_box(self, at, header, length))
                    blanks.extend(self._samples(at + header, at + length))
                else:
                    blanks.extend(
                        _box(self, inner, inner_header, inner_length)
                        for kind, inner, inner_header, inner_length in self.boxes(at + header, at + length)
                        if kind in _DESCRIBING
                    )
            elif kind in _DESCRIBING or self.is_xmp(kind, at, header, length):
                blanks.append(_box(self, at, header, length))
        return fragmented, timed

    def _find(self, start: int, end: int, *path: bytes) -> tuple[int, int] | None:
        """The content (from, to) of the box at ``path`` below the box content ``start:end``."""
        for kind, at, header, length in self.boxes(start, end):
            if kind == path[0]:
                inner = (at + header, at + length)
                return inner if len(path) == 1 else self._find(*inner, *path[1:])
        return None

    def _handler(self, start: int, end: int) -> bytes:
        """A track's handler type (``vide``, ``soun``, ``meta``…), from its ``mdia/hdlr``."""
        found = self._find(start, end, b"mdia", b"hdlr")
        if found is None or found[1] - found[0] < 12:
            return b""
        return self.read(found[0] + 8, 4)  # after version, flags and the component type

    def _samples(self, start: int, end: int) -> Iterator[Blanked]:
        """Where the samples of the track ``start:end`` lie in the file, chunk by chunk."""
        table = self._find(start, end, b"mdia", b"minf", b"stbl")
        if table is None:
            return
        offsets = self._chunk_offsets(*table)
        sizes = self._sample_sizes(*table)
        runs = self._table(self._find(*table, b"stsc"), 12)
        counts = [(int.from_bytes(run[:4], "big"), int.from_bytes(run[4:8], "big")) for run in runs]
        sample = run = per_chunk = 0
        for chunk, offset in enumerate(offsets, start=1):
            while run < len(counts) and counts[run][0] <= chunk:  # runs name their first chunks in order
                per_chunk = counts[run][1]
                run += 1
            length = sum(sizes[sample : sample + per_chunk]) if isinstance(sizes, list) else sizes * per_chunk
            sample += per_chunk
            if offset + length > self.size:
                raise IsoMediaError(f"is cut short: a metadata sample at byte {offset:,} runs past the end")
            if length:
                yield Blanked(offset, length)

    def _chunk_offsets(self, start: int, end: int) -> list[int]:
        for kind, width in ((b"stco", 4), (b"co64", 8)):
            if (found := self._find(start, end, kind)) is not None:
                return [int.from_bytes(entry, "big") for entry in self._table(found, width)]
        return []

    def _sample_sizes(self, start: int, end: int) -> list[int] | int:
        """Each sample's size, or the one size every sample has."""
        found = self._find(start, end, b"stsz")
        if found is None:
            raise IsoMediaError("has a metadata track whose sample sizes pressroom cannot read")
        uniform = int.from_bytes(self.read(found[0] + 4, 4), "big")
        if uniform:
            return uniform
        return [int.from_bytes(entry, "big") for entry in self._table(found, 4, skip=4)]

    def _table(self, found: tuple[int, int] | None, width: int, skip: int = 0) -> list[bytes]:
        """The entries of the full box whose content is ``found`` (start, end; None: no such box):
        version and flags, ``skip`` bytes, a count, then entries of ``width`` bytes, the count
        checked against the box's length."""
        if found is None:
            return []
        start, end = found
        count = int.from_bytes(self.read(start + 4 + skip, 4), "big")
        first = start + 8 + skip
        if count * width > end - first:
            raise IsoMediaError(f"is damaged: its table at byte {start:,} has more entries than bytes")
        if count > _MOST_ENTRIES:
            raise IsoMediaError(f"has a metadata track of {count:,} entries at byte {start:,}, more than cameras write")
        stop = first + count * width
        data = b"".join(self.read(at, min(_PIECE, stop - at)) for at in range(first, stop, _PIECE))
        return [data[at : at + width] for at in range(0, len(data), width)]
