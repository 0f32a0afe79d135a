"""A version cut into translation units, and put together again from translated units.

A unit is what a translator translates at once: the title, the summary, the source, the place
of issue, the lead image's alt text, caption and credit, each download's title, and each
paragraph, heading, list item, table cell or footnote of the body, and the title of a link or
image in it (an image's title is its caption on the page). Inline Markdown inside a unit
(emphasis, links, ``[…]{lang=…}`` spans, images, code, footnote references) becomes *codes*: the
translator moves them with the words they mark but cannot change them, and the Markdown they
stand for is put back on import. Everything between units (list markers, table rules, code
blocks, blank lines) stays in a *skeleton* made from the source version, so the translated
version has the source's structure.

In text form (PO files, messages) a unit's codes read ``<1>…</1>`` and ``<2/>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pressroom.base.text import collapse_spaces
from pressroom.source.frontmatter import Translatable
from pressroom.source.markdown import capped_body, configured_parser
from pressroom.source.mdcjk import mark_cjk_emphasis, unmark
from pressroom.workflow.unitmarkdown import (
    HARD_BREAK,
    block_words,
    code_span,
    joined_by_script,
    line_joiner,
    link_end,
    plain_words,
)

HOLE = "\ue000{}\ue001"
"""Where a unit's translation goes in the skeleton (private-use characters never typed)."""
_HOLE_RE = re.compile("\ue000(\\d+)\ue001")
CODE_RE = re.compile(r"<(/?)(\d+)(/?)>")


@dataclass(frozen=True, slots=True)
class Code:
    """Inline Markdown the translator must keep: one end of a pair, or a standalone code."""

    id: int
    kind: str
    """``open``, ``close`` or ``standalone``."""
    data: str
    """The Markdown it stands for: ``*``, ``[``, ``](../2024/x.md)``, ``[^1]``."""
    what: str
    """What it is, for notes: ``emphasis``, ``link ../2024/x.md``, ``lang=en``, ``footnote 1``."""
    destination: str = ""
    """A link's or image's address, on the code that closes it."""
    title: str = ""
    """The unit holding that link's or image's title (``b3.t1``), which is translated on its own."""

    def written(self, titles: Mapping[str, str]) -> str:
        """The Markdown it stands for, with its link's or image's title as translated."""
        if self.title in titles:
            return link_end(self.destination, titles[self.title])
        return self.data


Part = str | Code


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    """``title``, ``summary``, ``source``, ``b1`` …"""
    parts: tuple[Part, ...]
    role: str
    """``title``, ``heading``, ``paragraph``, ``list item``, ``table cell``, ``footnote`` …"""

    @property
    def text(self) -> str:
        """The unit with its codes as ``<1>…</1>`` and ``<2/>``."""
        return "".join(part if isinstance(part, str) else code_tag(part) for part in self.parts)

    @property
    def codes(self) -> dict[int, Code]:
        """Each open or standalone code by its number."""
        return {part.id: part for part in self.parts if isinstance(part, Code) and part.kind != "close"}

    def markdown(
        self, parts: tuple[Part, ...] | None = None, *, escaped: bool = False, titles: Mapping[str, str] = {}
    ) -> str:
        """The unit as Markdown; ``escaped``: its words as plain text (a body's units), so that a
        translation's "17. Juli" or "Partner*innen" does not become a list or emphasis;
        ``titles``: the translated titles of its links and images, by unit."""
        pieces = self.parts if parts is None else parts
        if not escaped:
            return "".join(p if isinstance(p, str) else p.written(titles) for p in pieces)
        if pieces and isinstance(pieces[-1], Code) and pieces[-1].data == HARD_BREAK:
            pieces = pieces[:-1]  # a line break ending a paragraph is shown as a backslash
        return "".join(
            plain_words(piece, _data(pieces, n - 1), _data(pieces, n + 1))
            if isinstance(piece, str)
            else piece.written(titles)
            for n, piece in enumerate(pieces)
        )


