"""Emphasis beside Chinese, Japanese and Korean text reads as the CommonMark CJK-friendly
amendment says: ``これは**「重要」**です`` is strong emphasis, where CommonMark showed the
asterisks (and a Japanese editor had to type a space after ``：**`` to get it)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pressroom.source.frontmatter import Translatable
from pressroom.source.markdown import markdown_parser, render_markdown
from pressroom.source.mdcjk import SENTINEL, mark_cjk_emphasis
from pressroom.workflow.segments import segment


def render(markdown: str) -> str:
    return render_markdown(markdown, 1, lambda href, line: None).strip()


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        # Punctuation inside the marks, a letter outside: the amendment's reason.
        ("これは**「重要」**です", "<p>これは<strong>「重要」</strong>です</p>"),
        ("**ページの閲覧：**ブラウザーは", "<p><strong>ページの閲覧：</strong>ブラウザーは</p>"),
        ("価格は*￥100*です", "<p>価格は<em>￥100</em>です</p>"),
        ("~~「旧案」~~新案", "<p><s>「旧案」</s>新案</p>"),
        ("我可以强调**这个`code`**吗", "<p>我可以强调<strong>这个<code>code</code></strong>吗</p>"),
        ("**이 용어(This term)**를 강조해 주세요.", "<p><strong>이 용어(This term)</strong>를 강조해 주세요.</p>"),
        ("a**あ、**b", "<p>a<strong>あ、</strong>b</p>"),
        ("[**「重要」**]{lang=ja}です", '<p><span lang="ja"><strong>「重要」</strong></span>です</p>'),
        # What CommonMark already read stays as it was.
        ("これは**重要**です", "<p>これは<strong>重要</strong>です</p>"),
        ("Text **fett** und *kursiv*.", "<p>Text <strong>fett</strong> und <em>kursiv</em>.</p>"),
        ("a*(b)*c", "<p>a*(b)*c</p>"),
        ("Präfektur*(Kanagawa)*ä", "<p>Präfektur*(Kanagawa)*ä</p>"),
        # Marks that are text stay text: escaped, in code, in an address, underscores.
        ("\\**「重要」**です", "<p>**「重要」**です</p>"),
        ("`これは**「重要」**です`", "<p><code>これは**「重要」**です</code></p>"),
        ("```\nこれは**「重要」**です\n```", "<pre><code>これは**「重要」**です\n</code></pre>"),
        ("[地図](https://example.org/地**「図」**)", None),
        ("これは__「重要」__です", "<p>これは__「重要」__です</p>"),
    ],
)
def test_emphasis_beside_cjk_text(markdown, html):
    rendered = render(markdown)
    assert SENTINEL not in rendered
    if html is None:  # an address keeps its characters: the mark never goes into it
        assert mark_cjk_emphasis(markdown) == markdown
    else:
        assert rendered == html


def test_a_body_that_holds_the_mark_itself_is_read_as_commonmark_reads_it():
    text = f"{SENTINEL} これは**「重要」**です"
    assert mark_cjk_emphasis(text) == text
    assert render(text) == f"<p>{SENTINEL} これは**「重要」**です</p>"


def test_the_translation_workflow_reads_the_same_emphasis():
    """A translator saw ``**「重要」**`` as words to translate, and the import escaped them."""
    document = segment(Translatable("T", "", "", "これは**「重要」**です。\n"), "ja")
    [unit] = [u for u in document.units if u.id == "b1"]
    assert unit.text == "これは<1>「重要」</1>です。"
    assert SENTINEL not in document.skeleton


ALPHABET = st.sampled_from([*"あ漢「」。：、ｂ", *"ab(). ", "*", "**", "~~", "`", "\\", "\n", "_"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
@example("*_*あ_")
def test_marks_are_only_added_and_never_shown(text):
    marked = mark_cjk_emphasis(text)
    assert marked.replace(SENTINEL, "") == text
    rendered = render(text)
    assert SENTINEL not in rendered
    # The words are the same as CommonMark's own reading, but for the marks it took as emphasis.
    plain = markdown_parser().render(text)
    assert _words(rendered) == _words(plain)


def _words(html: str) -> str:
    """The characters of a rendering that are neither tags nor emphasis marks (``_`` too: in
    ``*_*あ_`` CommonMark pairs the underscores, the amendment the stars)."""
    return re.sub(r"<[^>]+>|[*_~\s]", "", html.replace("&quot;", '"'))


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        # A browser shows a line end as a space, Chromium also between two Japanese characters.
        ("これは長い文章なので\n途中で改行しています。", "<p>これは長い文章なので途中で改行しています。</p>"),
        (
            "**強調**\n続き\n[リンク](https://example.org/)\nです",
            '<p><strong>強調</strong>続き<a href="https://example.org/">リンク</a>です</p>',
        ),
        ("中文句子\n继续", "<p>中文句子继续</p>"),
        # Where a space belongs, or the line end is the text's own, it stays.
        ("English line\nnext line", "<p>English line\nnext line</p>"),
        ("日本語\nEnglish", "<p>日本語\nEnglish</p>"),
        ("한국어\n문장", "<p>한국어\n문장</p>"),
        ("行末\\\n改行", "<p>行末<br>\n改行</p>"),
        ("```\nコード\n行\n```", "<pre><code>コード\n行\n</code></pre>"),
    ],
)
def test_a_line_end_between_cjk_characters_is_no_space(markdown, html):
    assert render(markdown) == html
