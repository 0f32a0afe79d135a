"""Input that used to hang the tool, or was accepted and gave a wrong site (issue 15).

Each becomes a ``path:line`` problem, or simply works; none takes more than linear time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from pressroom.source.yamlload import YamlProblem, load_yaml

from .conftest import PROJECT
from .test_check_fixtures import check
from .test_translations import release

A = "content/en/2024/a.md"
PARTNER_WITH = """\
name: {{de: Kanagawa, ja: 神奈川県, en: Kanagawa}}
country: JP
since: 1989
status: active
summary: {{de: Partner., ja: パートナー。, en: Partner.}}
{}
reading: かながわけん
"""

# --- Hangs ------------------------------------------------------------------------------

ADVERSARIAL = r"""
import json, sys, time
from pressroom.base.errors import Problems
from pressroom.source.content import ContentTree, SourceFile
from pressroom.source.fieldvalues import place_value
from pressroom.source.frontmatter import text_fingerprint
from pressroom.source.markdown import render_markdown
from pressroom.source.partners import load_partners
from pressroom.source.slugs import is_valid_slug, slugify
from pressroom.source.yamlload import YamlProblem, load_yaml

N = 200_000
def partner(url):
    text = "name: {en: X}\nsummary: {en: X}\ncountry: JP\nsince: 1990\nlinks:\n"
    text += f"  - url: '{url}'\n    title: {{en: X}}\n"
    return lambda: load_partners(ContentTree((), (("x", SourceFile("p.yaml", text)),), None), ("en",), Problems())
def pictures(names, then):
    # a media folder of the files ``names``, read afresh, handed to ``then``
    import tempfile
    from pathlib import Path
    from pressroom.source.media import forget_folders
    with tempfile.TemporaryDirectory() as root:
        for name in names:
            (Path(root) / name).parent.mkdir(exist_ok=True)
            (Path(root) / name).touch()
        forget_folders()
        then(Path(root))
def looked_for(root, name):
    from pressroom.source.media import MediaError, resolve
    try:
        resolve(root, name)
    except MediaError:
        pass
def missing_media():
    # a media folder renamed: each of 2,000 pictures named is missing among 5,000 alike files,
    # and each message looks for the one meant (difflib compared each with every file: minutes)
    pictures(
        (f"2025/pressefoto-kooperation-veranstaltung-{i:05d}.jpg" for i in range(5000)),
        lambda at: [looked_for(at, f"2025/pressefoto-kooperation-veranstaltung-{i:05d}a.jpeg") for i in range(2000)],
    )
def missing_folder_among_many():
    # the 2025 folder renamed beside twelve years of 500 pictures: each of 2,000 missing names
    # was looked for in every folder, each folder read anew
    pictures(
        (f"{year}/foto-{year}-{i:04d}.jpg" for year in range(2010, 2022) for i in range(500)),
        lambda root: [looked_for(root, f"2025/bild-{i:04d}.jpg") for i in range(2000)],
    )
def variants_among_many():
    # each picture's language variants looked for beside 8,000 others (each missing one read
    # and normalised the whole folder: minutes)
    from pressroom.source.media import localized
    pictures(
        (f"2025/foto-{i:05d}.jpg" for i in range(8000)),
        lambda at: [localized(at, f"2025/foto-{i:05d}.jpg", lang) for i in range(2500) for lang in ("de", "ja", "en")],
    )
def broken_links():
    # 20,000 releases, 2,000 links to a name misspelt: each looked for the one meant among all
    from types import SimpleNamespace
    from pressroom.model.catalog import LinkResolver
    existing = {("de", f"2025/pressemitteilung-zur-kooperation-{i:05d}") for i in range(20_000)}
    resolver = LinkResolver(None, [], {}, {}, existing)
    here = SimpleNamespace(lang="de", rel="2025/a")
    for i in range(2000):
        resolver._meant(here, "de", f"2025/pressemitteilung-zur-kooperaton-{i:05d}")
def aliases():
    text = "a: &a [x, x]\n" + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i-1}'}]\n" for i in range(40))
    try:
        load_yaml(text)
    except YamlProblem:
        pass