def _data(pieces: tuple[Part, ...], index: int) -> str | None:
    """The Markdown of the code at ``index`` (None outside the unit; words are never beside words)."""
    if not 0 <= index < len(pieces):
        return None
    piece = pieces[index]
    return piece.data if isinstance(piece, Code) else ""


def code_tag(code: Code) -> str:
    return {"open": f"<{code.id}>", "close": f"</{code.id}>"}.get(code.kind, f"<{code.id}/>")


@dataclass(frozen=True, slots=True)
class Document:
    """A version cut into units, with the skeleton its body is rebuilt from."""

    units: tuple[Unit, ...]
    skeleton: str


class SegmentError(ValueError):
    """A unit's translation does not fit its source (a lost or invented code), or a source
    cannot be cut into units: then ``line`` is the index of its body's line where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@cache
def _parser() -> MarkdownIt:
    # Escapes and entities stay separate tokens (text_join off) so their Markdown is kept.
    return configured_parser().disable("text_join")


def _role(name: str) -> str:
    """``title``, …, ``place of issue (dateline)``, ``image alt text``, ``image caption``, ``download title``."""
    named = {"place": "place of issue (dateline)", "image.alt": "image alt text"}.get(name)
    return named or ("download title" if name.startswith("download.") else name.replace(".", " "))


def segment(text: Translatable, lang: str) -> Document:
    """Cut a version into units; ``lang`` is its language (line breaks inside a paragraph
    become spaces, or nothing in Japanese and Chinese)."""
    texts = [(name, value) for name in ("title", "summary", "source", "place") if (value := getattr(text, name))]
    units = [Unit(name, (value,), _role(name)) for name, value in [*texts, *text.media]]
    for index, message in capped_body(text.body)[1]:  # as the build refuses it: parsing it could take minutes
        raise SegmentError(message, index)
    body = mark_cjk_emphasis(text.body)  # read as the build reads it: see pressroom.source.mdcjk
    lines = body.split("\n")
    holes: list[tuple[int, int, int, int]] = []  # (line, start, end, unit index or -1 to drop)
    cursor = (0, 0)
    containers: list[str] = []
    in_heading = False
    joiner = line_joiner(lang)
    body_units = 0
    for token in _parser().parse(body, {}):
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.type.removesuffix("_close") + "_open" in _CONTAINERS:
            containers.pop()
        in_heading = token.type == "heading_open" or (in_heading and token.type != "heading_close")
        role = "heading" if in_heading else containers[-1] if containers else "paragraph"
        if token.type != "inline" or not token.content.strip():
            continue
        if token.map and token.map[0] != cursor[0]:
            # From the line the parser read it on: footnotes come last in its tokens, wherever
            # (and in whatever order) the editor defined them.
            cursor = (token.map[0], 0)
        found = _locate(lines, token.content.split("\n"), cursor)
        if found is None:
            raise SegmentError("this text could not be cut into units", cursor[0])
        index = len(units)
        for n, (line, start, end) in enumerate(found):
            holes.append((line, start, end, index if n == 0 else -1))
        cursor = (found[-1][0], found[-1][2])
        body_units += 1
        titles: list[Unit] = []
        # Codes are numbered past any "<3>" or "<2/>" the words themselves hold, so that a
        # translator's text form tells the two apart (a copied source always imports).
        literal = max((int(found.group(2)) for found in CODE_RE.finditer(token.content)), default=0)
        parts = _parts(token.children or [], joiner, [literal], _Titles(f"b{body_units}", titles))
        units.append(Unit(f"b{body_units}", tuple(parts), role))
        units += titles
    document = Document(tuple(units), _skeleton(lines, holes))
    return _unmarked(document) if body != text.body else document


def _unmarked(document: Document) -> Document:
    units = tuple(
        Unit(u.id, tuple(unmark(p) if isinstance(p, str) else p for p in u.parts), u.role) for u in document.units
    )
    return Document(units, unmark(document.skeleton))


TITLE_ROLES = ("link title", "image caption")
"""The roles of the units holding a link's or an image's title."""


@dataclass(frozen=True, slots=True)
class _Titles:
    """Where the titles of one unit's links and images become units of their own."""

    owner: str
    units: list[Unit]

    def add(self, title: str, role: str) -> str:
        if not title:
            return ""
        ident = f"{self.owner}.t{len(self.units) + 1}"
        self.units.append(Unit(ident, (title,), role))
        return ident


