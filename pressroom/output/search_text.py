"""What the search indexer reads: the built pages, with Japanese text cut into single characters.

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
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

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


def stage_for_index(site: Path, staging: Path) -> None:
    """Put the HTML of ``site`` into ``staging`` (same relative paths) as the indexer should read it.

    Pages in other languages are hard-linked (copied where the file system cannot link), after
    reading no more than their ``<html>`` tag.
    """
    folders: set[Path] = set()
    for page in sorted(site.rglob("*.html")):
        target = staging / page.relative_to(site)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        with page.open("rb") as file:
            head = file.read(_HEAD)
            html = (head + file.read()).decode("utf-8") if _is_japanese(head.decode("utf-8", "ignore")) else None
        if html is not None:
            target.write_text(indexable_html(html), encoding="utf-8")
            continue
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)


def _is_japanese(head: str) -> bool:
    return _JA_PAGE.search(head) is not None
