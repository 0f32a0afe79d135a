"""`build.py check` on broken fixture sites: each problem with its exact file, line and message.

Every test runs the real command line and compares the whole report: one ``path:line: severity:
message`` line per problem, sorted, then the summary line.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PROJECT, TOPICS, Run, ScratchSite
from .test_translations import release

A = "content/en/2024/a.md"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4480000000049454e44ae426082"
)
"""A 1×1 PNG."""
"""The release most fixtures break."""

ONTARIO_BROKEN = """\
name: {de: Ontario, ja: オンタリオ, en: Ontario}
country: CA
since: 1986
  status: active
"""
"""A partner file whose line 4 is indented under a plain value: a YAML syntax error on line 4."""
TAG_SAID = "the YAML tag '{}' has no use here: remove it and write the value as it is"
ONTARIO_SAID = (
    "YAML syntax error: this line reads as going on with the value of line 3: indent it as the lines beside it "
    "(or, if line 3 lacks its ':', add it there)"
)
COLON_IN_VALUE = "YAML syntax error: ': ' inside a value; put the whole value in quotes (\"…\")"


def check(site: ScratchSite, *args: str) -> Run:
    run = site.run("check", "--source", str(site.root), *args)
    assert "Traceback" not in run.stderr
    assert "Traceback" not in run.stdout
    return run


def summary(errors: int, warnings: int) -> str:
    return f"check: {errors} error(s), {warnings} warning(s)"


def write_bytes(site: ScratchSite, name: str, data: bytes) -> None:
    path = site.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def assert_one_error(site: ScratchSite, line: str) -> None:
    """The report is exactly this one error and the summary; exit 1, with and without --strict."""
    run = check(site)
    assert run.stderr.splitlines() == [line, summary(1, 0)]
    assert run.code == 1
    assert check(site, "--strict").code == 1


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


# 1. YAML syntax errors, on the line where they stand in the file.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsummary: one: two\n---\n\nText.\n",
            f"{A}:4: error: {COLON_IN_VALUE}",
            id="colon-in-plain-value",
        ),
        pytest.param(  # Word's quotes, typed as YAML's: the editor did put the value in quotes
            "---\ntitle: “Besuch: Neue Wege”\ndate: 2024-01-01\n---\n\nText.\n",
            f"{A}:2: error: YAML syntax error: ': ' inside a value, whose “ is a typographic quote, which YAML "
            'takes for text: put the whole value in straight quotes ("…")',
            id="colon-in-value-in-typographic-quotes",
        ),
        pytest.param(
            "---\ntitle: „Besuch: Neue Wege“\ndate: 2024-01-01\n---\n\nText.\n",
            f"{A}:2: error: YAML syntax error: ': ' inside a value, whose „ is a typographic quote, which YAML "
            'takes for text: put the whole value in straight quotes ("…")',
            id="colon-in-value-in-german-quotes",
        ),
        pytest.param(
            "---\ntitle: A\nsummary: [unclosed\ndate: 2024-01-01\nsource: X\n---\n\nText.\n",
            f"{A}:3: error: YAML syntax error: the '[' on this line is not closed: end it with ']' on the same line",
            id="unclosed-flow-sequence",
        ),
        pytest.param(  # the last line of the front matter: "did not find expected node content", on line 5
            "---\ntitle: A\ndate: 2024-01-01\npartners: [kanagawa,\n---\n\nText.\n",
            f"{A}:4: error: YAML syntax error: the '[' on this line is not closed: end it with ']' on the same line",
            id="unclosed-flow-sequence-at-the-end",
        ),
        pytest.param(  # libyaml's words for this are those for an unclosed '['
            '---\ntitle: A\ndate: 2024-01-01\npartners: ["kanagawa" "jiangsu"]\n---\n\nText.\n',
            f"{A}:4: error: YAML syntax error: a ',' is missing between two items of the '[…]' on this line",
            id="comma-missing-in-flow-sequence",
        ),
        pytest.param(  # libyaml stops at the second ': ' wanting a ',': "a ',' is missing" was said
            "---\ntitle: A\ndate: 2024-01-01\nsummary: {de: Partner: Japan, en: x}\n---\n\nText.\n",
            f"{A}:4: error: YAML syntax error: ': ' inside a value of the '{{…}}' ('Partner: …'); put the whole"
            ' value in quotes ("…")',
            id="colon-in-value-in-flow-mapping",
        ),
        pytest.param(  # a value going on to the next line, its ': ' there
            "---\ntitle: A\ndate: 2024-01-01\nsummary: {de: A,\n  en: Partner: Japan}\n---\n\nText.\n",
            f"{A}:5: error: YAML syntax error: ': ' inside a value of the '{{…}}' ('Partner: …'); put the whole"
            ' value in quotes ("…")',
            id="colon-in-value-in-flow-mapping-on-its-second-line",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\npartners: [kanagawa, Partner: Japan: x]\n---\n\nText.\n",
            f"{A}:4: error: YAML syntax error: ': ' inside a value of the '[…]' ('Partner: Japan: …'); put the"
            ' whole value in quotes ("…")',
            id="colon-in-value-in-flow-sequence",
        ),
        pytest.param(
            "---\ntitle: A\n\tdate: 2024-01-01\n---\n\nText.\n",
            f"{A}:3: error: a tab in the indentation; YAML indents with spaces only: replace it with spaces",
            id="tab-indent",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsummary:\n  de: x\n\ten: y\n---\n\nText.\n",
            f"{A}:6: error: a tab in the indentation; YAML indents with spaces only: replace it with spaces",
            id="tab-indent-in-a-mapping",
        ),
        pytest.param(  # YAML read it as a field named '\u00a0\u00a0alt', or without a word
            "---\ntitle: A\ndate: 2024-01-01\nimage:\n\u00a0\u00a0file: a.png\n\u00a0\u00a0alt: B\n---\n\nText.\n",
            f"{A}:5: error: a no-break space (U+00A0) in the indentation, as a word processor or Japanese input"
            " writes; YAML indents with ordinary spaces only: replace it with spaces",
            id="no-break-space-indent",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsummary:\n\u3000de: x\n---\n\nText.\n",
            f"{A}:5: error: a full-width space (U+3000) in the indentation, as a word processor or Japanese input"
            " writes; YAML indents with ordinary spaces only: replace it with spaces",
            id="full-width-space-indent",
        ),
        pytest.param(  # YAML read the whole line as a text: 'front matter must be key: value lines'
            "---\ntitle\uff1a訪問\n---\n\nText.\n",
            f"{A}:2: error: the colon after 'title' is the full-width '\uff1a' of Japanese input; write an ordinary"
            " ':' and a space: 'title: …'",
            id="full-width-colon",
        ),
        pytest.param(
            "---\ntitle: x: y\ndate: 2024-01-01\n---\n\nText.\n",
            f"{A}:2: error: {COLON_IN_VALUE}",
            id="first-line-of-front-matter",
        ),
        # A field without its ':' is noticed on the line after, where the fix does not belong.
        pytest.param(
            "---\ntitle: A\nsource Staatsministerium\ndate: 2024-01-01\n---\n\nText.\n",
            f"{A}:3: error: YAML syntax error: this line has no ':' after its field's name; write 'name: value' "
            "(or, if the line goes on with the value above it, indent it further)",
            id="no-colon",
        ),
        # A quote left open runs on to the next value's opening quote, two lines further down.
        pytest.param(
            '---\ntitle: "Besuch aus Kanagawa\ndate: 2024-01-01\nsummary: "Ein Besuch."\n---\n\nText.\n',
            f'{A}:2: error: YAML syntax error: the quote (") that begins this value is not closed on this line, '
            "so YAML reads on to line 4; close it at the end of the value",
            id="quote-left-open",
        ),
        pytest.param(
            '---\ntitle: A\ndate: 2024-01-01\nsummary: "Die "Partnerregionen" forschen"\n---\n\nText.\n',
            f'{A}:4: error: YAML syntax error: text after the closing quote (") of this value; a quote mark '
            "inside a value in quotes must be the other kind (') or a typographic one („“ or “”)",
            id="quote-inside-quotes",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nimage:\n  file: a.png\n alt: Bild\n---\n\nText.\n",
            f"{A}:6: error: YAML syntax error: this line is indented otherwise than the lines beside it; "
            "indent it as they are",
            id="indented-less",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsource: @Staatsministerium\n---\n\nText.\n",
            f"{A}:4: error: YAML syntax error: a value cannot begin with '@'; put the whole value in quotes (\"…\")",
            id="at-sign",
        ),
        pytest.param(  # libyaml said "found unknown escape character (while parsing a quoted scalar)"
            '---\ntitle: A\ndate: 2024-01-01\nsource: "C:\\Daten\\Presse"\n---\n\nText.\n',
            f"{A}:4: error: YAML syntax error: a backslash (\\) in a value in double quotes begins an escape such"
            " as \\n, and this one stands for no character: write \\\\ for a backslash, or put the value in"
            " single quotes ('…')",
            id="windows-path-in-double-quotes",
        ),
        pytest.param(  # was "this line is indented otherwise than the lines beside it"
            "---\ntitle: A\n\ufeffdate: 2024-01-01\n---\n\nText.\n",
            f"{A}:3: error: an invisible byte order mark (U+FEFF) in this line, as where two texts were joined;"
            " delete it",
            id="byte-order-mark-inside",
        ),
        # A value that begins with a character YAML reads as its own syntax, where the editor meant the
        # character: libyaml said "while scanning an alias", "block sequence entries are not allowed",
        # or (for a bracketed word) that the line was indented otherwise than those beside it.
        *(
            pytest.param(
                f"---\ntitle: {value}\ndate: 2024-01-01\n---\n\nText.\n",
                f"{A}:2: error: YAML syntax error: YAML reads a value that begins with '{value[0]}' as {read_as};"
                ' if it is text, put the whole value in quotes ("…")',
                id=f"value-begins-with-{value[0]}",
            )
            for value, read_as in (
                ("*Neu*: Besuch aus Kanagawa", "an alias"),
                ("& Co. KG", "an anchor"),
                ("- Besuch aus Kanagawa", "a list item"),
                ("[Update] Besuch aus Kanagawa", "a list"),
                ("| Besuch aus Kanagawa", "the start of a block of lines"),
            )
        ),
        # A '#' after a space begins a comment: the title was published as "Platz", check said nothing.
        pytest.param(
            "---\ntitle: Platz #1 für Baden-Württemberg # a comment\ndate: 2024-01-01\n---\n\nText.\n",
            f"{A}:2: error: '#1' after a space begins a YAML comment, so the value ends before it: put the whole"
            ' value in quotes ("…") to keep it, or write "# " to mean a comment',
            id="hashtag-cuts-the-value",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsummary: #TheLaend\n---\n\nText.\n",
            f"{A}:4: error: '#TheLaend' after a space begins a YAML comment, so the value ends before it: put the"
            ' whole value in quotes ("…") to keep it, or write "# " to mean a comment',
            id="hashtag-empties-the-value",
        ),
        pytest.param(  # was published as the source "KG"
            "---\ntitle: A\ndate: 2024-01-01\nsource: &Co KG\n---\n\nText.\n",
            f"{A}:4: error: YAML reads '&Co' as an anchor, a name for the value after it, not as text: put the"
            ' whole value in quotes ("…")',
            id="anchor-cuts-the-value",
        ),
        # A tag made a Python value that messages showed as Python writes it ("date: b'hello' is
        # not a date"), or PyYAML said "could not determine a constructor for the tag".
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsource: !!binary U3RhYXRzbWluaXN0ZXJpdW0=\n---\n\nText.\n",
            f"{A}:4: error: {TAG_SAID.format('!!binary')}",
            id="binary-tag",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\npartners: !!set {kanagawa}\n---\n\nText.\n",
            f"{A}:4: error: {TAG_SAID.format('!!set')}",
            id="set-tag",
        ),
        pytest.param(
            "---\ntitle: A\n\ndate: !!python/object/apply:os.system [ls]\n---\n\nText.\n",
            f"{A}:4: error: {TAG_SAID.format('!!python/object/apply:os.system')}",
            id="python-tag",
        ),
        pytest.param(
            "---\ntitle: A\ndate: 2024-01-01\nsource: !Quelle Staatsministerium\n---\n\nText.\n",
            f"{A}:4: error: {TAG_SAID.format('!Quelle')}",
            id="local-tag",
        ),
    ],
)
def test_yaml_syntax_error_in_front_matter(scratch_site, text, expected):
    site = scratch_site({A: text})
    assert_one_error(site, expected)


def test_duplicate_key_in_front_matter_names_both_file_lines(scratch_site):
    site = scratch_site({A: "---\ntitle: A\ndate: 2024-01-01\ntitle: B\n---\n\nText.\n"})
    assert_one_error(site, f"{A}:4: error: duplicate key 'title' (first given on line 2)")


def test_yaml_syntax_error_in_a_partner_file(scratch_site):
    site = scratch_site({"content/partners/ontario.yaml": ONTARIO_BROKEN})
    assert_one_error(
        site,
        f"content/partners/ontario.yaml:4: error: {ONTARIO_SAID}",
    )


def test_duplicate_key_in_a_partner_file(scratch_site):
    site = scratch_site(
        {"content/partners/ontario.yaml": "name: {de: O, ja: O, en: O}\ncountry: CA\nsince: 1986\ncountry: US\n"}
    )
    assert_one_error(site, "content/partners/ontario.yaml:4: error: duplicate key 'country' (first given on line 2)")


def test_yaml_syntax_error_in_topics(scratch_site):
    # TOPICS has two lines; the broken topic is line 3.
    site = scratch_site({"content/topics.yaml": TOPICS + "mobility: de: Mobilität\n"})
    assert_one_error(site, f"content/topics.yaml:3: error: {COLON_IN_VALUE}")


def test_two_topics_one_language_names_alike_are_warned(scratch_site):
    site = scratch_site(
        {
            "content/topics.yaml": "umwelt: {de: Energie, ja: 環境, en: Environment}\n"
            "energy: {de: energie, ja: エネルギー, en: Energy}\n"
        }
    )
    run = check(site)
    assert run.stderr.splitlines() == [
        "content/topics.yaml:2: warning: topic 'energy' is named 'energie' in de, as 'umwelt' is: readers of that"
        " language cannot tell them apart; give one another name",
        summary(0, 1),
    ]


# 2. Required and wrongly typed front-matter fields.


def test_missing_title(scratch_site):
    site = scratch_site({A: "---\ndate: 2024-01-01\nsummary: S\n---\n\nText.\n"})
    assert_one_error(site, f"{A}:1: error: missing 'title'")


def test_empty_title_is_reported_on_its_line(scratch_site):
    # 'title:' with nothing after it is there: said as a title in quotes with nothing in them is.
    site = scratch_site({A: "---\ntitle:\ndate: 2024-01-01\n---\n\nText.\n"})
    assert_one_error(site, f"{A}:2: error: 'title' is empty")
    site = scratch_site({A: '---\ntitle: ""\ndate: 2024-01-01\n---\n\nText.\n'})
    assert_one_error(site, f"{A}:2: error: 'title' is empty")


def test_missing_date(scratch_site):
    site = scratch_site({A: release("A", "summary: S\n")})
    assert_one_error(site, f"{A}:2: error: missing 'date': give the release date (YYYY-MM-DD) in at least one version")


def test_a_date_in_another_version_is_enough(scratch_site):
    site = scratch_site({A: release("A"), "content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    run = check(site)
    assert run.stderr.splitlines() == [summary(0, 0)]
    assert run.code == 0


def test_a_version_withdrawn_as_a_draft_is_named_where_it_alone_held_the_release_s_facts(scratch_site):
    """The German version set to 'draft: true' to take it off the site, its siblings left: they had
    taken the date, the picture, the partners and topics from it. Told "no version names the
    picture" (one does) and "missing 'date'", and without a word for the partners and topics
    their pages lost; each now names the draft and what to copy from it."""
    de = "content/de/2024/a.md"
    site = scratch_site(
        {
            de: release(
                "A",
                "date: 2024-07-17\npartners: [kanagawa]\ntopics: [energy]\n"
                "image:\n  file: map.png\n  alt: Karte\ndraft: true\n",
            ),
            "content/ja/2024/a.md": release("エー", "image:\n  alt: 地図\n"),
            A: release("A", "image:\n  alt: Map\n"),
        }
    )
    (site.root / "content/media").mkdir()
    (site.root / "content/media/map.png").write_bytes(PNG)
    draft = f"only the draft {de} gives it, which is not published"
    ja = "content/ja/2024/a.md"
    dateless = check(site).stderr.splitlines()
    assert (
        f"{ja}:2: error: missing 'date': {draft}: add 'date: 2024-07-17' here too (or publish that version)" in dateless
    )
    assert "in at least one version" not in "\n".join(dateless)
    site.write({ja: release("エー", "date: 2024-07-17\nimage:\n  alt: 地図\n")})
    run = check(site)
    assert run.stderr.splitlines() == [
        f"{A}:2: warning: partners: {draft}, so this version shows none: add 'partners: [kanagawa]' here too",
        f"{A}:2: warning: topics: {draft}, so this version shows none: add 'topics: [energy]' here too",
        f"{A}:3: error: image: {draft}: add 'file: map.png' under 'image:' here too (or publish that version)",
        f"{ja}:2: warning: partners: {draft}, so this version shows none: add 'partners: [kanagawa]' here too",
        f"{ja}:2: warning: topics: {draft}, so this version shows none: add 'topics: [energy]' here too",
        f"{ja}:4: error: image: {draft}: add 'file: map.png' under 'image:' here too (or publish that version)",
        summary(2, 4),
    ]
    assert run.code == 1


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param('date: "soon"\n', "3: error: date: 'soon' is not a date; write it as YYYY-MM-DD", id="date-soon"),
        pytest.param(
            "date: 2024-02-30\n",
            "3: error: date: 2024-02-30 is no day of the calendar: February 2024 has 29 days",
            id="date-feb-30",
        ),
        # A date written as editors write it in a letter: the day it means, where one reading fits.
        pytest.param(
            "date: 17.07.2024\n",
            "3: error: date: '17.07.2024' is not a date; write it as YYYY-MM-DD: 2024-07-17",
            id="date-german",
        ),
        pytest.param(
            "date: 2024-7-17\n",
            "3: error: date: '2024-7-17' is not a date; write it as YYYY-MM-DD: 2024-07-17",
            id="date-without-zeros",
        ),
        pytest.param(
            "date: 07/17/2024\n",
            "3: error: date: '07/17/2024' is not a date; write it as YYYY-MM-DD",
            id="date-either-order",
        ),
        pytest.param(
            "date: 2024-01-01\npartners: {kanagawa: true}\n",
            "4: error: partners: expected a list of partner ids",
            id="partners-not-a-list",
        ),
        pytest.param(
            "date: 2024-01-01\ntopics: {energy: true}\n",
            "4: error: topics: expected a list of topic ids",
            id="topics-not-a-list",
        ),
        pytest.param('date: 2024-01-01\ndraft: "yes"\n', "4: error: draft: expected true or false", id="draft-yes"),
        pytest.param("date: 2024-01-01\ndraft: 1\n", "4: error: draft: expected true or false", id="draft-1"),
        # Values of another YAML type are said as the editor wrote them, not as Python's repr.
        pytest.param(
            "date: 2024-01-01\nupdated: [2025-01-01]\n",
            "4: error: updated: a list is not a date; write it as YYYY-MM-DD",
            id="updated-a-list",
        ),
        pytest.param(
            "date: 2024-01-01\npublish: true\n",
            "4: error: publish: true is not a moment in time; write it like 2024-07-17T10:00+09:00",
            id="publish-true",
        ),
        pytest.param(
            "date: 2024-01-01\npartners: [[kanagawa]]\n",
            "4: error: partners: expected a partner id, not a list",
            id="partner-a-list",
        ),
        # A release keyed like a page was reported as two pages claiming one URL.
        pytest.param(
            "date: 2024-01-01\nkey: pages/about\n",
            "4: error: key 'pages/about' is not the key of a release: write one like '2024/kanagawa-declaration'",
            id="release-keyed-as-a-page",
        ),
        # A moment the clock cannot turn into local time (check stopped with a traceback).
        pytest.param(
            "date: 2024-01-01\npublish: 9999-12-31T23:59+00:00\n",
            "4: error: publish: 9999-12-31T23:59:00+00:00 cannot be right; check the year",
            id="publish-year-9999",
        ),
        pytest.param(
            "date: 2024-01-01\npublish: 0001-01-01T00:00+14:00\n",
            "4: error: publish: 0001-01-01T00:00:00+14:00 cannot be right; check the year",
            id="publish-year-1",
        ),
    ],
)
def test_wrongly_typed_field(scratch_site, extra, expected):
    site = scratch_site({A: release("A", extra)})
    assert_one_error(site, f"{A}:{expected}")


def test_title_that_is_not_text(scratch_site):
    """A title begun with '[' (``[Eilmeldung] Besuch, heute``: closed on its line, YAML reads a
    list) was 'expected text', and the editor saw text there."""
    site = scratch_site({A: "---\ntitle: [Eilmeldung, Besuch]\ndate: 2024-01-01\n---\n\nText.\n"})
    assert_one_error(
        site,
        f"{A}:2: error: title: expected text, not a list; a value that begins with '[' or '{{' is read as a list or"
        ' a mapping: put the whole text in quotes ("…")',
    )


# 3. Unknown partner and topic ids, on the line of the field (or of the list item).


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            "partners: [kanagawa, kanagwa]\n",
            "4: error: unknown partner 'kanagwa' (did you mean 'kanagawa'?)",
            id="partner-flow-list",
        ),
        pytest.param(
            "partners:\n  - kanagawa\n  - ontario\n",
            "6: error: unknown partner 'ontario'",
            id="partner-block-list-item",
        ),
        pytest.param(
            "topics: [energy, helth]\n",
            "4: error: unknown topic 'helth' (did you mean 'health'?)",
            id="topic-flow-list",
        ),
        pytest.param("topics: mobility\n", "4: error: unknown topic 'mobility'", id="topic-single-value"),
        # Several ids without brackets are one text to YAML: the list is what is missing.
        pytest.param(
            "partners: kanagawa, ontario\n",
            "4: error: unknown partner 'kanagawa, ontario': write several as a list, partners: [kanagawa, ontario]",
            id="partners-without-brackets",
        ),
        pytest.param(
            "topics: [energy health]\n",
            "4: error: unknown topic 'energy health': write several as a list, topics: [energy, health]",
            id="topics-without-commas",
        ),
        pytest.param(  # a name typed for an id: not a list of two unknown ids
            "topics: [Health Care]\n",
            "4: error: unknown topic 'Health Care'",
            id="topic-name-with-a-space",
        ),
    ],
)
def test_unknown_id(scratch_site, extra, expected):
    site = scratch_site({A: release("A", "date: 2024-01-01\n" + extra)})
    assert_one_error(site, f"{A}:{expected}")


def test_a_broken_partner_file_is_not_also_an_unknown_partner(scratch_site):
    site = scratch_site(
        {
            "content/partners/ontario.yaml": ONTARIO_BROKEN,
            A: release("A", "date: 2024-01-01\npartners: [ontario]\n"),
        }
    )
    assert_one_error(
        site,
        f"content/partners/ontario.yaml:4: error: {ONTARIO_SAID}",
    )


def test_a_partner_file_not_saved_as_utf8_is_not_also_an_unknown_partner(scratch_site):
    """Saved as UTF-16 it was: one error at the file, and one more in every release naming it."""
    site = scratch_site({A: release("A", "date: 2024-01-01\npartners: [ontario]\n")})
    write_bytes(site, "content/partners/ontario.yaml", ONTARIO_BROKEN.encode("utf-16"))
    assert_one_error(
        site,
        'content/partners/ontario.yaml:1: error: file is saved as UTF-16 ("Unicode"), not UTF-8; save it as UTF-8',
    )


# 4. Broken .md links, on the line of the link.

# release() puts the body after "---", "title", the extra lines, "---" and a blank line:
# with one extra line (date) the body starts on line 6.


@pytest.mark.parametrize(
    ("body", "line", "href", "missing"),
    [
        pytest.param("Intro.\n\nSee [this](../2023/nothing.md) too.", 8, "../2023/nothing.md", "2023/nothing", id="p"),
        pytest.param("Intro.\n\n- one\n- two [x](x.md)\n- three", 9, "x.md", "2024/x", id="list-item"),
        pytest.param("Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| [x](x.md) | 3 |", 11, "x.md", "2024/x", id="table"),
        pytest.param("Text[^1].\n\n[^1]: See [x](x.md#part).", 8, "x.md#part", "2024/x", id="footnote"),
        pytest.param("Intro.\n\n## Heading [x](x.md)", 8, "x.md", "2024/x", id="heading"),
    ],
)
def test_broken_link(scratch_site, body, line, href, missing):
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert_one_error(site, f"{A}:{line}: error: broken link '{href}': there is no content/en/{missing}.md")


def test_broken_link_names_the_release_meant(scratch_site):
    """A name misspelt, or a release of another year linked as if it were in this year's folder."""
    site = scratch_site(
        {
            "content/de/2024/kanagawa-declaration.md": release("Erklärung", "date: 2024-07-17\n"),
            "content/de/2025/besuch.md": release(
                "Besuch",
                "date: 2025-03-04\n",
                "Siehe [die Erklärung](../2024/kanagawa-deklaration.md).\n\n"
                "Und [noch einmal](kanagawa-declaration.md), [nichts](nichts.md).",
            ),
        }
    )
    run = check(site)
    broken = "content/de/2025/besuch.md:{}: error: broken link '{}': there is no content/de/{}.md"
    assert run.stderr.splitlines() == [
        broken.format(6, "../2024/kanagawa-deklaration.md", "2024/kanagawa-deklaration")
        + " (did you mean '../2024/kanagawa-declaration.md'?)",
        broken.format(8, "kanagawa-declaration.md", "2025/kanagawa-declaration")
        + " (did you mean '../2024/kanagawa-declaration.md'?)",
        broken.format(8, "nichts.md", "2025/nichts"),
        summary(3, 0),
    ]


