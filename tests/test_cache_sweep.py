"""The cache's stores keep only what a build of the site as it is needs: after edits, deletions
and other output folders, what is left in each is what a build of the same site from no cache
leaves (the bodies of earlier texts, the records of images replaced, catalogs as they were,
models of output folders deleted and cards made before the record of uses are removed), and
nothing while another process uses the cache."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from PIL import Image

from pressroom.output.mediarecord import USED
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT

from .conftest import ScratchSite
from .test_cache_former import holding
from .test_damaged_cache import pictured  # noqa: F401  (a fixture)
from .test_media_changed import VISIT
from .test_media_images import photo
from .test_media_site import put
from .test_media_unused import RELEASE


def entries(cache: Path, store: str) -> set[str]:
    """The files of a store of the cache, its flags left out."""
    return {
        p.relative_to(cache / store).as_posix() for p in (cache / store).rglob("*") if p.is_file() and p.name != "grown"
    }


def cold(site: ScratchSite, tmp_path: Path, store: str, *args: str) -> set[str]:
    """The store as a build of the same site without a cache leaves it."""
    other = ScratchSite(tmp_path / "cold" / "src", tmp_path / "cold" / "out")
    shutil.copytree(site.root, other.root, ignore=shutil.ignore_patterns(CACHE_DIR))
    assert other.build(*args).code == 0
    return entries(other.root / CACHE_DIR, store)


def test_the_bodies_of_earlier_texts_go(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    cache = site.root / CACHE_DIR
    for text in ("Erster Text.", "Zweiter Text.", "Dritter Text."):
        site.write({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa").replace("Text.", text)})
        assert site.build().code == 0  # a one-file rebuild of the last model: not swept
    assert site.build("--base-url", "/neu/").code == 0  # one that renders every page
    assert entries(cache, "bodies") == cold(site, tmp_path, "bodies")


def test_the_body_of_a_draft_stays_for_the_preview(scratch_site, tmp_path) -> None:
    """The preview renders drafts; a command-line build without them that sweeps the bodies
    keeps a draft's, which the preview would otherwise render again."""
    draft = RELEASE.format(title="Entwurf").replace("---\n\nText.", "draft: true\n---\n\nNoch nicht.")
    site = scratch_site(
        {"content/de/2024/besuch.md": RELEASE.format(title="Besuch"), "content/de/2024/entwurf.md": draft}
    )
    cache = site.root / CACHE_DIR
    assert site.build("--drafts").code == 0
    for text in ("Erster Text.", "Zweiter Text."):
        site.write({"content/de/2024/besuch.md": RELEASE.format(title="Besuch").replace("Text.", text)})
        assert site.build().code == 0
    assert site.build("--base-url", "/neu/").code == 0  # renders every page, and sweeps
    assert entries(cache, "bodies") == cold(site, tmp_path, "bodies", "--drafts")


def test_the_records_of_a_replaced_picture_go(pictured: ScratchSite, tmp_path) -> None:  # noqa: F811
    cache = pictured.root / CACHE_DIR
    assert pictured.build().code == 0
    (pictured.root / "content" / "media" / "besuch.jpg").write_bytes(photo(1200, 800))
    assert pictured.build().code == 0
    probed = next(p.name for p in cache.iterdir() if p.name.startswith("probed-"))
    assert len(entries(cache, probed)) == 1
    assert entries(cache, probed) == cold(pictured, tmp_path, probed)


def test_the_notes_of_a_replaced_static_picture_go(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    logo = site.root / "templates" / "static" / "logo-extra.png"
    logo.parent.mkdir(parents=True)
    for width in (40, 50):
        logo.write_bytes(png(width))
        assert site.build().code == 0
    cache = site.root / CACHE_DIR
    assert entries(cache, "static-pictures") == cold(site, tmp_path, "static-pictures")


def png(width: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, 30), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_catalog_as_it_was_goes(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    shutil.copytree(PROJECT_ROOT / "locales", site.root / "locales")
    po = site.root / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    for n in range(3):
        po.write_bytes(po.read_bytes() + f"\n# edit {n}\n".encode())
        assert site.build().code == 0
    assert entries(site.root / CACHE_DIR, "catalogs") == cold(site, tmp_path, "catalogs")


def test_the_model_of_a_deleted_output_folder_goes(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    cache = site.root / CACHE_DIR
    elsewhere = ScratchSite(site.root, tmp_path / "elsewhere")
    assert elsewhere.build().code == 0
    assert site.build().code == 0
    assert len([n for n in os.listdir(cache / "models") if "." not in n]) == 2
    shutil.rmtree(elsewhere.output)
    assert site.build("--base-url", "/neu/").code == 0
    assert [n for n in os.listdir(cache / "models") if "." not in n] == [n for n in os.listdir(cache / "folders")]
    assert len(os.listdir(cache / "folders")) == 1


def test_cards_made_before_the_record_of_uses_go_and_nothing_while_the_cache_is_shared(scratch_site) -> None:
    site = scratch_site({"content/de/2024/besuch.md": RELEASE.format(title="Besuch aus Kanagawa")})
    cache = site.root / CACHE_DIR
    assert site.build().code == 0
    kept = entries(cache, "cards")
    # A card of a release since deleted, made by a pressroom before the record of uses.
    stray = cache / "cards" / "ff" / ("f" * 30) / "share.png"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(png(12))
    (cache / USED).unlink()
    with holding(cache):
        assert site.build("--base-url", "/a/").code == 0
    assert stray.exists(), "another process may be linking it"
    (cache / USED).unlink()
    assert site.build("--base-url", "/b/").code == 0
    assert not stray.exists() and not stray.parent.exists()
    assert entries(cache, "cards") == kept


def test_the_record_of_an_image_downloads_size_stays(scratch_site, tmp_path) -> None:
    """It is kept beside the probe's records of pictures, and was swept with those of a
    picture replaced: the download was read and measured again by the next build."""
    site = scratch_site({"content/en/2024/visit.md": VISIT})
    put(site, {"foto.jpg": photo(640, 480), "druck.jpg": photo(800, 600)})
    cache = site.root / CACHE_DIR
    assert site.build().code == 0
    put(site, {"foto.jpg": photo(700, 480)})  # a record added: the records are swept
    assert site.build().code == 0
    probed = next(p.name for p in cache.iterdir() if p.name.startswith("probed-"))
    kept = entries(cache, probed)
    assert len(kept) == 2 and any(name.endswith(".download") for name in kept), kept
    assert kept == cold(site, tmp_path, probed)
