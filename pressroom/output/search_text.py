"""What the search indexer reads: what Pagefind reads of the built pages, Japanese cut into characters.

Pagefind's extended build segments Japanese with a dictionary (Lindera, through charabia) at
index time, but the browser segments the query with ICU's ``Intl.Segmenter``, and the two
disagree (Pagefind issue 1237): 未病 is one indexed word but two query words, シュトゥットガルト
is one indexed word but eight query words, so neither is found. Which dictionary word a page
ends up with also depends on the sentence around it, so no query-side segmenter can predict it.

We therefore give the indexer every Japanese character and punctuation mark as a word of its
own, separated by spaces, and the search page cuts the reader's query the same way and asks for
the characters as a phrase: a page is found exactly when it contains the typed text, as in the
n-gram indexes of CJK search engines. Latin words and numbers next to Japanese are set apart
too, as the dictionary segmenter did by script. Pagefind's plain build, which splits words at
white space only, then indexes Japanese without loading a dictionary, in less than half the
time of the extended build (`pressroom.output.search.executable`). Pagefind keeps those spaces
in the titles and excerpts it stores; the search page takes every space next to a Japanese
character out again, and keeps a space the page itself has there, which a word joiner
(`KEPT_SPACE`) written just before it marks. Only the copy the indexer reads is changed; the
published pages keep their text as written.

That copy holds only what Pagefind reads of each page (`indexed_part`): it parses a third of
the HTML and writes the same index.
"""

from __future__ import annotations

import re

from pressroom.base.languageparts import primary_subtag
from pressroom.base.patterns import lazy
from pressroom.base.scripts import (
    CJK_SYMBOLS,
    COMBINING_VOICING_MARKS,
    FULLWIDTH_DIGITS,
    FULLWIDTH_FORMS,
    FULLWIDTH_LATIN,
    HALFWIDTH_KATAKANA,
    HALFWIDTH_PUNCTUATION,
    HALFWIDTH_VOICING_MARKS,
    HAN,
    HIRAGANA,
    IDEOGRAPHIC_SPACE,
    KANA_VOICING_MARKS,
    KANJI_MARKS,
    KATAKANA,
    KATAKANA_DOUBLE_HYPHEN,
    KATAKANA_MIDDLE_DOT,
    KATAKANA_PHONETIC_EXTENSIONS,
    character_class,
)

SEPARATOR = " "
"""Put next to a Japanese character: Pagefind's plain build splits words at white space only."""
KEPT_SPACE = "\u2060"
"""Word joiner, written just before a space the page itself has next to a Japanese character, so
that the search page keeps that one: invisible, not a letter, and no word of its own. Twice for
a full-width space (U+3000), which Pagefind, like any white space, turns into a plain one."""

