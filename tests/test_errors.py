"""Editors' mistakes: every problem at once as ``path:line: error: message``, exit 1, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from pressroom.base.errors import Problem

from .conftest import PROJECT
from .test_translations import release

A = "content/en/2024/a.md"


def test_all_problems_of_a_run_are_reported_at_once(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/a.md": "---\ndate: 2024-07-17\n---\nText\n",
            "content/en/2024/b.md": release("B", "date: 17.07.2024\n"),
            "content/ja/2024/c.md": release("C", "date: 2024-07-17\npartners:\n  - kanagawa\n  - kanagwa\n"),
            "content/ja/2024/d.md": "---\ntitle: [unclosed\n---\n",
            "content/en/2024/e.md": release("E", "date: 2024-01-01\ncolour: blue\n"),
            "content/en/2024/f.md": "No front matter here.\n",
            "content/en/2024/g.md": release("G", "topics: [energy]\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert lines[:-1] == [
        "content/de/2024/a.md:1: error: missing 'title'",
        "content/en/2024/b.md:3: error: date: '17.07.2024' is not a date; write it as YYYY-MM-DD: 2024-07-17",
        "content/en/2024/e.md:4: error: unknown field 'colour' for a release "
        "(fields: title, date, summary, source, place, partners, topics, key, slug, draft, updated, confirmed, "
        "untranslated, publish, image, downloads, contact, formerly)",
        "content/en/2024/f.md:1: error: missing front matter: the file must start with a line '---'",
        "content/en/2024/g.md:2: error: missing 'date': give the release date (YYYY-MM-DD) in at least one version",
        "content/ja/2024/c.md:6: error: unknown partner 'kanagwa' (did you mean 'kanagawa'?)",
        "content/ja/2024/d.md:2: error: YAML syntax error: the '[' on this line is not closed: "
        "end it with ']' on the same line",
    ]
    assert lines[-1].startswith("build failed: 7 error(s)")
    assert "Traceback" not in run.stderr
    assert not site.output.exists()


def test_a_failed_build_leaves_the_previous_site_as_it_was(scratch_site):
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    before = {p: p.read_bytes() for p in sorted(site.output.rglob("*")) if p.is_file()}
    site.write({"content/en/2024/a.md": release("A", "date: someday\n")})
    assert site.build().code == 1
    after = {p: p.read_bytes() for p in sorted(site.output.rglob("*")) if p.is_file()}
    assert after == before


def test_removed_pages_disappear_on_the_next_build(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "content/en/2024/b.md": release("B", "date: 2024-01-02\n"),
        }
    )
    assert site.build().code == 0
    (site.root / "content/en/2024/b.md").unlink()
    assert site.build().code == 0
    assert site.exists("/en/releases/2024/a/") and not site.exists("/en/releases/2024/b/")


def test_two_pages_claiming_one_address_are_refused(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\nslug: same\n"),
            "content/en/2024/b.md": release("B", "date: 2024-05-01\nslug: same\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert (
        "content/en/2024/a.md:4: error: '/en/releases/2024/same/' is claimed twice: "
        "by content/en/2024/a.md and by content/en/2024/b.md; give one of them another slug" in run.stderr
    )


def test_two_versions_claiming_one_key_in_one_language(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "content/en/2024/b.md": release("B", "date: 2024-01-01\nkey: 2024/a\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert (
        "content/en/2024/b.md:4: error: two en versions of '2024/a': this file and content/en/2024/a.md" in run.stderr
    )


def test_slugs_cannot_lead_outside_the_output_folder(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\nslug: ../../x\n"),
            "content/en/2024/b.md": release("B", "date: 2024-01-01\nkey: ../../../etc\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert "content/en/2024/a.md:4: error: slug '../../x' is not allowed" in run.stderr
    assert "content/en/2024/b.md:4: error: key '../../../etc' must be a content path" in run.stderr
    assert not (site.root.parent / "x").exists()


def test_unknown_language_folders_and_non_utf8_files(scratch_site):
    site = scratch_site({"content/fr/2024/a.md": release("A", "date: 2024-01-01\n")})
    (site.root / "content/en/2024").mkdir(parents=True)
    (site.root / "content/en/2024/latin1.md").write_bytes(b"---\ntitle: Caf\xe9\ndate: 2024-01-01\n---\n")
    run = site.build()
    assert run.code == 1
    assert "content/fr:0: error: unknown language folder 'fr'" in run.stderr
    assert "content/en/2024/latin1.md:2: error: file is not UTF-8 text" in run.stderr


def test_a_folder_named_like_the_topics_file_is_said_to_be_one(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    (site.root / "content/topics.yaml").unlink(missing_ok=True)
    (site.root / "content/topics.yaml").mkdir()
    run = site.build()
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    # It was taken for a language folder it could not be.
    assert errors == [
        "content/topics.yaml:0: error: a folder, where the topics are one YAML file of this name (README: Topics)"
    ]


NAMED = "date: 2024-01-01\npartners: [kanagawa]\ntopics: [energy]\n"
IN_PLACE = {
    "a partner file that is a folder": (
        "content/partners/kanagawa.yaml",
        lambda path, outside: path.mkdir(),
        "content/partners/kanagawa.yaml:0: error: a folder, where a partner is one YAML file of this name"
        " (README: A partner)",
    ),
    "a partner file that links out of the site": (
        "content/partners/kanagawa.yaml",
        lambda path, outside: path.symlink_to(outside),
        "content/partners/kanagawa.yaml:0: error: this link leads outside the site root; copy the file here instead",
    ),
    "a topics file that is not UTF-8": (
        "content/topics.yaml",
        lambda path, outside: path.write_bytes(b"energy: {de: Energie, ja: E, en: Energy}\n\xff\n"),
        "content/topics.yaml:2: error: file is not UTF-8 text (save it as UTF-8)",
    ),
    "a topics file that links to nowhere": (
        "content/topics.yaml",
        lambda path, outside: path.symlink_to("nowhere.yaml"),
        "content/topics.yaml:0: error: cannot follow this link: No such file or directory",
    ),
    "a topics file that is a folder": (
        "content/topics.yaml",
        lambda path, outside: path.mkdir(),
        "content/topics.yaml:0: error: a folder, where the topics are one YAML file of this name (README: Topics)",
    ),
}


@pytest.mark.parametrize("case", list(IN_PLACE))
def test_a_partner_or_topics_file_that_cannot_be_read_is_one_mistake(scratch_site, tmp_path, case):
    """Said at the file, and not also as an unknown partner in every release naming it, nor as a
    missing topics file to create (it is there)."""
    name, put, said = IN_PLACE[case]
    site = scratch_site({A: release("A", NAMED), "content/de/2024/a.md": release("B", NAMED)})
    (site.root / name).unlink()
    (tmp_path / "outside.yaml").write_text("x: y\n", encoding="utf-8")
    put(site.root / name, tmp_path / "outside.yaml")
    run = site.build()
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if ": error: " in line] == [said]


def test_an_unknown_code_in_the_list_of_languages_is_one_mistake(scratch_site):
    """The site is checked in the languages it can have: an unknown code made every partner's
    and topic's names miss its text, and was said again at line 0 of site.yaml."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "site.yaml": "languages: [de, ja, en, xx]\n"})
    run = site.build()
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert errors == ["site.yaml:1: error: languages: unknown language code 'xx'"]


