"""Words a careful press office never lets a line part: the no-break spaces it sets in German and
English text, and the numbers it keeps with their counters in Japanese.

German: a day and its month (``17.␣Juli``), an ordinal and its noun after an article (``des
35.␣Jahrestags``), a number and its unit (``5␣km``, ``10␣%``, ``158␣Milliarden``), a reference and
its number (``Nr.␣5``, ``S.␣3``, ``Art.␣18``, ``§␣5``), and the parts of an abbreviation (``z. B.``,
``d. h.``), those with a narrow no-break space (U+202F), as German typesetting sets them. English:
a day and its month (``17␣July``, ``July␣17``), a number and its unit (``150␣kilometres``,
``10␣per␣cent``), a reference and its number (``No.␣5``, ``p.␣3``). Both: a spaced dash is held
to the word before it (no line begins with ``–``), and ``24␣×␣24`` stays whole. Japanese has no
spaces to hold: a number and the counter after it (``7月``, ``第16条``, ``2つ``, which broke as
``2024年7|月17日``) are wrapped in a ``<span class="tie">`` that does not wrap, and the pieces of a
date or time (``2015年6月22日``, ``6月28日～7月4日``, ``10時30分``) in one ``<span class="date">``,
which the stylesheet keeps on one line where it has room.

Only what cannot be read otherwise is tied: a year and a word after it (``1989.␣Die``) may be
the end of a sentence, ``35␣Jahre`` a count, and such are left to break.

Each text is tied by the language it is in: the text of an element marked in another language
(``<span lang="ja">``, from ``[…]{lang=ja}``) by that language's rules until the element ends,
an untranslated copy's body by the language it is still in (`pressroom.model.bodycache`).

Search reads the text as written: Pagefind takes either no-break space as a space. A copy does
too: browsers copy a no-break space as a space, and the narrow one as itself, a space to any
program it is pasted into. Bodies are tied where they are rendered (`pressroom.source.markdown`,
once per text, kept between builds), headlines and summaries by template filters, dates where
they are written (`pressroom.base.i18n`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup, escape

from pressroom.base.languageparts import VOID, primary_subtag
from pressroom.base.patterns import lazy
from pressroom.base.textmemo import recall

NO_BREAK = "\u00a0"
NARROW_NO_BREAK = "\u202f"
"""The narrow no-break space German typesetting sets inside an abbreviation (``z. B.``)."""

_SPACE = "[ \\t\\n]+"
"""A space the text has there: a Markdown body's line ends are spaces too."""
_NUMBER = r"(?<![\w.,])\d(?:[\d.,]*\d)?"
_AFTER_WORD = r"(?![\w])"

_MONTHS = {
    "de": "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    "|Jan\\.|Febr?\\.|Apr\\.|Aug\\.|Sept?\\.|Okt\\.|Nov\\.|Dez\\.",
    "en": "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.",
}
_UNITS = (
    "km²|km/h|km|m²|m³|m|cm|mm|µm|nm|kg|mg|g|t|ha|kWh|MWh|GWh|TWh|kW|MW|GW|kV|V|Hz|kHz|MHz|GHz"
    "|°C|°|%|‰|€|EUR|USD|JPY|CHF|GBP|kB|MB|GB|TB|dB"
)
_WORD_UNITS = {
    "de": "Mio\\.|Mrd\\.|Tsd\\.|Millionen|Milliarden|Billionen|Million|Milliarde|Prozent|Promille|Euro|Dollar|Yen"
    "|Kilometern?|Metern?|Zentimetern?|Millimetern?|Quadratkilometern?|Kilogramm|Gramm|Tonnen|Hektar|Grad"
    "|Kilowatt(?:stunden)?|Megawatt(?:stunden)?|Gigawatt(?:stunden)?|Terawattstunden",
    "en": "million|billion|trillion|per cent|percent|euros?|dollars?|yen|kilometres?|kilometers?|metres?|meters?"
    "|centimetres?|centimeters?|millimetres?|millimeters?|miles?|kilograms?|grams?|tonnes?|hectares?|degrees?"
    "|kilowatts?|megawatts?|gigawatts?|kilowatt hours|megawatt hours|gigawatt hours|terawatt hours",
}
_REFERENCES = {
    "de": "§§?|(?:Nrn?|S|Abs|Art|Bd|Kap|Ziff|Abb|Tab|Anm|Jg|Aufl|Rn|Rz)\\.",
    "en": "§§?|(?:No|Nos|p|pp|Art|Sec|Ch|Vol|Fig|para)\\.",
}
_ABBREVIATIONS = (
    *("z. B.", "d. h.", "u. a.", "v. a.", "o. Ä.", "u. Ä.", "u. U.", "z. T.", "s. o.", "s. u.", "i. d. R."),
    *("m. E.", "u. v. m.", "o. g.", "i. A.", "i. V.", "z. Hd.", "a. M.", "a. D.", "v. Chr.", "n. Chr.", "z. Zt."),
)
"""German abbreviations of more than one part, each set with narrow no-break spaces."""
_ARTICLES = "der|die|das|des|dem|den|am|im|zum|zur|vom|beim|ins|(?:mein|dein|sein|ihr|unser|euer|jed)(?:e|es|em|en|er)?"
"""Words an ordinal follows in German (the number after them is never the end of a sentence)."""

