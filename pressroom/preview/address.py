"""Which addresses name the preview server: the ``Host`` a request may give (or the authority
of an absolute request target), the socket family an address to listen on takes, whether that
address is reachable only from this machine, the URL a browser opens, and the path a request
target names.

Kept apart from the HTTP handler, which asks these questions of every request, and from the
server's start, which asks them once, so that both give the same answers.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import unquote_to_bytes, urlsplit

WILDCARDS = ("0.0.0.0", "::")
"""Addresses that listen on every interface."""
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]/?#@\s]+)(?::(\d{1,5}))?")


def host_allowed(header: str | None, bind: str, port: int) -> bool:
    """Whether a ``Host`` header names this server: the address it listens on or ``localhost``,
    with its port. A server listening on every interface accepts any IP address (an address,
    unlike a name, cannot be rebound to another machine by DNS)."""
    if not header:
        return False
    found = _HOST.fullmatch(header.strip())
    if found is None:
        return False
    name, given_port = found.group(1).lower(), found.group(2)
    if (int(given_port) if given_port else 80) != port:
        return False
    bare = name.strip("[]")
    if bare in ("localhost", bind.lower().strip("[]")):
        return True
    if bind in WILDCARDS:
        try:
            ipaddress.ip_address(bare)
        except ValueError:
            return False
        return True
    return False


def absolute_target(target: str) -> tuple[str, str] | None:
    """An absolute-form request target (``http://host:port/path?query``), which HTTP/1.1
    servers must accept: its authority and the origin-form target it stands for (``/path?query``).
    None if the target is not of that form (an origin-form one, or any other scheme)."""
    if target[:7].lower() != "http://":
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.username is not None or parts.password is not None or not parts.netloc:
        return None
    path = parts.path or "/"
    return parts.netloc, path + (f"?{parts.query}" if parts.query else "")


def listening_family(bind: str, port: int) -> socket.AddressFamily:
    """The socket family to listen on ``bind`` with: IPv6 for ``::1`` or a name that resolves
    to an IPv6 address first (raises `OSError` for a name that does not resolve)."""
    found = socket.getaddrinfo(bind, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    return found[0][0]


def loopback(address: str) -> bool:
    """Whether an address a socket is bound to is reachable only from this machine:
    ``127.0.0.0/8`` and ``::1`` (an IPv4 address mapped into IPv6 included), never a wildcard."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool((mapped or ip).is_loopback)


def browser_url(host: str, port: int) -> str:
    """The URL to open for a server bound to ``host``: a wildcard address is reached at the
    loopback address of its family (browsers refuse to open ``0.0.0.0``); IPv6 in brackets."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def decode_path(target: str) -> str | None:
    """A request target's path, percent escapes decoded as UTF-8; None if it is not text.
    (The request line arrives as Latin-1 characters standing for its bytes.)"""
    try:
        return unquote_to_bytes(urlsplit(target).path.encode("latin-1")).decode("utf-8")
    except (UnicodeError, ValueError):
        return None
