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

# Kana, the prolonged sound mark, kanji (with the iteration mark 々), half-width katakana, and
# digits: the dictionary segmenter cuts 1989年 into 1989 + 年 in one sentence and 1 + 9 + 8 + 9 + 年
# in the next, so digits are single characters too. Combining voicing marks stay with their letter.
_JAPANESE = (
    "0-9\uff10-\uff19\u3005\u3006\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
_MARKS = "\u3099\u309a\uff9e\uff9f"
_BETWEEN = re.compile(f"(?<=[{_JAPANESE}{_MARKS}])(?=[{_JAPANESE}])")
_JA_PAGE = re.compile(r"<html[^>]*\blang=\"ja\b", re.IGNORECASE)
# Text between tags, leaving out what the indexer never reads (scripts, styles) and the tags themselves.
_TEXT = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.IGNORECASE | re.DOTALL)


def separate_characters(text: str) -> str:
    """``text`` with a zero-width space between any two adjacent Japanese characters."""
    return _BETWEEN.sub(BOUNDARY, text)


def indexable_html(html: str) -> str:
    """A Japanese page as the indexer should read it; pages in other languages unchanged.

    Boundaries also go where a tag separates two Japanese characters: the ``<wbr>`` of a phrase
    break (に<wbr>ついて) or an inline element would otherwise let the segmenter join them again.
    """
    if not _JA_PAGE.search(html[:2000]):
        return html
    parts = _TEXT.split(html)
    previous = ""
    # split() with one capturing group alternates text (even places) and markup (odd places).
    for index in range(0, len(parts), 2):
        text = parts[index]
        if not text:
            continue
        if _BETWEEN.match(previous[-1:] + text[:1], 1):
            text = BOUNDARY + text
        parts[index] = separate_characters(text)
        previous = text
    return "".join(parts)


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
