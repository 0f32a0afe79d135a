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

import contextlib
import os
import re
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
# Digits too: the dictionary segmenter cuts 1989年 into 1989 + 年 in one sentence and
# 1 + 9 + 8 + 9 + 年 in the next.
_DIGITS = "0-9\uff10-\uff19"
_TAGS = "((?:<[^<>]*>)*)"
# A boundary goes between two such characters, also where only tags separate them (the <wbr>
# of a phrase break, に<wbr>ついて, would otherwise let the segmenter join に and つ again), but
# between two digits only in text, not in the numbers of attributes. Attribute values holding
# Japanese get boundaries too: the indexer reads them only as metadata, and the search page
# takes boundaries out of the titles it shows.
_BETWEEN = re.compile(
    f"(?<=[{_KANA_KANJI}{_MARKS}]){_TAGS}(?=[{_KANA_KANJI}{_DIGITS}])"
    f"|(?<=[{_DIGITS}]){_TAGS}(?=[{_KANA_KANJI}])"
    f"|(?<=[{_DIGITS}])(?=[{_DIGITS}][^<>]*(?:<|\\Z))"
)
_JA_PAGE = re.compile(r"<html[^>]*\blang=\"ja\b", re.IGNORECASE)


def separate_characters(text: str) -> str:
    """``text`` (text or HTML) with a zero-width space between any two adjacent Japanese characters."""
    return _BETWEEN.sub(f"\\g<1>\\g<2>{BOUNDARY}", text)


def indexable_html(html: str) -> str:
    """A Japanese page as the indexer should read it; pages in other languages unchanged."""
    if not _JA_PAGE.search(html, 0, 2000):
        return html
    return separate_characters(html)


def stage_for_index(site: Path, staging: Path) -> None:
    """Put the HTML of ``site`` into ``staging`` (same relative paths) as the indexer should read it.

    Pages that stay as they are (those in other languages) are hard-linked where the file system
    allows it, so that staging a large site costs little more than its Japanese pages.
    """
    for page in sorted(site.rglob("*.html")):
        target = staging / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        html = page.read_text(encoding="utf-8")
        indexed = indexable_html(html)
        if indexed is html:
            with contextlib.suppress(OSError):
                os.link(page, target)
                continue
        target.write_text(indexed, encoding="utf-8")
