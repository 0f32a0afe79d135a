"""The record of the content files' status: a file with the status it had when last hashed is
not read again, and nothing an editor can do to a file slips past it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pressroom.base.errors import Problems
from pressroom.base.files import read_plain
from pressroom.base.marshalled import marshalled
from pressroom.source import filestats, inputs
from pressroom.source.config import CACHE_DIR, load_config, template_dirs
from pressroom.source.content import file_digest
from pressroom.source.filestats import STATS_FILE, FileStats

from .test_incremental import fourteen_releases

OPTIONS = {"drafts": False, "search": "off"}


@pytest.fixture
def site(scratch_site):
    return scratch_site(fourteen_releases(), with_defaults=False)


@pytest.fixture
def settled(monkeypatch) -> None:
    """Files count as settled however recently they changed (a test writes them just before)."""
    monkeypatch.setattr(filestats, "RECENT_NS", -(10**12))


def hashes(root: Path, record: bool = True) -> inputs.Hashes:
    config = load_config(root, Problems())
    stats = root / CACHE_DIR / STATS_FILE if record else None
    return inputs.build_hashes(config, template_dirs(config), OPTIONS, stats=stats)


def reads_counted(monkeypatch) -> list[str]:
    """The content files `build_hashes` opens from now on."""
    opened: list[str] = []

    def counting_read(name):
        opened.append(str(name))
        return read_plain(name)

    monkeypatch.setattr(inputs, "read_plain", counting_read)
    return opened


def test_unchanged_files_are_not_read_again_and_hash_the_same(site, settled, monkeypatch) -> None:
    first = hashes(site.root)
    assert (site.root / CACHE_DIR / STATS_FILE).is_file()
    opened = reads_counted(monkeypatch)
    again = hashes(site.root)
    assert again == first
    assert not [name for name in opened if name.endswith(".md")]


def test_the_record_changes_no_hash(site, settled) -> None:
    assert hashes(site.root, record=False) == hashes(site.root) == hashes(site.root)


def test_an_edited_file_is_read_and_its_new_digest_taken(site, settled, monkeypatch) -> None:
    first = hashes(site.root)
    path = site.root / "content/de/r2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Meldung 2", "Meldung 7"), encoding="utf-8")
    opened = reads_counted(monkeypatch)
    edited = hashes(site.root)
    assert [name for name in opened if name.endswith(".md")] == [str(path)]
    assert edited.files[str(path)] == file_digest(path.read_bytes()) != first.files[str(path)]
    assert edited.inputs != first.inputs


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(site, settled) -> None:
    path = site.root / "content/de/r2.md"
    before = os.stat(path)
    hashes(site.root)
    text = path.read_bytes()
    path.write_bytes(text.replace(b"Meldung 2", b"Meldung 8"))  # the same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a sync tool or `touch -r` leaves it
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert hashes(site.root).files[str(path)] == file_digest(path.read_bytes())


def test_a_file_changed_moments_before_it_was_looked_at_is_read_again_next_time(site, monkeypatch) -> None:
    # Another edit within the clock's resolution could leave its status as it was.
    first = hashes(site.root)
    opened = reads_counted(monkeypatch)
    hashes(site.root)
    assert sorted(name for name in opened if name.endswith(".md")) == sorted(
        name for name in first.files if name.endswith(".md")
    )


def test_a_file_that_came_or_went_changes_the_hash(site, settled) -> None:
    first = hashes(site.root)
    (site.root / "content/de/r2.md").unlink()
    gone = hashes(site.root)
    assert str(site.root / "content/de/r2.md") not in gone.files and gone.inputs != first.inputs
    (site.root / "content/de/r99.md").write_text("---\ntitle: Neu\n---\nText\n", encoding="utf-8")
    assert str(site.root / "content/de/r99.md") in hashes(site.root).files


@pytest.mark.parametrize("kept", [b"", b"\x00garbage", b"\xe9\x01\x00\x00\x00", None])
def test_a_damaged_record_is_read_as_none(site, settled, kept) -> None:
    first = hashes(site.root)
    record = site.root / CACHE_DIR / STATS_FILE
    if kept is None:  # the right format, entries of the wrong shape
        names = list(first.files)
        record.write_bytes(marshalled((filestats.FORMAT, {names[0]: 5, names[1]: ((1, 2), b"x", 3)})))
    else:
        record.write_bytes(kept)
    assert hashes(site.root) == first


def test_only_a_record_that_differs_is_written(site, settled) -> None:
    hashes(site.root)
    record = site.root / CACHE_DIR / STATS_FILE
    written = record.stat().st_mtime_ns
    os.utime(record, ns=(written - 10**9, written - 10**9))
    hashes(site.root)
    assert record.stat().st_mtime_ns == written - 10**9
    assert FileStats(None).digest(str(site.root / "nowhere.md")) is None


def test_where_a_status_cannot_be_trusted_every_file_is_read(site, settled, monkeypatch) -> None:
    # Windows: st_ctime is the creation time, so an edit keeping size and mtime would slip by.
    monkeypatch.setattr(filestats, "TRUSTED", False)
    first = hashes(site.root)
    assert not (site.root / CACHE_DIR / STATS_FILE).exists()
    opened = reads_counted(monkeypatch)
    assert hashes(site.root) == first
    assert sorted(name for name in opened if name.endswith(".md")) == sorted(
        name for name in first.files if name.endswith(".md")
    )
