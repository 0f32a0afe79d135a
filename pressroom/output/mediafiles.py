"""Publishing media: every rendition, share picture and download of a site, into the output.

Renditions are encoded by forked workers (an image takes about a second; see
`pressroom.output.images`), each file at most once however many pages show it; cached files
are only copied. Every release version gets a share picture: its lead image cut to 1200×630,
or a share card with its title (`pressroom.output.sharecard`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pressroom.base.parallel import run_ranges
from pressroom.model.catalog import Catalog, Translation
from pressroom.model.media import SharePicture, share_picture
from pressroom.output import images
from pressroom.output.render import OutputFile
from pressroom.output.sharecard import share_card

IMAGES_PER_WORKER = 2
"""Images are slow enough that even a few are worth a second worker."""


def release_shares(catalog: Catalog) -> list[tuple[Translation, SharePicture]]:
    """Each release version's share picture, once per file (versions may share a lead image)."""
    seen: set[str] = set()
    shares = []
    for release in catalog.releases:
        for version in release.translations.values():
            picture = share_picture(version.url, version.title, version.image)
            if picture.url not in seen:
                seen.add(picture.url)
                shares.append((version, picture))
    return shares


def publish_media(
    catalog: Catalog,
    cache: Path,
    deliver: Callable[[OutputFile], object],
    jobs: int = 1,
    place: Callable[[str, Path], object] | None = None,
) -> int:
    """Write every media file the site shows; return how many. ``place(url, file)`` puts a
    file of the cache into the output without reading it (else its bytes go to ``deliver``)."""
    put = place or (lambda url, path: deliver(OutputFile(url, path.read_bytes())))
    renditions = catalog.media.renditions()
    shares = release_shares(catalog)
    work: list[Callable[[], list[tuple[str, Path]]]] = [
        *(lambda r=r: images.files(r, cache) for r in renditions),
        *(lambda v=v, p=p: [(p.url, _share_file(catalog, v, p, cache))] for v, p in shares),
    ]

    def run(start: int, stop: int) -> int:
        written = 0
        for item in work[start:stop]:
            for url, path in item():
                put(url, path)
                written += 1
        return written

    count = sum(run_ranges(run, len(work), jobs, IMAGES_PER_WORKER))
    published: set[str] = set()
    for release in catalog.releases:
        for version in release.translations.values():
            for item in version.downloads:
                if item.url not in published:
                    published.add(item.url)
                    deliver(OutputFile(item.url, item.path.read_bytes()))
    return count + len(published)


def _share_file(catalog: Catalog, version: Translation, picture: SharePicture, cache: Path) -> Path:
    if picture.rendition is not None:
        return images.share_file(picture, cache)
    return share_card(version.title, version.lang, catalog.config.site_title(version.lang), cache)
