"""Translation status of content: missing, ok after confirming, outdated after a sibling's edit."""

from __future__ import annotations

import json

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
    assert first.splitlines()[3].startswith("confirmed: {en: ")
    assert first.endswith("Text.\n")


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
    assert "2024/x   ok         –          OUTDATED" in run.stdout
    # Without git history, the size of the change is unknown, and said so.
    assert "en: 0 ok, 1 outdated (changed words unknown), 0 missing" in run.stdout
    assert "ja: 0 ok, 0 outdated, 1 missing" in run.stdout
    assert "content/en/2024/x.md: outdated: de changed since it was confirmed" in run.stdout


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
    assert "ドイツ語版が2025年3月3日に更新されました。" in ja.text
    assert "この版には、その変更がまだ反映されていない可能性があります。" in ja.text
    assert "outdated-version" not in site.page("/de/releases/2024/x/").html
