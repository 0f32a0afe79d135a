"""The media folder (``content/media/``): which file a name means, and whether it may be published.

Media files belong to no language: one photo serves every version of a release. A file
``NAME.<lang>.EXT`` beside ``NAME.EXT`` replaces it on that language's pages, and a file
``NAME.dark.EXT`` beside either is what readers see in dark mode. This module owns those rules,
keeps every name inside the media folder, and looks at each image once before
anything is rendered: that it is an image at all, of a format we publish, not truncated, not a
decompression bomb, and how large it shows once its EXIF orientation is applied.

SVG is refused: a drawing can carry scripts and event handlers that run when the file is
opened from the site, and telling safe SVG from unsafe is a sanitiser's job, not ours. Files
that a browser would run as a page of the site (HTML, SVG, XML, JavaScript) are refused as
downloads too.

Every refusal is a `MediaError` whose message names the file; callers add the front matter's
path and line.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pressroom.base.digestrecords import keep, recalled, record_path
from pressroom.base.files import read_plain, walk
from pressroom.base.text import breaks_address
from pressroom.source.cacheuse import PROBED_DIR
from pressroom.source.content import MEDIA_DIR, media_shown, nfc
from pressroom.source.imagebytes import DAMAGED, opened
from pressroom.source.imagekinds import MAX_SCANS, is_svg, jpeg_scans, too_many_scans, unpublished_kind
from pressroom.source.mediafolders import forget as forget_listings
from pressroom.source.mediafolders import listing
from pressroom.source.mediameant import forget as forget_meant
from pressroom.source.mediameant import meant as media_meant
from pressroom.source.orientation import SWAPPING_ORIENTATIONS, exif_orientation
from pressroom.source.reencoding import without_metadata
from pressroom.source.slugs import left_by_tools
from pressroom.source.stripping import STRIPPING_FORMAT

MAX_PIXELS = 60_000_000
"""Largest image accepted (width × height): a 60-megapixel photo decodes to 180 MB; larger
ones are scaled down by the editor first. A small file claiming more is a decompression bomb."""

IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}
"""Formats an image may come in (Pillow's name → the name editors read)."""

WIDEST_SHOWN = 1600
"""The widest rendition an image is made at (`pressroom.model.media.Settings.widths` ends here)."""
MAX_ENCODED_SIDE = 16_383
"""The longest side WebP can hold: an image that would be taller than this at the width it is
shown at is refused here, before an encoder fails on it."""
MAX_NAME_BYTES = 200
"""The longest media file name (its last part, in UTF-8): renditions add a key, a width and a
type to it, and file systems end at 255 bytes."""


class MediaError(ValueError):
    """A media file that cannot be published; the message names the file and says why."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the build needs to know of an image before rendering any page."""

    name: str
    """Path under ``content/media/`` with ``/`` (``2024/chart.ja.png``)."""
    path: Path
    width: int
    """Width as shown, after the EXIF orientation is applied."""
    height: int
    format: str
    """Pillow's format name: ``JPEG``, ``PNG``, ``WEBP`` or ``AVIF``."""
    alpha: bool
    """True when the image has transparency (then its fallback is PNG, not JPEG)."""
    digest: str
    """Hash of the file's bytes: names its renditions and keys every cache."""
    size: int = 0
    """Bytes of the file as it is offered for download (`Rendition.download_url`): without its
    metadata (`pressroom.source.stripping`)."""


def name_problem(name: str) -> str | None:
    """Why ``name`` (from front matter) cannot name a media file, whatever the folder holds: it
    leaves the folder, would break its address on the page, or is too long; None if it can.
    Checked where the front matter is read, so that it is said with the version's other
    mistakes, not only once they are fixed."""
    pure = PurePosixPath(name)
    shown = media_shown(name)
    if (
        not name
        or pure.is_absolute()
        or "\\" in name
        or "//" in name
        # The name as written: PurePosixPath drops a "." ("2024/./foto.jpg"), which then named
        # the file a second time, and the build stopped writing its renditions twice.
        or any(part in ("..", ".") for part in name.split("/"))
    ):
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", name):  # copied from a browser: "a '/' too many" was no help
            return (
                f"'{name}' is an address on the web, not a file under content/{MEDIA_DIR}/: save the file"
                " there and write its path, like 2024/photo.jpg"
            )
        slashes = " (it has a '/' too many)" if name.startswith("/") or "//" in name else ""
        if name.startswith(f"/{MEDIA_DIR}/") and "//" not in name:  # a body's address, written in front matter
            return f"'{name}' is not a path under content/{MEDIA_DIR}/{slashes}: write {name[len(MEDIA_DIR) + 2 :]}"
        return f"'{name}' is not a path under content/{MEDIA_DIR}/{slashes}: write it like 2024/photo.jpg"
    if (breaking := breaks_address(name)) is not None:
        if name.find("?") > 0:  # an address's query added (?v=2): no file is named so (Windows allows no '?')
            return f"{shown}: a media name takes no '?…' as an address does: write {name[: name.find('?')]}"
        return f"{shown}: {breaking} in the name breaks its address on the page; rename it (a - instead)"
    if len(pure.name.encode()) > MAX_NAME_BYTES:  # checked here: the build failed on a rendition's name
        return f"{shown}: the name is too long for its renditions; shorten it to {MAX_NAME_BYTES} bytes"
    return None


def resolve(root: Path, name: str) -> Path:
    """The file ``name`` (a path under the media folder, with ``/``) means.

    Raises `MediaError` for a name that leaves the folder (absolute, ``..``, a link out of
    it) or a file that does not exist."""
    problem = name_problem(name)
    if problem is not None:
        raise MediaError(problem)
    pure = PurePosixPath(name)
    shown = media_shown(name)
    path = spelled_on_disk(root, pure.parts)
    try:
        real = path.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        meant = media_meant(root, pure, spelled_on_disk(root, pure.parent.parts))
        breaking = breaks_address(meant) if meant else None
        if breaking is not None:  # naming it as the one to write would only lead to its own error
            raise MediaError(
                f"{shown} does not exist; the file meant is probably {meant}, but {breaking} in its name breaks "
                f"its address on the page: rename that file {pure.name}"
            ) from None
        raise MediaError(f"{shown} does not exist" + (f" (did you mean {meant}?)" if meant else "")) from None
    except (OSError, RuntimeError) as exc:  # a loop of links, a permission problem
        raise MediaError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    if not real.is_relative_to(root.resolve()):
        raise MediaError(f"{shown} leads out of content/{MEDIA_DIR}/ (a link to {real.name}); copy the file in instead")
    if not real.is_file():
        raise MediaError(f"{shown} is not a file")
    return path


def spelled_on_disk(root: Path, parts: tuple[str, ...]) -> Path:
    """The path of ``parts`` under ``root`` as the file system spells it: names are read as NFC
    (front matter is normalised), but macOS writes ``ü`` as ``u`` and a combining mark (NFD),
    and such a file was reported missing and unused at once. As given when nothing matches."""
    path = root.joinpath(*parts)
    if os.path.lexists(path):
        return path
    found = root
    for part in parts:
        if not os.path.lexists(found / part):
            try:
                part = listing(str(found)).spellings[nfc(part)]
            except (OSError, KeyError):
                return path
        found = found / part
    return found


def forget_folders() -> None:
    """Forget the media folders read: each build reads them anew (a file system that keeps
    times to the second may not show a folder's change by its time)."""
    forget_listings()
    forget_meant()


def localized(root: Path, name: str, lang: str) -> str:
    """The name a page in ``lang`` uses: ``NAME.<lang>.EXT`` when that file exists beside ``NAME.EXT``."""
    candidate = marked(name, lang)
    return candidate if candidate != name and exists(root, candidate) else name


def marked(name: str, mark: str) -> str:
    """``name`` with ``mark`` before its type suffix (``chart.png``, ``ja`` → ``chart.ja.png``);
    a name without a suffix as it is."""
    pure = PurePosixPath(name)
    return str(pure.with_name(f"{pure.stem}.{mark}{pure.suffix}")) if pure.suffix else name


def exists(root: Path, name: str) -> bool:
    """Whether the media file ``name`` (as the file system may spell it) is a file."""
    return spelled_on_disk(root, PurePosixPath(name).parts).is_file()


DARK = "dark"
"""The name part of a dark-mode variant: ``chart.dark.png`` beside ``chart.png``."""


def dark_name(name: str) -> str:
    """The dark-mode variant's name of the image ``name``: ``chart.ja.png`` → ``chart.ja.dark.png``."""
    return marked(name, DARK)


def all_media(root: Path) -> list[str]:
    """Every file under the media folder, as names with ``/``, sorted; hidden files and those
    tools leave (Windows' ``Thumbs.db``, ``x.pdf~``) left out."""
    found = []
    for top, dirs, files in walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(top).relative_to(root)
        found.extend(str(PurePosixPath(*rel.parts, f)) for f in files if not left_by_tools(f))
    return sorted(found)


def _refuse_svg(name: str, head: bytes) -> None:
    if is_svg(name, head):
        raise MediaError(
            f"{media_shown(name)} is SVG, which pressroom does not publish (a drawing can carry scripts "
            "that would run on the site); export it as PNG"
        )


def probe(root: Path, name: str, cache: Path | None = None) -> ImageInfo:
    """Check that ``name`` is a whole image of a published format and within `MAX_PIXELS`.

    Decodes the whole file (JPEG at an eighth of its size, which still reads every byte),
    since a truncated file is only found by decoding it. With a ``cache`` folder, what was
    found of the same bytes before is taken from there."""
    path = resolve(root, name)
    try:
        data = read_plain(path)
    except OSError as exc:  # changed since it was looked at, or not readable
        raise MediaError(f"{media_shown(name)} cannot be read: {exc.strerror or exc}") from None
    digest = image_digest(data)
    # "-4": a record of before damaged pixels, animations, or too many scans were found may call
    # such a file fine; "-5": kept by `digestrecords`, no longer as JSON with a CRC of its own;
    # "-6": with the size offered. A new format takes the next number there (`cacheuse` removes
    # the older folders); the stripper's own number is kept in the record.
    record = record_path(cache, PROBED_DIR, digest)
    found = recalled(record)
    if isinstance(found, tuple) and len(found) == 6 and found[5] == STRIPPING_FORMAT:
        width, height, fmt, alpha, offered, _ = found
        return ImageInfo(name, path, width, height, fmt, alpha, digest, offered)
    info = _probe(name, path, data, digest)
    keep(record, (info.width, info.height, info.format, info.alpha, info.size, STRIPPING_FORMAT))
    return info


MEDIA_DIGEST_SIZE = 16
"""Bytes of the digest of a media file's bytes (`image_digest`; a PDF's, read piece by piece)."""


def image_digest(data: bytes) -> str:
    """The digest of an image's bytes (hex): the key of what was found of them, and of the
    files made from them, in the cache."""
    return hashlib.blake2b(data, digest_size=MEDIA_DIGEST_SIZE).hexdigest()


def _probe(name: str, path: Path, data: bytes, digest: str) -> ImageInfo:
    # Pillow is loaded when an image is first probed: most rebuilds probe none.
    from PIL import Image, UnidentifiedImageError

    shown = media_shown(name)
    if not data:
        raise MediaError(empty_file(shown, "image"))
    _refuse_svg(name, data[:512])
    if (scans := jpeg_scans(data)) > MAX_SCANS:  # before the decoder passes over them all
        raise MediaError(too_many_scans(shown, scans))
    try:
        with opened(data, bomb_warning_is_error=True) as im:
            # A JPEG with more pictures after its own (MPO to Pillow): a phone's HDR gain map
            # (Ultra HDR) or depth map, which browsers pass over. It was refused as "a MPO image".
            fmt = "JPEG" if im.format == "MPO" else im.format
            if fmt not in IMAGE_FORMATS:
                accepted = ", ".join(IMAGE_FORMATS.values())
                raise MediaError(f"{shown} is a {im.format} image; publish it as one of {accepted}")
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise MediaError(too_many_pixels(shown, width, height))
            if fmt != "JPEG" and (frames := getattr(im, "n_frames", 1)) > 1:
                # Its renditions are still: readers saw its first frame, which may be blank.
                raise MediaError(
                    f"{shown} is animated ({frames} frames), and pages show still pictures only:"
                    " save the frame to show as a still image"
                )
            alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
            if fmt == "JPEG":
                im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
            # Before the EXIF look-up, which loads a PNG itself and passes over what fails:
            # damaged pixels were then found only by the build's encoder, naming no file.
            im.load()
            orientation = exif_orientation(im)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError(claims_a_bomb(shown)) from None
    except UnidentifiedImageError:
        if (kind := unpublished_kind(data[:64])) is not None:
            raise MediaError(f"{shown} {kind}") from None
        raise MediaError(f"{shown} is not an image (or not one of {', '.join(IMAGE_FORMATS.values())})") from None
    except DAMAGED as exc:
        if isinstance(exc, MediaError):
            raise
        if "text chunk" in str(exc) or "MAX_TEXT" in str(exc):  # Pillow's limits on a PNG's text (1 MB, 64 MB)
            raise MediaError(
                f"{shown} carries more text in its metadata than an image is read with (an editing program's"
                " history, most often); export it again with its metadata left out"
            ) from None
        raise MediaError(f"{shown} is damaged or cut short; export or copy it again") from None
    if orientation in SWAPPING_ORIENTATIONS:
        width, height = height, width
    if height * min(width, WIDEST_SHOWN) / width > MAX_ENCODED_SIDE:
        raise MediaError(
            f"{shown} is {width}×{height} pixels: shown at its width it would be more than"
            f" {MAX_ENCODED_SIDE:,} pixels tall, which image formats for the web cannot hold; crop it"
        )
    # The offered file's size, said beside its link: a phone's photo loses its metadata, and an
    # Ultra HDR one its gain map, a third of its bytes. One the stripper cannot follow is encoded
    # again when offered, and its size is that of its new bytes.
    offered = without_metadata(data)  # None for AVIF, which is never offered
    return ImageInfo(name, path, width, height, fmt, alpha, digest, len(offered if offered is not None else data))


def too_many_pixels(shown: str, width: int, height: int) -> str:
    """Why the image ``shown`` of ``width × height`` pixels, more than `MAX_PIXELS`, is refused."""
    return (
        f"{shown} is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), more than the "
        f"{MAX_PIXELS // 1_000_000} megapixels accepted; scale it down first"
    )


def empty_file(shown: str, kind: str) -> str:
    """Why the file ``shown``, an ``image`` or a ``document``, of no bytes at all is refused."""
    return f"{shown} is empty (0 bytes): copy or save the {kind} again"


def claims_a_bomb(shown: str) -> str:
    """Why an image whose header claims more pixels than Pillow opens at all is refused."""
    return f"{shown} claims more pixels than any photo has (a decompression bomb?)"
