"""A `.pressroom-cache/` damaged from outside (a sync tool, a scanner, a disk, a hand) heals
itself: what a build publishes is byte for byte what a build with no cache publishes, and the
damaged entry is made again for the next build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pressroom.model.bodycache import BODIES_DIR
from pressroom.output.carryover import STORE_DIR
from pressroom.output.searchstore import STORE_DIR as SEARCH_DIR
from pressroom.source.config import CACHE_DIR
from pressroom.source.inputs import TEXTS_FILE

from .conftest import ScratchSite
from .test_media_images import photo

RELEASE = "---\ntitle: {title}\ndate: 2024-07-17\npartners: [kanagawa]\ntopics: [energy]\n---\n\n{body}\n"
LEAD = "image:\n  file: besuch.jpg\n  alt: Zwei Delegationen\n"


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2024/besuch.md": RELEASE.format(title="Besuch", body="Ein Text über den Besuch in Yokohama."),
            "content/ja/2024/besuch.md": RELEASE.format(title="訪問", body="横浜訪問についての文章。"),
            "content/en/2024/besuch.md": RELEASE.format(title="Visit", body="A text about the visit to Yokohama."),
        }
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def differing(folder: Path, cold: dict[str, bytes]) -> list[str]:
    """The files of ``folder`` not as the build with no cache wrote them, and those missing."""
    found = files_of(folder)
    return sorted(name for name in found.keys() | cold.keys() if found.get(name) != cold.get(name))


def replace_in(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes in the middle of a cache file, its length kept: what a bad disk or another
    program's write leaves, which no parser notices."""
    data = path.read_bytes()
    assert len(old) == len(new) and old in data, path
    path.write_bytes(data.replace(old, new, 1))


def test_a_remembered_text_changed_in_the_cache_is_made_again(site, tmp_path) -> None:
    assert site.build_py().returncode == 0  # no cache yet: the output to compare with
    cold = files_of(site.output)
    texts = site.root / CACHE_DIR / TEXTS_FILE
    replace_in(texts, b"Deutsch", b"Deutxch")
    run = site.build_py("--output", str(tmp_path / "again"))  # another folder: every page made
    assert run.returncode == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []
    assert b"Deutxch" not in texts.read_bytes(), "the damaged file is written again"


def test_a_kept_body_changed_in_the_cache_is_rendered_again(site, tmp_path) -> None:
    assert site.build_py().returncode == 0
    cold = files_of(site.output)
    found = (site.root / CACHE_DIR / BODIES_DIR).rglob("*")
    entries = [p for p in found if p.is_file() and b"Yokohama." in p.read_bytes()]
    assert entries
    for entry in entries:
        replace_in(entry, b"Yokohama.", b"Yokohamx.")
    run = site.build_py("--output", str(tmp_path / "again"))
    assert run.returncode == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []


