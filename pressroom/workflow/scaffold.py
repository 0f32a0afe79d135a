"""The ``new`` command: one release scaffolded as three linked language versions.

All versions start as drafts with the same front matter, so nothing half-written is published;
each editor or translator fills in their version and removes ``draft: true``. The title is in
one language (``--lang``, by default the site's first); the other versions carry it too and
are marked ``untranslated: true``, which ``status`` reports until their translator confirms
them. Every version is recorded as confirmed against the others as scaffolded, so a new
release is not reported outdated. The versions are written all or none: one left behind by a
full disk would block the next try ("already exists").
"""

from __future__ import annotations

import os
import posixpath
import sys
import unicodedata
from datetime import date
from pathlib import Path

from pressroom.base.allornone import WriteFailed, write_all
from pressroom.base.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Problem, Problems
from pressroom.base.files import file_in_the_way
from pressroom.base.text import closest, collapse_spaces, first_forbidden, for_terminal, shows_anything, undecoded
from pressroom.model import routing
from pressroom.model.linking import read_versions
from pressroom.model.translation_status import write_confirmation
from pressroom.source.config import load_config
from pressroom.source.content import scan_content
from pressroom.source.frontmatter import UNTRANSLATED, VersionSource, translatable
from pressroom.source.partners import load_topics
from pressroom.source.slugs import UNTITLED, slugify, unportable_name

MAX_SLUG = 60
"""Characters of a slug made from a title: a file name stays far below the file systems' limit
of 255 bytes (a Japanese character takes three), and an address stays readable."""

PLACEHOLDER = {
    "de": "Hier steht der Text der Pressemitteilung.",
    "ja": "ここにプレスリリースの本文を書きます。",
    "en": "The text of the press release goes here.",
}


def _usage(message: str) -> int:
    print(f"build.py new: error: {for_terminal(message)}", file=sys.stderr)
    return EXIT_USAGE


LITTLE_WORDS = frozenset(
    (
        *("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines"),
        *("und", "oder", "aber", "sowie", "als", "wie", "dass", "mit", "ohne", "gegen", "durch", "bis"),
        *("in", "im", "an", "am", "auf", "aus", "bei", "beim", "nach", "von", "vom", "vor", "zu", "zum"),
        *("zur", "fuer", "ueber", "unter", "um", "zwischen", "seit", "ab", "sich", "ihre", "seine"),
        *("a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by"),
        *("with", "about", "into", "onto", "over", "under", "as", "than", "via", "per", "its", "their"),
    )
)
"""German and English words (as `slugify` writes them: ``für`` is ``fuer``) that carry no
meaning of their own at the end of a slug cut short: ``…-neue-wege-in-der`` loses its
``-in-der``. Japanese titles have no hyphens between words: theirs are cut by characters."""


def short_slug(title: str) -> str:
    """The title's slug, cut at a hyphen to at most `MAX_SLUG` characters, without the
    `LITTLE_WORDS` the cut left at its end."""
    slug = slugify(title)
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    words = cut.strip("-").split("-")
    while len(words) > 1 and words[-1] in LITTLE_WORDS:
        words.pop()
    return "-".join(words)


def new_release(
    root: Path,
    title: str,
    partners: list[str],
    topics: list[str],
    day: date,
    lang: str | None = None,
    place: str = "",
) -> int:
    # As the content reader takes it: pasted from a macOS program, "ü" was written as u and a
    # combining mark, which an editor's search for "ü" in the file then did not find.
    title = unicodedata.normalize("NFC", collapse_spaces(title))
    if not shows_anything(title):  # only invisible characters: check would call the three files' titles empty
        return _usage('the title is empty; write it in quotes: build.py new "Title of the release"')
    place = unicodedata.normalize("NFC", collapse_spaces(place))
    for what, text in (("title", title), ("place", place)):
        if first_forbidden(text) is not None:
            return _usage(f"the {what} contains a control character")
        if undecoded(text):
            return _usage(f"the {what} '{text}' is not UTF-8 text: set the terminal to UTF-8 and type it again")
    problems = Problems()
    config = load_config(root, problems)
    if problems.errors:  # the languages, hence the files to write, are not known
        for problem in problems.sorted():
            print(problem.format(), file=sys.stderr)
        print("build.py new: nothing created: fix site.yaml first", file=sys.stderr)
        return EXIT_CONTENT
    tree = scan_content(root, config.languages, problems)
    known_partners = {partner_id for partner_id, _ in tree.partners}
    topic_map = load_topics(tree, config.languages, problems)
    known_topics = set(topic_map)
    # Each mistake of the command line at once: the second was told only once the first was mended.
    unknown = []
    for what, given, known in (("partner", partners, known_partners), ("topic", topics, known_topics)):
        for item in dict.fromkeys(given):
            if item not in known:
                hint = closest(item, known)
                unknown.append(f"unknown {what} '{item}'" + (f" (did you mean '{hint}'?)" if hint else ""))
    written_in = config.languages[0] if lang is None else lang
    if written_in not in config.languages:
        unknown.append(f"unknown language '{written_in}' (languages: {', '.join(config.languages)})")
    for message in unknown:
        _usage(message)
    if unknown:
        return EXIT_USAGE
    # Named twice (--partner kanagawa --partner kanagawa), an id was written twice into every version.
    partners, topics = list(dict.fromkeys(partners)), list(dict.fromkeys(topics))
    slug = short_slug(title)
    rel = f"{day.year}/{slug}.md"
    targets = [root / "content" / lang / rel for lang in config.languages]
    for target in targets:
        blocking = file_in_the_way(target)
        if blocking is not None:  # checked first: no version is written unless all can be
            return _usage(f"{blocking.relative_to(root).as_posix()} is a file, not a folder; move it away")
    for target in targets:
        outside = _leads_outside(root, target.parent)
        if outside is not None:
            return _usage(outside)
    unportable = unportable_name(f"{slug}.md")
    if unportable is not None:
        return _usage(f"{targets[0].relative_to(root).as_posix()}: {unportable}; choose another title")
    for target in targets:
        taken = _same_name(target)
        if taken is not None:
            shown = taken.relative_to(root).as_posix()
            if taken.name != target.name:
                return _usage(
                    f"{shown} already exists, and {target.name} differs from it only in case: one file on"
                    " Windows and macOS; choose another title"
                )
            if rel.endswith(f"/{UNTITLED}.md"):
                return _usage(
                    f"{shown} already exists: a title without letters or digits gives no file name of its own"
                )
            return _usage(f"{shown} already exists; choose another title")
    # The other files' front matter, for a slug or key the new versions would share with one.
    versions, _ = read_versions(tree, {}, topic_map, Problems())
    claimed = _claimed_elsewhere(versions, config.languages, day.year, slug)
    if claimed is not None:
        return _usage(claimed)
    texts = {
        lang: _scaffold(lang, title, day, partners, topics, lang != written_in, place) for lang in config.languages
    }
    texts = _confirmed(texts, config.languages, written_in)
    try:
        write_all(
            [(target, texts[lang].encode("utf-8")) for lang, target in zip(config.languages, targets, strict=True)],
            new=True,
        )
    except WriteFailed as exc:
        shown = Path(exc.filename).relative_to(root).as_posix()
        print(Problem(shown, 0, f"could not write: {exc.strerror}; nothing created").format(), file=sys.stderr)
        return EXIT_CONTENT
    for target in targets:
        print(f"created {target.relative_to(root).as_posix()}")
    return EXIT_OK


