"""Which way up a picture is, as its EXIF orientation says: read from an opened image or from a
JPEG's EXIF segment alone, and a damaged block taken as upright. Probing (`pressroom.source.media`),
the metadata stripper (`pressroom.source.stripping`) and the encoder (`pressroom.output.images`)
all read it here, so that they agree on which way a photo stands.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

EXIF_ORIENTATION = 0x0112
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
"""EXIF orientations that turn the picture by 90°, so width and height trade places."""


def exif_orientation(image: object) -> int:
    """The EXIF orientation of an opened image (1 to 8); 1 when it has none or its EXIF is
    damaged (a broken EXIF block stopped the build in Pillow's own rotation)."""
    return _orientation(image.getexif)  # type: ignore[attr-defined]


def block_orientation(block: bytes) -> int:
    """The EXIF orientation (1 to 8) a JPEG's EXIF segment (``Exif\\0\\0…``) gives, read without
    opening the image: Pillow opens none of more pixels than its decompression-bomb limit, and a
    download may be a photo that large."""
    from PIL import Image  # loaded when needed, as in pressroom.source.media._probe

    def read() -> Image.Exif:
        exif = Image.Exif()
        exif.load(block)
        return exif

    return _orientation(read)


def _orientation(exif: Callable[[], Mapping[int, object]]) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's "Tag data larger than file" and the like
        try:
            value = exif().get(EXIF_ORIENTATION, 1)
        except Exception:  # any way a damaged block fails: struct, type and value errors alike
            return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1
