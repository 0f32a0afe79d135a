"""Markdown slips the page would show as typed, or drop, without a word: language spans whose
attributes are wrong, footnote references with no definition, definitions nothing refers to.

Each is a ``path:line`` warning (so ``--strict`` fails), on the line of the body where it is,
every build (also when the body comes from the cache); the page stays as it was.
"""

from __future__ import annotations

from .test_check_fixtures import check, summary
from .test_translations import release

A = "content/en/2024/a.md"
"""The release every test writes; its body starts on line 6 (``release`` puts a blank line first)."""

AUDIT_BODY = "Intro.\n\n[y]{lang=xx-!!} [z]{lang=} [q]{lang=en onclick=alert(1)} Footnote[^nope].\n\n[^2]: unused\n"
AUDIT_WARNINGS = [
    f"{A}:8: warning: footnote [^nope] has no definition and shows as typed: add a line '[^nope]: …'",
    f"{A}:8: warning: language span '{{lang=en onclick=alert(1)}}' gives more than a language (onclick): "
    "only lang= is allowed; write {lang=en}",
    f"{A}:8: warning: language span '{{lang=xx-!!}}': 'xx-!!' is not a language tag; write one as in "
    "{lang=en} or {lang=zh-Hant}",
    f"{A}:8: warning: language span '{{lang=}}' names no language: write a language tag, as in {{lang=en}}",
    f"{A}:10: warning: footnote [^2] is defined but never referred to, so it is not shown: write [^2] in the text",
]


def warnings_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning: " in line]


def test_the_audits_slips_are_warned_about_with_their_lines(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n", AUDIT_BODY)})
    run = check(site)
    assert run.stderr.splitlines() == [*AUDIT_WARNINGS, summary(0, 5)]
    assert run.code == 0
    assert check(site, "--strict").code == 1


def test_a_kept_body_reports_its_slips_again(scratch_site, parses):
    site = scratch_site({A: release("A", "date: 2024-01-01\n", AUDIT_BODY)})
    first = site.build()
    assert warnings_of(first.stderr) == AUDIT_WARNINGS
    parses.clear()
    second = site.build()
    assert parses == [], "the body came from the cache"
    assert warnings_of(second.stderr) == AUDIT_WARNINGS
    assert second.code == 0
    html = site.page("/en/releases/2024/a/").html
    # The page shows the text as it did before the warnings: as typed, the unused note left out.
    assert "<p>[y]{lang=xx-!!} [z]{lang=} [q]{lang=en onclick=alert(1)} Footnote[^nope].</p>" in html
    assert "unused" not in html


def test_spans_that_read_well_and_footnotes_that_match_are_quiet_beside_a_slip(scratch_site):
    body = (
        'ME-BYO ([未病]{lang=ja}), [繁體]{lang=zh-Hant}, [Grüezi]{lang=de-CH} and [x]{lang="en"}.\n'
        "A note[^注] and another[^Übersetzung], a third[^1].\n\n"
        "`[y]{lang=xx-!!} [^nope]` in code is meant as written, and so is \\[^escaped].\n\n"
        "```\n[z]{lang=}\n[^block]: in code\nSee[^block2]\n```\n\n"
        "[^注]: [注釈です。]{lang=ja}\n"
        "[^Übersetzung]: Eine Anmerkung.\n"
        "[^1]: One.\n\n"
        "The one slip[^2].\n"
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert check(site).stderr.splitlines() == [
        f"{A}:21: warning: footnote [^2] has no definition and shows as typed: add a line '[^2]: …'",
        summary(0, 1),
    ]


def test_language_tags_that_are_not_tags_and_attributes_that_are_not_lang(scratch_site):
    body = 'One [a]{lang=en_US} two\nthree [b]{.term} four [c]{lang="en}.\n'
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{A}:6: warning: language span '{{lang=en_US}}': 'en_US' is not a language tag; write one as in "
        "{lang=en} or {lang=zh-Hant}",
        f"{A}:7: warning: language span '{{.term}}' gives more than a language (class): only lang= is allowed; "
        "write {lang=en}",
        f"{A}:7: warning: language span '{{lang=\"en}}' cannot be read: write it as {{lang=en}}",
    ]


def test_footnote_slips_on_later_lines_of_a_paragraph_and_in_a_quote(scratch_site):
    body = (
        "First line.\nSecond *line*\nthird[^a] line[^missing].\n\n"
        "> Quoted[^a].\n>\n> [^q]: never named\n\n"
        "[^a]: Named twice.\n[^a]: Again.\n"
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{A}:8: warning: footnote [^missing] has no definition and shows as typed: add a line '[^missing]: …'",
        f"{A}:12: warning: footnote [^q] is defined but never referred to, so it is not shown: write [^q] in the text",
        f"{A}:15: warning: footnote [^a] is defined again (first on line 14); only the first is shown",
    ]


def test_a_body_the_fallback_parser_renders_is_warned_about_too(scratch_site):
    # An inline footnote that begins beyond ASCII makes the Rust parser panic: markdown-it-py
    # renders this body, without source positions.
    body = "Text ^[Übersetzung] and[^nope].\n\nMore[^a].\n\n[^a]: Named.\n[^b]: Not named.\n"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{A}:6: warning: footnote [^nope] has no definition and shows as typed: add a line '[^nope]: …'",
        f"{A}:11: warning: footnote [^b] is defined but never referred to, so it is not shown: write [^b] in the text",
    ]


