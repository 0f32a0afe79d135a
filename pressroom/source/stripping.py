"""Metadata taken out of images offered as downloads, without decoding a pixel.

A download is published as the editor gave it, so that a press photo keeps its full quality;
but a phone's photo carries where it was taken (GPS), the camera's serial number and the
editing history in its EXIF, XMP and IPTC blocks, and the renditions a page shows are
stripped of them (`pressroom.output.images`). A JPEG, PNG or WebP download loses those
blocks here, losslessly: the compressed image data is copied byte for byte. The orientation
is kept (in an EXIF block of its own, holding nothing else), so that the photo still opens
upright; colour profiles are kept. What a JPEG holds after its picture is left out too: a
phone's HDR gain map or depth map, a picture with EXIF and XMP of its own. A file these
readers cannot follow has its pixels encoded again instead
(`reencoding`), never published with its metadata.

It sits with the loading of media, not their output: the size of what a reader downloads is
said on the page, so it is known once the files are looked at (`pressroom.source.media.probe`,
`pressroom.source.downloads`), before any page is rendered.
"""

from __future__ import annotations

import re
import struct
import zlib

from pressroom.source.imagebytes import DAMAGED, opened
from pressroom.source.orientation import EXIF_ORIENTATION, block_orientation, exif_orientation

