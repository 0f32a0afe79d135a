"""Slugs: the one path segment a file name, title or ``slug:`` field gives a page.

Checked here, when content is read, so that no value from content can lead outside the
output folder.
"""

from __future__ import annotations

import re
import unicodedata

UNTITLED = "untitled"
"""The slug of a name or title without a letter or digit."""
SLUG_RULE = "use letters, digits and single hyphens, e.g. 'kanagawa-declaration'"
_SLUG_RE = re.compile(r"^[^\W_]+(?:[-_][^\W_]+)*$")
_NOT_SLUG = re.compile(r"[\W_]+")


def is_valid_slug(slug: str) -> bool:
    """A slug is one path segment of letters and digits joined by single hyphens."""
    return bool(_SLUG_RE.match(slug)) and unicodedata.is_normalized("NFC", slug)


def slugify(text: str) -> str:
    """A slug from a file name or title: lower case, ASCII folded where possible, hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.isascii():  # (most file names are: nothing to fold, thousands of times)
        for source, target in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(source, target)
        folded = unicodedata.normalize("NFKD", text)
        # Drop combining marks left by decomposition (é → e) but keep scripts without a Latin form.
        text = "".join(ch for ch in folded if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFC", text)
    slug = _NOT_SLUG.sub("-", text).strip("-")
    return slug or UNTITLED