@pytest.fixture
def pictured(scratch_site) -> ScratchSite:
    """A release with a lead image: its renditions and share picture are kept in the cache, as
    are the share cards of the other pages."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n",
            "content/de/2024/besuch.md": RELEASE.format(title="Besuch", body="Text.").replace(
                "---\n\n", LEAD + "---\n\n"
            ),
            "content/en/2024/besuch.md": RELEASE.format(title="Visit", body="Text.").replace(
                "---\n\n", "image:\n  alt: Two delegations\n---\n\n"
            ),
        }
    )
    (site.root / "content" / "media").mkdir(parents=True)
    (site.root / "content" / "media" / "besuch.jpg").write_bytes(photo(1300, 700))
    return site


def damage(path: Path, how: str, outside: Path) -> None:
    if how == "cut short":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "emptied":
        path.write_bytes(b"")
    elif how == "bytes changed":
        data = bytearray(path.read_bytes())
        data[len(data) // 2 : len(data) // 2 + 4] = bytes(b ^ 0x5A for b in data[len(data) // 2 : len(data) // 2 + 4])
        path.write_bytes(bytes(data))
    elif how == "a folder":
        path.unlink()
        (path / "inside").mkdir(parents=True)
    elif how == "a link outside":
        outside.write_bytes(b"not a picture")
        path.unlink()
        path.symlink_to(outside)
    elif how == "a dangling link":
        path.unlink()
        path.symlink_to(outside / "nowhere")
    else:
        path.unlink()


MEDIA = {
    "rendition": "images/*/*-by-width/480.webp",
    "share picture": "images/*/*.share.1200.jpg",
    "share card": "cards/*/*.png",
}


@pytest.mark.parametrize("kind", MEDIA)
@pytest.mark.parametrize(
    "how", ["cut short", "emptied", "bytes changed", "a folder", "a link outside", "a dangling link"]
)
def test_a_damaged_media_file_is_made_again_not_published(pictured, tmp_path, kind, how) -> None:
    assert pictured.build().code == 0
    cold = files_of(pictured.output)
    cache = pictured.root / CACHE_DIR
    kept = sorted(cache.glob(MEDIA[kind]))
    assert kept, kind
    good = {path: path.read_bytes() for path in kept}
    for path in kept:
        damage(path, how, tmp_path / "outside")
    run = pictured.build("--output", str(tmp_path / "again"))
    assert run.code == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []
    for path, data in good.items():
        assert path.is_file() and not path.is_symlink() and path.read_bytes() == data, "made again in the cache"
    made = {path: os.stat(path).st_ino for path in kept}
    assert pictured.build("--output", str(tmp_path / "third")).code == 0
    assert {path: os.stat(path).st_ino for path in kept} == made, "the next build takes it as kept"


def test_a_kept_model_changed_in_the_cache_is_not_taken(site, tmp_path) -> None:
    assert site.build().code == 0
    cold = files_of(site.output)
    models = [p for p in (site.root / CACHE_DIR / "models").iterdir() if b"Besuch" in p.read_bytes()]
    assert models
    for model in models:
        replace_in(model, b"Besuch", b"Besucx")  # the title
    shutil.rmtree(site.root / CACHE_DIR / STORE_DIR)  # no kept page stands for a page: each is rendered
    shutil.rmtree(site.output)
    run = site.build()
    assert run.code == 0, run.stderr
    assert differing(site.output, cold) == []


@pytest.mark.parametrize("how", ["cut short", "bytes changed", "a folder", "a dangling link", "removed"])
def test_a_damaged_search_bundle_is_indexed_again_not_published(site, tmp_path, how) -> None:
    assert site.build(search=True).code == 0
    cold = files_of(site.output)
    kept = sorted((site.root / CACHE_DIR / SEARCH_DIR).glob("*/pagefind.js"))
    assert kept
    for path in kept:
        damage(path, how, tmp_path / "outside")
    run = site.build("--output", str(tmp_path / "again"), search=True)
    assert run.code == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []
    assert site.build("--output", str(tmp_path / "third"), search=True).code == 0
    assert differing(tmp_path / "third", cold) == []


def cold_files(site: ScratchSite, tmp_path: Path) -> dict[str, bytes]:
    """What a build with no cache at all publishes (its cache removed after)."""
    assert site.build("--output", str(tmp_path / "cold")).code == 0
    shutil.rmtree(site.root / CACHE_DIR)
    return files_of(tmp_path / "cold")


def make_immutable(path: Path) -> None:
    """A folder that not even root may write: ``chattr +i`` (where the system has it)."""
    path.mkdir()
    if shutil.which("chattr") is None or os.system(f"chattr +i '{path}' 2>/dev/null") != 0:
        pytest.skip("no chattr +i here")


@pytest.mark.parametrize("what", ["a file", "a dangling link", "a link to itself", "a folder that cannot be written"])
def test_a_cache_that_cannot_be_used_is_said_once_and_the_site_built_from_scratch(site, tmp_path, what) -> None:
    cold = cold_files(site, tmp_path)
    cache = site.root / CACHE_DIR
    if what == "a file":
        cache.write_text("not a folder")
    elif what == "a dangling link":
        cache.symlink_to(tmp_path / "nowhere")
    elif what == "a link to itself":
        cache.symlink_to(CACHE_DIR)
    else:
        make_immutable(cache)
    try:
        run = site.build()
    finally:
        os.system(f"chattr -i '{cache}' 2>/dev/null")
    assert run.code == 0, run.stderr
    said = [line for line in run.stderr.splitlines() if line]
    assert len(said) == 1 and said[0].startswith(f"{CACHE_DIR}:0: warning: "), run.stderr
    assert "kept nothing for the next one" in said[0]
    assert differing(site.output, cold) == [".pressroom-site"]  # its warning is said again next time
    assert cache.is_symlink() or cache.is_file() or not any(cache.iterdir()), "what stands there is left alone"


def test_a_probe_record_changed_in_the_cache_is_not_taken(pictured, tmp_path) -> None:
    assert pictured.build().code == 0
    cold = files_of(pictured.output)
    records = sorted((pictured.root / CACHE_DIR).glob("probed-*/*/*"))
    assert records
    for record in records:  # what the image is said to measure: 1300 pixels wide, as marshal writes it
        replace_in(record, (1300).to_bytes(4, "little"), (1900).to_bytes(4, "little"))
    run = pictured.build("--output", str(tmp_path / "again"))
    assert run.code == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []


def test_a_compiled_template_changed_in_the_cache_is_compiled_again(site, tmp_path) -> None:
    assert site.build().code == 0
    cold = files_of(site.output)
    compiled = [p for p in (site.root / CACHE_DIR / "templates").glob("*/*") if b"</footer>" in p.read_bytes()]
    assert compiled
    for path in compiled:
        replace_in(path, b"</footer>", b"</footex>")
    shutil.rmtree(site.root / CACHE_DIR / STORE_DIR)  # no kept page stands for a page: each is rendered
    run = site.build("--output", str(tmp_path / "again"))
    assert run.code == 0, run.stderr
    assert differing(tmp_path / "again", cold) == []
