"""Generate a synthetic pressroom site root for benchmarks: N releases × de/ja/en.

The corpus looks like the bundled site at scale: every release has a title, a date, a summary,
partner and topic ids taken from the project's own ``content/partners/*.yaml`` and
``content/topics.yaml``, and a Markdown body with headings, a list, a table, an external link
and relative ``.md`` links to other releases of the same language. Bodies run to about 600
words in German and English and about 1,500 characters in Japanese, composed (``prose.py``) from the aligned
sentence pools in ``pools.py`` so that the three versions read as translations and no two
releases are alike. About 5 % of the releases lack one language.

The output is deterministic for a seed (one ``random.Random(seed)`` drives every choice)::

    SITE/
      content/{de,ja,en}/YYYY/<slug>.md   same relative path = same release
      content/partners/*.yaml             copied from the project
      content/topics.yaml                 copied from the project
      site.yaml                           copied from the project
      content/{de,ja,en}/pages/*.md       the pages site.yaml's footer names, copied from the project
      content/media/bench/photo-NNNN.jpg  with --images N: lead photos of the first N releases

Usage: ``python benchmarks/corpus.py --releases 1000 --out /tmp/corpus [--seed 1] [--images 1000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import photos
import pools
import yaml
from pools import LANGS, Aligned
from prose import Data, Writer, body

PROJECT = Path(__file__).resolve().parent.parent
"""The pressroom checkout whose partner, topic and site data the corpus reuses."""

MARKER = ".bench-corpus"
"""Written into every generated site root, so that regenerating never deletes a foreign folder."""

FIRST_DAY = date(2008, 1, 1)
LAST_DAY = date(2025, 12, 31)


@dataclass(frozen=True, slots=True)
class Release:
    """One release of the corpus, decided before any body is written."""

    path: str
    """Path under ``content/<lang>/``: ``YYYY/slug.md``; the same in every language."""
    day: date
    partners: tuple[str, ...]
    topics: tuple[str, ...]
    langs: tuple[str, ...]
    """The languages this release exists in (all three for about 95 % of releases)."""
    title: Aligned
    summary: Aligned


@dataclass(frozen=True, slots=True)
class Corpus:
    """What `generate` wrote."""

    root: Path
    releases: tuple[Release, ...]
    files: int
    """Markdown files written (releases × languages, less the missing versions)."""
    words: dict[str, int]
    """Total words per language (characters without white space for Japanese)."""
    links: int
    """Relative ``.md`` links between releases, over all languages."""

    @property
    def missing(self) -> int:
        return len(self.releases) * len(LANGS) - self.files


def load_data(project: Path = PROJECT) -> Data:
    """Partner ids and names from ``content/partners/*.yaml``, topics from ``content/topics.yaml``."""
    partners: dict[str, Aligned] = {}
    for path in sorted((project / "content" / "partners").glob("*.yaml")):
        names = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        partners[path.stem] = (names["de"], names["ja"], names["en"])
    raw = yaml.safe_load((project / "content" / "topics.yaml").read_text(encoding="utf-8"))
    topics: dict[str, Aligned] = {}
    for topic_id in sorted(raw):
        names = raw[topic_id]
        # English topic names stand mid-sentence in the templates: lower-case their first letter.
        en = names["en"][0].lower() + names["en"][1:]
        topics[topic_id] = (names["de"], names["ja"], en)
    return Data(partners, topics)


def _slug(text: str) -> str:
    text = text.lower()
    for source, target in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ł", "l")):
        text = text.replace(source, target)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "release"


def plan(rng: random.Random, data: Data, count: int, missing_rate: float) -> list[Release]:
    """Decide every release's date, ids, languages, title and summary (bodies come later)."""
    partner_ids = list(data.partners)
    topic_ids = list(data.topics)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    slugs: set[str] = set()
    releases: list[Release] = []
    for day in days:
        partners = tuple(rng.sample(partner_ids, rng.choices((1, 2, 3), weights=(6, 3, 1))[0]))
        topics = tuple(rng.sample(topic_ids, rng.randint(1, 4)))
        writer = Writer(rng, data, partners, topics, day.year)
        title = writer.fill(rng.choice(pools.TITLES))
        summary = writer.fill(rng.choice(pools.SUMMARIES))
        base = _slug(title[2])
        slug, n = base, 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        langs = LANGS
        if rng.random() < missing_rate:
            gone = rng.choice(LANGS)
            langs = tuple(lang for lang in LANGS if lang != gone)  # type: ignore[assignment]
        releases.append(Release(f"{day.year}/{slug}.md", day, partners, topics, langs, title, summary))
    return releases


IMAGE_ALT = ("Symbolfoto {n} zur Meldung", "記事{n}のイメージ写真", "Illustrative photo {n} for the release")
"""Alt text of the generated photos, per language of `LANGS`."""


def image_name(n: int) -> str:
    """The generated photo number ``n`` under ``content/media/``."""
    return f"bench/photo-{n:04d}.jpg"


def _front_matter(release: Release, i: int, image: int | None = None) -> str:
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lead = ""
    if image is not None:
        alt = IMAGE_ALT[i].format(n=image)
        lead = f"image:\n  file: {image_name(image)}\n  alt: {quoted(alt)}\n  symbolic: true\n"
    return (
        "---\n"
        f"title: {quoted(release.title[i])}\n"
        f"date: {release.day.isoformat()}\n"
        f"summary: {quoted(release.summary[i])}\n"
        f"partners: [{', '.join(release.partners)}]\n"
        f"topics: [{', '.join(release.topics)}]\n"
        f"{lead}"
        "---\n\n"
    )


def write_photo(
    root: Path, n: int, seed: int, size: tuple[int, int], variant: int = 0, cache: Path | None = None
) -> Path:
    """Photo ``n`` of the corpus (``variant`` > 0: the same photo edited, for rebuild benchmarks).

    ``cache``: a folder keeping every photo made, by seed, number, variant and size, so that a
    second run with 1,000 photos does not spend minutes drawing the same pictures again."""
    path = root / "content" / "media" / image_name(n)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = cache / f"s{seed}-n{n}-v{variant}-{size[0]}x{size[1]}.jpg" if cache is not None else None
    if kept is not None and kept.is_file():
        shutil.copyfile(kept, path)
        return path
    data = photos.photo(seed * 1_000_003 + n * 7 + variant * 104_729, *size)
    path.write_bytes(data)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.with_suffix(".tmp").write_bytes(data)
        kept.with_suffix(".tmp").replace(kept)
    return path


def _prepare(root: Path) -> None:
    if root.exists():
        if any(root.iterdir()) and not (root / MARKER).exists():
            raise SystemExit(f"corpus.py: {root} exists and is not a generated corpus; choose another folder")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARKER).write_text("generated by benchmarks/corpus.py; replaced whole on every run\n")


def footer_pages(project: Path) -> list[str]:
    """The page keys the project's ``site.yaml`` links from every footer (``pages/imprint``)."""
    path = project / "site.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return [str(key) for key in (data or {}).get("footer", [])]


def generate(
    root: Path,
    releases: int,
    seed: int = 1,
    missing_rate: float = 0.05,
    project: Path = PROJECT,
    images: int = 0,
    image_size: tuple[int, int] = (1600, 1067),
    photo_cache: Path | None = None,
) -> Corpus:
    """Write a corpus of ``releases`` releases into the site root ``root`` (replaced if generated before).

    ``images``: the first that many releases get a generated photo of ``image_size`` as their
    lead image (the texts are the same as without photos); ``photo_cache``: see `write_photo`."""
    rng = random.Random(seed)
    data = load_data(project)
    planned = plan(rng, data, releases, missing_rate)
    _prepare(root)
    content = root / "content"
    shutil.copytree(project / "content" / "partners", content / "partners")
    shutil.copy2(project / "content" / "topics.yaml", content / "topics.yaml")
    if (project / "site.yaml").is_file():
        shutil.copy2(project / "site.yaml", root / "site.yaml")
    for key in footer_pages(project):
        # The standalone pages (imprint, privacy, ...) that site.yaml's footer names.
        for lang in LANGS:
            page = project / "content" / lang / f"{key}.md"
            if page.is_file():
                (content / lang / key).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(page, content / lang / f"{key}.md")
    files = 0
    links = 0
    words = dict.fromkeys(LANGS, 0)
    for number in range(min(images, len(planned))):
        write_photo(root, number, seed, image_size, cache=photo_cache)
    for number, release in enumerate(planned):
        writer = Writer(rng, data, release.partners, release.topics, release.day.year)
        # Link targets must exist in every language this release has, so each link resolves.
        count = rng.choices((0, 1, 2), weights=(3, 5, 2))[0]
        targets: list[Release] = []
        for _ in range(count * 3):
            if len(targets) == count:
                break
            other = planned[rng.randrange(len(planned))]
            if other is not release and other not in targets and set(release.langs) <= set(other.langs):
                targets.append(other)
        text = body(writer, targets)
        for i, lang in enumerate(LANGS):
            if lang not in release.langs:
                continue
            target = content / lang / release.path
            target.parent.mkdir(parents=True, exist_ok=True)
            image = number if number < images else None
            target.write_text(_front_matter(release, i, image) + text[i] + "\n", encoding="utf-8")
            files += 1
            links += len(targets)
            words[lang] += len("".join(text[i].split())) if lang == "ja" else len(text[i].split())
    return Corpus(root, tuple(planned), files, words, links)


def describe(corpus: Corpus) -> str:
    """One line about a generated corpus, for logs."""
    count = len(corpus.releases)
    per_version = {lang: corpus.words[lang] // max(1, sum(lang in r.langs for r in corpus.releases)) for lang in LANGS}
    return (
        f"{count} releases, {corpus.files} files ({corpus.missing} versions missing), {corpus.links} .md links; "
        f"average body: de {per_version['de']} words, en {per_version['en']} words, ja {per_version['ja']} characters"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--releases", type=int, required=True, help="number of releases (N)")
    parser.add_argument("--out", type=Path, required=True, help="site root to write (replaced if generated before)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--missing", type=float, default=0.05, help="share of releases lacking a language")
    parser.add_argument("--images", type=int, default=0, help="lead photos for the first N releases (default 0)")
    parser.add_argument("--image-size", default="1600x1067", help="size of the photos (default 1600x1067)")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.image_size.split("x"))
    corpus = generate(args.out, args.releases, args.seed, args.missing, images=args.images, image_size=size)
    print(describe(corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
