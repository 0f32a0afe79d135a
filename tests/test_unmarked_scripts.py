"""Japanese, Chinese or Korean that a text in another language leaves unmarked: a ``path:line``
warning at the run, with the markup to write (``--strict`` fails), every build, also when the
body comes from the cache; the page stays as it was. What is marked, in code, or at home in the
text's language is quiet."""

from __future__ import annotations

import pytest

from pressroom.source.scriptruns import JAPANESE, KOREAN, Run, unmarked_runs

from .test_check_fixtures import PNG, check, summary
from .test_markdown_slips import warnings_of
from .test_translations import release

DE = "content/de/2024/a.md"
JA = "content/ja/2024/a.md"
"""The release every test writes; its body starts on line 6 (``release`` puts a blank line first)."""
VOICE = "screen readers read it with a German voice"
KANJI_FORMS = "and browsers may draw its kanji in Chinese forms"
EITHER_FORMS = "and browsers may draw it in the other language's forms"

GERMAN_BODY = (
    "Das Motto lautete „ともに未来へ“, die Provinz Jiangsu (江苏省) war auch da.\n"
    "\n"
    "Das [Kanagawa Institute of Technology (神奈川工科大学)]{lang=en} und Seoul (서울) schickten Grüße.\n"
)
GERMAN_WARNINGS = [  # in the order of the report: by line, then message
    f"{DE}:6: warning: '江苏省' (Japanese or Chinese) is not marked in this German text: {VOICE} {EITHER_FORMS}; "
    "write [江苏省]{lang=ja} if it is Japanese, [江苏省]{lang=zh} if it is Chinese",
    f"{DE}:6: warning: Japanese 'ともに未来へ' is not marked in this German text: {VOICE} {KANJI_FORMS}; "
    "write [ともに未来へ]{lang=ja}",
    f"{DE}:8: warning: '神奈川工科大学' (Japanese or Chinese) is not marked in this English text: screen readers "
    f"read it with an English voice {EITHER_FORMS}; write [神奈川工科大学]{{lang=ja}} if it is Japanese, "
    "[神奈川工科大学]{lang=zh} if it is Chinese",
    f"{DE}:8: warning: Korean '서울' is not marked in this German text: {VOICE}; write [서울]{{lang=ko}}",
]


def test_an_unmarked_run_in_a_body_is_told_at_its_line_with_the_markup_to_write(scratch_site):
    site = scratch_site({DE: release("A", "date: 2024-01-01\n", GERMAN_BODY)})
    run = check(site)
    assert run.stderr.splitlines() == [*GERMAN_WARNINGS, summary(0, 4)]
    assert run.code == 0
    assert check(site, "--strict").code == 1