Rule = tuple[re.Pattern[str], str]

_BOTH: tuple[Rule, ...] = (
    (lazy(f"(?<=\\S){_SPACE}(?=[–—](?:[ \\t\\n]|$))"), NO_BREAK),  # a spaced dash, to the word before it
    (lazy(f"(?<=\\d){_SPACE}×{_SPACE}(?=\\d)"), NO_BREAK),  # 24 × 24
)
"""Rules of German and English alike."""


def _abbreviation(written: str) -> str:
    first, rest = written[0], re.escape(written[1:]).replace("\\ ", _SPACE)
    return f"[{first}{first.upper()}]{rest}"


_RULES: dict[str, tuple[Rule, ...]] = {
    "de": (
        (lazy(f"(?<![\\w.])\\d{{1,2}}\\.{_SPACE}(?=(?:{_MONTHS['de']}){_AFTER_WORD})"), NO_BREAK),
        (lazy(f"(?i:(?<![\\w.])(?:{_ARTICLES}))[ \\t\\n]+\\d{{1,3}}\\.(?P<tied>{_SPACE})(?=[A-ZÄÖÜ])"), NO_BREAK),
        (lazy(f"{_NUMBER}{_SPACE}(?:{_UNITS}|{_WORD_UNITS['de']}){_AFTER_WORD}"), NO_BREAK),
        (lazy(f"(?<![\\w.])(?:{_REFERENCES['de']}){_SPACE}(?=\\d)"), NO_BREAK),
        (lazy(f"(?<![\\w.])(?:{'|'.join(map(_abbreviation, _ABBREVIATIONS))})"), NARROW_NO_BREAK),
        *_BOTH,
    ),
    "en": (
        (lazy(f"(?<![\\w.])\\d{{1,2}}{_SPACE}(?=(?:{_MONTHS['en']}){_AFTER_WORD})"), NO_BREAK),
        (lazy(f"(?<![\\w.])(?:{_MONTHS['en']}){_SPACE}(?=\\d{{1,2}}(?:st|nd|rd|th)?(?![\\w]))"), NO_BREAK),
        (lazy(f"{_NUMBER}{_SPACE}(?:{_UNITS}|{_WORD_UNITS['en'].replace(' ', _SPACE)}){_AFTER_WORD}"), NO_BREAK),
        (lazy(f"(?<![\\w.])(?:{_REFERENCES['en']}){_SPACE}(?=\\d)"), NO_BREAK),
        *_BOTH,
    ),
}

