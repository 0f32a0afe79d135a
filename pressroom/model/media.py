"""What pages know of media: each image's planned renditions, lead images, downloads, and ``<picture>``.

Renditions are planned from what probing found (size, content hash) without encoding anything:
views and bodies need only URLs and sizes, so pages can be rendered while
`pressroom.output.images` makes the files. Widths are never larger than the image; the names
carry a hash of the file and the settings, so a changed photo gets new URLs and no reader's
cache shows the old one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import PIL
from markupsafe import Markup

from pressroom.base.i18n import language_name
from pressroom.base.quickinit import quick_init
from pressroom.model import routing
from pressroom.source.config import SiteConfig
from pressroom.source.downloads import DownloadInfo
from pressroom.source.isomedia import Blanked
from pressroom.source.media import MEDIA_DIR, ImageInfo, dark_name, localized, marked
from pressroom.source.stripping import STRIPPED_FORMATS

RENDITION_FORMAT = 1
"""Raised when the way renditions are made changes, so that cached ones are made again."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How renditions are made; part of every rendition's name and cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    avif_quality: int = 60
    avif_lossless_source_quality: int = 80
    """AVIF quality for PNG sources (charts, screenshots), whose edges a lower quality blurs."""
    avif_speed: int = 8
    """libaom speed: 8 takes 37 % less CPU per photo than 6 for 11 % larger AVIF files (benchmarks/RESULTS.md)."""
    webp_quality: int = 80
    jpeg_quality: int = 82

    def key(self) -> bytes:
        return json.dumps([RENDITION_FORMAT, PIL.__version__, asdict(self)], sort_keys=True).encode()


SETTINGS = Settings()
SIZES = "(min-width: 45rem) 42rem, calc(100vw - 2.5rem)"
"""How wide an image shows in the text column (``--measure`` in style.css), for ``sizes``."""
THUMBNAIL_SIZES = "10rem"
DARK_SOURCE = Markup(
    '<source media="screen and (prefers-color-scheme: dark)" type="{}" srcset="{}" sizes="{}" width="{}" height="{}">'
)
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True, slots=True)
class Variant:
    """One encoded file of a rendition."""

    format: str
    """``avif``, ``webp``, ``jpeg`` or ``png``."""
    width: int
    height: int
    url: str
    """Path in the output folder, with ``/``: ``media/2024/photo.3f2a9c1b0e.960.avif``."""


@dataclass(frozen=True, slots=True)
class Rendition:
    """An image ready for ``<picture>``: its variants, narrowest first within each format."""

    info: ImageInfo
    key: str
    """Hash of the file's bytes and the settings: names the files and the cache folder."""
    fallback: str
    """``jpeg`` or ``png``: the format of ``<img src>``."""
    variants: tuple[Variant, ...]
    settings: Settings = SETTINGS
    dark: Rendition | None = None
    """The ``NAME.dark.EXT`` beside the file, shown instead in dark mode."""

    @property
    def width(self) -> int:
        return self.info.width

    @property
    def height(self) -> int:
        return self.info.height

    @property
    def lossless(self) -> bool:
        return self.fallback == "png"

    @property
    def download_url(self) -> str | None:
        """Where the file itself is offered, in full resolution for print, its metadata taken
        out losslessly (`pressroom.source.stripping`), named by its bytes and settings as the
        variants are; None for an AVIF file, whose metadata is not taken out."""
        if self.info.format not in STRIPPED_FORMATS:  # a lead image of these is offered
            return None
        stem = PurePosixPath(MEDIA_DIR, self.info.name)
        return f"{stem.parent}/{stem.stem}.{self.key[:10]}{self.download_suffix}"

    @property
    def download_suffix(self) -> str:
        """The offered file's suffix: its own, unless that names another format (a PNG saved as
        ``.jpg`` is offered as ``.png``, which is what it is)."""
        own = PurePosixPath(self.info.name).suffix.lower()
        suffixes = STRIPPED_FORMATS.get(self.info.format, (own,))
        return own if own in suffixes else suffixes[0]

    def of(self, fmt: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == fmt)

    def srcset(self, fmt: str, prefix: str = "/") -> str:
        """``/media/…480.avif 480w, /media/…960.avif 960w`` for ``<source srcset>``."""
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in self.of(fmt))

    def src(self, prefix: str = "/", at_least: int | None = None) -> str:
        """The fallback's URL: the largest, or the narrowest at least ``at_least`` pixels wide."""
        return prefix + self.fallback_variant(at_least).url

    def fallback_variant(self, at_least: int | None = None) -> Variant:
        """The fallback's largest variant, or its narrowest at least ``at_least`` pixels wide."""
        fallbacks = self.of(self.fallback)
        wide = [v for v in fallbacks if at_least is not None and v.width >= at_least]
        return wide[0] if wide else fallbacks[-1]


def planned_widths(width: int, widths: tuple[int, ...]) -> list[int]:
    """The widths to make of an image ``width`` pixels wide: never wider than the image itself."""
    planned = [w for w in widths if w < width]
    if width <= max(widths):
        planned.append(width)
    return planned or [max(widths)]


