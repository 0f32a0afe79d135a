"""The parts of a page in another language, listed for its search results (`pressroom.base.languageparts`)."""

from __future__ import annotations

import html
import json
import shutil
import time

from markupsafe import Markup

from pressroom.base import languageparts
from pressroom.base.languageparts import language_parts, language_parts_filter, with_parts
from pressroom.model import catalog
from pressroom.preview import resume
from pressroom.source.config import CACHE_DIR

from .test_translations import release


def test_each_part_in_another_language_once_with_its_text() -> None:
    markup = (
        '<p>Die <span lang="ja">未<wbr>病</span>-Industrie, das <a href="/x" lang="en">Kanagawa <em>Institute</em>'
        ' of\n Technology</a>, <span lang="de-CH">Grüezi</span>, <span lang="ja">未病</span>'
        ' und <span lang="en">R&amp;D</span>.</p>'
    )
    assert language_parts(markup, "de") == [
        ("ja", "未病"),
        ("en", "Kanagawa Institute of Technology"),
        ("en", "R&D"),
    ]
    # The page's own language, by its primary subtag, is no other language.
    assert ("de-CH", "Grüezi") not in language_parts(markup, "de-DE")
    assert ("de-CH", "Grüezi") in language_parts(markup, "en")


def test_a_part_with_an_element_of_its_own_kind_inside_ends_at_its_own_end_tag() -> None:
    markup = '<span lang="en">New <span class="x">York</span> City</span> liegt <span>am Meer</span>'
    assert language_parts(markup, "de") == [("en", "New York City")]


def test_no_parts_no_metadata() -> None:
    parts = language_parts_filter("de")
    assert parts("<p>Nur Deutsch.</p>") == ""
    assert parts('<img lang="en" alt="x"><p lang="de">Deutsch</p>') == ""
    element = parts('<h1>Präfektur <span lang="ja">神奈川県</span> &amp; <span lang="en">"R&amp;D"</span></h1>')
    assert element.startswith('<span hidden data-pagefind-meta="parts:') and element.endswith('"></span>')
    listed = html.unescape(element.removeprefix('<span hidden data-pagefind-meta="parts:').removesuffix('"></span>'))
    assert json.loads(listed) == [["ja", "神奈川県"], ["en", '"R&D"']]


def test_a_body_of_many_foreign_parts_is_read_in_time_that_grows_with_its_length():
    """Each part's end was looked for in a copy of the rest of the body, and each part compared
    with every one before it: 20,000 marked words took five seconds (a minute at 60,000)."""
    markup = "<p>" + "".join(f'<span lang="en">word{n}</span> und ' for n in range(20_000)) + "</p>"
    start = time.perf_counter()
    parts = language_parts(markup, "de")
    assert time.perf_counter() - start < 1.5
    assert len(parts) == 20_000 and parts[0] == ("en", "word0") and parts[-1] == ("en", "word19999")


def test_markup_that_carries_its_parts_is_not_looked_at_again() -> None:
    parts = language_parts_filter("de")
    carried = with_parts('<p><span lang="ja">未病</span></p>', (("ja", "未病"),))
    assert carried == '<p><span lang="ja">未病</span></p>' and isinstance(carried, Markup)
    assert parts(carried) == parts(Markup('<p><span lang="ja">未病</span></p>'))
    # What it carries is what is listed: nothing is looked for in the markup itself.
    assert "Kanagawa" in parts(with_parts("<p>Nur Deutsch.</p>", (("en", "Kanagawa"),)))
    assert parts(with_parts('<p><span lang="ja">未病</span></p>', ())) == ""
    # A body in another language as a whole is named as such, with or without parts.
    assert (
        parts(with_parts("<p>Nur Deutsch.</p>", (), "de")) == '<span hidden data-pagefind-meta="body_lang:de"></span>'
    )
    assert parts(with_parts("<p>Deutsch.</p>", (("ja", "未病"),), "de")).endswith(
        '<span hidden data-pagefind-meta="body_lang:de"></span>'
    )


def test_a_kept_bodys_parts_come_from_the_body_cache(scratch_site, monkeypatch) -> None:
    """Found once, when the body is rendered, and kept with it: a build that renders every page
    from kept bodies does not look for them, and its pages hand the same parts to search."""
    body = "Das Treffen in [Kanagawa]{lang=en} zum Thema [未病]{lang=ja}.\n"
    site = scratch_site({"content/de/2024/x.md": release("X", "date: 2024-07-17\n", body)})
    assert site.build().code == 0
    first = (site.output / "de/releases/2024/x/index.html").read_text(encoding="utf-8")
    assert '[["en","Kanagawa"],["ja","未病"]]' in html.unescape(first)
    looked: list[str] = []
    real = languageparts.language_parts

    def counted(markup: str, language: str) -> list[tuple[str, str]]:
        looked.append(markup)
        return real(markup, language)

    monkeypatch.setattr(languageparts, "language_parts", counted)
    monkeypatch.setattr(catalog, "language_parts", counted)
    shutil.rmtree(site.root / CACHE_DIR / "pages")
    shutil.rmtree(site.output)
    built = resume.build_resuming(site.root, site.output, search="off")
    assert not built.problems.errors
    assert not [markup for markup in looked if "未病" in markup]
    assert (site.output / "de/releases/2024/x/index.html").read_text(encoding="utf-8") == first


def test_the_lang_attribute_is_escaped_the_same_every_time_whatever_a_template_passes() -> None:
    """Made once per language and kept (it is written some fifteen times on every page): what a
    template passes that is no language code is escaped as ever, and kept only up to a bound."""
    lang_attr = languageparts.lang_attribute
    assert lang_attr("") == "" and lang_attr(None) == ""  # type: ignore[arg-type]
    assert lang_attr("ja") == ' lang="ja"' and lang_attr("ja") is lang_attr("ja")
    assert isinstance(lang_attr("ja"), Markup)
    assert lang_attr('x"><script>') == ' lang="x&#34;&gt;&lt;script&gt;"'
    assert lang_attr(["de"]) == ' lang="[&#39;de&#39;]"'  # type: ignore[arg-type]  (unhashable: not kept)
    for number in range(1000):
        assert lang_attr(f"x-{number}") == f' lang="x-{number}"'
    assert len(languageparts._LANG_ATTRIBUTES) <= languageparts._KEPT_ATTRIBUTES
