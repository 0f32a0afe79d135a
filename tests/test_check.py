"""`build.py check`: every problem at once, nothing written, --strict fails on warnings."""

from __future__ import annotations

from .test_translations import release


def test_check_reports_everything_and_writes_nothing(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n", "Intro.\n\n![](photo.jpg)"),
            "content/en/2024/b.md": release("B", "date: 2024-13-01\n"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert run.stderr.splitlines() == [
        "content/en/2024/a.md:8: warning: image 'photo.jpg' has no alt text: write ![what it shows](…)",
        "content/en/2024/b.md:3: error: date: '2024-13-01' is not a date; write it as YYYY-MM-DD",
        "check: 1 error(s), 1 warning(s)",
    ]
    assert not site.output.exists()
    assert not (site.root / "site").exists()


def test_check_strict_fails_on_warnings_only_when_asked(scratch_site):
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n", "![](photo.jpg)")})
    assert site.run("check", "--source", str(site.root)).code == 0
    assert site.run("check", "--strict", "--source", str(site.root)).code == 1


def test_the_bundled_site_passes_a_strict_check(capsys):
    from pressroom.cli import main

    assert main(["check", "--strict"]) == 0
    assert "check: 0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_new_scaffolds_three_linked_drafts_that_build(scratch_site):
    site = scratch_site({})
    run = site.run(
        "new",
        "Besuch aus Kanagawa",
        "--source",
        str(site.root),
        "--partner",
        "kanagawa",
        "--topic",
        "energy",
        "--date",
        "2025-03-04",
    )
    assert run.code == 0, run.stderr
    for lang in ("de", "ja", "en"):
        text = (site.root / f"content/{lang}/2025/besuch-aus-kanagawa.md").read_text()
        assert 'title: "Besuch aus Kanagawa"' in text and "partners: [kanagawa]" in text
    assert site.build().code == 0
    assert not site.exists("/de/releases/2025/besuch-aus-kanagawa/")  # drafts until edited
    assert site.build("--drafts").code == 0
    page = site.page("/ja/releases/2025/besuch-aus-kanagawa/")
    assert page.alternates["de"] == "/de/releases/2025/besuch-aus-kanagawa/"
    assert "2025年3月4日" in page.text
    again = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert again.code == 2 and "already exists" in again.stderr
    assert site.run("new", "X", "--source", str(site.root), "--partner", "atlantis").code == 2
