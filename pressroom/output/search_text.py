"""What the search indexer reads: what Pagefind reads of the built pages, Japanese cut into characters.

Pagefind's extended build segments Japanese with a dictionary (Lindera, through charabia) at
index time, but the browser segments the query with ICU's ``Intl.Segmenter``, and the two
disagree (Pagefind issue 1237): 未病 is one indexed word but two query words, シュトゥットガルト
is one indexed word but eight query words, so neither is found. Which dictionary word a page
ends up with also depends on the sentence around it, so no query-side segmenter can predict it.

We therefore give the indexer every Japanese character as a word of its own, separated by a
zero-width space (which Pagefind drops from words and uses itself as the boundary in excerpts,
so excerpts read as before), and the search page cuts the reader's query the same way and asks
for the characters as a phrase: a page is found exactly when it contains the typed text, as in
the n-gram indexes of CJK search engines. Only the copy the indexer reads is changed; the
published pages keep their text as written.

That copy holds only what Pagefind reads of each page (`indexed_part`): it parses a third of
the HTML and writes the same index. Pagefind's non-extended build, which skips the dictionary,
splits words only at white space (not at zero-width spaces): Japanese would need spaces between
its characters, and Pagefind's stored text, hence titles and excerpts, would show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from pressroom.base.parallel import run_ranges

BOUNDARY = "\u200b"
"""Zero-width space: invisible, and Pagefind's own word boundary for segmented languages."""

