"""The language chooser's card names the site in every language the site is in: each title a
group of its own lines, under the languages' names beside the accent bar. Filled into four lines,
it left out whole titles (a fourth language's, the English one under long titles); the German
title's second line read as a title of its own; and the bar stood with nothing beside it."""

from __future__ import annotations

import io

from PIL import Image

from pressroom.output import cardlayout
from pressroom.output.cardlayout import MARGIN, WIDTH, layout
from pressroom.output.sharecard import ACCENT, card_png

from .test_translations import release

DE = "Baden-Württemberg\u00a0– Internationaler Austausch"
JA = "バーデン＝ヴュルテンベルク州 国際交流ニュース"
EN = "Baden-Württemberg: International Exchange"
FR = "Bade-Wurtemberg : échanges internationaux"
LONG = {
    "de": "Landesregierung Baden-Württemberg – Nachrichten aus dem internationalen Austausch mit Partnerregionen",
    "ja": "バーデン＝ヴュルテンベルク州政府 世界のパートナー地域との国際交流ニュースとプレスリリース",
    "en": "Government of Baden-Württemberg: News from International Exchange with Partner Regions",
    "fr": FR,
}
NAMES = {"de": "Deutsch", "ja": "日本語", "en": "English", "fr": "français"}
MULTILINGUAL = "mul"


def _built_card(scratch_site, titles: dict[str, str]) -> bytes:
    """The chooser's card of a site in ``titles``' languages."""
    listed = ", ".join(titles)
    named = "".join(f'  {lang}: "{title}"\n' for lang, title in titles.items())
    site = scratch_site(
        {
            "site.yaml": f"languages: [{listed}]\ntitle:\n{named}",
            "content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\n"),
        },
        with_defaults=False,  # no partner or topic named in French
    )
    assert site.build().code == 0
    return (site.output / "share.png").read_bytes()


def _card_of(titles: dict[str, str]) -> bytes:
    """The card of ``titles``, one a line, under the languages' names: the one a site of them builds."""
    names = "\n".join(NAMES[lang] for lang in titles)
    return card_png("\n".join(titles.values()), MULTILINGUAL, names, tuple(titles))


def test_every_languages_title_is_on_the_choosers_card(scratch_site):
    """Four lines in all: a fourth language's title was left out, and under the long titles of
    three languages the English one (its first line the fourth, shortened)."""
    four = layout("\n".join((DE, JA, EN, FR)), MULTILINGUAL, ("de", "ja", "en", "fr"))
    assert four.lines == (DE, JA, EN, FR)  # each whole, on a line of its own
    long = layout("\n".join(LONG.values()), MULTILINGUAL, tuple(LONG))
    shown = " ".join(long.lines)
    assert not [title for title in LONG.values() if title.replace(" ", "") not in shown.replace(" ", "")]
    assert len(long.lines) == 7 and long.size < 46  # smaller, in more lines than four: none shortened
    assert [len(group) for group in long.groups] == [2, 2, 2, 1]
    titles = {"de": DE, "ja": JA, "en": EN, "fr": FR}
    assert _built_card(scratch_site, titles) == _card_of(titles)
    assert _built_card(scratch_site, LONG) == _card_of(LONG)


def test_titles_too_long_for_the_card_are_each_shortened_never_left_out():
    titles = [text * 3 for text in LONG.values()]
    placed = layout("\n".join(titles), MULTILINGUAL, tuple(LONG))
    assert len(placed.groups) == 4
    for title, group in zip(titles, placed.groups, strict=True):
        assert group[-1].endswith(("...", "…")), group
        assert title.replace(" ", "").startswith("".join(group).rstrip(".…").replace(" ", "")), group
    pasted = layout("\n".join(text * 2_000 for text in LONG.values()), MULTILINGUAL, tuple(LONG))
    assert pasted.groups == layout("\n".join(text * 40 for text in LONG.values()), MULTILINGUAL, tuple(LONG)).groups


