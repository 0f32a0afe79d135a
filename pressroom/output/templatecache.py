"""Compiled templates kept between builds, so that no process compiles a template twice.

Jinja compiles each template to Python code the first time a process renders it: all of a
site's templates in every language took a second in each rendering worker, more than
rendering the pages of an edit. The code is kept in the cache folder (Jinja's own
``FileSystemBytecodeCache``, which checks each entry against its template's source). Since
``_("…")`` is translated when a template is compiled, each language has a folder of its own,
named by everything else the code depends on: the generator's code, Jinja's version and the
language's catalog. Folders no current language uses are removed.

Like everything in the cache folder, the entries are trusted: Python runs them. Each is kept
with a checksum (`marshalled`): code changed from outside in the middle of a string (a bad disk,
a sync tool) still loads, and its pages would publish that string; such an entry is compiled
again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from pressroom.base.files import read_plain, remove_other_folders, write_whole
from pressroom.base.i18n import Language
from pressroom.base.marshalled import marshalled, unmarshalled
from pressroom.source.config import TEMPLATES_DIR
from pressroom.source.inputs import code_digest


def template_caches(cache: Path | None, languages: dict[str, Language]) -> dict[str | None, BytecodeCache]:
    """A bytecode cache for each language's environment (and for the language-neutral one, None);
    none where the cache folder cannot be used."""
    if cache is None:
        return {}
    folders = {None: cache / TEMPLATES_DIR / _identity(None)}
    folders.update({code: cache / TEMPLATES_DIR / _identity(language) for code, language in languages.items()})
    caches: dict[str | None, BytecodeCache] = {}
    for code, folder in folders.items():
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            caches[code] = _Compiled(str(folder))
    remove_other_folders(cache / TEMPLATES_DIR, set(folders.values()))
    return caches


class _Compiled(FileSystemBytecodeCache):
    """Jinja's cache, except that a damaged entry (a build stopped while the disk was full, say)
    means compiling again, not a traceback, and an entry that cannot be kept (a full disk, a
    read-only cache) is not kept: the build goes on, and says where it cannot write its site."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            kept = unmarshalled(read_plain(self._get_cache_filename(bucket)))
        except OSError:
            return
        if not isinstance(kept, bytes):
            return  # missing, damaged or of an earlier layout: compiled again
        try:
            bucket.load_bytecode(io.BytesIO(kept))
        except Exception:  # whatever a damaged file makes the unpickler raise
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = io.BytesIO()
        bucket.write_bytecode(code)
        with contextlib.suppress(OSError):
            write_whole(Path(self._get_cache_filename(bucket)), marshalled(code.getvalue()))


def _identity(language: Language | None) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(code_digest())
    digest.update(f"\0{jinja2.__version__}\0{language.code if language else ''}\0".encode())
    catalog: dict[object, object] = getattr(language.translations, "_catalog", {}) if language else {}
    for key, value in sorted(catalog.items(), key=repr):
        digest.update(repr((key, value)).encode() + b"\n")
    return digest.hexdigest()
