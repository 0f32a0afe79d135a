"""Markdown to HTML: CommonMark with tables, footnotes and ``[text]{lang=xx}`` spans.

Bodies are parsed and rendered by markdown-it-pyrs (markdown-it's rules, in Rust) with the raw
HTML rules left out, so ``<script>`` is shown as text. `pressroom.source.mdspans` marks the
language spans before parsing; `pressroom.source.mdhtml` applies the site's rules to the
rendered HTML: links and images whose scheme is not on the allowlist (http, https, mailto,
tel; relative and ``#`` links) are not links at all, links to other ``.md`` files (and full
web addresses, which may be the site's own) are handed to a caller-supplied function that knows
the site's URLs. The README's "Markdown" section
lists where the output differs from the CommonMark spec, and why.

The translation workflow (`pressroom.workflow.segments`) still reads bodies with markdown-it-py,
whose token stream it needs: `configured_parser` is that dialect.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

from pressroom.base.text import is_allowed_link
from pressroom.base.ties import tied_html
from pressroom.source.mdcjk import SENTINEL, join_cjk_lines, mark_cjk_emphasis, unmark
from pressroom.source.mdcode import marks_in_code
from pressroom.source.mdhtml import (
    MAX_NESTING,
    MEDIA_PREFIX,
    Calls,
    ImagePlacer,
    LinkRewrite,
    LinkRewriter,
    finish,
    is_content_link,
    is_web_address,
)
from pressroom.source.mdnotes import footnote_problems
from pressroom.source.mdoutline import outline_problems
from pressroom.source.mdreaders import for_readers, missing_fragments, with_heading_ids
from pressroom.source.mdrefs import reference_problems
from pressroom.source.mdscripts import script_problems
from pressroom.source.mdspans import MARKER, mark_spans
from pressroom.source.scriptruns import may_hold_runs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it_pyrs import MarkdownIt as RustMarkdownIt

__all__ = [
    "MAX_NESTING",
    "MEDIA_PREFIX",
    "ImagePlacer",
    "LinkRewrite",
    "LinkRewriter",
    "configured_parser",
    "is_content_link",
    "is_web_address",
    "render_markdown",
]

RULES = [
    *("blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference"),
    *("autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline"),
    *("table", "strikethrough", "footnote", "sourcepos"),
]
"""markdown-it's default rules without raw HTML, linkify and the typographer, as before; the
source positions tell `mdhtml` the line of every link."""


CONTAINERS_PER_LINE = 1000
"""Quote and list markers that may open blocks at the start of one line. The parser recurses
once per level and overflows its stack somewhere past 20,000 levels, ending the process; far
below that, yet far above `MAX_NESTING` (so the depth error is still reported), the next
marker is escaped and the rest of the line is text."""
_CONTAINER = r"[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
_TOO_MANY_CONTAINERS = re.compile(f"^(?:{_CONTAINER}){{{CONTAINERS_PER_LINE}}}{_CONTAINER}", re.MULTILINE)


def cap_containers(body: str) -> str:
    """``body`` with no line opening more than `CONTAINERS_PER_LINE` quotes and lists."""
    if sum(map(body.count, ">-+*.)")) <= CONTAINERS_PER_LINE:  # counting is much cheaper than the search
        return body
    return _TOO_MANY_CONTAINERS.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], body)


EMPHASIS_MARKS = 20_000
"""Emphasis marks (``*``, ``_``, ``~``) that lines between two blank lines may hold. The parser
pairs a paragraph's marks in time that grows with the square of their number (20,000: about
4 s); beyond this the text is an error and its marks are escaped, so even a hostile file
renders quickly."""
REFERENCE_DEFINITIONS = 1_000
"""Link reference definitions (``[label]: address``) that lines between two blank lines may
hold. The parser reads the rest of such lines again for each one, in time that grows with the
square of their number (8,000: 4 to 10 s; a megabyte of them, minutes); beyond this the text
is an error and its brackets are escaped. Counted as ``]:``, which prose seldom holds."""
INLINE_FOOTNOTES = 10
"""Inline footnotes (``^[…]``) that lines between two blank lines may hold. For a run of them
left open, the parser tries every way the ones before might close, in time that doubles with
each (20: about a second; 40: days); beyond this the text is an error and its inline footnotes
are written out as text, so even a hostile file renders quickly. No press release needs more:
footnotes written as ``[^1]`` have no limit."""
_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_MARK = re.compile(r"([*_~])")


def cap_emphasis(body: str) -> tuple[str, int | None]:
    """``body`` with the marks of any lines between blank lines that hold more than
    `EMPHASIS_MARKS` escaped, and the index of the first such text's first line."""
    if _emphasis_marks(body) <= EMPHASIS_MARKS:  # counting the whole is much cheaper than reading its blocks
        return body, None
    return _capped(body, lambda text, _: _emphasis_marks(text), EMPHASIS_MARKS, lambda text: _MARK.sub(r"\\\1", text))


