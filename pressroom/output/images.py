"""Making the files of planned renditions: decoded once, upright, in sRGB, stripped, encoded, cached.

Each image is turned upright by its EXIF orientation, converted to sRGB, stripped of every piece
of metadata (an editor's phone photo carries its GPS position), resized to the widths that
`pressroom.model.media.plan` chose (never wider than the image) and encoded as AVIF, WebP and
a JPEG or PNG fallback.

Encoding is slow (most of it AVIF), so the files are kept in a cache folder outside the output
(``.pressroom-cache/images/``), keyed by the file's bytes and the settings: a rebuild encodes
only what changed, and what was damaged since it was kept (`mediarecord`). The same input
gives the same bytes (single-threaded encoders, no timestamps), so builds stay reproducible.
Pillow was chosen over pyvips by measurement: ``benchmarks/imaging.py``, figures in
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pressroom.base.errors import changed_while_building
from pressroom.base.files import read_plain, remove_aside, write_whole
from pressroom.model.media import Rendition, Settings, SharePicture, Variant
from pressroom.output.mediarecord import MediaRecord
from pressroom.source.content import media_shown
from pressroom.source.media import image_digest
from pressroom.source.reencoding import decoded, without_metadata
from pressroom.source.stripping import STRIPPING_FORMAT

if TYPE_CHECKING:
    from PIL import Image


Held = dict[str, "Image.Image"]
"""Pictures decoded, by their bytes' digest: a lead image's renditions and its share picture are
made from one decoding of it (a phone's photo takes a tenth of a second to decode)."""


def cache_folder(rendition: Rendition, cache: Path) -> Path:
    # "-by-width": its files are named by width and type (`_cached_name`); the folders of
    # earlier versions, named by the media file, are never looked in.
    return cache / "images" / rendition.key[:2] / f"{rendition.key}-by-width"


def files(rendition: Rendition, cache: Path, record: MediaRecord, held: Held | None = None) -> list[tuple[str, Path]]:
    """Output path → cached file of every variant, made now unless cached (``held``: as for `make`)."""
    folder = make(rendition, cache, record, held)
    return [(v.url, folder / _cached_name(v)) for v in rendition.variants]


def variant_paths(rendition: Rendition, cache: Path) -> list[str]:
    """The cached file of each variant of ``rendition``, as the media record names it."""
    folder = cache_folder(rendition, cache)
    return [os.path.join(folder, _cached_name(variant)) for variant in rendition.variants]


def share_path(share: SharePicture, rendition: Rendition, cache: Path) -> Path:
    """The cached file of a share picture cut from ``rendition``, its lead image."""
    return cache / "images" / rendition.key[:2] / f"{rendition.key}.share.{share.width}.jpg"


def offered_path(digest: str, cache: Path) -> Path:
    """The cached file of the image of ``digest`` without its metadata (see `offered_file`)."""
    return cache / "images" / digest[:2] / f"{digest}.offered-{STRIPPING_FORMAT}"


def offered_file(source: Path, digest: str, shown: str, cache: Path, record: MediaRecord) -> Path:
    """An image offered for download in full resolution (a lead image's own file, an image in
    the downloads): the bytes of ``source``, read when the site was loaded as those of
    ``digest``, with nothing but its picture (`without_metadata`). Made once for those bytes and
    kept in the cache (made again unless it is there as ``record`` has it), then linked into
    each build's output, however many names or releases offer it.

    ``source`` found other than it was loaded (``shown``, as the editor knows it), or gone, ends
    the build (`changed_while_building`): the page says the size of what was loaded, and the
    picture checked is not the one that would go out."""
    path = offered_path(digest, cache)
    if not record.intact(os.fspath(path)):
        data = without_metadata(loaded_bytes(source, digest, shown))
        if data is None:  # these bytes were found a picture when loaded: never offered as they are
            raise changed_while_building(shown)
        record.make_room(os.fspath(path))
        write_whole(path, data)
        record.made(os.fspath(path))
    return path


def loaded_bytes(source: Path, digest: str, shown: str) -> bytes:
    """The bytes of the picture ``source`` (``shown`` as the editor knows it), as they were when
    the site was loaded (``digest``); else the build ends (`changed_while_building`). What is
    made of them is kept in the cache under that digest: made of other bytes (an editor saving
    the picture again during a build), it was published, and taken by every later build, for a
    picture it is not; and the page says what was found of the bytes loaded."""
    try:
        raw = read_plain(source)
    except OSError:  # gone, or no longer a plain file
        raise changed_while_building(shown) from None
    if image_digest(raw) != digest:
        raise changed_while_building(shown)
    return raw


def source_bytes(rendition: Rendition) -> bytes:
    """The bytes of ``rendition``'s picture, as they were loaded (`loaded_bytes`)."""
    info = rendition.info
    return loaded_bytes(info.path, info.digest, media_shown(info.name))


def _cached_name(variant: Variant) -> str:
    # Not the variant's own name, which begins with the media file's: two files of the same
    # bytes (a language's copy of a picture) share the folder, and the second looked in it
    # for names only the first had written.
    return f"{variant.width}.{PurePosixPath(variant.url).suffix[1:]}"


def make(rendition: Rendition, cache: Path, record: MediaRecord, held: Held | None = None) -> Path:
    """The cache folder holding every variant of ``rendition``, encoding them unless each is
    there as ``record`` has it (a folder with one file damaged is made again whole). ``held``:
    the pictures decoded for the caller's other files of the same pictures (a share picture cut
    from the lead image), which the picture decoded here is added to.

    Several build workers may make the same rendition at once: each writes into its own
    temporary folder and renames it into place; a later copy of the same bytes is discarded."""
    folder = cache_folder(rendition, cache)
    names = variant_paths(rendition, cache)
    if all(record.intact(name) for name in names):
        return folder
    record.make_room(os.fspath(folder), folder=True)
    # Pillow is loaded in the functions that decode or encode (here and below): most
    # rebuilds find every rendition cached and load none.
    from PIL import Image

    picture = _decoded(rendition, held)
    settings = rendition.settings
    encoded: dict[str, bytes] = {}
    for variant in rendition.variants:
        small = picture
        if variant.width != picture.width:
            small = picture.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        encoded[_cached_name(variant)] = encode(small, variant.format, rendition.lossless, settings)
    _store(folder, encoded)
    for name in names:
        record.made(name)
    return folder


def share_file(share: SharePicture, cache: Path, record: MediaRecord, held: Held | None = None) -> Path:
    """The lead image cut to the share picture's size (centred), as a cached JPEG (cut again
    unless it is there as ``record`` has it; ``held``: as for `make`)."""
    rendition = share.rendition
    if rendition is None:
        raise ValueError("a share card is drawn by sharecard, not cut from an image")
    path = share_path(share, rendition, cache)
    if not record.intact(os.fspath(path)):
        from PIL import Image, ImageOps

        picture = ImageOps.fit(_decoded(rendition, held), (share.width, share.height), Image.Resampling.LANCZOS)
        if picture.mode == "RGBA":  # shared pictures are shown on any background: flatten on white
            flat = Image.new("RGB", picture.size, (255, 255, 255))
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        record.make_room(os.fspath(path))
        write_whole(path, encode(picture, "jpeg", False, rendition.settings))
        record.made(os.fspath(path))
    return path


def _decoded(rendition: Rendition, held: Held | None) -> Image.Image:
    """``rendition``'s picture decoded (`decoded`), or as ``held`` holds it; added to ``held``."""
    digest = rendition.info.digest
    if held is not None and digest in held:
        return held[digest]
    picture = decoded(source_bytes(rendition))
    if held is not None:
        held[digest] = picture
    return picture


def _store(folder: Path, encoded: dict[str, bytes]) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
    for name, blob in encoded.items():
        (staging / name).write_bytes(blob)
    for attempt in range(TRIES):
        try:
            os.rename(staging, folder)
            return
        except OSError:
            # A folder stands there: another worker's of this build, which it may be linking
            # into the site now (the same bytes: kept), or one damaged from outside (moved aside).
            if _holds(folder, encoded):
                break
            if attempt == TRIES - 1:
                raise
            remove_aside(folder, "damaged")
    shutil.rmtree(staging, ignore_errors=True)


TRIES = 3
"""Renames of a rendition's new folder into place, each after moving a damaged one aside."""


def _holds(folder: Path, encoded: dict[str, bytes]) -> bool:
    """Whether ``folder`` (not a link) holds exactly these plain files, byte for byte."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode) or set(os.listdir(folder)) != set(encoded):
            return False
        return all(
            stat.S_ISREG(os.lstat(folder / name).st_mode) and (folder / name).read_bytes() == blob
            for name, blob in encoded.items()
        )
    except OSError:
        return False


def encode(picture: Image.Image, fmt: str, lossless: bool, settings: Settings) -> bytes:
    """One variant's bytes; no metadata, deterministic for the same pixels and settings."""
    out = io.BytesIO()
    if fmt == "avif":
        quality = settings.avif_lossless_source_quality if lossless else settings.avif_quality
        picture.save(out, "AVIF", quality=quality, speed=settings.avif_speed, max_threads=1)
    elif fmt == "webp":
        if lossless:
            picture.save(out, "WEBP", lossless=True, quality=80, method=4)
        else:
            picture.save(out, "WEBP", quality=settings.webp_quality, method=4)
    elif fmt == "jpeg":
        picture.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    else:
        picture.save(out, "PNG", compress_level=6)
    return out.getvalue()
