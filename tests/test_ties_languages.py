"""Words are tied by the rules of the language they are in: a part marked in another language
(``[…]{lang=ja}``) by that language's until it ends, and an untranslated copy's body by the
language it is still in."""

from __future__ import annotations

from pathlib import Path

from pressroom.base.ties import tied_html
from pressroom.pipeline.building import build
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .test_incremental import assert_same_as_full_build
from .test_ties import NBSP, TIE, _block

BODY = '<div class="body prose"[^>]*>'

FILES = {
    "content/de/2024/vertrag.md": (
        "---\ntitle: Vertrag unterzeichnet\ndate: 2024-07-17\n---\n\n"
        "Der Gouverneur sagte: [We signed on 17 July, 150 kilometres from here. I am 12. Next year"
        " we meet again]{lang=en}. Unterzeichnet am 17. Juli, auf Japanisch [2024年7月17日に署名]{lang=ja}.\n"
    ),
    "content/en/2024/vertrag.md": (
        "---\ntitle: Treaty signed\n---\n\nThe minister said [am 17. Juli, rund 150 Kilometer entfernt]{lang=de}"
        " on 17 July.\n"
    ),
    "content/ja/2024/vertrag.md": (
        "---\ntitle: 協定に署名\n---\n\n知事は[Unterzeichnet am 17. Juli]{lang=de}と述べ、7月17日に署名しました。\n"
    ),
}


def test_a_part_in_another_language_is_tied_by_its_own_languages_rules(scratch_site) -> None:
    """German rules were applied inside an English part of a German text (and tied a sentence's
    end, "am 12.␣Next", as if 12. were an ordinal), English ones not ("17 July" broke); a
    Japanese part's numbers were not held to their counters."""
    site = scratch_site(FILES)
    assert site.build().code == 0
    german = _block(site.page("/de/releases/2024/vertrag/").html, BODY + "\\s*<p>")
    english_part = f"We signed on 17{NBSP}July, 150{NBSP}kilometres from here. I am 12. Next year we meet again"
    assert f'<span lang="en">{english_part}</span>' in german
    assert f"Unterzeichnet am 17.{NBSP}Juli" in german  # German again after the part's end
    date = f'<span class="date">{TIE}2024年</span>{TIE}7月</span>{TIE}17日</span></span>'
    assert f'<span lang="ja">{date}に署名</span>' in german
    english = _block(site.page("/en/releases/2024/vertrag/").html, BODY + "\\s*<p>")
    assert f'<span lang="de">am 17.{NBSP}Juli, rund 150{NBSP}Kilometer entfernt</span> on 17{NBSP}July' in english
    japanese = _block(site.page("/ja/releases/2024/vertrag/").html, BODY + "\\s*<p>")
    date = f'<span class="date">{TIE}7月</span>{TIE}17日</span></span>'
    assert f'<span lang="de">Unterzeichnet am 17.{NBSP}Juli</span>と述べ、{date}' in japanese


def test_a_languages_rules_end_where_its_element_ends() -> None:
    """An element of the same name inside the part does not end it; an element whose language
    is unknown (``lang=""``) ties nothing."""
    html = (
        '<p><span lang="en">on <span>17 July</span> am 17. Juli</span> am 17. Juli'
        '<em lang="">am 17. Juli</em> <img lang="ja" alt=""> am 17. Juli</p>'
    )
    assert tied_html(html, "de", remember=False) == (
        f'<p><span lang="en">on <span>17{NBSP}July</span> am 17. Juli</span> am 17.{NBSP}Juli'
        f'<em lang="">am 17. Juli</em> <img lang="ja" alt=""> am 17.{NBSP}Juli</p>'
    )


COPIED = "Unterzeichnet am 17. Juli in Stuttgart."


def _copy_site(scratch_site):
    return scratch_site(
        {
            "content/de/2024/vertrag.md": f"---\ntitle: Vertrag\ndate: 2024-07-17\n---\n\n{COPIED}\n",
            "content/ja/2024/vertrag.md": f"---\ntitle: Vertrag\nuntranslated: true\n---\n\n{COPIED}\n",
        }
    )


def test_an_untranslated_copys_body_is_tied_by_the_language_it_is_still_in(scratch_site, tmp_path: Path) -> None:
    """A German text shown on the Japanese site as it is was tied by no language's rules; once the
    original is changed, the copy is no longer its text, and is tied by none again (as a full
    build ties it)."""
    site = _copy_site(scratch_site)
    result = build(site.root, site.output, search="off", keep=True)
    assert result.rendered is not None
    copy = site.page("/ja/releases/2024/vertrag/").html
    assert f'<div class="body prose" lang="de">\n<p>Unterzeichnet am 17.{NBSP}Juli in Stuttgart.</p>' in copy
    original = site.root / "content/de/2024/vertrag.md"
    original.write_text(original.read_text(encoding="utf-8").replace("Stuttgart", "Karlsruhe"), encoding="utf-8")
    rebuilt = quick_rebuild(QuickSite.of(result.rendered), [original], site.output)
    assert rebuilt is not None
    assert "<p>Unterzeichnet am 17. Juli in Stuttgart.</p>" in site.page("/ja/releases/2024/vertrag/").html
    assert_same_as_full_build(site, tmp_path)
