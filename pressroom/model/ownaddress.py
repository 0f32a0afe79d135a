"""Links written as the site's own address to one of its texts, as an editor copies it from the browser.

``[die Erklärung](https://example.org/de/releases/2024/x/)`` works on the day it is written, but
it always leads to the language written in it (a Japanese reader of the Japanese version lands
on the German page) and breaks when the release's slug changes. The relative link to its file
(``../2024/x.md``) leads each reader to their own language's version and follows a renamed slug.
`OwnAddresses` tells such a link from any other web address, and names the file to link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import SplitResult, urlsplit

from pressroom.base.text import same_site_host

OWN_ADDRESS = (
    "link '{href}' is this site's own address: it always leads to the {lang} version, not the reader's own, "
    "and breaks when the slug changes; link the file instead: {file}"
)


class OwnAddresses:
    """The pages of the texts of a site published at ``base_url``, by their URL path."""

    def __init__(
        self,
        base_url: str,
        urls: Mapping[tuple[str, str], str],
        renamed: Mapping[tuple[str, str], str],
        versions: Mapping[str, tuple[str, ...]],
    ) -> None:
        base = urlsplit(base_url) if "://" in base_url else None
        self.host = _host(base) if base is not None else None
        # What every way of writing the host holds (``www.`` or not, any case): a link to another
        # site is told apart by it without being parsed.
        self.core = (base.hostname or "").removeprefix("www.") if base is not None else ""
        self.path = base.path if base is not None else ""
        self.texts = {url: key_lang for key_lang, url in urls.items()}
        self.renamed = renamed
        self.versions = versions

    def advice(self, href: str, lang: str, rel: str) -> str | None:
        """What to tell about the link ``href`` (decoded) in the version of language ``lang`` at
        ``rel`` (under ``content/<lang>/``, without ``.md``): None unless it is the address of
        one of the site's texts. The file named is that text's version in ``lang`` where there
        is one (the link then leads every reader to their own version), else the one written."""
        # Most links lead to other sites: their host is not in them, and they are not parsed.
        if self.host is None or not self.core or self.core not in href.lower():
            return None
        try:
            parts = urlsplit(href)
            scheme, host = parts.scheme.lower(), _host(parts)
        except ValueError:  # a port that is no number: not this site
            return None
        # Either scheme, with or without www. or the web's own port: the site answers them all.
        if not same_site_host(host, self.host) or scheme not in ("http", "https"):
            return None
        path = parts.path.removesuffix("index.html")
        path = path if path.endswith("/") else path + "/"
        if not path.startswith(self.path) or (text := self.texts.get(path[len(self.path) :])) is None:
            return None
        key, written = text
        target = lang if lang in self.versions.get(key, ()) else written
        file = posixpath.relpath(
            f"{target}/{self.renamed.get((key, target), key)}.md", posixpath.join(lang, posixpath.dirname(rel))
        )
        return OWN_ADDRESS.format(href=href, lang=written, file=file + (f"#{parts.fragment}" if parts.fragment else ""))


def _host(address: SplitResult) -> str:
    """The address's host and port as `same_site_host` compares them (``host`` or ``host:port``),
    without what else its ``netloc`` may hold (a user's name); an IPv6 host in its brackets."""
    host = address.hostname or ""
    return (f"[{host}]" if ":" in host else host) + (f":{address.port}" if address.port is not None else "")
