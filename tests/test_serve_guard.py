"""What the preview server refuses, tried against a real ``build.py serve`` process with raw HTTP.

Each request here is one a hostile web page (or a confused client) can make to a server on an
editor's machine: header injection, open redirects, paths out of the output folder, malformed
requests, DNS rebinding, connection floods.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pressroom.preview.http import (
    IDLE_SECONDS,
    MAX_CONNECTIONS,
    MAX_STREAMS,
    PreviewServer,
    host_allowed,
    make_handler,
)
from pressroom.preview.livereload import STREAM_SECONDS
from pressroom.preview.server import BuildState

from .conftest import RunningPreview, running_preview

SECRET = "SECRET-OUTSIDE-THE-OUTPUT"


@dataclass
class Answer:
    status: int
    head: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


def _address(running: RunningPreview) -> tuple[str, int]:
    parts = urlsplit(running.url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def ask(running: RunningPreview, target: bytes | str, host: str | None = "", extra: bytes = b"") -> Answer:
    """Send one request exactly as given (no client normalises the path) and read the answer."""
    address = _address(running)
    if host == "":
        host = f"{address[0]}:{address[1]}"
    raw_target = target.encode() if isinstance(target, str) else target
    request = b"GET " + raw_target + b" HTTP/1.1\r\n"
    if host is not None:
        request += b"Host: " + host.encode() + b"\r\n"
    request += extra + b"Connection: close\r\n\r\n"
    chunks = []
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(request)
        while data := connection.recv(65536):
            chunks.append(data)
    answer = b"".join(chunks)
    assert answer, f"the server closed the connection without an answer to {target!r}"
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    return Answer(int(lines[0].split()[1]), head.decode("latin-1"), headers, body)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    with running_preview(tmp_path_factory.mktemp("guard")) as running:
        yield running


@pytest.fixture
def output(preview: RunningPreview) -> Path:
    return preview.root / ".preview"


def test_preview_builds_into_its_own_folder_not_site(preview: RunningPreview, output: Path) -> None:
    assert (output / "de" / "index.html").is_file()
    assert not (preview.root / "site").exists(), "a later deploy of site/ would publish the preview"


@pytest.mark.parametrize(
    "target",
    [
        "/x%0d%0aSet-Cookie:%20pwned=1/..",
        "/de%0d%0aSet-Cookie:%20pwned=1/..",
        "/x%0aSet-Cookie:%20pwned=1/..%2f",
        "/de/%0d%0aSet-Cookie:%20pwned=1",
    ],
)
def test_no_response_header_takes_bytes_from_the_request(preview: RunningPreview, target: str) -> None:
    answer = ask(preview, target)
    assert 300 <= answer.status < 500
    assert "pwned" not in answer.head and "set-cookie" not in answer.head.lower(), answer.head


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/%2fevil.example%2f..%2fde", "/de/"),
        ("/%2F%2Fevil.example%2F..%2Fde", "/de/"),
        ("/de/..%2fja", "/ja/"),
    ],
)
def test_redirects_stay_on_the_same_origin(preview: RunningPreview, target: str, expected: str) -> None:
    answer = ask(preview, target)
    location = answer.header("Location")
    assert answer.status == 301, answer.head
    assert location == expected, answer.head


def test_a_target_that_names_another_host_is_refused(preview: RunningPreview) -> None:
    for target in ("//evil.example/de", "http://evil.example/de/"):
        answer = ask(preview, target)
        assert 400 <= answer.status < 500, answer.head
        assert "evil" not in (answer.header("Location") or "")


def test_files_served_lie_inside_the_output_folder(preview: RunningPreview, output: Path) -> None:
    # A page next to the output folder, and links from inside the output folder to outside it.
    (preview.root / "404.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (preview.root / "secret.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (preview.root / "secrets").mkdir()
    (preview.root / "secrets" / "index.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (output / "de" / "leak.html").symlink_to(preview.root / "secret.html")
    (output / "de" / "leaks").symlink_to(preview.root / "secrets")
    for target in ("/../x", "/..", "/%2e%2e/secret.html", "/de/../../secret.html", "/de/leak.html", "/de/leaks/"):
        answer = ask(preview, target)
        assert answer.status in (400, 404), (target, answer.head)
        assert SECRET.encode() not in answer.body, target
    answer = ask(preview, "/de/leaks")
    assert SECRET.encode() not in answer.body and answer.status in (301, 404)
    assert ask(preview, "/de/").status == 200


@pytest.mark.parametrize(
    "target",
    [
        b"/de/%00",
        b"/de/\x00x",
        b"/de%00/",
        b"/" + b"a" * 5000,
        b"/de/" + b"%C3%A4" * 2000,
        b"/" + b"b" * 300 + b"/",
        b"/%ff%fe/",
        b"/\xff\xfe/",
        b"/de/%E6%97%A5%E6%9C%AC/..",
        "/de/日本/..".encode(),
        b"/de/%0b",
    ],
)
def test_malformed_requests_get_a_complete_answer_and_never_a_traceback(preview: RunningPreview, target: bytes) -> None:
    answer = ask(preview, target)
    assert 300 <= answer.status < 500, answer.head
    location = answer.header("Location")
    if location is not None:
        assert location.isascii() and location.startswith("/") and not location.startswith("//")
    assert preview.process.poll() is None
    assert "Traceback" not in preview.log.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1:1", None]
)
def test_a_foreign_host_is_refused_dns_rebinding(preview: RunningPreview, host: str | None) -> None:
    port = _address(preview)[1]
    named = None if host is None else host.format(port=port)
    for target in ("/de/", "/__pressroom/events", "/__pressroom/reload.js"):
        answer = ask(preview, target, host=named)
        assert 400 <= answer.status < 500, (named, target, answer.head)
        assert b"generation" not in answer.body and b"<html" not in answer.body


def test_its_own_address_and_localhost_are_answered(preview: RunningPreview) -> None:
    address, port = _address(preview)
    for host in (f"{address}:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert ask(preview, "/de/", host=host).status == 200


def test_every_answer_carries_the_security_headers(preview: RunningPreview) -> None:
    for target in ("/de/", "/de/no-such-page/", "/de", "/__pressroom/reload.js", "/de/%00", "/static/style.css"):
        answer = ask(preview, target)
        assert answer.header("X-Content-Type-Options") == "nosniff", (target, answer.head)
        policy = answer.header("Content-Security-Policy") or ""
        assert "default-src 'self'" in policy and "object-src 'none'" in policy, (target, answer.head)
        directives = dict(part.strip().partition(" ")[::2] for part in policy.split(";"))
        # No inline or evaluated script, no <style> element, no style attribute.
        assert "unsafe" not in directives["script-src"].replace("'wasm-unsafe-eval'", ""), policy
        assert directives["style-src"] == "'self'", policy
        assert "unsafe-inline" not in policy, policy
        assert not [name for name in directives if name.startswith(("style-src-", "script-src-"))], policy
        assert answer.header("Referrer-Policy") == "no-referrer", (target, answer.head)


def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


def test_connections_are_bounded_and_idle_ones_closed(preview: RunningPreview) -> None:
    address = _address(preview)
    before = _threads(preview.process.pid)
    idle = [socket.create_connection(address, timeout=IDLE_SECONDS + 5) for _ in range(MAX_CONNECTIONS * 2)]
    try:
        time.sleep(0.5)
        # One thread per connection at most up to the bound; the rest are turned away.
        assert _threads(preview.process.pid) <= before + MAX_CONNECTIONS + 2
        started = time.monotonic()
        for connection in idle:
            connection.recv(1024)  # the server closes (or refuses) every idle connection by itself
        assert time.monotonic() - started < IDLE_SECONDS + 3
    finally:
        for connection in idle:
            connection.close()
    assert ask(preview, "/de/").status == 200


def _open_stream(address: tuple[str, int]) -> tuple[socket.socket, bytes]:
    connection = socket.create_connection(address, timeout=10)
    host = f"{address[0]}:{address[1]}".encode()
    connection.sendall(b"GET /__pressroom/events HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
    return connection, connection.recv(1024)


def test_live_reload_streams_are_bounded(preview: RunningPreview) -> None:
    address = _address(preview)
    streams = []
    try:
        for _ in range(MAX_STREAMS):
            connection, start = _open_stream(address)
            streams.append(connection)
            assert start.startswith(b"HTTP/1.1 200"), "a stream within the bound"
        connection, start = _open_stream(address)
        connection.close()
        assert start.startswith(b"HTTP/1.1 503"), start
    finally:
        for connection in streams:
            connection.close()
    deadline = time.monotonic() + 15
    while True:  # closed streams free their places (noticed at the next keep-alive at the latest)
        connection, start = _open_stream(address)
        connection.close()
        if start.startswith(b"HTTP/1.1 200"):
            break
        assert time.monotonic() < deadline, start
        time.sleep(0.5)


def short_lived_streams(output: Path, seconds: float) -> AbstractContextManager[tuple[str, int]]:
    """The preview server's HTTP side, in this process, with streams that end after ``seconds``."""
    return http_side(output, stream_seconds=seconds)