@pytest.mark.parametrize(
    ("languages", "folder", "said"),
    [
        # The Japanese folder was told to be no site language, and every partner's and topic's
        # Japanese name too (43 errors on the bundled site for one slip).
        (
            "[de, jp, en]",
            "content/ja/2024/a.md",
            "languages: 'jp' is the country code of Japan; its language, Japanese, is 'ja'"
            " (the site is checked as if it said 'ja')",
        ),
        # Written as locales: takes it, it was an unknown code, and the German folder with it.
        (
            "[de_DE, ja, en]",
            "content/de/2024/a.md",
            "languages: 'de_DE' is a locale, not a language code: write 'de' here (to write dates and numbers"
            " as in de_DE, also add locales: {de: de_DE}); until then the site is checked as if it said 'de'",
        ),
    ],
    ids=["country code", "locale"],
)
def test_a_country_code_or_locale_in_the_list_of_languages_is_one_mistake_naming_the_language(
    scratch_site, languages, folder, said
):
    site = scratch_site(
        {A: release("A", "date: 2024-01-01\n"), folder: release("A", ""), "site.yaml": f"languages: {languages}\n"}
    )
    run = site.build()
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if ": error: " in line] == [f"site.yaml:1: error: {said}"]


def test_usage_errors_exit_with_2(scratch_site, tmp_path):
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.run("--no-such-option").code == 2
    assert site.run("--source", str(tmp_path / "nowhere")).code == 2
    # A folder the tool did not make is never replaced by a build.
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    run = site.run("--source", str(site.root), "--output", str(precious))
    assert run.code == 2 and "was not made by this tool" in run.stderr
    assert (precious / "notes.txt").read_text() == "keep me"
    # A file named as the output is said to be one, and kept.
    run = site.run("--source", str(site.root), "--output", str(precious / "notes.txt"))
    assert run.code == 2 and "notes.txt is a file, not a folder; choose another output folder" in run.stderr
    assert (precious / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    "arguments",
    [
        ["--jobs", "0"],
        ["build", "--now", "2024-07-17T10:00"],
        ["--base-url", "javascript:alert(1)"],
        ["--no-such-option"],
        ["chekc"],
    ],
)
def test_build_py_says_what_the_whole_command_line_says(scratch_site, arguments):
    """build.py loads only the build command for a build (pressroom.buildcli); its answer to a
    mistake is that of the whole command line (pressroom.cli), with a hint for a mistyped command."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    whole = site.run("--source", str(site.root), *arguments)
    alone = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *arguments, "--source", str(site.root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (alone.returncode, alone.stdout) == (whole.code, whole.stdout) == (2, "")
    said = [line.split(": error: ")[1] for line in alone.stderr.splitlines() if ": error: " in line]
    assert said == [line.split(": error: ")[1] for line in whole.stderr.splitlines() if ": error: " in line]
    assert ("is not a command" in alone.stderr) == (arguments == ["chekc"])


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://[::1/", "is not a web address browsers can open (Invalid IPv6 URL)"),
        ("https://example.org:99999/", "is not a web address browsers can open (Port out of range 0-65535)"),
        ("https://example.org/%zz/", "has a '%' that is not an escape like %20"),
        ("https://example..org/", "has an empty part between the dots of its host 'example..org'"),
        ("https://example.org:0/", "names port 0, which no browser opens"),
        (
            "https://example.org/press/../news/",
            "has a '.' or '..' part in its path, which browsers drop (they read /a/../b/ as /b/)",
        ),
        ("/press//news/", "has an empty part (//) in its path"),
        (
            "https://straße.example/",
            "has a letter in its host 'straße.example' that programs convert in two different ways, so links could"
            " lead to two hosts",
        ),
        # Copied on the home page: every link was made below it (…/index.html/de/).
        (
            "https://example.org/press/index.html",
            "ends in the file name of a page ('index.html'): write the folder the site is served from,"
            " 'https://example.org/press/'",
        ),
    ],
)
def test_a_base_url_no_browser_could_open_is_refused(scratch_site, url, said):
    """Every link of the site starts with the base URL: these built with exit 0 before."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    run = site.run("--source", str(site.root), "--output", str(site.output), "--base-url", url, "--no-search")
    assert run.code == 2
    assert f"base_url '{url}' {said}" in run.stderr
    assert not site.output.exists()
    (site.root / "site.yaml").write_text(f"base_url: '{url}'\n", encoding="utf-8")
    assert f"site.yaml:1: error: base_url '{url}' {said}" in site.build().stderr


