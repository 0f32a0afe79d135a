"""Making the published file of a document offered for download that is written anew without
its metadata (a PDF, `pressroom.source.pdfdocs`; an office document, `officeprops`): once for
its bytes, most often when it is loaded, to measure it (`pressroom.source.downloads`), kept in
the cache folder (``.pressroom-cache/documents/``) and linked into each build's output, as an
offered image's file is (`images.offered_file`).
"""

from __future__ import annotations

import os
from pathlib import Path

from pressroom.base.errors import changed_while_building
from pressroom.base.files import digest_read, open_plain, written_whole
from pressroom.output.mediarecord import MediaRecord
from pressroom.source.downloads import made_at_load, offered_path, write_anew
from pressroom.source.media import MEDIA_DIGEST_SIZE
from pressroom.source.pdfdocs import PdfProblem


def offered_document(source: Path, digest: str, anew: str, shown: str, cache: Path, record: MediaRecord) -> Path:
    """The document ``source`` as it is published, written anew as ``anew`` (`write_anew`),
    made of its bytes unless it is kept (as ``record`` has it) or was made when it was loaded
    (`made_at_load`: a document of hundreds of megabytes is not written twice). Written from the
    file opened once, whose bytes are those loaded (``digest``) before and after: else the build
    ends (`changed_while_building`, ``shown`` as the editor knows it), since the page says the
    size of what was loaded."""
    path = offered_path(digest, anew, cache)
    if record.intact(os.fspath(path)):
        return path
    if made_at_load(digest, anew, cache):
        record.made(os.fspath(path))
        return path
    record.make_room(os.fspath(path))
    try:
        with open_plain(source) as stream, written_whole(path) as target:
            if digest_read(stream, MEDIA_DIGEST_SIZE).hex() != digest:
                raise changed_while_building(shown)
            stream.seek(0)
            if write_anew(anew, stream, target) is None:  # these bytes were written anew when loaded
                raise changed_while_building(shown)
            stream.seek(0)
            if digest_read(stream, MEDIA_DIGEST_SIZE).hex() != digest:
                raise changed_while_building(shown)
    except (OSError, PdfProblem):  # gone, no longer a plain file, or other bytes than loaded
        raise changed_while_building(shown) from None
    record.made(os.fspath(path))
    return path