def test_a_table_row_with_more_cells_than_its_header_names_the_cells_left_out(scratch_site):
    body = (
        "| Ort | Jahr |\n|---|---|\n"
        "| Stuttgart | 2024 | Neues Schloss |\n"  # line 8: the third cell never showed
        "| Ulm |\n"  # fewer cells: GFM fills the row, nothing is lost
        "| a \\| b | `x|y` | z |\n"  # an escaped pipe is text; a code span's pipe splits, as GFM says
        "| Mannheim | 2025 | |\n\n"  # an empty cell left out loses nothing
        "> | Ort | Jahr |\n> |---|---|\n> | Karlsruhe | 2023 | [Neues Schloss]{lang=de} |\n"
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    run = check(site)
    assert run.stderr.splitlines() == [
        f"{A}:8: warning: table cell 'Neues Schloss' is left out of the page (this row has 3 cells, the header "
        "row 2): add a column to the header row or remove the cell",
        f"{A}:10: warning: table cells 'y`', 'z' are left out of the page (this row has 4 cells, the header row "
        "2): add columns to the header row or remove the cells",
        f"{A}:15: warning: table cell '[Neues Schloss]{{lang=de}}' is left out of the page (this row has 3 cells, "
        "the header row 2): add a column to the header row or remove the cell",
        summary(0, 3),
    ]
    assert check(site, "--strict").code == 1


SKIPPED = "screen-reader users move through a page by its heading levels (WCAG 1.3.1)"


def test_a_heading_that_skips_a_level_is_told_the_level_to_use(scratch_site):
    body = (
        "#### Termine\n\nText.\n\n"  # line 6: straight under the title, which is the page's h1
        "#### Orte\n\n"  # line 10: its sibling, to be a ## as well
        "##### Stuttgart\n\n"  # line 12: one below what line 10 is to be
        "## Kontakt\n\n### Presse\n\n"  # lines 14 and 16 are right
        "# Anhang\n\n### Dokumente\n"  # line 20: ### after a #
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert warnings_of(check(site).stderr) == [
        f"{A}:6: warning: heading '####' skips a level: make it '##', one level below the page's title; {SKIPPED}",
        f"{A}:10: warning: heading '####' skips a level: make it '##', one level below the page's title; {SKIPPED}",
        f"{A}:12: warning: heading '#####' skips a level: make it '###', one level below the heading on line 10; "
        f"{SKIPPED}",
        f"{A}:20: warning: heading '###' skips a level: make it '##', one level below the heading on line 18; "
        f"{SKIPPED}",
    ]


def test_headings_that_step_down_one_level_at_a_time_are_quiet(scratch_site):
    body = "## Eins\n\n### Zwei\n\n#### Drei\n\n## Vier\n\nSetext\n------\n\n> ### Zitat\n"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert check(site, "--strict").stderr.splitlines() == [summary(0, 0)]


OWN = (
    "link '{href}' is this site's own address: it always leads to the {lang} version, not the reader's own, "
    "and breaks when the slug changes; link the file instead: {file}"
)


def own_address_site(scratch_site, site_yaml: str):
    declaration = "date: 2024-07-17\nslug: absichtserklaerung\n"
    de = (
        "[Erklärung](https://presse.example/de/releases/2024/absichtserklaerung/)\n"  # line 6
        "[Declaration](http://PRESSE.example/en/releases/2024/joint-declaration#plan)\n"  # line 7
        "[Start](https://presse.example/de/), [Andere](https://andere.example/de/releases/2024/absichtserklaerung/)\n"
    )
    ja = "[宣言](https://presse.example/de/releases/2024/absichtserklaerung/index.html)\n"  # line 5
    files = {
        "content/de/2024/absicht.md": release("Absichtserklärung", declaration),
        "content/en/2024/absicht.md": release("Joint declaration", "slug: joint-declaration\n"),
        "content/de/2025/neu.md": release("Neu", "date: 2025-01-02\n", de),
        "content/ja/2025/neu.md": release("新着", "", ja),
    }
    return scratch_site({**files, "site.yaml": site_yaml} if site_yaml else files)


def test_a_link_written_as_the_sites_own_address_names_the_file_to_link(scratch_site):
    site = own_address_site(scratch_site, "base_url: https://presse.example/\n")
    expected = [
        "content/de/2025/neu.md:6: warning: "
        + OWN.format(
            href="https://presse.example/de/releases/2024/absichtserklaerung/", lang="de", file="../2024/absicht.md"
        ),
        # The German file, though the address is the English page's: every reader gets their own version.
        "content/de/2025/neu.md:7: warning: "
        + OWN.format(
            href="http://PRESSE.example/en/releases/2024/joint-declaration#plan",
            lang="en",
            file="../2024/absicht.md#plan",
        ),
        # The release has no Japanese version: the file written is the one to link.
        "content/ja/2025/neu.md:5: warning: "
        + OWN.format(
            href="https://presse.example/de/releases/2024/absichtserklaerung/index.html",
            lang="de",
            file="../../de/2024/absicht.md",
        ),
    ]
    assert warnings_of(check(site).stderr) == expected
    assert warnings_of(check(site).stderr) == expected  # the bodies kept from the first run say it again


def test_the_sites_own_address_is_told_with_or_without_www(scratch_site):
    """Most sites answer on both: an editor copies whichever the browser showed."""
    link = "[Erklärung](https://{host}/de/releases/2024/absichtserklaerung/)\n"
    hosts = ("www.presse.example", "presse.example", "presse.example.org", "presse.example:443", "presse.example:8443")
    body = "".join(link.format(host=host) for host in hosts)
    files = {
        "content/de/2024/absicht.md": release("Absichtserklärung", "date: 2024-07-17\nslug: absichtserklaerung\n"),
        "content/de/2025/neu.md": release("Neu", "date: 2025-01-02\n", body),
    }
    for base_url in ("https://presse.example/", "https://WWW.presse.example/", "https://presse.example:443/"):
        site = scratch_site({**files, "site.yaml": f"base_url: {base_url}\n"})
        told = [line.split(": warning: ")[0] for line in warnings_of(check(site).stderr)]
        # Lines 6, 7 and 9 are the site's own address (443: the port a browser leaves out);
        # presse.example.org and port 8443 are another site.
        assert told == ["content/de/2025/neu.md:6", "content/de/2025/neu.md:7", "content/de/2025/neu.md:9"], base_url


def test_web_addresses_are_not_looked_at_without_a_base_url(scratch_site):
    site = own_address_site(scratch_site, "")
    assert warnings_of(check(site).stderr) == []


def test_the_sites_own_address_is_told_in_a_build_for_another_address(scratch_site):
    """The address editors copy is the published one: a build for the preview's ``/`` or a
    staging host tells of it as ``check`` does."""
    site = own_address_site(scratch_site, "base_url: https://presse.example/\n")
    told = [line for line in warnings_of(check(site).stderr) if ":6: warning:" in line]
    assert len(told) == 1
    for base in ("/", "https://staging.example/presse/"):
        assert told[0] in warnings_of(site.build("--base-url", base).stderr)


def test_a_reference_link_without_its_definition_is_warned_at_its_line(scratch_site):
    """``[die Erklärung][erklaerung]`` whose definition is missing or spelt otherwise showed its
    brackets and label on the page as typed, without a word; one that has its definition (in
    other capitals too), is escaped, or stands in code is quiet."""
    body = (
        "Intro.\n\n"
        "Siehe [die Erklärung][erklaerung],\nund [Kanagawa][] und [gut][OK] und \\[nicht\\]\\[x\\] und `[code][y]`.\n\n"
        "[ok]: https://example.org/\n[erklärung]: https://example.org/e\n\n"
        "    [block][z]\n"
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    run = check(site)
    assert warnings_of(run.stderr) == [
        f"{A}:8: warning: link [die Erklärung][erklaerung] has no definition and shows as typed: add a line"
        " '[erklaerung]: https://…'",
        f"{A}:9: warning: link [Kanagawa][] has no definition and shows as typed: add a line '[Kanagawa]: https://…'",
    ]
    assert check(site, "--strict").code == 1