def test_each_title_is_a_group_of_lines_set_apart_from_the_next():
    """The German title's second line ("Internationaler Austausch") stood as far from its first
    as from the Japanese title under it, and read as a title of its own."""
    placed = layout(f"{DE}\n{JA}\n{EN}", MULTILINGUAL, ("de", "ja", "en"))
    assert placed.groups == (("Baden-Württemberg\u00a0–", "Internationaler Austausch"), (JA,), (EN,))
    tops = placed.tops
    within = tops[1] - tops[0]
    assert tops[2] - tops[1] >= within + placed.size // 2 and tops[3] - tops[2] == tops[2] - tops[1]
    assert tops[-1] + placed.line_height <= 630 - 90  # above the bottom band, with room to spare


def test_many_languages_titles_all_stand_on_the_card_and_past_its_room_are_counted():
    titles = ["Landesnachrichten", "州のニュース", "State news", "Actualités du Land", "Notizie dal Land"]
    titles += ["州新闻", "주 뉴스", "Noticias del Land", "Wiadomości landu"]
    langs = ("de", "ja", "en", "fr", "it", "zh", "ko", "es", "pl")
    placed = layout("\n".join(titles), MULTILINGUAL, langs)
    assert placed.lines == (*titles[:-1], "Wiadomosci landu")  # ś drawn as s, as on every card
    assert placed.size >= 30
    # More than one line each can hold: as many as fit, and how many more.
    crowded = layout("\n".join(titles + titles[:3]), MULTILINGUAL, (*langs, "nl", "sv", "da"))
    assert crowded.lines == (*placed.lines, "+3") and crowded.size < placed.size


def test_the_choosers_card_names_the_languages_beside_the_accent_bar(scratch_site):
    """Where every other card has the site's title in its language, the chooser's bar stood
    alone: it names the languages the site is in, as the chooser does."""
    built = _built_card(scratch_site, {"de": DE, "ja": JA, "en": EN})
    beside = Image.open(io.BytesIO(built)).convert("RGB").crop((MARGIN + 32, 70, WIDTH - MARGIN, 118))
    assert ACCENT in {colour for _, colour in beside.getcolors(4096) or []}  # right of the bar, as high as it
    assert built == _card_of({"de": DE, "ja": JA, "en": EN})


def test_the_choosers_mark_names_every_language_within_the_card():
    mark_text, sizes = cardlayout.mark_text, cardlayout.MARK_SIZES
    assert mark_text("Deutsch\n日本語\nEnglish", MULTILINGUAL) == ("Deutsch · 日本語 · English", sizes[0])
    # Many languages: smaller, every name still there and within the card.
    many = ["Deutsch", "日本語", "English", "français", "italiano", "中文", "한국어", "español", "polski"]
    text, size = mark_text("\n".join(many), MULTILINGUAL)
    assert text == " · ".join(many) and size < sizes[0]
    assert cardlayout._length(text, size) <= WIDTH - 2 * MARGIN - cardlayout.MARK_INDENT
    # A name the font draws nothing of is left out, not a gap between two dots.
    assert mark_text("Deutsch\nहिन्दी\nEnglish", MULTILINGUAL)[0] == "Deutsch · English"


def test_a_site_title_too_wide_for_the_card_is_set_smaller_not_cut_off_at_its_edge():
    """Beside the bar of every card of its language, a long site title ran past the card's edge."""
    width = WIDTH - 2 * MARGIN - cardlayout.MARK_INDENT
    title = f"{EN} – Press Office of the State Ministry"
    text, size = cardlayout.mark_text(title, "en")
    assert text == title and size < cardlayout.MARK_SIZES[0]
    assert cardlayout._length(text, size) <= width
    text, size = cardlayout.mark_text(LONG["de"], "de")
    assert text.endswith("...") and LONG["de"].startswith(text[:-3]) and cardlayout._length(text, size) <= width
