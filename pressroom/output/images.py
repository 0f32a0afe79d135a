"""Responsive renditions of media images: a few widths in AVIF, WebP and a JPEG or PNG fallback.

Each image checked by `pressroom.source.media.probe` is decoded once, turned upright by its EXIF
orientation, converted to sRGB, stripped of every piece of metadata (an editor's phone photo
carries its GPS position), and resized to the widths of `Settings` that are smaller than the
image itself, plus the image's own width when it is smaller than the largest: never upscaled.

Encoding is slow (most of it AVIF), so renditions are kept in a cache folder outside the output
(``.pressroom-cache/images/``), keyed by the file's bytes and the settings: a rebuild encodes
only what changed. The same input gives the same bytes (single-threaded encoders, no
timestamps), so builds stay reproducible. Pillow was chosen over pyvips by measurement:
``benchmarks/imaging.py``, figures in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms, ImageOps

from pressroom.source.media import MEDIA_DIR, ImageInfo

CACHE_DIR = ".pressroom-cache"
"""The cache folder in a site root; ignored by git, never part of the output."""
RENDITION_FORMAT = 1
"""Raised when the way renditions are made changes, so that cached ones are made again."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How renditions are made; part of every cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    avif_quality: int = 60
    avif_lossless_source_quality: int = 80
    """AVIF quality for PNG sources (charts, screenshots), whose edges a lower quality blurs."""
    avif_speed: int = 8
    """libaom speed: 8 makes files of the same size as 6 in a quarter of the time (benchmarks/RESULTS.md)."""
    webp_quality: int = 80
    jpeg_quality: int = 82

    def key(self) -> bytes:
        return json.dumps([RENDITION_FORMAT, Image.__version__, asdict(self)], sort_keys=True).encode()


SETTINGS = Settings()


@dataclass(frozen=True, slots=True)
class Variant:
    """One encoded file of a rendition."""

    format: str
    """``avif``, ``webp``, ``jpeg`` or ``png``."""
    width: int
    height: int
    url: str
    """Path in the output folder, with ``/``: ``media/2024/photo.3f2a9c1b0e.960.avif``."""


MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True, slots=True)
class Rendition:
    """An image ready for ``<picture>``: its variants, largest last within each format."""

    name: str
    """Path under ``content/media/`` (``2024/chart.ja.png``)."""
    width: int
    """Width and height of the largest variant: what ``<img width height>`` says."""
    height: int
    fallback: str
    """``jpeg`` or ``png``: the format of ``<img src>``."""
    variants: tuple[Variant, ...]
    folder: Path = field(compare=False)
    """The cache folder holding the files (named by the last part of each variant's URL)."""

    def of(self, fmt: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == fmt)

    def srcset(self, fmt: str, prefix: str = "/") -> str:
        """``/media/…480.avif 480w, /media/…960.avif 960w`` for ``<source srcset>``."""
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in self.of(fmt))

    def src(self, prefix: str = "/", max_width: int | None = None) -> str:
        """The fallback's URL: the largest variant, or the smallest at least ``max_width`` wide."""
        fallbacks = self.of(self.fallback)
        wide = [v for v in fallbacks if max_width is None or v.width >= max_width]
        return prefix + (wide[0] if max_width is not None and wide else fallbacks[-1]).url

    def files(self) -> list[tuple[str, Path]]:
        """Output path → cached file, for the writer."""
        return [(v.url, self.folder / PurePosixPath(v.url).name) for v in self.variants]


def planned_widths(width: int, widths: tuple[int, ...]) -> list[int]:
    """The widths to make of an image ``width`` pixels wide: never wider than the image itself."""
    planned = [w for w in widths if w < width]
    if width <= max(widths):
        planned.append(width)
    return planned or [max(widths)]


def cache_key(data: bytes, settings: Settings = SETTINGS) -> str:
    return hashlib.blake2b(data + b"\0" + settings.key(), digest_size=16).hexdigest()


def rendition(info: ImageInfo, cache: Path, settings: Settings = SETTINGS) -> Rendition:
    """The rendition of a checked image, from the cache or made (and cached) now.

    Several build workers may make the same rendition at once: each writes into its own
    temporary folder and renames it into place; the loser's identical copy is discarded."""
    data = info.path.read_bytes()
    key = cache_key(data, settings)
    folder = cache / "images" / key[:2] / key
    manifest = folder / "rendition.json"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        return _from_manifest(info.name, folder, recorded)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    picture = decode(data)
    lossless = info.format == "PNG" or info.alpha
    fallback = "png" if lossless else "jpeg"
    stem = PurePosixPath(MEDIA_DIR, info.name)
    base = f"{stem.parent}/{stem.stem}.{key[:10]}"
    variants = []
    files: dict[str, bytes] = {}
    for width in planned_widths(picture.width, settings.widths):
        height = max(1, round(picture.height * width / picture.width))
        small = picture if width == picture.width else picture.resize((width, height), Image.Resampling.LANCZOS)
        for fmt in ("avif", "webp", fallback):
            url = f"{base}.{width}.{'jpg' if fmt == 'jpeg' else fmt}"
            files[PurePosixPath(url).name] = encode(small, fmt, lossless, settings)
            variants.append(Variant(fmt, width, height, url))
    recorded = {"fallback": fallback, "variants": [asdict(v) for v in variants]}
    _store(folder, files, recorded)
    return _from_manifest(info.name, folder, recorded)


def _from_manifest(name: str, folder: Path, recorded: dict) -> Rendition:
    variants = tuple(Variant(**v) for v in recorded["variants"])
    fallback = recorded["fallback"]
    largest = [v for v in variants if v.format == fallback][-1]
    return Rendition(name, largest.width, largest.height, fallback, variants, folder)


def _store(folder: Path, files: dict[str, bytes], recorded: dict) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
    for name, blob in files.items():
        (staging / name).write_bytes(blob)
    (staging / "rendition.json").write_text(json.dumps(recorded, sort_keys=True), encoding="utf-8")
    try:
        os.rename(staging, folder)
    except OSError:  # another worker was first; its files are the same bytes
        shutil.rmtree(staging, ignore_errors=True)


def decode(data: bytes) -> Image.Image:
    """The picture upright, in sRGB, as RGB or RGBA, with no metadata left on it."""
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


def encode(picture: Image.Image, fmt: str, lossless: bool, settings: Settings = SETTINGS) -> bytes:
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
