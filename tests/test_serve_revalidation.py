"""A browser reloading a preview page asks whether its copy is still current, and gets 304 Not
Modified with no body where it is; a rebuild that changed the file, even within the same second,
or what the server adds to a page, gets the new one whole."""

from __future__ import annotations

import os
import time
from contextlib import AbstractContextManager
from pathlib import Path

from pressroom.preview.state import BuildState

from .conftest import running_preview
from .test_serve_guard import http_side
from .test_serve_ranges import ask

PAGE = "<!doctype html><title>de</title><body>Hallo</body>"


def answering(output: Path, state: BuildState) -> AbstractContextManager[tuple[str, int]]:
    """The preview server's HTTP side on 127.0.0.1, over ``output``, telling tabs ``state``."""
    return http_side(output, state=state)


def site(tmp_path: Path, *, age: float = 60.0) -> Path:
    """A built folder with a page and a picture, written ``age`` seconds ago."""
    output = tmp_path / "out"
    (output / "de").mkdir(parents=True)
    (output / "de" / "index.html").write_text(PAGE, encoding="utf-8")
    (output / "karte.png").write_bytes(b"\x89PNG picture")
    for path in (output / "de" / "index.html", output / "karte.png"):
        os.utime(path, (time.time() - age,) * 2)
    return output


def test_a_page_and_a_file_the_browser_has_are_not_sent_again(tmp_path: Path) -> None:
    with answering(site(tmp_path), BuildState()) as address:
        for path in ("/de/", "/karte.png", "/__pressroom/reload.js"):
            status, headers, body = ask(address, path)
            assert status == 200 and body
            # Kept by the browser, but asked about before each use: a reload after a rebuild shows it.
            assert headers["Cache-Control"] == "no-cache"
            tag = headers["ETag"]
            assert tag.startswith('"') and tag.endswith('"')
            for method in ("GET", "HEAD"):
                status, again, body = ask(address, path, method, If_None_Match=tag)
                assert (status, body) == (304, b""), path
                assert again["ETag"] == tag and again["Cache-Control"] == "no-cache"
                assert again["X-Content-Type-Options"] == "nosniff" and "Content-Length" not in again
            assert ask(address, path, If_None_Match=f'"other", W/{tag}')[0] == 304, "one of a list, weakly"
            assert ask(address, path, If_None_Match='"other"')[0] == 200
            if path != "/__pressroom/reload.js":
                modified = headers["Last-Modified"]
                status, _, body = ask(address, path, If_Modified_Since=modified)
                assert (status, body) == (304, b"")
                # The tag is asked first: a copy with another tag is not current, whatever its date.
                assert ask(address, path, If_None_Match='"other"', If_Modified_Since=modified)[0] == 200
        # A missing page is not kept, and never "not modified".
        status, headers, _ = ask(address, "/de/nirgends/", If_None_Match="*")
        assert status == 404 and headers["Cache-Control"] == "no-store"


def test_a_file_written_again_in_the_same_second_is_sent_anew(tmp_path: Path) -> None:
    output = site(tmp_path, age=0.0)
    page, picture = output / "de" / "index.html", output / "karte.png"
    with answering(output, BuildState()) as address:
        _, page_headers, _ = ask(address, "/de/")
        _, picture_headers, _ = ask(address, "/karte.png")
        # Dates count seconds: a file of this very second has none, so no copy is taken as
        # current by its date after the file changed within the second.
        assert "Last-Modified" not in page_headers and "Last-Modified" not in picture_headers
        second = page.stat().st_mtime_ns
        page.write_text(PAGE.replace("Hallo", "Hallo"[::-1]), encoding="utf-8")  # the same size
        replaced = picture.with_name("karte.new")
        replaced.write_bytes(b"\x89PNG PICTURE")
        os.replace(replaced, picture)
        for path in (page, picture):
            os.utime(path, ns=(second, second))
        status, _, body = ask(address, "/de/", If_None_Match=page_headers["ETag"])
        assert status == 200 and b"ollaH" in body
        status, _, body = ask(address, "/karte.png", If_None_Match=picture_headers["ETag"])
        assert (status, body) == (200, b"\x89PNG PICTURE")
        date = "Sun, 06 Dec 2099 00:00:00 GMT"
        assert ask(address, "/de/", If_Modified_Since=date)[0] == 200, "a date the server never sent"


def test_a_page_whose_search_state_changed_is_sent_anew(tmp_path: Path) -> None:
    """The server adds to each page whether the newest build's search index is being made."""
    state = BuildState()
    state.succeeded(indexed=True)
    with answering(site(tmp_path), state) as address:
        _, headers, body = ask(address, "/de/")
        assert b"data-indexing" not in body
        state.succeeded(indexed=False)  # a rebuild whose index is being made
        status, _, body = ask(address, "/de/", If_None_Match=headers["ETag"])
        assert status == 200 and b"data-indexing" in body
        assert ask(address, "/de/", If_Modified_Since=headers["Last-Modified"])[0] == 200


def test_a_part_asked_for_with_a_current_copy_is_not_sent(tmp_path: Path) -> None:
    with answering(site(tmp_path), BuildState()) as address:
        _, headers, _ = ask(address, "/karte.png")
        status, _, body = ask(address, "/karte.png", Range="bytes=0-3", If_None_Match=headers["ETag"])
        assert (status, body) == (304, b"")
        status, _, body = ask(address, "/karte.png", Range="bytes=0-3", If_None_Match='"x"')
        assert (status, body) == (206, b"\x89PNG")


def test_a_reload_after_a_rebuild_gets_the_edited_page(tmp_path: Path) -> None:
    with running_preview(tmp_path) as preview:
        address = ("127.0.0.1", int(preview.url.rsplit(":", 1)[1].strip("/")))
        page = "/de/releases/2024/kanagawa-absichtserklaerung/"
        status, headers, body = ask(address, page)
        assert status == 200 and b"Neuer Absatz" not in body
        tag = headers["ETag"]
        assert ask(address, page, If_None_Match=tag)[0] == 304
        source = preview.root / "content" / "de" / "2024" / "kanagawa-declaration.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nNeuer Absatz nach dem Speichern.\n", "utf-8")
        deadline = time.monotonic() + 60
        while (answer := ask(address, page, If_None_Match=tag))[0] == 304:
            assert time.monotonic() < deadline, preview.log.read_text(encoding="utf-8")
            time.sleep(0.1)
        status, headers, body = answer
        assert status == 200 and b"Neuer Absatz nach dem Speichern." in body
        assert headers["ETag"] != tag
        assert ask(address, page, If_None_Match=headers["ETag"])[0] == 304
