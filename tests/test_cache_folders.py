"""The cache's folders for other versions of the generator are removed; nothing else is."""

from __future__ import annotations

import os

from pressroom.base.files import remove_other_folders


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
