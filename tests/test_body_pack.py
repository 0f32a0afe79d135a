"""The pack of kept bodies: a build that renders every page finds each body in one file, gives
the same site with it, without it and with a damaged one, and a few edits leave it as it is."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
from pathlib import Path

import pytest

from pressroom.base import parallel
from pressroom.base.errors import Problems
from pressroom.model import bodycache
from pressroom.model.bodycache import BODIES_DIR, PACK_FILE, BodyCache
from pressroom.model.bodypack import MAGIC, BodyPack, write_pack
from pressroom.output.carryover import STORE_DIR
from pressroom.pipeline.loading import load_site
from pressroom.preview.resume import build_resuming
from pressroom.source.config import CACHE_DIR

from .conftest import copy_project_site


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but its marker (which names the build), by path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".pressroom")
    }


def test_a_pack_gives_back_each_entry_as_written_and_nothing_else(tmp_path: Path) -> None:
    entries = {(os.urandom(16), lang): os.urandom(size) for lang, size in [("de", 0), ("ja", 1), ("en", 70_000)]}
    write_pack(tmp_path / "pack", entries)
    pack = BodyPack(tmp_path / "pack")
    assert {key: pack.get(key) for key in entries} == entries
    assert pack.keys() == set(entries)
    assert pack.get((b"unknown", "de")) is None
    pack.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) - 10],  # cut short: the last entry is missing its end
        lambda data: b"not a pack" + data,
        lambda data: MAGIC + (10**9).to_bytes(8, "little") + data[len(MAGIC) + 8 :],  # an index longer than the file
        lambda data: MAGIC + (3).to_bytes(8, "little") + b"\x00\x01\x02",  # an index that does not decode
        lambda data: b"",
    ],
)
def test_a_damaged_pack_gives_nothing_it_does_not_hold_whole(tmp_path: Path, damage) -> None:
    entries = {(b"a" * 16, "de"): b"first entry", (b"b" * 16, "ja"): b"last entry"}
    write_pack(tmp_path / "pack", entries)
    (tmp_path / "pack").write_bytes(damage((tmp_path / "pack").read_bytes()))
    pack = BodyPack(tmp_path / "pack")
    found = {key: pack.get(key) for key in entries}
    assert all(found[key] in (None, data) for key, data in entries.items())
    assert found[(b"b" * 16, "ja")] is None


def test_a_pack_let_go_closes_its_file(tmp_path: Path) -> None:
    write_pack(tmp_path / "pack", {(b"a" * 16, "de"): b"entry"})
    pack = BodyPack(tmp_path / "pack")
    assert pack.get((b"a" * 16, "de")) == b"entry"
    descriptor = pack._descriptor
    os.fstat(descriptor)
    del pack
    gc.collect()
    with pytest.raises(OSError):
        os.fstat(descriptor)


def test_a_kept_model_holds_the_body_cache_without_its_open_pack(tmp_path: Path) -> None:
    cache = BodyCache(tmp_path / BODIES_DIR)
    assert cache.pack is not None
    cache.pack.open()
    copy = pickle.loads(pickle.dumps(cache))
    assert copy.folder == cache.folder and copy.pack is not None and copy.pack.path == cache.pack.path


@pytest.fixture
def packed_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bodycache, "MIN_PACKED", 1)  # a pack even for the bundled site
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # workers even for a small site
    return copy_project_site(tmp_path / "root")


def pack_of(source: Path) -> Path:
    [pack] = (source / CACHE_DIR / BODIES_DIR).glob(f"*/{PACK_FILE}")
    return pack


def versions_with_files(source: Path) -> list[tuple[bytes, str]]:
    return load_site(source, Problems(), cache=source / CACHE_DIR).catalog.file_bodies()


def test_every_page_rendered_again_finds_its_body_in_the_pack(
    packed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, output = packed_site, tmp_path / "site"
    build_resuming(source, output, search="off", jobs=2)
    first = read_tree(output)
    assert BodyPack(pack_of(source)).keys() == set(versions_with_files(source))

    # The kept pages and every body's own file gone: the pack alone gives each body, unrendered.
    for folder in pack_of(source).parent.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    shutil.rmtree(source / CACHE_DIR / STORE_DIR)
    shutil.rmtree(output)

    def no_rendering(*args: object, **kwargs: object) -> str:
        raise AssertionError("a body was rendered although the pack holds it")

    monkeypatch.setattr(bodycache, "render_markdown", no_rendering)
    build_resuming(source, output, search="off", jobs=2)
    assert read_tree(output) == first


def test_a_damaged_pack_means_the_bodies_own_files_and_a_new_pack(packed_site: Path, tmp_path: Path) -> None:
    source, output = packed_site, tmp_path / "site"
    build_resuming(source, output, search="off", jobs=2)
    first = read_tree(output)
    pack = pack_of(source)
    whole = pack.read_bytes()
    pack.write_bytes(whole[: len(whole) // 2])
    shutil.rmtree(source / CACHE_DIR / STORE_DIR)
    shutil.rmtree(output)
    build_resuming(source, output, search="off", jobs=2)
    assert read_tree(output) == first
    assert pack.read_bytes() == whole  # most bodies were missing from it: written again, the same


def test_an_edit_of_one_release_leaves_the_pack_as_it_is(packed_site: Path, tmp_path: Path) -> None:
    source, output = packed_site, tmp_path / "site"
    build_resuming(source, output, search="off", jobs=2)
    before = pack_of(source).stat()
    release = next((source / "content" / "de").glob("20*/*.md"))
    release.write_text(release.read_text(encoding="utf-8") + "\nEin Satz mehr.\n", encoding="utf-8")
    build_resuming(source, output, search="off", jobs=2)
    after = pack_of(source).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert any("Ein Satz mehr." in page.read_text(encoding="utf-8") for page in (output / "de").rglob("index.html"))