def cap_references(body: str) -> tuple[str, int | None]:
    """``body`` with the brackets of any lines between blank lines that hold more than
    `REFERENCE_DEFINITIONS` escaped, and the index of the first such text's first line."""
    if _definitions(body) <= REFERENCE_DEFINITIONS:
        return body, None
    return _capped(
        body, lambda text, _: _definitions(text), REFERENCE_DEFINITIONS, lambda text: text.replace("[", "\\[")
    )


def cap_inline_footnotes(body: str) -> tuple[str, int | None]:
    """``body`` with the inline footnotes of any lines between blank lines that hold more than
    `INLINE_FOOTNOTES` outside code written out as text, and the index of the first such text's
    first line. (Such a body is an error, never published: its code may be rewritten too.)"""
    if body.count("^[") <= INLINE_FOOTNOTES:
        return body, None
    in_code = marks_in_code(_block_parser().parse(body), body.split("\n"), "^[")

    def read(text: str, line: int) -> int:
        return text.count("^[") - sum(in_code[n] for n in range(line, line + text.count("\n") + 1))

    return _capped(body, read, INLINE_FOOTNOTES, lambda text: text.replace("^[", "^\\["))


def _emphasis_marks(text: str) -> int:
    return sum(map(text.count, "*_~"))


def _definitions(text: str) -> int:
    return text.count("]:")


def _capped(
    body: str, count: Callable[[str, int], int], limit: int, escape: Callable[[str], str]
) -> tuple[str, int | None]:
    """``body`` with each text between blank lines of which ``count(text, index of its first
    line)`` is more than ``limit`` replaced by ``escape(text)``, and the first such line."""
    first: int | None = None
    pieces: list[str] = []
    done = position = line = 0
    for block in _BLOCK.finditer(body):
        line += body.count("\n", position, block.start())
        position = block.start()
        text = block.group()
        if count(text, line) > limit:
            first = line if first is None else first
            pieces += [body[done : block.start()], escape(text)]
            done = block.end()
    pieces.append(body[done:])
    return "".join(pieces), first


@cache
def body_parser() -> RustMarkdownIt:
    """The one configured parser of a process, loaded by the first body rendered: a build whose
    bodies are all kept (every page of an unchanged site) loads none."""
    from markdown_it_pyrs import MarkdownIt as RustMarkdownIt

    return RustMarkdownIt("zero").enable_many(RULES)


def configured_parser() -> MarkdownIt:
    """A new markdown-it-py parser of the site's dialect (CommonMark, tables, footnotes, lang spans)."""
    # markdown-it-py is loaded when first needed (the translation workflow, a body the Rust
    # parser cannot read): loading it took a sixteenth of a one-file rebuild that needs neither.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("js-default").enable("table").use(footnote_plugin).use(attrs_plugin, spans=True, allowed=["lang"])