# Japanese: a number (with 第 before it) and its counter: one or two kanji, or a counter written
# in kana (か所, つ); not the digit that ends a Latin name (Under2連合).
_COUNTED = lazy(
    "(?<![0-9０-９,.，．A-Za-zＡ-Ｚａ-ｚ])(?:第)?[0-9０-９](?:[0-9０-９,.，．]*[0-9０-９])?"
    "(?:[かカヶケ]所|つ|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]{1,2})"
)
_TIE_OPEN = '<span class="tie">'
_TIE_CLOSE = "</span>"

# A Japanese date or time: numbers (digits, full-width or kanji; 元 of 令和元年) each with its
# 年, 月, 日, 時, 分 or 秒, and a range of them (6月28日～7月4日). BudouX and Chromium's phrase
# finder both part 2015年6月|22日 and 10時30|分, which a reader takes for two things.
_DATE_PART = "(?:[0-9０-９]+|[〇一二三四五六七八九十百千]+|元)[年月日時分秒]"
_DATE_PIECE = f"(?:令和|平成|昭和|大正|明治)?{_DATE_PART}(?:[～〜~－–-]{_DATE_PART})*"
"""A piece of a date a line may part where the date is wider than the line: one number and its
counter, or the two around a range's dash (a line never ends with the dash nor begins with it)."""
JAPANESE_DATE = lazy(f"(?<![0-9０-９,.，．A-Za-zＡ-Ｚａ-ｚ]){_DATE_PIECE}(?:{_DATE_PIECE})*")
"""A Japanese date or time (`_DATE_PIECE`s in a row), or a number with a counter of one."""
_DATE_PIECES = lazy(_DATE_PIECE)
_DATE_OPEN = '<span class="date">'


def _spaces_tied(rule: Rule) -> Callable[[re.Match[str]], str]:
    """What replaces a match of ``rule``: the match with its spaces (those of its group ``tied``,
    where it has one) made the rule's no-break space."""
    pattern, space = rule

    def tie(found: re.Match[str]) -> str:
        if "tied" not in pattern.groupindex:
            return _SPACES.sub(space, found.group())
        text, offset = found.group(), found.start()
        start, end = found.span("tied")
        return text[: start - offset] + space + text[end - offset :]

    return tie


_SPACES = lazy(_SPACE)
_TYING = {lang: tuple((rule[0], _spaces_tied(rule)) for rule in rules) for lang, rules in _RULES.items()}


@lru_cache(maxsize=65536)
def tied_text(text: str, lang: str) -> str:
    """``text`` (plain text) with a no-break space wherever ``lang``'s press offices keep two
    words together (see the module's docstring); Japanese and other languages unchanged."""
    code = primary_subtag(lang)
    rules = _TYING.get(code)
    if not rules:
        return text
    # Remembered between builds: the rules' dozens of alternatives, tried at every character of
    # every headline, summary and date a build shows, were a tenth of rendering every page. Kept
    # by the text's digest, and as nothing where nothing is tied: the file is read by every build.
    key = f"tie {code} {hashlib.blake2b(text.encode(), digest_size=12).hexdigest()}"
    return recall(key, lambda: _tied_or_nothing(text, rules)) or text


def _tied_or_nothing(text: str, rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]) -> str:
    tied = _tie(text, rules)
    return "" if tied == text else tied


def _tie(text: str, rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]) -> str:
    for pattern, tie in rules:
        text = pattern.sub(tie, text)
    return text


def _counted(text: str) -> str:
    return "".join(
        _COUNTED.sub(_tie_counted, piece) if n % 2 == 0 else _date(piece) for n, piece in enumerate(_split_dates(text))
    )


def _tie_counted(found: re.Match[str]) -> str:
    return f"{_TIE_OPEN}{found.group()}{_TIE_CLOSE}"


def _split_dates(text: str) -> list[str]:
    """``text`` cut around its dates of more than one piece: text, date, text, … (a lone ``7月``
    is left to `_COUNTED`, which ties it with the counter's second kanji too: ``7月期``)."""
    cut, start = [], 0
    for found in JAPANESE_DATE.finditer(text):
        if len(_DATE_PIECES.findall(found.group())) > 1:
            cut += [text[start : found.start()], found.group()]
            start = found.end()
    return [*cut, text[start:]]