def test_a_link_to_a_file_in_other_capitals_names_the_file_meant(scratch_site):
    """``Kanagawa-Declaration.md`` opens on an editor's Windows or macOS, not on the server: it
    was broken without a hint, being more than one letter's slip from ``kanagawa-declaration.md``."""
    site = scratch_site(
        {
            "content/de/2024/kanagawa-declaration.md": release("Erklärung", "date: 2024-07-17\n"),
            "content/de/2024/besuch.md": release("Besuch", "date: 2024-03-04\n", "[Die](Kanagawa-Declaration.md)"),
        }
    )
    assert_one_error(
        site,
        "content/de/2024/besuch.md:6: error: broken link 'Kanagawa-Declaration.md': there is no"
        " content/de/2024/Kanagawa-Declaration.md (did you mean 'kanagawa-declaration.md'?)",
    )


def test_link_outside_the_language_folders(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n", "See [x](../../../site.md).")})
    assert_one_error(site, f"{A}:6: error: broken link '../../../site.md': it leads outside the language folders")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        pytest.param("Intro.\n\nA paragraph\nthat goes on\nand [x](x.md) here.", 10, id="paragraph"),
        pytest.param("> quote\n> more [x](x.md)", 7, id="block-quote"),
    ],
)
def test_broken_link_on_a_later_line_of_its_paragraph(scratch_site, body, line):
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert_one_error(site, f"{A}:{line}: error: broken link 'x.md': there is no content/en/2024/x.md")


