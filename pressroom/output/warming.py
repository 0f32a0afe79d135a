"""The kept bodies a build's render workers are about to read, read ahead by a process of its own.

Making a release page's view reads its body from the cache folder: one small file per body,
read by the worker when it comes to the page, one after another. Where the system's file
cache has let those files go (a while after the last build, or on a machine that hands the
memory it does not use back to its host), each read waits on the disk, and a worker waiting
renders nothing: rendering every page at 1,000 releases took 2.1 s instead of 1.3 s (1.6 s
read ahead). A process forked as the workers start has the system read the files the
workers will read, in the order of the pages and several at once, so that the workers find
them in memory. Where a sample of them is in memory already (a build soon after the last),
nothing is forked: the reader's threads took 30 ms of the processors the workers render on.
It is stopped when the pages are done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import partial

from pressroom.base.files import in_cache, read_ahead
from pressroom.base.parallel import Background
from pressroom.model.catalog import Catalog, Translation
from pressroom.pages.plans import PagePlan

MIN_BODIES = 64
"""Fewer bodies to read than this are read by the workers themselves (no process forked)."""
SAMPLE = 16
"""Bodies asked whether they are in the system's file cache, spread over the pages' order: a
file cache that lets files go lets go of many, one that keeps them keeps all."""


def bodies_to_read(catalog: Catalog, plans: Sequence[PagePlan], linked: Collection[str]) -> list[str]:
    """The kept entries of the bodies of ``plans`` but those at the ``linked`` URLs (kept pages
    linked without a view), in the order of the pages."""
    versions: Mapping[str, Translation] = {
        version.url: version
        for text in (*catalog.releases, *catalog.pages)
        for version in text.translations.values()
        if version.digest
    }
    paths: list[str] = []
    for plan in plans:
        version = versions.get(plan.url)
        if version is None or plan.url in linked:
            continue
        path = catalog.bodies.file_entry(version.digest, version.lang)
        if path is not None:
            paths.append(path)
    return paths


@contextlib.contextmanager
def bodies_read_ahead(catalog: Catalog, plans: Sequence[PagePlan], linked: Collection[str]) -> Iterator[None]:
    """While the block runs, the bodies the workers will read are read in a process of its own
    (stopped as the block ends, however it ends); nothing where there are too few, or where
    no process can be forked."""
    # Without fork, `Background` would read them all here, first. The sample is asked before
    # the whole list is made (5 ms at 1,000 releases, for nothing where the sample is in memory).
    spread = plans[:: max(1, len(plans) // (2 * SAMPLE))]
    sample = bodies_to_read(catalog, spread, linked) if hasattr(os, "fork") else []
    paths = bodies_to_read(catalog, plans, linked) if sample and not in_cache(sample[:SAMPLE]) else []
    reading = Background(partial(read_ahead, paths)) if len(paths) >= MIN_BODIES else None
    try:
        yield
    finally:
        if reading is not None:
            reading.cancel()
