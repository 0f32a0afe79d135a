"""`build.py serve` as an editor uses it: a real server process on a free loopback port."""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import RunningPreview, held_search_indexer, running_preview, slow_search_indexer

RELEASE = "en/releases/2024/kanagawa-joint-declaration/"
SOURCE = "content/en/2024/kanagawa-declaration.md"


class Preview:
    def __init__(self, running: RunningPreview) -> None:
        self.root = running.root
        self.process = running.process
        self.url = running.url

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def state(self) -> dict[str, object]:
        """The first state the live-reload channel sends to a newly opened tab."""
        with urllib.request.urlopen(self.url + "__pressroom/events", timeout=5) as response:
            for raw in response:
                line = raw.decode("utf-8").strip()
                if line.startswith("data: "):
                    return json.loads(line.removeprefix("data: "))
        raise AssertionError("the event stream closed without a state")

    def wait_for(self, condition: str, check: object, timeout: float = 10.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if check():  # type: ignore[operator]
                return time.monotonic() - started
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {condition}; server said:\n{self.log()}")

    def log(self) -> str:
        return (self.root / "serve.log").read_text(encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    with running_preview(tmp_path) as running:
        yield Preview(running)


def _replace_by_rename(path: Path, text: str) -> None:
    """Save the way many editors do: write a temporary file, then rename it over the original."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_serves_on_loopback_with_reload_script_only_in_responses(preview: Preview) -> None:
    assert preview.url.startswith("http://127.0.0.1:")
    status, page = preview.get(RELEASE)
    assert status == 200
    assert '<script src="/__pressroom/reload.js"' in page
    # The built file itself is the plain build: the snippet exists only in what the server sends.
    built = (preview.root / ".preview" / RELEASE / "index.html").read_text(encoding="utf-8")
    assert "__pressroom" not in built
    # (marked while the first search index is made, as it may still be here)
    snippets = [f'<script src="/__pressroom/reload.js"{mark} defer></script>' for mark in ("", " data-indexing")]
    assert page in {built.replace("</body>", snippet + "</body>") for snippet in snippets}
    status, script = preview.get("__pressroom/reload.js")
    assert status == 200 and "EventSource" in script and "location.reload" in script


def test_missing_page_gets_the_languages_not_found_page(preview: Preview) -> None:
    status, page = preview.get("ja/no-such-page/")
    assert status == 404
    assert 'lang="ja"' in page


def test_edit_is_served_and_a_broken_file_keeps_the_last_good_build(preview: Preview) -> None:
    source = preview.root / SOURCE
    original = source.read_text(encoding="utf-8")
    generation = preview.state()["generation"]

    # 1. A one-file edit, saved by rename, shows up.
    _replace_by_rename(source, original.replace("deepen their partnership", "renew their partnership", 1))
    seconds = preview.wait_for("the edit", lambda: "renew their partnership" in preview.get(RELEASE)[1])
    assert seconds < 5
    # Open tabs learn of the new build, which makes them reload.
    preview.wait_for("a new generation", lambda: preview.state()["generation"] != generation)
    # Only the text changed: the server rendered the pages showing that release, not the site.
    assert re.search(r"rebuilt the \d+ pages showing the edit \(\d+ changed\)", preview.log()), preview.log()

    # 2. A broken file: the last good build is still served, and open tabs get the error.
    source.write_text(original.replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
    preview.wait_for("the error", lambda: preview.state()["errors"])
    errors = preview.state()["errors"]
    assert any(line.startswith(f"{SOURCE}:") and ": error: YAML syntax error" in line for line in errors), errors
    status, page = preview.get(RELEASE)
    assert status == 200 and "renew their partnership" in page
    assert "build failed, still serving the last good build" in preview.log()
    assert preview.process.poll() is None

    # 3. Fixed: the error clears and the fix is served.
    source.write_text(original, encoding="utf-8")
    preview.wait_for("recovery", lambda: not preview.state()["errors"])
    assert "deepen their partnership" in preview.get(RELEASE)[1]
    assert "Traceback" not in preview.log()


def test_new_file_and_config_change_are_picked_up(preview: Preview) -> None:
    (preview.root / "content/de/2025").mkdir()
    (preview.root / "content/de/2025/neu.md").write_text(
        "---\ntitle: Ganz neue Meldung\ndate: 2025-01-02\n---\n\nText.\n", encoding="utf-8"
    )
    preview.wait_for("the new release", lambda: preview.get("de/releases/2025/neu/")[0] == 200)
    assert "Ganz neue Meldung" in preview.get("de/releases/")[1]

    config = preview.root / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'en: "Baden-Württemberg: International Exchange"', "en: BW Preview Title"
        ),
        encoding="utf-8",
    )
    preview.wait_for("the new title", lambda: "BW Preview Title" in preview.get("en/")[1])


def _searched(preview: Preview) -> dict[str, str]:
    """What the served search finds: each indexed page's address, and its title (searched as
    metadata, not part of the text) and text."""
    found = {}
    for fragment in (preview.root / ".preview" / "pagefind" / "fragment").glob("*.pf_fragment"):
        with contextlib.suppress(OSError):  # replaced by the next index as it is read
            page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
            found[page["url"]] = f"{page['meta'].get('title', '')}\n{page['content']}"
    return found


def test_the_search_finds_what_the_edited_and_renamed_pages_say(preview: Preview) -> None:
    source = preview.root / SOURCE
    text = source.read_text(encoding="utf-8")
    preview.wait_for("the first index", lambda: RELEASE in {url.lstrip("/") for url in _searched(preview)}, 60)
    # A text edit (a quick rebuild of the pages that show it) is found by the search.
    source.write_text(text.replace("deepen their partnership", "deepen their quokkaship", 1), encoding="utf-8")
    preview.wait_for("the edit", lambda: "quokkaship" in preview.get(RELEASE)[1])
    preview.wait_for("the edit in the search", lambda: "quokkaship" in _searched(preview).get(f"/{RELEASE}", ""))
    # A new slug (a full rebuild): the search leads to the new address, not to one now gone.
    source.write_text(text.replace("slug: ", "slug: renamed-", 1), encoding="utf-8")
    renamed = RELEASE.replace("kanagawa-joint-declaration", "renamed-kanagawa-joint-declaration")
    preview.wait_for("the new address", lambda: preview.get(renamed)[0] == 200)
    preview.wait_for("the new address in the search", lambda: f"/{renamed}" in _searched(preview))
    assert f"/{RELEASE}" not in _searched(preview)
    assert "Traceback" not in preview.log()
    assert not [p.name for p in preview.root.iterdir() if p.name.startswith("..preview.") and "lock" not in p.name]


def test_a_link_loop_made_while_serving_does_not_stop_the_rebuilds(preview: Preview) -> None:
    folder = preview.root / "content/en/2024"
    (folder / "loop-a.md").symlink_to(folder / "loop-b.md")
    (folder / "loop-b.md").symlink_to(folder / "loop-a.md")
    (folder / "round").symlink_to(folder)
    preview.wait_for("the rebuild the links cause", lambda: "changed" in preview.log())
    # Whatever the build made of the loop, open tabs are not told where the editor's files are.
    for line in preview.state()["errors"]:  # type: ignore[union-attr]
        assert str(preview.root) not in line and 'File "/' not in line, line
    for name in ("loop-a.md", "loop-b.md", "round"):
        (folder / name).unlink()
    source = preview.root / SOURCE
    source.write_text(
        source.read_text(encoding="utf-8").replace("deepen their partnership", "loop-proof partnership", 1),
        encoding="utf-8",
    )
    preview.wait_for("the edit after the loop", lambda: "loop-proof partnership" in preview.get(RELEASE)[1])
    assert preview.process.poll() is None
    assert "Exception in thread" not in preview.log()  # the watcher's death, as it used to happen


SLOW_INDEX_SECONDS = 8.0
"""How long the search index takes in the tests below: as on a site of some thousands of releases."""


def _edit(preview: Preview, source: Path, old: str, new: str) -> float:
    """Save an edit; the seconds until its page shows it."""
    source.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return preview.wait_for(f"the edit {new!r}", lambda: new in preview.get(RELEASE)[1], timeout=30)


def test_an_edit_saved_while_the_search_index_is_made_is_built_at_once(tmp_path: Path) -> None:
    """The index was made again after each rebuild, in the thread that rebuilds: an edit saved
    meanwhile waited for it (5 to 10 seconds at 2,000 releases) before it was built."""
    env, slow = slow_search_indexer(tmp_path / "indexer", SLOW_INDEX_SECONDS)
    with running_preview(tmp_path, env) as running:
        preview = Preview(running)
        slow.touch()
        source = preview.root / SOURCE
        _edit(preview, source, "deepen their partnership", "deepen their wombatship")
        seconds = _edit(preview, source, "wombatship", "numbatship")
        assert seconds < SLOW_INDEX_SECONDS / 2, f"the second edit showed after {seconds:.1f} s"
        # Its index follows: the search finds what the page says now, not the first edit.
        indexed = lambda: "numbatship" in _searched(preview).get(f"/{RELEASE}", "")  # noqa: E731
        preview.wait_for("the index", indexed, timeout=4 * SLOW_INDEX_SECONDS)
        assert "Traceback" not in preview.log()
    # Stopped while an index may still be made: it says so, and nothing of it is left beside the site.
    assert preview.process.returncode == 143, preview.log()
    # Stopped after the index was put in place, not while: "interrupted" alone is the truth.
    assert preview.log().endswith("build.py: interrupted (SIGTERM)\n"), preview.log()
    assert "called when the thread is inactive" not in preview.log()  # the watcher, told of the clean-up
    left = [path.name for path in preview.root.iterdir() if path.name.startswith((".preview.", ".index."))]
    assert not left


def test_a_search_page_is_told_to_reload_only_once_the_index_finds_the_edit(tmp_path: Path) -> None:
    """Open tabs were told of a new build when its pages were in place, before its index: a
    search page reloaded, searched the index of the pages before the edit, and kept showing
    what they said. Each state a tab is sent is checked against the index at that moment."""
    env, slow = slow_search_indexer(tmp_path / "indexer", 2.0)
    with running_preview(tmp_path, env) as running:
        preview = Preview(running)
        slow.touch()
        source = preview.root / SOURCE
        before = preview.state()
        with urllib.request.urlopen(preview.url + "__pressroom/events", timeout=30) as response:
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace("deepen their partnership", "deepen their quokkaship", 1), encoding="utf-8")
            for raw in response:
                line = raw.decode("utf-8").strip()
                if not line.startswith("data: "):
                    continue
                state = json.loads(line.removeprefix("data: "))
                # The build a search page goes by: the newest whose index is in place (before,
                # tabs were told of one build only, and a search page went by it too).
                indexed = state.get("indexed", state["generation"])
                found = "quokkaship" in _searched(preview).get(f"/{RELEASE}", "")
                if state["generation"] > before["generation"] and indexed < state["generation"]:
                    assert not found and "quokkaship" in preview.get(RELEASE)[1]  # pages first: they reload
                if indexed > before["generation"] and indexed == state["generation"]:
                    assert found, "a search page was told to reload before the index found the edit"
                    break


def test_a_server_killed_while_an_index_is_made_leaves_its_port_and_folder_free(tmp_path: Path) -> None:
    """The index's process held copies of the server's socket and lock: a server killed outright
    left its port and output folder taken until the index was made, and one started again was
    refused ("another 'build.py serve' is already building into .preview")."""
    env, slow = slow_search_indexer(tmp_path / "indexer", 4 * SLOW_INDEX_SECONDS)
    with running_preview(tmp_path, env) as running:
        preview = Preview(running)
        slow.touch()
        _edit(preview, preview.root / SOURCE, "deepen their partnership", "deepen their wombatship")
        time.sleep(1.0)  # the index is being made
        running.process.kill()
        running.process.wait()
        with socket.socket() as again:
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", urlsplit(preview.url).port or 0))
        with (preview.root / "..preview.serve-lock").open("rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _processes_naming(text: str) -> list[int]:
    """The processes whose command line names ``text`` (a test's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def test_a_closed_terminal_stops_the_preview_as_ctrl_c_does(tmp_path: Path) -> None:
    """SIGHUP, which closing the terminal sends, ended the server on the spot: its index's
    process (and Pagefind under it) ran on, and its staging folders were left beside the site."""
    env, slow = slow_search_indexer(tmp_path / "indexer", 4 * SLOW_INDEX_SECONDS)
    with running_preview(tmp_path, env) as running:
        preview = Preview(running)
        slow.touch()
        _edit(preview, preview.root / SOURCE, "deepen their partnership", "deepen their wombatship")
        indexing = lambda: _processes_naming(str(tmp_path / "indexer"))  # noqa: E731  (its slow Pagefind)
        preview.wait_for("the index to be made", indexing)
        running.process.send_signal(signal.SIGHUP)
        assert running.process.wait(timeout=30) == 129, preview.log()
    assert preview.log().endswith("build.py: interrupted (SIGHUP)\n"), preview.log()
    preview.wait_for("the index's processes to end", lambda: not _processes_naming(str(tmp_path)), timeout=5)
    lock = preview.root / "..preview.serve-lock"
    if lock.exists():  # given back, it is removed; left, it must at least be free
        with lock.open("rb") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    left = [path.name for path in preview.root.iterdir() if path.name.startswith((".preview.", ".index."))]
    assert not left


def test_a_preview_started_under_nohup_outlives_its_terminal(tmp_path: Path) -> None:
    """Started ignoring SIGHUP (``nohup build.py serve &`` over ssh), the preview ended with 129
    when the terminal closed: the handler that stops it on SIGHUP replaced the ignoring it was
    handed. It goes on serving; Ctrl-C still stops it."""
    with running_preview(tmp_path, ignoring=(signal.SIGHUP,)) as running:
        preview = Preview(running)
        running.process.send_signal(signal.SIGHUP)
        with pytest.raises(subprocess.TimeoutExpired):
            running.process.wait(timeout=1)
        status, page = preview.get(RELEASE)
        assert status == 200 and "deepen their partnership" in page
        running.process.send_signal(signal.SIGINT)
        assert running.process.wait(timeout=30) == 130, preview.log()
    assert "SIGHUP" not in preview.log(), preview.log()


def test_the_first_pages_are_served_before_their_search_index_is_made(tmp_path: Path) -> None:
    """The first build made its search index before the server answered anything: a minute or
    two at 2,000 releases before the first page. Its index is made behind it now, as a
    rebuild's is; the search page says so, and is told to reload once the index is in place."""
    env, held = held_search_indexer(tmp_path / "indexer")
    held.touch()  # Pagefind waits until the test lets it run
    with running_preview(tmp_path, env) as running:
        preview = Preview(running)
        status, page = preview.get(RELEASE)
        assert status == 200 and "deepen their partnership" in page
        assert not (preview.root / ".preview" / "pagefind").exists()
        # Built with its index coming, the page offers search (a site built without one does not).
        assert 'role="search" action="/en/search/"' in page
        state = preview.state()
        assert state["indexed"] < state["generation"]  # an open search page waits for the index
        status, search = preview.get("en/search/")
        assert status == 200 and 'id="search-indexing"' in search
        # Its reload script is marked so, to say it before search.js says search is unavailable.
        assert '<script src="/__pressroom/reload.js" data-indexing defer>' in search
        held.unlink()
        preview.wait_for("the index", lambda: f"/{RELEASE}" in _searched(preview), timeout=60)
        preview.wait_for("the search pages' reload", lambda: preview.state()["indexed"] == state["generation"])
        assert "data-indexing" not in preview.get("en/search/")[1]
        assert "Traceback" not in preview.log()
    # Started again over the same inputs, it keeps that build, its index included.
    with running_preview(tmp_path, env) as again:
        log = again.log.read_text(encoding="utf-8")
        assert "(nothing changed since the last build: .preview is served as it was)" in log, log
        state = Preview(again).state()
        assert state["indexed"] == state["generation"]
