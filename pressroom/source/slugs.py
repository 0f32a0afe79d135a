"""Slugs: the one path segment a file name, title or ``slug:`` field gives a page; and the
names of content files, which must work on every editor's machine (`unportable_name`), and
those that tools leave beside them, which are no files of the site (`left_by_tools`).

Checked here, when content is read, so that no value from content can lead outside the
output folder.
"""

from __future__ import annotations

import re
import unicodedata

from pressroom.base.text import describe_character

UNTITLED = "untitled"
"""The slug of a name or title without a letter or digit."""
SLUG_RULE = "use letters, digits and single hyphens, e.g. 'kanagawa-declaration'"
MAX_SLUG_BYTES = 200
"""A slug becomes a folder name: file systems allow 255 bytes; this leaves room to spare."""
_SLUG_RE = re.compile(r"[^\W_]+(?:[-_][^\W_]+)*")
_NOT_SLUG = re.compile(r"[\W_]+")


_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}
)


def is_windows_device(name: str) -> bool:
    """Whether Windows keeps ``name`` (in any case) for a device: no file or folder has it there."""
    return name.upper() in _WINDOWS_DEVICES


def is_valid_slug(slug: str) -> bool:
    """A slug is one path segment of letters and digits joined by single hyphens."""
    return bool(_SLUG_RE.fullmatch(slug)) and unicodedata.is_normalized("NFC", slug)


def slug_problem(slug: str, field: str = "slug") -> str | None:
    """What is wrong with ``slug`` as a page's folder name, said of the field that gives it, or None."""
    if not is_valid_slug(slug):
        return f"{field} '{slug}' is not allowed: {SLUG_RULE}"
    if is_windows_device(slug):
        return (
            f"{field} '{slug}' is a name Windows keeps for a device: the page's folder cannot be written or served"
            " there; choose another"
        )
    if not unicodedata.is_normalized("NFKC", slug):
        return f"{field} '{slug}' holds look-alike characters: write '{unicodedata.normalize('NFKC', slug)}'"
    return None


def slugify(text: str) -> str:
    """A slug from a file name or title: lower case, ASCII folded where possible, hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.isascii():  # (most file names are: nothing to fold, thousands of times)
        for source, target in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(source, target)
        text = unicodedata.normalize("NFC", _without_latin_marks(unicodedata.normalize("NFKD", text)))
        # A mark no letter takes (a stress mark on Cyrillic а) would cut the slug with a hyphen.
        text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    slug = _NOT_SLUG.sub("-", text).strip("-")
    return slug or UNTITLED


def _without_latin_marks(decomposed: str) -> str:
    """``decomposed`` (NFKD) without the combining marks on Latin letters (é → e), but with those
    of other scripts: Japanese voicing marks are part of the letter (が is not か, ぱ not は),
    and so are Cyrillic and Greek ones (й, ά); NFC then composes them again. (Latin letters
    are folded to ASCII where possible, so that an address reads the same everywhere.)"""
    kept = []
    latin = False  # whether the marks that follow belong to a Latin letter
    for ch in decomposed:
        if not unicodedata.combining(ch):
            latin = ch.isascii()
        elif latin:
            continue
        kept.append(ch)
    return "".join(kept)


_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*\\]')
_LINE_BREAKING = frozenset("\t\n\v\f\r")
"""White space and line ends, which a text may hold, so they are not refused as control
characters; but Windows allows none of them in a name, and a listing shows such a name as two."""


def unportable_name(name: str) -> str | None:
    """Why a file or folder name of the content would break it elsewhere, or None.

    Invisible characters (a zero-width space, a soft hyphen, a direction mark) and spaces at
    either end make a name that looks like its translation's but is not, so the two versions
    are not linked; Windows cannot check out a name of a device (``con.md``) or one holding
    ``<>:"|?*\\`` or a line break or tab, so a colleague's copy of the site would be broken."""
    breaking = next((c for c in name if c in _LINE_BREAKING), None)
    if breaking is not None:
        kind = "a tab" if breaking == "\t" else "a line break"
        return f"the name holds {kind} ({describe_character(breaking)}), which Windows does not allow in a name"
    stem = name.removesuffix(".md").removesuffix(".yaml")
    if stem != stem.strip():
        return "the name begins or ends with a space"
    invisible = next((c for c in name if unicodedata.category(c) == "Cf"), None)
    if invisible is not None:
        return f"the name holds the invisible character {describe_character(invisible)}"
    if is_windows_device(stem.split(".")[0]):
        return f"'{stem.split('.')[0]}' is a name Windows keeps for a device, so the file cannot be checked out there"
    if name.endswith("."):
        return "the name ends with a dot, which Windows drops"
    found = _NOT_ON_WINDOWS.search(name)
    if found is not None:
        return f"'{found.group()}' in the name cannot be checked out on Windows"
    return None


_EDITOR_LEFTOVER = re.compile(r"~$|^#.*#$|\.(?:swp|swo|swx)$|^(?:Thumbs\.db|desktop\.ini|Icon\r)$", re.IGNORECASE)
"""What editors and file managers leave beside a file (``x.md~``, ``#x.md#``, ``.x.md.swp`` is
hidden anyway): never content, so not worth a warning that fails ``check --strict``."""


def left_by_tools(name: str) -> bool:
    """Whether a file of this name is hidden, or one that editors and file managers leave beside
    real files (`_EDITOR_LEFTOVER`): in no folder of the site an input, nor published."""
    return name.startswith(".") or _EDITOR_LEFTOVER.search(name) is not None
