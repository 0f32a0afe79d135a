"""A site root read, checked and modelled: load → validate → model, with every problem found.

`load_site` wires the stages that read a site (settings, content, partners, front matter, media)
and model it (the catalog: versions linked, addresses assigned) into a `Site`, checking on the
way what rendering would otherwise find only later (the footer, the share cards, the bodies and
the templates, when the build is going to stop anyway), and stops with every error at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from pressroom.base.errors import Problems, stop_on_errors
from pressroom.base.i18n import Language
from pressroom.model.bodycache import BODIES_DIR, BodyCache
from pressroom.model.bodycheck import check_bodies, unlinked_versions
from pressroom.model.catalog import Catalog
from pressroom.model.linking import build_catalog, read_versions
from pressroom.model.media import MediaLibrary
from pressroom.output.mediafiles import check_cards
from pressroom.output.render import check_templates
from pressroom.pages.press import check_footer
from pressroom.source.cachefolder import usable_cache
from pressroom.source.config import SiteConfig, load_config, load_site_languages, report_special_files, template_dirs
from pressroom.source.content import scan_content
from pressroom.source.frontmatter import VersionSource
from pressroom.source.inputs import catalog_folder
from pressroom.source.knownversions import KnownVersions
from pressroom.source.mediacheck import check_media
from pressroom.source.partners import load_partners, load_topics


@dataclass(frozen=True, slots=True)
class Site:
    """A fully modelled site, before rendering."""

    config: SiteConfig
    catalog: Catalog
    languages: dict[str, Language]
    sources: tuple[VersionSource, ...] = ()
    """Every Markdown file's checked front matter, drafts included, when asked to keep them."""
    digests: Mapping[str, bytes] = field(default_factory=dict)
    """Path → digest of each Markdown file read without ``publish:``, for the inputs hash."""
    cache: Path | None = None
    """Where encoded images and share cards are kept between builds (None: nothing is kept)."""
    search: bool = True
    """Whether the site is built with its search index: one built without (``--no-search``) offers
    search engines no search of it."""


def load_site(
    root: Path,
    problems: Problems,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
    jobs: int = 1,
    keep_sources: bool = False,
    cache: Path | None = None,
    known: KnownVersions | None = None,
) -> Site:
    """Read and model a site root; raises `BuildFailed` with every problem found.

    ``keep_sources``: keep every file's checked front matter in the site (the preview server
    compares edits against it). ``cache``: a folder for what builds keep of media files and
    rendered bodies (``check`` writes nothing, so it passes none). ``known``: front matter an
    earlier clean build checked, not read again where the file did not change."""
    config = load_config(root, problems, base_url=base_url)
    report_special_files(template_dirs(config), root, problems)
    if cache is not None:  # images are made there before they are published: a stand-in if need be
        cache = usable_cache(cache, problems)
    tree = scan_content(root, config.languages, problems)
    languages = load_site_languages(config, problems, catalog_folder(cache))
    partners = load_partners(tree, config.languages, problems)
    topics = load_topics(tree, config.languages, problems)
    versions, partial = read_versions(tree, partners, topics, problems, jobs, known)
    files = check_media(config.content_dir, config.languages, versions, problems, cache, jobs, partial=partial)
    media = MediaLibrary(files.root, MappingProxyType(files.images), MappingProxyType(files.downloads))
    catalog = build_catalog(
        config, tree, partners, topics, versions, problems, include_drafts=drafts, now=now, media=media, partial=partial
    )
    if cache is not None:
        bodies = BodyCache(cache / BODIES_DIR)
        bodies.prune()
        catalog = dataclasses.replace(catalog, bodies=bodies)
    check_footer(config, catalog, problems)
    title_lines = {v.path: v.line_of("title") for v in versions}
    check_cards(catalog, title_lines, problems)
    # An embargoed release's cards are drawn when it goes online: what they would leave out is said now.
    held = [t for e in catalog.embargoed if e.release is not None for t in e.release.translations.values()]
    check_cards(catalog, title_lines, problems, held)
    if problems.errors:
        check_bodies(catalog, problems, jobs, unlinked_versions(tree.markdown, versions))
        check_templates(template_dirs(config), root, problems, cache)  # the build stops here: said with the rest
    stop_on_errors(problems)
    digests = {str(v.location): v.digest for v in versions if v.publish is None}
    return Site(config, catalog, languages, tuple(versions) if keep_sources else (), digests, cache)
