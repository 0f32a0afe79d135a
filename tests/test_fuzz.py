"""Random bytes and random YAML and Markdown structures against the readers and the renderer.

Whatever an editor's file holds, the front-matter reader, the partner loader and the Markdown
renderer either give checked values or record problems: no exception escapes them. What they
give never holds a control character, and the HTML never an element or attribute that runs
script (``<script>``, ``on…=``, a ``javascript:`` URL).
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pressroom.base.errors import Problems
from pressroom.source.content import ContentTree, MarkdownSource, read_text
from pressroom.source.frontmatter import VersionSource, read_version
from pressroom.source.markdown import parse_to_html, render_markdown
from pressroom.source.mdhtml import Calls, LinkRewrite, finish
from pressroom.source.mdspans import mark_spans
from pressroom.source.partners import load_partners

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LANGUAGES = ("de", "ja", "en")
# The test's own oracle, not the code's: what XML forbids, and what a browser would run.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def is_allowed_link(url: str) -> bool:
    # As browsers read a URL: tabs and newlines anywhere, controls and spaces in front, are ignored.
    cleaned = re.sub("[\t\n\r]", "", url).lstrip("".join(chr(code) for code in range(0x21)))
    scheme = re.match(r"([^:/?#]*):", cleaned)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.sampled_from(["2024-07-17", "0001-01-01", "2024-02-30", "NO", "1.10", "kanagawa", "energy", "de", "ja"]),
    st.sampled_from(["A\x00B", "\x1b[2J", "x\ufffe", "\x07", "tab\tok", "a\u2028b", "<script>", "javascript:x"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            *("title", "date", "summary", "source", "partners", "topics", "key", "slug", "draft", "updated"),
            *("confirmed", "publish", "name", "native", "country", "since", "status", "kind", "location", "links"),
            *("url", *LANGUAGES),
        ]
    ),
    st.text(max_size=12),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)

MARKDOWN_PIECES = [
    "#", "## ", ">", "> ", "- ", "* ", "1. ", "  ", "    ", "\n", "\n\n", "*", "**", "_", "`", "```", "~~~",
    "[", "]", "(", ")", "](", "![", "<", ">", "&", "&#x6a;", "&#0;", "\\", "|", "|---|", "---", "===",
    "{lang=ja}", "{onclick=x}", "]{lang=en}", "[^1]", "[^1]: ", "<script>alert(1)</script>", "<img src=x onerror=y>",
    "javascript:alert(1)", "JaVa\tScRiPt:x", "data:text/html,x", "vbscript:x", "ms-msdt:x", "https://example.org/",
    "mailto:a@b", "../x.md", "x.md#a", "[a](ms-msdt:x)", "![i](search-ms:q)", "<intent:x>", "[a](java%09script:x)",
    "\"", "'", " onerror=", "text", "Wörter", "日本語", "\u202e", "\x00", "\x1b[2J",
]  # fmt: skip
markdown = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=8)), max_size=60).map("".join)


class _Executable(HTMLParser):
    """Collects what would run in a browser: script-like elements, event handlers, bad URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style", "base", "form", "meta", "link"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"{name}=")
            if name in ("href", "src") and value is not None and not is_allowed_link(value):
                self.found.append(f"{name}={value}")


def assert_safe_html(html: str) -> None:
    assert not FORBIDDEN_CHARACTERS.search(html), html
    parser = _Executable()
    parser.feed(html)
    parser.close()
    assert not parser.found, (parser.found, html)


def assert_clean_text(*values: object) -> None:
    for value in values:
        if isinstance(value, str):
            assert not FORBIDDEN_CHARACTERS.search(value), value


def _release_file(tmp_path: Path, data: bytes) -> MarkdownSource:
    path = tmp_path / "x.md"
    path.write_bytes(data)
    return MarkdownSource("content/en/2024/x.md", "en", "2024/x", False, path)


def _read_front_matter(tmp_path: Path, data: bytes) -> None:
    problems = Problems()
    version = read_version(_release_file(tmp_path, data), frozenset({"kanagawa"}), frozenset({"energy"}), problems)
    if not isinstance(version, VersionSource):
        assert problems.errors
        return
    assert not problems.errors
    assert_clean_text(version.title, version.summary, version.source, version.slug, version.key)


