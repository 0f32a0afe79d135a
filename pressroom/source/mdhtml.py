"""The site's rules applied to a body the parser has rendered: one pass over its tags.

The parser (Rust, in `pressroom.source.markdown`) renders with raw HTML escaped and a
``data-sourcepos`` on every element, so every ``<`` of its output starts a tag it wrote. This
pass walks those tags once: it drops the source positions, keeps links and images only on the
scheme allowlist, hands ``.md`` links, full web addresses (the site's own, copied from the
browser, are told) and media images to the caller's functions with the line they are on, turns
``[text]{lang=xx}`` markers (`pressroom.source.mdspans`) into spans where they enclose balanced
HTML outside code (and reports those whose attributes are wrong), and measures how deep elements
nest. Bodies without spans, links to drop or deep nesting take a shortcut that looks at links and
images only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from itertools import accumulate
from urllib.parse import quote, unquote

from pressroom.base.quickinit import quick_init
from pressroom.base.text import is_allowed_link, shows_anything
from pressroom.source.mdlinks import dead_link_advice, is_content_link, is_web_address
from pressroom.source.mdspans import CLOSE_BASE, ENCODED_MARKER, MARKER, OPEN_BASE, Spans

MEDIA_PREFIX = "/media/"
STRAY_IMAGE = "image '{src}' names no file of content/media/: write it as {meant}"
"""Where a body's images from ``content/media/`` are named: ``![alt](/media/2024/chart.png)``."""
MAX_NESTING = 40
"""Lists, quotes and emphasis inside each other deeper than this are refused: no press release
needs more than a few, and browsers and assistive technology handle such depths badly."""

