"""The words of the bundled Japanese pages, as a reader could type them, and the pages that contain each.

The text is what Pagefind indexed for each page (its fragment files: the title and the indexed
content), so a word counts only where a result should match it. Words come from Janome, a
Japanese morphological analyser with the IPADIC dictionary, independent of both Pagefind's
segmenter (Lindera) and the browser's (ICU): every token that contains Japanese script, plus
the compounds a reader types as one word (runs of up to four nouns and noun prefixes, such as
未病, 人工知能 or バーデン＝ヴュルテンベルク州).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

from janome.tokenizer import Tokenizer

from pressroom.output.search_text import _DIGITS, _KANA_KANJI, _MARKS, _PUNCTUATION

SIGNATURE = b"pagefind_dcd"
# The text as readers see it (templates/static/search.js): the spaces the indexer's copy put next
# to Japanese characters taken out, a word joiner (the page's own space) made a space again. The
# spaces around numbers stay, as they did when the index had zero-width spaces: Janome would
# otherwise cut 14日 into 1 and 4日, a word no reader types.
_SPACED = re.compile(
    f"(?<=[{_KANA_KANJI}{_MARKS}{_PUNCTUATION}]) (?=[^\\s{_DIGITS}])"
    f"|(?<=[^\\s.{_DIGITS}]) (?=(?![{_MARKS}])[{_KANA_KANJI}{_PUNCTUATION}])"
)
_KEPT_SPACE = re.compile("\u2060 ?")
JAPANESE = re.compile("[\u3005\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
COMPOUND_PARTS = ("名詞", "接頭詞")
LONGEST_COMPOUND = 4


def indexed_pages(site: Path, lang: str = "ja") -> dict[str, str]:
    """URL -> the text Pagefind indexed for that page (title and content), from the built bundle."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").glob(f"{lang}_*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE), f"{path.name}: not a Pagefind fragment"
        fragment = json.loads(raw[len(SIGNATURE) :])
        text = f"{fragment['meta'].get('title', '')}\n{fragment['content']}"
        text = _KEPT_SPACE.sub(" ", _SPACED.sub("", text))
        pages[fragment["url"]] = unicodedata.normalize("NFC", text)
    return pages


def reader_words(pages: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each word a reader could type -> the URLs of the pages whose indexed text contains it."""
    tokenizer = Tokenizer()
    words: set[str] = set()
    for text in pages.values():
        for line in text.splitlines():
            run: list[str] = []
            for token in [*tokenizer.tokenize(line), None]:
                part = token.part_of_speech.split(",")[0] if token else ""
                if token and JAPANESE.search(token.surface):
                    words.add(token.surface)
                if token and part in COMPOUND_PARTS and token.surface.strip():
                    run.append(token.surface)
                    continue
                for start in range(len(run)):
                    for end in range(start + 2, min(len(run), start + LONGEST_COMPOUND) + 1):
                        words.add("".join(run[start:end]))
                run = []
    found = {
        word: frozenset(url for url, text in pages.items() if _whole(word).search(text))
        for word in sorted(words)
        if JAPANESE.search(word) and _typed(word[0]) and _typed(word[-1])
    }
    return {word: urls for word, urls in found.items() if urls}


def _whole(word: str) -> re.Pattern[str]:
    """Where ``word`` stands in a text, not begun or ended inside a Latin word or number: Janome
    cuts BW_i中国 into BW, _ and i中国, L-Bank into L, - and Bank, but readers type BW_i or L-Bank
    whole, and the index holds them whole."""
    latin = "A-Za-z0-9_\\-"
    before = f"(?<![{latin}])" if word[0].isascii() else ""
    after = f"(?![{latin}])" if word[-1].isascii() else ""
    return re.compile(before + re.escape(word) + after)


def _typed(character: str) -> bool:
    """A word starts and ends with a letter or digit (not with the comma of 1,580億 or a bracket)."""
    return unicodedata.category(character)[0] in "LN"
