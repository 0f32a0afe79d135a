"""What an imported translation makes of its target version's file: the translated title,
summary, source, place and media texts in its front matter, every other line of it as the editor wrote
it, and the new body.
"""

from __future__ import annotations

import json
import re

import yaml

from pressroom.model.translation_status import NotEditable
from pressroom.source.frontmatter import VersionSource, split_front_matter
from pressroom.source.mediafields import IMAGE_TEXTS, DownloadField
from pressroom.source.yamlload import YamlProblem, load_yaml

FIELDS = ("title", "summary", "source", "place")


def new_file(draft: bool) -> str:
    return "---\n" + ("draft: true\n" if draft else "") + "---\n"


def media_lines(
    fields: dict[str, str], downloads: tuple[DownloadField, ...], existing: VersionSource | None
) -> dict[str, list[str]]:
    """The target's ``image:`` and ``downloads:`` with the translated texts: the image keeps the
    target's own ``file``, ``symbolic`` and ``download`` (else they stay inherited). The downloads are the
    target's own list, each offering a file of the source's taking its translated title, and
    the source's other files after them: a file only the translation offers (a Japanese PDF)
    stays as it was. A field the source does not give is left to the target as it is."""
    image = existing.image if existing is not None else None
    blocks: dict[str, list[str]] = {}
    texts = {name.removeprefix("image."): value for name, value in fields.items() if name.startswith("image.")}
    if texts:
        own = [f"  file: {yaml_scalar(image.file)}"] if image is not None and image.file else []
        own += [f"  {name}: {yaml_scalar(texts[name])}" for name in IMAGE_TEXTS if texts.get(name)]
        if image is not None and image.symbolic is not None:
            own.append(f"  symbolic: {'true' if image.symbolic else 'false'}")
        if image is not None and image.download is not None:
            own.append(f"  download: {'true' if image.download else 'false'}")
        blocks["image"] = ["image:", *own]
    if downloads:
        translated = {item.file: fields[f"download.{number}"] for number, item in enumerate(downloads, 1)}
        theirs = existing.downloads if existing is not None else ()
        offered = [(item.file, translated.get(item.file, item.title), item.langs) for item in theirs]
        given = {item.file for item in theirs}
        offered += [(item.file, translated[item.file], item.langs) for item in downloads if item.file not in given]
        lines = ["downloads:"]
        for file, title, langs in offered:
            lines += [f"  - file: {yaml_scalar(file)}", f"    title: {yaml_scalar(title)}"]
            lines += [f"    lang: [{', '.join(langs)}]"] if langs else []
        blocks["downloads"] = lines
    return blocks


def replaced(text: str, fields: dict[str, str], body: str, media: dict[str, list[str]]) -> str:
    """The file with new values for title, summary, source and place, the ``media`` blocks (see
    `media_lines`) and a new body; every other front-matter line as it was."""
    split = split_front_matter(text)
    if isinstance(split, str):
        raise NotEditable(1, split)
    yaml_lines = split[0].split("\n") if split[0] else []
    kept: list[str] = []
    placed: set[str] = set()
    skipping = False
    for line in yaml_lines:
        key = line.split(":", 1)[0]
        # A field the source gives no value for (its summary, say) stays the target's own.
        if not line.startswith((" ", "\t")) and (key in media or (key in FIELDS and fields.get(key))):
            skipping = True  # this field's old value, with any continuation lines
            if key in media:
                kept += media[key]
                placed.add(key)
            elif fields.get(key):
                kept.append(f"{key}: {yaml_scalar(fields[key])}")
                placed.add(key)
            continue
        if skipping and line.startswith((" ", "\t", "-")):  # a list may start in the key's column
            continue
        skipping = False
        kept.append(line)
    values = [f"{name}: {yaml_scalar(fields[name])}" for name in FIELDS if fields.get(name) and name not in placed]
    added = [line for name, lines in media.items() if name not in placed for line in lines]
    return "---\n" + "\n".join([*values, *kept, *added]) + "\n---\n\n" + body.strip("\n") + "\n"


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


def yaml_scalar(value: str) -> str:
    """A value as YAML reads it back unchanged: plain where that is safe (``1989年から…`` too,
    which an editor writes plain), else double-quoted (``2024-07-17``, ``1.5``, ``yes``)."""
    plain = _PLAIN.match(value) and ": " not in value and not value.endswith(":") and value.strip() == value
    if plain and value.lower() not in _WORDS and (not value[0].isdigit() or _reads_back(value)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_back(value: str) -> bool:
    """Whether the build, and any YAML reader (a number, a time), reads ``value`` as written."""
    if _NUMBER.fullmatch(value):  # 1e3 is a string to YAML 1.1, a number to 1.2
        return False
    try:
        return load_yaml(f"v: {value}") == {"v": value} and yaml.safe_load(f"v: {value}") == {"v": value}
    except (YamlProblem, yaml.YAMLError):
        return False


_NUMBER = re.compile(r"[-+]?[\d._]+(?:[eE][-+]?\d+)?")
_WORDS = ("true", "false", "yes", "no", "null", "on", "off", "~")