def test_a_link_to_a_release_with_errors_is_not_called_broken(scratch_site):
    site = scratch_site(
        {
            A: release("A", "date: 2024-01-01\n", "See [b](b.md)."),
            "content/en/2024/b.md": release("B", "date: soon\n"),
        }
    )
    assert_one_error(site, "content/en/2024/b.md:3: error: date: 'soon' is not a date; write it as YYYY-MM-DD")


# 5. Two versions claiming one key in one language.


def test_two_versions_claiming_one_key(scratch_site):
    site = scratch_site(
        {
            "content/ja/2024/a.md": release("A", "date: 2024-01-01\n"),
            "content/ja/2024/b.md": release("B", "date: 2024-01-01\nkey: 2024/a\n"),
        }
    )
    assert_one_error(
        site, "content/ja/2024/b.md:4: error: two ja versions of '2024/a': this file and content/ja/2024/a.md"
    )


def test_two_versions_claiming_a_key_that_is_no_file(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/b.md": release("B", "date: 2024-01-01\nkey: 2024/z\n"),
            "content/en/2024/c.md": release("C", "key: 2024/z\n"),
        }
    )
    assert_one_error(
        site, "content/en/2024/c.md:3: error: two en versions of '2024/z': this file and content/en/2024/b.md"
    )


