"""Which part of a file a request asks the preview server for.

Browsers play video and audio, and show PDFs, by asking for parts of the file (``Range:
bytes=…``): Safari plays no video whose server answers such a request with the whole file,
and PDF viewers seek with them. One range is answered with that part (206); a range the file
does not reach with 416 and the file's size; several ranges at once, or a header this server
cannot read, with the whole file, as HTTP lets a server do. ``If-Range`` asks for the part
only if the file is still the one whose validator it gives (a download resumed after the
file was replaced gets the whole new file, never a part of it spliced onto the old one); what
tells one file from another is `conditional`'s.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from http import HTTPStatus

from pressroom.preview.conditional import Asked, Headers, file_validators, not_modified, still_the_same

_RANGE = re.compile(r"bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*", re.IGNORECASE)
_LONGEST = 18
"""Digits of a position read at most: more is no file's size, and Python would read any length."""


@dataclass(frozen=True, slots=True)
class Part:
    """The bytes ``first`` to ``last`` (both included) of a file of ``size`` bytes."""

    first: int
    last: int
    size: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1

    @property
    def content_range(self) -> str:
        return f"bytes {self.first}-{self.last}/{self.size}"


UNSATISFIABLE = "unsatisfiable"
"""A range the file does not reach (416)."""


def file_answer(status: HTTPStatus, asked: Asked, facts: os.stat_result) -> tuple[HTTPStatus, int, int, Headers]:
    """How to answer a request for a file (``status``: 200, or 404 for a language's
    not-found page, which is never sent in parts) whose ``os.fstat`` is ``facts``: the status
    (304 where the browser's copy is still the file, see `conditional`), the first byte and
    number of bytes to send, and the headers that say which."""
    validated = file_validators(facts)
    size = facts.st_size
    headers: Headers = (("Accept-Ranges", "bytes"), *validated)
    if status == HTTPStatus.OK and not_modified(asked, validated):
        return HTTPStatus.NOT_MODIFIED, 0, 0, headers
    if status != HTTPStatus.OK or not still_the_same(asked.get("If-Range"), validated):
        return status, 0, size, headers
    part = asked_part(asked.get("Range"), size)
    if part is None:
        return status, 0, size, headers
    if isinstance(part, str):
        return HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, 0, 0, (*headers, ("Content-Range", f"bytes */{size}"))
    return HTTPStatus.PARTIAL_CONTENT, part.first, part.length, (*headers, ("Content-Range", part.content_range))


def asked_part(header: str | None, size: int) -> Part | str | None:
    """The part of a file of ``size`` bytes that a ``Range`` header asks for; `UNSATISFIABLE`;
    or None for the whole file (no header, several ranges, another unit, a malformed one)."""
    if header is None:
        return None
    found = _RANGE.fullmatch(header.strip())
    if found is None:
        return None
    start, end = found.groups()
    if len(start) > _LONGEST or len(end) > _LONGEST or not (start or end):
        return None
    if not start:  # the last ``end`` bytes
        wanted = int(end)
        return Part(max(0, size - wanted), size - 1, size) if wanted and size else UNSATISFIABLE
    first = int(start)
    if end and int(end) < first:
        return None  # not a range at all: ignored
    if first >= size:
        return UNSATISFIABLE
    return Part(first, min(int(end), size - 1) if end else size - 1, size)
