"""A picture's pixels, decoded upright in sRGB with no metadata left on them; and the file
offered in full resolution where its metadata cannot be taken out losslessly (`stripping`):
those pixels encoded again, in its own format, at print quality.

Renditions are made of the same decoded pixels (`pressroom.output.images`). The offered file
is made here, with the loading of media, because its size is said on the page: the size of a
file encoded again is that of its new bytes, not the editor's, and is known before any page
is rendered (`pressroom.source.media.probe`, `pressroom.source.downloads`).
"""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING

from pressroom.source.imagebytes import DAMAGED, opened
from pressroom.source.orientation import exif_orientation
from pressroom.source.stripping import HEAD_SIZE, image_format, stripped_image

if TYPE_CHECKING:
    from PIL import Image

_UPRIGHT = {2: 0, 3: 3, 4: 1, 5: 5, 6: 4, 7: 6, 8: 2}
"""EXIF orientation → Pillow's `Image.Transpose` value that sets the picture upright (as
`PIL.ImageOps.exif_transpose` does): mirrored, turned by 180°, 270° or 90°, transposed."""
PRINT_QUALITY = 95
"""The JPEG quality of a full-resolution file that had to be encoded again (see `without_metadata`)."""


def decoded(data: bytes) -> Image.Image:
    """The picture upright, in sRGB, as RGB or RGBA, with no metadata left on it."""
    from PIL import Image, ImageCms

    with opened(data) as image:
        image.load()
        # Pillow's own exif_transpose stopped the build on a damaged EXIF block (TypeError).
        turn = _UPRIGHT.get(exif_orientation(image))
        picture = image.transpose(Image.Transpose(turn)) if turn is not None else image.copy()
        icc = image.info.get("icc_profile")
    if picture.mode.startswith("I;16") or picture.mode == "I":
        # 16-bit grey: convert("RGB") clips every value above 255 to white.
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
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


def without_metadata(raw: bytes) -> bytes | None:
    """A JPEG, PNG or WebP file's bytes with nothing but its picture: its metadata taken out
    losslessly, else (a file the stripper cannot follow, one decoders read though its segments
    are out of order) its pixels encoded again (`encoded_again`), never with its metadata; None
    for any other file, or one Pillow cannot read either."""
    found = stripped_image(raw)
    if found is not None or image_format(raw[:HEAD_SIZE]) is None:
        return found
    from PIL import Image

    try:
        return encoded_again(raw)
    except (*DAMAGED, Image.DecompressionBombError):
        return None


def encoded_again(raw: bytes) -> bytes:
    """The JPEG, PNG or WebP file ``raw``'s pixels encoded again in its own format: a JPEG at
    `PRINT_QUALITY`, the others losslessly. Raises what Pillow raises on a file it cannot
    decode (`DAMAGED`, ``DecompressionBombError``)."""
    fmt = image_format(raw[:HEAD_SIZE])
    picture = decoded(raw)
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.save(out, "JPEG", quality=PRINT_QUALITY, optimize=True, progressive=True)
    elif fmt == "WEBP":
        picture.save(out, "WEBP", lossless=True, quality=80, method=4)
    else:
        picture.save(out, "PNG", compress_level=6)
    return out.getvalue()