# 6. Two pages writing to one output path.


def test_two_releases_with_one_slug_in_one_year(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\nslug: same\n"),
            "content/en/2024/b.md": release("B", "date: 2024-05-01\nslug: same\n"),
        }
    )
    assert_one_error(
        site,
        "content/en/2024/a.md:4: error: '/en/releases/2024/same/' is claimed twice: "
        "by content/en/2024/a.md and by content/en/2024/b.md; give one of them another slug",
    )


def test_three_releases_with_one_address_each_hear_of_it(scratch_site):
    # Only the last of them was named: the editor fixed it, and the next build failed again.
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\nslug: same\n"),
            "content/en/2024/b.md": release("B", "date: 2024-05-01\nslug: same\n"),
            "content/en/2024/c.md": release("C", "date: 2024-03-01\nslug: same\n"),
        }
    )
    run = check(site)
    claimed = "'/en/releases/2024/same/' is claimed twice"
    assert run.stderr.splitlines() == [
        f"content/en/2024/a.md:4: error: {claimed}: by content/en/2024/a.md and by content/en/2024/b.md; "
        "give one of them another slug",
        f"content/en/2024/c.md:4: error: {claimed}: by content/en/2024/c.md and by content/en/2024/b.md; "
        "give one of them another slug",
        summary(2, 0),
    ]


