"""A body's image written with a path of its own: where it points, and what to tell an editor
when the page could not show it.

Images from ``/media/`` are placed (see `pressroom.model.media`); any other relative path is
published as written, so it shows only if the page's folder has the file, which it never does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from pressroom.base.errors import Problems
from pressroom.base.text import link_scheme
from pressroom.source.config import SiteConfig
from pressroom.source.content import MEDIA_DIR
from pressroom.source.mediameant import meant as media_meant

EXAMPLE = "/media/2024/photo.jpg"


def check_body_image(
    config: SiteConfig, version_path: str, folder: Path, src: str, line: int, problems: Problems
) -> None:
    """``src`` of an image in the body of the file ``version_path`` (in ``folder``), told at ``line``."""
    if not src.strip():
        problems.error(version_path, line, f"an image without a path: write where it is, e.g. ![…]({EXAMPLE})")
        return
    if link_scheme(src) is not None or src.startswith(("/", "#")):
        return
    path = urlsplit(src).path
    target = Path(posixpath.normpath(posixpath.join(folder.as_posix(), path)))
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        resolved = target
    media = (config.content_dir / MEDIA_DIR).resolve()
    if config.root.resolve() not in resolved.parents:
        problems.error(version_path, line, f"image '{src}' lies outside the site root")
    elif not resolved.is_file():
        meant = _meant_in_media(media, path)
        advice = (
            f"no such file beside this text; write /media/{meant} (it is in content/media/)"
            if meant
            else f"there is no such file; images are kept in content/media/ and written like {EXAMPLE}"
        )
        problems.error(version_path, line, f"image '{src}': {advice}")
    elif resolved.is_relative_to(media):  # there, but published as written, where the page's folder has no such file
        name = resolved.relative_to(media).as_posix()
        problems.error(version_path, line, f"image '{src}' would not show on the page: write /media/{name}")
    else:
        problems.error(
            version_path, line, f"image '{src}' is not published: put it in content/media/ and write /media/…"
        )


def _meant_in_media(media: Path, path: str) -> str | None:
    """The media file a path written from the wrong place names (``2024/foto.jpg``,
    ``../media/2024/foto.jpg``, ``content/media/2024/foto.jpg``; or, as for any media name, a
    name near it, or the same name in another of its folders), if there is one."""
    parts = [part for part in PurePosixPath(path).parts if part not in ("..", ".", "/")]
    if MEDIA_DIR in parts[:-1]:  # what follows the last media folder named
        parts = parts[len(parts) - 1 - parts[::-1].index(MEDIA_DIR) + 1 :]
    if not parts:
        return None
    pure = PurePosixPath(*parts)
    try:
        if (media / pure).is_file():
            return pure.as_posix()
    except (OSError, ValueError):
        return None
    near = media_meant(media, pure, media / pure.parent)
    return near.removeprefix(f"content/{MEDIA_DIR}/") if near is not None else None
