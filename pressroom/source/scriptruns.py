"""Runs of Japanese, Chinese or Korean script that a text in another language leaves unmarked.

A German or English release may name 神奈川県 or quote 「未病」. Unless the editor marks it
(``[神奈川県]{lang=ja}``), the page gives it the text's language: screen readers read it with a
German voice, and browsers draw its kanji in whichever forms their first CJK font has (Chinese
forms for Japanese, or the other way round). A Japanese text is told of Korean the same way.

`unmarked_runs` finds the runs a text in one language leaves unmarked, each with the language
its script shows: a run with kana is Japanese, a Hangul run Korean, and a run of kanji (hanzi)
alone may be Japanese or Chinese, which only the editor can say. Kanji are at home in Japanese,
Chinese and Korean, kana in Japanese, Hangul in Korean; Latin letters everywhere, so a Latin
word in a Japanese text is never told. `unmarked_message` says what to write.

The body's runs are found by `pressroom.source.mdscripts`; the texts of the front matter, which
can mark no language, by `field_problems` here, and those of partner and topic files, which
cannot either, by `pressroom.source.partnertexts` through `shown_text_problems`. The characters
are those of `pressroom.base.scripts`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from babel.core import UnknownLocaleError

from pressroom.base.i18n import language_name
from pressroom.base.languageparts import WRITTEN_IN_HAN, primary_subtag
from pressroom.base.patterns import lazy
from pressroom.base.scripts import (
    BOPOMOFO,
    CJK_COMPATIBILITY,
    CJK_COMPATIBILITY_FORMS,
    CJK_RADICALS,
    CJK_STROKES,
    CJK_SYMBOLS,
    ENCLOSED_CJK,
    FULLWIDTH_FORMS,
    FULLWIDTH_SIGNS,
    HALF_FILL_SPACE,
    HALFWIDTH_KATAKANA,
    HALFWIDTH_PUNCTUATION,
    HAN,
    HAN_SUPPLEMENTARY,
    HANGUL_COMPATIBILITY_JAMO,
    HANGUL_JAMO,
    HANGUL_SYLLABLES,
    HIRAGANA,
    IDEOGRAPHIC_ZERO,
    KANA_VOICING_MARKS,
    KANBUN,
    KANJI_MARKS,
    KATAKANA,
    KATAKANA_DOUBLE_HYPHEN,
    KATAKANA_MIDDLE_DOT,
    KATAKANA_PHONETIC_EXTENSIONS,
    character_class,
)
from pressroom.source.yamlload import YamlList, YamlMap

JAPANESE, KOREAN, HAN_ONLY = "ja", "ko", ""
"""What a run's script shows it to be; `HAN_ONLY`: Japanese or Chinese."""

_HOME = {JAPANESE: frozenset({"ja"}), KOREAN: frozenset({"ko"}), HAN_ONLY: WRITTEN_IN_HAN}
"""Where a run of each kind is at home: a text in any of them needs no mark for it."""

_KANA = character_class(
    HIRAGANA, KATAKANA, KATAKANA_PHONETIC_EXTENSIONS, HALFWIDTH_KATAKANA, without=(KATAKANA_MIDDLE_DOT,)
)
"""Kana, which only Japanese writes (the middle dot ・ is punctuation Chinese sets too)."""
_KANJI = character_class(HAN, HAN_SUPPLEMENTARY, KANJI_MARKS, IDEOGRAPHIC_ZERO)
_HANGUL = character_class(HANGUL_SYLLABLES, HANGUL_JAMO, HANGUL_COMPATIBILITY_JAMO)
_BETWEEN = character_class(
    CJK_SYMBOLS,
    CJK_RADICALS,
    KANBUN,
    CJK_STROKES,
    ENCLOSED_CJK,
    CJK_COMPATIBILITY,
    CJK_COMPATIBILITY_FORMS,
    FULLWIDTH_FORMS,
    HALFWIDTH_PUNCTUATION,
    FULLWIDTH_SIGNS,
    BOPOMOFO,
    KATAKANA_MIDDLE_DOT,
    KATAKANA_DOUBLE_HYPHEN,
    KANA_VOICING_MARKS,
    without=(HALF_FILL_SPACE, KANJI_MARKS, IDEOGRAPHIC_ZERO),
)
"""CJK punctuation, symbols and full-width forms: part of a run between its letters, never a
run alone (a full-width bracket in a German text is no Japanese word)."""

