"""The front-matter fields about media: ``image:`` and ``downloads:``, and images placed in a body.

Owns their shape in the editors' contract (see README, "Images and downloads"); whether the
files exist and are fit to publish is `pressroom.source.media`'s business, and which version's
``image.file`` a release uses is decided where versions are linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressroom.base.errors import Problems
from pressroom.base.text import collapse_spaces, shows_anything
from pressroom.source.media import name_problem
from pressroom.source.yamlload import YamlList, YamlMap
from pressroom.source.yamlvalues import not_text

IMAGE_KEYS = ("file", "alt", "caption", "credit", "symbolic", "download")
DOWNLOAD_KEYS = ("file", "title", "lang")
IMAGE_TEXTS = ("alt", "caption", "credit")
"""The parts of ``image:`` written in the version's language: a translator translates them."""


@dataclass(frozen=True, slots=True)
class ImageField:
    """A version's ``image:``; ``file`` may be left to a sibling version."""

    file: str | None
    alt: str
    caption: str
    credit: str
    symbolic: bool | None
    """None when this version leaves it to its siblings."""
    line: int
    """Line of ``image:``."""
    file_line: int
    alt_line: int
    download: bool | None = None
    """``download: false``: the picture's own file is not offered (its rights do not allow it);
    None when this version does not say."""


@dataclass(frozen=True, slots=True)
class DownloadField:
    file: str
    title: str
    langs: tuple[str, ...]
    """The languages the document itself is in; empty when not said."""
    line: int
    lang_line: int = 0
    """The line of its ``lang:``, where an unknown language is told (0: none given)."""


def image_field(data: YamlMap, path: str, problems: Problems) -> ImageField | None:
    if "image" not in data:
        return None
    value, line = data["image"], data.line_of("image")
    if isinstance(value, str):  # a bare file name: the alt text is still required
        return ImageField(value.strip(), "", "", "", None, line, line, line)
    if not isinstance(value, YamlMap):
        problems.error(path, line, f"image: expected the fields {', '.join(IMAGE_KEYS)}")
        return None
    for key in value:
        if key not in IMAGE_KEYS:
            problems.error(path, value.line_of(key), f"unknown field 'image.{key}' (fields: {', '.join(IMAGE_KEYS)})")
    texts = {key: _text(value, key, f"image.{key}", path, problems) for key in ("file", "alt", "caption", "credit")}
    if texts["file"] and (problem := name_problem(texts["file"])) is not None:
        problems.error(path, value.line_of("file"), problem)
        texts["file"] = ""
    symbolic = value.get("symbolic")
    if symbolic is not None and not isinstance(symbolic, bool):
        problems.error(path, value.line_of("symbolic"), "image.symbolic: expected true or false")
        symbolic = None
    download = value.get("download")
    # Written with no value ("download:"), it is no "not said": the editor meant to say something.
    if "download" in value and not isinstance(download, bool):
        problems.error(path, value.line_of("download"), "image.download: expected true or false")
        download = False  # when in doubt, the picture's own file is not offered
    return ImageField(
        texts["file"] or None,
        texts["alt"],
        texts["caption"],
        texts["credit"],
        symbolic,
        line,
        value.lines.get("file", line),
        value.lines.get("alt", line),
        download,
    )


