"""The kept bodies a build's render workers are about to read, read ahead while they start.

Making a release page's view reads its body from the cache folder, by the worker when it
comes to the page, one after another. Where the system's file cache has let those files go
(a while after the last build, or on a machine that hands the memory it does not use back
to its host), each read waits on the disk, and a worker waiting renders nothing: rendering
every page at 1,000 releases took 2.1 s instead of 1.3 s (1.6 s read ahead). Bodies the
last build packed (`pressroom.model.bodypack`) are read ahead by the system itself, asked
to read the pack in large pieces. Bodies only kept in files of their own are read by a
process forked as the workers start, in the order of the pages and several at once, so
that the workers find them in memory. Where a sample of them is in memory already (a build
soon after the last), nothing is forked: the reader's threads took 30 ms of the processors
the workers render on. It is stopped when the pages are done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial

from pressroom.base.background import Background
from pressroom.base.files import in_cache, read_ahead
from pressroom.model.bodypack import Key
from pressroom.model.catalog import Catalog
from pressroom.model.texts import Translation
from pressroom.pages.plans import PagePlan

MIN_BODIES = 64
"""Fewer bodies to read than this are read by the workers themselves (no process forked)."""
SAMPLE = 16
"""Bodies asked whether they are in the system's file cache, spread over the pages' order: a
file cache that lets files go lets go of many, one that keeps them keeps all."""


def _entries(catalog: Catalog, versions: Iterable[Translation], packed: Collection[Key]) -> list[str]:
    """Where the kept bodies of ``versions`` but those the pack holds (``packed``) are, in their order."""
    paths: list[str] = []
    for version in versions:
        if (version.digest, version.lang) not in packed:
            path = catalog.bodies.file_entry(version.digest, version.lang)
            if path is not None:
                paths.append(path)
    return paths


def _by_url(catalog: Catalog) -> Mapping[str, Translation]:
    return {version.url: version for version in catalog.file_versions()}


def _versions_read(
    versions: Mapping[str, Translation], plans: Sequence[PagePlan], linked: Collection[str]
) -> list[Translation]:
    """The versions whose kept bodies the pages of ``plans`` read, in the order of the pages."""
    return [version for plan in plans if (version := versions.get(plan.url)) is not None and plan.url not in linked]


@contextlib.contextmanager
def bodies_read_ahead(catalog: Catalog, plans: Sequence[PagePlan], linked: Collection[str]) -> Iterator[None]:
    """While the block runs, the bodies the workers will read are read in a process of its own
    (stopped as the block ends, however it ends); nothing where there are too few, or where
    no process can be forked."""
    # Without fork, `Background` would read them all here, first. The sample is asked before
    # the whole list is made (5 ms at 1,000 releases, for nothing where the sample is in memory).
    # The pack is opened here, before the workers fork: they share its index and open file, and
    # the system reads it ahead by itself. Only bodies it lacks are read ahead by a process.
    packed = catalog.bodies.packed()
    versions = _by_url(catalog)
    spread = _versions_read(versions, plans[:: max(1, len(plans) // (2 * SAMPLE))], linked)
    if sum((version.digest, version.lang) in packed for version in spread) > 1:
        catalog.bodies.read_pack_ahead()  # more than a few of the pages to be rendered read a packed body
    sample = _entries(catalog, spread, packed) if hasattr(os, "fork") else []
    paths = (
        _entries(catalog, _versions_read(versions, plans, linked), packed)
        if sample and not in_cache(sample[:SAMPLE])
        else []
    )
    reading = Background(partial(read_ahead, paths)) if len(paths) >= MIN_BODIES else None
    try:
        yield
    finally:
        if reading is not None:
            reading.cancel()
