"""The site's rules applied to a body the parser has rendered: one pass over its tags.

The parser (Rust, in `pressroom.source.markdown`) renders with raw HTML escaped and a
``data-sourcepos`` on every element, so every ``<`` of its output starts a tag it wrote. This
pass walks those tags once: it drops the source positions, keeps links and images only on the
scheme allowlist, hands ``.md`` links and media images to the caller's functions with the line
they are on, turns ``[text]{lang=xx}`` markers (`pressroom.source.mdspans`) into spans where
they enclose balanced HTML outside code, and measures how deep elements nest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import quote, unquote, urlsplit

from pressroom.base.text import is_allowed_link
from pressroom.source.mdspans import CLOSE_BASE, ENCODED_MARKER, MARKER, OPEN_BASE, Spans

MEDIA_PREFIX = "/media/"
"""Where a body's images from ``content/media/`` are named: ``![alt](/media/2024/chart.png)``."""
MAX_NESTING = 40
"""Lists, quotes and emphasis inside each other deeper than this are refused: no press release
needs more than a few, and browsers and assistive technology handle such depths badly."""

_TOKEN = re.compile("<(/?)([a-z][a-z0-9]*)([^>]*)>|[\U000f0000-\U0010fffd]")
_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):[^"]*"')
_ATTR = re.compile(r' ([a-z-]+)="([^"]*)"')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_VOID = frozenset({"img", "br", "hr", "input"})
_BLOCKS = frozenset({"ul", "ol", "blockquote", "pre", "p", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
_URL_SAFE = ";/?:@&=+$,-_.!~*'()#%"
_SPAN = ""
"""The stack entry name of an open span marker (no tag has an empty name)."""


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


@dataclass(frozen=True, slots=True)
class Calls:
    """The caller's functions for one body (see `pressroom.source.markdown.render_markdown`)."""

    first_line: int
    rewrite: LinkRewriter
    warn: Callable[[int, str], None] | None
    place: ImagePlacer | None
    image: Callable[[str, int], None] | None


def escape_html(text: str) -> str:
    """As markdown-it escapes text and attribute values (``'`` stays as it is)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def is_content_link(href: str) -> bool:
    """A relative link to a Markdown file: ``../2024/x.md`` or ``x.md#part``."""
    if not href or href.startswith(("/", "#")) or _SCHEME.match(href):
        return False
    return urlsplit(href).path.endswith(".md")


@dataclass(slots=True)
class _Image:
    index: int
    """Where the image's HTML stands in the output pieces."""
    paragraph: int | None
    """Where the open tag of its paragraph (or tight list item) stands, if nothing comes between."""
    name: str
    alt: str
    title: str
    line: int
    tag: str


class _Walk:
    """The state of one pass over one rendered body."""

    def __init__(self, calls: Calls, spans: Spans) -> None:
        self.calls = calls
        self.spans = spans
        self.out: list[str] = []
        self.stack: list[tuple[str, int, int]] = []
        """Open elements and spans: (tag name or "", index of the open piece or -1 if dropped, span)."""
        self.line = calls.first_line
        self.code = 0
        self.too_deep: int | None = None
        self.after_open: int | None = None
        """The piece index of a ``<p>`` or ``<li>`` open tag followed so far only by white space."""
        self.pending: _Image | None = None
        self.unwrapped: int | None = None
        """The piece index of a ``<p>`` dropped around a figure, until its ``</p>`` is dropped too."""
        self.skip_newline = False

    def text(self, text: str) -> None:
        if self.skip_newline:
            self.skip_newline = False
            text = text.removeprefix("\n")
        if text.strip():
            self.after_open = None
            if self.pending is not None:
                self.resolve(alone=False)
        self.out.append(text)

    def marker(self, marker: str) -> None:
        if self.pending is not None:
            self.resolve(alone=False)
        self.after_open = None
        self.skip_newline = False
        code = ord(marker)
        index = code - (CLOSE_BASE if code >= CLOSE_BASE else OPEN_BASE)
        spans = self.spans
        if self.code or index >= len(spans.span) or not spans.span[index]:
            self.out.append(escape_html(spans.literal(marker)))
        elif code < CLOSE_BASE:
            self.nest()
            self.stack.append((_SPAN, len(self.out), index))
            self.out.append(escape_html(spans.opening[index]))
        elif self.stack and self.stack[-1][0] == _SPAN and self.stack[-1][2] == index:
            opened = self.stack.pop()[1]
            lang = spans.lang[index]
            self.out[opened] = f'<span lang="{escape_html(lang)}">' if lang else "<span>"
            self.out.append("</span>")
        else:  # its pair is in another element: both stay the text they were
            self.out.append(escape_html(spans.closing[index]))

    def nest(self) -> None:
        if len(self.stack) >= MAX_NESTING and self.too_deep is None:
            self.too_deep = self.line

    def tag(self, closing: bool, name: str, attrs: str) -> None:
        self.skip_newline = False
        if attrs.startswith(' data-sourcepos="'):
            found = _SOURCEPOS.match(attrs)
            if found is not None:
                self.line = self.calls.first_line + int(found.group(1)) - 1
                attrs = attrs[found.end() :]
        if MARKER.search(attrs) or ENCODED_MARKER.search(attrs):
            attrs = _ATTR.sub(self._restore_attribute, attrs)
        if self.pending is not None:
            self.resolve(alone=(closing and name in ("p", "li")) or (not closing and name in _BLOCKS))
        if closing:
            self.close(name)
            return
        paragraph, self.after_open = self.after_open, None
        if name == "img":
            self.img(attrs, paragraph)
            return
        if name in ("code", "pre"):
            self.code += 1
        if name in _VOID:
            self.out.append(f"<{name}{attrs}>")
            return
        self.nest()
        if name == "a":
            checked = self.link(attrs)
            if checked is None:
                self.stack.append((name, -1, -1))
                return
            attrs = checked
        self.stack.append((name, len(self.out), -1))
        if name in ("p", "li"):
            self.after_open = len(self.out)
        self.out.append(f"<{name}{attrs}>")

    def close(self, name: str) -> None:
        self.after_open = None
        index = 0
        while self.stack:
            open_name, index, _ = self.stack.pop()
            if open_name == name:
                break
            # an open span marker whose pair is not in this element stays the text it was
        if name in ("code", "pre"):
            self.code -= 1
        if index == -1:
            return
        if index == self.unwrapped:
            self.unwrapped = None
            self.skip_newline = True
            return
        self.out.append(f"</{name}>")

    def link(self, attrs: str) -> str | None:
        """The attributes of a link as the site shows it, or None when it may not be a link."""
        found = _ATTR.search(attrs)
        if found is None or found.group(1) != "href":
            return attrs
        href = unescape(found.group(2))
        if not is_allowed_link(unquote(href)):
            return None
        if not is_content_link(href):
            return attrs
        result = self.calls.rewrite(unquote(href), self.line)
        if result is None:
            return attrs
        rest = attrs[found.end() :]
        lang = f' hreflang="{escape_html(result.hreflang)}"' if result.hreflang else ""
        return f' href="{escape_html(result.href)}"{rest}{lang}'

    def img(self, attrs: str, paragraph: int | None) -> None:
        values = {name: unescape(value) for name, value in _ATTR.findall(attrs)}
        src, alt = values.get("src", ""), values.get("alt", "")
        if not is_allowed_link(unquote(src)):
            self.out.append(escape_html(alt))
            return
        calls = self.calls
        if not alt.strip() and calls.warn is not None:
            calls.warn(self.line, f"image '{src}' has no alt text: write ![what it shows](…)")
        if calls.image is not None:
            calls.image(unquote(src), self.line)
        tag = f"<img{attrs}>"
        if calls.place is None or not src.startswith(MEDIA_PREFIX):
            self.out.append(tag)
            return
        name = unquote(src[len(MEDIA_PREFIX) :])
        self.pending = _Image(len(self.out), paragraph, name, alt, values.get("title", ""), self.line, tag)
        self.out.append(tag)

    def resolve(self, *, alone: bool) -> None:
        """Place the pending media image, now that what follows it is known."""
        image, self.pending = self.pending, None
        if image is None or self.calls.place is None:
            return
        block_level = alone and image.paragraph is not None
        shown = self.calls.place(image.name, image.alt, image.title, image.line, block_level)
        if shown is None:
            return
        self.out[image.index] = shown
        if block_level and image.paragraph is not None and self.out[image.paragraph].startswith("<p"):
            self.out[image.paragraph] = ""  # a figure may not stand inside a paragraph
            self.unwrapped = image.paragraph

    def _restore_attribute(self, found: re.Match[str]) -> str:
        name, value = found.group(1), found.group(2)
        literal = self.spans.literal
        if name in ("href", "src"):
            value = ENCODED_MARKER.sub(lambda m: quote(literal(unquote(m.group())), safe=_URL_SAFE), value)
        if name == "alt":  # an image's alt text is the plain text of its description
            value = MARKER.sub(lambda m: "" if self._is_span(m.group()) else literal(m.group()), value)
        value = MARKER.sub(lambda m: escape_html(literal(m.group())), value)
        return f' {name}="{value}"'

    def _is_span(self, marker: str) -> bool:
        code = ord(marker)
        index = code - (CLOSE_BASE if code >= CLOSE_BASE else OPEN_BASE)
        return index < len(self.spans.span) and self.spans.span[index]


def finish(html: str, spans: Spans, calls: Calls) -> tuple[str, int | None]:
    """The body's HTML as the site shows it, and the line of the first element nested too deep."""
    walk = _Walk(calls, spans)
    position = 0
    for found in _TOKEN.finditer(html):
        start = found.start()
        if start > position:
            text = html[position:start]
            walk.text(text)
        position = found.end()
        name = found.group(2)
        if name is None:
            walk.marker(found.group())
        else:
            walk.tag(found.group(1) == "/", name, found.group(3))
    walk.text(html[position:])
    if walk.pending is not None:
        walk.resolve(alone=False)
    return "".join(walk.out).replace('class="footnote-item">\n', 'class="footnote-item">'), walk.too_deep
