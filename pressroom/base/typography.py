"""Line breaking for headlines (Japanese is broken between phrases, never inside a word), in
pages and drawn on share cards (`line_pieces`: where a drawn line may break, by the rules of its
language), and the space before a bracketed note.

Japanese has no spaces, so browsers may break a headline anywhere, even inside a word
(神奈|川県). BudouX finds the phrase boundaries; we offer a ``<wbr>`` at each and the
stylesheet forbids breaks elsewhere (``word-break: keep-all``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import add

import budoux
from markupsafe import Markup, escape

from pressroom.base import scripts
from pressroom.base.languageparts import CHINESE, HAN_LANGUAGES, primary_subtag
from pressroom.base.patterns import lazy
from pressroom.base.textmemo import recall
from pressroom.base.ties import JAPANESE_DATE, tied_html

PHRASE_LANGUAGES = {"ja": budoux.load_default_japanese_parser}
"""BudouX's parsers by primary subtag: a site's ``ja-JP`` is Japanese too."""


@cache
def _parser(lang: str) -> Callable[[str], list[str]] | None:
    load = PHRASE_LANGUAGES.get(primary_subtag(lang))
    if load is None:
        return None
    split = PhraseSplitter(load().model)
    return lambda sentence: whole_dates(split(sentence))


def whole_dates(phrases: list[str]) -> list[str]:
    """BudouX's ``phrases`` of a Japanese text, joined where it parts a date or time
    (`JAPANESE_DATE`): it cut 2015年6月|22日, 10時30|分 and even 201|5年, and a headline broke there."""
    text = "".join(phrases)
    inside = {at for found in JAPANESE_DATE.finditer(text) for at in range(found.start() + 1, found.end())}
    if not inside:
        return phrases
    ends = [end for end in accumulate(map(len, phrases)) if end not in inside]
    return [text[start:end] for start, end in pairwise([0, *ends])]


class PhraseSplitter:
    """`budoux.Parser.parse`, with the same model and the same answers, scoring every position
    of a text feature by feature (one C-level pass of ``dict.get`` over the text for each of
    the model's thirteen) instead of looking up the thirteen features position by position in
    Python: rendering every page parses each Japanese headline once, and BudouX's loop was
    a few percent of such a build."""

    def __init__(self, model: dict[str, dict[str, int]]) -> None:
        def feature(name: str) -> dict[str, int]:
            return model.get(name, {})

        self.unigrams = tuple(feature(f"UW{n}") for n in range(1, 7))
        self.bigrams = tuple(feature(f"BW{n}") for n in range(1, 4))
        self.trigrams = tuple(feature(f"TW{n}") for n in range(1, 5))
        # BudouX starts each position's score at minus half of all the model's scores (a float)
        # and breaks where the sum is above zero: where the features' integer sum is above
        # half of all scores, that is above its floor (every partial sum BudouX makes is a
        # whole or half number, exact in a float, so the comparison is the same).
        self.threshold = sum(sum(scores.values()) for scores in model.values()) // 2

    def __call__(self, sentence: str) -> list[str]:
        size = len(sentence)
        if size < 2:
            return [sentence] if sentence else []
        # Each feature's score of the character, pair or triple starting at each index, then
        # shifted so that element i - 1 of every list belongs to the boundary before
        # character i (i = 1 … size - 1), padded with zeros where BudouX skips the feature
        # (the character, pair or triple would lie before the start or past the end).
        chars = list(sentence)  # one string object per character, each hashed once for all six look-ups
        pairs = list(map(add, chars, chars[1:]))
        triples = list(map(add, pairs, chars[2:]))
        uw1, uw2, uw3, uw4, uw5, uw6 = (list(map(scores.get, chars, repeat(0))) for scores in self.unigrams)
        bw1, bw2, bw3 = (list(map(scores.get, pairs, repeat(0))) for scores in self.bigrams)
        tw1, tw2, tw3, tw4 = (list(map(scores.get, triples, repeat(0))) for scores in self.trigrams)
        zero, two = [0], [0, 0]
        totals = map(
            sum,
            zip(
                two + uw1,  # sentence[i - 3], i > 2
                zero + uw2,  # sentence[i - 2], i > 1
                uw3,  # sentence[i - 1]
                uw4[1:],  # sentence[i]
                uw5[2:] + zero,  # sentence[i + 1], i + 1 < size
                uw6[3:] + two,  # sentence[i + 2], i + 2 < size
                zero + bw1,  # sentence[i - 2 : i], i > 1
                bw2,  # sentence[i - 1 : i + 1]
                bw3[1:] + zero,  # sentence[i : i + 2], i + 1 < size
                two + tw1,  # sentence[i - 3 : i], i > 2
                zero + tw2,  # sentence[i - 2 : i + 1], i > 1
                tw3 + zero,  # sentence[i - 1 : i + 2], i + 1 < size
                tw4[1:] + two,  # sentence[i : i + 3], i + 2 < size
                strict=False,  # some run on past the last boundary; bw2 has one score per boundary
            ),
        )
        starts = [0, *compress(range(1, size), map(self.threshold.__lt__, totals)), size]
        return [sentence[start:end] for start, end in pairwise(starts)]


def phrase_breaker(lang: str) -> Callable[[str], Markup]:
    """A template filter: the text escaped, with a break opportunity between phrases (in a
    language written with spaces, with no-break spaces where it keeps words together)."""
    parse = _parser(lang)

    # One headline appears on many list pages. Typed: a text given as Markup (a translation,
    # escaped already) is not escaped again, so it and the same characters as plain text
    # are two texts.
    @lru_cache(maxsize=None, typed=True)
    def phrases(text: str) -> Markup:
        if parse is None:  # a language with spaces: its words kept together where it keeps them
            return Markup(names_whole(tied_html(str(escape(text)), lang)))
        # Remembered between builds: rendering every page split each Japanese headline in each
        # worker that showed it, a few percent of such a build.
        kind = "markup" if isinstance(text, Markup) else "text"
        return Markup(recall(f"phrases {lang} {kind} {text}", lambda: _phrased(parse, text)))

    return phrases


def phrased_filter(phrases: Callable[[str], Markup]) -> Callable[[str, str], Markup]:
    """The template filter ``phrased(lang)``: a title as a page shows it, in phrases that wrap
    whole (``phrases``, this language's) where it is in the page's language (``lang`` empty), and
    only escaped, its words tied as ``lang`` ties them, where it is in another's (an untranslated
    copy's), whose phrases this language's rules would cut wrongly."""

    def phrased(text: str, lang: str = "") -> Markup:
        return Markup(names_whole(tied_html(str(escape(text)), lang))) if lang else phrases(text)

    return phrased


KEPT_NAMES = ("Baden-Württemberg", "KwaZulu-Natal")
"""Hyphenated names of the site's states and regions: a headline broke at their hyphen
("Baden- / Württemberg"), which reads as two words."""
# The name with what touches it up to the spaces around it, a no-break space's too: a line may
# break on either side of an inline block, even before a colon ("Baden-Württemberg / : …") or
# before the no-break space that holds a dash to it ("Baden-Württemberg / – Internationaler …").
_KEPT_NAME = lazy(f"[^ \\t\\n]*(?<![\\w-])(?:{'|'.join(map(re.escape, KEPT_NAMES))})[^ \\t\\n]*")


def names_whole(html: str) -> str:
    """A headline's ``html`` (escaped text, no tags) with each of `KEPT_NAMES`, and all that
    touches it (Baden-Württembergs, Baden-Württemberg:), in a ``<span class="name">``, which
    the stylesheet sets whole on a line where the line has room for it and breaks at its hyphen
    only where it has not (a phone at 200 % text). Markup only: read aloud, indexed or copied,
    the text is as written."""
    if not any(name in html for name in KEPT_NAMES):  # most headlines: no pattern tried at every character
        return html
    return _KEPT_NAME.sub(lambda found: f'<span class="name">{found.group()}</span>', html)


def _phrased(parse: Callable[[str], list[str]], text: str) -> str:
    """``text`` escaped, each phrase ``parse`` finds marked (see `phrase_breaker`)."""
    # A closing bracket at the end is set half-width by the stylesheet (.trim): its glyph's
    # blank half carried a link's underline on past it ("（Atomフィード）_"). An opening one
    # at the start is left to the stylesheet's text-spacing-trim, which trims it only at the
    # start of a line: after a word ("English（該当ページなし）") its blank half is the space.
    core = text.rstrip(FULL_WIDTH_CLOSINGS) or text
    end = f'<span class="trim">{text[len(core) :]}</span>' if len(core) < len(text) else ""
    # Joined as text, each phrase escaped already: Markup.format runs a string.Formatter
    # over every headline.
    return f'<span class="phrases">{"<wbr>".join(map(_phrase, parse(core)))}{end}</span>'


FULL_WIDTH_CLOSINGS = "）〕］｝〉》」』】"
"""Closing brackets whose full-width glyph carries its own space after it (JIS X 4051)."""


NAME_JOINERS = ("＝", "゠")
"""The double hyphen of foreign compound names (バーデン＝ヴュルテンベルク州): the browser may break
a line after it even between phrases, splitting the state's name in a headline."""


def _phrase(text: str) -> Markup:
    # Kept on one line where the stylesheet has room for it (wide screens); a phone's line may
    # be shorter than the name, and breaks after ＝ there rather than run off the screen. Only
    # the name itself: BudouX keeps words after a space in the same phrase ("バーデン＝ヴュルテン
    # ベルク州 国際交流ニュース 編集部" is one), which, held on one line, outgrew a sidebar.
    if not any(joiner in text for joiner in NAME_JOINERS):
        return _tied(text)
    return Markup(
        "".join(
            f'<span class="whole">{_tied(word)}</span>' if any(j in word for j in NAME_JOINERS) else _tied(word)
            for word in _SPACES.split(text)
        )
    )


def _tied(text: str) -> Markup:
    """``text`` escaped, with each character that must not begin a line tied to the one before it.

    A phrase longer than the line (a state's name at 200 % text, a long compound on a phone)
    still breaks inside, where the stylesheet lets it (overflow-wrap), and a browser breaks
    there at the last character that fits, whatever the rules of line-break: strict say:
    ヴュルテンベルク州|と and 地域|との set a particle at the start of a line, ク|ッ and
    州|、 a small kana and a comma. Tied (``.tie``, nowrap), the break falls before 州と, レッ,
    州、. A tie is a few characters, far narrower than any line, so it cannot run off the screen.
    Only markup is added: the text copied, indexed or read aloud stays as written."""
    escaped = str(escape(text))
    tail = _TAIL.search(escaped)
    end = tail.start() if tail else len(escaped)
    tied = _TIE.sub(r'<span class="tie">\g<0></span>', escaped[:end])
    return Markup(f'{tied}<span class="tie">{escaped[end:]}</span>' if tail else tied)


_SPACES = re.compile(r"(\s+)")
HIRAGANA = "\u3041-\u3096\u309d\u309e"
"""Hiragana (with its iteration marks): the particles and inflected endings a phrase ends with."""
LINE_START_PROHIBITED = (
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ\u31f0-\u31ffー々〻ゝゞヽヾ"
    "、。，．・：；！？‼⁇⁈⁉‐゠〜＝" + "".join(FULL_WIDTH_CLOSINGS)
)
"""Characters a Japanese line never begins with (JIS X 4051: small kana, the prolonged sound and
iteration marks, closing brackets, punctuation), and the ＝ of a compound name."""
# A character, not the end of a tag or character reference (the text is escaped: &amp;、), with
# the characters after it that may not begin a line.
_TIE = re.compile(f"[^\\s;>{LINE_START_PROHIBITED}][{LINE_START_PROHIBITED}]+")
# The phrase's last word or character with the particles or ending it closes with (地域との).
_TAIL = re.compile(
    f"[^\\s;>{HIRAGANA}{LINE_START_PROHIBITED}][{LINE_START_PROHIBITED}]*[{HIRAGANA}]{{1,5}}[{LINE_START_PROHIBITED}]*$"
)


FULL_WIDTH_OPENINGS = frozenset("（〔［｛〈《「『【")
"""Opening brackets whose full-width glyph carries its own space before it (JIS X 4051)."""


def space_before(note: str) -> str:
    """A template filter: the space between a word and ``note`` after it, none before a
    full-width bracket ("English（該当ページなし）", not a gap twice as wide)."""
    return "" if note[:1] in FULL_WIDTH_OPENINGS else " "


def address_breaks(address: str) -> Markup:
    """A template filter: the address escaped, with a break opportunity where it reads best (as
    style guides break addresses: after a slash, not inside ``//``, before a dot or hyphen), so
    that a narrow column breaks ``…/releases/2024/`` and not ``baden-wuerttemb|erg``. String
    replacements, not a pattern: it runs for every release page."""
    text = str(escape(address)).replace("/", "/\0").replace("/\0/\0", "//\0")
    text = text.replace(".", "\0.").replace("-", "\0-").replace("\0\0", "\0")
    return Markup(text.strip("\0").replace("\0", "<wbr>"))


# A headline drawn as a picture (a share card) has no browser to break its lines: these say
# where it may break, by its language's rules, as a page's headline would.

NEVER_FIRST = f"[{LINE_START_PROHIBITED}{re.escape('〙〗｠｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ’”〟·～)]},.:;!?-')}]"
"""What a drawn line never begins with: `LINE_START_PROHIBITED`, and the closing quotation marks
and the middle dot of Chinese (W3C's clreq), the half-width forms of Japanese punctuation and
small kana, and Western closing punctuation and the hyphen (a word cut where it is wider than
a line breaks after its hyphen, not before)."""
_OPENINGS = "".join(sorted(FULL_WIDTH_OPENINGS)) + "〘〖｟｢〝([{„‚"
NEVER_LAST = f"[{re.escape(_OPENINGS)}]"
"""What a drawn line never ends with: opening brackets and quotation marks."""
NEVER_LAST_IN_HAN = f"[{re.escape(_OPENINGS + '‘“')}]"
"""`NEVER_LAST` in `HAN_LANGUAGES`, where ‘ and “ open a quotation; in German they close one
(„so“), and a line may end with them."""
_NEVER_FIRST = lazy(NEVER_FIRST)
_NEVER_LAST = {False: lazy(f"{NEVER_LAST} *"), True: lazy(f"{NEVER_LAST_IN_HAN} *")}
# A combining mark (a decomposed ü, the dakuten of a decomposed が) stays with its letter.
_COMBINING = lazy("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f]")
_AFTER_SPACES = lazy(" +")
_CJK = scripts.character_class(
    scripts.HAN,
    scripts.HAN_SUPPLEMENTARY,
    scripts.CJK_RADICALS,
    scripts.CJK_SYMBOLS,
    scripts.HIRAGANA,
    scripts.KATAKANA,
    scripts.KATAKANA_PHONETIC_EXTENSIONS,
    scripts.BOPOMOFO,
    scripts.KANBUN,
    scripts.CJK_STROKES,
    scripts.ENCLOSED_CJK,
    scripts.CJK_COMPATIBILITY,
    scripts.CJK_COMPATIBILITY_FORMS,
    scripts.FULLWIDTH_FORMS,
    scripts.HALFWIDTH_PUNCTUATION,
    scripts.HALFWIDTH_KATAKANA,
    scripts.FULLWIDTH_SIGNS,
)
# Between two characters of which either is Chinese: a Latin word or number inside stays whole.
_BESIDE_CJK = lazy(f"(?<=[{_CJK}])|(?=[{_CJK}])")


def line_pieces(text: str, lang: str) -> tuple[str, ...]:
    """The pieces a drawn headline's lines may break between, each with the spaces after it
    (which a line's end drops): at spaces; in Japanese between phrases too (BudouX), in Chinese
    between characters; never before a character a line may not begin with nor after one it
    may not end with (kinsoku shori: 。、」）ー small kana … never first, 「（ never last)."""
    primary = primary_subtag(lang)
    spaces = (found.end() for found in _AFTER_SPACES.finditer(text))
    if (parse := _parser(primary)) is not None:
        ends = accumulate(map(len, parse(text)))
        return _pieces(text, chain(spaces, ends), primary)
    if primary in CHINESE:  # written without spaces, broken between any two characters, as browsers do
        return _pieces(text, chain(spaces, (f.start() for f in _BESIDE_CJK.finditer(text))), primary)
    return _pieces(text, spaces, primary)


def character_pieces(text: str, lang: str) -> tuple[str, ...]:
    """``text`` (a word or phrase wider than a line) in the pieces a line may be cut between:
    its characters, each with what kinsoku keeps with it (the 」。 after it, the 「 before it)."""
    return _pieces(text, range(1, len(text)), primary_subtag(lang))


def _pieces(text: str, breaks: Iterable[int], primary: str) -> tuple[str, ...]:
    barred = {found.start() for pattern in (_NEVER_FIRST, _COMBINING) for found in pattern.finditer(text)}
    openings = _NEVER_LAST[primary in HAN_LANGUAGES]
    barred.update(found.end() for found in openings.finditer(text))
    starts = sorted({at for at in breaks if 0 < at < len(text) and at not in barred and text[at] != " "})
    return tuple(text[start:end] for start, end in pairwise([0, *starts, len(text)]))