def test_two_releases_with_one_file_name_dated_in_one_year(scratch_site):
    # No slug field: the file name is the slug, and the line is the first.
    site = scratch_site(
        {
            "content/en/2024/x.md": release("A", "date: 2024-01-01\n"),
            "content/en/2023/x.md": release("B", "date: 2024-05-01\n"),
        }
    )
    # One of them is in another year's folder than its date's, which is said too.
    run = check(site)
    assert run.stderr.splitlines() == [
        "content/en/2023/x.md:3: warning: dated 2024 but saved in the 2023 folder: move it to content/en/2024/"
        " under another name (content/en/2024/x.md is another release), and its other versions to their 2024"
        " folders, where the releases of 2024 are looked for",
        "content/en/2024/x.md:1: error: '/en/releases/2024/x/' is claimed twice: "
        "by content/en/2024/x.md and by content/en/2023/x.md; give one of them another slug",
        summary(1, 1),
    ]
    assert run.code == 1


def test_two_slugs_that_differ_only_in_case_are_one_address(scratch_site):
    # Two folders on Linux; one on Windows, macOS and a case-insensitive server, where the last
    # written replaced the other.
    site = scratch_site(
        {
            "content/en/2024/x.md": release("A", "date: 2024-01-01\nslug: Abc\n"),
            "content/en/2024/y.md": release("B", "date: 2024-05-01\nslug: abc\n"),
        }
    )
    assert_one_error(
        site,
        "content/en/2024/x.md:4: error: '/en/releases/2024/Abc/' and '/en/releases/2024/abc/' differ only in case,"
        " so on Windows, macOS and many servers they are one address: claimed by content/en/2024/x.md and by"
        " content/en/2024/y.md; give one of them another slug",
    )


def test_two_pages_with_one_slug(scratch_site):
    site = scratch_site(
        {
            "content/en/pages/a.md": release("About"),
            "content/en/pages/b.md": release("B", "slug: a\n"),
        }
    )
    assert_one_error(
        site,
        "content/en/pages/b.md:3: error: '/en/a/' is claimed twice: "
        "by content/en/pages/b.md and by content/en/pages/a.md; give one of them another slug",
    )


@pytest.mark.parametrize(
    ("lang", "slug", "generated"),
    [
        ("en", "releases", "release list"),
        ("en", "topics", "topics"),
        ("de", "partners", "partner index"),
        ("de", "Partners", "partner index"),
    ],
)
def test_a_page_slug_taking_a_generated_page_address(scratch_site, lang, slug, generated):
    site = scratch_site({f"content/{lang}/pages/t.md": release("T", f"slug: {slug}\n")})
    run = check(site)
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert lines[-1] == summary(1, 0)
    [problem] = lines[:-1]
    assert problem.startswith(f"content/{lang}/pages/t.md:3: error: '/{lang}/{slug}/' is claimed twice: ")
    assert generated in problem and f"content/{lang}/pages/t.md" in problem.partition(": error: ")[2]


# 7. Unknown language folder.


def test_unknown_language_folder(scratch_site):
    site = scratch_site({"content/fr/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert_one_error(
        site,
        "content/fr:0: error: unknown language folder 'fr' "
        "(languages: de, ja, en; add it to 'languages' in site.yaml to publish it)",
    )


# 8. Files that are not UTF-8, on the line of the first bad byte.


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        pytest.param(A, b"---\ntitle: \xff\n---\n", 2, id="release"),
        pytest.param("content/partners/ontario.yaml", b"name: \xff\n", 1, id="partner"),
    ],
)
def test_file_that_is_not_utf8(scratch_site, name, data, line):
    site = scratch_site({})
    write_bytes(site, name, data)
    assert_one_error(site, f"{name}:{line}: error: file is not UTF-8 text (save it as UTF-8)")