def _leads_outside(root: Path, folder: Path) -> str | None:
    """Why ``folder`` (to be made if missing) is not inside the site at ``root``: a link on the
    way there (``content/ja`` linked to another project's folder) would have new write there."""
    site = root.resolve()
    if folder.resolve().is_relative_to(site):
        return None
    way = [folder, *folder.parents]
    link = next(
        (step for step in reversed(way) if step != root and step.is_relative_to(root) and step.is_symlink()), folder
    )
    return (
        f"{link.relative_to(root).as_posix()} is a link to {link.resolve()}, outside the site; new writes only"
        " inside it"
    )


def _same_name(target: Path) -> Path | None:
    """The file in ``target``'s folder whose name is ``target``'s but for case (or Unicode
    normalization): Windows and macOS hold one of them only, so the other would not be checked out."""
    wanted = unicodedata.normalize("NFC", target.name).casefold()
    try:
        names = [entry.name for entry in os.scandir(target.parent)]
    except OSError:
        return None
    same = [name for name in names if unicodedata.normalize("NFC", name).casefold() == wanted]
    return target.parent / (target.name if target.name in same else same[0]) if same else None


def _claimed_elsewhere(versions: list[VersionSource], languages: tuple[str, ...], year: int, slug: str) -> str | None:
    """Why a release with ``slug`` in ``year`` cannot be added: another file's front matter
    already gives its address (``slug:``) or its key (``key:``), so the build would refuse both."""
    dates = {version.key: version.date for version in versions if version.date is not None}
    key = f"{year}/{slug}"
    wanted = {routing.release(lang, year, slug).casefold() for lang in languages}
    for version in versions:
        if version.key == key:
            return f"{version.path} already has the key '{key}' (key: in its front matter); choose another title"
        day = version.date or dates.get(version.key)
        if version.is_page or day is None:
            continue
        address = routing.release(version.lang, day.year, version.slug or slugify(posixpath.basename(version.rel)))
        if address.casefold() in wanted:
            how = "its slug:" if version.slug else "its file name and date"
            return f"{version.path} already has the address /{address} ({how}); choose another title"
    return None


def _scaffold(
    lang: str, title: str, day: date, partners: list[str], topics: list[str], untranslated: bool, place: str = ""
) -> str:
    """One version's text as scaffolded, before its record of confirmation. Its ``place:`` is
    there to fill in, empty where the command was given none (no dateline until then)."""
    lines = ["---", f"title: {_quoted(title)}", f"date: {day.isoformat()}", 'summary: ""', f"place: {_quoted(place)}"]
    if partners:
        lines.append(f"partners: [{', '.join(partners)}]")
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    lines.append("draft: true")
    if untranslated:
        lines.append(f"{UNTRANSLATED}: true")
    lines += ["---", "", PLACEHOLDER.get(lang, ""), ""]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """``text`` as a YAML value in double quotes, which reads back as written whatever it holds."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _confirmed(texts: dict[str, str], languages: tuple[str, ...], written_in: str) -> dict[str, str]:
    """Each version recorded as confirmed against the others as they are now, as ``confirm``
    records it (its own fingerprint first), made before anything is written."""
    read = {lang: translatable(text) for lang, text in texts.items()}
    prints = {lang: found.fingerprint for lang, found in read.items() if found is not None}
    confirmed = {}
    for lang, text in texts.items():
        if len(prints) < len(texts):  # (a text new wrote that its reader cannot read: left unconfirmed)
            confirmed[lang] = text
            continue
        record = {lang: prints[lang], **{other: prints[other] for other in languages if other != lang}}
        confirmed[lang] = write_confirmation(text, record, translated=lang == written_in)
    return confirmed
