"""Pictures under ``templates/static/`` (a logo, an icon): whether each is an image at all and
within the pixels a content image may have.

The build copies static files as they are and decodes none, but every reader's browser decodes
the logo on every page: a decompression bomb there (a few bytes claiming a billion pixels) would
stall each visit, and a page saved as ``logo.png`` shows a broken picture. Only the header is
read (Pillow opens an image lazily), so a site's logo costs the build next to nothing.
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePosixPath

from pressroom.source.imagekinds import MAX_SCANS, jpeg_scans, too_many_scans
from pressroom.source.media import MAX_PIXELS, claims_a_bomb, too_many_pixels

IMAGE_SUFFIXES = frozenset((".png", ".webp", ".jpg", ".jpeg", ".gif", ".avif", ".ico", ".bmp"))
"""Suffixes that say a static file is a picture a browser decodes (an SVG is a drawing, read as text)."""


def static_image_problem(shown: str, data: bytes) -> str | None:
    """Why the static file ``shown`` with bytes ``data`` is refused: a name that says picture on
    something else, more pixels than `MAX_PIXELS` or more scans than `MAX_SCANS`; None for a
    fine image or any other file."""
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return None
    if not data:
        return f"{shown} is empty (0 bytes): copy or save the image again"
    if (scans := jpeg_scans(data)) > MAX_SCANS:
        return too_many_scans(shown, scans)
    # Pillow is loaded only for a site that has a picture among its static files.
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own bomb warning; the size is judged below
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return claims_a_bomb(shown)
    except UnidentifiedImageError:
        return f"{shown} is not an image, though its name ends in {suffix}: save the picture again, or rename the file"
    except (OSError, SyntaxError, ValueError):
        return f"{shown} is damaged or cut short; export or copy it again"
    return too_many_pixels(shown, width, height) if width * height > MAX_PIXELS else None