@contextmanager
def http_side(
    output: Path, *, bind: str = "127.0.0.1", state: BuildState | None = None, **options: float
) -> Iterator[tuple[str, int]]:
    """The preview server's HTTP side alone, in this process, over ``output``, its handler made
    with ``options`` (`make_handler`'s) and telling tabs ``state``; yields the address it listens on."""
    output.mkdir(parents=True, exist_ok=True)
    server = PreviewServer((bind, 0), make_handler(output, state or BuildState(), **options))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[0], server.server_address[1]
    finally:
        server.stopping = True
        server.shutdown()
        server.server_close()


def _read_to_the_end(connection: socket.socket) -> bytes:
    chunks = []
    while data := connection.recv(65536):
        chunks.append(data)
    return b"".join(chunks)


def test_a_live_reload_stream_ends_after_its_lifetime(tmp_path: Path) -> None:
    assert STREAM_SECONDS == 300.0, "the default lifetime: five minutes"
    lifetime = 1.5
    with short_lived_streams(tmp_path / "out", lifetime) as address:
        started = time.monotonic()
        connection, start = _open_stream(address)
        with connection:
            # The client keeps its end open and reads; the server closes the stream by itself.
            stream = start + _read_to_the_end(connection)
        lasted = time.monotonic() - started
    assert stream.startswith(b"HTTP/1.1 200"), stream
    assert b"retry: 1000" in stream and b"event: state" in stream, "the tab is told to reconnect, and the state"
    assert lifetime - 0.1 <= lasted <= lifetime + 2, f"the stream lasted {lasted:.2f} s, not {lifetime} s"


