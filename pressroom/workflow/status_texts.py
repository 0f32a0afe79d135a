"""The words of the translation status reports, in German, Japanese and English: the texts of
the page ``status --html`` writes (`TEXTS`), and those it shares with the table ``status``
prints (a version that names no place).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pressroom.base.i18n import language_name
from pressroom.source.frontmatter import VersionSource
from pressroom.workflow.diff import in_characters

TEXTS = {
    "de": {
        "heading": "Stand der Übersetzungen",
        "intro": "Jede Meldung und Seite mit dem Stand ihrer Sprachfassungen. „Veraltet“ heißt: Eine andere "
        "Fassung wurde geändert, seit diese bestätigt wurde; die Zahlen geben die Anzahl der geänderten "
        "Wörter an, bei Sprachen wie Japanisch und Chinesisch die der geänderten Zeichen. „Ortsangabe fehlt“ heißt: "
        "Andere Fassungen nennen mit dem Datum den Ort "
        "der Meldung (place:), diese nicht.",
        "ok": "aktuell",
        "outdated": "veraltet",
        "untranslated": "unübersetzt",
        "missing": "fehlt",
        "draft": "Entwurf",
        "releases": "Pressemitteilungen",
        "pages": "Seiten",
        "item": "Titel",
        "view": "veröffentlichte Fassung",
        "changed": "{amount} geändert in: {langs}",
        "words": "{n} Wörter",
        "words_one": "{n} Wort",
        "characters": "{n} Zeichen",
        "and": " und ",
        "unknown": "Umfang unbekannt (keine Versionsgeschichte)",
        "unknown_some": "Umfang teils unbekannt (keine Versionsgeschichte)",
        "summary": "{ok} aktuell, {outdated} veraltet, {untranslated} unübersetzt, {missing} fehlend",
        "total": "{amount}",
        "total_words": "{n} geänderte Wörter",
        "total_words_one": "{n} geändertes Wort",
        "total_characters_one": "{n} geändertes Zeichen",
        "total_characters": "{n} geänderte Zeichen",
        "file": "Datei",
        "languages": "Sprachen dieser Seite",
        "no_place": "Ortsangabe fehlt ({places})",
        "place_item": "{lang}: „{place}“",
        "place_sep": ", ",
        "list_sep": ", ",
        "aside": "{text} ({aside})",
        "colon": ": ",
        "also": "; ",
    },
    "ja": {
        "heading": "翻訳の状況",
        "intro": "すべてのプレスリリースとページについて、各言語版の状況を示します。「要更新」は、この版の確認後に"
        "他の言語版が変更されたことを表し、数字は変更された語数（日本語、中国語などは文字数）です。「発信地未記入」は、他の言語版では"
        "日付とともに発信地（place:）を記載しているのに対し、この版には記載がないことを表します。",
        "ok": "最新",
        "outdated": "要更新",
        "untranslated": "未翻訳",
        "missing": "未作成",
        "draft": "下書き",
        "releases": "プレスリリース",
        "pages": "ページ",
        "item": "タイトル",
        "view": "公開ページ",
        "changed": "{langs}で{amount}の変更",
        "words": "{n}語",
        "characters": "{n}文字",
        "and": "・",
        "unknown": "変更量は不明（履歴なし）",
        "unknown_some": "一部の変更量は不明（履歴なし）",
        "summary": "最新 {ok}件、要更新 {outdated}件、未翻訳 {untranslated}件、未作成 {missing}件",
        "total": "変更 {amount}",
        "total_words": "{n}語",
        "total_characters": "{n}文字",
        "file": "ファイル",
        "languages": "このページの言語",
        "no_place": "発信地未記入（{places}）",
        "place_item": "{lang}版「{place}」",
        "place_sep": "、",
        "list_sep": "、",
        "aside": "{text}（{aside}）",
        "colon": "：",
        "also": "、",
    },
    "en": {
        "heading": "Translation status",
        "intro": "Every release and page with the state of its language versions. “Outdated” means another "
        "version has changed since this one was confirmed; the numbers count the changed words, or the "
        "changed characters in languages such as Japanese and Chinese. “Place missing” means other "
        "versions name the place of issue (place:) in "
        "their dateline while this one does not.",
        "ok": "up to date",
        "outdated": "outdated",
        "untranslated": "untranslated",
        "missing": "missing",
        "draft": "draft",
        "releases": "Press releases",
        "pages": "Pages",
        "item": "Title",
        "view": "published version",
        "changed": "{amount} changed in {langs}",
        "words": "{n} words",
        "words_one": "{n} word",
        "characters": "{n} characters",
        "characters_one": "{n} character",
        "and": " and ",
        "unknown": "size unknown (no history)",
        "unknown_some": "size partly unknown (no history)",
        "summary": "{ok} up to date, {outdated} outdated, {untranslated} untranslated, {missing} missing",
        "total": "{amount}",
        "total_words": "{n} changed words",
        "total_words_one": "{n} changed word",
        "total_characters": "{n} changed characters",
        "total_characters_one": "{n} changed character",
        "file": "file",
        "languages": "Languages of this page",
        "no_place": "place missing ({places})",
        "place_item": "{lang}: “{place}”",
        "place_sep": ", ",
        "list_sep": ", ",
        "aside": "{text} ({aside})",
        "colon": ": ",
        "also": "; ",
    },
}


def no_place(
    named: list[VersionSource],
    reader: str,
    among: tuple[str, ...],
    wrap: Callable[[str], str] = str,
    mark: Callable[[str, str], str] = lambda lang, place: place,
) -> str:
    """What a version that names no place is told in ``reader``'s language, with the places
    ``named`` gives, each with its language as the site whose languages are ``among`` names it
    (``place missing (German: “Stuttgart”)``): as ``wrap`` makes a text (`markupsafe.Markup` on
    the page, which escapes what it is given), each place as ``mark`` gives it in its language."""
    texts = TEXTS[reader]
    places = wrap(texts["place_sep"]).join(
        wrap(texts["place_item"]).format(lang=language_name(v.lang, reader, among), place=mark(v.lang, v.place))
        for v in named
    )
    return wrap(texts["no_place"]).format(places=places)


def counted(texts: dict, key: str, number: int) -> str:
    """The text for ``number`` of something: its singular where the language has one ("1 changed
    word", not "1 changed words"), else the one text (Japanese counts without a plural)."""
    return texts.get(f"{key}_one", texts[key]) if number == 1 else texts[key]


def tallied(sizes: Iterable[tuple[str, int | None]]) -> dict[str, int]:
    """The changes of ``sizes`` (each changed language with its count, None where unknown) added
    up by what they are counted in, ``words`` or ``characters``, in the order first met: a
    number of Japanese characters and one of German words are not one number."""
    tally: dict[str, int] = {}
    for lang, number in sizes:
        if number is not None:
            unit = "characters" if in_characters(lang) else "words"
            tally[unit] = tally.get(unit, 0) + number
    return tally


def amount(texts: dict[str, str], kind: str, tally: dict[str, int], number: Callable[[int], str]) -> str:
    """``tally`` (see `tallied`) as the page says it, each count in its unit, the ``kind`` of text
    (``""`` in a cell, ``"total_"`` in a total): "2 words and 3 characters"."""
    return texts["and"].join(counted(texts, f"{kind}{unit}", n).format(n=number(n)) for unit, n in tally.items())
