"""Property tests: front matter, slugs and URLs hold for any input, not just the examples we thought of."""

from __future__ import annotations

import hashlib
import json
import string
from datetime import date
from types import MappingProxyType
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from pressroom.base.text import FORBIDDEN_CHARACTERS, forbidden_lines, quote_all
from pressroom.model import routing
from pressroom.model.related import RelatedIndex
from pressroom.model.texts import Release
from pressroom.pages.structured import compact_json
from pressroom.source import slugs
from pressroom.source.frontmatter import split_front_matter, text_fingerprint
from pressroom.source.yamlload import YamlProblem, load_yaml

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


# Text near what the scan tells apart: the line end it counts, controls, the BMP's and the upper
# planes' non-characters beside the characters next to them, emoji and kanji beyond the BMP (a
# list joined: as a text's alphabet, Hypothesis never drew the last plane's non-characters).
scanned = st.lists(
    st.sampled_from("a\n\t\x00\x1f\x85\ufdd0\ufdcf\ufffe\ufffd神\U0001fffe\U0001fffd\U0010ffff\U0001f600\U00020bb7")
    | st.characters(blacklist_categories=("Cs",)),
    max_size=60,
).map("".join)


@given(scanned)
def test_each_line_with_a_forbidden_character_is_told_with_its_first_one(text):
    expected = {}
    for number, line in enumerate(text.split("\n"), 1):
        found = FORBIDDEN_CHARACTERS.search(line)
        if found:
            expected[number] = found.group()
    assert list(forbidden_lines(text)) == list(expected.items())


@given(texts)
def test_slugify_always_gives_a_valid_single_segment(text):
    slug = slugs.slugify(text)
    assert slugs.is_valid_slug(slug)
    assert "/" not in slug and ".." not in slug and slug == slug.strip("-")


@given(texts)
def test_slugify_is_idempotent(text):
    slug = slugs.slugify(text)
    assert slugs.slugify(slug) == slug


@given(st.text(alphabet=string.printable + "äöü日本/.\\", max_size=40))
def test_a_valid_slug_never_climbs_out_of_the_output_folder(slug):
    if slugs.is_valid_slug(slug):
        url = routing.release("de", 2024, slug)
        assert routing.is_inside(routing.output_path(url))
        assert url.count("/") == 4


@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
        # Without the characters a press release never holds, which the loader refuses (with a
        # line number: test_any_text_either_loads_or_gives_a_line_number): non-characters such
        # as U+FDD0 are of category Cn, which holds unassigned code points too. Nor a byte order
        # mark, which the loader refuses inside a text as where two texts were joined.
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).filter(
            lambda value: not FORBIDDEN_CHARACTERS.search(value) and "\ufeff" not in value
        ),
        max_size=6,
    ),
    st.text(max_size=100),
)
def test_front_matter_round_trips_any_fields_and_body(fields, body):
    yaml_text = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
    text = f"---\n{yaml_text}\n---\n{body}"
    split = split_front_matter(text)
    assert not isinstance(split, str)
    front, rest, body_line = split
    if not any(line.rstrip() in ("---", "...") for line in yaml_text.split("\n")):
        assert rest == body
        assert body_line == yaml_text.count("\n") + 4
        data = load_yaml(front, first_line=2) if fields else None
        if fields:
            assert dict(data) == fields
            for index, key in enumerate(fields):
                assert data.line_of(key) == index + 2


@given(st.text(max_size=300))
def test_any_text_either_loads_or_gives_a_line_number(text):
    try:
        load_yaml(text)
    except YamlProblem as problem:
        assert problem.line >= 1
        assert problem.message


def _naive_related(release, releases, lang, limit=3):
    """The definition, scored pair by pair: partner 2, topic 1, then newer, then key; never the
    release's older or newer neighbour in ``lang``'s list, which its page links already."""
    listed = sorted((r for r in releases if lang in r.translations), key=lambda r: (-r.date.toordinal(), r.key))
    at = next((i for i, r in enumerate(listed) if r.key == release.key), None)
    neighbours = set() if at is None else {r.key for r in listed[max(at - 1, 0) : at + 2]}
    scored = []
    for other in releases:
        if other.key == release.key or lang not in other.translations or other.key in neighbours:
            continue
        score = 2 * len(set(release.partners) & set(other.partners)) + len(set(release.topics) & set(other.topics))
        if score:
            scored.append((-score, -other.date.toordinal(), other.key, other))
    return [item[3] for item in sorted(scored, key=lambda item: item[:3])[:limit]]


_release_data = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 3, 1)),
    st.frozensets(st.sampled_from("abcd"), max_size=3),
    st.frozensets(st.sampled_from("wxyz"), max_size=3),
    st.frozensets(st.sampled_from(("de", "ja", "en")), min_size=1),
)


@given(st.lists(_release_data, min_size=1, max_size=40), st.sampled_from(("de", "ja", "en")))
def test_related_releases_index_agrees_with_scoring_every_pair(data, lang):
    releases = [
        Release(f"r{i:02}", day, tuple(sorted(p)), tuple(sorted(t)), MappingProxyType(dict.fromkeys(langs)))
        for i, (day, p, t, langs) in enumerate(data)
    ]
    index = RelatedIndex(releases, ("de", "ja", "en"))
    for release in releases:
        assert index.related(release, lang) == _naive_related(release, releases, lang)
    # The other way round, for quick rebuilds: the pages in ``lang`` that show a release.
    newest_first = sorted(releases, key=lambda r: (-r.date.toordinal(), r.key))
    for release in releases:
        shown_by = [r for r in newest_first if lang in r.translations and release in _naive_related(r, releases, lang)]
        assert index.followers(release, lang) == shown_by


spaced = st.text(st.sampled_from([*"ab\n \t\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000"]), max_size=60)


def _between_words(line: str) -> str:
    """``line`` with each run of spaces and tabs that stands between two visible characters and
    is more than one space (or holds a tab) written as one space, the rest as it is."""
    out, index = [], 0
    while index < len(line):
        end = index
        while end < len(line) and line[end] in " \t":
            end += 1
        if end == index:
            out.append(line[index])
            index += 1
            continue
        run = line[index:end]
        inside = index > 0 and not line[index - 1].isspace() and end < len(line) and not line[end].isspace()
        out.append(" " if inside and run != " " else run)
        index = end
    return "".join(out)


@given(spaced, spaced)
def test_the_translation_fingerprint_ignores_exactly_the_spaces_a_reader_cannot_see(title, body):
    """The fingerprint is stored in front matter (``confirmed:``), so its definition may not
    drift: every line stripped on the right, the body stripped, spaces and tabs between two
    words as one space, blank lines between paragraphs as one, then hashed with the fields."""
    lines = "\n".join(_between_words(line.rstrip()) for line in body.strip().split("\n"))
    while "\n\n\n" in lines:
        lines = lines.replace("\n\n\n", "\n\n")
    payload = json.dumps([title, "", "", lines], ensure_ascii=False)
    assert text_fingerprint(title, "", "", body) == hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_quote_all_writes_what_urllib_writes_with_nothing_safe(text):
    assert quote_all(text) == quote(text, safe="")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)


@given(json_values)
def test_structured_data_is_written_as_the_standard_library_writes_it(value):
    # Control characters, quotes and backslashes escaped, every other character written as it is.
    assert compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_structured_data_beyond_what_orjson_takes_is_written_all_the_same():
    for value in ({"n": 2**70}, ["\ud800"], {"a": [1, "\udfff"]}):
        assert compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
