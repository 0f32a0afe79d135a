"""The preview's search index made behind its rebuilds (`Reindexer`), on its own: what it does
when the index cannot be made, and that an index never replaces a newer one."""

from __future__ import annotations

import errno
import os
import signal
import socket
import time
from pathlib import Path

import pytest

from pressroom.base.errors import BuildFailed, Problems
from pressroom.output.folder import MARKER, MARKER_TEXT
from pressroom.preview import reindex
from pressroom.preview.lock import serving_lock
from pressroom.preview.reindex import Reindexer
from pressroom.preview.state import BuildState


def _output(tmp_path: Path) -> Path:
    output = tmp_path / ".preview"
    (output / "pagefind").mkdir(parents=True)
    (output / MARKER).write_text(f"{MARKER_TEXT}\n", encoding="utf-8")
    (output / "pagefind" / "made-by").write_text("the first build", encoding="utf-8")
    return output


def _problems(message: str) -> Problems:
    problems = Problems()
    problems.error("search", 0, message)
    return problems


def _settle(indexer: Reindexer, timeout: float = 30.0) -> None:
    """Poll as the server's loop does until no index is being made."""
    deadline = time.monotonic() + timeout
    while indexer.running is not None:
        assert time.monotonic() < deadline, "the index was never made"
        time.sleep(0.02)
        indexer.poll()


def _fake_index(folder: Path, jobs: int | None = None, *, bundle: Path, cache: Path | None = None) -> float:
    """An index whose one file tells which build's pages it read, made slowly."""
    (bundle / "made-by").write_text((folder / "built").read_text(encoding="utf-8"), encoding="utf-8")
    time.sleep(0.5)
    return 0.0


@pytest.mark.parametrize(
    ("failure", "told"),
    [
        (RuntimeError("a bug"), "(RuntimeError: a bug)"),
        (FileNotFoundError(2, "No such file or directory"), "No such file or directory)"),
        (BuildFailed(_problems("Pagefind failed: out of memory")), "search:0: error: Pagefind failed: out of memory"),
    ],
)
def test_an_index_that_fails_is_said_and_the_preview_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, told: str
) -> None:
    """A failure the index's process sent back that was not one of those foreseen (a bug) went
    up through the server's loop and ended the preview in a traceback."""

    def failing(*args: object, **kwargs: object) -> float:
        raise failure

    monkeypatch.setattr(reindex, "index_site", failing)
    output = _output(tmp_path)
    state, said = BuildState(), []
    state.succeeded(indexed=False)
    indexer = Reindexer(output, state, lambda *lines: said.extend(lines), lose=lambda: said.append("lost"))
    indexer.want(1, None)
    _settle(indexer)
    assert any("the search index could not be updated: searches still find" in line for line in said), said
    assert any(told in line for line in said), said
    assert state.snapshot().indexed == 1  # tried: a search page open shows what there is
    assert (output / "pagefind" / "made-by").read_text(encoding="utf-8") == "the first build"
    assert [path.name for path in tmp_path.iterdir()] == [".preview"]  # no index folder left


def test_only_the_newest_builds_index_is_put_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index finished after a newer build came was put in place without open search pages
    being told (it is not the newest build's): their script, which reads the list of the
    index's files once, then asked for files gone."""
    monkeypatch.setattr(reindex, "index_site", _fake_index)
    placed = []

    def replace_pages(output: Path, files: list[object], record: object, bundle: Path) -> int:
        placed.append((bundle / "made-by").read_text(encoding="utf-8"))
        return real(output, files, record, bundle=bundle)  # type: ignore[arg-type]

    real = reindex.replace_pages
    monkeypatch.setattr(reindex, "replace_pages", replace_pages)
    output = _output(tmp_path)
    state = BuildState()
    indexer = Reindexer(output, state, print, lose=lambda: None)
    (output / "built").write_text("build 1", encoding="utf-8")
    state.succeeded(indexed=False)
    indexer.want(1, None)
    time.sleep(0.2)  # the index of build 1 has read its pages: builds 2 and 3 come while it is made
    for generation in (2, 3):
        (output / "built").write_text(f"build {generation}", encoding="utf-8")
        state.succeeded(indexed=False)
        indexer.want(generation, None)
    _settle(indexer)
    assert placed == ["build 3"]
    assert (output / "pagefind" / "made-by").read_text(encoding="utf-8") == "build 3"
    assert state.snapshot().indexed == state.snapshot().generation == 3
    indexer.stop()


def test_an_index_made_in_the_servers_own_process_leaves_the_server_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no process can be forked (a limit reached), the index is made in the server's own
    process: what is done only to a process of its own (the server's sockets and lock closed,
    SIGTERM's handler replaced) closed the server's own listening socket."""
    monkeypatch.setattr(reindex, "index_site", _fake_index)

    def no_fork() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    output = _output(tmp_path)
    (output / "built").write_text("build 1", encoding="utf-8")
    handler = signal.getsignal(signal.SIGTERM)
    state = BuildState()
    state.succeeded(indexed=False)
    with socket.socket() as listening, serving_lock(output):
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        indexer = Reindexer(output, state, print, lose=lambda: None)
        indexer.want(1, None)
        _settle(indexer)
        assert listening.fileno() != -1 and os.fstat(listening.fileno())
        assert listening.getsockname()[1]
    assert signal.getsignal(signal.SIGTERM) == handler
    assert (output / "pagefind" / "made-by").read_text(encoding="utf-8") == "build 1"


def test_an_index_that_cannot_begin_is_said_once_and_the_preview_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No folder could be made for the index (a full disk): the error went up through the
    server's loop and ended the preview in a traceback."""

    def full_disk(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reindex.tempfile, "mkdtemp", full_disk)
    output = _output(tmp_path)
    state, said = BuildState(), []
    state.succeeded(indexed=False)
    indexer = Reindexer(output, state, lambda *lines: said.extend(lines), lose=lambda: said.append("lost"))
    indexer.want(1, None)
    indexer.poll()
    assert said == [
        "the search index could not be updated: searches still find what the pages said before this change"
        " (No space left on device)"
    ]
    assert state.snapshot().indexed == 1