# Kana, the prolonged sound mark, kanji (with the iteration mark 々) and half-width katakana;
# combining voicing marks stay with their letter.
_KANA_KANJI = (
    "\u3005\u3006\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
_MARKS = "\u3099\u309a\uff9e\uff9f"
_DIGITS = "0-9\uff10-\uff19"
_BETWEEN = re.compile(f"(?<=[{_KANA_KANJI}{_MARKS}])(?=[{_KANA_KANJI}])")
# Numbers: the dictionary segmenter keeps 1989 whole in one sentence and cuts it into digits in
# the next, zero-width spaces or not. A number between spaces is segmented on its own, as Latin
# text, and stays whole. Latin letters next to it (Under2) stay joined, and so do 1,580 and 1.5.
_NUMBER_STARTS = re.compile(f"(?<![\\sA-Za-z{_DIGITS}])(?<![{_DIGITS}][.,])(?=[{_DIGITS}])")
_NUMBER_ENDS = re.compile(f"(?<=[{_DIGITS}])(?![\\sA-Za-z{_DIGITS}])(?![.,][{_DIGITS}])")
# A text node (between two tags) holding any such character; attributes, with the numbers of
# links, anchors and drawings, are left alone.
_TEXT = re.compile(f"(?<=>)[^<>]*?[{_KANA_KANJI}{_DIGITS}][^<>]*(?=<)")
# Where only tags separate two Japanese characters: the <wbr> of a phrase break (に<wbr>ついて)
# or an inline element would otherwise let the segmenter join them again.
_ACROSS_TAGS = re.compile(f"(?<=[{_KANA_KANJI}{_MARKS}])((?:<[^<>]*>)+)(?=[{_KANA_KANJI}])")
_JA_PAGE = re.compile(r"<html[^>]*\blang=\"ja\b", re.IGNORECASE)
_BODY = b"data-pagefind-body"
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG = re.compile(r"""<html\b[^>]*?\slang\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_TITLE = re.compile(rb"<title\b[^>]*>[^<]*</title>")
_OPENING_TAG = re.compile(rb"<([a-z][a-z0-9-]*)(?:\s[^>]*)?>")
_ATTRIBUTE_NAME = re.compile(rb"""\s([^\s"'=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# Pagefind's block elements (a marked one ends a sentence itself, whatever encloses it), its
# inline elements and the elements whose content it skips (SENTENCE_SELECTORS, INLINE_SELECTORS
# and REMOVE_SELECTORS in its fossick/parser.rs).
_BLOCKS = frozenset(
    {b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"p", b"td", b"div", b"ul", b"li", b"article", b"section"}
)
_INLINE = re.compile(
    b"a|abbr|acronym|b|bdo|big|br|button|cite|code|dfn|em|i|img|input|kbd|label|map|object|output|q|samp|script"
    b"|select|small|span|strong|sub|sup|textarea|time|tt|var"
)
_SKIPPED = re.compile(rb"<(/?)(head|style|script|noscript|label|form|svg|footer|nav|iframe|template)[\s/>]")
_HEAD = 2000
"""Bytes (or characters) of a page within which its ``<html lang>`` stands."""


def separate_characters(text: str) -> str:
    """``text`` with a zero-width space between two adjacent Japanese characters, numbers between spaces."""
    text = _NUMBER_ENDS.sub(" ", _NUMBER_STARTS.sub(" ", text))
    return _BETWEEN.sub(BOUNDARY, text)


def indexable_html(html: str) -> str:
    """A Japanese page as the indexer should read it; pages in other languages unchanged.

    Regular expressions that each pass over the page once (no loop over its nodes in Python):
    staging must stay cheap next to indexing on a site of tens of thousands of pages.
    """
    if not _is_japanese(html[:_HEAD]):
        return html
    html = _TEXT.sub(lambda text: separate_characters(text.group()), html)
    return _ACROSS_TAGS.sub(f"\\g<1>{BOUNDARY}", html)


def stage_for_index(
    site: Path,
    staging: Path,
    *,
    by_language: bool = False,
    overlay: Mapping[str, bytes] | None = None,
    ready: Callable[[Path], object] | None = None,
    jobs: int = 1,
) -> list[Path]:
    """Put the HTML of ``site`` into ``staging`` (same relative paths) as the indexer should read it;
    the folders to index, those with the most to read first.

    Once any page marks its content with ``data-pagefind-body``, Pagefind drops the pages
    without it and reads only the marked elements of the others (with their titles and
    metadata): those pages are left out here, and the others staged as `indexed_part` gives
    them, so that Pagefind parses a fraction of the HTML and writes the same index.

    ``by_language``: each language in a folder of its own (``staging/0``, ``staging/1``...),
    since Pagefind indexes each language on its own and can then run once per language; not
    where a page mentions the mark in a way we cannot tell, as Pagefind must then see the
    whole site at once to decide which pages it drops.

    ``overlay``: path → the bytes about to replace those of a page of ``site`` (a quick rebuild
    indexes before it writes).

    ``ready(folder)`` is called as soon as a folder is staged, so that its indexer can start
    while the next language is staged. Japanese is staged first: Pagefind segments it with a
    dictionary, and its run is the longest by far. ``jobs``: processes that read the pages.
    """
    staging.mkdir(parents=True, exist_ok=True)
    overlay = overlay or {}
    found = sorted(site.rglob("*.html"))

    def read(page: Path) -> bytes:
        replacement = overlay.get(page.relative_to(site).as_posix())
        return page.read_bytes() if replacement is None else replacement

    def examine(start: int, stop: int) -> list[_Examined]:
        examined = []
        for page in found[start:stop]:
            data = read(page)
            part = indexed_part(data)
            if part is not None:
                examined.append(_prepared(_MARKED, part))
            elif _BODY in data.lower():  # Pagefind reads it whole and decides
                examined.append(_prepared(_UNSURE, data))
            else:
                examined.append((_UNMARKED, b"", "", False))
        return examined

    # Reading the pages and cutting Japanese into characters, in every worker: the indexers
    # wait for it, and until they start the other cores have nothing to do.
    pages = [item for chunk in run_ranges(examine, len(found), jobs) for item in chunk]
    marked = any(kind == _MARKED for kind, _, _, _ in pages)
    unsure = any(kind == _UNSURE for kind, _, _, _ in pages)
    if not marked:  # then Pagefind indexes every page, whole
        pages = [
            _prepared(_UNMARKED, read(page)) if kind == _UNMARKED else (kind, data, key, japanese)
            for page, (kind, data, key, japanese) in zip(found, pages, strict=True)
        ]
    # Each folder's pages in the order of their paths: Pagefind reads them in the order they
    # were written (in memory), and that order is part of its index.
    groups: dict[Path, list[tuple[Path, bytes, bool]]] = {}
    languages: dict[str, Path] = {}
    for page, (kind, data, key, japanese) in zip(found, pages, strict=True):
        if kind == _UNMARKED and marked:
            continue
        root = languages.setdefault(key, staging / str(len(languages))) if by_language and not unsure else staging
        groups.setdefault(root, []).append((page, data, japanese))
    staged: dict[Path, int] = {}
    folders: set[Path] = set()
    for root, group in sorted(groups.items(), key=lambda item: not any(japanese for _, _, japanese in item[1])):
        for page, data, _ in group:
            target = root / page.relative_to(site)
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(data)
            staged[root] = staged.get(root, 0) + len(data)
        if ready is not None:
            ready(root)
    if not staged and ready is not None:  # nothing to index: Pagefind still writes its bundle
        ready(staging)
    # The largest first: with fewer processes than languages, the longest run starts at once.
    return sorted(staged, key=lambda root: -staged[root]) or [staging]


_UNMARKED, _MARKED, _UNSURE = range(3)
_Examined = tuple[int, bytes, str, bool]
"""A page as examined for staging: whether Pagefind reads it (marked, unsure or unmarked), what
to stage of it, its primary language, and whether it is Japanese."""


def _prepared(kind: int, data: bytes) -> _Examined:
    head = data[:_HEAD].decode("utf-8", "ignore")
    language = _LANG.search(head)
    # By primary language: a run that holds de and de-CH gives Pagefind's index either way.
    key = language.group(1).lower().split("-")[0] if language else ""
    japanese = _is_japanese(head)
    if japanese:
        data = indexable_html(data.decode("utf-8")).encode("utf-8")
    return kind, data, key, japanese


def indexed_part(page: bytes) -> bytes | None:
    """What Pagefind reads of a page with ``data-pagefind-body`` elements; None where none is found.

    Its ``<html>`` tag (the language), ``<title>`` (the title if the page has no ``<h1>``) and
    the marked elements in their order. Where anything else on the page could change what
    Pagefind records (an ``<h1>``, ``data-pagefind-*`` attributes or, after the first marked
    element, an ``<img>`` outside the marked elements; a marked element inside one Pagefind
    skips, or inline), the page whole. Bytes throughout: tags are ASCII, and ``bytes.lower``
    keeps every offset where ``str.lower`` need not (İ).
    """
    lowered = page.lower()
    spans = _body_spans(lowered) if _BODY in lowered else []
    if not spans:
        return None
    opening = _HTML_TAG.search(page, 0, _HEAD)
    if opening is None:
        return page
    inside = [lowered[start:end] for start, end in spans]
    for mark, text in ((b"<h1", lowered), (b"data-pagefind-", lowered), (b"<img", lowered[spans[0][0] :])):
        if text.count(mark) != sum(part.count(mark) for part in inside):
            return page
    title = _TITLE.search(lowered, 0, spans[0][0])
    return b"".join(
        (
            b"<!DOCTYPE html>\n",
            opening.group(),
            b"\n<head>",
            page[title.start() : title.end()] if title else b"",
            b"</head>\n<body>\n",
            b"\n".join(page[start:end] for start, end in spans),
            b"\n</body>\n</html>\n",
        )
    )


def _body_spans(page: bytes) -> list[tuple[int, int]]:
    """Start and end of each element marked ``data-pagefind-body`` in ``page`` (lower-cased); empty
    if one cannot be told for sure."""
    spans: list[tuple[int, int]] = []
    found = page.find(_BODY)
    while found >= 0:
        tag = _OPENING_TAG.match(page, page.rfind(b"<", 0, found))
        # The mark must be an attribute's name, not text or part of another attribute's value.
        if tag is None or tag.end() <= found or _BODY not in _ATTRIBUTE_NAME.findall(page, tag.end(1), tag.end()):
            return []
        name = tag.group(1)
        if _INLINE.fullmatch(name) or _inside_skipped(page, tag.start()):
            return []
        end = _element_end(page, name, tag.end())
        # A block ends its text with a full stop and a space itself; any other element only
        # where its content ends in white space, else the blocks around it add them.
        if end is None or (name not in _BLOCKS and not page[end[0] - 1 : end[0]].isspace()):
            return []
        spans.append((tag.start(), end[1]))
        found = page.find(_BODY, end[1])
    return spans


def _element_end(page: bytes, name: bytes, position: int) -> tuple[int, int] | None:
    """Start and end of the end tag of the element ``name`` whose start tag ends at ``position``."""
    depth = 1
    for tag in re.compile(b"<(/?)" + name + rb"(?:\s[^>]*)?>").finditer(page, position):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start(), tag.end()
    return None


def _inside_skipped(page: bytes, position: int) -> bool:
    """Whether ``position`` lies inside an element whose content Pagefind skips (``<nav>``, ``<footer>``...)."""
    depth: dict[bytes, int] = {}
    for tag in _SKIPPED.finditer(page, 0, position):
        depth[tag.group(2)] = depth.get(tag.group(2), 0) + (-1 if tag.group(1) else 1)
    return any(depth.values())


def _is_japanese(head: str) -> bool:
    return _JA_PAGE.search(head) is not None
