"""The cache's folders for other versions of the generator are removed; nothing else is."""

from __future__ import annotations

import os

import pytest

from pressroom.base.files import remove_aside, remove_other_folders


def test_other_folders_go_while_kept_folders_files_and_links_stay(tmp_path):
    parent = tmp_path / "templates"
    kept, old, elsewhere = parent / "current", parent / "old", tmp_path / "elsewhere"
    for folder in (kept, old, elsewhere):
        folder.mkdir(parents=True)
        (folder / "entry").write_bytes(b"x")
    (parent / "index").write_bytes(b"a file, not a version's folder")
    os.symlink(elsewhere, parent / "link")
    remove_other_folders(parent, {kept})
    assert sorted(path.name for path in parent.iterdir()) == ["current", "index", "link"]
    assert (kept / "entry").exists() and (elsewhere / "entry").exists()


def test_a_missing_cache_folder_is_no_error(tmp_path):
    remove_other_folders(tmp_path / "absent", set())
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize("kind", ["folder", "file", "link"])
def test_an_entry_removed_aside_leaves_nothing_beside_it(tmp_path, kind) -> None:
    entry = tmp_path / "entry"
    if kind == "folder":
        (entry / "inner").mkdir(parents=True)
        (entry / "inner" / "x").write_text("x")
    elif kind == "file":
        entry.write_text("damaged")
    else:
        (tmp_path / "target").write_text("kept")
        entry.symlink_to(tmp_path / "target")
    remove_aside(entry, "damaged")
    assert sorted(p.name for p in tmp_path.iterdir()) == (["target"] if kind == "link" else [])