_SINO_JAPANESE = lazy(f"[{_KANJI}{_KANA}]+")
_KOREAN = lazy(f"[{_HANGUL}]+")
_ANY_LETTER = lazy(f"[{_KANJI}{_KANA}{_HANGUL}]")
_HAS_KANA = lazy(f"[{_KANA}]")
_KANJI_LETTER = lazy(f"[{_KANJI}]")
_GAP = lazy(f"[{_BETWEEN}]*+(?:[ \\n]|[A-Za-z0-9]++)?+[{_BETWEEN}]*+")
"""What may stand between two letters of one run: CJK punctuation, and one space, one line end
or one Latin word or number without spaces (神奈川県のAI戦略, 2024年7月17日, 黒岩　祐治)."""
_LONGEST_GAP = 16
_JOINED_LINES = lazy(f"(?<=[{_KANJI}{_KANA}{_BETWEEN}])\\n(?=[{_KANJI}{_KANA}{_BETWEEN}])")
"""A line end the page takes out (between wide characters, see `pressroom.source.mdcjk`)."""
_DIGITS = frozenset("0123456789")
SHOWN = 40
"""Characters of a run written out in a message; a longer one is shortened with ``…``."""


@dataclass(frozen=True, slots=True)
class Run:
    """An unmarked run: where it starts in its text, its characters, and what its script shows."""

    start: int
    text: str
    kind: str
    """`JAPANESE`, `KOREAN` or `HAN_ONLY`."""


def may_hold_runs(text: str, lang: str) -> bool:
    """Whether ``text`` in ``lang`` holds any letter a run it leaves unmarked is made of: a
    quick test that spares most texts the search."""
    own = primary_subtag(lang)
    if own == "ja":
        return _KOREAN.search(text) is not None
    if own in WRITTEN_IN_HAN:
        return _HAS_KANA.search(text) is not None or (own != "ko" and _KOREAN.search(text) is not None)
    return _ANY_LETTER.search(text) is not None


def unmarked_runs(text: str, lang: str) -> Iterator[Run]:
    """Each run of ``text`` that is not at home in ``lang`` (see the module's docstring), in order.
    Kanji and kana make one run, Hangul another, each joined over what `_GAP` allows."""
    own = primary_subtag(lang)
    found = [*_runs(text, _SINO_JAPANESE, HAN_ONLY), *_runs(text, _KOREAN, KOREAN)]
    for run in sorted(found, key=lambda run: run.start):
        if own not in _HOME[run.kind]:
            yield run


def _runs(text: str, letters: re.Pattern[str], kind: str) -> Iterator[Run]:
    """The runs of ``letters`` in ``text``; ``kind``: what a run without kana is."""
    start = end = -1
    for found in letters.finditer(text):
        if start >= 0 and found.start() - end <= _LONGEST_GAP and _GAP.fullmatch(text, end, found.start()):
            end = found.end()
            continue
        if start >= 0:
            yield _run(text, start, end, kind)
        start, end = found.start(), found.end()
    if start >= 0:
        yield _run(text, start, end, kind)


def _run(text: str, start: int, end: int, kind: str) -> Run:
    # A number written before or after a run is part of it (2024年7月17日), a Latin word not (ME-BYO未病).
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    run = text[start:end]
    return Run(start, run, JAPANESE if kind == HAN_ONLY and _HAS_KANA.search(run) is not None else kind)


def shown(run: str) -> str:
    """A run as the page shows it (its line ends as spaces, or taken out between wide
    characters) and, when long, shortened for a message."""
    text = _JOINED_LINES.sub("", run).replace("\n", " ")
    return text if len(text) <= SHOWN else f"{text[: SHOWN - 12]}…{text[-10:]}"


def unmarked_message(run: Run, lang: str, where: str = "", then: str | None = None) -> str:
    """What to tell of ``run`` in a text in ``lang``: what it is, what the page does with it,
    and the markup to write. ``where``: a text that cannot mark a language, as the message
    names it (``a title``, ``an alt text``); empty for the body, which can. ``then``: what to do
    with the original after writing such a text in ``lang`` (by default, mark it in the body)."""
    name = _name(lang)
    kanji = _KANJI_LETTER.search(run.text) is not None
    text = shown(run.text)
    if run.kind == JAPANESE:
        what = f"Japanese '{text}'"
        effect = " and browsers may draw its kanji in Chinese forms" if kanji else ""
    elif run.kind == KOREAN:
        what, effect = f"Korean '{text}'", ""
    else:
        what, effect = f"'{text}' (Japanese or Chinese)", " and browsers may draw it in the other language's forms"
    said = (
        f"{what} is not marked in this {name} text: screen readers read it with {_article(name)} {name} voice{effect}"
    )
    if not where:
        return f"{said}; write {markup(run)}"
    if then is None:
        then = f", and the original in the text as {markup(run)}"
    return f"{said}; {where} cannot mark a language: write it in {name} here{then}"


def markup(run: Run, form: str = "[{text}]{{lang={lang}}}") -> str:
    """What marks ``run`` with its language, written in ``form`` (a span, by default); for a run
    of kanji alone, which may be Japanese or Chinese, both, each with when to write it."""
    text = shown(run.text)
    if run.kind != HAN_ONLY:
        return form.format(text=text, lang=run.kind)
    ja, zh = form.format(text=text, lang="ja"), form.format(text=text, lang="zh")
    return f"{ja} if it is Japanese, {zh} if it is Chinese"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _name(lang: str) -> str:
    # Named alone: what the message tells is the voice a screen reader gives the text, its
    # language's; the file's path before the message says which of a site's two Germans it is.
    try:
        return language_name(lang, "en", ())
    except (ValueError, UnknownLocaleError):  # a tag Babel does not know (a span's {lang=ain})
        return f"'{lang}'"


