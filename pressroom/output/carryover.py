"""Pages carried over from the previous build: a page whose view did not change is not rendered again.

A page's bytes are a function of its view (a frozen tree of plain data: titles, dates,
rendered bodies, links) and of its surroundings (templates, catalogs, settings, the
generator's code, the options; see `surroundings_hash`). Each page's view is pickled and
hashed with the surroundings; the digests of a build are kept in the cache folder, with a
fingerprint of the output folder that build left. The next build into the same folder links
every page whose digest is unchanged from the previous output instead of rendering it, so an
edit of one release renders the dozen pages that show it. A view that cannot be pickled, an
output folder changed since, or a cache that cannot be read, only means rendering everything.
Pickling may give different bytes for equal views (it never gives equal bytes for different
ones), so the worst a digest can do is render a page that did not need it.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
from pathlib import Path

from pressroom.output.writer import MARKER, StagedSite, output_manifest

RECORDS_DIR = "pages"
"""The cache's sub-folder for the page digests of each output folder."""


class CarryOver:
    """Decides, page by page, whether the previous output's file can stand for this build's."""

    def __init__(self, cache: Path | None, output: Path, staged: StagedSite | None, surroundings: str) -> None:
        self.staged = staged
        self.surroundings = surroundings.encode()
        output = output.resolve()
        name = hashlib.blake2b(os.fsencode(output), digest_size=12).hexdigest()
        self.record = cache / RECORDS_DIR / name if cache is not None else None
        self.previous = _read(self.record, output) if staged is not None else {}
        self.digests: dict[str, bytes] = {}
        """This process's pages since the last `taken`: path → digest."""
        self.found: dict[str, bytes] = {}
        """Every page's digest, gathered by the parent from what the workers took."""

    def carry(self, path: str, view: object) -> bool:
        """Whether the page at ``path`` was linked from the previous output (else: render it)."""
        try:
            data = pickle.dumps(view, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return False
        digest = hashlib.blake2b(self.surroundings + b"\0" + data, digest_size=20).digest()
        self.digests[path] = digest
        return self.previous.get(path) == digest and self.staged is not None and self.staged.carry(path)

    def taken(self) -> dict[str, bytes]:
        """The digests found since the last call (each worker hands its own back to the parent)."""
        found, self.digests = self.digests, {}
        return found

    def save(self, digests: dict[str, bytes], output: Path) -> None:
        """Keep a finished build's digests, with the fingerprint of the output it left."""
        if self.record is None:
            return
        temporary = self.record.with_name(f".{self.record.name}.{os.getpid()}")
        try:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps((_fingerprint(output.resolve()), digests)))
            os.replace(temporary, self.record)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()

    def forget(self) -> None:
        """Drop the record (a build that failed, or one whose pages were changed in place)."""
        if self.record is not None:
            with contextlib.suppress(OSError):
                self.record.unlink()


def _read(record: Path | None, output: Path) -> dict[str, bytes]:
    if record is None or not output.is_dir():
        return {}
    try:
        with open(record, "rb") as stream:
            fingerprint, digests = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    # Files deleted, added or resized in the output since, or pages rewritten in place by the
    # preview server (which rewrites the marker): trust none of it.
    return digests if isinstance(digests, dict) and fingerprint == _fingerprint(output) else {}


def _fingerprint(output: Path) -> tuple[str, int, int]:
    try:
        marker = os.stat(output / MARKER)
    except OSError:
        return ("", 0, 0)
    return (output_manifest(output), marker.st_ino, marker.st_mtime_ns)
