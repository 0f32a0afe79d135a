"""`build.py serve` over the life of a session: what it does when its output folder is taken
over, when inputs vanish, when it is stopped, and when it starts beside another server. Each
test runs a real server process on a tiny site, so it starts in about a second."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pressroom.output.folder import UnsafeOutput
from pressroom.output.render import OutputFile
from pressroom.output.writer import StagedSite
from pressroom.preview.watch import scratch_file

from .conftest import PROJECT

TOPICS = "energy: {de: Energie, ja: エネルギー, en: Energy}\n"
KANAGAWA = (
    "name: {de: Kanagawa, ja: 神奈川県, en: Kanagawa}\ncountry: JP\nsince: 1989\nstatus: active\n"
    "summary: {de: Partnerregion., ja: パートナー地域。, en: Partner region.}\nreading: かながわけん\n"
)
RELEASE_EN = (
    "---\ntitle: First release\ndate: 2024-07-17\ntopics: [energy]\npartners: [kanagawa]\n---\n\nOriginal text.\n"
)
RELEASE_DE = "---\ntitle: Erste Meldung\n---\n\nUrsprünglicher Text.\n"
PAGE = "en/releases/2024/one/"
WAIT = 30.0
"""Seconds any one thing may take before the test fails (the machine may be busy)."""


@dataclass
class Tiny:
    """A served tiny site: its root, the server process and what it printed."""

    root: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    url: str = ""

    @property
    def output(self) -> Path:
        return self.root / ".preview"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_for(self, what: str, check: Callable[[], object], timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the server said:\n{self.log()}")
            time.sleep(0.02)

    def wait_for_log(self, pattern: str, count: int = 1) -> None:
        self.wait_for(repr(pattern), lambda: len(re.findall(pattern, self.log())) >= count)

    def exit_code(self) -> int:
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()  # no server outlives its test
            self.process.wait(timeout=WAIT)
            raise AssertionError(f"the server did not end; it said:\n{self.log()}") from None

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")


def tiny_site(root: Path) -> Path:
    files = {
        "content/topics.yaml": TOPICS,
        "content/partners/kanagawa.yaml": KANAGAWA,
        "content/en/2024/one.md": RELEASE_EN,
        "content/de/2024/one.md": RELEASE_DE,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def start(root: Path, *args: str, log_name: str = "serve.log") -> Tiny:
    log_path = root.parent / log_name
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, str(PROJECT / "build.py"), "serve", "--source", str(root), "--no-search", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    return Tiny(root, process, log_path)


@contextlib.contextmanager
def serving(root: Path, *args: str, log_name: str = "serve.log") -> Iterator[Tiny]:
    """A server on the site at ``root``, once it says where it listens; ended after the test."""
    tiny = start(root, "--port", "0", *args, log_name=log_name)
    try:
        tiny.wait_for("the server to listen", lambda: "serving " in tiny.log() or tiny.process.poll() is not None)
        found = re.search(r"serving .* at (http://127\.0\.0\.1:\d+/) ", tiny.log())
        assert found, f"serve did not start:\n{tiny.log()}"
        tiny.url = found.group(1)
        yield tiny
    finally:
        if tiny.process.poll() is None:
            tiny.process.kill()
        tiny.process.wait(timeout=WAIT)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tiny_site(tmp_path / "site")


def _take_over(output: Path) -> Path:
    """An editor's own folder put where the preview's was: returns the file it holds."""
    os.rename(output, output.with_name("moved-away"))
    output.mkdir()
    own = output / "notes.txt"
    own.write_text("my important notes\n", encoding="utf-8")
    return own


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda root: _edit_text(root), id="quick-rebuild"),
        pytest.param(lambda root: (root / "content/en/2024/two.md").write_text(RELEASE_EN), id="full-rebuild"),
    ],
)
def test_a_folder_that_took_the_previews_place_is_never_touched(site: Path, edit: Callable[[Path], object]) -> None:
    """The marker was checked only at start: the next full rebuild removed the folder that had
    taken the preview's place, and a quick one stopped with a traceback."""
    with serving(site) as tiny:
        own = _take_over(tiny.output)
        edit(site)
        assert tiny.exit_code() == 2
    assert own.read_text(encoding="utf-8") == "my important notes\n"
    assert sorted(path.name for path in tiny.output.iterdir()) == ["notes.txt"]
    log = tiny.log()
    assert "Traceback" not in log
    assert re.search(r"build\.py: error: output folder \S*\.preview was replaced by a folder this tool did not", log)
    assert not [p for p in site.iterdir() if p.name.startswith("..preview.")]  # no staging, no lock left