cases = {
    "spaces before text (fingerprint)": lambda: text_fingerprint("t", "", "", "a\n" + " " * N + "x"),
    "tabs and spaces (fingerprint)": lambda: text_fingerprint("t", "", "", "a\n" + " \t" * (N // 2) + "x\ny"),
    "long web address (partner links)": partner("https://" + "a." * (N // 2) + " "),
    "slug of hyphens": lambda: (is_valid_slug("a-" * (N // 2) + "!"), slugify("a_-" * (N // 3))),
    "alias chain (YAML)": aliases,
    # a Japanese text pasted into place: (no spaces), looked at for a date written into it
    "a text pasted as the place": lambda: place_value(load_yaml("place: " + "年" * (N // 3)), "x.md", Problems()),
    "missing pictures among many (did you mean)": missing_media,
    "broken links among many releases (did you mean)": broken_links,
    "language variants among many pictures": variants_among_many,
    "a folder missing among many (did you mean)": missing_folder_among_many,
    "deeply indented list": lambda: render_markdown("".join(" " * i + "- x\n" for i in range(600)), 1, print),
    "spaces in Markdown": lambda: render_markdown(" " * N + "x\n", 1, lambda h, l: None),
    "emphasis and underscores": lambda: render_markdown("a" + "_a" * (N // 20) + "*" * 2000, 1, lambda h, l: None),
    "quotes nested on one line": lambda: render_markdown("> " * (N // 2) + "x", 1, lambda h, l: None),
    "lists nested on one line": lambda: render_markdown("- " * (N // 2) + "x", 1, lambda h, l: None),
    "a long line of words": lambda: render_markdown("word " * (N // 5), 1, lambda h, l: None),
    # the Rust parser is not linear in these: about 50 KB each, still well under 0.1 s per KB
    "unclosed brackets": lambda: render_markdown("[" * (N // 4), 1, lambda h, l: None),
    "unclosed images": lambda: render_markdown("![a" * (N // 12), 1, lambda h, l: None),
    "unclosed language spans": lambda: render_markdown("[a]{lang=" * (N // 36), 1, lambda h, l: None),
    "brackets nested in brackets": lambda: render_markdown("[a " * (N // 12) + "]" * (N // 12), 1, lambda h, l: None),
    "emphasis pairs in one paragraph": lambda: render_markdown("_a_ " * (N // 40), 1, lambda h, l: None),
    "emphasis pairs past the limit": lambda: render_markdown("_a_ " * (N // 4), 1, lambda h, l: None),
    "inline footnotes left open": lambda: render_markdown("^[a" * (N // 3), 1, lambda h, l: None),
    "headings of one name": lambda: render_markdown("# a\n" * (N // 4), 1, lambda h, l: None),
    # the footnote check of ``warn``: each reference's line counted from the start, each unused
    # definition held against every paragraph
    "footnote references shown as text": lambda: render_markdown(
        "[^a]" * (N // 2), 1, lambda h, l: None, lambda l, m: None
    ),
    # the table and heading checks of ``warn``: each row's cells split again, each heading's
    # level held against those still open
    "table rows with cells left out": lambda: render_markdown(
        "| a |\n|---|\n" + "| x | y \\\\| z |\n" * (N // 16), 1, lambda h, l: None, lambda l, m: None
    ),
    "headings that skip levels": lambda: render_markdown(
        "# a\n\n###### b\n\n" * (N // 16), 1, lambda h, l: None, lambda l, m: None
    ),
    # the reference-link check of ``warn``: the page's text searched again for each one in code
    # (about 900 KB: at 200 KB the quadratic search took a second, not enough to tell)
    "reference links in code beside text": lambda: render_markdown(
        "`[a][b]` wort " * (N // 3), 1, lambda h, l: None, lambda l, m: None
    ),
    "unused footnote definitions": lambda: render_markdown(
        "".join(f"[^a{i}]: x\n\np\n\n" for i in range(N // 16)), 1, lambda h, l: None, lambda l, m: None
    ),
    # the check for unmarked Japanese of ``warn``: each run's line counted from the start of its
    # text (600 KB: at 200 KB that took two seconds), each span looked for from the last one marked
    "unmarked runs in one paragraph": lambda: render_markdown(
        "神a " * N, 1, lambda h, l: None, lambda l, m: None, lang="de"
    ),
    "language spans that leave runs unmarked": lambda: render_markdown(
        "[神]{lang=en} " * (N // 14), 1, lambda h, l: None, lambda l, m: None, lang="de"
    ),
}
seconds = {}
for name, work in cases.items():
    # Processor time, not the clock's: on a machine busy with other work (CI beside a test run
    # of its own) the clock gave a linear case twice its time and more.
    start = time.process_time()
    work()
    seconds[name] = time.process_time() - start
print(json.dumps(seconds))
"""


def test_adversarial_inputs_take_linear_time():
    """Each input is about 200 KB (50 KB where the Markdown parser is not linear): linear code
    handles it in milliseconds, the quadratic code it replaces took minutes; the Markdown ones
    with a run of 50,000 quote or list markers would overflow the parser's stack. The bound is
    generous (a loaded machine passes); a regression that makes any of these quadratic again
    exceeds it by orders of magnitude. Measured in processor time: the clock on a loaded machine
    gave the picture cases twice theirs."""
    try:
        run = subprocess.run(
            [sys.executable, "-c", ADVERSARIAL], capture_output=True, text=True, timeout=120, cwd=PROJECT
        )
    except subprocess.TimeoutExpired:
        pytest.fail("adversarial inputs did not finish within 120 s: something is quadratic again")
    assert run.returncode == 0, run.stderr
    seconds = json.loads(run.stdout)
    slow = {name: round(s, 2) for name, s in seconds.items() if s > 5.0}
    assert not slow, f"more than 5 s of processor time for about 200 KB: {slow}"


def test_yaml_aliases_are_refused_with_their_line(scratch_site):
    bomb = "".join(f"x{i}: &x{i} [*x{i - 1}, *x{i - 1}]\n" for i in range(1, 30))
    site = scratch_site(
        {
            A: "---\ntitle: A\ndate: 2024-01-01\nsummary: &s [1, 2]\n" + bomb.replace("*x0", "*s") + "---\nText\n",
            "content/partners/bomb.yaml": "name: &n {de: A, ja: A, en: A}\nsummary: *n\n",
        }
    )
    command = [sys.executable, str(PROJECT / "build.py"), "check", "--source", str(site.root)]
    try:  # in a process of its own: the old code expanded the chain for hours
        run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("a chain of YAML aliases still expands: check did not finish in 60 s")
    assert run.returncode == 1
    assert f"{A}:5: error: aliases such as '*s' are not allowed here; write the value out" in run.stderr
    assert (
        "content/partners/bomb.yaml:2: error: aliases such as '*n' are not allowed here; write the value out"
        in run.stderr
    )


# --- Silently wrong ---------------------------------------------------------------------


def test_yaml_nested_without_end_is_refused_with_its_line_and_no_crash(scratch_site):
    depth = 100_000  # 200 KB of brackets: PyYAML's C reader recursed until the process crashed
    site = scratch_site(
        {
            A: "---\ntitle: A\ndate: 2024-01-01\nsummary: " + "[" * depth + "]" * depth + "\n---\nText\n",
            "content/partners/deep.yaml": "name: {en: X}\nsummary:\n  " + "- " * depth + "x\n",
        }
    )
    command = [sys.executable, str(PROJECT / "build.py"), "check", "--source", str(site.root)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stderr[-2000:]  # not -11, a segmentation fault
    assert "Traceback" not in run.stderr
    deep = "error: lists and mappings nested more than 40 levels deep; write them flat"
    assert f"{A}:4: {deep}" in run.stderr
    assert f"content/partners/deep.yaml:3: {deep}" in run.stderr


def test_yaml_nested_past_pythons_limit_with_few_brackets_is_refused_too():
    # Too few brackets to be measured first, yet deeper than Python's recursion limit (lowered
    # here, as a deep call stack would): the same message, at its line.
    text = "title: B\ndate: 2024-01-01\nsummary: " + "{a: " * 200 + "x" + "}" * 200 + "\n"
    assert load_yaml(text, first_line=2)["title"] == "B"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(250)
    try:
        with pytest.raises(YamlProblem) as raised:
            load_yaml(text, first_line=2)
    finally:
        sys.setrecursionlimit(limit)
    assert (raised.value.line, raised.value.message) == (
        4,
        "lists and mappings nested more than 40 levels deep; write them flat",
    )


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)//", "//other.host/", "/press/\nDisallow: /", "example.org/press", 'https://a.b/"><x'],
)
def test_a_base_url_that_is_neither_an_address_nor_a_path_is_refused(scratch_site, url):
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "site.yaml": f"base_url: {json.dumps(url)}\n"})
    run = check(site)
    assert run.code == 1
    assert run.stderr.startswith("site.yaml:1: error: base_url '")
    build = site.build("--base-url", url)
    assert build.code == 2 and "--base-url" in build.stderr and "Traceback" not in build.stderr
    assert not site.output.exists()


def test_good_base_urls_still_work(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    assert site.build("--base-url", "https://example.org/press/").code == 0
    assert site.build("--base-url", "/press/").code == 0


@pytest.mark.parametrize(
    ("text", "line", "character"),
    [
        (release("A\x00", "date: 2024-01-01\n"), 2, "control character U+0000"),
        (release("A", "date: 2024-01-01\nsummary: x\x1b[2J\n"), 4, "control character U+001B"),
        (release("A", "date: 2024-01-01\n", "One.\n\nTwo\x0c.\n"), 8, "control character U+000C"),
        (release("A", "date: 2024-01-01\n", "Bad \uffff."), 6, "non-character U+FFFF"),
        # Non-characters HTML forbids: in the basic plane, and the last two of another plane.
        (release("A\ufdd0", "date: 2024-01-01\n"), 2, "non-character U+FDD0"),
        (release("A", "date: 2024-01-01\n", "Bad \U0001fffe."), 6, "non-character U+1FFFE"),
        (release("A", "date: 2024-01-01\nsummary: x\U0010ffff\n"), 4, "non-character U+10FFFF"),
        # A C1 control: what UTF-8 read as Latin-1 leaves (YAML answered with its own internals).
        (release("A", "date: 2024-01-01\nsummary: Baden-W\u00c3\u0083rttemberg\n"), 4, "control character U+0083"),
        (release("A", "date: 2024-01-01\n", "Text \x85 here."), 6, "control character U+0085"),
    ],
)
def test_control_characters_are_refused_with_their_line(scratch_site, text, line, character):
    site = scratch_site({A: text})
    run = check(site)
    assert run.stderr.splitlines()[0] == (
        f"{A}:{line}: error: invisible {character} in the text; delete it (it would make feeds and the sitemap invalid)"
    )
    assert run.code == 1


def test_every_line_with_a_control_character_is_told_by_one_run(scratch_site):
    """A paste from a PDF or a terminal leaves several: only the first was told, so the editor
    deleted one and ran the check again for the next; a file full of them is told once more."""
    said = "in the text; delete it (it would make feeds and the sitemap invalid)"
    body = "One\x0c.\n\nTwo\x1c and \x1d.\n\n" + "x\x01\n" * 30
    site = scratch_site({A: release("A\x07", "date: 2024-01-01\n", body)})
    run = check(site)
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert errors[:3] == [
        f"{A}:2: error: invisible control character U+0007 {said}",
        f"{A}:6: error: invisible control character U+000C {said}",
        f"{A}:8: error: invisible control character U+001C {said}",
    ]
    assert errors[3:] == [
        *(f"{A}:{line}: error: invisible control character U+0001 {said}" for line in range(10, 27)),
        f"{A}:27: error: this line and others below it hold invisible characters too: delete them",
    ]


@pytest.mark.parametrize(("separator", "name"), [("\u2028", "line"), ("\u2029", "paragraph")])
def test_a_line_separator_pasted_into_yaml_is_told_at_its_line(scratch_site, separator, name):
    """U+2028 and U+2029, which text pasted from a layout program or a PDF may hold: YAML 1.1
    ends a line at each, so a field misspelt below one was told a line too far down the file,
    and an unquoted value with one "has no ':'" on the line after it."""
    site = scratch_site(
        {
            A: release("A", f'summary: "Erster{separator}Satz"\ntittle: B\ndate: 2024-01-01\n'),
            "content/partners/x.yaml": f"name: {{de: A{separator}B}}\nfoo: 1\n",
        }
    )
    said = (
        f"error: an invisible {name} separator (U+{ord(separator):04X}) in this line, as text pasted from a layout"
        " program or a PDF may hold; YAML reads it as a line end: replace it with a space"
    )
    errors = check(site).stderr.splitlines()
    assert f"{A}:3: {said}" in errors
    assert f"content/partners/x.yaml:1: {said}" in errors


def test_control_characters_in_partner_files_and_site_yaml(scratch_site):
    site = scratch_site(
        {
            A: release("A", "date: 2024-01-01\n"),
            "content/partners/x.yaml": "name: {de: A\x07}\n",
            "site.yaml": "title: {de: A, ja: B, en: C\x01}\n",
        }
    )
    run = check(site)
    assert "content/partners/x.yaml:1: error: invisible control character U+0007" in run.stderr
    assert "site.yaml:1: error: invisible control character U+0001" in run.stderr


@pytest.mark.parametrize(
    "href",
    ["ms-msdt:/id%20PCWDiagnostic", "search-ms:query=x", "intent://x#Intent;end", "java%09script:x", "vbscript:x"],
)
def test_links_with_a_scheme_not_on_the_allowlist_are_not_links(scratch_site, href):
    body = f"[bad]({href}) [good](https://example.org/) [mail](mailto:a@example.org) [phone](tel:+49711)"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    assert site.build().code == 0
    page = site.page("/en/releases/2024/a/")
    hrefs = [a["href"] for a in page.links if a["text"] in ("bad", "good", "mail", "phone")]
    assert hrefs == ["https://example.org/", "mailto:a@example.org", "tel:+49711"]


def test_terminal_escape_sequences_in_messages_are_written_out(scratch_site):
    # Content cannot carry them any more; a file name still can.
    site = scratch_site({"content/en/2024/\x1b]0;pwned\x07\x1b[2J.md": release("A", "colour: x\n")})
    run = check(site)
    assert run.code == 1
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert run.stderr.splitlines()[0] == (
        "content/en/2024/\\x1b]0;pwned\\x07\\x1b[2J.md:0: error: the name contains a control character; rename it"
    )


def test_a_line_end_after_an_id_or_address_is_refused_not_made_a_folder(scratch_site):
    """A pattern's ``$`` also matches before a last line end: a topic id written ``"energy\\n"``
    (or ending a ``|`` block) and an earlier address copied with its ``%0A`` passed as valid, and
    the site was built with folders named ``energy⏎`` and ``alt⏎``, linked from every page."""
    site = scratch_site(
        {
            "content/topics.yaml": '"energy\\n": {de: Energie, ja: エネルギー, en: Energy}\n',
            A: release(
                "A",
                'date: 2024-01-01\ntopics: ["energy\\n"]\nformerly:\n'
                "  - /en/releases/2024/alt%0A/\n  - /en/releases/2024%0a/alt/\n",
            ),
        }
    )
    run = check(site)
    assert run.code == 1
    said = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert (
        "content/topics.yaml:1: error: topic id 'energy\\n': use lower-case letters a to z, digits and hyphens;"
        " write it energy"
    ) in said
    assert [line.split(": error: ")[0] for line in said if "formerly:" in line] == [f"{A}:6", f"{A}:7"]
    assert site.build().code == 1
    assert not site.output.exists()


def test_a_topic_id_windows_keeps_or_too_long_for_a_folder_is_said_at_its_line(scratch_site):
    """A topic id names its pages' folder: ``con`` was built into ``/de/topics/con/``, which
    Windows can neither check out nor serve, and a 300-letter id failed the build with "File name
    too long" blamed on the staging folder, at line 0."""
    long_id = "a" * 300
    site = scratch_site(
        {
            "content/topics.yaml": (
                "energy: {de: Energie, ja: エネルギー, en: Energy}\n"
                "con: {de: Kon, ja: コン, en: Con}\n"
                f"{long_id}: {{de: Lang, ja: 長い, en: Long}}\n"
            ),
            A: release("A", "date: 2024-01-01\ntopics: [energy]\n"),
        }
    )
    run = check(site)
    assert run.code == 1
    said = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert said == [
        "content/topics.yaml:2: error: topic id 'con' is a name Windows keeps for a device: the page's folder"
        " cannot be written or served there; choose another",
        f"content/topics.yaml:3: error: topic id '{'a' * 20}…' is longer than any address of this site (200):"
        " shorten it",
    ]
    assert site.build().code == 1
    assert not site.output.exists()


def test_a_slug_too_long_for_a_file_name(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\nslug: " + "x" * 300 + "\n")})
    run = site.build()
    assert run.code == 1
    assert run.stderr.splitlines()[0].startswith(f"{A}:4: error: the address 'xxxx")
    assert "is too long (300 bytes, at most 200); give a shorter slug" in run.stderr


def test_a_slug_windows_keeps_for_a_device(scratch_site):
    """A file named con.md is refused, and so is the folder 'slug: con' would make: a site built
    or served on Windows could not hold it."""
    site = scratch_site({A: release("A", "date: 2024-01-01\nslug: Con\n")})
    run = check(site)
    assert run.code == 1
    assert (
        f"{A}:4: error: slug 'Con' is a name Windows keeps for a device: the page's folder cannot be written or"
        " served there; choose another"
    ) in run.stderr.splitlines()


def test_impossible_and_future_dates(scratch_site):
    site = scratch_site(
        {
            A: release("A", "date: 0001-01-01\nupdated: 9999-12-31\n"),
            "content/partners/x.yaml": "name: {de: X, ja: X, en: X}\nsummary: {de: X, ja: X, en: X}\n"
            "country: JP\nsince: 2999-01-01\n",
        }
    )
    run = check(site)
    assert f"{A}:3: error: date: 0001-01-01 cannot be right; check the year" in run.stderr
    assert f"{A}:4: error: updated: 9999-12-31 cannot be right; check the year" in run.stderr
    assert "content/partners/x.yaml:4: error: since: 2999-01-01 cannot be right; check the year" in run.stderr
    site.write({"content/partners/x.yaml": "name: {de: X, ja: X, en: X}\nsummary: {de: X, ja: X, en: X}\n"
                "country: JP\nsince: 2150\n"})  # fmt: skip
    assert "content/partners/x.yaml:4: error: since: 2150 is in the future; give the day the partnership began" in (
        check(site).stderr
    )
    site.write({"content/partners/x.yaml": "name: {de: X, ja: X, en: X}\nsummary: {de: X, ja: X, en: X}\n"
                "country: JP\nsince: 1990\nstatus: ended\nuntil: 2150\n"})  # fmt: skip
    # It said "give the day the partnership began", of its end.
    assert "content/partners/x.yaml:6: error: until: 2150 is in the future; give the day the partnership ended" in (
        check(site).stderr
    )


def test_a_date_of_year_0_or_past_9999_is_told_to_check_the_year(scratch_site):
    """Written as YYYY-MM-DD, it was told to be written as YYYY-MM-DD (Python has no such year)."""
    site = scratch_site({A: release("A", "date: 0000-01-01\nupdated: 10000-07-17\n")})
    run = check(site)
    assert f"{A}:3: error: date: 0000-01-01 cannot be right; check the year" in run.stderr
    assert f"{A}:4: error: updated: 10000-07-17 cannot be right; check the year" in run.stderr


def test_a_site_title_missing_for_a_language(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "site.yaml": "title:\n  de: Titel\n  en: Title\n"})
    run = check(site)
    assert "site.yaml:2: error: title: missing the 'ja' text" in run.stderr
    assert run.code == 1


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        # Each was an unknown setting followed by the whole list of known ones, to search by eye.
        (
            "baseURL: https://example.org/\npaginate: 20\nurl: https://example.org/\nTitel: {de: T}\n",
            [
                "site.yaml:1: error: unknown setting 'baseURL' (did you mean 'base_url'?)",
                "site.yaml:2: error: unknown setting 'paginate' (did you mean 'per_page'?)",
                "site.yaml:3: error: unknown setting 'url' (did you mean 'base_url'?)",
                "site.yaml:4: error: unknown setting 'Titel' (did you mean 'title'?)",
            ],
        ),
        # 'jp' for 'ja' was read by no page and said by nothing but the missing 'ja' text; a
        # contact's name in a language the site has not was passed over.
        (
            "title: {de: Titel, jp: タイトル, en: Title}\n"
            "description:\n  de: Nachrichten\n  ja: ニュース\n  en: News\n  fr: Nouvelles\n"
            "contact:\n  name: {de: Redaktion, ja: 編集部, en: Editors, fr: Rédaction}\n"
            "  role: {de: Presse, ja: 報道, en: Press}\n  email: presse@example.org\n",
            [
                "site.yaml:1: error: title: 'jp' is not a site language",
                "site.yaml:1: error: title: missing the 'ja' text",
                "site.yaml:6: error: description: 'fr' is not a site language",
                "site.yaml:7: error: contact.name: 'fr' is not a site language",
            ],
        ),
    ],
    ids=["other generators' names", "languages the site has not"],
)
def test_mistakes_in_the_settings_are_told_at_their_lines(scratch_site, settings, said):
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "site.yaml": settings})
    run = check(site)
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if line.startswith("site.yaml")] == said


def test_an_empty_plural_form_is_reported(scratch_site):
    po = (PROJECT / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    broken = po.replace('msgstr[1] "%(count)s Pressemitteilungen"', 'msgstr[1] ""', 1)
    assert broken != po
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "locales/de/LC_MESSAGES/messages.po": broken})
    run = check(site)
    assert "locales/de/LC_MESSAGES/messages.po:" in run.stderr
    assert (
        "plural form msgstr[1] of '%(count)s press release' is empty; readers would see the English text" in run.stderr
    )


def test_a_relative_image_path_naming_a_media_file_is_told_its_address(scratch_site):
    """``media/2024/karte.png`` and ``2024/karte.png`` from a release's folder: each was "there
    is no such file", though the file is in content/media/, and its address was not said."""
    body = "![A](media/2024/karte.png)\n\n![B](2024/karte.png)\n\n![C](../media/2024/nicht.png)"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    (site.root / "content/media/2024").mkdir(parents=True)
    (site.root / "content/media/2024/karte.png").write_bytes(b"x")
    said = check(site).stderr.splitlines()
    beside = "no such file beside this text; write /media/2024/karte.png (it is in content/media/)"
    assert f"{A}:6: error: image 'media/2024/karte.png': {beside}" in said
    assert f"{A}:8: error: image '2024/karte.png': {beside}" in said
    assert (
        f"{A}:10: error: image '../media/2024/nicht.png': there is no such file; images are kept in content/media/"
        " and written like /media/2024/photo.jpg"
    ) in said


def test_images_that_do_not_exist_or_lie_outside_the_site_root(scratch_site, tmp_path):
    (tmp_path / "secret.png").write_bytes(b"x")
    body = "![A](missing.png)\n\n![B](../../../../secret.png)\n\n![C](https://example.org/c.png)"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    run = check(site)
    assert f"{A}:6: error: image 'missing.png': there is no such file" in run.stderr
    assert f"{A}:8: error: image '../../../../secret.png' lies outside the site root" in run.stderr
    assert "c.png" not in run.stderr


def test_nesting_so_deep_that_markdown_would_drop_text(scratch_site):
    body = "Intro.\n\n" + "> " * 60 + "lost text\n"
    site = scratch_site({A: release("A", "date: 2024-01-01\n", body)})
    run = check(site)
    assert run.stderr.startswith(f"{A}:8: error: lists, quotes or emphasis nested more than 40 levels deep")
    assert run.code == 1


def test_a_linked_sub_folder_is_reported_not_skipped_silently(scratch_site, tmp_path):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (tmp_path / "elsewhere").mkdir()
    (site.root / "content/en/2025").symlink_to(tmp_path / "elsewhere")
    run = check(site)
    assert "content/en/2025:0: warning: ignored: links to folders are not followed" in run.stderr


def test_output_inside_content_is_refused(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    run = site.run("--source", str(site.root), "--output", str(site.root / "content/site"), "--no-search")
    assert run.code == 2
    assert "is inside content/" in run.stderr
    assert not (site.root / "content/site").exists()


@pytest.mark.parametrize(
    ("output", "said"),
    [
        # Built into locales/, the next build found no catalogs: German pages with English words.
        ("locales", "is the site's locales"),
        # Built into templates/, its 404.html and robots.txt became the site's templates.
        ("templates/out", "is inside the site's templates"),
        # A folder named site.yaml: every later command failed to read the settings.
        ("site.yaml", "is the site's site.yaml"),
        (".pressroom-cache", "is the site's .pressroom-cache"),
    ],
)
def test_output_in_place_of_what_the_site_reads_is_refused(scratch_site, output, said):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    run = site.run("--source", str(site.root), "--output", str(site.root / output), "--no-search")
    assert run.code == 2
    assert f"{said}; choose a folder outside it" in run.stderr
    assert not (site.root / output).exists()


def test_output_below_a_file_is_a_usage_error_naming_the_file(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (site.output.parent / "notes.txt").write_text("mine")
    run = site.run("--source", str(site.root), "--output", str(site.output.parent / "notes.txt/site"), "--no-search")
    assert run.code == 2
    assert f"{site.output.parent / 'notes.txt'} is a file, not a folder; choose another output folder" in run.stderr


@pytest.mark.parametrize(
    "title", ["", "   ", "\u200b", "\u00ad\u3000\u2060"], ids=["empty", "spaces", "zero-width-space", "invisible"]
)
def test_new_with_an_empty_title_is_a_usage_error(scratch_site, title):
    site = scratch_site({})
    run = site.run("new", title, "--source", str(site.root))
    assert run.code == 2
    assert run.stderr.startswith("build.py new: error: the title is empty")
    assert not list((site.root / "content").rglob("*.md"))


# --- Misleading messages ----------------------------------------------------------------


def test_a_quoted_date_simply_works(scratch_site):
    site = scratch_site({A: release("A", "date: '2024-07-17'\nupdated: \"2024-07-18\"\n")})
    assert site.build().code == 0
    assert site.exists("/en/releases/2024/a/")


def test_front_matter_lines_with_trailing_spaces(scratch_site):
    site = scratch_site({A: "--- \ntitle: A\ndate: 2024-01-01\n---  \n\nText\n"})
    assert site.build().code == 0


def test_two_names_that_differ_only_in_unicode_normalisation(scratch_site):
    site = scratch_site({})
    nfc, nfd = "content/en/2024/\u00e4.md", "content/en/2024/a\u0308.md"
    site.write({nfc: release("A", "date: 2024-01-01\n"), nfd: release("B", "date: 2024-01-01\n")})
    if len(list((site.root / "content/en/2024").iterdir())) < 2:
        pytest.skip("this file system normalises names itself")
    run = check(site)
    assert run.code == 1
    assert "content/en/2024/ä.md:0: error: two files have this name, spelled with different Unicode" in run.stderr


def test_a_missing_topic_list_is_one_message_naming_the_file(scratch_site):
    files = {f"content/en/2024/{n}.md": release(n, "date: 2024-01-01\ntopics: [energy, health]\n") for n in "abc"}
    site = scratch_site(files)
    (site.root / "content/topics.yaml").unlink()
    run = check(site)
    assert run.stderr.splitlines()[:-1] == [
        "content/topics.yaml:0: error: missing: 3 file(s) name topics (the first: content/en/2024/a.md:4); "
        "create this file with one line per topic, e.g. 'energy: {de: Energie, ja: エネルギー, en: Energy}'"
    ]


def test_did_you_mean_for_fields_and_new_partner(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\nsumary: x\n")})
    assert f"{A}:4: error: unknown field 'sumary' for a release (did you mean 'summary'?)" in check(site).stderr
    run = site.run("new", "Visit", "--partner", "kanagwa", "--source", str(site.root))
    assert run.code == 2
    assert run.stderr.strip() == "build.py new: error: unknown partner 'kanagwa' (did you mean 'kanagawa'?)"


def test_a_field_typed_in_full_width_letters_is_one_mistake_with_its_name_meant(scratch_site):
    """``ｔｉｔｌｅ:``, as Japanese input types it: it was an unknown field without a hint, and
    the version was also told it had no 'title', two messages for one slip."""
    site = scratch_site({"content/ja/2024/a.md": "---\nｔｉｔｌｅ: 訪問\ndate: 2024-01-01\n---\n\n本文。\n"})
    run = check(site)
    assert run.stderr.splitlines()[:-1] == [
        "content/ja/2024/a.md:2: error: unknown field 'ｔｉｔｌｅ' for a release (did you mean 'title'?)"
    ]


def test_a_key_that_yaml_would_read_as_another_value_is_said_as_written(scratch_site):
    """'true:', 'null:' and '~:' were said back as 'True' and 'None', Python's words."""
    site = scratch_site(
        {
            A: release("A", "date: 2024-01-01\ntrue: x\nnull: y\n"),
            "content/partners/kanagawa.yaml": PARTNER_WITH.format("~: z"),
        }
    )
    said = check(site).stderr.splitlines()
    assert f"{A}:4: error: unknown field 'true' for a release" in [line.split(" (")[0] for line in said]
    assert f"{A}:5: error: unknown field 'null' for a release" in [line.split(" (")[0] for line in said]
    assert "content/partners/kanagawa.yaml:6: error: unknown field '~'" in [line.split(" (")[0] for line in said]
    assert not [line for line in said if "'True'" in line or "'None'" in line]


def test_confirm_on_a_file_that_does_not_exist(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    run = site.run("confirm", "--source", str(site.root), str(site.root / "content/en/2024/nope.md"))
    assert run.code == 2  # a usage mistake, as a misspelt option is
    assert run.stderr.strip() == (
        "content/en/2024/nope.md:0: error: no such file; give the path of a version, e.g. content/ja/2025/visit.md"
    )


def test_confirm_and_diff_say_what_was_named_instead_of_a_version(scratch_site, tmp_path):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    elsewhere = tmp_path / "other-site/content/en/2024/a.md"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(release("A", "date: 2024-01-01\n"), encoding="utf-8")
    for command in ("confirm", "diff"):
        folder = site.run(command, "--source", str(site.root), str(site.root / "content/en"))
        assert "content/en:0: error: not a file; give the path of a version" in folder.stderr, command
        device = site.run(command, "--source", str(site.root), "/dev/null")
        assert "/dev/null:0: error: not a file; give the path of a version" in device.stderr, command
        other = site.run(command, "--source", str(site.root), str(elsewhere))
        assert f"{elsewhere}:0: error: not a file of this site's content/" in other.stderr, command
        assert folder.code == device.code == other.code == 2


def test_a_file_with_a_front_matter_error_still_gets_its_body_checked(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\ntopics: [energi]\n", "See [b](b.md).")})
    run = check(site)
    assert run.stderr.splitlines()[:-1] == [
        f"{A}:4: error: unknown topic 'energi' (did you mean 'energy'?)",
        f"{A}:7: error: broken link 'b.md': there is no content/en/2024/b.md",
    ]


def test_partner_links_are_checked_without_a_regular_expression(scratch_site):
    partner = textwrap.dedent(
        """\
        name: {de: X, ja: X, en: X}
        summary: {de: X, ja: X, en: X}
        country: JP
        since: '1990-04-01'
        status: active
        links:
          - url: javascript://example.org/%0aalert(1)
            title: {de: X, ja: X, en: X}
          - url: https://www.example.org/x
            title: {de: X, ja: X, en: X}
        """
    )
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "content/partners/x.yaml": partner})
    run = check(site)
    assert run.stderr.splitlines()[:-1] == [
        "content/partners/x.yaml:7: error: links: 'javascript://example.org/%0aalert(1)' is not a web address (https://…)"
    ]


def test_export_and_new_name_the_file_that_stands_where_a_folder_must_be(scratch_site, tmp_path):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    run = site.run("export", "--source", str(site.root), "--to", "de", "--output", str(tmp_path / "notes.txt/out"))
    assert run.code == 2
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder; choose another --output" in run.stderr
    inside = site.run("export", "--source", str(site.root), "--to", "de", "--output", str(site.root / "content/x"))
    assert inside.code == 2 and "is in the site's content; choose an --output outside it" in inside.stderr
    assert not (site.root / "content/x").exists()

    (site.root / "content/ja/2031").parent.mkdir(parents=True, exist_ok=True)
    (site.root / "content/ja/2031").write_text("", encoding="utf-8")
    new = site.run("new", "Besuch", "--source", str(site.root), "--date", "2031-01-01")
    assert new.code == 2
    assert new.stderr.strip().endswith("content/ja/2031 is a file, not a folder; move it away")
    assert not (site.root / "content/de/2031").exists()  # no version written unless all can be


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("x .md", "the name begins or ends with a space"),
        (" x.md", "the name begins or ends with a space"),
        ("x\u200b.md", "the name holds the invisible character U+200B"),
        ("stra\u00dfen\u00adbau.md", "the name holds the invisible character U+00AD"),
        ("con.md", "'con' is a name Windows keeps for a device, so the file cannot be checked out there"),
        ("LPT1.notes.md", "'LPT1' is a name Windows keeps for a device, so the file cannot be checked out there"),
        ("a:b.md", "':' in the name cannot be checked out on Windows"),
        ("wer?.md", "'?' in the name cannot be checked out on Windows"),
        ("a\nb.md", "the name holds a line break (U+000A), which Windows does not allow in a name"),
        ("a\tb.md", "the name holds a tab (U+0009), which Windows does not allow in a name"),
    ],
)
def test_names_that_look_like_another_or_break_a_windows_checkout_are_refused(scratch_site, name, message):
    """Each of these published without a word: ``x .md`` beside its translation ``x.md`` was
    another release, and ``con.md`` made the repository impossible to check out on Windows."""
    site = scratch_site({"content/ja/2024/x.md": release("A", "date: 2024-01-01\n")})
    (site.root / "content/de/2024").mkdir(parents=True, exist_ok=True)
    (site.root / "content/de/2024" / name).write_text(release("A", "date: 2024-01-01\n"), encoding="utf-8")
    run = check(site)
    assert run.code == 1
    shown = name.replace("\u200b", "\\u200b").replace("\u00ad", "\\xad").replace("\n", "\\n")
    assert f"content/de/2024/{shown}:0: error: {message}; rename it" in run.stderr.splitlines()


def test_a_partner_file_named_for_a_windows_device_is_refused(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "content/partners/aux.yaml": "name: {de: A}\n"})
    run = check(site)
    assert run.code == 1
    assert (
        "content/partners/aux.yaml:0: error: 'aux' is a name Windows keeps for a device, so the file cannot be"
        " checked out there; rename it"
    ) in run.stderr.splitlines()


def test_markup_in_a_catalogs_translation_is_shown_as_text_not_run(scratch_site):
    """Catalogs are translators' text, edited in tools outside the repository: a translation's
    ``<script>`` or unclosed ``<!--`` must not become part of the page, whether the text is
    constant, has a value put in, or has plural forms (it was Markup, as Jinja's gettext trusts
    a catalog as it trusts a template)."""
    po = (PROJECT / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    hostile = {
        'msgid "Search"\nmsgstr "Suche"': 'msgid "Search"\nmsgstr "Suche<script>alert(1)</script>"',
        'msgstr "Pressemitteilungen aus dem Jahr %(year)s"': 'msgstr "<!-- Pressemitteilungen aus dem Jahr %(year)s"',
        'msgstr[0] "%(count)s Pressemitteilung"': 'msgstr[0] "<b onclick=x>%(count)s</b> Pressemitteilung"',
    }
    for old, new in hostile.items():
        assert old in po, old
        po = po.replace(old, new)
    site = scratch_site(
        {
            "content/de/2024/a.md": release("A", "date: 2024-01-01\ntopics: [energy]\n"),
            "locales/de/LC_MESSAGES/messages.po": po,
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    # The search page's heading: a site built without search (as here) has no search in its header.
    urls = ("/de/", "/de/releases/2024/", "/de/topics/energy/", "/de/search/")
    pages = {url: site.page(url).html for url in urls}
    every = "".join(pages.values())
    assert "<script>alert" not in every and "<!-- Pressemitteilungen" not in every and "<b onclick" not in every
    assert "Suche&lt;script&gt;alert(1)&lt;/script&gt;" in every
    assert "&lt;!-- Pressemitteilungen aus dem Jahr 2024" in pages["/de/releases/2024/"]
    assert "&lt;b onclick=x&gt;1&lt;/b&gt; Pressemitteilung" in pages["/de/topics/energy/"]


def test_a_text_too_costly_to_read_is_refused_by_check_and_export_alike(scratch_site):
    """The translation workflow reads a body with the other Markdown parser, which takes minutes
    where the build's limits apply: export says what the build says, at the same line, and
    writes nothing, instead of handing the office a text the site refuses."""
    body = "Intro.\n\n" + "Fußnoten^[a" * 24 + "\n\nEnde.\n"
    german = "content/de/2024/a.md"
    site = scratch_site({german: release("A", "date: 2024-01-01\n", body)})
    said = f"{german}:8: error: more than 10 inline footnotes (^[…]) between two blank lines"
    run = check(site)
    assert run.code == 1 and run.stderr.startswith(said)
    out = site.root / "exchange"
    exported = site.run("export", "--source", str(site.root), "--output", str(out), "--to", "en", german)
    assert exported.code == 1 and exported.stderr.startswith(said), exported.stderr
    assert "Traceback" not in exported.stderr
    assert not out.exists() or not any(out.iterdir())