@cache
def _block_parser() -> MarkdownIt:
    """`configured_parser` reading blocks only, not the text in them: where code lies."""
    off = ["inline", "footnote_tail", "linkify", "replacements", "smartquotes", "text_join"]
    return configured_parser().disable([*off, "html_block", "html_inline"])


@cache
def markdown_parser() -> MarkdownIt:
    """`configured_parser` with raw HTML off and the link allowlist, for the translation workflow's checks."""
    md = configured_parser()
    md.disable(["html_block", "html_inline", "linkify", "replacements", "smartquotes"])
    md.validateLink = _validate_link
    return md


def _validate_link(url: str) -> bool:
    # markdown-it has percent-encoded the URL: decode it, as a browser would read the scheme.
    return is_allowed_link(unquote(url))


def parse_to_html(text: str) -> str:
    """The parser's HTML of a (marked) body, with source positions where the parser gives them."""
    html = _parsed(text)
    if "![" in text and "data-sourcepos" in html and any("\\" in alt or "&" in alt for alt in _ALT.findall(text)):
        html = _alts_of(markdown_parser().render(text), html)
    return html


_ALT = re.compile(r"!\[([^\]\n]*)")
"""An image's alt text up to its first bracket, where an escape or an entity would show (one
match per line at most where no bracket closes, so a long line is read once)."""
_IMAGE_ALT = re.compile(r'<img [^>]*?src="([^"]*)"[^>]*? alt="([^"]*)"')


def _alts_of(reference: str, html: str) -> str:
    """``html`` with each image's alt text as ``reference`` (markdown-it-py's HTML of the same
    body) has it: markdown-it-pyrs 0.4.0 drops escapes and entities from an alt text
    (``![Plan \\] A &amp; B]`` gave ``Plan  A  B``), which screen readers read out."""
    alts = iter(_IMAGE_ALT.findall(reference))

    def mended(found: re.Match[str]) -> str:
        src, alt = next(alts, ("", ""))
        if src != found[1]:  # the two parsers disagree on the images: leave them
            return found[0]
        return found[0][: found.start(2) - found.start()] + alt + '"'

    return _IMAGE_ALT.sub(mended, html)


def _parsed(text: str) -> str:
    try:
        if "^[" in text or ("[" in text and "`" in text):  # what the known panics need (see below)
            with _rust_panics_unprinted():
                return body_parser().render(text, xhtml=False)
        return body_parser().render(text, xhtml=False)
    except BaseException as exc:  # pyo3's PanicException derives from BaseException, and has no importable name
        if type(exc).__name__ != "PanicException":
            raise  # Ctrl-C, SIGTERM (pressroom.base.guard.Interrupted) and the like go on
        # markdown-it-pyrs 0.4.0 panics on an unclosed "[" before an unclosed "`" ("[a`"), and
        # its footnote plugin on many an inline footnote: one that begins with a letter beyond
        # ASCII ("^[Übersetzung]", "^[注]"), or that ends the text, or is followed by a
        # footnote definition. The previous engine renders such a body the same way, only
        # without source positions, so its links and images are reported at the body's first line.
        return markdown_parser().render(text)


def capped_body(body: str) -> tuple[str, list[tuple[int, str]]]:
    """``body`` as the parser may be given it, whatever it holds (see `CONTAINERS_PER_LINE`,
    `EMPHASIS_MARKS`, `REFERENCE_DEFINITIONS`, `INLINE_FOOTNOTES`), and for each limit it passed
    the index of the first line past it, with what to tell its editor."""
    capped, crowded = cap_emphasis(cap_containers(body))
    capped, listed = cap_references(capped)
    capped, footnoted = cap_inline_footnotes(capped)
    said = (
        (
            crowded,
            f"more than {EMPHASIS_MARKS:,} emphasis marks (*, _, ~) between two blank lines; Markdown "
            "takes too long to pair them: split the text with blank lines",
        ),
        (
            listed,
            f"more than {REFERENCE_DEFINITIONS:,} link reference definitions ([label]: address) between two "
            "blank lines; Markdown takes too long to read them: put blank lines between them",
        ),
        (
            footnoted,
            f"more than {INLINE_FOOTNOTES} inline footnotes (^[…]) between two blank lines; Markdown takes too "
            "long to read them: split the text with blank lines, or write footnotes as [^1] with the note below",
        ),
    )
    return capped, [(index, message) for index, message in said if index is not None]