_TOKEN = re.compile("<(/?)([a-z][a-z0-9]*)([^>]*)>|[\U000f0000-\U0010fffd]")
_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):[^"]*"')
_ATTR = re.compile(r' ([a-z-]+)="([^"]*)"')
_VOID = frozenset({"img", "br", "hr", "input"})
_BLOCKS = frozenset({"ul", "ol", "blockquote", "pre", "p", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
_URL_SAFE = ";/?:@&=+$,-_.!~*'()#%"
_SPAN = ""
"""The stack entry name of an open span marker (no tag has an empty name)."""


@quick_init
@dataclass(frozen=True, slots=True)
class LinkRewrite:
    """Where a link to a content file really goes."""

    href: str
    hreflang: str | None = None
    """Set when the target is in another language than the page."""


LinkRewriter = Callable[[str, int], LinkRewrite | None]
"""Called with (path of the linked .md file, with any #fragment, or a full http(s) address; line
in the source file); None leaves the link as written."""

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
    fragments: list[tuple[str, int]] | None = None
    """Filled with the ``#name`` links to a part of the same page, and their lines."""


def escape_html(text: str) -> str:
    """As markdown-it escapes text and attribute values (``'`` stays as it is)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _link(attrs: str, line: int, calls: Calls) -> str | None:
    """The attributes of a link as the site shows it, or None when it may not be a link."""
    found = _ATTR.search(attrs)
    if found is None or found.group(1) != "href":
        return attrs
    href = unescape(found.group(2))
    if not is_allowed_link(unquote(href)):
        return None
    if href.startswith("#") and calls.fragments is not None:
        calls.fragments.append((href[1:], line))
    if not is_content_link(href) and not is_web_address(href):
        if calls.warn is not None and (advice := dead_link_advice(href)) is not None:
            calls.warn(line, f"link '{href}' {advice}")
        return attrs
    result = calls.rewrite(unquote(href), line)
    if result is None:
        return attrs
    rest = attrs[found.end() :]
    lang = f' hreflang="{escape_html(result.hreflang)}"' if result.hreflang else ""
    return f' href="{escape_html(result.href)}"{rest}{lang}'


def _image(attrs: str, line: int, calls: Calls) -> tuple[str, tuple[str, str, str] | None]:
    """An image's HTML (its alt text if its scheme is not allowed), and (name, alt, title) when
    it is from the media folder and the caller places such images."""
    values = {name: unescape(value) for name, value in _ATTR.findall(attrs)}
    src, alt = values.get("src", ""), values.get("alt", "")
    if not is_allowed_link(unquote(src)):
        return escape_html(alt), None
    if not shows_anything(alt) and calls.warn is not None:
        calls.warn(line, f"image '{src}' has no alt text: write ![what it shows](…)")
    stray = src == MEDIA_PREFIX or (src.startswith("/") and not src.startswith(MEDIA_PREFIX))
    if calls.warn is not None and stray:
        # A path outside /media/ is published as written: a broken image (relative ones are
        # the catalog's to check, against the files beside the release).
        capitals = src.lower().startswith(MEDIA_PREFIX)  # /Media/…, which an editor's own machine finds
        meant = MEDIA_PREFIX + src[len(MEDIA_PREFIX) :] if capitals else "/media/2024/photo.jpg"
        calls.warn(line, STRAY_IMAGE.format(src=src, meant=meant))
    if calls.image is not None:
        calls.image(unquote(src), line)
    if calls.place is None or not src.startswith(MEDIA_PREFIX):
        return f"<img{attrs}>", None
    return f"<img{attrs}>", (unquote(src[len(MEDIA_PREFIX) :]), alt, values.get("title", ""))


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
        if code < CLOSE_BASE and not self.code and index < len(spans.problem) and self.calls.warn is not None:
            problem = spans.problem[index]  # reported where it shows: in code it is meant as written
            if problem is not None:
                self.calls.warn(self.calls.first_line + spans.line[index], problem)
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
            checked = _link(attrs, self.line, self.calls)
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

    def img(self, attrs: str, paragraph: int | None) -> None:
        shown, media = _image(attrs, self.line, self.calls)
        if media is not None:
            self.pending = _Image(len(self.out), paragraph, *media, self.line)
        self.out.append(shown)

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


def finish(html: str, spans: Spans, calls: Calls, *, shortcut: bool = True) -> tuple[str, int | None]:
    """The body's HTML as the site shows it, and the line of the first element nested too deep.

    Most bodies have no language span, no link to drop and no deep nesting: for them only the
    links and images are looked at (a tag-by-tag walk costs more than the parsing); the tests
    compare both ways (``shortcut=False`` always walks)."""
    simple = not spans.lang and all(map(_allowed_href, _HREF.findall(html)))
    if not shortcut or not simple or _deeper_than(html, MAX_NESTING):
        html, too_deep = _walk_tags(html, spans, calls)
    else:
        html, too_deep = _LINK_OR_IMAGE.sub(lambda found: _replace(found, calls), html), None
    return _ANY_SOURCEPOS.sub("", html).replace('class="footnote-item">\n', 'class="footnote-item">'), too_deep


_ANY_SOURCEPOS = re.compile(r' data-sourcepos="[^"]*"')
_HREF = re.compile(r'<a(?: data-sourcepos="[^"]*")? href="([^"]*)"')
_STEP = {"": 1, "/": -1}
_DEPTH = re.compile(r"<(/?)(?!(?:img|br|hr|input)[ >])[a-z]")
_LINK_OR_IMAGE = re.compile(
    r'<p(?: data-sourcepos="[^"]*")?>[ \t\n]*(?P<alone><img [^>]*>)[ \t\n]*</p>\n?'
    r'|<li(?: data-sourcepos="[^"]*")?>[ \t\n]*(?P<item><img [^>]*>)'
    r"(?=[ \t\n]*(?:</li>|<(?:ul|ol|blockquote|pre|p|table|hr|h[1-6])[ >]))"
    r"|<(?P<tag>a|img)(?P<attrs> [^>]*)>"
)
"""A media image alone in its paragraph (it becomes a figure instead of the paragraph), alone in
a tight list item, or any other link or image."""


def _deeper_than(html: str, limit: int) -> bool:
    return max(accumulate(map(_STEP.__getitem__, _DEPTH.findall(html))), default=0) > limit


def _allowed_href(href: str) -> bool:
    return is_allowed_link(unquote(unescape(href)))


def _line(attrs: str, calls: Calls) -> tuple[str, int]:
    found = _SOURCEPOS.match(attrs)
    if found is None:
        return attrs, calls.first_line
    return attrs[found.end() :], calls.first_line + int(found.group(1)) - 1


def _replace(found: re.Match[str], calls: Calls) -> str:
    tag = found.group("tag")
    if tag == "a":
        attrs, line = _line(found.group("attrs"), calls)
        return f"<a{_link(attrs, line, calls)}>"  # every link is allowed here: `finish` checked
    group = "alone" if found.group("alone") else "item" if found.group("item") else None
    image = found.group(group) if group else found.group()
    attrs, line = _line(image[4:-1], calls)
    shown, media = _image(attrs, line, calls)
    if media is not None and calls.place is not None:
        placed = calls.place(*media, line, group is not None)
        if placed is not None and group == "alone":
            return placed  # a figure may not stand inside a paragraph
        shown = placed or shown
    if group is None:
        return shown
    start, end = found.start(group) - found.start(), found.end(group) - found.start()
    return found.group()[:start] + shown + found.group()[end:]


def _walk_tags(html: str, spans: Spans, calls: Calls) -> tuple[str, int | None]:
    """`finish` with every tag looked at: language spans, links to drop, nesting to measure."""
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
    return "".join(walk.out), walk.too_deep
