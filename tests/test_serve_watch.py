"""What `build.py serve` watches: input folders replaced, made or removed while it serves, and
edits saved while its first build runs. Each test runs a real server on a tiny site."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from pressroom.preview import server

from .conftest import PROJECT
from .test_serve_lifecycle import PAGE, WAIT, _edit_text, serving, tiny_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tiny_site(tmp_path / "site")


def _moved_away_and_back(root: Path) -> None:
    os.rename(root / "content", root / "content-x")
    os.rename(root / "content-x", root / "content")


def _deleted_and_made_again(root: Path) -> None:
    """What ``git checkout`` of another branch does to a folder that differs."""
    shutil.copytree(root / "content", root.parent / "copy")
    shutil.rmtree(root / "content")
    shutil.copytree(root.parent / "copy", root / "content")


@pytest.mark.parametrize("replace", [_moved_away_and_back, _deleted_and_made_again], ids=["moved", "deleted"])
def test_a_content_folder_replaced_while_serving_is_still_watched(site: Path, replace: object) -> None:
    """The watch was on the folder as it was at start: once it was replaced, no edit was seen."""
    with serving(site) as tiny:
        replace(site)  # type: ignore[operator]
        tiny.wait_for_log(r"changed .*content.*: rebuilt \d+ pages")
        _edit_text(site)
        tiny.wait_for("the edit to be served", lambda: "Edited text" in _served(tiny, PAGE))


def _served(tiny: Any, path: str) -> str:
    """The page at ``path``, or nothing while it is not there: a rebuild that saw the folder
    half made again (its copy still under way) has no page for it until the next one."""
    try:
        return str(tiny.get(path))
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
        return ""


def test_a_language_folder_moved_away_and_back_while_serving_is_watched_without_a_screenful(site: Path) -> None:
    """content/de dragged out of the site and back (or a branch switched that way) made
    watchdog print a RuntimeWarning with all its watches, one per sub-folder, into the terminal."""
    with serving(site) as tiny:
        os.rename(site / "content" / "de", site.parent / "de-away")
        tiny.wait_for_log(r"changed de: rebuilt \d+ pages")
        os.rename(site.parent / "de-away", site / "content" / "de")
        tiny.wait_for_log(r"changed .*: rebuilt \d+ pages", count=2)
        german = site / "content/de/2024/one.md"  # what came back is watched
        german.write_text(german.read_text(encoding="utf-8").replace("Ursprünglicher", "Geänderter"), "utf-8")
        tiny.wait_for("the edit to be served", lambda: "Geänderter Text" in tiny.get("de/releases/2024/one/"))
        assert "Warning" not in tiny.log() and "watchdog" not in tiny.log(), tiny.log()


@pytest.mark.parametrize("name", ["templates", "locales"])
def test_a_sites_own_folder_made_while_serving_is_watched(site: Path, name: str) -> None:
    """Only folders that existed at start were watched: the site's own templates or catalogs,
    made later, were read by the next build but an edit to them started none."""
    with serving(site) as tiny:
        (site / name).mkdir()
        tiny.wait_for_log(rf"changed {name}: rebuilt \d+ pages")
        time.sleep(0.3)  # the new watch is in place once the rebuild it started has ended
        (site / name / "notes.txt").write_text("a new file\n", encoding="utf-8")
        tiny.wait_for_log(r"changed notes\.txt: rebuilt \d+ pages")


def test_an_edit_saved_during_the_first_build_is_served(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watcher started after the first build: an edit saved while it ran, after it had read
    the file, was never built. Here the edit is saved as the first build ends."""
    real_build = server.build
    builds: list[object] = []

    def build_then_edit(*args: Any, **kwargs: Any) -> Any:
        result = real_build(*args, **kwargs)
        if not builds:
            _edit_text(site)
        builds.append(result)
        return result

    monkeypatch.setattr(server, "build", build_then_edit)
    page = site / ".preview" / PAGE / "index.html"

    def stop_once_served() -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and not (page.is_file() and "Edited text" in page.read_text("utf-8")):
            time.sleep(0.05)
        # Ctrl-C, which ends the server as it ends an editor's: a real signal, sent to the main
        # thread, so that one arriving while it forks workers waits (held) rather than being
        # dropped, as _thread.interrupt_main's is while SIGINT is ignored for the fork.
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        while not ended.wait(5):  # again until it has ended: a test must fail, never hang
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    ended = threading.Event()
    # Ctrl-C raises KeyboardInterrupt, as build.py makes sure: a test run started in the
    # background by a shell (CI's, say) begins with SIGINT ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    threading.Thread(target=stop_once_served, daemon=True).start()
    try:
        with pytest.raises(KeyboardInterrupt):
            server.serve(site, site / ".preview", port=0, log=io.StringIO(), search=False)
    finally:
        ended.set()
        signal.signal(signal.SIGINT, previous)
    assert "Edited text" in page.read_text("utf-8")


def _run(command: str, root: Path, output: Path) -> subprocess.CompletedProcess[str]:
    extra = ["--no-search", *(["--port", "0"] if command == "serve" else [])]
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), command, "--source", str(root), "--output", str(output), *extra],
        capture_output=True,
        text=True,
        timeout=WAIT,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("command", ["serve", "build"])
@pytest.mark.parametrize("folder", ["templates", "locales"])
def test_an_output_inside_a_bundled_input_folder_is_refused(site: Path, command: str, folder: str) -> None:
    """The bundled templates and catalogs, which a site without its own reads and the preview
    watches, were accepted as an output: serve rebuilt for ever, each build seeing the last."""
    output = PROJECT / folder / f"pressroom-test-output-{os.getpid()}"
    run = _run(command, site, output)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [
        f"build.py: error: output folder {output} is inside the bundled {folder} folder; choose a folder outside it"
    ], run.stderr
    assert not output.exists()


@pytest.mark.parametrize("command", ["serve", "build"])
def test_an_output_inside_a_linked_templates_folder_is_refused(site: Path, tmp_path: Path, command: str) -> None:
    """A site's templates/ that is a link to a folder shared by its sites was not recognised."""
    shared = tmp_path / "shared-templates"
    shared.mkdir()
    (site / "templates").symlink_to(shared)
    run = _run(command, site, shared / "out")
    assert run.returncode == 2, run.stderr
    assert "is inside the site's templates; choose a folder outside it" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (shared / "out").exists()
