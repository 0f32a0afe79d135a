"""What a command-line build removes from the cache folder that no build of the site needs any
more, beside the former formats (`cacheuse`) and the unused media files (`mediarecord`).

Each store is swept by a build that holds the cache alone (no other build or preview server
may be reading an entry that moment) and that saw every input (the preview's one-file rebuilds
never sweep), and only when it has grown since its last sweep, so that a build after no change
walks no folder:

- the kept bodies (`bodycache`): when the pack is written again, or, for a site without one, after
  an entry was added; the entries of the site's files and texts stay;
- the media probes' records and the static pictures' notes (`digestrecords`): after a record was
  added (an image added or replaced), those of every image the site names stay (of a site read
  afresh: a build that took its last model did not look at the images);
- the compiled catalogs: after one was compiled, the languages' own stay;
- the models kept per output folder (`headstart`), with their records of edits and folders: a
  model whose output folder is gone; one made before models noted their folder, once it has not
  been written for `UNNOTED_DAYS`. One listing of a folder of a few entries, each build.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from pressroom.base.digestrecords import grown, sweep
from pressroom.base.files import read_plain, write_whole
from pressroom.model.bodycache import BODIES_DIR, renderer_identity
from pressroom.output.ahead import FOLDERS_DIR
from pressroom.pipeline.building import CacheLive
from pressroom.preview.headstart import MODELS_DIR, model_name
from pressroom.preview.keptmodel import since_file
from pressroom.source.cacheuse import PROBED_DIR
from pressroom.source.inputs import catalog_folder
from pressroom.source.staticimages import CHECKED_DIR, live_notes

FOLDER_SUFFIX = ".folder"
"""Beside a kept model, the output folder it was built for (its name is a digest of it)."""
UNNOTED_DAYS = 30
"""How long a model that notes no output folder is kept after it was last written."""


def note_output(cache: Path, output: Path) -> None:
    """Note beside the model kept for builds into ``output`` that folder's path (once)."""
    note = cache / MODELS_DIR / f"{model_name(output)}{FOLDER_SUFFIX}"
    if not note.exists() and (cache / MODELS_DIR).is_dir():
        with contextlib.suppress(OSError):
            write_whole(note, os.fsencode(output.resolve()))


def sweep_cache(cache: Path, live: CacheLive) -> list[str]:
    """Remove what the stores of ``cache`` hold that ``live`` (a build's) does not need; the
    names removed. The caller holds the cache alone."""
    removed = []
    if live.bodies is not None:
        removed += _swept(cache / BODIES_DIR / renderer_identity(), live.bodies)
    if live.probed is not None and grown(cache / PROBED_DIR):
        removed += _swept(cache / PROBED_DIR, live.probed)
    if grown(cache / CHECKED_DIR):
        removed += _swept(cache / CHECKED_DIR, live_notes(folder / "static" for folder in live.templates))
    catalogs = catalog_folder(cache)
    if catalogs is not None and grown(catalogs):
        removed += [f"{catalogs.name}/{name}" for name in sweep(catalogs, live.catalogs, flat=True)]
    return removed + _stale_models(cache)


def _swept(folder: Path, live: frozenset[str]) -> list[str]:
    return [f"{folder.name}/{name}" for name in sweep(folder, live)]


def _stale_models(cache: Path) -> list[str]:
    models = cache / MODELS_DIR
    try:
        names = os.listdir(models)
    except OSError:
        return []
    stale = []
    for name in names:
        if "." in name:
            continue  # a model's record beside it
        gone = False
        try:
            gone = not os.path.isdir(read_plain(models / f"{name}{FOLDER_SUFFIX}"))
        except OSError:  # noted no folder: made before the notes
            with contextlib.suppress(OSError):
                gone = time.time() - os.stat(models / name).st_mtime > UNNOTED_DAYS * 86400
        if gone:
            stale.append(name)
            for path in (models / name, since_file(models / name), models / f"{name}{FOLDER_SUFFIX}"):
                with contextlib.suppress(OSError):
                    os.unlink(path)
            with contextlib.suppress(OSError):
                os.unlink(cache / FOLDERS_DIR / name)
    return [f"{MODELS_DIR}/{name}" for name in stale]