GERMAN = "---\ntitle: Besuch\ndate: 2024-01-01\nsource: Staatsministerium Baden-Württemberg\n---\n\nText.\n"
ENGLISH = "---\ntitle: Visit\ndate: 2024-01-01\nsource: State Ministry\n---\n\nText.\n"
JAPANESE = "---\ntitle: 神奈川県からの訪問\ndate: 2024-01-01\n---\n\n本文。\n"
UTF16 = 'error: file is saved as UTF-16 ("Unicode"), not UTF-8; save it as UTF-8'


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        pytest.param(
            "content/en/2024/latin1.md",
            b"---\ntitle: A\ndate: 2024-01-01\nsource: Caf\xe9\n---\n",
            "4: error: file is not UTF-8 text: its 'é' on this line is Windows-1252 (Western European); "
            "save it as UTF-8",
            id="latin1",
        ),
        pytest.param(
            "content/de/2024/a.md",
            GERMAN.replace("Baden", "„Baden").encode("cp1252"),
            "4: error: file is not UTF-8 text: its '„' on this line is Windows-1252 (Western European); "
            "save it as UTF-8",
            id="windows-1252",
        ),
        pytest.param(
            "content/ja/2024/a.md",
            JAPANESE.encode("shift_jis"),
            "2: error: file is not UTF-8 text: its '神' on this line is Shift_JIS (Japanese); save it as UTF-8",
            id="shift-jis",
        ),
        # Notepad's "Unicode", with its mark or without, and text that is all ASCII, whose
        # every other byte is a NUL: it decodes as UTF-8, NULs and all.
        pytest.param("content/de/2024/a.md", GERMAN.encode("utf-16"), f"1: {UTF16}", id="utf-16"),
        pytest.param("content/de/2024/a.md", GERMAN.encode("utf-16-le"), f"1: {UTF16}", id="utf-16-le"),
        pytest.param("content/en/2024/a.md", ENGLISH.encode("utf-16-le"), f"1: {UTF16}", id="ascii-utf-16-le"),
        pytest.param("content/en/2024/a.md", ENGLISH.encode("utf-16-be"), f"1: {UTF16}", id="ascii-utf-16-be"),
        pytest.param("content/topics.yaml", "energy: {de: Energie}\n".encode("utf-16-le"), f"1: {UTF16}", id="yaml"),
    ],
)
def test_file_saved_in_another_encoding_names_it(scratch_site, name, data, said):
    """What the editor's "Save as" chose, so the editor knows which setting to change."""
    site = scratch_site({})
    write_bytes(site, name, data)
    assert_one_error(site, f"{name}:{said}")


# 9. Images without alt text: a warning, which fails only --strict.


def test_image_without_alt_text_is_a_warning(scratch_site):
    site = scratch_site(
        {
            A: release(
                "A",
                "date: 2024-01-01\n",
                "Intro.\n\n![](https://example.org/photo.jpg)\n\n![A map](https://example.org/map.png)",
            )
        }
    )
    expected = [
        f"{A}:8: warning: image 'https://example.org/photo.jpg' has no alt text: write ![what it shows](…)",
        summary(0, 1),
    ]
    run = check(site)
    assert run.stderr.splitlines() == expected
    assert run.code == 0
    strict = check(site, "--strict")
    assert strict.stderr.splitlines() == expected
    assert strict.code == 1


def test_image_without_alt_text_on_a_later_line_of_its_paragraph(scratch_site):
    site = scratch_site(
        {A: release("A", "date: 2024-01-01\n", "Intro.\n\nSome text\n![](https://example.org/photo.jpg)")}
    )
    run = check(site)
    assert (
        run.stderr.splitlines()[0]
        == f"{A}:9: warning: image 'https://example.org/photo.jpg' has no alt text: write ![what it shows](…)"
    )


# 10. Many problems in many files: one run, sorted by file then line, counted.


def many_problems(site_factory: Callable[[dict[str, str]], ScratchSite]) -> ScratchSite:
    site = site_factory(
        {
            "content/de/2024/a.md": "---\ndate: 2024-07-17\n---\nText\n",
            "content/en/2024/b.md": release("B", "date: soon\n"),
            "content/en/2024/c.md": release(
                "C",
                "date: 2024-01-01\n",
                "Intro.\n\n![](https://example.org/photo.jpg)\n\nOne.\n\nTwo.\n\nSee [x](x.md).\n\n![](https://example.org/2.jpg)",
            ),
            "content/fr/2024/a.md": release("A", "date: 2024-01-01\n"),
            "content/ja/2024/d.md": release("D", "date: 2024-07-17\npartners:\n  - kanagawa\n  - kanagwa\n"),
            "content/ja/2024/c.md": release("C"),
            "content/ja/2024/f.md": release("F", "key: 2024/c\n"),
            "content/partners/ontario.yaml": ONTARIO_BROKEN,
            "content/topics.yaml": TOPICS + "mobility: de: Mobilität\n",
        }
    )
    write_bytes(site, "content/ja/2024/e.md", b"---\ntitle: \x82\xa0\ndate: 2024-07-17\n---\n")
    return site


MANY_PROBLEMS = [
    "content/de/2024/a.md:1: error: missing 'title'",
    "content/en/2024/b.md:3: error: date: 'soon' is not a date; write it as YYYY-MM-DD",
    "content/en/2024/c.md:8: warning: image 'https://example.org/photo.jpg' has no alt text: write ![what it shows](…)",
    "content/en/2024/c.md:14: error: broken link 'x.md': there is no content/en/2024/x.md",
    "content/en/2024/c.md:16: warning: image 'https://example.org/2.jpg' has no alt text: write ![what it shows](…)",
    "content/fr:0: error: unknown language folder 'fr' "
    "(languages: de, ja, en; add it to 'languages' in site.yaml to publish it)",
    "content/ja/2024/d.md:6: error: unknown partner 'kanagwa' (did you mean 'kanagawa'?)",
    "content/ja/2024/e.md:2: error: file is not UTF-8 text: its 'あ' on this line is Shift_JIS (Japanese); "
    "save it as UTF-8",
    "content/ja/2024/f.md:3: error: two ja versions of '2024/c': this file and content/ja/2024/c.md",
    f"content/partners/ontario.yaml:4: error: {ONTARIO_SAID}",
    f"content/topics.yaml:3: error: {COLON_IN_VALUE}",
]


def test_every_problem_of_every_file_in_one_sorted_report(scratch_site):
    site = many_problems(scratch_site)
    run = check(site)
    assert run.stderr.splitlines() == [*MANY_PROBLEMS, "check: 9 error(s), 2 warning(s)"]
    assert run.code == 1
    assert check(site, "--strict").stderr == run.stderr


