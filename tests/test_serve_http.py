"""The preview server's HTTP side against requests that once got a wrong answer: headers sent
slowly, HEAD of the live-reload stream, two Host headers, a redirect's query, an absolute
request target, the type of a file on a machine without a table of types; and what ``serve``
says about the address it listens on."""

from __future__ import annotations

import mimetypes
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pressroom.preview import http
from pressroom.preview.address import browser_url, loopback
from pressroom.preview.server import for_tabs

from .conftest import PROJECT
from .test_serve_guard import http_side
from .test_serve_lifecycle import WAIT, start, tiny_site


@contextmanager
def answering(output: Path, *, header_seconds: float = 10.0, bind: str = "127.0.0.1") -> Iterator[tuple[str, int]]:
    """The HTTP side alone, in this process, over a folder with one language folder."""
    (output / "de").mkdir(parents=True, exist_ok=True)
    (output / "de" / "index.html").write_text("<!doctype html><title>de</title><body>de</body>", encoding="utf-8")
    with http_side(output, bind=bind, stream_seconds=60.0, header_seconds=header_seconds) as address:
        yield address


def _exchange(address: tuple[str, int], request: bytes, timeout: float = 5.0) -> bytes:
    """Send a request and read until the server closes (or ``timeout`` passes in silence)."""
    chunks = []
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(request)
        try:
            while data := connection.recv(65536):
                chunks.append(data)
        except TimeoutError:
            chunks.append(b"<still open>")
    return b"".join(chunks)


def test_headers_sent_slowly_are_cut_off_at_the_deadline(tmp_path: Path) -> None:
    """Each read had a timeout, the request none: a header line every few seconds held a
    connection (one of 64) for as long as the client liked."""
    with answering(tmp_path / "out", header_seconds=1.0) as address:
        connection = socket.create_connection(address, timeout=5)
        with connection:
            connection.sendall(b"GET /de/ HTTP/1.1\r\n")
            started = time.monotonic()
            closed = False
            while time.monotonic() - started < 4.0:
                time.sleep(0.2)
                try:
                    connection.sendall(b"X-Slow: y\r\n")
                except OSError:
                    closed = True
                    break
                if _closed(connection):
                    closed = True
                    break
            assert closed, "the connection was still open after four seconds of headers"
            assert time.monotonic() - started < 3.0


def _closed(connection: socket.socket) -> bool:
    connection.setblocking(False)
    try:
        return connection.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        connection.setblocking(True)


def _host(address: tuple[str, int]) -> bytes:
    return f"Host: {address[0]}:{address[1]}\r\n".encode()


def test_head_of_the_live_reload_stream_sends_no_body(tmp_path: Path) -> None:
    with answering(tmp_path / "out") as address:
        answer = _exchange(address, b"HEAD /__pressroom/events HTTP/1.1\r\n" + _host(address) + b"\r\n", timeout=3)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"text/event-stream" in head, answer
    assert body == b"", answer


def test_two_host_headers_are_a_bad_request(tmp_path: Path) -> None:
    with answering(tmp_path / "out") as address:
        request = b"GET /de/ HTTP/1.1\r\n" + _host(address) + b"Host: evil.example\r\nConnection: close\r\n\r\n"
        answer = _exchange(address, request)
    assert answer.startswith(b"HTTP/1.1 400"), answer


@pytest.mark.parametrize(
    ("target", "location"),
    [
        (b"/de?lang=ja&q=%E6%97%A5", b"/de/?lang=ja&q=%E6%97%A5"),
        (b"/de?q=a%0d%0aSet-Cookie:%20x", b"/de/?q=a%0d%0aSet-Cookie:%20x"),
        (b'/de?q=\xe6\x97\xa5"<>', b"/de/?q=%E6%97%A5%22%3C%3E"),
    ],
)
def test_the_redirect_to_a_folder_keeps_the_query(tmp_path: Path, target: bytes, location: bytes) -> None:
    with answering(tmp_path / "out") as address:
        answer = _exchange(address, b"GET " + target + b" HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n")
    head = answer.partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.1 301"), answer
    found = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"location:"))
    assert found.split(b":", 1)[1].strip() == location, head
    assert b"\r\nSet-Cookie" not in head


