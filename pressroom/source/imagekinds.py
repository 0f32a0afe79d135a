"""What a file named as a picture is when it is none the site publishes, told from its first
bytes: a drawing (SVG, which can carry scripts), an iPhone's photo (HEIC), a document (PDF).
The photo and the document were "not an image (or not one of JPEG, PNG, WebP, AVIF)"; each is
told what it is and what to make of it.
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
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        size = int.from_bytes(head[:4], "big")
        brands = {head[at : at + 4] for at in range(16, min(size, len(head)) - 3, 4)}
        if b"avif" not in brands and b"avis" not in brands:
            return "is a HEIC photo (as iPhones take them), which most browsers cannot show: export it as JPEG"
    if head.startswith(b"%PDF-"):
        return "is a PDF document, not a picture: offer it under downloads:, or export the page to show as PNG"
    return None