def _edit_text(root: Path) -> None:
    source = root / "content/en/2024/one.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Original", "Edited"), encoding="utf-8")


def test_the_writer_replaces_no_folder_that_took_the_outputs_place_during_a_build(tmp_path: Path) -> None:
    """The last line of defence, for a folder put in place while the site was being rendered."""
    output = tmp_path / "out"
    with StagedSite(output) as first:
        first.write(OutputFile("index.html", b"first"))
        first.commit()
    with StagedSite(output) as second:
        second.write(OutputFile("index.html", b"second"))
        output.rename(tmp_path / "moved-away")
        output.mkdir()
        (output / "notes.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(UnsafeOutput):
            second.commit()
    assert [path.name for path in output.iterdir()] == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["moved-away", "out"]  # no staging left


def _loop(root: Path) -> None:
    folder = root / "content/en/2024"
    (folder / "loop-a.md").symlink_to("loop-b.md")
    (folder / "loop-b.md").symlink_to("loop-a.md")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda root: (root / "content/partners/kanagawa.yaml").unlink(),
            r"content/en/2024/one\.md:\d+: error: .*kanagawa",
            id="partner-deleted",
        ),
        pytest.param(
            lambda root: (root / "content/topics.yaml").unlink(),
            r"content/topics\.yaml:0: error: missing: .* content/en/2024/one\.md:4",
            id="topics-deleted",
        ),
        pytest.param(
            lambda root: (root / "site.yaml").unlink(), r"changed site\.yaml: rebuilt \d+ pages", id="settings-deleted"
        ),
        pytest.param(_loop, r"content/en/2024/loop-a\.md:0: error: cannot follow this link", id="link-loop"),
        pytest.param(
            lambda root: (root / "content").rename(root / "content-moved"),
            r"content:0: error: no content folder",
            id="content-moved",
        ),
    ],
)
def test_an_input_that_vanished_while_serving_rebuilds_the_whole_site(
    site: Path, change: Callable[[Path], object], expected: str
) -> None:
    """A changed path that no longer existed was dropped as an editor's temporary file, and
    the preview said "rebuilt the 0 pages showing the edit" over a site it no longer matched."""
    (site / "site.yaml").write_text("per_page: 10\n", encoding="utf-8")
    with serving(site) as tiny:
        change(site)
        tiny.wait_for_log(expected)
        assert "0 pages showing the edit" not in tiny.log()
        assert "Traceback" not in tiny.log()


def test_its_output_folder_deleted_while_serving_is_built_again(site: Path) -> None:
    """``git clean -fdx``, or an editor clearing the preview: every page was "nothing built
    yet" until some input changed, as deleting the output is no edit the watcher saw."""
    with serving(site) as tiny:
        shutil.rmtree(tiny.output)
        tiny.wait_for_log(r"\.preview was deleted: rebuilt \d+ pages")
        assert "Original text" in tiny.get(PAGE)
        time.sleep(1.5)  # the check is made each second without edits: one build, not one a second
        assert len(re.findall(r"rebuilt \d+ pages", tiny.log())) == 2, tiny.log()
        (site / "site.yaml").write_text("per_page: [\n", encoding="utf-8")  # a build of it fails
        tiny.wait_for_log(r"changed site\.yaml: build failed, still serving the last good build")
        shutil.rmtree(tiny.output)
        tiny.wait_for_log(r"\.preview was deleted: build failed, its output folder is gone: nothing is served\n")