_CONTAINERS = {
    "list_item_open": "list item",
    "blockquote_open": "quotation",
    "th_open": "table heading",
    "td_open": "table cell",
    "footnote_open": "footnote",
}


def _locate(lines: list[str], pieces: list[str], cursor: tuple[int, int]) -> list[tuple[int, int, int]] | None:
    """Where each line of an inline's source text is, searching forward from ``cursor``."""
    line, column = cursor
    found = []
    for plain in pieces:
        escaped = plain.replace("|", "\\|")  # a table cell's content has its "\|" unescaped
        while line < len(lines):
            piece = plain
            start = lines[line].find(piece, column)
            if start < 0 and escaped != plain:
                piece = escaped
                start = lines[line].find(piece, column)
            if start >= 0:
                found.append((line, start, start + len(piece)))
                line, column = line + 1, 0
                break
            line, column = line + 1, 0
        else:
            return None
    return found


def _skeleton(lines: list[str], holes: list[tuple[int, int, int, int]]) -> str:
    out = list(lines)
    dropped: set[int] = set()
    for line, start, end, index in sorted(holes, key=lambda h: (h[0], -h[1])):
        replacement = HOLE.format(index) if index >= 0 else ""
        out[line] = out[line][:start] + replacement + out[line][end:]
        if index < 0 and not out[line].strip(" \t>"):
            dropped.add(line)
    return "\n".join(text for n, text in enumerate(out) if n not in dropped)


def _parts(tokens: list[Token], joiner: str, counter: list[int], titles: _Titles) -> list[Part]:
    """A unit's text and codes; ``counter`` numbers the codes of the whole unit, ``titles`` takes
    its links' and images' titles."""
    parts: list[Part] = []
    stack: list[Code] = []  # the codes that will close what is open

    def opens(data: str, closing: str, what: str, destination: str = "", title: str = "") -> None:
        counter[0] += 1
        code = Code(counter[0], "open", data, what)
        stack.append(Code(code.id, "close", closing, what, destination, title))
        parts.append(code)

    def closes() -> None:
        parts.append(stack.pop())

    def alone(data: str, what: str) -> None:
        counter[0] += 1
        parts.append(Code(counter[0], "standalone", data, what))

    skip = False
    for token in tokens:
        kind = token.type
        if skip:
            skip = kind != "link_close"
            continue
        if kind == "text":
            parts.append(token.content)
        elif kind == "text_special":
            # An escape (\*) or entity (&amp;) reads as the character it stands for: a translator
            # sees "17. Juli" and "Partner*innen", and what they type back is escaped on import.
            parts.append(token.content)
        elif kind == "softbreak":
            parts.append(joiner or "\n")  # read by what stands beside it, once the unit's text is whole
        elif kind == "hardbreak":
            alone(HARD_BREAK, "line break")
        elif kind in ("em_open", "strong_open", "s_open"):
            opens(token.markup, token.markup, _EMPHASIS_KINDS[kind])
        elif kind in ("em_close", "strong_close", "s_close", "span_close", "link_close") and stack:
            closes()
        elif kind == "link_open" and token.markup == "autolink":
            alone(f"<{token.attrs.get('href', '')}>", "web address")
            skip = True
        elif kind == "link_open":
            href, title = str(token.attrs.get("href", "")), str(token.attrs.get("title", "") or "")
            opens("[", link_end(href, title), f"link {href}", href, titles.add(title, "link title"))
        elif kind == "span_open":
            lang = token.attrs.get("lang", "")
            opens("[", f"]{{lang={lang}}}", f"lang={lang}")
        elif kind == "image":
            src, title = str(token.attrs.get("src", "")), str(token.attrs.get("title", "") or "")
            opens("![", link_end(src, title), f"image {src}", src, titles.add(title, "image caption"))
            parts.extend(_parts(token.children or [], joiner, counter, titles))
            closes()
        elif kind == "code_inline":
            alone(code_span(token.markup, token.content), "code")
        elif kind == "footnote_ref":
            label = token.meta.get("label", "")
            alone(f"[^{label}]", f"footnote {label}")
        else:
            parts.append(token.content)
    return _merge(parts)


