"""Publishing media: every rendition, share picture and download of a site, into the output.

Renditions are encoded by forked workers (an image takes about a second; see
`pressroom.output.images`), each file at most once however many pages show it; cached files
are only copied. Every release version gets a share picture: its lead image cut to 1200×630,
or a share card with its title (`pressroom.output.sharecard`); so does every standalone page
and partner page (a card with its title), every other page of a language shares the language's
site card, and the language chooser has one naming the site in every language.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from pressroom.base.errors import Problems, changed_while_building
from pressroom.base.parallel import run_ranges
from pressroom.model import routing
from pressroom.model.catalog import Catalog
from pressroom.model.media import (
    Card,
    Download,
    Rendition,
    SharePicture,
    neutral_card,
    share_picture,
    site_card,
    titled_card,
)
from pressroom.model.texts import Translation
from pressroom.output import documents, images
from pressroom.output.cardfont import lost_characters
from pressroom.output.mediarecord import MediaRecord
from pressroom.output.sharecard import card_path, share_card
from pressroom.output.writer import Handed, StagedSite
from pressroom.source.config import CONFIG_NAME
from pressroom.source.content import media_shown
from pressroom.source.isomedia import IsoMediaError, metadata_blanks

IMAGES_PER_WORKER = 2
"""Images are slow enough that even a few are worth a second worker."""
SHOWN_LOST = 5
"""Characters a warning names of those a card leaves out; the rest are counted."""


def version_share(catalog: Catalog, version: Translation) -> SharePicture:
    """A release version's or standalone page's share picture, with what its card says."""
    card = Card(version.title, version.lang, catalog.config.site_title(version.lang))
    return share_picture(version.url, version.title, version.image, card)


def check_cards(
    catalog: Catalog, title_lines: Mapping[str, int], problems: Problems, versions: Iterable[Translation] | None = None
) -> None:
    """Warn of each version (by default, every one of the catalog, and every partner's name)
    whose share card leaves out characters of its title, for want of their glyphs in the card's
    font (scripts other than Latin, Greek, Cyrillic and Japanese, emoji): the card would show a
    headline with letters missing, or none at all. Letters drawn without a mark the font lacks
    (``Łódź`` as ``Lódz``) are not warned of: a partner region's name would warn on every build,
    and nothing an editor can write would mend it. ``title_lines``: the line of each version's
    title, by its path."""
    if versions is None:
        versions = (v for item in (*catalog.releases, *catalog.pages) for v in item.translations.values())
        _check_site_texts(catalog, problems)
        for partner in catalog.partners.values():
            for name in dict.fromkeys(partner.name.values()):
                if lost := lost_characters(name):
                    problems.warning(partner.path, partner.name_line, _left_out(lost, "partner's name"))
    for version in versions:
        lost = lost_characters(version.title)
        if lost and version_share(catalog, version).card is not None:
            problems.warning(
                version.path,
                title_lines.get(version.path, 1),
                f"{_left_out(lost, 'title')}; give this version a lead image (image:) to share a picture instead",
            )


def _check_site_texts(catalog: Catalog, problems: Problems) -> None:
    """The site's title (beside the mark on every card of its language, and on the language
    chooser's) and its description (the headline of the home page's and the lists' cards)."""
    config = catalog.config
    for key, texts in (("title", config.title), ("description", config.description)):
        for lang in catalog.languages:
            if lost := lost_characters(texts.get(lang, "")):
                line = config.text_lines.get(f"{key}.{lang}", 1)
                problems.warning(CONFIG_NAME, line, f"{key} ({lang}): {_left_out(lost, f'site {key}')}")


def _left_out(lost: tuple[str, ...], what: str) -> str:
    named = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in lost[:SHOWN_LOST])
    more = f" and {len(lost) - SHOWN_LOST} more" if len(lost) > SHOWN_LOST else ""
    return f"the share card drawn for this {what} leaves out {named}{more}: its font cannot draw them"


def site_shares(catalog: Catalog) -> list[SharePicture]:
    """Every share picture of the site, once per file (versions may share a lead image)."""
    config, languages = catalog.config, catalog.languages
    items = (*catalog.releases, *catalog.pages)
    found = [version_share(catalog, version) for item in items for version in item.translations.values()]
    for lang in languages:
        found += [
            titled_card(config, routing.partner(lang, pid), partner.name[lang], lang)
            for pid, partner in catalog.partners.items()
        ]
        found.append(site_card(config, lang))
    found.append(neutral_card(config, languages))
    unique: dict[str, SharePicture] = {}
    for picture in found:
        unique.setdefault(picture.url, picture)
    return list(unique.values())


class Offered(NamedTuple):
    """An image published as a file of its own, without its metadata (`images.offered_file`), or a
    document among the downloads written anew (`documents.offered_document`)."""

    url: str
    source: Path
    digest: str
    """Of its bytes as loaded."""
    shown: str
    """Its source as the editor knows it: ``content/media/…``."""
    anew: str = ""
    """A document's: what it is written anew as (`Download.anew`)."""

    def file(self, cache: Path, record: MediaRecord) -> Path:
        """Its file in the cache, made now unless it is there (as ``record`` has it)."""
        if self.anew:
            return documents.offered_document(self.source, self.digest, self.anew, self.shown, cache, record)
        return images.offered_file(self.source, self.digest, self.shown, cache, record)

    def path(self, cache: Path) -> Path:
        """Its file in the cache, worked out, not made."""
        if self.anew:
            return documents.offered_path(self.digest, self.anew, cache)
        return images.offered_path(self.digest, cache)


