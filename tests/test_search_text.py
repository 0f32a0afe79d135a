"""The copy of the pages that the search indexer reads: what Pagefind reads of them, Japanese cut into characters."""

from __future__ import annotations

import errno
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.base import parallel
from pressroom.base.languageparts import CHINESE, primary_subtag
from pressroom.output import search, search_text
from pressroom.output.search import executable, index_site, scratch_places
from pressroom.output.search_text import KEPT_SPACE, indexable_html, indexed_part, separate_characters
from pressroom.output.searchstage import stage_for_index


def test_adjacent_japanese_characters_are_separated_and_numbers_stand_alone() -> None:
    assert separate_characters("未病") == "未 病"
    assert separate_characters("シュトゥットガルト") == " ".join("シュトゥットガルト")
    # Punctuation is a word of its own: a phrase does not run across it.
    assert separate_characters("「未病」、州＝県・市") == "「 未 病 」 、 州 ＝ 県 ・ 市"
    # Numbers go to the indexer whole, between spaces.
    assert separate_characters("（1989年11月）") == "（ 1989 年 11 月 ）"
    assert separate_characters("1,580億、1.5度") == " 1,580 億 、 1.5 度"
    # Latin words stay words, set apart from Japanese as the dictionary segmenter did by script.
    assert separate_characters("のEU加盟国、OECDから") == "の EU 加 盟 国 、 OECD か ら"
    assert separate_characters("AI技術 under2 ME-BYO") == f"AI 技 術{KEPT_SPACE} under2 ME-BYO"
    # A voicing mark written as its own character stays with its letter.
    assert separate_characters("カ\u3099ス") == "カ\u3099 ス"


def test_a_space_the_text_has_itself_is_marked_to_be_kept() -> None:
    assert separate_characters("州 国際") == f"州{KEPT_SPACE} 国 際"
    assert separate_characters("2024年 4月") == f" 2024 年{KEPT_SPACE} 4 月"
    assert separate_characters("4 年") == f" 4{KEPT_SPACE} 年"
    assert separate_characters("州 1989") == f"州{KEPT_SPACE} 1989 "
    # Not between Latin words or numbers, where the search page leaves spaces alone anyway.
    assert separate_characters("Kanagawa 県") == f"Kanagawa{KEPT_SPACE} 県"
    assert separate_characters("Baden Stuttgart 1989 2024 und") == "Baden Stuttgart 1989 2024 und"
    # A full-width space is marked twice: Pagefind turns it into a plain one, the search page back.
    assert separate_characters("知事\u3000黒岩") == f"知 事{KEPT_SPACE}{KEPT_SPACE} 黒 岩"
    bold = '<html lang="ja"><p>知事\u3000<strong>黒岩</strong></p>'
    assert indexable_html(bold) == f'<html lang="ja"><p>知 事{KEPT_SPACE}{KEPT_SPACE}\u3000<strong>黒 岩</strong></p>'
    # A title given to Pagefind in an attribute keeps its spaces too, and is not indexed.
    header = '<html lang="ja"><body><header data-pagefind-meta="title:州 国際">'
    assert indexable_html(header) == header.replace("州 ", f"州{KEPT_SPACE} ")
    page = '<html lang="ja"><body><p>州 <a href="/">国</a>。</p>\n<p>次</p></body></html>'
    # Across inline tags only: Pagefind ends a sentence at a block whatever stands around it.
    expected = f'<html lang="ja"><body><p>州{KEPT_SPACE} <a href="/">国</a> 。</p>\n<p>次</p></body></html>'
    assert indexable_html(page) == expected


def test_text_is_set_apart_across_every_tag_at_which_pagefind_joins_it() -> None:
    page = (
        '<html lang="ja"><body><p>国<s>日本</s>です</p><table><tr><th>協力</th>\n<th>分野</th></tr></table>'
        "<dl><dt>州</dt><dd>県</dd></dl><p>前</p>\n<p>後<br>次</p></body></html>"
    )
    expected = (
        f'<html lang="ja"><body><p>国<s> 日 本</s> で す</p><table><tr><th>協 力{KEPT_SPACE}</th>\n<th>分 野</th>'
        "</tr></table><dl><dt> 州</dt><dd> 県</dd></dl><p>前</p>\n<p>後<br>次</p></body></html>"
    )
    # Not at a block or a line break: Pagefind sets the text apart there itself.
    assert indexable_html(page) == expected


