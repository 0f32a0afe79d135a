"""Pictures under ``templates/static/`` (a logo, an icon): whether each is an image at all and
within the pixels a content image may have.

The build copies static files as they are and decodes none, but every reader's browser decodes
the logo on every page: a decompression bomb there (a few bytes claiming a billion pixels) would
stall each visit, and a page saved as ``logo.png`` shows a broken picture. Only the header is
read (Pillow opens an image lazily); a picture found fine is noted in the cache folder by its
bytes' digest and not opened again: opening the theme's favicon.ico loaded every one of Pillow's
plugins, 50 ms of every build. The notes of pictures no longer there are removed by a build
after one that added a note (`live_notes` names those still needed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from pressroom.base.digestrecords import keep, recalled, record_name, record_path
from pressroom.base.files import read_plain, walk
from pressroom.source.imagebytes import DAMAGED, opened
from pressroom.source.imagekinds import MAX_SCANS, jpeg_scans, too_many_scans
from pressroom.source.media import MAX_PIXELS, claims_a_bomb, empty_file, too_many_pixels

IMAGE_SUFFIXES = frozenset((".png", ".webp", ".jpg", ".jpeg", ".gif", ".avif", ".ico", ".bmp"))
"""Suffixes that say a static file is a picture a browser decodes (an SVG is a drawing, read as text)."""


CHECKED_DIR = "static-pictures"
"""The cache folder's notes of the static pictures found fine, each a record (`digestrecords`)
under the digest of the picture's bytes and the limits it was judged by."""

SHOWN = "the picture"
"""What a static picture's problems call it: its path is said before the colon already."""


def static_image_problem(path: str, data: bytes, cache: Path | None = None) -> str | None:
    """Why the static file at ``path`` with bytes ``data`` is refused: a name that says picture
    on something else, more pixels than `MAX_PIXELS` or more scans than `MAX_SCANS`; None for a
    fine image or any other file. Reported at ``path``, so the reason names no file. ``cache``:
    the site's cache folder, where pictures found fine are noted (a refused one is judged again
    by every build, and said again)."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return None
    if not data:
        return empty_file(SHOWN, "image")
    note = record_path(cache, CHECKED_DIR, _digest(data))
    if recalled(note) is True:
        return None
    problem = _picture_problem(suffix, data)
    if problem is None:
        keep(note, True)  # a refused picture is judged again by every build, and said again
    return problem


def _digest(data: bytes) -> str:
    """The note's name for ``data``: its bytes and the limits it was judged by."""
    digest = hashlib.blake2b(f"{MAX_PIXELS} {MAX_SCANS}\n".encode(), digest_size=16)
    digest.update(data)
    return digest.hexdigest()


def _picture_problem(suffix: str, data: bytes) -> str | None:
    if (scans := jpeg_scans(data)) > MAX_SCANS:
        return too_many_scans(SHOWN, scans)
    # Pillow is loaded only for a site that has a picture among its static files.
    from PIL import Image, UnidentifiedImageError

    try:
        with opened(data) as image:  # Pillow's own bomb warning unsaid: the size is judged below
            width, height = image.size
    except Image.DecompressionBombError:
        return claims_a_bomb(SHOWN)
    except UnidentifiedImageError:
        return f"the file is not an image, though its name ends in {suffix}: save the picture again, or rename it"
    except DAMAGED:
        return f"{SHOWN} is damaged or cut short; export or copy it again"
    return too_many_pixels(SHOWN, width, height) if width * height > MAX_PIXELS else None


def live_notes(folders: Iterable[Path]) -> frozenset[str]:
    """The notes (``xx/digest``) of the pictures under ``folders`` (the template folders'
    ``static/``), read for it: called only when the notes are swept."""
    live = set()
    for folder in folders:
        for top, _, files in walk(folder):
            for name in files:
                if PurePosixPath(name).suffix.lower() in IMAGE_SUFFIXES:
                    try:
                        digest = _digest(read_plain(f"{top}/{name}"))
                    except OSError:
                        continue
                    live.add(record_name(digest))
    return frozenset(live)
