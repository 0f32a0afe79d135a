"""Making the published file of a PDF offered for download: written anew without its metadata
(`pressroom.source.pdfdocs`), once for its bytes, kept in the cache folder
(``.pressroom-cache/documents/``) and linked into each build's output, as an offered image's
file is (`images.offered_file`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pressroom.base.errors import changed_while_building
from pressroom.base.files import digest_read, open_plain
from pressroom.output.mediarecord import MediaRecord
from pressroom.source.media import MEDIA_DIGEST_SIZE
from pressroom.source.pdfdocs import PDF_FORMAT, PdfProblem, publish_pdf


def offered_pdf_path(digest: str, cache: Path) -> Path:
    """The cached file of the PDF of ``digest`` without its metadata (see `offered_pdf`)."""
    return cache / "documents" / digest[:2] / f"{digest}.pdf-{PDF_FORMAT}"


def offered_pdf(source: Path, digest: str, shown: str, cache: Path, record: MediaRecord) -> Path:
    """The PDF ``source`` as it is published, made of its bytes unless it is kept (as ``record``
    has it). Written from the file opened once, whose bytes are those loaded (``digest``) before
    and after: else the build ends (`changed_while_building`, ``shown`` as the editor knows
    it), since the page says the size of what was loaded."""
    path = offered_pdf_path(digest, cache)
    if record.intact(os.fspath(path)):
        return path
    record.make_room(os.fspath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with open_plain(source) as stream, open(temporary, "wb") as target:
            if digest_read(stream, MEDIA_DIGEST_SIZE).hex() != digest:
                raise changed_while_building(shown)
            stream.seek(0)
            publish_pdf(stream, target)
            stream.seek(0)
            if digest_read(stream, MEDIA_DIGEST_SIZE).hex() != digest:
                raise changed_while_building(shown)
        os.replace(temporary, path)
    except (OSError, PdfProblem):  # gone, no longer a plain file, or other bytes than loaded
        raise changed_while_building(shown) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    record.made(os.fspath(path))
    return path