_JAPANESE = re.compile(f"[{search_text._AFTER}]")


def test_pagefind_reads_each_japanese_character_as_a_word_of_its_own(tmp_path: Path) -> None:
    """Pagefind itself, over a staged page with the tags Markdown and templates write around text."""
    body = (
        "<h1>見出し<wbr>です</h1><p>国<s>日本</s>です<sup><a href='#f'>1</a></sup>。<em>強調</em>、"
        "<ruby>漢<rt>かん</rt></ruby>字</p><table><thead><tr><th>協力分野</th>\n<th>主な内容</th></tr></thead>"
        "<tbody><tr><td>環境</td><td>未病</td></tr></tbody></table><blockquote>引用</blockquote><ol><li>一</li>"
        "<li>二<br>三</li></ol><dl><dt>州</dt><dd>県</dd></dl><figure><figcaption>写真</figcaption></figure>"
        "<p>BW&#39;sの〇〇市、2024年<u>下線</u><ins>追加</ins><del>削除</del></p>"
    )
    page = f'<html lang="ja"><head><title>題</title></head><body><main data-pagefind-body>{body}</main></body></html>'
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text(indexable_html(page), encoding="utf-8")
    run = subprocess.run(
        [str(executable()), "--site", str(tmp_path / "site"), "--output-path", str(tmp_path / "bundle")],
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    (fragment,) = (tmp_path / "bundle" / "fragment").iterdir()
    content = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
    words = [word.replace(KEPT_SPACE, "").rstrip(".") for word in content.split()]
    assert [word for word in words if _JAPANESE.search(word) and len(word) > 1] == []
    # Nothing lost, nothing added: the page's text, in its order.
    assert "".join(words) == re.sub(r"<[^<>]*>|\s", "", body).replace("&#39;", "'")
    assert "BW's" in words


def test_character_references_and_letters_among_the_punctuation_stay_as_they_are() -> None:
    assert separate_characters("BW&#39;sの&#x27;州&#12354;") == "BW&#39;s の &#x27; 州 &#12354;"
    assert separate_characters("〇〇市") == "〇 〇 市"


def test_only_japanese_pages_change_and_only_by_boundaries() -> None:
    page = (
        '<html lang="ja"><head><title>日本</title></head><body><h1 id="s2024" title="日本語">'
        '<span>パートナーに<wbr>ついて</span></h1><p><a href="/ja/releases/2024/">2024年</a>11月</p></body></html>'
    )
    indexed = indexable_html(page)
    # Across a tag too: the phrase break of に<wbr>ついて must not let the segmenter join に and つ.
    assert "パ ー ト ナ ー に<wbr> つ い て</span>" in indexed
    assert '2024/"> 2024 年</a> 11 月' in indexed
    assert 'id="s2024"' in indexed  # numbers in attributes stay whole (anchors, links)
    assert indexed.replace(" ", "") == page.replace(" ", "")
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
    assert (staging / "ja" / "about" / "index.html").read_text(encoding="utf-8") == page.replace("未病", "未 病")
    assert not (staging / "style.css").exists()


def test_what_pagefind_reads_of_a_marked_page() -> None:
    page = (
        b'<!DOCTYPE html>\n<html lang="de">\n<head><meta charset="utf-8"><title>T | Site</title></head>\n'
        b'<body><nav><a href="/">Start</a></nav><main><article data-pagefind-body><h1>Titel</h1>'
        b"<p>Text</p></article><aside>Mehr</aside></main><footer>Fu\xc3\x9f</footer></body></html>"
    )
    part = indexed_part(page)
    assert part is not None
    assert b"<title>T | Site</title>" in part and b'<html lang="de">' in part
    assert b"<article data-pagefind-body><h1>Titel</h1><p>Text</p></article>" in part
    assert b"Start" not in part and b"Mehr" not in part and b"Fu" not in part
    # Whatever else on the page Pagefind would record keeps the page whole.
    for counted in (b"<aside><h1>Mehr</h1>", b'<aside data-pagefind-meta="x:y">Mehr', b'<aside><img src="a.png">'):
        other = page.replace(b"<aside>Mehr", counted)
        assert indexed_part(other) == other
    # Unmarked, or only mentioning the mark: nothing to take out.
    assert indexed_part(page.replace(b" data-pagefind-body", b"")) is None
    assert indexed_part(page.replace(b" data-pagefind-body>", b">data-pagefind-body")) is None


def test_either_pagefind_build_serves_when_only_one_is_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plain, extended = executable(), executable(frozenset({"zh"}))
    assert plain.name == "pagefind" and extended.name == "pagefind_extended"
    assert search.search_warnings(["de", "zh-TW"]) == []
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # not installed
    assert executable() == extended
    monkeypatch.undo()
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    # Chinese is then indexed by the plain build, and the build says what that costs readers.
    assert executable(frozenset({"zh"})) == plain
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="zh-CN"><body><p>中文新闻稿</p></body></html>', encoding="utf-8")
    index_site(site, jobs=1)
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    (warning,) = search.search_warnings(["de", "zh-TW", "ja"])
    assert "zh" in warning and "pagefind[extended]" in warning
    assert search.search_warnings(["de", "ja", "en"]) == []
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)
    assert search.search_warnings(["zh"]) == []  # no Pagefind at all: the build fails instead
    with pytest.raises(search.SearchUnavailable, match=r"pip install 'pagefind\[bin\]'"):
        executable()


