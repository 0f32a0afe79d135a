"""Named pipes, sockets and devices among a site's files: reported by name, never opened.

Reading a named pipe waits for a writer that never comes, so one such file among the content,
the templates, the catalogs or the media once made `build.py` hang for ever. Each is now an
error naming the file, the build stops with exit code 1 and the output is left as it was.
Every command here runs in a process of its own with a short timeout, so that a hang fails
the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressroom.base.files import NotPlainFile, read_plain

from .conftest import PROJECT
from .test_translations import release

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")

A = "content/en/2024/a.md"
PIPE = "a named pipe, not a file"
TIMEOUT = 90
"""Seconds a command may take here; a build of these small sites takes a few."""


def build_py(root: Path, *args: str, command: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    line = [sys.executable, str(PROJECT / "build.py"), *command, "--source", str(root), *args]
    return subprocess.run(line, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def build(root: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return build_py(root, "--output", str(output), "--no-search")


def errors(run: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in run.stderr
    return [line for line in run.stderr.splitlines() if ": error: " in line]


def test_reading_a_named_pipe_raises_at_once(tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    started = time.monotonic()
    with pytest.raises(NotPlainFile) as raised:
        read_plain(pipe)
    assert time.monotonic() - started < 5
    assert raised.value.strerror == PIPE
    with pytest.raises(NotPlainFile, match="a folder, not a file"):
        read_plain(tmp_path)
    (tmp_path / "plain.md").write_bytes(b"# Title\n")
    assert read_plain(tmp_path / "plain.md") == b"# Title\n"


@pytest.mark.parametrize("size", [0, 1, 65_537, 300_000])
def test_a_plain_file_is_read_whole_whatever_its_size(tmp_path, size):
    data = os.urandom(size)
    (tmp_path / "file").write_bytes(data)
    assert read_plain(tmp_path / "file") == data


@pytest.mark.parametrize("said", [0, 10, 99_999, 100_001, 1 << 20])
def test_a_file_that_grew_or_shrank_since_its_size_was_asked_is_read_to_its_end(tmp_path, monkeypatch, said):
    # Another program writing the file between the build's look at its size and its read.
    data = os.urandom(100_000)
    (tmp_path / "file").write_bytes(data)
    real = os.fstat
    monkeypatch.setattr(
        os, "fstat", lambda descriptor: os.stat_result((*real(descriptor)[:6], said, *real(descriptor)[7:]))
    )
    assert read_plain(tmp_path / "file") == data


def test_pipes_among_the_content_are_errors_and_the_output_stays(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    first = build(site.root, site.output)
    assert first.returncode == 0, first.stderr
    before = {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()}
    os.mkfifo(site.root / "content/en/2024/b.md")
    (site.root / "content/en/2024/c.md").symlink_to("b.md")
    os.mkfifo(site.root / "content/partners/pipe.yaml")
    os.mkfifo(site.root / "content/topics.yaml.new")

    run = build(site.root, site.output)

    assert run.returncode == 1
    assert errors(run) == [
        f"content/en/2024/b.md:0: error: {PIPE}: content is read from plain files only; remove it",
        f"content/en/2024/c.md:0: error: {PIPE}: content is read from plain files only; remove it",
        f"content/partners/pipe.yaml:0: error: {PIPE}: content is read from plain files only; remove it",
        f"content/topics.yaml.new:0: error: {PIPE}: content is read from plain files only; remove it",
    ]
    assert {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()} == before
    # `check` says the same, and a socket is named for what it is.
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(site.root / "content/en/2024/d.md"))
        checked = build_py(site.root, command=("check",))
    assert checked.returncode == 1
    socket_error = "content/en/2024/d.md:0: error: a socket, not a file: content is read from plain files only"
    assert socket_error in checked.stderr


def test_a_pipe_in_place_of_a_template_a_catalog_or_the_settings(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "templates/static/site.css": "body {}\n"})
    os.mkfifo(site.root / "templates/base.html")  # Jinja would have used the project's instead
    os.mkfifo(site.root / "templates/static/extra.css")
    os.mkfifo(site.root / "site.yaml")  # the defaults would have built another site
    catalog = site.root / "locales/de/LC_MESSAGES/messages.po"
    catalog.parent.mkdir(parents=True)
    os.mkfifo(catalog)  # the German pages would have had English words

    run = build(site.root, site.output)

    assert run.returncode == 1
    assert errors(run) == [
        f"locales/de/LC_MESSAGES/messages.po:0: error: cannot read catalog: {PIPE}",
        f"site.yaml:0: error: cannot read the file: {PIPE}",
        f"templates/base.html:0: error: {PIPE}: remove it",
        f"templates/static/extra.css:0: error: {PIPE}: remove it",
    ]
    assert not site.output.exists()
    (site.root / "site.yaml").unlink()
    extracting = build_py(site.root, command=("i18n", "status"))  # reads every template
    assert extracting.returncode == 1
    assert errors(extracting) == [
        f"templates/base.html:0: error: {PIPE}: remove it",
        f"templates/static/extra.css:0: error: {PIPE}: remove it",
    ]
    (site.root / "templates/base.html").unlink()
    (site.root / "templates/static/extra.css").unlink()
    for command in (("i18n", "status"), ("i18n", "update")):
        catalogs = build_py(site.root, command=command)
        assert catalogs.returncode == 1, command
        assert f"locales/de/LC_MESSAGES/messages.po:0: error: cannot read catalog: {PIPE}" in catalogs.stderr
    assert catalog.is_fifo()


def test_a_pipe_among_the_media(scratch_site):
    image = "image:\n  file: 2024/photo.jpg\n  alt: A photo\n"
    site = scratch_site({A: release("A", f"date: 2024-01-01\n{image}")})
    (site.root / "content/media/2024").mkdir(parents=True)
    os.mkfifo(site.root / "content/media/2024/photo.jpg")
    os.mkfifo(site.root / "content/media/2024/unused.pdf")

    run = build(site.root, site.output)

    assert run.returncode == 1
    assert errors(run) == [
        f"{A}:5: error: content/media/2024/photo.jpg is not a file",
        f"content/media/2024/unused.pdf:0: error: {PIPE}: remove it",
    ]


def test_a_pipe_in_the_cache_folder_and_a_file_in_its_place(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    assert build(site.root, site.output).returncode == 0
    cache = site.root / ".pressroom-cache"
    for kept in ("texts", "content-files"):  # read by every build that renders a page
        (cache / kept).unlink(missing_ok=True)
        os.mkfifo(cache / kept)
    (site.root / A).write_text(release("A", "date: 2024-01-01\n", "Text, edited."), encoding="utf-8")
    edited = build(site.root, site.output)
    assert edited.returncode == 0, edited.stderr
    assert "Text, edited." in (site.output / "en/releases/2024/a/index.html").read_text(encoding="utf-8")
    # A file where the cache folder belongs: the build says so, and makes everything anew.
    for path in sorted(cache.rglob("*"), key=lambda p: -len(p.parts)):
        path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
    cache.rmdir()
    cache.write_text("not a folder\n")
    (site.root / A).write_text(release("A", "date: 2024-01-01\n", "Text, edited again."), encoding="utf-8")
    unkept = build(site.root, site.output)
    assert unkept.returncode == 0
    assert unkept.stderr.splitlines() == [
        ".pressroom-cache:0: warning: not a folder (remove or rename this file): this build made everything anew"
        " and kept nothing for the next one"
    ]
    assert "Text, edited again." in (site.output / "en/releases/2024/a/index.html").read_text(encoding="utf-8")
    assert cache.read_text() == "not a folder\n"