def test_version_names_the_engine_and_what_a_bug_report_needs(tmp_path):
    """``build.py --version`` answers at once (no build is begun in the folder it runs from)."""
    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    python = ".".join(map(str, sys.version_info[:3]))
    assert run.stdout.startswith(f"pressroom {declared} (Python {python}, Jinja "), run.stdout
    assert "Babel " in run.stdout and run.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_check_can_say_each_problem_as_a_github_annotation(scratch_site):
    """In the publish workflow every problem is also shown on its file and line in GitHub."""
    site = scratch_site(
        {
            "content/de/2024/a.md": release("A", "date: 2024-01-01\n", "![x](/media/fehlt.jpg)\n"),
            "content/de/2024/b.md": release("B", "date: 2024-01-02\n", "[weiter](notiz.txt)\n"),
        }
    )
    run = site.run("check", "--source", str(site.root), "--format", "github")
    assert run.code == 1
    assert run.stdout.splitlines() == [
        "::error file=content/de/2024/a.md,line=6,title=pressroom::content/media/fehlt.jpg does not exist",
        "::warning file=content/de/2024/b.md,line=6,title=pressroom::link 'notiz.txt' is relative but names no"
        " release (.md file): on the published page it would lead nowhere; link a release's .md file, a media"
        " file as /media/…, or a full address",
    ]
    # The plain form stays on standard error, for the log.
    assert "content/de/2024/a.md:6: error: content/media/fehlt.jpg does not exist" in run.stderr