def test_a_collision_is_reported_together_with_errors_in_other_files(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/c.md": release("C", "date: soon\n"),
            "content/en/2024/a.md": release("A", "date: 2024-01-01\nslug: same\n"),
            "content/en/2024/b.md": release("B", "date: 2024-05-01\nslug: same\n"),
        }
    )
    run = check(site)
    assert run.stderr.splitlines() == [
        "content/de/2024/c.md:3: error: date: 'soon' is not a date; write it as YYYY-MM-DD",
        "content/en/2024/a.md:4: error: '/en/releases/2024/same/' is claimed twice: "
        "by content/en/2024/a.md and by content/en/2024/b.md; give one of them another slug",
        summary(2, 0),
    ]


# 11. check writes nothing, whether the site is broken or not.


@pytest.mark.parametrize("broken", [True, False], ids=["broken", "clean"])
def test_check_writes_nothing(scratch_site, tmp_path, monkeypatch, broken):
    if broken:
        site = many_problems(scratch_site)
    else:
        site = scratch_site(
            {
                A: release("A", "date: 2024-01-01\npartners: [kanagawa]\ntopics: [energy]\n", "See [b](b.md)."),
                "content/de/2024/a.md": release("A"),
                "content/en/2024/b.md": release("B", "date: 2024-02-01\n"),
                "content/en/pages/about.md": release("About"),
            }
        )
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    run = check(site)
    assert run.code == (1 if broken else 0)
    assert snapshot(tmp_path) == before
    assert not (site.root / "site").exists()
    assert not site.output.exists()


# Never a traceback, also through the real entry point in a fresh process.


def test_no_traceback_from_build_py_on_every_broken_fixture(scratch_site):
    site = many_problems(scratch_site)
    site.write(
        {
            "content/en/2024/g.md": "---\ntitle: A\ndate: 2024-01-01\ntitle: B\n---\n",
            "content/en/2024/h.md": "No front matter here.\n",
            "content/en/2024/i.md": "---\ntitle: never closed\n",
            "content/en/2024/j.md": release("J", "date: 2024-01-01\ndraft: yes\npartners: {a: b}\n"),
            "content/en/pages/t.md": release("T", "slug: releases\n"),
            "site.yaml": "title: {de: a\nper_page: 3\n",
        }
    )
    for args in ((), ("--strict",)):
        done = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), "check", "--source", str(site.root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert "Traceback" not in done.stderr
        assert "Traceback" not in done.stdout
        assert done.returncode == 1
        assert done.stderr.splitlines()[-1].startswith("check: ")


def test_links_that_would_lead_nowhere_on_the_published_page_are_warnings(scratch_site):
    body = (
        "[settings](../../../site.yaml) and [partner](../../partners/kanagawa.yaml).\n\n"
        "[shouted](other.MD), [a folder](../2023/) and [no scheme](www.example.org).\n\n"
        "[source path](/content/en/2024/other.md)\n\n"
        "[left empty]() and [also empty](<>)\n\n"
        "Fine: [release](other.md), [site](/en/), [web](https://example.org/), [part](#top), "
        "[mail](mailto:presse@example.org).\n"
    )
    site = scratch_site(
        {A: release("A", "date: 2024-01-01\n", body), "content/en/2024/other.md": release("O", "date: 2024-01-01\n")}
    )
    run = check(site)
    relative = (
        "is relative but names no release (.md file): on the published page it would lead nowhere;"
        " link a release's .md file, a media file as /media/…, or a full address"
    )
    assert run.stderr.splitlines() == [
        f"{A}:6: warning: link '../../../site.yaml' {relative}",
        f"{A}:6: warning: link '../../partners/kanagawa.yaml' {relative}",
        f"{A}:8: warning: link '../2023/' {relative}",
        f"{A}:8: warning: link 'other.MD' {relative}",
        f"{A}:8: warning: link 'www.example.org' {relative}",
        f"{A}:10: warning: link '/content/en/2024/other.md' names a file of the sources, which are not published;"
        " link the release's .md file (../2024/x.md)",
        f"{A}:12: warning: link '' has no address: write where it leads between the brackets, e.g."
        " [text](../2024/x.md)",
        summary(0, 7),
    ]
    assert run.code == 0
    assert check(site, "--strict").code == 1


def test_what_editors_leave_beside_a_file_is_passed_by_in_silence(scratch_site):
    text = release("A", "date: 2024-01-01\n")
    site = scratch_site(
        {A: text, "content/en/2024/a.md~": text, "content/en/2024/#a.md#": text, "content/en/2024/Thumbs.db": ""}
    )
    write_bytes(site, "content/en/2024/B.MD", release("B", "date: 2024-01-02\n").encode())
    run = check(site)
    assert run.stderr.splitlines() == [
        "content/en/2024/B.MD:0: warning: ignored: its suffix is not .md in small letters; rename it to publish it",
        summary(0, 1),
    ]


def test_what_file_managers_leave_beside_media_and_static_files_is_neither_warned_of_nor_published(scratch_site):
    """Windows' Explorer leaves Thumbs.db in a folder of pictures: in content/media it was warned
    of as used by no release (failing check --strict), in templates/static it was published."""
    site = scratch_site(
        {
            A: release("A", "date: 2024-01-01\n"),
            "content/media/Thumbs.db": "x",
            "content/media/2024/desktop.ini": "x",
            "content/media/2024/plan.pdf~": "x",
            "templates/static/Thumbs.db": "x",
        }
    )
    run = check(site, "--strict")
    assert run.code == 0 and run.stderr.splitlines() == [summary(0, 0)], run.stderr
    assert site.build().code == 0
    published = [path.name for path in site.output.rglob("*")]
    assert not {"Thumbs.db", "desktop.ini", "plan.pdf~"} & set(published)


def test_keys_that_almost_link_are_warned_with_the_key_meant(scratch_site):
    """Each of these made two releases that each lacked the other's language, without a word."""
    site = scratch_site(
        {
            "content/de/2024/abc.md": release("A", "date: 2024-01-01\n"),
            "content/ja/2024/Abc.md": release("A"),  # renamed in one language, only in case
            "content/de/2024/kanagawa-erklaerung.md": release("K", "date: 2024-02-01\n"),
            "content/en/2024/declaration.md": release("K", "key: 2024/kanagawa-erklarung\n"),  # a typing mistake
        }
    )
    run = check(site)
    warnings = [line for line in run.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        "content/de/2024/abc.md:1: warning: the key '2024/abc' differs only in case from '2024/Abc'"
        " (content/ja/2024/Abc.md), so they are two releases; if they are one, give both files the same name"
        " or write 'key: 2024/Abc'",
        "content/en/2024/declaration.md:3: warning: key '2024/kanagawa-erklarung' is no other version's key, so"
        " it links this version to none (did you mean '2024/kanagawa-erklaerung'?); a key names the path of the"
        " version it translates, e.g. '2024/kanagawa-declaration'",
        "content/ja/2024/Abc.md:1: warning: the key '2024/Abc' differs only in case from '2024/abc'"
        " (content/de/2024/abc.md), so they are two releases; if they are one, give both files the same name"
        " or write 'key: 2024/abc'",
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("slug: '\u3000'", "slug: is empty; give one or remove the line"),
        ("key: ''", "key: is empty; give one or remove the line"),
        # With no value at all, each was taken as no line; an embargo as none, published at once.
        ("slug:", "slug: is empty; give one or remove the line"),
        ("key:", "key: is empty; give one or remove the line"),
        (
            "publish:",
            "publish: is empty; give a date, time and time zone, like 2024-07-17T10:00+09:00, or remove the line",
        ),
        ("slug: \ufb01le", "slug '\ufb01le' holds look-alike characters: write 'file'"),
        ("slug: \uff11\uff12\uff13", "slug '\uff11\uff12\uff13' holds look-alike characters: write '123'"),
        ("key: 2024//a", "key '2024//a' must be a content path like '2024/kanagawa-declaration'"),
    ],
)
def test_slugs_and_keys_that_are_blank_or_look_like_others_are_refused(scratch_site, field, message):
    site = scratch_site({"content/en/2024/a.md": release("A", f"date: 2024-01-01\n{field}\n")})
    run = check(site)
    assert run.code == 1
    assert f"content/en/2024/a.md:4: error: {message}" in run.stderr.splitlines(), run.stderr


