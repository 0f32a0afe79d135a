"""Translation status of content: missing, ok after confirming, outdated after a sibling's edit."""

from __future__ import annotations

import json
import os
import re
import unicodedata

from .conftest import PROJECT
from .test_translations import release


def status(site) -> dict[str, dict[str, str]]:
    run = site.run("status", "--json", "--source", str(site.root))
    assert run.code == 0, run.stderr
    return {entry["key"]: entry["versions"] for entry in json.loads(run.stdout)["releases"]}


def edit(site, path: str, old: str, new: str) -> None:
    """Change a version's text the way an editor does, keeping the rest of the file."""
    file = site.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def confirm(site, *paths: str) -> None:
    run = site.run("confirm", "--source", str(site.root), *(str(site.root / p) for p in paths))
    assert run.code == 0, run.stderr


def test_status_follows_edits_and_confirmations(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", "Deutscher Text."),
            "content/en/2024/x.md": release("Declaration", "", "English text."),
        }
    )
    assert status(site)["2024/x"]["ja"] == "missing"

    site.write({"content/ja/2024/x.md": release("宣言", "", "日本語の本文。")})
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md", "content/en/2024/x.md")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "ok", "en": "ok"}}

    # Editing one version flags exactly the others.
    edit(site, "content/en/2024/x.md", "English text.", "English text, revised.")
    assert status(site) == {"2024/x": {"de": "outdated", "ja": "outdated", "en": "ok"}}

    # Confirming one clears exactly that one.
    confirm(site, "content/de/2024/x.md")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "outdated", "en": "ok"}}
    confirm(site, "content/ja/2024/x.md")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "ok", "en": "ok"}}


def test_spaces_a_reader_cannot_see_make_no_version_outdated(scratch_site):
    """A stray double space or an extra blank line in one version made every other version
    outdated ('de: 0 words'), and their readers were told the text had changed."""
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", "Erster Absatz.\n\nZweiter Absatz."),
            "content/en/2024/x.md": release("Declaration", "", "First paragraph.\n\nSecond paragraph."),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/en/2024/x.md")
    assert site.build().code == 0
    english = site.page("/en/releases/2024/x/").html
    edit(site, "content/de/2024/x.md", "Erster Absatz.\n\nZweiter Absatz.", "Erster  Absatz.\n\n\n\nZweiter\tAbsatz.")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "missing", "en": "ok"}}
    assert site.build().code == 0
    assert site.page("/en/releases/2024/x/").html == english

    # What a reader sees does count: a word, and a line's indent (here it makes a code block).
    edit(site, "content/de/2024/x.md", "Zweiter\tAbsatz.", "    Zweiter Absatz.")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "missing", "en": "outdated"}}
    assert site.build().code == 0
    assert site.page("/en/releases/2024/x/").html != english


def test_versions_confirmed_against_the_current_text_of_an_edit_make_it_ok(scratch_site):
    """The README's rule: a version confirmed against the current text of another is not a
    change that other version has to follow."""
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", "Deutscher Text."),
            "content/ja/2024/x.md": release("宣言", "", "日本語の本文。"),
            "content/en/2024/x.md": release("Declaration", "", "English text."),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md", "content/en/2024/x.md")
    edit(site, "content/en/2024/x.md", "English text.", "English text, revised.")
    assert status(site)["2024/x"] == {"de": "outdated", "ja": "outdated", "en": "ok"}

    # de is updated and confirmed: it follows en; en need not follow de; ja still has en to follow.
    edit(site, "content/de/2024/x.md", "Deutscher Text.", "Deutscher Text, überarbeitet.")
    assert status(site)["2024/x"] == {"de": "outdated", "ja": "outdated", "en": "outdated"}
    confirm(site, "content/de/2024/x.md")
    assert status(site)["2024/x"] == {"de": "ok", "ja": "outdated", "en": "ok"}

    edit(site, "content/ja/2024/x.md", "日本語の本文。", "改訂した日本語の本文。")
    confirm(site, "content/ja/2024/x.md")
    assert status(site)["2024/x"] == {"de": "ok", "ja": "ok", "en": "ok"}
    run = site.run("status", "--source", str(site.root))
    assert "OUTDATED" not in run.stdout and "de: 1 ok" in run.stdout

    # A later edit of a confirmed version is a change again: the others follow it.
    edit(site, "content/ja/2024/x.md", "改訂した", "再び改訂した")
    assert status(site)["2024/x"] == {"de": "outdated", "ja": "ok", "en": "outdated"}