def test_an_annotation_cannot_be_ended_or_forged_by_what_it_quotes():
    problem = Problem("content/de/a,b:c.md", 3, "50 % done\n::error file=x::forged\r")
    assert problem.annotation() == (
        "::error file=content/de/a%2Cb%3Ac.md,line=3,title=pressroom::50 %25 done\\n::error file=x::forged\\r"
    )
    assert Problem("site.yaml", 0, "x", "warning").annotation() == "::warning file=site.yaml,title=pressroom::x"


def test_an_empty_path_is_a_usage_error_not_the_current_folder(scratch_site, tmp_path):
    """``--output "$SITE_DIR"`` with the variable unset in a CI script: the empty path was the
    current folder, and an empty one was replaced by the site (the build then ended with exit 1
    in a folder that no longer existed); ``--source ""`` built whatever site the folder held."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    here = tmp_path / "job"
    here.mkdir()
    for arguments in (
        ["--source", str(site.root), "--output", ""],
        ["--source", "", "--output", str(site.output)],
        ["check", "--source", ""],
        ["export", "--source", str(site.root), "--to", "ja", "--output", ""],
    ):
        run = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), *arguments],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (run.returncode, run.stdout) == (2, ""), arguments
        assert "an empty path; give a folder or file (. for the current folder)" in run.stderr
    assert list(here.iterdir()) == []
    assert not site.output.exists()


def test_a_build_into_the_folder_it_runs_in_says_it_succeeded(scratch_site):
    """``cd site && build.py --source .. --output .``: the new site took the place of the current
    folder, and every relative path then led nowhere: a build that had put its site in place
    said "No such file or directory" and exited 1."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    (site.root / "content/en/2024/b.md").write_text(release("B", "date: 2024-02-01\n"), encoding="utf-8")
    relative_source = os.path.relpath(site.root, site.output)
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--source", relative_source, "--output", ".", "--no-search"],
        cwd=site.output,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("built ") and " into . in " in run.stdout
    assert site.exists("/en/releases/2024/b/")


