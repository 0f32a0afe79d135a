"""A release saved in the wrong place: each message says where it goes.

An editor who puts a year's folder beside the language folders was told to add '2025' to the
site's languages; one who put a release under pages/ was asked whether its 'date' meant
'updated'. Each said what the tool found, not what the editor had to do.
"""

from __future__ import annotations

from .test_check_fixtures import check, summary
from .test_translations import release

TEXT = release("Besuch aus Kanagawa", "date: 2025-03-04\n")


def test_a_year_folder_beside_the_language_folders(scratch_site):
    site = scratch_site({"content/2025/besuch.md": TEXT})

    run = check(site)

    assert run.stderr.splitlines() == [
        "content/2025:0: error: '2025' is no language: a year's releases go in their language's folder: "
        "move it to content/de/2025, content/ja/2025 or content/en/2025",
        summary(1, 0),
    ]
    assert run.code == 1


def test_a_language_folder_in_capitals(scratch_site):
    site = scratch_site({"content/EN/2025/besuch.md": TEXT})

    run = check(site)

    assert "content/EN:0: error: unknown language folder 'EN' (languages: de, ja, en): rename it 'en'" in (
        run.stderr.splitlines()
    )
    assert run.code == 1
    # A language the site does not publish yet is still one to add.
    site = scratch_site({"content/fr/2025/besuch.md": TEXT})
    assert (
        "content/fr:0: error: unknown language folder 'fr' (languages: de, ja, en; add it to 'languages' in "
        "site.yaml to publish it)"
    ) in check(site).stderr.splitlines()


def test_a_language_folder_in_capitals_beside_the_language_folder(scratch_site):
    """That one is read, and only the twin is said, not every release of the language gone
    missing (and their pictures and links with them)."""
    site = scratch_site(
        {
            "content/de/2025/besuch.md": TEXT,
            "content/DE/2025/besuch-2.md": TEXT,
            "content/en/2025/besuch.md": release("Visit from Kanagawa", "date: 2025-03-04\n"),
        }
    )
    run = check(site)
    assert run.stderr.splitlines() == [
        "content/DE:0: error: differs only in case from 'de' beside it, the folder the site reads: on Windows and"
        " macOS the two are one; move what it holds into 'de' and delete it",
        summary(1, 0),
    ]


def test_a_release_beside_the_language_folders(scratch_site):
    site = scratch_site({"content/besuch.md": TEXT})

    run = check(site)

    assert run.stderr.splitlines() == [
        "content/besuch.md:0: warning: ignored: a release or page goes in its language's folder: "
        "move it to content/de/besuch.md, content/ja/besuch.md or content/en/besuch.md",
        summary(0, 1),
    ]


def test_a_release_under_pages(scratch_site):
    site = scratch_site(
        {"content/de/pages/2025/besuch.md": release("Besuch", "date: 2025-03-04\npartners: [kanagawa]\n")}
    )

    run = check(site)

    said = "is a release's field, not a page's: files under pages/ are standalone pages (about, imprint); "
    assert run.stderr.splitlines() == [
        f"content/de/pages/2025/besuch.md:3: error: 'date' {said}move a release to its year's folder, "
        "content/de/<year>/",
        f"content/de/pages/2025/besuch.md:4: error: 'partners' {said}move a release to its year's folder, "
        "content/de/<year>/",
        summary(2, 0),
    ]
    # A page may not have a picture or a source either, but that does not make it a release.
    site = scratch_site({"content/de/pages/about.md": release("Über uns", "source: Staatsministerium\n")})
    said = [line for line in check(site).stderr.splitlines() if line.startswith("content/de/pages/about.md")]
    assert said == [
        "content/de/pages/about.md:3: error: unknown field 'source' for a page (fields: title, summary, key, slug, "
        "draft, updated, confirmed, untranslated, formerly)"
    ]
    # A page's own misspelt field is still a near miss of a page's field.
    site = scratch_site({"content/de/pages/about.md": release("Über uns", "updatd: 2025-03-04\n")})
    assert "content/de/pages/about.md:3: error: unknown field 'updatd' for a page (did you mean 'updated'?)" in (
        check(site).stderr.splitlines()
    )