_JPEG_KEEP = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
"""JPEG application segments kept, by what they begin with: APP0 (JFIF), an APP2 that is an
ICC profile, APP14 (Adobe: how CMYK is stored). Any other, or one of these numbers holding
something else, is dropped: a reader shows the picture without it, whatever it holds."""
_PNG_KEEP = {
    *(b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCv", b"cLLI"),
    *(b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT"),
}
"""A PNG's ancillary chunks kept: how it is drawn. Its critical chunks (IHDR, PLTE, IDAT, IEND)
are kept too; any other is dropped, an old or a private way of storing EXIF (``exIf``,
``zxIf``) as well as text."""
_WEBP_DROP = {b"EXIF", b"XMP "}
_WEBP_METADATA_FLAGS = 0x08 | 0x04
"""The VP8X header's bits saying that EXIF and XMP chunks follow."""


STRIPPING_FORMAT = 3
"""Raised when what `stripped_image` takes out changes: it names the offered images' files kept
in the cache (`pressroom.output.images.offered_path`), which are then made again, not
published as an earlier stripper left them, and the sizes recorded of them (2: a JPEG read to
its end, a PNG's chunks that do not draw it dropped; 3: the size of a file encoded again is
that of its new bytes, not the editor's)."""


HEAD_SIZE = 12
"""Bytes of a file's start that tell whether `stripped_image` could change it."""


STRIPPED_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
"""The formats whose metadata `stripped_image` takes out (Pillow's names), with their suffixes,
the usual first."""


def image_format(head: bytes) -> str | None:
    """``JPEG``, ``PNG`` or ``WEBP`` (Pillow's names), as a file's first `HEAD_SIZE` bytes tell,
    whatever its name; None for any other file."""
    if head.startswith(b"\xff\xd8"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def stripped_image(data: bytes) -> bytes | None:
    """A JPEG's, PNG's or WebP's bytes without its metadata; None for any other file, or one
    these readers cannot follow (bytes between a JPEG's segments, which decoders pass over)."""
    strip = _STRIPPERS.get(image_format(data[:HEAD_SIZE]) or "")
    if strip is None:
        return None
    try:
        return strip(data)
    except (struct.error, IndexError, ValueError):
        return None


def _jpeg(data: bytes) -> bytes:
    out = [b"\xff\xd8"]
    position = 2
    exif: bytes | None = None
    while position + 1 < len(data):
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            # The end of the picture. What a file holds after it is left out: a phone's HDR gain
            # map or depth map (Ultra HDR, MPO) with EXIF and XMP of its own, a maker's trailer.
            out.append(b"\xff\xd9")
            break
        if position + 4 > len(data):
            # Cut short inside a segment's header, it ends there (as one cut inside its data does):
            # a download is not probed, and one neither this nor Pillow read went out as it was.
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        if marker == 0xE1 and segment[4:10] == b"Exif\0\0" and exif is None:  # the first, as Pillow reads it
            exif = segment[4:]
        kept = _JPEG_KEEP.get(marker)
        if not (marker == 0xFE or (0xE0 <= marker <= 0xEF and (kept is None or not segment[4:].startswith(kept)))):
            out.append(segment)
        position += 2 + length
        if marker == 0xDA:  # a scan's data, up to the next marker (a progressive file has several)
            end = _scan_end(data, position)
            out.append(data[position:end])
            position = end
    orientation = _orientation(data, exif)
    if orientation != 1:
        block = b"Exif\0\0" + _orientation_only(orientation)
        out.insert(1, b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block)
    return b"".join(out)


_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")
"""A marker after a scan's data: 0xFF followed by neither a stuffed 0x00 nor a restart marker's
number."""


def _scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data from ``position`` ends: at the next marker, or at the end of
    the file. Found by a pattern, not byte by byte: a scan may hold millions of 0xFF bytes."""
    found = _MARKER.search(data, position)
    return found.start() if found is not None else len(data)


def _orientation_only(orientation: int) -> bytes:
    """An EXIF block (its TIFF data, without the ``Exif\\0\\0`` a JPEG puts before it) holding the
    orientation alone. Pillow writes that mark itself: written before it again, the block began
    "Exif\\0\\0Exif\\0\\0", which Pillow reads past but browsers and viewers do not, so a turned
    photo opened on its side."""
    from PIL import Image  # loaded only for a turned photo offered as a download

    kept = Image.Exif()
    kept[EXIF_ORIENTATION] = orientation
    return kept.tobytes().removeprefix(b"Exif\0\0")


def _orientation(data: bytes, exif: bytes | None) -> int:
    from PIL import Image  # as in pressroom.output.images: most builds load none of Pillow

    try:
        with opened(data) as image:
            return exif_orientation(image)
    except Image.DecompressionBombError:
        # More pixels than Pillow opens (a stitched panorama, a scan): it stopped the build.
        return block_orientation(exif) if exif is not None else 1
    except DAMAGED:
        return 1


def _png(data: bytes) -> bytes:
    out = [data[:8]]
    position = 8
    while position + 8 <= len(data):  # a chunk's header cut short ends the file, as in a JPEG
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind[0] < 0x60 or kind in _PNG_KEEP:  # critical (an upper-case first letter), or how it is drawn
            out.append(data[position:end])
        elif kind == b"eXIf" and (turned := _orientation(data, data[position + 8 : end - 4])) != 1:
            # Kept, as a JPEG's is: without it a turned picture opened on its side.
            block = b"eXIf" + _orientation_only(turned)
            out.append(struct.pack(">I", len(block) - 4) + block + struct.pack(">I", zlib.crc32(block)))
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _webp(data: bytes) -> bytes:
    chunks: list[bytes | bytearray] = []
    header = None
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (size,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + size + (size & 1)
        chunk = bytearray(data[position:end])
        if kind == b"VP8X":
            chunk[8] &= ~_WEBP_METADATA_FLAGS & 0xFF
            header = chunk
        if kind not in _WEBP_DROP:
            chunks.append(chunk)
        elif (
            kind == b"EXIF" and header and (turned := _orientation(data, data[position + 8 : position + 8 + size])) != 1
        ):
            block = _orientation_only(turned)  # kept, as a JPEG's is
            chunks.append(b"EXIF" + struct.pack("<I", len(block)) + block + b"\0" * (len(block) & 1))
            header[8] |= 0x08
        position = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


_STRIPPERS = {"JPEG": _jpeg, "PNG": _png, "WEBP": _webp}
"""Each format's stripper, by `image_format`."""
