"""The copy of the pages that the search indexer reads: Japanese cut into characters, nothing else changed."""

from __future__ import annotations

from pathlib import Path

from pressroom.output.search_text import BOUNDARY, indexable_html, separate_characters, stage_for_index

ZW = BOUNDARY


def test_adjacent_japanese_characters_are_separated_and_numbers_stand_alone() -> None:
    assert separate_characters("未病") == f"未{ZW}病"
    assert separate_characters("シュトゥットガルト") == ZW.join("シュトゥットガルト")
    # Numbers go to the indexer whole, between spaces (the dictionary segmenter splits them at whim).
    assert separate_characters("（1989年11月）") == "（ 1989 年 11 月）"
    assert separate_characters("1,580億、1.5度") == " 1,580 億、 1.5 度"
    # Latin words stay words (the segmenter splits them from Japanese by script).
    assert separate_characters("AI技術 under2 ME-BYO") == f"AI技{ZW}術 under2 ME-BYO"
    # A voicing mark written as its own character stays with its letter.
    assert separate_characters("カ\u3099ス") == f"カ\u3099{ZW}ス"


def test_only_japanese_pages_change_and_only_by_boundaries() -> None:
    page = (
        '<html lang="ja"><head><title>日本</title></head><body><h1 id="s2024" title="日本語">'
        '<span>パートナーに<wbr>ついて</span></h1><p><a href="/ja/releases/2024/">2024年</a>11月</p></body></html>'
    )
    indexed = indexable_html(page)
    # Across a tag too: the phrase break of に<wbr>ついて must not let the segmenter join に and つ.
    assert f"パ{ZW}ー{ZW}ト{ZW}ナ{ZW}ー{ZW}に<wbr>{ZW}つ{ZW}い{ZW}て</span>" in indexed
    assert '2024/"> 2024 年</a> 11 月' in indexed
    assert 'id="s2024"' in indexed  # numbers in attributes stay whole (anchors, links)
    assert indexed.replace(ZW, "").replace(" ", "") == page.replace(" ", "")
    german = page.replace('lang="ja"', 'lang="de"')
    assert indexable_html(german) == german


def test_the_published_site_is_left_as_it_is(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "ja" / "about").mkdir(parents=True)
    page = '<!doctype html><html lang="ja"><body><p>未病</p></body></html>'
    (site / "ja" / "about" / "index.html").write_text(page, encoding="utf-8")
    (site / "style.css").write_text("p{}", encoding="utf-8")
    (site / "de").mkdir()
    (site / "de" / "index.html").write_text(page.replace('lang="ja"', 'lang="de"'), encoding="utf-8")
    stage_for_index(site, staging)
    assert (staging / "de" / "index.html").read_bytes() == (site / "de" / "index.html").read_bytes()
    assert (site / "ja" / "about" / "index.html").read_text(encoding="utf-8") == page
    assert (staging / "ja" / "about" / "index.html").read_text(encoding="utf-8") == page.replace("未病", f"未{ZW}病")
    assert not (staging / "style.css").exists()