def _load_partner(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(data)
    problems = Problems()
    source = read_text(path, "content/partners/p.yaml", problems)
    if source is None:
        assert problems.errors
        return
    partners = load_partners(ContentTree((), (("p", source),), None), LANGUAGES, problems)
    for partner in partners.values():
        assert_clean_text(*partner.name.values(), *partner.summary.values(), *(partner.native or ()))
        assert all(is_allowed_link(link.url) for link in partner.links)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_front_matter_and_partner_files(tmp_path, data):
    _read_front_matter(tmp_path, b"---\n" + data + b"\n---\nBody\n")
    _read_front_matter(tmp_path, data)
    _load_partner(tmp_path, data)


@FUZZ
@given(front=st.dictionaries(keys, structures, max_size=8), body=markdown)
def test_random_yaml_structures_as_front_matter(tmp_path, front, body):
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    _read_front_matter(tmp_path, f"---\n{text}---\n{body}".encode())


release_fields = st.fixed_dictionaries(
    {"title": scalars, "date": st.sampled_from(["2024-07-17", "'2024-07-17'"]).map(yaml.safe_load)},
    optional={key: scalars for key in ("summary", "source", "slug", "key", "updated", "draft", "partners")},
)
partner_fields = st.fixed_dictionaries(
    {
        "name": st.fixed_dictionaries({lang: scalars for lang in LANGUAGES}),
        "summary": st.fixed_dictionaries({lang: scalars for lang in LANGUAGES}),
        "country": st.sampled_from(["JP", "NO", "de", "XX"]),
        "since": scalars,
        "status": st.sampled_from(["active", "dormant", "x"]),
    },
    optional={"native": st.dictionaries(st.sampled_from(LANGUAGES), scalars, max_size=1), "links": structures},
)


@FUZZ
@given(front=release_fields, body=markdown)
def test_random_values_of_the_known_release_fields(tmp_path, front, body):
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    _read_front_matter(tmp_path, f"---\n{text}---\n{body}".encode())


@FUZZ
@given(partner=partner_fields)
def test_random_values_of_the_known_partner_fields(tmp_path, partner):
    _load_partner(tmp_path, yaml.safe_dump(partner, allow_unicode=True).encode())


@FUZZ
@given(partner=st.dictionaries(keys, structures, max_size=10))
def test_random_yaml_structures_as_partner_files(tmp_path, partner):
    _load_partner(tmp_path, yaml.safe_dump(partner, allow_unicode=True).encode())


@FUZZ
@given(body=markdown)
def test_random_markdown_renders_to_safe_html(body):
    if FORBIDDEN_CHARACTERS.search(body):
        body = FORBIDDEN_CHARACTERS.sub("", body)  # refused with its line before any body is rendered
    problems = Problems()
    html = render_markdown(body, 1, lambda href, line: None, lambda line, message: problems.warning("x", line, message))
    assert_safe_html(html)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_markdown(data):
    text = data.decode("utf-8", errors="replace")
    text = FORBIDDEN_CHARACTERS.sub("", text)
    assert_safe_html(render_markdown(text, 1, lambda href, line: None))


BODY_PIECES = [
    *MARKDOWN_PIECES, "![a](/media/x.png)", '![](/media/y.png "t")', "![c](z.png)", "[r](../2024/a.md)", "[s](b.md#p)",
    "- ![b](/media/z.png)\n", "\n\n![d](/media/w.png)\n\n", "[e]{lang=de}", "| x |\n|---|\n| [t](c.md) |\n",
]  # fmt: skip
bodies = st.lists(st.one_of(st.sampled_from(BODY_PIECES), st.text(max_size=8)), max_size=60).map("".join)


def _finished(rendered: str, body: str, *, shortcut: bool) -> tuple[str, int | None, list[tuple[object, ...]]]:
    heard: list[tuple[object, ...]] = []

    def place(name: str, alt: str, title: str, line: int, alone: bool) -> str | None:
        heard.append(("place", name, alt, title, line, alone))
        return None if name.startswith("y") else f"<figure>{name}</figure>" if alone else f"<picture>{name}</picture>"

    def rewrite(href: str, line: int) -> LinkRewrite:
        heard.append(("link", href, line))
        return LinkRewrite(f"/to/{href}", "de" if "a" in href else None)

    calls = Calls(
        7,
        rewrite,
        lambda line, message: heard.append(("warn", line, message)),
        place,
        lambda src, line: heard.append(("image", src, line)),
    )
    html, too_deep = finish(rendered, mark_spans(body)[1], calls, shortcut=shortcut)
    return html, too_deep, heard


@FUZZ
@given(body=bodies)
@example(body="- ![b](/media/z.png)\n- ![c](/media/y.png)\n  - x\n\n1. ![d](/media/d.png) text")
@example(body='![a](/media/x.png)\n\nText ![b](/media/b.png) and [r](../2024/a.md "T")\n\n![](/media/y.png)')
@example(body="[ftp](ftp://x) and ![a](/media/x.png)\n\n[r](../a.md)")
@example(body="> " * 45 + "![a](/media/x.png)")
@example(body="[a` and ![a](/media/x.png) [r](../2024/a.md)")  # the Rust parser panics; the fallback has no lines
def test_the_shortcut_over_rendered_html_agrees_with_the_full_walk(body):
    rendered = parse_to_html(mark_spans(body)[0])
    assert _finished(rendered, body, shortcut=True) == _finished(rendered, body, shortcut=False)
