"""Making the files of planned renditions: decoded once, upright, in sRGB, stripped, encoded, cached.

Each image is turned upright by its EXIF orientation, converted to sRGB, stripped of every piece
of metadata (an editor's phone photo carries its GPS position), resized to the widths that
`pressroom.model.media.plan` chose (never wider than the image) and encoded as AVIF, WebP and
a JPEG or PNG fallback.

Encoding is slow (most of it AVIF), so the files are kept in a cache folder outside the output
(``.pressroom-cache/images/``), keyed by the file's bytes and the settings: a rebuild encodes
only what changed. The same input gives the same bytes (single-threaded encoders, no
timestamps), so builds stay reproducible. Pillow was chosen over pyvips by measurement:
``benchmarks/imaging.py``, figures in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pressroom.base.files import write_whole
from pressroom.model.media import Rendition, Settings, SharePicture

if TYPE_CHECKING:
    from PIL import Image


def cache_folder(rendition: Rendition, cache: Path) -> Path:
    return cache / "images" / rendition.key[:2] / rendition.key


def files(rendition: Rendition, cache: Path) -> list[tuple[str, Path]]:
    """Output path → cached file of every variant, made now unless cached."""
    folder = make(rendition, cache)
    return [(v.url, folder / PurePosixPath(v.url).name) for v in rendition.variants]


def make(rendition: Rendition, cache: Path) -> Path:
    """The cache folder holding every variant of ``rendition``, encoding them if it is not there.

    Several build workers may make the same rendition at once: each writes into its own
    temporary folder and renames it into place; a later copy of the same bytes is discarded."""
    folder = cache_folder(rendition, cache)
    if folder.is_dir():
        return folder
    # Pillow is loaded in the functions that decode or encode (here and below): most
    # rebuilds find every rendition cached and load none.
    from PIL import Image

    picture = decode(rendition.info.path.read_bytes())
    settings = rendition.settings
    encoded: dict[str, bytes] = {}
    for variant in rendition.variants:
        small = picture
        if variant.width != picture.width:
            small = picture.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        encoded[PurePosixPath(variant.url).name] = encode(small, variant.format, rendition.lossless, settings)
    _store(folder, encoded)
    return folder


def share_file(share: SharePicture, cache: Path) -> Path:
    """The lead image cut to the share picture's size (centred), as a cached JPEG."""
    rendition = share.rendition
    if rendition is None:
        raise ValueError("a share card is drawn by sharecard, not cut from an image")
    path = cache / "images" / rendition.key[:2] / f"{rendition.key}.share.{share.width}.jpg"
    if not path.is_file():
        from PIL import Image, ImageOps

        picture = ImageOps.fit(
            decode(rendition.info.path.read_bytes()), (share.width, share.height), Image.Resampling.LANCZOS
        )
        if picture.mode == "RGBA":  # shared pictures are shown on any background: flatten on white
            flat = Image.new("RGB", picture.size, (255, 255, 255))
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        write_whole(path, encode(picture, "jpeg", False, rendition.settings))
    return path


def _store(folder: Path, encoded: dict[str, bytes]) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
    for name, blob in encoded.items():
        (staging / name).write_bytes(blob)
    try:
        os.rename(staging, folder)
    except OSError:  # another worker was first; its files are the same bytes
        shutil.rmtree(staging, ignore_errors=True)


def decode(data: bytes) -> Image.Image:
    """The picture upright, in sRGB, as RGB or RGBA, with no metadata left on it."""
    from PIL import Image, ImageCms, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        picture = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
    alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    mode = "RGBA" if alpha else "RGB"
    if picture.mode in ("P", "PA") or (picture.mode == "L" and alpha):
        picture = picture.convert("RGBA")
    if icc and picture.mode in ("RGB", "RGBA", "CMYK"):
        # A broken profile is ignored: the pixels are taken as sRGB, as browsers would take them.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            picture = ImageCms.profileToProfile(
                picture,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
    picture = picture.convert(mode)
    picture.info = {}  # nothing of the source's metadata may reach an encoder
    return picture


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