PROBED = [*sorted(CHINESE), "zh-hant-tw", "th", "ja", "de"]
UNSPACED = "每個月都有新聞稿發佈 เราจะไปตลาดพรุ่งนี้"
"""A Chinese and a Thai phrase: two words where nothing splits them, more where Pagefind does."""


def test_the_extended_build_is_asked_for_exactly_where_pagefind_segments(tmp_path: Path) -> None:
    """Pagefind's extended build splits a page's words only where its ``<html lang>`` is zh, ja or
    th before the first hyphen (``should_segment`` in its fossick/mod.rs): a Cantonese (yue) or
    Mandarin (cmn) page is indexed as the plain build indexes it. The languages pressroom asks
    the extended build for are those, less Japanese (cut into characters before), whatever
    version of Pagefind is installed."""
    site = tmp_path / "site"
    for code in PROBED:
        (site / code).mkdir(parents=True)
        page = f'<html lang="{code}"><body><p>{UNSPACED}</p></body></html>'
        (site / code / "index.html").write_text(page, encoding="utf-8")
    run = subprocess.run(
        [executable(frozenset({"zh"})), "--site", site, "--output-path", tmp_path / "bundle", "--verbose"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    )
    words = dict(re.findall(r"Language (\S+): \n\s+Indexed 1 page\n\s+Indexed (\d+) words", run.stdout))
    assert sorted(words) == sorted(PROBED)
    split = {code for code, count in words.items() if int(count) > 2}
    assert split - {"ja"} == {code for code in PROBED if primary_subtag(code) in search.SEGMENTED}
    assert split >= {"zh", "zh-hant-tw", "th"} and not split & {"yue", "cmn"}


def test_a_cantonese_or_mandarin_site_is_indexed_by_the_plain_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It gains nothing from the extended one (see above), which loads a dictionary at every run,
    and is not told to install it."""
    ran: list[str] = []
    popen = subprocess.Popen

    def recording(command: list[str], *args: Any, **kwargs: Any) -> subprocess.Popen[str]:
        ran.append(Path(command[0]).name)
        return popen(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", recording)
    for code, binary in (("yue", "pagefind"), ("cmn-Hant", "pagefind"), ("zh-Hant", "pagefind_extended")):
        site = tmp_path / code
        site.mkdir()
        page = f'<html lang="{code}"><body><p>{UNSPACED}</p></body></html>'
        (site / "index.html").write_text(page, encoding="utf-8")
        ran.clear()
        index_site(site, jobs=1)
        assert ran == [binary], code
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    assert search.search_warnings(["de", "yue", "cmn-Hant"]) == []
    assert search.search_warnings(["de", "zh-Hant"]) != []


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder where index_site stages its pages: Pagefind's index follows the order the file system lists them in."""
    with tempfile.TemporaryDirectory(dir=scratch_places(tmp_path)[0]) as folder:
        yield Path(folder)


def test_the_index_is_the_one_pagefind_makes_of_the_whole_pages_at_once(
    bundled_site: Path, tmp_path: Path, scratch: Path
) -> None:
    """Staged parts, one run per language, bundles put together: byte for byte what one Pagefind run
    over the bundled site's whole pages writes."""
    whole, site = scratch / "whole", tmp_path / "site"
    for page in sorted(bundled_site.rglob("*.html")):
        for root, data in (
            (whole, indexable_html(page.read_text(encoding="utf-8")).encode()),
            (site, page.read_bytes()),
        ):
            target = root / page.relative_to(bundled_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    staged = stage_for_index(bundled_site, tmp_path / "parts", by_language=True)
    assert len(staged) == 3  # de, ja, en
    assert (
        sum(p.stat().st_size for p in (tmp_path / "parts").rglob("*.html"))
        < sum(p.stat().st_size for p in whole.rglob("*.html")) / 2
    )
    run = subprocess.run(
        [str(executable()), "--site", str(whole), "--output-path", str(tmp_path / "one")], capture_output=True
    )
    assert run.returncode == 0, run.stderr
    index_site(site, jobs=2)
    bundles = [
        {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
        for bundle in (tmp_path / "one", site / "pagefind")
    ]
    entries = [json.loads(bundle.pop(Path("pagefind-entry.json"))) for bundle in bundles]
    assert len(bundles[0]) > 10 and set(entries[0]["languages"]) == {"de", "ja", "en"}
    assert bundles[0] == bundles[1]
    assert entries[0] == entries[1]
    assert list(entries[1]["languages"]) == ["de", "en", "ja"]  # sorted: the same bytes every time


def test_each_language_is_handed_to_its_indexer_as_soon_as_it_is_staged(bundled_site: Path, tmp_path: Path) -> None:
    """Japanese first (its Pagefind run is the longest), and every folder whole when it is handed over:
    a run that starts on it reads exactly the pages a run at the end would."""
    seen: list[tuple[Path, dict[Path, bytes]]] = []

    def ready(folder: Path, languages: frozenset[str]) -> None:
        seen.append((folder, {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.html")}))
        handed.append(languages)

    handed: list[frozenset[str]] = []

    staged = stage_for_index(bundled_site, tmp_path / "parts", by_language=True, ready=ready)
    assert len(seen) == 3 and {folder for folder, _ in seen} == set(staged)
    for folder, pages in seen:
        assert pages == {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.html")}
        assert pages
    languages = [{re.search(rb'<html[^>]*lang="ja"', page) is not None for page in pages.values()} for _, pages in seen]
    assert languages == [{True}, {False}, {False}]
    assert handed == [{"ja"}, {"de"}, {"en"}]
    separated = re.compile("[\u3041-\u30ff\u4e00-\u9fff] [\u3041-\u30ff\u4e00-\u9fff]")
    assert all(separated.search(page.decode()) for page in seen[0][1].values() if b"data-pagefind-body" in page)


def test_memory_full_half_way_stages_again_on_disk_and_indexes_the_same(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run started on the pages staged in memory is waited for and dropped when memory runs out
    for the next language; the bundle is the one staging on disk from the start gives."""
    site = tmp_path / "site"
    shutil.copytree(bundled_site, site, ignore=shutil.ignore_patterns("pagefind"))
    with monkeypatch.context() as disk_only:
        disk_only.setattr(search, "scratch_places", lambda beside: [beside])
        index_site(site, jobs=2, bundle=tmp_path / "expected")
    real = search.stage_for_index
    places: list[Path] = []

    def memory_runs_out(folder: Path, pages: Path, **options: Any) -> list[Path]:
        places.append(pages.parent)
        if len(places) > 1:
            return real(folder, pages, **options)
        handed = options.pop("ready")

        def ready(staged: Path, languages: frozenset[str]) -> None:
            handed(staged, languages)
            raise OSError(errno.ENOSPC, "No space left on device")

        return real(folder, pages, ready=ready, **options)

    monkeypatch.setattr(search, "stage_for_index", memory_runs_out)
    monkeypatch.setattr(search, "scratch_places", lambda beside: [tmp_path / "memory", beside])
    (tmp_path / "memory").mkdir()
    index_site(site, jobs=2, bundle=tmp_path / "got")
    assert len(places) == 2 and places[1] != tmp_path / "memory"
    assert not list((tmp_path / "memory").iterdir())

    def files(bundle: Path) -> dict[Path, bytes]:
        return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}

    assert files(tmp_path / "got") == files(tmp_path / "expected")


def test_pages_read_by_several_workers_are_staged_as_by_one(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)

    def staged(jobs: int) -> list[tuple[str, bytes]]:
        folders = stage_for_index(bundled_site, tmp_path / str(jobs), by_language=True, jobs=jobs)
        return [
            (f"{folders.index(folder)}/{page.relative_to(folder)}", page.read_bytes())
            for folder in folders
            for page in sorted(folder.rglob("*.html"))
        ]

    one = staged(1)
    assert len(one) > 50 and staged(2) == one


def test_a_failure_while_staging_stops_the_runs_already_started(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Japanese is handed to its indexer first; when staging the next language fails, that run
    is stopped rather than waited for, and nothing is left beside the site."""
    site = tmp_path / "out" / "site"
    shutil.copytree(bundled_site, site, ignore=shutil.ignore_patterns("pagefind"))
    slow = tmp_path / "pagefind"
    slow.write_text('#!/bin/sh\necho started >> "$(dirname "$0")/runs"\nexec sleep 60\n', encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda languages=frozenset(): slow)
    real = search.stage_for_index

    def failing(folder: Path, pages: Path, **options: Any) -> list[Path]:
        handed = options.pop("ready")

        def ready(staged: Path, languages: frozenset[str]) -> None:
            handed(staged, languages)
            deadline = time.monotonic() + 10
            while not (tmp_path / "runs").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            raise OSError(errno.EIO, "Input/output error")

        return real(folder, pages, ready=ready, **options)

    monkeypatch.setattr(search, "stage_for_index", failing)
    started = time.monotonic()
    with pytest.raises(OSError, match="Input/output"):
        index_site(site, jobs=2)
    assert (tmp_path / "runs").read_text(encoding="utf-8") == "started\n"
    assert time.monotonic() - started < 30
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


# The plain rules, one regular expression each, that the quicker code in search_text must match:
# search_text._BETWEEN itself (which it falls back on for uncommon text), and this one for tags.
_ACROSS_RULE = re.compile(
    f"(?<=[{search_text._BEFORE}])((?:\\s*<[^<>]*>)+\\s*)(?=[^\\s<{search_text._MARKS}])"
    f"|(?<=[^\\s>])((?:\\s*<[^<>]*>)+\\s*)(?=(?![{search_text._MARKS}])[{search_text._AFTER}])"
)
_PIECES = list("未病カ\u3099ｶﾞ、。＝ー々〇Ab_-12. \n\u3000")


# Where Pagefind sets text apart itself (SENTENCE_SELECTORS and SPACE_SELECTORS in its
# fossick/parser.rs), and the tags that frame what it reads of a page.
_PAGEFIND_SEPARATES = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section", "br"}
_FRAMES = {"html", "head", "body", "title", "meta", "link"}
_TAGS = ["<wbr>", "<a href='/x'>", "</a>", "<p>", "</p>", "<br/>", "<s>", "</th>", "</li>", "<rt>", "<pre>"]
_TAGS += ["<section data-pagefind-body>", "<meta charset='utf-8'>", "</title>", "<span id='a'>"]


def _across_by_rule(html: str) -> str:
    def replace(found: re.Match[str]) -> str:
        between = found.group(1) or found.group(2)
        tags = re.findall(r"<(/?)([a-z0-9]+)([^<>]*)>", between)
        if any(name in _PAGEFIND_SEPARATES | _FRAMES or "data-pagefind-body" in rest for _, name, rest in tags):
            return between
        text = re.sub("<[^<>]*>", "", between)
        kept = KEPT_SPACE * (2 if "\u3000" in text else 1)
        return kept + between if text.isspace() else f"{between} "

    return _ACROSS_RULE.sub(replace, html)


def _kept(space: re.Match[str]) -> str:
    return KEPT_SPACE * (2 if "\u3000" in space.group() else 1) + " "


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, KEPT_SPACE, f"{KEPT_SPACE} "]), max_size=12))
def test_japanese_runs_are_set_apart_as_the_plain_rule_says(pieces: list[str]) -> None:
    text = "".join(pieces)
    prepared = search_text._NUMBER_ENDS.sub(
        " ", search_text._NUMBER_STARTS.sub(" ", search_text._OWN_SPACE.sub(_kept, text))
    )
    assert separate_characters(text) == search_text._BETWEEN.sub(" ", prepared)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_PIECES, *_TAGS]),
        max_size=12,
    )
)
def test_tags_between_japanese_are_handled_as_the_plain_rule_says(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert search_text._across_tags(html) == _across_by_rule(html)
