"""What a link written in a body is, by its address alone: a release's file (``../2024/x.md``,
rewritten to its page), a full web address (asked about, as it may be the site's own), or one
that would lead nowhere once published, and what to tell the editor of that.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _is_relative(href: str) -> bool:
    """A link to a file beside the page's own (``x.md``, ``../a/b``): not empty, not from the
    site's root, not to a part of the page, with no scheme."""
    return bool(href) and not href.startswith(("/", "#")) and not _SCHEME.match(href)


def is_content_link(href: str) -> bool:
    """A relative link to a Markdown file: ``../2024/x.md`` or ``x.md#part``."""
    return _is_relative(href) and urlsplit(href).path.endswith(".md")


def is_web_address(href: str) -> bool:
    """A full ``http``/``https`` address: the caller is asked about it too, since it may be an
    address of the site itself, which an editor copies from the browser for a release's file."""
    return href[:8].lower().startswith(("http://", "https://"))


def dead_link_advice(href: str) -> str | None:
    """Why a link that is not to a release leads nowhere on the published page, or None. The
    site's folders are not the content's: a relative link to a YAML file, a folder, a media file
    or ``x.MD`` is published as written and ends in a 404."""
    if not href:
        return "has no address: write where it leads between the brackets, e.g. [text](../2024/x.md)"
    if href.startswith("/content/"):
        return "names a file of the sources, which are not published; link the release's .md file (../2024/x.md)"
    if not _is_relative(href):
        return None
    return (
        "is relative but names no release (.md file): on the published page it would lead nowhere;"
        " link a release's .md file, a media file as /media/…, or a full address"
    )
