"""The media parts of page views: a release's lead figure, its downloads, card thumbnails, share picture.

Texts around them (the credit's "Photo:", the symbolic-image marker, "Downloads") are in the
templates (``templates/_media.html``), translated by the catalogs; sizes and language names
come from Babel in the reader's locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from pressroom.model.media import (
    THUMBNAIL_SIZES,
    Download,
    Rendition,
    SharePicture,
    picture,
    share_picture,
    titled_card,
)
from pressroom.model.texts import Translation
from pressroom.pages.context import LanguageContext
from pressroom.source.media import IMAGE_FORMATS


@dataclass(frozen=True, slots=True)
class OriginalView:
    """The lead image's own file, offered in full resolution (for print)."""

    href: str
    name: str
    """The file's own name, which the reader's download is saved under (not the hashed address's)."""
    kind: str
    """``JPEG``, ``PNG``, ``WebP``."""
    width: str
    height: str
    """In pixels, written as the reader's locale writes numbers."""
    size: str


@dataclass(frozen=True, slots=True)
class LeadView:
    picture: Markup
    caption: str
    credit: str
    symbolic: bool
    original: OriginalView | None = None


@dataclass(frozen=True, slots=True)
class DownloadView:
    href: str
    title: str
    kind: str
    """``PDF``, ``XLSX``: the type as readers know it."""
    size: str
    """Formatted in the reader's locale: ``1,2 MB``."""
    languages: str
    """The document's languages, named in the reader's language, when it is not in the reader's; else ``""``."""


def lead_view(site: LanguageContext, version: Translation) -> LeadView | None:
    image = version.image
    if image is None:
        return None
    shown = picture(image.rendition, image.alt, site.config.base_path, lead=True, lang=image.alt_lang)
    offer = original_view(site, image.rendition) if site.catalog.media.offers(image) else None
    return LeadView(shown, image.caption, image.credit, image.symbolic, offer)


def original_view(site: LanguageContext, rendition: Rendition) -> OriginalView | None:
    url = rendition.download_url
    if url is None:
        return None
    info, number = rendition.info, site.language.number
    name = PurePosixPath(info.name).stem + rendition.download_suffix
    kind, size = IMAGE_FORMATS[info.format], file_size(info.size, site)
    return OriginalView(site.href(url), name, kind, number(info.width), number(info.height), size)


FEED_PICTURE_WIDTH = 960
"""The narrowest picture a feed entry shows at least: as wide as a reader's column, at twice
its pixels on a phone."""


def feed_figure(site: LanguageContext, version: Translation) -> Markup:
    """The lead picture as a feed entry shows it above the text: one plain ``<img>`` (feed
    readers take no ``<picture>``), with its caption, the symbolic-image marker and the credit
    as the release page words them. Its address is the site's; the feed makes it whole."""
    image = version.image
    if image is None:
        return Markup("")
    chosen = image.rendition.fallback_variant(FEED_PICTURE_WIDTH)
    gettext = site.language.gettext
    # As the page sets them: the marker before the caption, the credit on a line of its own.
    lines = [
        " · ".join([*([gettext("Illustrative image")] if image.symbolic else []), *filter(None, [image.caption])]),
        gettext("Image: %(credit)s") % {"credit": image.credit} if image.credit else "",
    ]
    said = Markup("<br>").join(line for line in lines if line)
    caption = Markup("<figcaption>{}</figcaption>").format(said) if said else Markup("")
    lang = Markup(' lang="{}"').format(image.alt_lang) if image.alt_lang else Markup("")
    return Markup('<figure><img src="{}" alt="{}" width="{}" height="{}"{}>{}</figure>\n').format(
        site.config.base_path + chosen.url, image.alt, chosen.width, chosen.height, lang, caption
    )


def thumbnail(site: LanguageContext, version: Translation, first: bool = False) -> Markup:
    """A card's small picture; its alt text is empty, since the card's title says what it is about.
    ``first``: the first card of a list, which every screen shows at once: fetched first, not
    lazily (a lazy picture waits for the layout, and was the page's last to show)."""
    image = version.image
    if image is None:
        return Markup("")
    return picture(image.rendition, "", site.config.base_path, sizes=THUMBNAIL_SIZES, lead=first)


def download_views(site: LanguageContext, downloads: tuple[Download, ...]) -> tuple[DownloadView, ...]:
    language = site.language
    views = []
    for item in downloads:
        foreign = item.langs and site.lang not in item.langs
        names = language.list_of([language.name_of(lang) for lang in item.langs]) if foreign else ""
        views.append(DownloadView(site.href(item.url), item.title, item.kind, file_size(item.size, site), names))
    return tuple(views)


def file_size(size: int, site: LanguageContext) -> str:
    """``820 kB``, ``1,2 MB``: decimal units, as operating systems show file sizes today. The
    number and its unit are one word to a reader: a no-break space holds them on one line (a
    phone set "(PDF, 1,3" on one line and "MB)" on the next)."""
    if size < 1_000_000:
        text = site.language.size(max(1, round(size / 1000)), "digital-kilobyte")
    else:
        text = site.language.size(round(size / 1_000_000, 1), "digital-megabyte")
    return text.replace(" ", "\u00a0")


def share_meta(site: LanguageContext, version: Translation) -> SharePicture:
    """The share picture with its absolute URL, for ``og:image`` and JSON-LD."""
    return absolute(site, share_picture(version.url, version.title, version.image))


def titled_share(site: LanguageContext, url: str, title: str) -> SharePicture:
    """A card with this title beside the page at ``url`` (a standalone page, a partner's page)."""
    return absolute(site, titled_card(site.config, url, title, site.lang))


def absolute(site: LanguageContext, share: SharePicture) -> SharePicture:
    """The share picture with its absolute URL: shared links are read on other sites."""
    # Made anew, not by dataclasses.replace (which walks the fields): one per release page.
    return SharePicture(site.absolute(share.url), share.width, share.height, share.alt, share.rendition, share.card)