@pytest.mark.parametrize(
    "target",
    [b"/%5c%5cevil.example%5cshare%5cx.html", b"/%5C/evil.example/share/", b"/de\\..\\x", b"/%5cevil.example/..%2fde"],
)
def test_a_backslash_in_the_path_is_refused_before_any_file_is_looked_for(tmp_path: Path, target: bytes) -> None:
    """No file of a site has one (content names with it are refused); on Windows it separates
    folders, and ``\\\\host\\share`` (or ``\\/host/share``) names a file on another machine: the
    server looked for it there, which any web page could make it do with an <img>, handing
    the editor's Windows login to that machine. It got 404 (or a redirect) after the look."""
    with answering(tmp_path / "out") as address:
        answer = _exchange(address, b"GET " + target + b" HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400"), answer
    assert answer.endswith(b"Bad request path.\n") and b"\r\nLocation:" not in answer


def test_an_absolute_target_naming_this_server_is_answered(tmp_path: Path) -> None:
    """HTTP/1.1 servers must accept the absolute form; it got 400."""
    with answering(tmp_path / "out") as address:
        own = f"http://{address[0]}:{address[1]}".encode()
        for target in (own + b"/de/", own.replace(address[0].encode(), b"localhost") + b"/de/"):
            answer = _exchange(
                address, b"GET " + target + b" HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n"
            )
            assert answer.startswith(b"HTTP/1.1 200") and b"<body>de" in answer, answer
        for target in (b"http://evil.example/de/", own.replace(b"http", b"ftp") + b"/de/"):
            answer = _exchange(
                address, b"GET " + target + b" HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n"
            )
            assert answer.startswith((b"HTTP/1.1 421", b"HTTP/1.1 400")), answer
        redirect = _exchange(
            address, b"GET " + own + b"/de HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n"
        )
        assert b"\r\nLocation: /de/\r\n" in redirect, redirect


def test_messages_to_tabs_hold_no_absolute_path(tmp_path: Path) -> None:
    """Only the site root was taken out: the output folder, bundled templates or any file an
    exception named went to every open tab as an absolute path."""
    root = tmp_path / "site"
    lines = [
        f"internal error: UnsafeOutput: output folder {tmp_path}/out/prev was not made by this tool",
        f"{root}/content/en/x.md:3: error: a link to /en/releases/ is broken",
        f"FileNotFoundError: [Errno 2] No such file or directory: '{PROJECT}/templates/base.html'",
    ]
    shown = [for_tabs(line, root) for line in lines]
    assert shown[0] == "internal error: UnsafeOutput: output folder ../out/prev was not made by this tool"
    assert shown[1] == "content/en/x.md:3: error: a link to /en/releases/ is broken"
    assert shown[2].endswith("/templates/base.html'") and f"'{PROJECT}" not in shown[2]
    assert not any(str(tmp_path) in line for line in shown), shown


def test_which_addresses_are_this_machine_only() -> None:
    assert loopback("127.0.0.1") and loopback("127.0.0.2") and loopback("::1") and loopback("::ffff:127.0.0.1")
    assert not loopback("0.0.0.0") and not loopback("::") and not loopback("192.168.1.20")
    assert browser_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert browser_url("::", 8000) == "http://[::1]:8000/"
    assert browser_url("::1", 8000) == "http://[::1]:8000/"


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize("bind", ["localhost", "127.0.0.2", "::1"])
def test_a_loopback_address_is_not_said_to_be_reachable_from_other_machines(tmp_path: Path, bind: str) -> None:
    if bind == "::1" and not _ipv6():
        pytest.skip("no IPv6 on this machine")
    said = _said_on_start(tiny_site(tmp_path / "site"), "--bind", bind)
    assert "serving " in said, said
    assert "reachable from other machines" not in said


def test_an_empty_bind_address_is_a_usage_error(tmp_path: Path) -> None:
    """It listened on every interface, without the warning."""
    site = tiny_site(tmp_path / "site")
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "serve", "--source", str(site), "--bind", "", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 2
    assert "argument --bind: an empty address; say 0.0.0.0 to listen on every interface" in run.stderr