def test_a_site_folder_moved_away_is_left_alone_until_it_is_back(site: Path) -> None:
    """The site's folder renamed while serving: the preview made a folder of the old name again
    within a second (for its lock, and a failed build its cache), and renaming the site back
    moved it into that folder, or was refused."""
    moved = site.with_name("site-renamed")
    with serving(site) as tiny:
        os.rename(site, moved)
        time.sleep(2.5)  # the lock is renewed, and a deleted output looked for, each second
        assert not os.path.lexists(site), sorted(path.name for path in site.iterdir())
        tiny.wait_for_log(r"was moved or deleted: nothing is built until it is back\n")
        os.rename(moved, site)
        tiny.wait_for_log(r"site is back: rebuilt \d+ pages")
        _edit_text(site)
        tiny.wait_for("the edit", lambda: "Edited text" in tiny.get(PAGE))
        assert "Traceback" not in tiny.log()
    assert sorted(path.name for path in site.parent.iterdir() if path.name.startswith("site")) == ["site"]


def test_a_preview_started_again_over_its_own_build_says_it_kept_it(site: Path) -> None:
    """It said "start: rebuilt 0 pages" and no more, which reads as an empty site."""
    with serving(site) as first:
        first.process.terminate()
        assert first.exit_code() == 143
    with serving(site, log_name="again.log") as again:
        kept = r"\(nothing changed since the last build: \.preview is served as it was\)"
        assert re.match(rf"start: rebuilt 0 pages in \d+\.\d\d s {kept}\n", again.log()), again.log()
        assert "Original text" in again.get(PAGE)


def test_a_temporary_file_that_came_and_went_rebuilds_nothing(site: Path) -> None:
    """An editor's save through a temporary file of a name not known to be one: the rename is
    the edit, the temporary file is no input."""
    with serving(site) as tiny:
        source = site / "content/en/2024/one.md"
        temporary = source.with_name("one.md.save-in-progress")
        temporary.write_text(RELEASE_EN.replace("Original", "Edited"), encoding="utf-8")
        os.replace(temporary, source)
        tiny.wait_for_log(r"rebuilt the \d+ pages showing the edit")
        assert "Edited text" in tiny.get(PAGE)
        assert not re.search(r"rebuilt \d+ pages in", tiny.log().split("serving ", 1)[1])  # no full build


def _many_releases(root: Path, count: int) -> None:
    """Enough pages that a full rebuild takes a moment to be caught in."""
    for number in range(count):
        (root / f"content/en/2023/r{number}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"content/en/2023/r{number}.md").write_text(
            f"---\ntitle: Release {number}\ndate: 2023-01-{number % 28 + 1:02d}\n---\n\nText {number}.\n",
            encoding="utf-8",
        )


def _staging(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith("..preview.") and path.is_dir())


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopped_during_a_rebuild_it_leaves_no_staging_folder_and_says_so(
    site: Path, stop: signal.Signals, code: int
) -> None:
    """Rebuilds ran in a timer thread that the interpreter dropped at exit: Ctrl-C or SIGTERM
    during one left its ``..preview.XXXX`` staging folder for ever, and Ctrl-C exited 0."""
    _many_releases(site, 200)
    with serving(site) as tiny:
        for attempt in range(20):  # until the signal lands while a staging folder exists
            (site / f"content/en/2023/new{attempt}.md").write_text(RELEASE_EN, encoding="utf-8")  # a full rebuild
            deadline = time.monotonic() + WAIT
            while not _staging(site) and time.monotonic() < deadline and f"new{attempt}" not in tiny.log():
                time.sleep(0.002)
            if _staging(site):
                tiny.process.send_signal(stop)
                break
            tiny.wait_for_log(r"changed new\d+\.md: ", attempt + 1)
        else:
            pytest.fail(f"no rebuild was caught with its staging folder:\n{tiny.log()}")
        assert tiny.exit_code() == code
    assert _staging(site) == []
    assert f"build.py: interrupted ({stop.name})\n" in tiny.log()  # not "put in place": the first build was settled
    assert "Traceback" not in tiny.log()


def test_staging_folders_a_killed_server_left_are_removed_at_start(site: Path) -> None:
    left = [site / "..preview.abcd_123", site / "..preview.old.zz99yy88"]
    for folder in left:
        (folder / "en").mkdir(parents=True)
        (folder / "en/index.html").write_text("half a build", encoding="utf-8")
    own = site / "..preview.notes"  # not a name a build gives: someone's own
    own.mkdir()
    with serving(site):
        pass
    assert _staging(site) == ["..preview.notes"]