def _merge(parts: list[Part]) -> list[Part]:
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    # A line end of a Japanese text (the only ones left) is nothing, but a space between Latin words.
    return [joined_by_script(part) if isinstance(part, str) and "\n" in part else part for part in merged]


def optional_codes(unit: Unit, target_lang: str) -> frozenset[int]:
    """Codes a translation may leave out: a span marking text as the target's own language
    (``[未病]{lang=ja}`` needs no mark in the Japanese version)."""
    return frozenset(code.id for code in unit.codes.values() if code.what == f"lang={target_lang}")


def parse_target(unit: Unit, text: str, optional: frozenset[int] = frozenset()) -> tuple[Part, ...]:
    """A translated unit in text form back into parts; raises `SegmentError` naming what is wrong."""
    codes = unit.codes
    closes = {p.id: p for p in unit.parts if isinstance(p, Code) and p.kind == "close"}
    parts: list[Part] = []
    seen: dict[tuple[int, str], int] = {}
    stack: list[int] = []
    position = 0
    # A source whose own words hold "<10>" (no code of this unit): the translator keeps it as words.
    literal = {found.group(0) for part in unit.parts if isinstance(part, str) for found in CODE_RE.finditer(part)}
    for match in CODE_RE.finditer(text):
        ident = int(match.group(2))
        kind = "close" if match.group(1) else "standalone" if match.group(3) else "open"
        source = closes.get(ident) if kind == "close" else codes.get(ident)
        if source is None and match.group(0) in literal:
            continue
        parts.append(text[position : match.start()])
        position = match.end()
        if source is None or (kind != "close" and source.kind != kind):
            raise SegmentError(f"{match.group(0)} is not one of the source's codes")
        seen[(ident, kind)] = seen.get((ident, kind), 0) + 1
        if kind == "open":
            stack.append(ident)
        elif kind == "close":
            if not stack or stack[-1] != ident:
                raise SegmentError(f"{match.group(0)} closes a code that is not open here")
            stack.pop()
        parts.append(source)
    parts.append(text[position:])
    for part in unit.parts:
        count = seen.get((part.id, part.kind), 0) if isinstance(part, Code) else 1
        if isinstance(part, Code) and count != 1 and not (count == 0 and part.id in optional):
            problem = "is missing" if count == 0 else f"appears {count} times"
            raise SegmentError(f"code {code_tag(part)} ({part.what}) {problem}")
    return tuple(_merge([p.replace("\n", " ") if isinstance(p, str) else p for p in parts]))


def fill(document: Document, translations: dict[str, tuple[Part, ...]]) -> tuple[dict[str, str], str]:
    """Front-matter fields and body of the translated version."""
    fields, titles = {}, {}
    for unit in document.units:
        if not unit.id.startswith("b"):
            fields[unit.id] = collapse_spaces(unit.markdown(translations[unit.id]))
        elif unit.role in TITLE_ROLES:
            titles[unit.id] = unit.markdown(translations[unit.id])

    def put(match: re.Match) -> str:
        unit = document.units[int(match.group(1))]
        before = match.string[match.string.rfind("\n", 0, match.start()) + 1 : match.start()]
        return block_words(unit.markdown(translations[unit.id], escaped=True, titles=titles).strip(), unit.role, before)

    return fields, _HOLE_RE.sub(put, document.skeleton)


_EMPHASIS_KINDS = {"em_open": "emphasis", "strong_open": "strong emphasis", "s_open": "strikethrough"}
