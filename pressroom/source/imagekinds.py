"""What a file named as a picture is when it is none the site publishes, told from its first
bytes: a drawing (SVG, which can carry scripts), an iPhone's photo (HEIC), a document (PDF).
The photo and the document were "not an image (or not one of JPEG, PNG, WebP, AVIF)"; each is
told what it is and what to make of it. And a JPEG of more scans than any camera or
program writes, which each decoder reads over the whole picture again (a known way to stall
browsers and the build alike), told from its markers before anything decodes it.
"""

from __future__ import annotations

_HEIF_BRANDS = frozenset((b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"))
"""The ``ftyp`` brands of HEIF files (HEIC photos); ``mif1`` is AVIF's too, told apart by its ``avif`` brand."""


def is_svg(name: str, head: bytes) -> bool:
    """Whether the file ``name`` that begins with ``head`` is an SVG drawing, whatever its suffix."""
    sniff = head.lstrip()[:256].lower()
    return name.lower().endswith((".svg", ".svgz")) or sniff.startswith(b"<svg") or b"<svg" in sniff


def unpublished_kind(head: bytes) -> str | None:
    """What to tell of a file beginning with ``head`` that no image reader takes, where its
    first bytes say what it is: ``is a …: do …``; None where they do not."""
    if metadata_kept_in(head) == HEIC:
        return "is a HEIC photo (as iPhones take them), which most browsers cannot show: export it as JPEG"
    if head.startswith(b"%PDF-"):
        return "is a PDF document, not a picture: offer it under downloads:, or export the page to show as PNG"
    return None


HEIC = "HEIC photo"
"""A phone's photo in HEIF, as `metadata_kept_in` names it."""
KIND_HEAD = 64
"""Bytes of a file's start that `metadata_kept_in` needs."""
_TIFF = (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+")
"""TIFF and BigTIFF, in either byte order: the camera raw formats built on TIFF too (DNG, CR2,
NEF, ARW), each with the camera's EXIF block."""
_ISO_IMAGES = {b"avif": "AVIF image", b"avis": "AVIF image", b"crx ": "camera raw photo (CR3)"}
"""``ftyp`` brands of still pictures in ISO media files beside HEIF's own (`_HEIF_BRANDS`)."""
_STARTS = (
    (b"\0\0\0\x0cJXL \r\n\x87\n", "JPEG XL image"),
    (b"\xff\x0a", "JPEG XL image"),
    (b"\0\0\0\x0cjP  \r\n\x87\n", "JPEG 2000 image"),
    (b"\xff\x4f\xff\x51", "JPEG 2000 image"),
    (b"8BPS", "Photoshop document"),
)


def metadata_kept_in(head: bytes) -> str | None:
    """What picture a file beginning with ``head`` (its first `KIND_HEAD` bytes) is, if it is one
    whose metadata pressroom cannot take out (only a JPEG's, PNG's and WebP's, in `stripping`):
    a phone's HEIC photo, a TIFF, a camera's raw file, AVIF, JPEG XL, JPEG 2000, a Photoshop
    document, each of which can carry where it was taken; None for any other file."""
    if head[:4] in _TIFF:
        return "TIFF image"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            size = int.from_bytes(head[:4], "big")
            brands = {head[at : at + 4] for at in range(16, min(size, len(head)) - 3, 4)}
            return "AVIF image" if b"avif" in brands or b"avis" in brands else HEIC
        return _ISO_IMAGES.get(brand)
    return next((kind for start, kind in _STARTS if head.startswith(start)), None)


MAX_SCANS = 100
"""The most scans a JPEG may have: a progressive photo has about ten, and each scan costs a
pass over every pixel (2 seconds for a thousand over 16 megapixels)."""


def jpeg_scans(data: bytes) -> int:
    """How many scans the first picture of a JPEG's bytes has; 0 for what is no JPEG, or is one
    damaged before its first scan (the decoder says so)."""
    if not data.startswith(b"\xff\xd8"):
        return 0
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return 0
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
        elif marker == 0xDA:
            # No scan's coded data holds FF DA or FF D9 (a coded FF is followed by 00): counted
            # at C speed up to the picture's end, leaving out a second picture (a phone's gain map).
            end = data.find(b"\xff\xd9", at)
            return data.count(b"\xff\xda", at, end if end >= 0 else len(data))
        elif 0xD0 <= marker <= 0xD8 or marker == 0x01:  # markers without a length
            at += 2
        else:
            at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return 0


def too_many_scans(shown: str, scans: int) -> str:
    """Why the JPEG ``shown`` of ``scans`` scans, more than `MAX_SCANS`, is refused."""
    return (
        f"{shown} is a JPEG of {scans:,} scans, where a photo has about ten, and each one costs a pass over the"
        " whole picture: save it again as a JPEG with a program's usual settings"
    )
