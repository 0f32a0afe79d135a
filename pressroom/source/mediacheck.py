"""Checking every media file the content refers to, before anything is built, all in one run.

Each image named by an ``image:`` field or placed in a body is probed once (with every
``NAME.<lang>.EXT`` that replaces it and every ``NAME.dark.EXT`` shown in dark mode), each
download is looked at, and every problem is reported at each place that names the file. A dark
variant that only some languages' pictures have gets a warning (once, at the variant): readers of
the others would see a light picture on a dark page. Files in ``content/media/`` that nothing refers to
get one warning each (where every file's front matter could be read): they would be published
for no reader. A file whose front matter has errors has the media it names checked too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path, PurePosixPath

from pressroom.base.errors import Problems
from pressroom.base.files import not_plain_at
from pressroom.base.parallel import run_ranges
from pressroom.source.content import CASE_TWINS, media_shown, nfc
from pressroom.source.downloads import DownloadInfo, download, misnamed, remarked, scripted, unrestricted
from pressroom.source.frontmatter import PartialVersion, VersionSource
from pressroom.source.media import (
    MEDIA_DIR,
    ImageInfo,
    MediaError,
    all_media,
    dark_name,
    exists,
    forget_folders,
    marked,
    probe,
    spelled_on_disk,
)


@dataclass(frozen=True, slots=True)
class MediaFiles:
    """What the check found: the images and downloads that may be published."""

    root: Path
    images: dict[str, ImageInfo]
    downloads: dict[str, DownloadInfo]


def replacements(root: Path, name: str, languages: Iterable[str]) -> list[str]:
    """The ``NAME.<lang>.EXT`` files that exist beside ``name``."""
    return [candidate for lang in languages if (candidate := marked(name, lang)) != name and exists(root, candidate)]


def dark_variants(root: Path, names: Iterable[str]) -> list[str]:
    """The ``NAME.dark.EXT`` files that exist beside ``names``."""
    return [dark for name in names if (dark := dark_name(name)) != name and exists(root, dark)]


def check_media(
    content_dir: Path,
    languages: tuple[str, ...],
    versions: Sequence[VersionSource],
    problems: Problems,
    cache: Path | None = None,
    jobs: int = 1,
    *,
    partial: Sequence[PartialVersion] = (),
) -> MediaFiles:
    """Check the media files ``versions`` and ``partial`` (the files with errors) name, each
    named file with its errors. A file nobody names is "not used" only where no file has
    errors: one may name it in a field that failed."""
    root = content_dir / MEDIA_DIR
    forget_folders()  # a preview server's next build reads them anew, whatever their times say
    image_refs: dict[str, list[tuple[str, int]]] = {}
    download_refs: dict[str, list[tuple[str, int]]] = {}
    for version in chain(versions, partial):
        if version.image is not None and version.image.file:
            image_refs.setdefault(version.image.file, []).append((version.path, version.image.file_line))
        for name, line in version.body_media:
            image_refs.setdefault(name, []).append((version.path, line))
        for item in version.downloads:
            download_refs.setdefault(item.file, []).append((version.path, item.line))
            for lang in item.langs:  # each, not the first alone
                if lang not in languages:
                    problems.error(
                        version.path,
                        item.lang_line or item.line,
                        f"downloads.lang: unknown language '{lang}' (the site's languages: {', '.join(languages)})",
                    )
    names = sorted(image_refs)
    probed: dict[str, ImageInfo | str] = {}
    shown = {name: [name, *replacements(root, name, languages)] for name in names if _inside(root, name)}
    wanted = names + [r for files in shown.values() for r in files[1:]]
    # Only of files inside the folder: '2024/../2024/x.png' is one mistake, said where it is
    # written, not also a dark variant that "is not a path under content/media/".
    dark = dark_variants(root, [file for files in shown.values() for file in files])
    wanted += dark

    def look(start: int, stop: int) -> list[tuple[str, ImageInfo | str]]:
        found: list[tuple[str, ImageInfo | str]] = []
        for name in wanted[start:stop]:
            try:
                found.append((name, probe(root, name, cache)))
            except MediaError as exc:
                found.append((name, str(exc)))
        return found

    for found in run_ranges(look, len(wanted), jobs if len(wanted) > 8 else 1):
        probed.update(found)
    images: dict[str, ImageInfo] = {}
    for name in wanted:
        result = probed[name]
        if isinstance(result, ImageInfo):
            images[name] = result
            continue
        places = image_refs.get(name) or [(media_shown(name), 0)]
        for path, line in places:
            problems.error(path, line, result)
    for name, files in shown.items():
        _check_dark_for_all(name, files, set(dark), languages, problems)
    downloads: dict[str, DownloadInfo] = {}
    for name, places in sorted(download_refs.items()):
        try:
            info = downloads[name] = download(root, name, cache)
        except MediaError as exc:
            for path, line in places:
                problems.error(path, line, str(exc))
            continue
        for why in (misnamed(info), remarked(info), unrestricted(info), scripted(info)):
            if why is not None:
                problems.warning(media_shown(name), 0, why)
    used = set(wanted) | set(download_refs)
    every = all_media(root) if root.is_dir() else []
    for name, other in case_twins(every):
        problems.error(media_shown(name), 0, CASE_TWINS.format(other=other))
    for name in every:
        if name in used or nfc(name) in used:  # each was opened as a file, or reported (names are NFC)
            continue
        kind = not_plain_at(root / name)
        if kind is not None:  # never opened: a named pipe would make the build wait
            problems.error(media_shown(name), 0, f"{kind}, not a file: remove it")
        elif not partial:
            problems.warning(
                media_shown(name),
                0,
                "not used by any release or page (name it in 'image:', 'downloads:' or a body), so not published",
            )
    return MediaFiles(root, images, downloads)


def _check_dark_for_all(
    name: str, files: list[str], found: set[str], languages: Iterable[str], problems: Problems
) -> None:
    """Warn where some languages' pictures of ``name`` (``files``: it and its replacements) have
    a dark variant (among the ``found`` ones) and others' do not."""
    dark = {variant for file in files if (variant := dark_name(file)) in found}
    if not dark:
        return
    lacking = [(lang, light) for lang in languages if dark_name(light := _shown_in(name, files, lang)) not in dark]
    if not lacking:
        return
    has = sorted(dark)[0]
    langs = ", ".join(lang for lang, _ in lacking)
    missing = ", ".join(sorted({dark_name(light) for _, light in lacking}))
    problems.warning(
        media_shown(has),
        0,
        f"shown in dark mode, but the pages in {langs} have no dark variant of their picture ({missing}): "
        "readers there see the light one on a dark page",
    )


def _shown_in(name: str, files: list[str], lang: str) -> str:
    """Which of ``files`` (``name`` and the replacements found beside it) a page in ``lang``
    shows: as `localized` decides, from what was found rather than from the disk again."""
    own = marked(name, lang)
    return own if own in files else name


def case_twins(names: list[str]) -> list[tuple[str, str]]:
    """Each media file or folder (with the name before it) whose path differs from another's only
    in case: ``2024/Map.png`` beside ``2024/map.png``, or the folders ``Fotos`` and ``fotos``."""
    seen: dict[str, str] = {}
    twins: dict[str, str] = {}
    for name in names:
        parts = name.split("/")
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            first = seen.setdefault(path.casefold(), path)
            if first != path:
                twins.setdefault(path, first.rsplit("/", 1)[-1])
    return sorted(twins.items())


def _inside(root: Path, name: str) -> bool:
    try:
        probe_name = PurePosixPath(name)
        return (
            not probe_name.is_absolute()
            and ".." not in probe_name.parts
            and spelled_on_disk(root, probe_name.parts).is_file()
        )
    except (OSError, ValueError):
        return False