def test_streams_held_open_give_back_their_places_at_the_end_of_their_lifetime(tmp_path: Path) -> None:
    lifetime = 2.0
    with short_lived_streams(tmp_path / "out", lifetime) as address:
        held = [_open_stream(address) for _ in range(MAX_STREAMS)]
        try:
            assert all(start.startswith(b"HTTP/1.1 200") for _, start in held)
            refused, start = _open_stream(address)
            refused.close()
            assert start.startswith(b"HTTP/1.1 503"), "one stream more than the bound"
            # Clients that never close: their streams end anyway, and so does the refusal.
            for connection, _ in held:
                _read_to_the_end(connection)
            again, start = _open_stream(address)
            again.close()
            assert start.startswith(b"HTTP/1.1 200"), start
        finally:
            for connection, _ in held:
                connection.close()


def test_which_host_names_the_server() -> None:
    assert host_allowed("127.0.0.1:8000", "127.0.0.1", 8000)
    assert host_allowed("localhost:8000", "127.0.0.1", 8000)
    assert host_allowed("localhost", "127.0.0.1", 80)
    assert not host_allowed("localhost", "127.0.0.1", 8000)
    assert not host_allowed("rebound.example:8000", "127.0.0.1", 8000)
    assert not host_allowed("127.0.0.1:8000@evil", "127.0.0.1", 8000)
    assert not host_allowed("", "127.0.0.1", 8000)
    # Listening on every interface: any address (an address cannot be rebound), still no name.
    assert host_allowed("192.168.1.20:8000", "0.0.0.0", 8000)
    assert host_allowed("[fe80::1]:8000", "::", 8000)
    assert not host_allowed("rebound.example:8000", "0.0.0.0", 8000)


def _fetch_counting(address: tuple[str, int], method: str, target: str) -> tuple[bytes, int, bytes]:
    """The head of the answer, how many body bytes followed, and their BLAKE2b digest; the
    body is read and dropped piece by piece, so this side holds none of it."""
    digest = hashlib.blake2b()
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(
            f"{method} {target} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\nConnection: close\r\n\r\n".encode()
        )
        received = b""
        while b"\r\n\r\n" not in received and (data := connection.recv(65536)):
            received += data
        head, _, body = received.partition(b"\r\n\r\n")
        count = len(body)
        digest.update(body)
        while data := connection.recv(1 << 20):
            count += len(data)
            digest.update(data)
    return head, count, digest.digest()


def test_a_large_download_is_sent_as_it_is_read_not_held_whole(tmp_path: Path) -> None:
    """The server read every file whole before sending it: a 300 MB PDF asked for by three tabs
    held 900 MB. Files but pages now go out piece by piece; pages still get the reload script."""
    output = tmp_path / "out"
    (output / "media").mkdir(parents=True)
    big = output / "media" / "bericht.pdf"
    with big.open("wb") as file:
        file.write(b"%PDF-1.7\n" + bytes(range(256)) * 1024)
        file.truncate(48 * 1024 * 1024)  # the rest a hole: cheap to make, read as zeros
    expected = hashlib.blake2b(big.read_bytes()).digest()
    (output / "index.html").write_text("<!doctype html><html lang=de><title>x</title><body><p>Hallo</p></body></html>")

    with short_lived_streams(output, 5.0) as address:
        head, count, _ = _fetch_counting(address, "HEAD", "/media/bericht.pdf")
        assert head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"), head
        assert f"Content-Length: {48 * 1024 * 1024}".encode() in head and count == 0
        assert b"Content-Type: application/pdf" in head

        tracemalloc.start()
        try:
            answers: list[tuple[bytes, int, bytes]] = []
            tabs = [
                threading.Thread(target=lambda: answers.append(_fetch_counting(address, "GET", "/media/bericht.pdf")))
                for _ in range(3)
            ]
            for tab in tabs:
                tab.start()
            for tab in tabs:
                tab.join(60)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(answers) == 3
        assert all(count == 48 * 1024 * 1024 and digest == expected for _, count, digest in answers)
        assert peak < 8 * 1024 * 1024, f"the server held {peak / 2**20:.0f} MiB while sending three copies of 48 MiB"

        page = _fetch_counting(address, "GET", "/index.html")
        assert page[1] > len("<p>Hallo</p>") + 20  # the reload script went in