def test_a_new_release_is_not_outdated_and_its_copies_are_untranslated(scratch_site):
    site = scratch_site({})
    run = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 0, run.stderr
    assert status(site)["2025/besuch-aus-kanagawa"] == {"de": "ok", "ja": "untranslated", "en": "untranslated"}
    table = site.run("status", "--source", str(site.root)).stdout
    assert "2025/besuch-aus-kanagawa  ok            UNTRANSLATED  UNTRANSLATED" in table
    assert "ja: 0 ok, 0 outdated, 1 untranslated, 0 missing" in table
    assert (
        "content/en/2025/besuch-aus-kanagawa.md: untranslated: still the text it was made from; translate it, "
        f"then run '.venv/bin/python build.py confirm --source {os.path.relpath(site.root)} "
        f"{os.path.relpath(site.root / 'content/en/2025/besuch-aus-kanagawa.md')}'"
    ) in table

    # The German text is written: the copies are still untranslated, nothing is outdated.
    edit(site, "content/de/2025/besuch-aus-kanagawa.md", "Hier steht der Text", "Heute kam Besuch")
    assert status(site)["2025/besuch-aus-kanagawa"] == {"de": "ok", "ja": "untranslated", "en": "untranslated"}
    # The translator translates en and confirms it: en ok, the mark gone; ja still to do.
    path = "content/en/2025/besuch-aus-kanagawa.md"
    edit(site, path, 'title: "Besuch aus Kanagawa"', 'title: "Visit from Kanagawa"')
    confirm(site, path)
    assert "untranslated" not in (site.root / path).read_text(encoding="utf-8")
    assert status(site)["2025/besuch-aus-kanagawa"] == {"de": "ok", "ja": "untranslated", "en": "ok"}
    # A title in English makes de and ja the untranslated ones.
    run = site.run("new", "A visit", "--lang", "en", "--source", str(site.root), "--date", "2025-03-05")
    assert run.code == 0, run.stderr
    assert status(site)["2025/a-visit"] == {"de": "untranslated", "ja": "untranslated", "en": "ok"}
    assert site.run("new", "X", "--lang", "fr", "--source", str(site.root)).code == 2


def test_confirming_writes_one_line_and_is_repeatable(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B"),
        }
    )
    confirm(site, "content/de/2024/x.md")
    first = (site.root / "content/de/2024/x.md").read_text()
    confirm(site, "content/de/2024/x.md")
    assert (site.root / "content/de/2024/x.md").read_text() == first
    assert first.count("confirmed:") == 1
    # The record names every version's text as it was, this version's own included.
    assert first.splitlines()[3].startswith("confirmed: {de: ")
    assert ", en: " in first.splitlines()[3]
    assert first.endswith("Text.\n")


def test_a_version_named_twice_is_confirmed_and_said_once(scratch_site):
    """``confirm content/de/2024/*.md content/de/2024/x.md`` confirmed x.md twice and said so
    twice; ``diff`` showed its changes twice."""
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B"),
        }
    )
    named = [str(site.root / "content/de/2024/x.md"), str(site.root / "content/de/2024/../2024/x.md")]
    run = site.run("confirm", "--source", str(site.root), *named)
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["confirmed content/de/2024/x.md: matches en"]


def test_the_table_names_outdated_files_and_totals(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B"),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/en/2024/x.md")
    edit(site, "content/de/2024/x.md", "title: A", "title: A2")
    run = site.run("status", "--source", str(site.root))
    assert "2024/x   ok            –             OUTDATED" in run.stdout
    # Without git history, the size of the change is unknown, and said so.
    assert "en: 0 ok, 1 outdated (size of changes unknown), 0 untranslated, 0 missing" in run.stdout
    assert "ja: 0 ok, 0 outdated, 0 untranslated, 1 missing" in run.stdout
    assert "content/en/2024/x.md: outdated: de changed since it was confirmed" in run.stdout
    # A missing version is told where it goes and how a translator starts it (it was not named).
    said = next(line for line in run.stdout.splitlines() if line.startswith("content/ja/2024/x.md: missing:"))
    assert said.startswith("content/ja/2024/x.md: missing: no ja version yet; export one to translate with '")
    exported = said.split("'")[1].split()
    assert exported[1:5] == [exported[1], "export", "--to", "ja"] and exported[-1].endswith("content/de/2024/x.md")


def test_readers_of_an_outdated_version_are_told_which_version_changed_and_when(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/ja/2024/x.md": release("B"),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md")
    edit(site, "content/de/2024/x.md", "Text.", "Neuer Text.")
    edit(site, "content/de/2024/x.md", "date: 2024-07-17\n", "date: 2024-07-17\nupdated: 2025-03-03\n")
    assert site.build().code == 0
    ja = site.page("/ja/releases/2024/x/")
    assert "ドイツ語版は2025年3月3日に更新されました。" in ja.text
    assert "この日本語版には、更新内容がまだ反映されていない場合があります。" in ja.text
    assert "outdated-version" not in site.page("/de/releases/2024/x/").html


