"""Two workers of one build making the same cache entry at once (a language's site card, a
picture shown on pages of both): each finds it missing from its own record and makes it, and
neither may take the other's from under it while that worker links it into the site. A file is
replaced by a rename in one step, a rendition's folder kept when it holds the same bytes, and
only an entry damaged from outside is moved aside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pressroom.output import images, sharecard
from pressroom.output.mediarecord import MediaRecord


def test_a_card_another_worker_just_drew_stays_in_place_while_it_is_drawn_again(tmp_path, monkeypatch) -> None:
    drawn = sharecard.share_card("Besuch aus Kanagawa", "de", "Presse", tmp_path, MediaRecord(tmp_path))
    first = drawn.read_bytes()
    there: list[bool] = []
    real = sharecard.write_whole

    def write(target: Path, data: bytes) -> None:
        there.append(target.is_file())  # what the first worker may be linking at this moment
        real(target, data)

    monkeypatch.setattr(sharecard, "write_whole", write)
    # The second worker's record does not know the first one's card: it draws it again.
    again = sharecard.share_card("Besuch aus Kanagawa", "de", "Presse", tmp_path, MediaRecord(tmp_path))
    assert there == [True], "the card was removed before the new one took its place"
    assert again == drawn and again.read_bytes() == first


def test_a_folder_where_a_card_goes_is_moved_aside(tmp_path) -> None:
    record = MediaRecord(tmp_path)
    path = sharecard.share_card("X", "en", "Press", tmp_path, record)
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("not a card")
    again = sharecard.share_card("X", "en", "Press", tmp_path, MediaRecord(tmp_path))
    assert again.is_file() and again.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in again.parent.iterdir()) == [again.name]


ENCODED = {"480.avif": b"avif bytes", "480.jpeg": b"jpeg bytes"}


def test_a_rendition_another_worker_put_in_place_is_kept_as_it_is(tmp_path) -> None:
    folder = tmp_path / "images" / "ab" / "abcdef"
    images._store(folder, ENCODED)
    inode = os.stat(folder / "480.avif").st_ino
    images._store(folder, ENCODED)  # the second worker's copy of the same bytes
    assert os.stat(folder / "480.avif").st_ino == inode  # the files the first worker links, untouched
    assert [p.name for p in folder.parent.iterdir()] == ["abcdef"]  # its own copy not left behind


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / "480.avif").write_bytes(b"avif byt"),  # cut short
        lambda folder: (folder / "480.jpeg").unlink(),  # a file gone
        lambda folder: (folder / "extra.txt").write_text("x"),  # a file too many
        lambda folder: ((folder / "480.avif").unlink(), (folder / "480.avif").symlink_to(folder / "480.jpeg")),
    ],
)
def test_a_rendition_damaged_from_outside_is_replaced(tmp_path, damage) -> None:
    folder = tmp_path / "images" / "ab" / "abcdef"
    images._store(folder, ENCODED)
    damage(folder)
    images._store(folder, ENCODED)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == ENCODED
    assert all(not p.is_symlink() for p in folder.iterdir())
    assert [p.name for p in folder.parent.iterdir()] == ["abcdef"]
