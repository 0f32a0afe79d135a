"""``formerly:``: a version's earlier addresses, as far as the text alone tells what they are.

An editor who renames a release has the old address at hand in one of a few forms: the old
slug alone, the address as the browser showed it (``https://host/de/releases/2024/x/``, with
or without ``index.html``, percent-escaped where the browser copied it so), or its path. Each
is read here into a `FormerAddress`; whether it is this site's, of the version's language and
kind, and no page's now is `pressroom.model.redirects`' business, which knows ``base_url`` and
every page's address.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from pressroom.base.errors import Problems
from pressroom.base.text import for_terminal, shows_anything
from pressroom.source.slugs import slug_problem
from pressroom.source.yamlload import YamlList, YamlMap

FORMERLY = "formerly"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INDEX = "index.html"
_HOST = re.compile(r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+(?::\d+)?")
"""A host name with at least one dot (and a port): not '..', which began a relative path and
was told to be a host."""


@dataclass(frozen=True, slots=True)
class FormerAddress:
    """One earlier address of a version, as written."""

    written: str
    """As the editor wrote it, for messages."""
    line: int
    slug: str = ""
    """An old slug alone: the version's language and (a release's) year are kept."""
    host: str = ""
    """``host`` or ``host:port``, in lower case, where the address names one."""
    path: str = ""
    """The address's path, decoded, ending in ``/`` (``index.html`` left off); empty for a slug."""


def formerly_field(data: YamlMap, path: str, problems: Problems) -> tuple[FormerAddress, ...]:
    """The earlier addresses ``formerly:`` gives (one, or a list); each mistake at its line."""
    if FORMERLY not in data:
        return ()
    value: Any = data[FORMERLY]
    line = data.line_of(FORMERLY)
    if value is None or (isinstance(value, list) and not value):
        problems.error(path, line, f"{FORMERLY}: is empty; give the earlier address or slug, or remove the line")
        return ()
    items = (
        [(item, value.line_of(i)) for i, item in enumerate(value)] if isinstance(value, YamlList) else [(value, line)]
    )
    found = []
    for item, item_line in items:
        if not isinstance(item, str):
            problems.error(
                path,
                item_line,
                f"{FORMERLY}: expected an earlier address (/de/releases/2024/x/) or slug, one or a list of them",
            )
            continue
        former = _read(item, item_line, path, problems)
        if former is not None:
            found.append(former)
    return tuple(found)


def _read(text: str, line: int, path: str, problems: Problems) -> FormerAddress | None:
    written = for_terminal(text.strip())

    def wrong(message: str) -> None:
        problems.error(path, line, f"{FORMERLY}: '{written}' {message}")

    text = text.strip()
    if not shows_anything(text):
        problems.error(path, line, f"{FORMERLY}: an empty entry; give the earlier address or slug")
        return None
    if any(character.isspace() for character in text):
        wrong("holds a space, which no address of the site has")
        return None
    if "/" not in text and not _SCHEME.match(text):
        problem = slug_problem(text, f"{FORMERLY}: the slug")
        if problem is not None:
            problems.error(path, line, problem)
            return None
        return FormerAddress(written, line, slug=text)
    host = ""
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        if not parts.hostname or "@" in parts.netloc:
            wrong("is not an address of this site")
            return None
        host, address = parts.netloc.lower(), parts.path or "/"
    elif text.startswith("//") or _SCHEME.match(text):
        wrong("is not an address of this site: write it as the browser shows it (https://…), or its path (/de/…)")
        return None
    elif text.startswith("/"):
        address = urlsplit(text).path
    elif _HOST.fullmatch(text.split("/", 1)[0]):  # the host as a browser's address bar shows it, without https://
        first, _, rest = text.partition("/")
        host, address = first.lower(), urlsplit("/" + rest).path
    else:
        wrong(
            "is neither an old slug nor a whole address: copy the address from the browser (https://…),"
            " or write the old slug alone"
        )
        return None
    try:
        address = unicodedata.normalize("NFC", unquote(address, errors="strict"))
    except UnicodeDecodeError:
        wrong("holds %-escapes that are no UTF-8 text: copy the address from the browser again")
        return None
    if address.endswith("/" + _INDEX):
        address = address.removesuffix(_INDEX)
    return FormerAddress(written, line, host=host, path=address if address.endswith("/") else address + "/")
