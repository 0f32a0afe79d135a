"""Opening an image's bytes with Pillow, the same way wherever a picture is read: a media file
probed, a static picture checked, a download's decodability, a rendition's decoding.

Pillow has its words on a damaged EXIF block (dropped with the rest of the metadata anyway) and
on a large photo (whose size each reader judges itself): they reached the terminal, naming
Pillow's own code, so they are kept from it. What it raises on a damaged or cut-short file is
named once (`DAMAGED`): a reader that missed one of them stopped the build with a traceback.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

DAMAGED: tuple[type[Exception], ...] = (OSError, ValueError, SyntaxError, EOFError)
"""What Pillow raises on bytes it cannot read as a picture: no image at all (its
`UnidentifiedImageError` is an `OSError`), a damaged one, or one cut short. Its
`DecompressionBombError`, for more pixels than it opens, is none of them: each reader says that
in words of its own."""


@contextlib.contextmanager
def opened(data: bytes, *, bomb_warning_is_error: bool = False) -> Iterator[Image.Image]:
    """``data`` opened by Pillow (not yet decoded: ``load`` does that), its warnings silenced;
    ``bomb_warning_is_error``: Pillow's warning of a picture of more pixels than it likes to
    open is raised, as a `DecompressionBombWarning`, for the reader to refuse it."""
    from PIL import Image  # loaded when a picture is read: most rebuilds read none

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if bomb_warning_is_error:
            warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            yield image