def render_markdown(
    body: str,
    first_line: int,
    rewrite: LinkRewriter,
    warn: Callable[[int, str], None] | None = None,
    place: ImagePlacer | None = None,
    *,
    error: Callable[[int, str], None] | None = None,
    image: Callable[[str, int], None] | None = None,
    headings: Callable[[frozenset[str]], None] | None = None,
    lang: str = "",
    tied_as: str | None = None,
) -> str:
    """Render a body whose first line is line ``first_line`` of its file; ``warn(line, message)``
    hears about content that renders but should be fixed (an image without alt text; with
    ``lang``, the language the body is written in, Japanese, Chinese or Korean it leaves unmarked;
    an untranslated copy is given none);
    ``place`` turns images from the media folder into responsive pictures; ``error(line,
    message)`` hears about content that would not render as written (nesting deeper than
    `MAX_NESTING`, more than `capped_body` lets the parser read),
    ``image(src, line)`` about every image, to check its file; ``headings(ids)`` hears the ids
    its headings got, once every link was rewritten (links from other texts are checked
    against them, see `pressroom.model.sections`). ``lang``: the body's language, whose words
    are kept together where its press offices keep them (`pressroom.base.ties`); ``tied_as``:
    the language that ties them instead (an untranslated copy's, given no ``lang``, by the
    language it is still in)."""
    capped, too_costly = capped_body(body)
    marked, spans = mark_spans(capped)
    emphasised = mark_cjk_emphasis(marked)
    rendered = parse_to_html(emphasised)
    if emphasised != marked:
        rendered = unmark(rendered)
    if warn is not None and "[^" in emphasised:  # read before `finish` takes the source positions out
        for line, message in footnote_problems(emphasised, rendered, first_line, body if capped != body else None):
            warn(line, message)
    if warn is not None and "][" in emphasised:
        for line, message in reference_problems(emphasised, rendered, first_line):
            warn(line, message)
    if warn is not None and ("<h" in rendered or "<table" in rendered):  # both while the source positions are on

        def literal(text: str) -> str:
            return MARKER.sub(lambda found: spans.literal(found.group()), text).replace(SENTINEL, "")

        for line, message in outline_problems(emphasised, rendered, first_line, literal):
            warn(line, message)
    if warn is not None and lang and may_hold_runs(body, lang):
        for line, message in script_problems(rendered, spans, first_line, lang, emphasised):
            warn(line, message)
    fragments: list[tuple[str, int]] = []
    html, too_deep = finish(rendered, spans, Calls(first_line, rewrite, warn, place, image, fragments))
    tied = tied_html(for_readers(join_cjk_lines(html)), lang if tied_as is None else tied_as, remember=False)
    html, ids = with_heading_ids(tied)
    for line, message in missing_fragments(fragments, ids) if warn is not None else ():
        warn(line, message)
    if headings is not None:
        headings(ids)
    for index, message in too_costly if error is not None else ():
        error(first_line + index, message)
    if too_deep is not None and error is not None:
        error(
            too_deep,
            f"lists, quotes or emphasis nested more than {MAX_NESTING} levels deep; Markdown would drop "
            "text at this depth: flatten the structure",
        )
    return html


@contextlib.contextmanager
def _rust_panics_unprinted() -> Iterator[None]:
    """Standard error closed to Rust's panic hook for the length of one call: a panic that is
    caught and handled must not print its multi-line report into an editor's terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as sink:
            os.dup2(sink.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
