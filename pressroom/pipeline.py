"""The build pipeline: load → validate → model → render → write, stopping between stages on errors.

Each stage is a plain function over the previous stage's value; this module only wires them
and decides when to stop. Nothing is written unless every stage succeeded.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from .config import PROJECT_ROOT, SiteConfig, load_config
from .content import scan_content
from .errors import BuildFailed, Problems
from .i18n import Language, load_language
from .model import Catalog, build_catalog
from .partners import load_partners, load_topics
from .progress import SILENT, Progress
from .render import OutputFile, fingerprint, make_environment, render_pages, static_files
from .search import BUNDLE, index_site
from .views import PagePlan, plan_site
from .writer import write_site

SearchMode = Literal["index", "keep", "off"]


@dataclass(slots=True)
class BuildResult:
    problems: Problems
    pages: Counter = field(default_factory=Counter)
    """Pages written per language (``None`` for the neutral root pages)."""
    files: int = 0
    seconds: float = 0.0
    search_seconds: float | None = None
    """Time spent indexing for search, or None when the index was not rebuilt."""


@dataclass(frozen=True, slots=True)
class Site:
    """A fully modelled site, before rendering."""

    config: SiteConfig
    catalog: Catalog
    languages: dict[str, Language]


def _stop_on_errors(problems: Problems) -> None:
    if problems.errors:
        raise BuildFailed(problems)


def load_site(
    root: Path,
    problems: Problems,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
) -> Site:
    """Read and model a site root; raises `BuildFailed` with every problem found."""
    config = load_config(root, problems, base_url=base_url)
    tree = scan_content(root, config.languages, problems)
    languages = {code: load_language(code, config.locales_dir, problems, root) for code in config.languages}
    partners = load_partners(tree, config.languages, problems)
    topics = load_topics(tree, config.languages, problems)
    catalog = build_catalog(config, tree, partners, topics, problems, include_drafts=drafts, now=now)
    _stop_on_errors(problems)
    return Site(config, catalog, languages)


def build_date() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` so that a build can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def template_dirs(config: SiteConfig) -> tuple[Path, ...]:
    """The site's own templates first, then the project's, so a site overrides what it needs."""
    project = PROJECT_ROOT / "templates"
    if config.templates_dir.resolve() == project.resolve():
        return (project,)
    return (config.templates_dir, project)


def plan_pages(site: Site, assets: Mapping[str, str], problems: Problems) -> list[PagePlan]:
    """Every page of the site; two pages claiming one output path is an error."""
    plans = plan_site(site.catalog, site.languages, assets, build_date())
    claimed: dict[str, PagePlan] = {}
    for plan in plans:
        other = claimed.get(plan.url)
        if other is not None:
            problems.error(
                plan.origin if "/" in plan.origin else "content",
                plan.line,
                f"'/{plan.url}' is claimed twice: by {plan.origin} and by {other.origin}; "
                "give one of them another slug",
            )
        claimed[plan.url] = plan
    return plans


def render_site(site: Site, problems: Problems, progress: Progress = SILENT) -> tuple[list[OutputFile], list[PagePlan]]:
    dirs = template_dirs(site.config)
    statics = static_files(dirs)
    assets = {file.path: site.config.base_path + fingerprint(file) for file in statics}
    plans = plan_pages(site, assets, problems)
    _stop_on_errors(problems)
    environments = {None: make_environment(dirs, None)}
    environments.update({code: make_environment(dirs, lang) for code, lang in site.languages.items()})
    progress.stage("rendering")
    pages = render_pages(plans, environments, problems, site.config.root, progress)  # type: ignore[arg-type]
    _stop_on_errors(problems)
    return statics + pages, plans


def build(
    root: Path,
    output: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
    progress: Progress = SILENT,
    search: SearchMode = "index",
) -> BuildResult:
    """Build the site at ``root`` into ``output``; raises `BuildFailed` and writes nothing on errors.

    ``search``: ``index`` runs Pagefind on the new site; ``keep`` carries the previous index
    over (quick previews); ``off`` builds without search."""
    started = time.perf_counter()
    problems = Problems()
    search_seconds: list[float] = []

    def index(folder: Path) -> None:
        progress.stage("indexing for search")
        search_seconds.append(index_site(folder))

    try:
        progress.stage("reading")
        site = load_site(root, problems, drafts=drafts, base_url=base_url, now=now)
        files, plans = render_site(site, problems, progress)
        progress.stage("writing")
        written = write_site(
            files,
            output,
            finish=index if search == "index" else None,
            keep=(BUNDLE,) if search == "keep" else (),
        )
    finally:
        progress.clear()
    return BuildResult(
        problems=problems,
        pages=Counter(plan.lang for plan in plans if plan.is_html),
        files=written,
        seconds=time.perf_counter() - started,
        search_seconds=search_seconds[0] if search_seconds else None,
    )