def test_a_hangul_run_in_a_japanese_text_is_told_and_its_kanji_kana_and_latin_words_are_not(scratch_site):
    body = "バーデン＝ヴュルテンベルク州とAI分野で協力。\n\nソウル（서울특별시）の代表団も\n参加しました。\n"
    site = scratch_site({JA: release("ソウルとの交流", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{JA}:8: warning: Korean '서울특별시' is not marked in this Japanese text: screen readers read it with a "
        "Japanese voice; write [서울특별시]{lang=ko}"
    ]


def test_a_kept_body_tells_its_runs_again(scratch_site, parses):
    site = scratch_site({DE: release("A", "date: 2024-01-01\n", GERMAN_BODY)})
    assert warnings_of(site.build().stderr) == GERMAN_WARNINGS
    parses.clear()
    second = site.build()
    assert parses == [], "the body came from the cache"
    assert warnings_of(second.stderr) == GERMAN_WARNINGS
    assert second.code == 0
    # The page stays as the editor wrote it: the run in the page's language, unmarked.
    assert (
        "<p>Das Motto lautete „ともに未来へ“, die Provinz Jiangsu (江苏省) war auch da.</p>"
        in site.page("/de/releases/2024/a/").html
    )


def test_front_matter_texts_are_told_at_the_line_of_the_run_that_they_cannot_mark(scratch_site):
    head = (
        "date: 2024-01-01\n"
        "summary: >-\n"
        "  Die Delegation brachte Grüße\n"
        "  aus 横浜の港 mit.\n"
        "image:\n"
        "  file: 2024/bild.png\n"
        "  alt: Karte der Provinz 江苏省\n"
        "  caption: Unterzeichnung in Seoul (서울)\n"
    )
    site = scratch_site({DE: release("Besuch aus 神奈川県", head)})
    (site.root / "content/media/2024").mkdir(parents=True)
    (site.root / "content/media/2024/bild.png").write_bytes(PNG)
    either = "[{0}]{{lang=ja}} if it is Japanese, [{0}]{{lang=zh}} if it is Chinese"
    assert warnings_of(check(site).stderr) == [
        f"{DE}:2: warning: title: '神奈川県' (Japanese or Chinese) is not marked in this German text: {VOICE} "
        f"{EITHER_FORMS}; a title cannot mark a language: write it in German here, and the original in the text as "
        + either.format("神奈川県"),
        f"{DE}:6: warning: summary: Japanese '横浜の港' is not marked in this German text: {VOICE} {KANJI_FORMS}; a "
        "summary cannot mark a language: write it in German here, and the original in the text as [横浜の港]{lang=ja}",
        f"{DE}:9: warning: image.alt: '江苏省' (Japanese or Chinese) is not marked in this German text: {VOICE} "
        f"{EITHER_FORMS}; an alt text cannot mark a language: write it in German here, and the original in the text "
        "as " + either.format("江苏省"),
        f"{DE}:10: warning: image.caption: Korean '서울' is not marked in this German text: {VOICE}; a caption cannot "
        "mark a language: write it in German here, and the original in the text as [서울]{lang=ko}",
    ]


def test_a_body_images_alt_text_is_told_even_in_a_span_which_it_drops(scratch_site):
    body = "Die Karte:\n\n![Karte von [神奈川]{lang=ja}](https://example.org/karte.png)\n"
    site = scratch_site({DE: release("A", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{DE}:8: warning: '神奈川' (Japanese or Chinese) is not marked in this German text: {VOICE} {EITHER_FORMS}; "
        "an alt text cannot mark a language: write it in German here, and the original in the text as "
        "[神奈川]{lang=ja} if it is Japanese, [神奈川]{lang=zh} if it is Chinese"
    ]


def test_marked_runs_code_addresses_and_untranslated_copies_are_quiet(scratch_site):
    body = (
        "ME-BYO ([未病]{lang=ja}), [江苏省]{lang=zh}, [서울]{lang=ko-KR} und [**神奈川**県]{lang=ja}.\n\n"
        "Im Code: `神奈川県` und\n\n```\n横浜\n```\n\n"
        '[Die Seite](https://ja.wikipedia.org/wiki/神奈川県 "神奈川県") nennt ihn.\n'
    )
    copy = "date: 2024-01-01\nsummary: 神奈川県との協力\nuntranslated: true\n"
    site = scratch_site(
        {
            DE: release("A", "date: 2024-01-01\n", body),
            JA: release("神奈川県との協力", "date: 2024-01-01\n", "神奈川県とAI分野で協力します。"),
            "content/en/2024/a.md": release("神奈川県との協力", copy, "神奈川県とAI分野で協力します。"),
        }
    )
    assert check(site).stderr.splitlines() == [
        # The copy is told what it is, as before, not each of its Japanese words.
        "content/en/2024/a.md:5: warning: published but marked untranslated: readers get another language's text; "
        "translate it and confirm it, or keep it a draft",
        summary(0, 1),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "runs"),
    [
        # Kanji and kana with a Latin word or a number between them are one Japanese run.
        ("Motto: 神奈川県のAI戦略.", "de", [Run(7, "神奈川県のAI戦略", JAPANESE)]),
        ("am 2024年7月17日 in", "de", [Run(3, "2024年7月17日", "")]),
        ("Kuroiwa (神奈川県知事\u3000黒岩祐治)", "en", [Run(9, "神奈川県知事\u3000黒岩祐治", "")]),
        # Latin words with spaces end a run: two names, two runs.
        ("Kanagawa (神奈川県) und Jiangsu (江苏省)", "de", [Run(10, "神奈川県", ""), Run(29, "江苏省", "")]),
        # Hangul is a run of its own beside Japanese; in Japanese only it is told.
        ("ソウル（서울）", "ja", [Run(4, "서울", KOREAN)]),
        ("ソウル（서울）", "de", [Run(0, "ソウル", JAPANESE), Run(4, "서울", KOREAN)]),
        # At home: kanji in Chinese and Korean, kana in Japanese, Hangul in Korean; punctuation alone is no run.
        ("江苏省と", "zh-Hans", [Run(0, "江苏省と", JAPANESE)]),
        ("大韓民國 서울", "ko", []),
        ("「」（）、。", "de", []),
    ],
)
def test_runs_are_what_their_script_shows(text, lang, runs):
    assert list(unmarked_runs(text, lang)) == runs
