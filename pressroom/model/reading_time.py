"""Reading time, counted the way each script is read: words for German and English,
characters for Japanese and Chinese (which have no spaces between words).
"""

from __future__ import annotations

import html
import re

from pressroom.base.languageparts import HAN_LANGUAGES, primary_subtag

WORDS_PER_MINUTE = {"de": 180, "en": 220}
"""Adult silent reading of non-fiction, a little below the averages quoted for fiction."""
DEFAULT_WORDS_PER_MINUTE = 200
JAPANESE_CHARACTERS_PER_MINUTE = 500
"""Japanese reading speed is usually given as 400–600 characters (字) per minute."""
CHINESE_CHARACTERS_PER_MINUTE = 300
"""Each Chinese character carries more than a Japanese one (no kana): native adults read the
IReST texts aloud at 255 ± 29 characters a minute (Trauzettel-Klosinski & Dietz 2012, IOVS
53:5452), and silent reading is about 1.3 times reading aloud (Brysbaert 2019, J. Mem. Lang.
109:104047: 238 against 183 words a minute in English), some 330; a little below, as for
German, for non-fiction. (China's curriculum standard asks 500 a minute of pupils' silent
reading of easy modern prose, a goal surveys find most do not reach.)"""

_TAG = re.compile(r"<[^>]+>")
_NOT_LETTERS = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def plain_text(body_html: str) -> str:
    return html.unescape(_TAG.sub(" ", body_html))


def reading_minutes(body_html: str, lang: str) -> int:
    """Whole minutes, at least one."""
    text = plain_text(body_html)
    primary = primary_subtag(lang)  # a site's ja-JP is read as Japanese, its de-AT as German
    if primary in HAN_LANGUAGES:
        # Count what is read: letters and numbers of any script, not spaces or punctuation.
        # (Deleting what is not counted is three times faster than finding each letter.)
        units = len(_NOT_LETTERS.sub("", text))
        rate = JAPANESE_CHARACTERS_PER_MINUTE if primary == "ja" else CHINESE_CHARACTERS_PER_MINUTE
    else:
        units = len(_WORD.findall(text))
        rate = WORDS_PER_MINUTE.get(primary, DEFAULT_WORDS_PER_MINUTE)
    return max(1, round(units / rate))