def _date(text: str) -> str:
    """A date of several pieces, each tied, kept whole by the stylesheet (``.date``: no break
    between its pieces unless the date is wider than the line)."""
    pieces = "".join(f"{_TIE_OPEN}{piece}{_TIE_CLOSE}" for piece in _DATE_PIECES.findall(text))
    return f"{_DATE_OPEN}{pieces}{_TIE_CLOSE}"


# Text between tags, outside code (whose spaces are the code's), or a tag or code element whole.
_HTML_PIECE = lazy(r"<(pre|code)\b[^>]*>.*?</\1>|<[^>]*>|([^<]+)", re.DOTALL)


def tied_html(html: str, lang: str, *, remember: bool = True) -> str:
    """A rendered body's ``html`` with `tied_text`'s no-break spaces in its text (in Japanese its
    numbers held to their counters), never inside a tag or code. Text inside an element of
    another language (``<span lang="ja">``) is tied by that language's rules until the element
    closes. Not ``remember``: its pieces are tied now and not remembered (a body, which the body
    cache keeps whole)."""
    change = _changer(primary_subtag(lang), remember)
    if "<" not in html:  # an escaped headline or summary: one text, no tags to step over
        return change(html) if change is not None else html
    if " lang=" not in html:  # one language throughout (the renderer writes the attribute so)
        if change is None:
            return html
        return _HTML_PIECE.sub(lambda found: change(found.group(2)) if found.group(2) else found.group(), html)
    return _HTML_PIECE.sub(_ElementLanguages(change, remember).piece, html)


def _changer(code: str, remember: bool) -> Callable[[str], str] | None:
    """What ties a text in the language ``code`` (a primary subtag); None where it ties nothing."""
    if code == "ja":
        return _counted
    rules = _TYING.get(code)
    if rules is None:
        return None
    return (lambda text: tied_text(text, code)) if remember else (lambda text: _tie(text, rules))


# A start tag's attributes up to its ``lang``, and the value of that: quoted or not.
_LANG_ATTRIBUTE = lazy(
    r"""(?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*?\s+lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*))"""
)
_TAG_NAME = lazy(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


class _ElementLanguages:
    """The tying of a body's pieces in order (`_HTML_PIECE`), by the language of the element each
    text is in: each element with ``lang`` is followed to its end tag, counting the elements of
    its name opened inside it."""

    __slots__ = ("opened", "outside", "remember")

    def __init__(self, outside: Callable[[str], str] | None, remember: bool) -> None:
        self.outside = outside
        self.remember = remember
        self.opened: list[list] = []
        """[name, elements of that name open, what ties its text] of each element with ``lang``
        that is open, the innermost last."""

    def piece(self, found: re.Match[str]) -> str:
        text = found.group(2)
        if text:
            change = self.opened[-1][2] if self.opened else self.outside
            return change(text) if change is not None else text
        tag = found.group()
        if found.group(1) is None and (self.opened or " lang" in tag):  # not a code element, whole
            self._follow(tag)
        return tag

    def _follow(self, tag: str) -> None:
        named = _TAG_NAME.match(tag)
        if named is None:
            return  # a comment
        closing, name = named.group(1), named.group(2).lower()
        if not closing and name not in VOID and (lang := _LANG_ATTRIBUTE.match(tag, named.end())) is not None:
            code = primary_subtag(lang.group(1) or lang.group(2) or lang.group(3) or "")
            self.opened.append([name, 1, _changer(code, self.remember)])
        elif self.opened and self.opened[-1][0] == name:
            innermost = self.opened[-1]
            innermost[1] += -1 if closing else 1
            if innermost[1] == 0:
                self.opened.pop()


def tied_filter(lang: str) -> Callable[[str, str], Markup]:
    """A template filter: a text (a summary, a caption) escaped, tied as the page's language ties
    its words, or as ``other`` does, the language an untranslated copy's text is still in."""

    @lru_cache(maxsize=None, typed=True)
    def tied(text: str, other: str = "") -> Markup:
        return Markup(tied_html(str(escape(text)), other or lang))

    return tied