def offered_images(catalog: Catalog) -> list[Offered]:
    """The images offered as files of their own, once each: the lead images offered in full
    resolution (`Rendition.download_url`), the one every published version shows (a language's
    own picture, where it has one) but a picture any release withholds (``download: false``,
    `MediaLibrary.offers`); and the images and the documents written anew among the downloads."""
    found: dict[str, Offered] = {}
    for release in catalog.releases:  # a standalone page's image is its share picture only
        for version in release.translations.values():
            image = version.image
            if image is not None and catalog.media.offers(image):
                info = image.rendition.info
                url = image.rendition.download_url or ""
                found.setdefault(url, Offered(url, info.path, info.digest, media_shown(info.name)))
            for item in version.downloads:  # their URL is their name in the content folder
                if item.digest is not None:
                    shown = f"content/{item.url}"
                    found.setdefault(item.url, Offered(item.url, item.path, item.digest, shown, item.anew))
    return list(found.values())


class MediaWork:
    """Every rendition and share picture of a site, as numbered items to publish. A build
    whose pages are rendered by forked workers hands the items to those workers after its
    pages (`publish`): a second pool forked from the whole model for a few thousand links
    was a twentieth of a build that renders every page. Otherwise they get workers of their
    own (`publish_all`): even a few images to encode are worth it."""

    def __init__(self, catalog: Catalog, cache: Path) -> None:
        record = self.record = MediaRecord(cache)
        self.cache = cache
        self.renditions, self.shares = list(catalog.media.renditions()), site_shares(catalog)
        self.offered = offered_images(catalog)
        # Each picture's renditions and the share pictures cut from it, as one item: made from
        # one decoding of it.
        pictures: dict[str, tuple[list[Rendition], list[SharePicture]]] = {}
        for rendition in self.renditions:
            pictures.setdefault(rendition.info.digest, ([], []))[0].append(rendition)
        others = []
        for share in self.shares:
            if share.card is None and share.rendition is not None and share.rendition.info.digest in pictures:
                pictures[share.rendition.info.digest][1].append(share)
            else:
                others.append(share)
        self._items: list[Callable[[], list[tuple[str, Path]]]] = [
            *(lambda made=made: self._picture_files(*made) for made in pictures.values()),
            *(lambda p=p: [(p.url, share_file(p, cache, record))] for p in others),
            *(lambda o=o: [(o.url, o.file(cache, record))] for o in self.offered),
        ]

    def _picture_files(self, renditions: list[Rendition], shares: list[SharePicture]) -> list[tuple[str, Path]]:
        """The files of one picture's renditions and share pictures, decoding it at most once."""
        held: images.Held = {}
        found = [pair for rendition in renditions for pair in images.files(rendition, self.cache, self.record, held)]
        return found + [(share.url, share_file(share, self.cache, self.record, held)) for share in shares]

    def names(self) -> frozenset[str]:
        """Every file of the cache these items publish, as the media record names it (see
        `mediarecord.mark_used`); worked out, not made."""
        paths = [path for rendition in self.renditions for path in images.variant_paths(rendition, self.cache)]
        paths += [os.fspath(offered.path(self.cache)) for offered in self.offered]
        for picture in self.shares:
            if picture.card is not None:
                card = picture.card
                paths.append(card_path(card.headline, card.lang, card.mark, self.cache, card.line_langs))
            elif picture.rendition is not None:
                paths.append(os.fspath(images.share_path(picture, picture.rendition, self.cache)))
        start = len(os.fspath(self.cache)) + 1
        return frozenset(path[start:] for path in paths)

    def __len__(self) -> int:
        return len(self._items)

    def publish(self, staged: StagedSite, start: int, stop: int) -> int:
        """Put items ``start`` to ``stop`` into ``staged``; how many files. Files of the cache
        are linked, not read."""
        written = 0
        for item in self._items[start:stop]:
            for url, path in item():
                staged.place(url, path)
                written += 1
        self.record.save()  # in each worker, for the files it made
        return written

    def publish_all(self, staged: StagedSite, jobs: int) -> int:
        def run(start: int, stop: int) -> tuple[int, Handed]:
            return self.publish(staged, start, stop), staged.handed()

        count = 0
        for written, handed in run_ranges(run, len(self._items), jobs, IMAGES_PER_WORKER):
            count += written
            staged.learn(handed)
        return count


def publish_downloads(catalog: Catalog, staged: StagedSite) -> int:
    """Copy every download the releases offer but images and the documents written anew
    (published without their metadata with the media, `offered_images`) into ``staged``, once
    each; how many. They are copied as they are, a video of hundreds of megabytes too, never held
    in memory whole; a video's or recording's metadata blanked (`isomedia`), where it is found as
    it was when loaded."""
    published: set[str] = set()
    for release in catalog.releases:
        for version in release.translations.values():
            for item in version.downloads:
                if item.digest is None and item.url not in published:
                    published.add(item.url)
                    if item.blanked:
                        _still_as_loaded(item)
                    staged.copy(item.url, item.path, item.blanked)
    return len(published)


def _still_as_loaded(item: Download) -> None:
    """Stop the build where the video ``item`` was saved again since it was loaded: its
    metadata would be looked for where it no longer is."""
    shown = f"content/{item.url}"
    try:
        same = item.path.stat().st_size == item.size and metadata_blanks(item.path) == item.blanked
    except (OSError, IsoMediaError):
        same = False
    if not same:
        raise changed_while_building(shown)


def share_file(picture: SharePicture, cache: Path, record: MediaRecord, held: images.Held | None = None) -> Path:
    """The share picture's file in the cache, cut or drawn now unless it is there (as
    ``record`` has it; ``held``: as for `images.make`)."""
    if picture.card is not None:
        card = picture.card
        return share_card(card.headline, card.lang, card.mark, cache, record, card.line_langs)
    return images.share_file(picture, cache, record, held)