def test_dates_that_cannot_be_meant_are_said(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-02-30\n"),
            "content/en/2024/b.md": release("B", "date: 2024-07-17\nupdated: 2024-01-01\n"),
            "content/en/2099/c.md": release("C", "date: 2099-01-01\n"),
        }
    )
    run = site.run("check", "--source", str(site.root), "--now", "2024-08-01T12:00+02:00")
    lines = run.stderr.splitlines()
    assert "content/en/2024/a.md:3: error: date: 2024-02-30 is no day of the calendar: February 2024 has 29 days" in (
        lines
    )
    # Published at once and first in every list, with nothing said.
    assert (
        "content/en/2099/c.md:3: warning: date 2099-01-01 is ahead of today (2024-08-01): the release is published"
        " now, with this date; to hold it until a moment, write 'publish:' (e.g. publish: 2099-01-01T09:00+01:00)"
        " and give the day it is issued as its date"
    ) in lines
    assert (
        "content/en/2024/b.md:4: warning: updated 2024-01-01 is before the release's date, 2024-07-17: readers"
        " would be told it changed before it was issued"
    ) in lines


def test_a_build_at_a_moment_of_its_own_says_the_dates_ahead_of_it_after_a_plain_build(scratch_site):
    """A build with ``--now`` straight after a clean plain build was "nothing changed since the
    last build" and kept quiet about the releases dated ahead of that moment, which a check with
    the same ``--now`` warns of."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-07-17\n")})
    assert site.build("--no-search").code == 0
    run = site.build("--no-search", "--now", "2024-07-01T12:00+02:00")
    assert run.code == 0
    assert not run.stdout.startswith("nothing changed"), run.stdout
    assert "content/en/2024/a.md:3: warning: date 2024-07-17 is ahead of today (2024-07-01)" in run.stderr


def test_a_release_dated_in_another_year_than_its_folder_is_told_where_it_belongs(scratch_site):
    """Last year's file copied and given this year's date, left in last year's folder: said at
    its date line, a draft too, and when its name is taken in the folder it belongs in; one in
    its year's folder or in no year's folder is not."""
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release("Besuch", "summary: S.\ndate: 2025-03-04\n"),
            "content/ja/2024/besuch.md": release("訪問"),  # no date of its own: said once, on the German
            "content/en/2024/draft.md": release("Draft", "date: 2023-12-31\ndraft: true\n"),
            "content/en/2023/draft.md": release("Another", "date: 2023-05-01\n"),  # its name taken there
            "content/de/2025/recht.md": release("Recht", "date: 2025-01-02\n"),
            "content/de/ohne-jahr.md": release("Ohne Jahr", "date: 2025-01-03\n"),
        }
    )
    run = site.run("check", "--source", str(site.root), "--now", "2025-06-01T12:00+02:00")
    assert run.code == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if ": warning: " in line] == [
        "content/de/2024/besuch.md:4: warning: dated 2025 but saved in the 2024 folder: move it to content/de/2025/,"
        " and its other versions to their 2025 folders, where the releases of 2025 are looked for",
        "content/en/2024/draft.md:3: warning: dated 2023 but saved in the 2024 folder: move it to content/en/2023/"
        " under another name (content/en/2023/draft.md is another release), and its other versions to their 2023"
        " folders, where the releases of 2023 are looked for",
    ]


def test_a_date_of_tomorrow_in_tokyo_is_no_mistake(scratch_site):
    site = scratch_site({"content/ja/2024/a.md": release("A", "date: 2024-08-02\n")})
    run = site.run("check", "--strict", "--source", str(site.root), "--now", "2024-08-02T01:00+09:00")
    assert run.code == 0, run.stderr


def test_a_title_of_only_spaces_and_invisible_characters_is_empty(scratch_site):
    # A no-break space, an ideographic space and a zero-width space: a blank heading and card.
    site = scratch_site({"content/en/2024/a.md": release('"\u00a0\u3000\u200b"', "date: 2024-01-01\n")})
    run = check(site)
    assert run.code == 1
    assert "content/en/2024/a.md:2: error: 'title' is empty" in run.stderr.splitlines()


def test_a_file_name_without_a_letter_or_digit_is_told_to_be_renamed(scratch_site):
    # It was published at /untitled/ without a word, and two such files were "claimed twice"
    # at an address no editor wrote.
    site = scratch_site({"content/en/2024/\U0001f600.md": release("A", "date: 2024-01-01\n")})
    run = check(site)
    assert run.code == 1
    assert (
        "content/en/2024/\U0001f600.md:1: error: the file's name has no letter or digit to make an address of;"
        " rename the file or give a slug:"
    ) in run.stderr.splitlines()
    site.write({"content/en/2024/\U0001f600.md": release("A", "date: 2024-01-01\nslug: party\n")})
    assert check(site).code == 0


@pytest.mark.parametrize("typo", ["tittle", "Title", "titel"])
def test_a_misspelt_title_is_one_mistake_one_message(scratch_site, typo):
    """Not also "missing 'title'" in the same file, nor "missing 'date'" in its sibling, whose
    date the misspelt file gives."""
    site = scratch_site(
        {
            A: f"---\n{typo}: A\ndate: 2024-01-01\n---\n\nText.\n",
            "content/de/2024/a.md": release("B"),
        }
    )
    assert_one_error(site, f"{A}:2: error: unknown field '{typo}' for a release (did you mean 'title'?)")


def test_a_missing_title_without_a_near_miss_is_still_said(scratch_site):
    site = scratch_site({A: "---\nheadline: A\ndate: 2024-01-01\n---\n\nText.\n"})
    run = check(site)
    assert f"{A}:1: error: missing 'title'" in run.stderr.splitlines()
    assert run.code == 1
