"""What a base URL may be: every link of the site starts with it, so it is checked for what
would make those links lead elsewhere or nowhere, in ``site.yaml`` and on the command line
(``--base-url``) alike; and what a web address the site links to (a partner's, a press
contact's) must be for a reader to follow it (`is_web_address`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from pressroom.base.text import ascii_host, fits_address, link_scheme, undecoded

_BASE_URL_RULE = "write an address like https://example.org/press/ or a path like /press/"


def base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a base URL, or None. Every link of the site starts with it, so only
    ``http(s)://host/path`` and paths beginning with a single ``/`` are accepted: a
    ``javascript:`` URL would make every link a script, ``//host/`` would load the stylesheet
    from another host, and ``example.org/press`` without a scheme would make every URL relative."""
    if undecoded(url):  # given on a command line set to another encoding than UTF-8
        return f"base_url '{url}' is not UTF-8 text: set the terminal to UTF-8 and type it again"
    if any(character.isspace() or ord(character) < 0x20 or ord(character) == 0x7F for character in url):
        return f"base_url '{url}' contains spaces or control characters; {_BASE_URL_RULE}"
    # A scheme and host are the same in any case (RFC 3986): HTTPS://EXAMPLE.ORG/ is taken, written lower-case.
    if re.fullmatch(r"/(?![/\\])[^?#\\\"'<>]*|(?i:https?)://[^/?#@\\\"'<>]+(?:/[^?#\\\"'<>]*)?", url) is None:
        return f"base_url '{url}' is neither a web address nor a path; {_BASE_URL_RULE}"
    if re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return f"base_url '{url}' has a '%' that is not an escape like %20; {_BASE_URL_RULE}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it checks it: a port above 65535 raises)
    except ValueError as exc:  # an unclosed [IPv6 address, a port that is no port
        return f"base_url '{url}' is not a web address browsers can open ({exc}); {_BASE_URL_RULE}"
    if url[:4].lower() == "http" and not parts.hostname:
        return f"base_url '{url}' names no host; {_BASE_URL_RULE}"
    if parts.port == 0:
        return f"base_url '{url}' names port 0, which no browser opens; {_BASE_URL_RULE}"
    host = parts.hostname or ""
    reason = (host and (_read_two_ways(host) or host_problem(host))) or _path_problem(parts.path)
    page = parts.path.rsplit("/", 1)[-1]
    if reason is None and page.lower().endswith(_PAGE_SUFFIXES):
        # Copied from the address bar on the home page: every link was made below the page,
        # https://example.org/press/index.html/de/.
        folder = url[: len(url) - len(page)]
        reason = f"ends in the file name of a page ('{page}'): write the folder the site is served from, '{folder}'"
    return None if reason is None else f"base_url '{url}' {reason}"


_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")


_READ_TWO_WAYS = "ßς\u200c\u200d"
"""Letters a host name is turned into ASCII two ways by (IDNA 2003 and 2008: straße.de is
strasse.de or xn--strae-oqa.de): the sitemap could name another host than the pages."""


def _read_two_ways(host: str) -> str | None:
    if any(letter in _READ_TWO_WAYS for letter in host):
        return (
            f"has a letter in its host '{host}' that programs convert in two different ways, so links could"
            " lead to two hosts: write the host in its converted form (xn--…), as the domain's registrar gives it"
        )
    return None


def host_problem(host: str) -> str | None:
    """What keeps browsers from finding ``host`` (an address's host, lower-case), if anything."""
    if ":" in host:  # an IPv6 address, which urlsplit has checked
        return None
    if not all(host.removesuffix(".").split(".")):
        return f"has an empty part between the dots of its host '{host}'; {_BASE_URL_RULE}"
    try:
        ascii_host(host)
    except UnicodeError:
        parts = "parts of at most 63 letters, digits or hyphens between dots"
        return f"names no host ('{host}': {parts}); {_BASE_URL_RULE}"
    return None


def _path_problem(path: str) -> str | None:
    """What makes ``path`` (a base URL's) lead elsewhere than it says, if anything: a browser
    takes /a/../b/ for /b/, and /a//b/ is another address than /a/b/ to a web server."""
    segments = path.split("/")[1:-1] if path.endswith("/") else path.split("/")[1:]
    if any(unquote(segment) in (".", "..") for segment in segments):
        return (
            "has a '.' or '..' part in its path, which browsers drop (they read /a/../b/ as /b/):"
            " write the path it leads to"
        )
    if "" in segments:
        return "has an empty part (//) in its path, which web servers take for another address: write one '/'"
    return None


def is_web_address(url: object) -> bool:
    """Whether ``url`` is a web address a reader can follow, as a partner's link or a press
    contact's must be: ``http(s)://`` and a host with a dot, no empty part (x..org) and a port a
    browser opens (not 0, none past 65535). Read with urlsplit, not a regular expression: no
    input makes it backtrack."""
    if not isinstance(url, str) or link_scheme(url) not in ("http", "https") or not fits_address(url):
        return False
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return False
    return "." in host and url.startswith(("http://", "https://")) and host_problem(host) is None and port != 0
