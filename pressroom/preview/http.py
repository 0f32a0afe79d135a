"""The preview server's HTTP side: what it answers, to whom, and what it refuses.

The server exists only on an editor's machine, but a browser visiting any other site can reach
it (DNS rebinding, cross-site requests), and its files are the output of editable content. So
every answer is defensive: only requests whose ``Host`` names the address it listens on (or
``localhost``) are answered; a URL path is decoded once, checked for control characters,
backslashes and length, and served only if the file it resolves to, links followed, lies inside the output
folder; a redirect's target is built from that resolved path, so it never carries bytes of the
request and never leaves the origin; every response carries ``nosniff``, a restrictive
Content-Security-Policy and ``Referrer-Policy``. Connections are bounded in number, idle ones
time out, and live-reload streams (`pressroom.preview.livereload`'s) are bounded in number and lifetime.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import stat
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pressroom.base.files import copy_part, open_plain
from pressroom.preview.address import absolute_target, decode_path, host_allowed, listening_family
from pressroom.preview.conditional import Headers, content_tag, not_modified, page_validators
from pressroom.preview.filetypes import content_type
from pressroom.preview.incoming import HEADER_SECONDS, Incoming
from pressroom.preview.livereload import EVENT_STREAM, EVENTS_PATH, SCRIPTS, STREAM_SECONDS, inject, send_states
from pressroom.preview.ranges import file_answer
from pressroom.preview.state import BuildState

IDLE_SECONDS = 5.0
"""A connection that sends nothing (or takes nothing) for this long is closed."""
MAX_CONNECTIONS = 64
MAX_STREAMS = 16
MAX_PATH = 2048
"""Longer paths get 414; no file of a site has a path this long."""
MAX_TARGET = 8192
"""Longer request targets, query included, get 414: a search asked for in the address
(``?q=``, a pasted Japanese passage taking nine characters a letter) is longer than any path."""
STREAM_PIECE = 1 << 16
"""Bytes of a file sent at a time (anything but pages, which are read whole to take the reload script)."""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        # Pagefind's search compiles its WebAssembly; nothing else is evaluated.
        "script-src 'self' 'wasm-unsafe-eval'",
        # The site's own stylesheets only: no <style> element, no style attribute (the partner
        # map places its markers with SVG attributes). The overlay of reload.js sets its look
        # through the CSSOM, which a policy does not restrict.
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)

_REFUSED_IN_PATH = re.compile(r"[\x00-\x1f\x7f\\]")
r"""Control characters, and the backslash: no file of a site has one in its name, and on Windows
it separates folders, where ``\\host\share`` is a file on another machine (looking for it there
hands that machine the editor's login)."""
_LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The file or folder ``relative`` names under ``root`` with every link followed, or None
    when it lies outside ``root`` (or cannot be named at all: too long, a link loop)."""
    try:
        target = Path(os.path.realpath(os.path.join(root, relative.lstrip("/"))))
    except (OSError, ValueError):
        return None
    if target != root and root not in target.parents:
        return None
    return target


class PreviewServer(ThreadingHTTPServer):
    """A threading server with a bound on simultaneous connections: one more is told 503."""

    daemon_threads = True
    stopping = False
    request_queue_size = 16

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.address_family = listening_family(*address)  # ::1, or a name that resolves to IPv6
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away mid-answer is not the editor's problem; anything else is
        # said in one line, never as a traceback between the build messages.
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            print(f"preview server: could not answer a request ({error!r})", file=sys.stderr, flush=True)


def make_handler(
    output: Path, state: BuildState, *, stream_seconds: float = STREAM_SECONDS, header_seconds: float = HEADER_SECONDS
) -> type[BaseHTTPRequestHandler]:
    """The request handler for a server of the build in ``output``; its live-reload streams end
    after ``stream_seconds``, so that no client holds one (and one of the bounded places) for ever,
    and a request whose line and headers take longer than ``header_seconds`` is dropped."""
    root = Path(os.path.realpath(output))
    # Which server sends a state: a tab open across a restart sees a new run, whose count starts anew.
    run = os.urandom(8).hex()

    class Handler(BaseHTTPRequestHandler):
        server_version = "pressroom-preview"
        protocol_version = "HTTP/1.1"
        timeout = IDLE_SECONDS

        def setup(self) -> None:
            super().setup()
            self.rfile.close()  # the plain socket file: replaced by one that keeps the deadline
            self.incoming = Incoming(self.connection, IDLE_SECONDS)
            self.rfile = io.BufferedReader(self.incoming)

        def handle_one_request(self) -> None:
            self.incoming.ends = time.monotonic() + header_seconds
            super().handle_one_request()

        def parse_request(self) -> bool:
            try:
                return super().parse_request()
            finally:  # the headers are in: answering has only the idle timeout
                self.incoming.ends = None
                self.connection.settimeout(IDLE_SECONDS)

        def version_string(self) -> str:
            return self.server_version

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal is for build messages; requests would drown them

        def end_headers(self) -> None:
            for name, value in SECURITY_HEADERS:
                self.send_header(name, value)
            super().end_headers()

        def do_HEAD(self) -> None:
            self._guarded(send_body=False)

        def do_GET(self) -> None:
            self._guarded(send_body=True)

        def _not_allowed(self) -> None:
            # A preview serves files and takes none: 405 names the methods it has, where Python's
            # own answer, 501, said the server could not do what every server here does.
            self.close_connection = True  # a body sent with it is not read
            data = b"This preview server only serves files (GET and HEAD).\n"
            allow = (("Allow", "GET, HEAD"),)
            self._send_head(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", len(data), allow)
            self.wfile.write(data)

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # Python's refusals answer as the server's others, not as its HTML page; a version
            # refused left the request taken for HTTP/0.9, answered with no status line at all
            # (whatever the words before it: a target with a space in it is three or more).
            if self.request_version == "HTTP/0.9" and len(self.requestline.split()) >= 3:
                self.request_version = self.protocol_version
            status = HTTPStatus(code)
            if status == HTTPStatus.HTTP_VERSION_NOT_SUPPORTED:
                message = "This preview server speaks HTTP/1.1 and HTTP/1.0"
            self._plain(status, f"{message or status.phrase}.\n", self.command != "HEAD")

        def _guarded(self, *, send_body: bool) -> None:
            server: PreviewServer = self.server  # type: ignore[assignment]
            host, port = server.server_address[:2]
            if len(self.headers.get_all("Host") or ()) > 1:  # which one names the server is anyone's guess
                self._plain(HTTPStatus.BAD_REQUEST, "More than one Host header.\n", send_body)
                return
            # HTTP/1.1 servers must accept an absolute target; its authority, not Host, names the server.
            absolute = absolute_target(self.path)
            named, self.target = absolute if absolute is not None else (self.headers.get("Host"), self.path)
            if not host_allowed(named, str(host), int(port)):
                self._plain(
                    HTTPStatus.MISDIRECTED_REQUEST, "This preview server answers only to its own address.\n", send_body
                )
                return
            if not self.target.startswith("/") or self.target.startswith("//"):
                self._plain(HTTPStatus.BAD_REQUEST, "Bad request target.\n", send_body)
                return
            if len(self.target) > MAX_TARGET or len(self.target.partition("?")[0]) > MAX_PATH:
                self._plain(HTTPStatus.REQUEST_URI_TOO_LONG, "Request target too long.\n", send_body)
                return
            path = decode_path(self.target)
            if path is None or _REFUSED_IN_PATH.search(path):
                self._plain(HTTPStatus.BAD_REQUEST, "Bad request path.\n", send_body)
                return
            try:
                self._serve(path, send_body)
            except OSError:  # the client went away, or stopped reading
                self.close_connection = True

        def _serve(self, path: str, send_body: bool) -> None:
            if path == EVENTS_PATH:
                if send_body:
                    self._events()
                else:  # HEAD: the head of a stream, and no stream after it
                    self._stream_head()
                return
            if path in SCRIPTS:
                script, kind = SCRIPTS[path], "text/javascript; charset=utf-8"
                self._send_current(HTTPStatus.OK, kind, script, content_tag(script), send_body)
                return
            target = resolve_inside(root, path)
            if target is not None and _kind(target) == "folder":
                if not path.endswith("/"):
                    self._redirect(target)
                    return
                target = resolve_inside(root, str(target.relative_to(root) / "index.html"))
            # A file swapped away by a rebuild between the look and the read is not found either.
            if target is None or _kind(target) != "file" or not self._send_file(HTTPStatus.OK, target, send_body):
                self._not_found(path, send_body)

        def _redirect(self, folder: Path) -> None:
            # Built from the resolved folder, not from the request: same origin, no request bytes.
            relative = folder.relative_to(root).as_posix()
            location = "/" if relative == "." else "/" + quote(relative, safe="/") + "/"
            query = urlsplit(self.target).query
            if query:  # kept, percent-encoded: nothing but printable ASCII goes into the header
                location += "?" + quote(query.encode("latin-1"), safe="/?:@!$&'()*+,;=%-._~")
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _not_found(self, path: str, send_body: bool) -> None:
            language = path.strip("/").split("/")[0]
            names = [f"{language}/404.html"] if _LANGUAGE_FOLDER.match(language) else []
            for name in [*names, "404.html"]:
                candidate = resolve_inside(root, name)
                found = candidate is not None and _kind(candidate) == "file"
                if found and self._send_file(HTTPStatus.NOT_FOUND, candidate, send_body):  # type: ignore[arg-type]
                    return
            # No build has succeeded yet: a bare page that still carries the overlay.
            page = (
                "<!doctype html><html lang=en><meta charset=utf-8><title>No build yet</title>"
                f"<body><p>Nothing has been built at {html.escape(path)} yet.</p></body></html>"
            ).encode()
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", inject(page), send_body)

        def _send_file(self, status: HTTPStatus, target: Path, send_body: bool) -> bool:
            """Send the file; False, nothing sent, if it cannot be opened (a rebuild took it away)."""
            try:
                stream = open_plain(target)
            except OSError:
                return False
            with stream:
                kind = content_type(target.name)
                if kind.startswith("text/html"):
                    shown, since = state.with_its_time()
                    data = inject(stream.readall(), indexing=shown.indexing)
                    modified = max(os.fstat(stream.fileno()).st_mtime, since)
                    self._send_current(status, kind, data, page_validators(data, modified), send_body)
                    return True
                # Anything else is sent as it is read: a download of hundreds of megabytes, asked
                # for by a few tabs at once, is never held in memory whole; in parts if asked.
                status, first, length, headers = file_answer(status, self.headers, os.fstat(stream.fileno()))
                self._send_head(status, kind, length, headers)
                if send_body and not copy_part(stream, self.wfile, first, length, STREAM_PIECE):
                    self.close_connection = True  # the file was cut short: the answer is too
            return True

        def _plain(self, status: HTTPStatus, text: str, send_body: bool = True) -> None:
            self.close_connection = True
            self._send(status, "text/plain; charset=utf-8", text.encode(), send_body)

        def _send(self, status: HTTPStatus, kind: str, data: bytes, send_body: bool) -> None:
            self._send_head(status, kind, len(data))
            if send_body:
                self.wfile.write(data)

        def _send_current(
            self, status: HTTPStatus, kind: str, data: bytes, validated: Headers, send_body: bool
        ) -> None:
            """Send ``data`` with its validators, or 304 where the browser's copy is still it."""
            if status == HTTPStatus.OK and not_modified(self.headers, validated):
                status = HTTPStatus.NOT_MODIFIED
            self._send_head(status, kind, len(data), validated)
            if send_body and status != HTTPStatus.NOT_MODIFIED:
                self.wfile.write(data)

        def _send_head(self, status: HTTPStatus, kind: str, length: int, headers: Headers = ()) -> None:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if status != HTTPStatus.NOT_MODIFIED:  # which has no body, so neither type nor length
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(length))
            # A file the browser may keep, but must ask about before each use (a reload after a
            # rebuild then gets the new one); anything else (an error, a not-found page) not kept.
            kept = status in (HTTPStatus.OK, HTTPStatus.PARTIAL_CONTENT, HTTPStatus.NOT_MODIFIED)
            self.send_header("Cache-Control", "no-cache" if kept and headers else "no-store")
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()

        def _events(self) -> None:
            server: PreviewServer = self.server  # type: ignore[assignment]
            if not server.streams.acquire(blocking=False):
                self._plain(HTTPStatus.SERVICE_UNAVAILABLE, "Too many open previews.\n")
                return
            try:
                self._stream_head()
                send_states(
                    self.wfile, self.connection, state, run, seconds=stream_seconds, stopping=lambda: server.stopping
                )
            finally:
                server.streams.release()

        def _stream_head(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", EVENT_STREAM)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True

    return Handler


def _kind(path: Path) -> str | None:
    """``file``, ``folder`` or None (missing, unreadable, a name the system cannot take)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else None
