"""Bodies read ahead: a build that renders pages has the kept bodies they show read by a process
of its own while its workers start; a build that links every kept page reads none."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pressroom.base import parallel
from pressroom.base.errors import Problems
from pressroom.base.files import in_cache, read_ahead
from pressroom.output import warming
from pressroom.output.carryover import STORE_DIR
from pressroom.pipeline.loading import load_site
from pressroom.preview.resume import build_resuming
from pressroom.source.config import CACHE_DIR

from .conftest import copy_project_site


def test_read_ahead_reads_plain_files_and_passes_over_the_rest(tmp_path: Path) -> None:
    files = []
    for number, size in enumerate([0, 1, 4096, 5000, 3 << 20, *range(100, 1600, 100)]):
        file = tmp_path / f"entry-{number}"
        file.write_bytes(os.urandom(size))
        files.append(str(file))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # nobody writes to it: reading it would wait for ever
    others = [str(tmp_path / "missing"), str(pipe), str(tmp_path)]
    assert read_ahead([*others, *files], threads=4) == len(files) == 20
    assert read_ahead([], threads=3) == 0
    assert read_ahead(files[:1], threads=1) == 1
    assert read_ahead(files, threads=0) == len(files)  # at least the caller reads


def test_a_build_reads_ahead_the_bodies_of_the_pages_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_project_site(tmp_path / "root")
    record = tmp_path / "read-ahead.jsonl"

    def recording(paths: list[str]) -> int:  # runs in the forked reader: it writes down what it was given
        with record.open("a", encoding="utf-8") as out:
            out.write(json.dumps(list(paths)) + "\n")
        return len(paths)

    monkeypatch.setattr(warming, "read_ahead", recording)
    monkeypatch.setattr(warming, "in_cache", lambda paths: False)  # as if the system had let them go
    monkeypatch.setattr(warming, "MIN_BODIES", 1)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # workers even for a small site

    def runs() -> list[list[str]]:
        return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()] if record.exists() else []

    output = tmp_path / "site"
    build_resuming(source, output, search="off", jobs=2)
    catalog = load_site(source, Problems(), cache=source / CACHE_DIR).catalog
    versions = [v for text in (*catalog.releases, *catalog.pages) for v in text.translations.values()]
    entries = {catalog.bodies.file_entry(v.digest, v.lang) for v in versions}
    assert len(versions) > 20 and None not in entries
    [first] = runs()
    # Each version's body once, and each is where the build then kept it.
    assert len(first) == len(versions) and set(first) == entries
    assert all(Path(entry).is_file() for entry in first)

    # Into an emptied folder, every page kept by the last build is linked: no body is read.
    shutil.rmtree(output)
    build_resuming(source, output, search="off", jobs=2)
    assert len(runs()) == 1

    # The kept pages gone (as after an edit to a template), every body is read ahead again.
    shutil.rmtree(output)
    shutil.rmtree(source / CACHE_DIR / STORE_DIR)
    build_resuming(source, output, search="off", jobs=2)
    assert runs()[1:] == [first]

    # Asked, the system says they are in its cache (just read): no reader is forked.
    monkeypatch.setattr(warming, "in_cache", in_cache)
    shutil.rmtree(output)
    shutil.rmtree(source / CACHE_DIR / STORE_DIR)
    build_resuming(source, output, search="off", jobs=2)
    assert len(runs()) == 2


@pytest.mark.skipif(not hasattr(os, "RWF_NOWAIT"), reason="the system cannot be asked")
def test_in_cache_asks_the_system_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for number in range(3):
        file = tmp_path / f"body-{number}"
        file.write_bytes(os.urandom(6000))
        file.read_bytes()
        files.append(str(file))
    assert in_cache(files)
    assert in_cache([])
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    for other in (str(tmp_path / "missing"), str(tmp_path), str(empty)):
        assert not in_cache([files[0], other])
    with monkeypatch.context() as without:
        without.delattr(os, "RWF_NOWAIT")
        assert not in_cache([files[0]])  # where the system cannot say: read ahead
    # Written to the disk and let go of: its first bytes are only on the disk now.
    descriptor = os.open(files[1], os.O_RDONLY)
    try:
        os.fsync(descriptor)
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)
    if _on_tmpfs(tmp_path):
        pytest.skip("a file system in memory (tmpfs) never lets its files go")
    assert not in_cache(files)
    assert in_cache([files[0], files[2]])


def _on_tmpfs(path: Path) -> bool:
    """Whether ``path`` lies on a file system held in memory (``/proc/mounts``' longest match)."""
    mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    found = max((m for m in mounts if str(path).startswith(m[1].rstrip("/") + "/")), key=lambda m: len(m[1]))
    return found[2] in ("tmpfs", "ramfs")