def downloads_field(
    data: YamlMap, path: str, problems: Problems, *, untitled: bool = False
) -> tuple[DownloadField, ...]:
    """The ``downloads:`` list; its ``lang`` codes are checked against the site's languages later.
    ``untitled``: keep the entries whose file was read but whose title was not (said as an
    error), so that their files are checked in the same run."""
    if "downloads" not in data:
        return ()
    value, line = data["downloads"], data.line_of("downloads")
    if not isinstance(value, YamlList):
        problems.error(path, line, "downloads: expected a list of '- file: …' entries with a title")
        return ()
    found = []
    for index, item in enumerate(value):
        item_line = value.line_of(index)
        if not isinstance(item, YamlMap):
            problems.error(path, item_line, "downloads: each entry needs 'file:' and 'title:'")
            continue
        for key in item:
            if key not in DOWNLOAD_KEYS:
                problems.error(
                    path, item.line_of(key), f"unknown field '{key}' in downloads (fields: {', '.join(DOWNLOAD_KEYS)})"
                )
        file = _text(item, "file", "downloads.file", path, problems)
        if file and (problem := name_problem(file)) is not None:
            problems.error(path, item.line_of("file"), problem)
            file = ""
        title = _text(item, "title", "downloads.title", path, problems)
        for key, text in (("file", file), ("title", title)):
            # ``title:`` left empty is as missing: the entry was dropped without a word.
            given = item.get(key)
            if not text and (given is None or (isinstance(given, str) and not shows_anything(given))):
                problems.error(path, item.line_of(key) if key in item else item_line, f"downloads: missing '{key}'")
        langs = item.get("lang") or []
        if isinstance(langs, str):
            langs = [langs]
        if not isinstance(langs, list) or not all(isinstance(lang, str) for lang in langs):
            problems.error(
                path, item.line_of("lang"), "downloads.lang: expected a list of language codes, e.g. [de, ja]"
            )
            langs = ()
        if file and (earlier := next((d.line for d in found if d.file == file), None)) is not None:
            # Listed twice under two titles, readers took it for two documents.
            said = f"downloads: {file} is offered twice (first on line {earlier}); offer it once"
            problems.warning(path, item_line, said)
        if file and (title or untitled):
            lang_line = item.line_of("lang") if "lang" in item else 0
            found.append(DownloadField(file, title, tuple(dict.fromkeys(langs)), item_line, lang_line))
    return tuple(found)


def _text(data: YamlMap, key: str, name: str, path: str, problems: Problems) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.error(path, data.line_of(key), not_text(name, value))
        return ""
    # Only invisible characters (a zero-width space) are no text: an alt of them says nothing.
    return collapse_spaces(value) if shows_anything(value) else ""


def media_texts(image: ImageField | None, downloads: tuple[DownloadField, ...]) -> tuple[tuple[str, str], ...]:
    """What a translator translates in a version's media fields, named as its translation units
    are: ``image.alt``, ``image.caption``, ``image.credit`` and ``download.N`` (the Nth title)."""
    texts = [(f"image.{name}", value) for name in IMAGE_TEXTS if image is not None and (value := getattr(image, name))]
    return (*texts, *((f"download.{n}", item.title) for n, item in enumerate(downloads, 1)))


def same_downloads(source: tuple[DownloadField, ...], target: tuple[DownloadField, ...]) -> dict[str, str]:
    """Which of a target version's downloads is which of its source's: ``download.N`` of the
    source → ``download.M`` of the target offering the same file. Each version numbers its own
    list, and a translation may offer files of its own (a Japanese PDF beside the German one)."""
    where = {item.file: number for number, item in enumerate(target, 1)}
    return {
        f"download.{number}": f"download.{where[item.file]}"
        for number, item in enumerate(source, 1)
        if item.file in where
    }


def media_texts_of(data: YamlMap) -> tuple[tuple[str, str], ...]:
    """`media_texts` of front matter that may be old or broken (a text from git history):
    whatever cannot be read counts as absent, nothing is reported."""
    quiet = Problems()
    return media_texts(image_field(data, "", quiet), downloads_field(data, "", quiet))


_BODY_IMAGE = re.compile(r"!\[(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*\]\(\s*<?/media/([^)\s>]+)")
"""An image's alt text may hold escaped brackets and bracketed words (``![Plan [Entwurf]](…)``),
as Markdown reads it: a file named after such an alt text went unpublished. The alternatives
begin with different characters, so matching stays linear."""
_MEDIA_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?/media/([^\s>]+)", re.MULTILINE)
"""A reference definition naming a media file (``[r]: /media/2024/chart.png``), for images
written ``![alt][r]``: the file was left out of the check, unpublished, and the image dead."""


def body_media(body: str, first_line: int) -> tuple[tuple[str, int], ...]:
    """Media files a body places (``![alt](/media/NAME …)``), with their lines.

    Found by a pattern, not by rendering: the build checks the files before it renders any
    body. An image inside a code example counts too, which only keeps its file from being
    reported unused."""
    found = []
    for pattern in (_BODY_IMAGE, _MEDIA_REFERENCE):
        for match in pattern.finditer(body):
            found.append((match.group(1), first_line + body.count("\n", 0, match.start())))
    return tuple(sorted(found, key=lambda item: item[1]))