def test_an_opening_line_that_goes_on_says_what_to_move_and_two_byte_order_marks_are_read_past(scratch_site):
    """Each was 'missing front matter', though the file starts with '---': an editor saw it there."""
    site = scratch_site(
        {
            "content/de/2024/a.md": "\ufeff\ufeff" + release("Zwei Marken", "date: 2024-07-17\n"),
            "content/en/2024/b.md": release("B", "date: 2024-07-17\n").replace("\n", "\u2028", 1),
            "content/en/2024/c.md": release("C", "date: 2024-07-17\n").replace("\n", " ", 1),
        }
    )
    run = site.build()
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "content/en/2024/b.md:1: error: the line '---' ends in the line separator U+2028, which some programs"
        " write for a line end: save the file with ordinary line ends",
        "content/en/2024/c.md:1: error: the line '---' that opens the front matter must stand alone; move"
        " 'title: C' below it",
    ]
    site.write(
        {
            "content/en/2024/b.md": release("B", "date: 2024-07-17\n"),
            "content/en/2024/c.md": release("C", "date: 2024-07-18\n"),
        }
    )
    assert site.build().code == 0
    assert "Zwei Marken" in site.page("/de/releases/2024/a/").html


def test_a_front_matter_line_a_word_processor_made_a_dash_is_told_to_be_three_hyphens(scratch_site):
    """Autocorrect turns ``---`` into ``—``: the opening line was 'missing front matter: the file
    must start with a line ---', the closing one 'not closed: add a line ---', with the line the
    editor took for one right there."""
    site = scratch_site(
        {
            "content/de/2024/a.md": release("A", "date: 2024-07-17\n").replace("---", "—", 1),
            "content/en/2024/b.md": release("B", "date: 2024-07-17\n").replace("\n---\n", "\n–-\n", 1),
        }
    )
    run = site.build()
    assert run.code == 1
    said = "is a dash a word processor made of three hyphens: write the line as '---', three hyphens"
    assert run.stderr.splitlines()[:-1] == [
        f"content/de/2024/a.md:1: error: the line '—' that opens the front matter {said}",
        f"content/en/2024/b.md:1: error: front matter is not closed: its line 4, '–-', {said}",
    ]


def test_another_generators_front_matter_is_told_to_be_written_as_yaml(scratch_site):
    """A release copied from a Hugo site (TOML between '+++' lines) or written as JSON was only
    'missing front matter: the file must start with a line '---'', with its fields right there."""
    site = scratch_site(
        {
            "content/de/2024/a.md": '+++\ntitle = "Besuch"\ndate = 2024-07-17\n+++\n\nText.\n',
            "content/de/2024/b.md": '{\n  "title": "Besuch",\n  "date": "2024-07-17"\n}\n\nText.\n',
        }
    )
    run = site.build()
    assert run.code == 1
    yaml = "write its fields as YAML ('title: …') between two lines '---'"
    assert run.stderr.splitlines()[:-1] == [
        f"content/de/2024/a.md:1: error: front matter in TOML is not read: {yaml}",
        f"content/de/2024/b.md:1: error: front matter in JSON is not read: {yaml}",
    ]


def test_an_empty_file_and_blank_lines_above_the_front_matter_are_said_as_they_are(scratch_site):
    """Both were 'missing front matter: the file must start with a line '---'': an empty file has
    no line to start with, and the other's '---' stood in the editor's window, below blank lines."""
    site = scratch_site(
        {
            "content/de/2024/a.md": "",
            "content/de/2024/b.md": "\n\n" + release("B", "date: 2024-07-17\n"),
            "content/de/2024/c.md": " \n" + release("C", "date: 2024-07-17\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "content/de/2024/a.md:1: error: the file is empty: a release or page starts with its front matter"
        " (a line '---', its fields, a line '---')",
        "content/de/2024/b.md:1: error: the line '---' that opens the front matter must be the file's first:"
        " remove the 2 blank lines above it",
        "content/de/2024/c.md:1: error: the line '---' that opens the front matter must be the file's first:"
        " remove the blank line above it",
    ]
