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

SIGNATURE = b"pagefind_dcd"
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
        text = f"{fragment['meta'].get('title', '')}\n{fragment['content']}".replace("\u200b", "")
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
    return {
        word: frozenset(url for url, text in pages.items() if word in text)
        for word in sorted(words)
        if JAPANESE.search(word) and _typed(word[0]) and _typed(word[-1])
    }


def _typed(character: str) -> bool:
    """A word starts and ends with a letter or digit (not with the comma of 1,580億 or a bracket)."""
    return unicodedata.category(character)[0] in "LN"