FIELD_TEXTS = ("title", "summary", "source")
"""The front matter's own texts in the version's language that its pages show."""
_NAMED = {
    "title": "a title",
    "summary": "a summary",
    "source": "a source",
    "image.alt": "an alt text",
    "image.caption": "a caption",
    "image.credit": "a credit",
    "downloads.title": "a download's title",
    "contact.name": "a contact's name",
    "contact.role": "a contact's role",
}
"""How a message names a text of each field (a contact's in each language, ``contact.name.de``, as one)."""


@dataclass(frozen=True, slots=True)
class ShownText:
    """A text of a YAML file that a page shows as in one language, which can mark no other."""

    field: str
    """The field as a message names it: ``title``, ``contact.name.de``."""
    text: str
    line: int
    """The line of its key in the file."""
    lang: str
    where: str
    """What the text is, as a message names it: ``a title``."""
    then: Callable[[Run], str] | None = None
    """What to do with a run's original instead of marking it in the body (see `unmarked_message`)."""


def field_problems(data: YamlMap, yaml_text: str, first_line: int, lang: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each unmarked run in the texts of front matter ``data`` (read from
    ``yaml_text``, whose first line is line ``first_line`` of its file) of a version in
    ``lang``: its title, summary and source, its image's alt text, caption and credit, its
    downloads' titles, and its contact's name and role in each language (each page shows its
    own language's). Each is told at the line of the run."""
    texts = [
        ShownText(name, text, line, text_lang, _named(name)) for name, text, line, text_lang in _field_texts(data, lang)
    ]
    return shown_text_problems(texts, data, yaml_text, first_line)


def shown_text_problems(
    texts: list[ShownText], data: YamlMap, yaml_text: str, first_line: int
) -> Iterator[tuple[int, str]]:
    """(line, message) for each unmarked run in ``texts``, read from ``data`` and ``yaml_text``
    (whose first line is line ``first_line`` of its file), at the line of the run."""
    if not any(may_hold_runs(text.text, text.lang) for text in texts):
        return
    lines = yaml_text.split("\n")
    # Sorted and searched: a topic file of thousands of topics has as many texts as key lines.
    starts = [*sorted({text.line for text in texts} | set(_key_lines(data))), first_line + len(lines)]
    for text in texts:
        if not may_hold_runs(text.text, text.lang):
            continue
        before = starts[bisect_right(starts, text.line)]
        for run in unmarked_runs(text.text, text.lang):
            message = unmarked_message(run, text.lang, text.where, None if text.then is None else text.then(run))
            yield _run_line(run, lines, first_line, text.line, before), f"{text.field}: {message}"


def _named(field: str) -> str:
    return _NAMED.get(field) or _NAMED[field.rpartition(".")[0]]


def _field_texts(data: YamlMap, lang: str) -> Iterator[tuple[str, str, int, str]]:
    """(name, text, line, language) of each text of the front matter a page shows."""
    for key in FIELD_TEXTS:
        if isinstance(value := data.get(key), str):
            yield key, value, data.line_of(key), lang
    image = data.get("image")
    if isinstance(image, YamlMap):
        for key in ("alt", "caption", "credit"):
            if isinstance(value := image.get(key), str):
                yield f"image.{key}", value, image.line_of(key), lang
    downloads = data.get("downloads")
    for item in downloads if isinstance(downloads, YamlList) else ():
        if isinstance(item, YamlMap) and isinstance(value := item.get("title"), str):
            yield "downloads.title", value, item.line_of("title"), lang
    contact = data.get("contact")
    for field in ("name", "role"):
        texts = contact.get(field) if isinstance(contact, YamlMap) else None
        for text_lang, value in texts.items() if isinstance(texts, YamlMap) else ():
            if isinstance(text_lang, str) and isinstance(value, str):
                yield f"contact.{field}.{text_lang}", value, texts.line_of(text_lang), text_lang


def _key_lines(value: object) -> Iterator[int]:
    """The line of every key and item of ``value``, at any depth: where a text may end."""
    if isinstance(value, YamlMap):
        yield from value.lines.values()
        for item in value.values():
            yield from _key_lines(item)
    elif isinstance(value, YamlList):
        yield from value.lines
        for item in value:
            yield from _key_lines(item)


def _run_line(run: Run, lines: list[str], first_line: int, line: int, before: int) -> int:
    """The line of the file a run of a text whose key is on ``line`` stands on: the first from
    there, before the next key's ``before``, holding its first letters (a folded summary spans
    lines); ``line`` itself where the YAML wrote it otherwise (escaped)."""
    head = run.text.split()[0] if run.text.split() else run.text
    for number in range(line, before):
        index = number - first_line
        if 0 <= index < len(lines) and head in lines[index]:
            return number
    return line