def test_a_port_in_use_is_said_before_anything_is_built(site: Path) -> None:
    """The whole site was built (a minute at 30,000 pages) before the port was found taken."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        tiny = start(site, "--port", str(port))
        assert tiny.exit_code() == 2
    assert re.fullmatch(r"build\.py: error: cannot listen on 127\.0\.0\.1:\d+: .+\n", tiny.log()), tiny.log()
    # What to do: the editor, who did not choose the port, is told how to choose another.
    assert f"in use (by another program, or another preview); give another port: --port {port + 1}," in tiny.log()
    assert "or --port 0 for any free one" in tiny.log()
    assert not (site / ".preview").exists()
    assert sorted(path.name for path in site.iterdir()) == ["content"]  # its lock is gone too


def test_a_second_server_of_the_same_folder_is_refused_and_the_first_goes_on(site: Path) -> None:
    """Two servers of one site swapped .preview under each other."""
    with serving(site) as first:
        second = start(site, "--port", "0", log_name="second.log")
        assert second.exit_code() == 2
        said = second.log()
        assert re.fullmatch(
            r"build\.py: error: another 'build\.py serve' is already building into \S+/\.preview"
            r" \(it holds \S+/\.\.preview\.serve-lock\); stop it first, or give this one another --output\n",
            said,
        ), said
        _edit_text(site)
        first.wait_for_log(r"rebuilt the \d+ pages showing the edit")
        assert "Edited text" in first.get(PAGE)
        first.process.send_signal(signal.SIGTERM)
        assert first.exit_code() == 143
    assert not (site / "..preview.serve-lock").exists()
    with serving(site, log_name="third.log") as third:  # once the first has ended, the folder is free
        assert "Edited text" in third.get(PAGE)


def test_a_lock_removed_under_a_running_server_is_taken_again(site: Path) -> None:
    """git clean -fdx removes the lock beside .preview with it: a second server then started on
    the folder the first was building into."""
    with serving(site) as first:
        lock = site / "..preview.serve-lock"
        lock.unlink()
        first.wait_for("the lock to be taken again", lock.exists)
        second = start(site, "--port", "0", log_name="second.log")
        assert second.exit_code() == 2
        assert "is already building into" in second.log()
        first.process.send_signal(signal.SIGTERM)
        assert first.exit_code() == 143
    assert not lock.exists()


SCRATCH = [
    ".one.md.swp",
    ".one.md.swo",
    ".one.md.swx",
    "#one.md#",
    ".#one.md",
    "4913",
    "5036",
    ".goutputstream-Q2XK71",
    "one.md___jb_tmp___",
    "one.md___jb_old___",
    ".one.md.kate-swp",
    "one.md~",
    "sedK3b9Qz",
    ".~lock.one.md#",
    ".DS_Store",
    "._one.md",
    "Thumbs.db",
    "desktop.ini",
]


def test_editors_scratch_files_are_no_inputs() -> None:
    assert [name for name in SCRATCH if not scratch_file(name)] == []
    inputs = ["one.md", "2024", "4914", "sedation", "logo.svg", "site.yaml", "kanagawa.yaml", "messages.po", "x~.md"]
    assert [name for name in inputs if scratch_file(name)] == []


def test_editors_scratch_files_start_no_rebuild(site: Path) -> None:
    """Vim's swap files and write probe, Emacs's auto-saves, gedit's, JetBrains', Kate's and
    sed's temporary files each started a rebuild (a full one once they were gone); so did the
    lock LibreOffice keeps beside a document while it is open, and the files macOS's Finder
    leaves in every folder it shows (each a full rebuild, of a site whose build ignores them)."""
    with serving(site) as tiny:
        folder = site / "content/en/2024"
        for name in SCRATCH:
            (folder / name).write_text("scratch", encoding="utf-8")
        for name in SCRATCH[::2]:
            (folder / name).unlink()
        time.sleep(0.5)  # longer than the debounce: a rebuild for them would start now
        _edit_text(site)
        tiny.wait_for_log(r"rebuilt the \d+ pages showing the edit")
        rebuilds = re.findall(r"^changed .*", tiny.log(), re.MULTILINE)
        assert len(rebuilds) == 1 and rebuilds[0].startswith("changed one.md: "), tiny.log()