def test_a_failed_first_build_is_not_said_to_leave_a_good_one_online(tmp_path: Path) -> None:
    """ "start: build failed, still serving the last good build" when no build had ever succeeded."""
    site = tiny_site(tmp_path / "site")
    (site / "content/en/2024/one.md").write_text("---\ntitle: x\ndate: 2024-07-17\ntopics: [nope]\n---\n\nText.\n")
    said = _said_on_start(site)
    assert "start: build failed, nothing built yet: open tabs show the problems" in said, said
    assert "last good build" not in said


def _said_on_start(site: Path, *args: str) -> str:
    """What ``serve`` on ``site`` (a free port, and ``args``) has said once it listens or has ended."""
    tiny = start(site, "--port", "0", *args)
    try:
        tiny.wait_for("the server to listen", lambda: "serving " in tiny.log() or tiny.process.poll() is not None)
        return tiny.log()
    finally:
        tiny.process.kill()
        tiny.process.wait(timeout=WAIT)


SITE_FILE_TYPES = {
    "feed.xml": b"application/xml",
    "pagefind-entry.json": b"application/json; charset=utf-8",
    "manifest.webmanifest": b"application/manifest+json; charset=utf-8",
    "photo.webp": b"image/webp",
    "photo.avif": b"image/avif",
    "report.pdf": b"application/pdf",
    "style.css": b"text/css; charset=utf-8",
    "search.js": b"text/javascript; charset=utf-8",
    "pagefind.wasm": b"application/wasm",
    "font.woff2": b"font/woff2",
}


def test_the_sites_files_have_their_types_whatever_the_machine_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The types came from the machine's own tables (/etc/mime.types): where there is none (a
    container, a Mac without it), a site's WebP pictures and fonts were application/octet-stream,
    and, sent with ``nosniff``, opened as downloads."""
    monkeypatch.setattr(mimetypes, "guess_type", mimetypes.MimeTypes(filenames=()).guess_type)
    output = tmp_path / "out"
    output.mkdir()
    for name in SITE_FILE_TYPES:
        (output / name).write_bytes(b"x")
    sent = {}
    with answering(output) as address:
        for name in SITE_FILE_TYPES:
            request = f"HEAD /{name} HTTP/1.1\r\n".encode() + _host(address) + b"Connection: close\r\n\r\n"
            sent[name] = _header(_exchange(address, request), b"Content-Type")
    assert sent == SITE_FILE_TYPES


def test_audio_and_video_have_their_types_whatever_the_machine_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release's audio or video offered as a download was typed by the machine's tables: where
    they lack it (Python's own has no m4a, ogg or flac), it went out as application/octet-stream,
    which a browser does not play in the page."""
    monkeypatch.setattr(mimetypes, "guess_type", mimetypes.MimeTypes(filenames=()).guess_type)
    played = {
        "rede.m4a": b"audio/mp4",
        "rede.ogg": b"audio/ogg",
        "rede.flac": b"audio/flac",
        "rede.mp3": b"audio/mpeg",
        "film.m4v": b"video/mp4",
        "film.ogv": b"video/ogg",
        "film.webm": b"video/webm",
    }
    output = tmp_path / "out"
    output.mkdir()
    for name in played:
        (output / name).write_bytes(b"x")
    with answering(output) as address:
        sent = {
            name: _header(
                _exchange(
                    address, f"HEAD /{name} HTTP/1.1\r\n".encode() + _host(address) + b"Connection: close\r\n\r\n"
                ),
                b"Content-Type",
            )
            for name in played
        }
    assert sent == played


def _header(answer: bytes, name: bytes) -> bytes | None:
    head = answer.partition(b"\r\n\r\n")[0]
    found = [
        line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(name.lower() + b":")
    ]
    return found[0] if found else None