def test_readers_of_a_version_never_confirmed_are_not_told_of_changes_nobody_recorded(scratch_site):
    versions = {"content/de/2024/x.md": release("A", "date: 2024-07-17\n"), "content/ja/2024/x.md": release("B")}
    site = scratch_site(versions)
    assert site.build().code == 0
    for url in ("/de/releases/2024/x/", "/ja/releases/2024/x/"):
        assert "outdated-version" not in site.page(url).html
    # Once one version is confirmed and the other then changes, its readers are told.
    confirm(site, "content/ja/2024/x.md")
    edit(site, "content/de/2024/x.md", "Text.", "Neuer Text.")
    assert site.build().code == 0
    assert "outdated-version" in site.page("/ja/releases/2024/x/").html
    assert "outdated-version" not in site.page("/de/releases/2024/x/").html


def test_publishing_an_untranslated_copy_is_a_warning(scratch_site):
    site = scratch_site({})
    assert site.run("new", "Besuch", "--source", str(site.root), "--date", "2025-03-04").code == 0
    for lang in ("de", "ja"):
        edit(site, f"content/{lang}/2025/besuch.md", "draft: true\n", "")
    run = site.run("check", "--source", str(site.root), "--strict")
    assert run.code == 1
    assert "content/ja/2025/besuch.md:6: warning: published but marked untranslated" in run.stderr
    assert "content/de/2025/besuch.md" not in run.stderr  # the German one is the original text


def test_confirm_reads_a_file_as_the_build_does_and_never_breaks_its_front_matter(scratch_site):
    flow = "---\n{title: Fluss, date: 2024-07-17}\n---\n\nText.\n"
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B", "untranslated:\n  true\n"),
            "content/de/2024/y.md": flow,
        }
    )
    # Saved with a byte order mark and Windows line ends, as some editors do: built, so confirmed.
    marked = site.root / "content/de/2024/x.md"
    marked.write_bytes(b"\xef\xbb\xbf" + marked.read_bytes().replace(b"\n", b"\r\n"))
    confirm(site, "content/de/2024/x.md", "content/en/2024/x.md")
    # Written back as it was saved: the mark and the line ends kept, only the record line added.
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf---\r\ntitle: A\r\ndate: 2024-07-17\r\nconfirmed: {de: ")
    assert marked.read_bytes().count(b"\xef\xbb\xbf") == 1
    # The mark's value on a line of its own goes with it (the 'true' was left to join the field above).
    assert "true" not in (site.root / "content/en/2024/x.md").read_text(encoding="utf-8")
    assert status(site)["2024/x"] == {"de": "ok", "ja": "missing", "en": "ok"}

    # Front matter written as one {…} mapping cannot take a record line: said, and left as it was.
    run = site.run("confirm", "--source", str(site.root), str(site.root / "content/de/2024/y.md"))
    assert run.code == 1
    assert (
        "content/de/2024/y.md:3: error: the front matter cannot take the record line; write each field"
        " as a 'key: value' line of its own, then run the command again"
    ) in run.stderr.splitlines()
    assert (site.root / "content/de/2024/y.md").read_text(encoding="utf-8") == flow
    assert site.run("check", "--source", str(site.root)).code == 0


def test_the_commands_status_suggests_run_from_inside_another_site(scratch_site, monkeypatch):
    """Run from the site's own folder, 'build.py confirm content/…' named a build.py that is not
    there and, without --source, would have confirmed in the bundled project."""
    site = scratch_site({})
    assert site.run("new", "Besuch", "--source", str(site.root), "--date", "2025-03-04").code == 0
    monkeypatch.chdir(site.root)
    table = site.run("status", "--source", str(site.root)).stdout
    python = os.path.relpath(PROJECT / ".venv/bin/python")
    build = os.path.relpath(PROJECT / "build.py")
    assert f"then run '{python} {build} confirm --source . content/en/2025/besuch.md'" in table


def test_the_status_table_lines_up_beside_japanese_keys(scratch_site):
    """A Japanese character takes two columns on a terminal: padding by characters pushed every
    mark after a Japanese key out of its column."""
    site = scratch_site(
        {
            "content/ja/2024/がっこう.md": release("学校", "date: 2024-07-17\n"),
            "content/de/2024/schule-und-universitaet.md": release("Schule", "date: 2024-07-17\n"),
            "content/ja/2024/ｶﾅ.md": release("カナ", "date: 2024-07-17\n"),  # half-width: one column each
        }
    )
    run = site.run("status", "--source", str(site.root))
    assert run.code == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith(("release", "2024/"))]
    assert len(rows) == 4

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)

    # Where each row's "de" cell begins, in terminal columns: the same for every row.
    starts = {columns(row[: re.search(r"  (?=ok|–|de )", row).start()]) for row in rows}
    assert len(starts) == 1, run.stdout
    assert not [line for line in run.stdout.splitlines() if line != line.rstrip()], "no line ends in spaces"
