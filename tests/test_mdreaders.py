"""Heading ids and ``#fragment`` links: every section of a release can be linked, in any script,
and a link to a section that is not there is reported with its file and line."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pressroom.source.markdown import render_markdown
from pressroom.source.mdreaders import PAGE_IDS, anchor_name

from .conftest import all_html
from .test_translations import release


def render(body: str) -> tuple[str, list[tuple[int, str]]]:
    warnings: list[tuple[int, str]] = []
    html = render_markdown(
        body, 5, lambda href, line: None, warn=lambda line, message: warnings.append((line, message))
    )
    return html, warnings


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("Der Zeitplan", "der-zeitplan"),
        ("Über *uns* & `Partner`", "über-uns-partner"),
        ("今後の予定（案）", "今後の予定-案"),
        ("Kanagawa – 35 Jahre", "kanagawa-35-jahre"),
        ("バーデン＝ヴュルテンベルク州", "バーデン-ヴュルテンベルク州"),
        ("!!!", "section"),
    ],
)
def test_a_heading_is_named_after_its_text_in_any_script(heading: str, name: str) -> None:
    html, _ = render(f"## {heading}\n")
    assert html.startswith(f'<h2 id="{name}">')


def test_repeated_headings_and_names_the_page_uses_get_a_number() -> None:
    html, _ = render("## Kontakt\n\n## Kontakt\n\n## Main\n\n## Search\n\nSetext\n------\n")
    assert re.findall(r'id="([^"]*)"', html) == ["kontakt", "kontakt-2", "main-2", "search-2", "setext"]
    assert PAGE_IDS.fullmatch("main") and not PAGE_IDS.fullmatch("map-of-partners")
    assert anchor_name("Map of partners") == "map-of-partners"


def test_a_link_to_a_section_that_is_not_there_is_reported_at_its_line() -> None:
    body = "Siehe [Zeitplan](#der-zeitplan), [oben](#top) und [Fußnote](#fn1).[^1]\n\nUnd [das](#gibt-es-nicht).\n\n"
    body += "## Der Zeitplan\n\n[^1]: Beleg\n"
    html, warnings = render(body)
    assert 'href="#der-zeitplan"' in html and 'id="der-zeitplan"' in html
    assert warnings == [(7, "link '#gibt-es-nicht' names no heading of this text (its headings: #der-zeitplan)")]


def test_a_link_to_a_section_one_slip_from_a_heading_is_told_the_heading_meant() -> None:
    """As a link into another text is (README: "naming the heading meant when one is close"):
    a link within the text was only given the list of every heading to search."""
    _, warnings = render("Siehe [unten](#der-zeitpla).\n\n## Ablauf\n\n## Der Zeitplan\n\n## Kontakt\n")
    assert warnings == [(5, "link '#der-zeitpla' names no heading of this text (did you mean #der-zeitplan?)")]


def test_a_link_to_a_heading_named_as_the_page_names_its_own_parts_is_told_the_headings_id() -> None:
    """'## Main' is #main-2, as the page's content is #main: a link written '#main' went there,
    past the heading, without a word."""
    html, warnings = render("Siehe [unten](#main) und [oben](#top).\n\n## Main\n")
    assert 'id="main-2"' in html
    assert warnings == [
        (
            5,
            "link '#main' leads to the page's own #main, not to this text's heading of that name, whose id is"
            " #main-2 (the page uses #main itself): link to #main-2",
        )
    ]


def test_a_link_to_a_section_written_with_non_ascii_letters_finds_it() -> None:
    _, warnings = render("[Abschnitt](#über-uns) [章](#今後の予定)\n\n## Über uns\n\n## 今後の予定\n")
    assert warnings == []


def test_check_names_the_file_and_line_of_a_link_to_a_missing_section(scratch_site) -> None:
    body = "date: 2024-07-17\n"
    site = scratch_site({"content/de/2024/x.md": release("A", body, "Text.\n\nMehr [unten](#termine).\n\n## Ablauf\n")})
    run = site.run("check", "--source", str(site.root))
    assert "content/de/2024/x.md:8: warning: link '#termine' names no heading of this text (its headings: #ablauf)" in (
        run.stderr
    )


def test_no_page_of_the_bundled_site_has_an_id_twice(bundled_site) -> None:
    for path in all_html(bundled_site):
        ids = Counter(re.findall(r'\sid="([^"]*)"', path.read_text(encoding="utf-8")))
        assert not [name for name, count in ids.items() if count > 1], path


def test_footnotes_are_named_and_their_way_back_is_worded_in_the_readers_language(scratch_site) -> None:
    body = "Text mit Beleg.[^1]\n\n[^1]: Staatsministerium, 2024.\n"
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n", body),
            "content/ja/2024/x.md": release("B", "", body.replace("Text mit Beleg.", "本文。")),
        }
    )
    assert site.build().code == 0
    for lang, heading, back in (("de", "Fußnoten", "Zurück zum Text"), ("ja", "注", "本文に戻る")):
        html = site.page(f"/{lang}/releases/2024/x/").html
        assert '<section class="footnotes" aria-labelledby="footnotes-heading">' in html
        assert f'<h2 id="footnotes-heading" class="visually-hidden" data-pagefind-ignore>{heading}</h2>' in html
        assert f'class="footnote-backref" aria-label="{back}">↩︎</a>' in html


def test_a_footnotes_way_back_is_held_to_its_last_word_in_every_language(scratch_site) -> None:
    # The parser wrote a plain space before the arrow: a line could end there and the arrow
    # stand alone on the next (in Japanese, after 。, as much as after a German word).
    notes = {"de": "Staatsministerium, 2024.", "ja": "州政府広報室、2024年。", "en": "State Ministry, 2024."}
    site = scratch_site(
        {
            f"content/{lang}/2024/x.md": release(
                "A", "date: 2024-07-17\n" if lang == "de" else "", f"Text.[^1] Noch[^1] einmal.\n\n[^1]: {note}\n"
            )
            for lang, note in notes.items()
        }
    )
    assert site.build().code == 0
    for lang, back in (("de", "Zurück zum Text"), ("ja", "本文に戻る"), ("en", "Back to the text")):
        html = site.page(f"/{lang}/releases/2024/x/").html
        arrows = f'\u00a0<a href="#fnref1" class="footnote-backref" aria-label="{back}">↩︎</a>'
        arrows += f'\u00a0<a href="#fnref2" class="footnote-backref" aria-label="{back}">↩︎</a>'
        # (The Japanese year is held to its 年, as every number to its counter.)
        note = notes[lang].replace("2024年", '<span class="tie">2024年</span>')
        assert f"{note}{arrows}</p>" in html