@pytest.mark.parametrize("method", [b"POST", b"PUT", b"DELETE", b"PATCH", b"OPTIONS"])
def test_a_method_that_sends_something_is_not_allowed_and_the_allowed_ones_are_named(
    tmp_path: Path, method: bytes
) -> None:
    """Python's answer was 501 Not Implemented, an HTML page naming no method the server has."""
    with answering(tmp_path / "out") as address:
        request = method + b" /de/ HTTP/1.1\r\n" + _host(address) + b"Content-Length: 5\r\n\r\nhello"
        answer = _exchange(address, request)
    assert answer.startswith(b"HTTP/1.1 405"), answer
    assert _header(answer, b"Allow") == b"GET, HEAD"
    assert _header(answer, b"X-Content-Type-Options") == b"nosniff"
    assert answer.endswith(b"only serves files (GET and HEAD).\n")


@pytest.mark.parametrize(
    ("target", "status"),
    [
        # A Japanese passage of 250 letters pasted into the search form: 2,250 characters as sent.
        (b"/de/?q=" + b"%E7%A5%9E%E5%A5%88%E5%B7%9D%E7%9C%8C%E3%81%A8" * 50, b"200"),
        (b"/de/?q=" + b"x" * 8000, b"200"),
        (b"/de/?q=" + b"x" * 9000, b"414"),
        (b"/de/" + b"a" * 2100 + b"?q=x", b"414"),
    ],
)
def test_a_long_search_in_the_address_is_answered(tmp_path: Path, target: bytes, status: bytes) -> None:
    """A request target of more than 2,048 characters got 414, query and all: a reader's
    search for a pasted passage, sent to the search page as ``?q=…``, was refused."""
    with answering(tmp_path / "out") as address:
        answer = _exchange(address, b"GET " + target + b" HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]


@pytest.mark.parametrize(
    ("target", "version", "status", "said"),
    [
        (b"/de/", b"HTTP/2.0", b"505", b"This preview server speaks HTTP/1.1 and HTTP/1.0.\n"),
        (b"/de/", b"HTTP/x", b"400", b"Bad request version ('HTTP/x').\n"),
        # A target with a space in it: the version is still the last word.
        (b"/a b", b"HTTP/2.0", b"505", b"This preview server speaks HTTP/1.1 and HTTP/1.0.\n"),
        (b"/a b", b"HTTP/x", b"400", b"Bad request version ('HTTP/x').\n"),
    ],
)
def test_a_request_line_of_another_http_version_is_answered_as_the_servers_other_errors(
    tmp_path: Path, target: bytes, version: bytes, status: bytes, said: bytes
) -> None:
    """Python answered such a line with its own HTML page and no status line or headers at all
    (the request was taken for HTTP/0.9): no status, no nosniff, no Content-Security-Policy."""
    with answering(tmp_path / "out") as address:
        answer = _exchange(address, b"GET " + target + b" " + version + b"\r\n" + _host(address) + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 " + status), answer
    assert _header(answer, b"Content-Type") == b"text/plain; charset=utf-8"
    assert _header(answer, b"X-Content-Type-Options") == b"nosniff"
    assert _header(answer, b"Cache-Control") == b"no-store"
    assert answer.partition(b"\r\n\r\n")[2] == said


def test_a_file_swapped_away_between_its_look_and_its_read_gets_the_not_found_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page a rebuild removed after the server found it got a bare "Not found." in plain
    text, where any other missing page gets the site's own page in its language."""
    output = tmp_path / "out"
    (output / "de" / "gone").mkdir(parents=True)
    (output / "de" / "gone" / "index.html").write_text("<body>was here</body>", encoding="utf-8")
    (output / "de" / "404.html").write_text("<!doctype html><body>Seite nicht gefunden</body>", encoding="utf-8")
    opened = http.open_plain

    def swapped_away(path: Path) -> object:
        if path.parent.name == "gone":
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return opened(path)

    monkeypatch.setattr(http, "open_plain", swapped_away)
    with answering(output) as address:
        answer = _exchange(address, b"GET /de/gone/ HTTP/1.1\r\n" + _host(address) + b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 404"), answer
    assert _header(answer, b"Content-Type") == b"text/html; charset=utf-8"
    assert b"Seite nicht gefunden" in answer and b"/__pressroom/reload.js" in answer
