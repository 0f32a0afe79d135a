"""Whether a browser's stored copy of a file is still what the preview server would send.

Browsers keep what the server lets them (``Cache-Control: no-cache``: kept, but asked about
before each use) and, on a reload, ask with the copy's validators whether it changed:
``If-None-Match`` with its ``ETag``, ``If-Modified-Since`` with its ``Last-Modified``. A copy
still current is answered ``304 Not Modified`` with no body. A rebuild must never leave a tab
the old page: a file's tag names its inode, size and modification time to the nanosecond
(`file_validators`), a page's the digest of the very bytes sent (the reload script goes into
it as it is served, and says whether the search index is being made), so a file written again in
the same second has another tag. A date counts seconds only, so one is sent only for a file
unchanged for a whole second before the answer (HTTP calls such a date strong): a file changed
after an answer that named its date then has a later one, never the same.
"""

from __future__ import annotations

import hashlib
import math
import os
import time
from email.utils import formatdate, parsedate_to_datetime
from typing import Protocol

Headers = tuple[tuple[str, str], ...]


class Asked(Protocol):
    """A request's headers, as far as the preview server reads them."""

    def get(self, name: str) -> str | None: ...


def file_validators(facts: os.stat_result, now: float | None = None) -> Headers:
    """The strong ``ETag`` of a file whose ``os.fstat`` is ``facts`` (a rebuild that replaces
    it, a new file or a new size or time, gives another), and its ``Last-Modified`` unless it
    changed less than a second before ``now``."""
    tag = f'"{facts.st_ino:x}-{facts.st_size:x}-{facts.st_mtime_ns:x}"'
    return (("ETag", tag), *_date(facts.st_mtime, now))


def page_validators(data: bytes, modified: float, now: float | None = None) -> Headers:
    """The ``ETag`` of a page as sent (``data``: the file's bytes with what the server adds to
    them), and its ``Last-Modified``: ``modified``, the later of the file's and of the last
    change of what is added, unless less than a second before ``now``."""
    return (*content_tag(data), *_date(modified, now))


def content_tag(data: bytes) -> Headers:
    """The strong ``ETag`` of ``data``, whatever file it came from."""
    return (("ETag", f'"{hashlib.blake2b(data, digest_size=16).hexdigest()}"'),)


def not_modified(asked: Asked, headers: Headers) -> bool:
    """Whether a request's ``If-None-Match`` (or, without one, its ``If-Modified-Since``) finds
    the copy it names still current, by the validators ``headers`` of the file as it is now."""
    given = dict(headers)
    tags = asked.get("If-None-Match")
    if tags is not None:
        # Compared weakly, as HTTP has it for this header: W/"x" and "x" are one tag.
        listed = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
        return "*" in listed or given["ETag"] in listed
    since, modified = asked.get("If-Modified-Since"), given.get("Last-Modified")
    if since is None or modified is None:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):  # a date that is none: the whole file
        return False


def still_the_same(if_range: str | None, headers: Headers) -> bool:
    """Whether an ``If-Range`` header (or none) lets a part of the file whose validators are
    ``headers`` be sent: it names this file's tag, or its date exactly (a date that is not the
    file's, or a weak tag, does not)."""
    if if_range is None:
        return True
    given, validated = if_range.strip(), dict(headers)
    if given.startswith(('"', "W/")):
        return given == validated["ETag"]
    modified = validated.get("Last-Modified")
    try:
        return modified is not None and parsedate_to_datetime(given) == parsedate_to_datetime(modified)
    except (TypeError, ValueError, IndexError):
        return False


def _date(modified: float, now: float | None) -> Headers:
    second = math.floor(modified)
    if (time.time() if now is None else now) < second + 1:
        return ()
    return (("Last-Modified", formatdate(second, usegmt=True)),)
