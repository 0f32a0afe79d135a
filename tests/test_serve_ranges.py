"""The preview server answers requests for part of a file, as browsers make them to play video
and audio (Safari plays none whose server sends the whole file instead) and to seek in PDFs."""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_serve_guard import http_side

DATA = bytes(range(256)) * 40
"""A download of 10,240 bytes, each position telling where it is."""


@pytest.fixture
def address(tmp_path: Path) -> Iterator[tuple[str, int]]:
    output = tmp_path / "out"
    (output / "media" / "2024").mkdir(parents=True)
    (output / "media" / "2024" / "film.mp4").write_bytes(DATA)
    (output / "media" / "2024" / "leer.pdf").write_bytes(b"")
    (output / "de").mkdir()
    (output / "de" / "index.html").write_text("<!doctype html><title>de</title><body>Hallo</body>", encoding="utf-8")
    # Written by a build a while ago: a file of this very second is sent without its date (`conditional`).
    for path in (output / "media" / "2024" / "film.mp4", output / "media" / "2024" / "leer.pdf"):
        os.utime(path, (os.path.getmtime(path) - 60,) * 2)
    with http_side(output) as where:
        yield where


def ask(
    address: tuple[str, int], path: str = "/media/2024/film.mp4", method: str = "GET", **headers: str
) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection(*address, timeout=5)
    try:
        connection.request(method, path, headers={name.replace("_", "-"): value for name, value in headers.items()})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [
        ("bytes=0-1", 0, 1),  # what Safari asks first, to learn that parts are served
        ("bytes=100-", 100, len(DATA) - 1),
        ("bytes=-300", len(DATA) - 300, len(DATA) - 1),
        ("bytes=10000-99999999", 10000, len(DATA) - 1),
        ("bytes=-99999", 0, len(DATA) - 1),
        ("BYTES = 5 - 9", 5, 9),
    ],
)
def test_one_range_gets_that_part(address: tuple[str, int], asked: str, first: int, last: int) -> None:
    status, headers, body = ask(address, Range=asked)
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"
    assert int(headers["Content-Length"]) == last - first + 1 == len(body)
    assert body == DATA[first : last + 1]
    assert headers["Content-Type"] == "video/mp4"


def test_a_whole_file_says_that_parts_can_be_asked_for(address: tuple[str, int]) -> None:
    status, headers, body = ask(address)
    assert status == 200 and body == DATA
    assert headers["Accept-Ranges"] == "bytes" and headers["ETag"] and headers["Last-Modified"]


@pytest.mark.parametrize(
    ("path", "asked", "size"),
    [
        ("/media/2024/film.mp4", f"bytes={len(DATA)}-", len(DATA)),
        ("/media/2024/film.mp4", "bytes=-0", len(DATA)),
        ("/media/2024/leer.pdf", "bytes=0-", 0),
        ("/media/2024/leer.pdf", "bytes=-10", 0),
    ],
)
def test_a_range_past_the_end_is_unsatisfiable(address: tuple[str, int], path: str, asked: str, size: int) -> None:
    status, headers, body = ask(address, path, Range=asked)
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{size}" and body == b""


@pytest.mark.parametrize(
    "asked",
    ["bytes=0-1,5-6", "bytes=9-2", "items=0-1", "bytes=", "bytes=-", "bytes=x-y", "bytes=1" + "0" * 40 + "-"],
)
def test_what_is_not_one_readable_range_gets_the_whole_file(address: tuple[str, int], asked: str) -> None:
    status, headers, body = ask(address, Range=asked)
    assert status == 200 and body == DATA and "Content-Range" not in headers


def test_head_of_a_part_sends_its_head_only(address: tuple[str, int]) -> None:
    status, headers, body = ask(address, method="HEAD", Range="bytes=10-19")
    assert status == 206 and headers["Content-Length"] == "10" and body == b""
    assert headers["Content-Range"] == f"bytes 10-19/{len(DATA)}"


def test_a_part_of_a_replaced_file_is_the_whole_new_file(address: tuple[str, int], tmp_path: Path) -> None:
    """``If-Range``: a download resumed after a rebuild replaced the file must not splice the new
    file's tail onto the old file's start."""
    _, headers, _ = ask(address)
    tag, modified = headers["ETag"], headers["Last-Modified"]
    assert ask(address, Range="bytes=0-9", If_Range=tag)[0] == 206
    assert ask(address, Range="bytes=0-9", If_Range=modified)[0] == 206
    film = tmp_path / "out" / "media" / "2024" / "film.mp4"
    replacement = film.with_name("film.new")
    replacement.write_bytes(DATA[::-1])
    os.replace(replacement, film)
    status, _, body = ask(address, Range="bytes=0-9", If_Range=tag)
    assert status == 200 and body == DATA[::-1]
    assert ask(address, Range="bytes=0-9", If_Range='W/"weak"')[0] == 200
    assert ask(address, Range="bytes=0-9", If_Range="no date at all")[0] == 200


def test_a_page_is_always_sent_whole_with_the_reload_script(address: tuple[str, int]) -> None:
    status, headers, body = ask(address, "/de/", Range="bytes=0-5")
    assert status == 200 and b"/__pressroom/reload.js" in body and "Content-Range" not in headers