def plan(info: ImageInfo, settings: Settings = SETTINGS, dark: ImageInfo | None = None) -> Rendition:
    key = hashlib.blake2b(f"{info.digest}\0".encode() + settings.key(), digest_size=16).hexdigest()
    fallback = "png" if info.format == "PNG" or info.alpha else "jpeg"
    stem = PurePosixPath(MEDIA_DIR, info.name)
    base = f"{stem.parent}/{stem.stem}.{key[:10]}"
    variants = []
    for width in planned_widths(info.width, settings.widths):
        height = max(1, round(info.height * width / info.width))
        for fmt in ("avif", "webp", fallback):
            variants.append(Variant(fmt, width, height, f"{base}.{width}.{'jpg' if fmt == 'jpeg' else fmt}"))
    return Rendition(info, key, fallback, tuple(variants), settings, plan(dark, settings) if dark else None)


def picture(
    rendition: Rendition,
    alt: str,
    prefix: str,
    *,
    sizes: str = SIZES,
    lead: bool = False,
    lang: str | None = None,
) -> Markup:
    """``<picture>`` with AVIF and WebP sources and the fallback, sized so nothing shifts.

    The lead image is fetched first (``fetchpriority``); every other image loads lazily.
    ``lang``: the alt text's language, when it is not the page's. A dark variant comes first,
    in every format, for readers whose system is in dark mode; its sources carry its own size,
    which the browser takes for the box when it picks them."""
    sources = Markup("").join(
        Markup('<source type="{}" srcset="{}" sizes="{}">').format(
            MIME_TYPES[fmt], rendition.srcset(fmt, prefix), sizes
        )
        for fmt in ("avif", "webp")
    )
    if (dark := rendition.dark) is not None:
        sources = (
            Markup("").join(
                DARK_SOURCE.format(MIME_TYPES[fmt], dark.srcset(fmt, prefix), sizes, dark.width, dark.height)
                for fmt in ("avif", "webp", dark.fallback)
            )
            + sources
        )
    loading = Markup(' fetchpriority="high"') if lead else Markup(' loading="lazy" decoding="async"')
    lang_attr = Markup(' lang="{}"').format(lang) if lang else Markup("")
    return Markup(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}></picture>'
    ).format(
        sources,
        rendition.src(prefix, 960),
        rendition.srcset(rendition.fallback, prefix),
        sizes,
        rendition.width,
        rendition.height,
        alt,
        loading,
        lang_attr,
    )


@dataclass(frozen=True, slots=True)
class LeadImage:
    """A version's lead image: the (per-language) rendition and this version's texts."""

    rendition: Rendition
    alt: str
    caption: str
    credit: str
    symbolic: bool
    alt_lang: str | None = None
    """The alt text's language where it is another version's (lent to an untranslated copy)."""
    offered: bool = True
    """Whether its own file is offered in full resolution (not where a version says
    ``download: false``): see `Rendition.download_url`."""


@dataclass(frozen=True, slots=True)
class Download:
    """A document offered with a version."""

    url: str
    """Path in the output folder (``media/2024/erklaerung.pdf``)."""
    title: str
    kind: str
    size: int
    langs: tuple[str, ...]
    path: Path
    digest: str | None = None
    """An image's or a document's written anew (`DownloadInfo.digest`): it is published without its metadata."""
    blanked: tuple[Blanked, ...] = ()
    """A video's or recording's metadata, published as zeros (`DownloadInfo.blanked`)."""
    anew: str = ""
    """What it is published written anew as, without its metadata (`DownloadInfo.anew`)."""


@dataclass(frozen=True, slots=True)
class MediaLibrary:
    """Every media file the content uses, checked; which rendition a language shows (with its
    dark variant)."""

    root: Path
    """``content/media/``."""
    images: MappingProxyType
    """Name → `ImageInfo` of every image referred to (per-language replacements included)."""
    downloads: MappingProxyType
    """Name → `DownloadInfo` of every download."""
    settings: Settings = SETTINGS
    withheld: frozenset[str] = frozenset()
    """The digests of the pictures a release keeps from being offered (``download: false``):
    the rights are the picture's, so no release offers its file, whatever that one says."""

    def offers(self, image: LeadImage) -> bool:
        """Whether ``image``'s own file is offered in full resolution (`Rendition.download_url`):
        not where a release showing the same picture says ``download: false``."""
        rendition = image.rendition
        return image.offered and rendition.info.digest not in self.withheld and rendition.download_url is not None

    def rendition(self, name: str, lang: str) -> Rendition | None:
        """The rendition a page in ``lang`` shows for ``name`` (its ``NAME.<lang>.EXT`` if there is one)."""
        shown = localized(self.root, name, lang)
        info = self.images.get(shown)
        if info is None:
            shown, info = name, self.images.get(name)
        return plan(info, self.settings, self.images.get(dark_name(shown))) if info is not None else None

    def renditions(self) -> list[Rendition]:
        """Every image's renditions, once for each set of files: two files of one folder, of the
        same bytes and name but for the suffix (``foto.jpg``, ``foto.jpeg``), make the same files,
        which the build stopped on, refusing to write them twice."""
        unique: dict[str, Rendition] = {}
        for _, info in sorted(self.images.items()):
            rendition = plan(info, self.settings)
            unique.setdefault(rendition.variants[0].url, rendition)
        return list(unique.values())

    def shown_only(self, names: Iterable[str], languages: Iterable[str]) -> MediaLibrary:
        """The library of the images ``names`` alone, with their languages' replacements and dark
        variants: those the published texts show, whose files the build publishes (a draft's or
        an embargoed release's picture is not published before the text is)."""
        kept = set()
        for name in names:
            for shown in (name, *(marked(name, lang) for lang in languages)):
                kept.update((shown, dark_name(shown)))
        images = {name: info for name, info in self.images.items() if name in kept}
        return replace(self, images=MappingProxyType(images))

    def download(self, name: str, title: str, langs: tuple[str, ...]) -> Download | None:
        info: DownloadInfo | None = self.downloads.get(name)
        if info is None:
            return None
        return Download(
            f"{MEDIA_DIR}/{name}", title, info.kind, info.size, langs, info.path, info.digest, info.blanked, info.anew
        )


SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
"""The share picture's size: what Open Graph and X show uncropped."""
CARD_FILE = "share.png"
"""A drawn share card, beside the page it was drawn for: ``de/releases/2024/x/share.png``."""
MULTILINGUAL = "mul"
"""The language of the language chooser's card (ISO 639's code for several languages)."""


@dataclass(frozen=True, slots=True)
class Card:
    """What a drawn share card says: a headline in one language under the site's mark."""

    headline: str
    lang: str
    """`MULTILINGUAL` for the language chooser's card, which names the site in every language."""
    mark: str
    """The site's title in that language, drawn beside the accent bar; on the chooser's card,
    the name of each language the site offers, one a line, as the chooser names them."""
    line_langs: tuple[str, ...] = ()
    """The language of each line of a ``mul`` headline, whose rules break it (the chooser's:
    the Japanese title between phrases, not only at its spaces)."""


@quick_init
@dataclass(frozen=True, slots=True)
class SharePicture:
    """The picture a shared link shows: the lead image cut to 1200×630, or a drawn card."""

    url: str
    """Path in the output folder."""
    width: int
    height: int
    alt: str
    rendition: Rendition | None = None
    """The lead image it is cut from; None for a drawn share card."""
    card: Card | None = None
    """What a drawn card says; None for a cut image."""


def share_picture(page_url: str, title: str, image: LeadImage | None, card: Card | None = None) -> SharePicture:
    """What a release version's links show: its lead image (cut to 1.9:1, at most 1200 wide,
    never upscaled), else ``card`` (a card with its title) beside its page."""
    if image is None:
        return SharePicture(page_url + CARD_FILE, SHARE_WIDTH, SHARE_HEIGHT, title, card=card)
    rendition = image.rendition
    ratio = SHARE_WIDTH / SHARE_HEIGHT
    width = min(SHARE_WIDTH, rendition.width, round(rendition.height * ratio))
    height = max(1, round(width / ratio))
    # The first variant's folder and the name before its first dot, by string: one per release page.
    folder, _, name = rendition.variants[0].url.rpartition("/")
    base = name.split(".")[0]
    return SharePicture(f"{folder or '.'}/{base}.{rendition.key[:10]}.share.jpg", width, height, image.alt, rendition)


def titled_card(config: SiteConfig, page_url: str, title: str, lang: str) -> SharePicture:
    """A card with a page's title under the site's mark, beside that page (a release without an
    image, a standalone page, a partner's page)."""
    return share_picture(page_url, title, None, Card(title, lang, config.site_title(lang)))


def site_card(config: SiteConfig, lang: str) -> SharePicture:
    """The card of a language's other pages (home, lists, topics, search): the site's mark over
    what the site is about (its description, else its title), beside the home page."""
    headline = config.site_description(lang) or config.site_title(lang)
    return share_picture(routing.home(lang), headline, None, Card(headline, lang, config.site_title(lang)))


def neutral_card(config: SiteConfig, languages: tuple[str, ...]) -> SharePicture:
    """The language chooser's card: the site's title in every language, one a line, under the
    languages' names (where another card has the site's title in its language)."""
    found = config.distinct_titles(languages)
    titles = [title for _, title in found]
    names = "\n".join(language_name(lang, lang, languages) for lang in languages)
    card = Card("\n".join(titles), MULTILINGUAL, names, tuple(lang for lang, _ in found))
    return share_picture(routing.chooser(), " / ".join(titles), None, card)


EMPTY_LIBRARY = MediaLibrary(Path(MEDIA_DIR), MappingProxyType({}), MappingProxyType({}))


def body_picture(rendition: Rendition, alt: str, caption: str, prefix: str, block: bool) -> Markup:
    """A body's image: a figure with its caption when it stands alone in a paragraph."""
    shown = picture(rendition, alt, prefix)
    if not block:
        return shown
    if caption:
        return Markup('<figure class="media">{}<figcaption>{}</figcaption></figure>').format(shown, caption)
    return Markup('<figure class="media">{}</figure>').format(shown)