# Kana, the prolonged sound mark, kanji (with the iteration mark 々) and half-width katakana;
# combining voicing marks stay with their letter.
_KANA_KANJI = character_class(
    KANJI_MARKS,
    HIRAGANA,
    KATAKANA,
    KATAKANA_PHONETIC_EXTENSIONS,
    HAN,
    HALFWIDTH_KATAKANA,
    without=(KANA_VOICING_MARKS, KATAKANA_DOUBLE_HYPHEN, KATAKANA_MIDDLE_DOT),
)
# Japanese punctuation (、。「」・＝（）...): a word of its own, as the dictionary segmenter made it,
# so that a phrase does not run across it.
_PUNCTUATION = character_class(
    CJK_SYMBOLS,
    KATAKANA_MIDDLE_DOT,
    FULLWIDTH_FORMS,
    HALFWIDTH_PUNCTUATION,
    without=(IDEOGRAPHIC_SPACE, FULLWIDTH_DIGITS, FULLWIDTH_LATIN),
)
_MARKS = character_class(COMBINING_VOICING_MARKS, HALFWIDTH_VOICING_MARKS)
_DIGITS = "0-9" + character_class(FULLWIDTH_DIGITS)
_BEFORE = f"{_KANA_KANJI}{_MARKS}{_PUNCTUATION}"
_AFTER = f"{_KANA_KANJI}{_PUNCTUATION}"
# Between a Japanese character or mark and anything else but white space (other Japanese, Latin
# letters as in のEU加盟国, numbers), the way the dictionary segmenter split by script.
_BETWEEN = lazy(f"(?<=[{_BEFORE}])(?=[^\\s{_MARKS}{KEPT_SPACE}])|(?<=\\S)(?=(?![{_MARKS}])[{_AFTER}])")
_OWN_SPACE = lazy(f"(?<=[{_BEFORE}])\\s+(?=\\S)|(?<=\\S)\\s+(?=[{_AFTER}])")
# Numbers: a number between spaces is indexed whole, as Latin text is. Latin letters next to
# it (Under2) stay joined, and so do 1,580 and 1.5.
# Nor is a character reference (&#39;) cut: Pagefind drops the "#" and ";" next to a number anyway.
_NUMBER_STARTS = lazy(f"(?<![\\s#A-Za-z{_DIGITS}])(?<![{_DIGITS}][.,])(?=[{_DIGITS}])")
_NUMBER_ENDS = lazy(f"(?<=[{_DIGITS}])(?![\\s;A-Za-z{_DIGITS}{KEPT_SPACE}])(?![.,][{_DIGITS}])")
# A text node (between two tags) holding any such character; attributes, with the numbers of
# links, anchors and drawings, are left alone.
_TEXT = lazy(f"(?<=>)[^<>]*?[{_KANA_KANJI}{_PUNCTUATION}{_DIGITS}][^<>]*(?=<)")
# Where tags stand between a Japanese character and another: Pagefind joins the text on either
# side of any tag but those that end a sentence or a line (below), so the <wbr> of a phrase break
# (に<wbr>ついて), an inline element, <s>, <rt> or table headings (<th>) would otherwise join two
# characters into one word; white space there is the page's own. Found from runs of tags (a
# literal "<" is quick to scan for), the characters on either side checked in Python.
_TAG_RUN = lazy(r"<[^<>]*>(?:\s*<[^<>]*>)*")
_JAPANESE_BEFORE = lazy(f"[{_BEFORE}]")
_JAPANESE_AFTER = lazy(f"(?![{_MARKS}])[{_AFTER}]")
_NOT_AFTER = lazy(f"[\\s<{_MARKS}]")
# A run of Japanese characters, with the character before it that is neither white space nor
# Japanese, and whether one follows it: set apart with one join instead of a match per character.
_RUN = lazy(f"([^\\s{_AFTER}{KEPT_SPACE}]?)([{_AFTER}]+)(?=([^\\s{KEPT_SPACE}]?))")
_UNCOMMON = lazy(f"[{_MARKS}]|{KEPT_SPACE}(?!\\s)")
"""Voicing marks, or a word joiner of the page's own: `_BETWEEN` itself sets such text apart."""
# A result's title given in an attribute: not indexed, but shown, and cleaned like the text.
_META_TITLE = lazy(r'(?<=data-pagefind-meta="title:)[^"]*')
_JA_PAGE = lazy(r"<html[^>]*\blang=\"ja\b", re.IGNORECASE)
BODY_MARK = b"data-pagefind-body"
_HTML_TAG = lazy(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG = lazy(r"""<html\b[^>]*?\slang\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_TITLE = lazy(rb"<title\b[^>]*>[^<]*</title>")
_OPENING_TAG = lazy(rb"<([a-z][a-z0-9-]*)(?:\s[^>]*)?>")
_ATTRIBUTE_NAME = lazy(rb"""\s([^\s"'=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# Pagefind's block elements (a marked one ends a sentence itself, whatever encloses it), its
# inline elements and the elements whose content it skips (SENTENCE_SELECTORS, INLINE_SELECTORS
# and REMOVE_SELECTORS in its fossick/parser.rs).
_BLOCKS = frozenset(
    {b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"p", b"td", b"div", b"ul", b"li", b"article", b"section"}
)
_INLINE = lazy(
    b"a|abbr|acronym|b|bdo|big|br|button|cite|code|dfn|em|i|img|input|kbd|label|map|object|output|q|samp|script"
    b"|select|small|span|strong|sub|sup|textarea|time|tt|var"
)
_SKIPPED = lazy(rb"<(/?)(head|style|script|noscript|label|form|svg|footer|nav|iframe|template)[\s/>]")
_TAG = lazy("<[^<>]*>")
# Tags at which Pagefind sets text apart itself (its SENTENCE_SELECTORS and SPACE_SELECTORS), and
# those that frame what it reads (the page, its head, a marked body): what is staged there must not
# depend on whether the page is staged whole or only the part Pagefind reads (`indexed_part`).
_SEPARATING_TAG = lazy(
    "<(?:/?(?:h[1-6]|p|td|div|ul|li|article|section|br|html|head|body|title)|meta|link)(?=[\\s/>])|data-pagefind-body",
    re.IGNORECASE,
)
HEAD = 2000
"""Bytes (or characters) of a page within which its ``<html lang>`` stands."""


def separate_characters(text: str) -> str:
    """``text`` with a space between a Japanese character or mark and the character next to it,
    numbers between spaces, and `KEPT_SPACE` before the white space ``text`` has itself there."""
    text = _OWN_SPACE.sub(_kept_space, text)
    text = _NUMBER_ENDS.sub(SEPARATOR, _NUMBER_STARTS.sub(SEPARATOR, text))
    if _UNCOMMON.search(text):
        return _BETWEEN.sub(SEPARATOR, text)
    return _RUN.sub(_spaced_run, text)  # the same as _BETWEEN, a third of the time


def _kept_space(found: re.Match[str]) -> str:
    return f"{KEPT_SPACE}{KEPT_SPACE} " if "\u3000" in found.group() else f"{KEPT_SPACE} "


def _spaced_run(found: re.Match[str]) -> str:
    before, run, after = found.groups()
    return (before + SEPARATOR if before else "") + SEPARATOR.join(run) + (SEPARATOR if after else "")


def indexable_html(html: str) -> str:
    """A Japanese page as the indexer should read it; pages in other languages unchanged.

    Regular expressions that each pass over the page once (no loop over its nodes in Python):
    staging must stay cheap next to indexing on a site of tens of thousands of pages.
    """
    if not is_japanese(html[:HEAD]):
        return html
    # Across tags first: white space found there is the page's own, not a separator put in.
    html = _across_tags(html)
    html = _META_TITLE.sub(lambda title: _OWN_SPACE.sub(_kept_space, title.group()), html)
    return _TEXT.sub(lambda text: separate_characters(text.group()), html)


def _across_tags(html: str) -> str:
    """``html`` with a separator after tags between a Japanese character and another where
    Pagefind would join the two (or `KEPT_SPACE` before the tags, if white space stands there too)."""
    parts: list[str] = []
    done, size = 0, len(html)
    for run in _TAG_RUN.finditer(html):
        start, end = run.start(), run.end()
        while start > 0 and html[start - 1].isspace():
            start -= 1
        while end < size and html[end].isspace():
            end += 1
        if start == 0 or end == size:
            continue
        before, after = html[start - 1], html[end]
        if not (
            (_JAPANESE_BEFORE.match(before) and not _NOT_AFTER.match(after))
            or (before != ">" and _JAPANESE_AFTER.match(after))
        ):
            continue
        between = html[start:end]
        if _SEPARATING_TAG.search(between):
            continue
        parts.append(html[done:start])
        # White space of the page's own between the tags, else a separator.
        text = _TAG.sub("", between)
        kept = KEPT_SPACE * (2 if "\u3000" in text else 1)  # as `_kept_space` marks it
        parts.append(f"{kept}{between}" if text.isspace() else f"{between}{SEPARATOR}")
        done = end
    parts.append(html[done:])
    return "".join(parts)


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
    spans = _body_spans(lowered) if BODY_MARK in lowered else []
    if not spans:
        return None
    opening = _HTML_TAG.search(page, 0, HEAD)
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
    found = page.find(BODY_MARK)
    while found >= 0:
        tag = _OPENING_TAG.match(page, page.rfind(b"<", 0, found))
        # The mark must be an attribute's name, not text or part of another attribute's value.
        if tag is None or tag.end() <= found or BODY_MARK not in _ATTRIBUTE_NAME.findall(page, tag.end(1), tag.end()):
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
        found = page.find(BODY_MARK, end[1])
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


def is_japanese(head: str) -> bool:
    """Whether the page whose beginning is ``head`` is in Japanese (its ``<html lang>``)."""
    return _JA_PAGE.search(head) is not None


def primary_language(head: str) -> str:
    """The primary language of the page whose beginning is ``head`` (``de`` for ``de-CH``; empty
    where it names none): pages are indexed by it, as Pagefind indexes them."""
    language = _LANG.search(head)
    return primary_subtag(language.group(1)) if language else ""
