"""The cache's share cards and pictures that no recent build used (of a release deleted, of a
title changed) are removed, with their records, by a build that uses the cache alone; those of
the site as it is stay, and the site is the same."""

from __future__ import annotations

import shutil
from pathlib import Path

from pressroom.base.marshalled import read_marshalled
from pressroom.output.mediarecord import RECORD
from pressroom.source.config import CACHE_DIR

from .conftest import ScratchSite
from .test_cache_former import holding
from .test_damaged_cache import pictured  # noqa: F401  (a fixture)
from .test_incremental import files_of
from .test_media_images import photo

GENERATIONS = 3
"""Builds whose media files are kept (`mediarecord.GENERATIONS`): the last, and two more for a
second output folder."""

RELEASE = """\
---
title: {title}
date: 2024-07-17
---

Text.
"""


def cards(cache: Path) -> set[str]:
    return {path.relative_to(cache).as_posix() for path in (cache / "cards").rglob("*.png")}


def recorded(cache: Path) -> set[str]:
    kept = read_marshalled(cache / RECORD)
    assert isinstance(kept, tuple)
    return set(kept[1])


def with_farewell(site: ScratchSite) -> set[str]:
    """Build the site, then with a second release, which is then deleted; the cards of that
    release (its card in the cache: the site's own cards are the same)."""
    cache = site.root / CACHE_DIR
    assert site.build().code == 0
    before = cards(cache)
    site.write({"content/de/2024/abschied.md": RELEASE.format(title="Abschied aus Stuttgart")})
    assert site.build().code == 0
    farewell = cards(cache) - before
    assert len(farewell) == 1 and farewell <= recorded(cache)
    (site.root / "content/de/2024/abschied.md").unlink()
    return farewell


def test_the_card_of_a_deleted_release_goes_after_the_builds_that_keep_it(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    cache = site.root / CACHE_DIR
    farewell = with_farewell(site)
    others = cards(cache) - farewell
    # Each a build that publishes every media file (its options changed), none using the card:
    # the last `GENERATIONS` builds' cards are kept (the preview's drafts, say), older ones go.
    for n in range(GENERATIONS):
        assert farewell <= cards(cache), f"kept after {n} builds that did not use it"
        run = site.build("--base-url", f"/{n}/")
        assert run.code == 0, run.stderr
    assert not farewell & cards(cache) and not farewell & recorded(cache)
    assert cards(cache) == others, "the site's own cards stay"
    folder = cache / Path(next(iter(farewell))).parent
    assert not folder.exists() or any(folder.iterdir()), "its folder goes with it, where it held no other"
    assert (cache / "cards").is_dir()
    # The same site as a build with no cache at all.
    cold = ScratchSite(tmp_path / "cold" / "src", tmp_path / "cold" / "out")
    shutil.copytree(site.root, cold.root, ignore=shutil.ignore_patterns(CACHE_DIR))
    assert cold.build("--base-url", f"/{GENERATIONS - 1}/").code == 0
    assert files_of(site.output) == files_of(cold.output)


def test_nothing_is_removed_while_another_process_uses_the_cache(scratch_site) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    cache = site.root / CACHE_DIR
    farewell = with_farewell(site)
    with holding(cache):
        for n in range(GENERATIONS + 1):
            assert site.build("--base-url", f"/{n}/").code == 0
        assert farewell <= cards(cache), "another process may be linking it this moment"
    assert site.build("--base-url", "/alone/").code == 0
    assert not farewell & cards(cache)


def test_the_renditions_of_a_replaced_picture_go_and_the_new_ones_stay(pictured: ScratchSite) -> None:  # noqa: F811
    cache = pictured.root / CACHE_DIR
    assert pictured.build().code == 0
    before = renditions(cache)
    assert any(name.endswith("-by-width") for name in before) and any(".share." in name for name in before)
    (pictured.root / "content" / "media" / "besuch.jpg").write_bytes(photo(1200, 800))
    for n in range(GENERATIONS + 1):
        assert pictured.build("--base-url", f"/{n}/").code == 0
    now = renditions(cache)
    assert now and not before & now, "the replaced picture's renditions and share picture went"
    assert {name for name in recorded(cache) if name.startswith("images/")} == {
        f"{name}/{file.name}" if name.endswith("-by-width") else name
        for name in now
        for file in ((cache / name).iterdir() if name.endswith("-by-width") else [cache / name])
    }


def renditions(cache: Path) -> set[str]:
    """The entries of the cache's images: each rendition's folder, each cut share picture."""
    return {path.relative_to(cache).as_posix() for path in (cache / "images").glob("*/*")}
