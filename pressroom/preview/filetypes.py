"""The Content-Type the preview server sends with each file it serves.

The types of the files a build makes are this module's own, not the machine's tables
(``/etc/mime.types``, which a container or a Mac may lack: Python alone knows no WebP), so a
page's pictures, fonts and feeds, and the audio and video a release offers, have the same
type on every machine; the server sends every file with ``nosniff``, and one of the wrong type
would be a download, not a picture.
"""

from __future__ import annotations

import mimetypes

SITE_TYPES = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "json": "application/json",
    "webmanifest": "application/manifest+json",
    "xml": "application/xml",
    "txt": "text/plain",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "avif": "image/avif",
    "gif": "image/gif",
    "ico": "image/vnd.microsoft.icon",
    "pdf": "application/pdf",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "wasm": "application/wasm",
}
"""Each kind of file a build makes (pages, feeds, styles, scripts, pictures, the search's
files), by suffix; any other (a download) is typed by the machine's tables."""
PLAYED_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "mov": "video/quicktime",
}
"""Downloads a browser plays in the page itself, by suffix: their type decides whether it
plays them (Safari plays no audio sent as ``application/octet-stream``), and a machine's table
may lack them (Python's own has no ``m4a``, ``ogg`` or ``flac``)."""
TEXT_TYPES = ("application/javascript", "application/json", "application/manifest+json", "image/svg+xml")
"""Types besides ``text/…`` whose files are text, in UTF-8 as the build writes them."""


def content_type(name: str) -> str:
    """The Content-Type of a file of this name, with its charset if it is text."""
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    kind = SITE_TYPES.get(suffix) or PLAYED_TYPES.get(suffix) or mimetypes.guess_type(name)[0]
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in TEXT_TYPES else kind
