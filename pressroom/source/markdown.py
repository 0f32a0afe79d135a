"""Markdown to HTML: CommonMark with tables, footnotes and ``[text]{lang=xx}`` spans.

Safe by default: raw HTML is escaped (the ``js-default`` preset has ``html: False``), and
links and images whose scheme is not on the allowlist (http, https, mailto, tel; relative
and ``#`` links) are not links at all. Links to other ``.md`` files are handed to a
caller-supplied function that knows the site's URLs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from pressroom.base.text import is_allowed_link

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
MEDIA_PREFIX = "/media/"
"""Where a body's images from ``content/media/`` are named: ``![alt](/media/2024/chart.png)``."""


@dataclass(frozen=True, slots=True)
class LinkRewrite:
    """Where a link to a content file really goes."""

    href: str
    hreflang: str | None = None
    """Set when the target is in another language than the page."""


LinkRewriter = Callable[[str, int], LinkRewrite | None]
"""Called with (path of the linked .md file, with any #fragment; line in the source file)."""

ImagePlacer = Callable[[str, str, str, int, bool], str | None]
"""Called for ``![alt](/media/NAME "title")`` with (NAME, alt, title, line, alone in its
paragraph); returns the HTML to show instead, or None to leave the image as it is."""


def _validate_link(url: str) -> bool:
    # markdown-it has percent-encoded the URL: decode it, as a browser would read the scheme.
    return is_allowed_link(unquote(url))


@cache
def markdown_parser() -> MarkdownIt:
    """The one configured parser of a process (building one is costly)."""
    md = configured_parser()
    # With raw HTML, linkify and the typographer off, these rules do nothing but return; yet
    # each is still tried at every block and inline position of every body.
    md.disable(["html_block", "html_inline", "linkify", "replacements", "smartquotes"])
    md.validateLink = _validate_link
    return md


def configured_parser() -> MarkdownIt:
    """A new parser of the site's Markdown dialect (CommonMark, tables, footnotes, lang spans)."""
    return MarkdownIt("js-default").enable("table").use(footnote_plugin).use(attrs_plugin, spans=True, allowed=["lang"])


def is_content_link(href: str) -> bool:
    """A relative link to a Markdown file: ``../2024/x.md`` or ``x.md#part``."""
    if not href or href.startswith(("/", "#")) or _SCHEME.match(href):
        return False
    return urlsplit(href).path.endswith(".md")


MAX_NESTING = 40
"""Lists and quotes inside each other deeper than this are refused: markdown-it silently drops
the text below its own limit (100 levels), and no press release needs more than a few."""


def render_markdown(
    body: str,
    first_line: int,
    rewrite: LinkRewriter,
    warn: Callable[[int, str], None] | None = None,
    place: ImagePlacer | None = None,
    *,
    error: Callable[[int, str], None] | None = None,
    image: Callable[[str, int], None] | None = None,
) -> str:
    """Render a body whose first line is line ``first_line`` of its file; ``warn(line, message)``
    hears about content that renders but should be fixed (an image without alt text);
    ``place`` turns images from the media folder into responsive pictures; ``error(line,
    message)`` hears about content that would not render as written (nesting so deep that text
    would be lost), ``image(src, line)`` about every image, to check its file."""
    md = markdown_parser()
    tokens = md.parse(body, {})
    too_deep: int | None = None
    for index, block in enumerate(tokens):
        line = first_line + (block.map[0] if block.map else 0)
        if block.level >= MAX_NESTING and too_deep is None:
            too_deep = line
        if not block.children:
            continue
        alone = sum(1 for t in block.children if t.type != "text" or t.content.strip()) == 1
        for position, token in enumerate(block.children):
            if token.level >= MAX_NESTING and too_deep is None:
                too_deep = line
            if token.type in ("softbreak", "hardbreak"):
                line += 1  # a paragraph spans lines; report the line the link is on
            elif token.type == "link_open":
                _rewrite_link(token, line, rewrite)
            elif token.type == "image":
                if not token.content.strip() and warn is not None:
                    warn(line, f"image '{token.attrs.get('src', '')}' has no alt text: write ![what it shows](…)")
                src = str(token.attrs.get("src", ""))
                if image is not None:
                    image(unquote(src), line)
                if place is not None and src.startswith(MEDIA_PREFIX):
                    block_level = alone and 0 < index < len(tokens) - 1 and tokens[index - 1].type == "paragraph_open"
                    shown = place(
                        unquote(src[len(MEDIA_PREFIX) :]),
                        token.content,
                        str(token.attrs.get("title") or ""),
                        line,
                        block_level,
                    )
                    if shown is not None:
                        block.children[position] = Token("html_inline", "", 0, content=shown)
                        if block_level:  # a figure may not stand inside a paragraph
                            tokens[index - 1].hidden = tokens[index + 1].hidden = True
    if too_deep is not None and error is not None:
        error(
            too_deep,
            f"lists, quotes or emphasis nested more than {MAX_NESTING} levels deep; Markdown would drop "
            "text at this depth: flatten the structure",
        )
    return md.renderer.render(tokens, md.options, {})


def _rewrite_link(token: Token, line: int, rewrite: LinkRewriter) -> None:
    href = str(token.attrs.get("href", ""))
    if not is_content_link(href):
        return
    result = rewrite(unquote(href), line)
    if result is None:
        return
    token.attrs["href"] = result.href
    if result.hreflang:
        token.attrs["hreflang"] = result.hreflang
