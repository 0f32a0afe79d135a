"""A `.pressroom-cache/` damaged from outside (a sync tool, a scanner, a disk, a hand) heals
itself: what a build publishes is byte for byte what a build with no cache publishes, and the
damaged entry is made again for the next build."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.model.bodycache import BODIES_DIR
from pressroom.source.config import CACHE_DIR
from pressroom.source.inputs import TEXTS_FILE

from .conftest import ScratchSite

RELEASE = "---\ntitle: {title}\ndate: 2024-07-17\npartners: [kanagawa]\ntopics: [energy]\n---\n\n{body}\n"


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
