"""`build.py check`: every problem at once, nothing written, --strict fails on warnings."""

from __future__ import annotations

import pytest

from .pdfs import pdf_document
from .test_media_site import png
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
        "content/en/2024/a.md:8: error: image 'photo.jpg': there is no such file; images are kept in content/media/"
        " and written like /media/2024/photo.jpg",
        "content/en/2024/b.md:3: error: date: 2024-13-01 is no day of the calendar: a year has 12 months",
        "check: 2 error(s), 1 warning(s)",
    ]
    assert not site.output.exists()
    assert not (site.root / "site").exists()


def test_check_strict_fails_on_warnings_only_when_asked(scratch_site):
    site = scratch_site(
        {"content/en/2024/a.md": release("A", "date: 2024-01-01\n", "![](https://example.org/photo.jpg)")}
    )
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
    # One release: the copy's language switcher leads to the German version; as an untranslated
    # copy it names no version in hreflang, nor is it named there.
    assert "/de/releases/2025/besuch-aus-kanagawa/" in [link.get("href") for link in page.links]
    assert page.alternates == {}
    assert "2025年3月4日" in page.text
    again = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert again.code == 2 and "already exists" in again.stderr
    assert site.run("new", "X", "--source", str(site.root), "--partner", "atlantis").code == 2
    assert site.run("new", "!!!", "--source", str(site.root), "--date", "2025-03-04").code == 0
    emoji = site.run("new", "🎉🎉", "--source", str(site.root), "--date", "2025-03-04")
    assert emoji.code == 2
    assert emoji.stderr.strip().endswith(
        "content/de/2025/untitled.md already exists: a title without letters or digits gives no file name of its own"
    )
    assert str(site.root) not in emoji.stderr
    # A date or a language every build would refuse writes nothing (it wrote three drafts).
    for args, message in (
        (("--date", "1799-01-01"), "argument --date: 1799-01-01 cannot be right; check the year"),
        (("--date", "3000-01-01"), "argument --date: 3000-01-01 cannot be right; check the year"),
        (("--lang", ""), "unknown language '' (languages: de, ja, en)"),
    ):
        refused = site.run("new", "Ein Besuch", "--source", str(site.root), *args)
        assert refused.code == 2 and message in refused.stderr, args
    assert not list((site.root / "content").rglob("ein-besuch.md"))


def test_an_embargoed_release_is_published_nowhere_before_its_moment(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Geheim", "date: 2024-07-17\npublish: 2024-07-17T10:00+09:00\n"),
            "content/ja/2024/x.md": release("秘密", "date: 2024-07-17\ntopics: [energy]\n"),
            "content/en/2024/y.md": release("Public", "date: 2024-07-01\n"),
        }
    )
    assert site.build("--now", "2024-07-17T09:59+09:00").code == 0
    assert not site.exists("/de/releases/2024/x/") and not site.exists("/ja/releases/2024/x/")
    for url in ("/de/releases/", "/ja/releases/", "/ja/", "/ja/topics/energy/", "/de/releases/2024/"):
        assert "/releases/2024/x/" not in site.page(url).html, url
    # Stuttgart is UTC+2 in summer: 10:00 in Tokyo is 03:00 in Stuttgart.
    check = site.run("check", "--source", str(site.root), "--now", "2024-07-01T00:00+00:00")
    assert check.code == 0
    assert (
        "embargoed until 2024-07-17 03:00 CEST (Stuttgart) = 2024-07-17 10:00 JST (Tokyo): "
        "content/de/2024/x.md, content/ja/2024/x.md" in check.stderr
    )
    assert site.build("--now", "2024-07-17T10:00+09:00").code == 0
    assert site.exists("/de/releases/2024/x/") and site.exists("/ja/releases/2024/x/")


def test_publish_needs_a_time_zone(scratch_site):
    """A time without its zone is told that it lacks the zone (it was told to need a time too)."""
    site = scratch_site(
        {
            "content/en/2024/x.md": release("X", "date: 2024-07-17\npublish: 2024-07-17T10:00\n"),
            "content/en/2024/y.md": release("Y", "date: 2024-07-17\npublish: 2024-07-17\n"),
            "content/en/2024/z.md": release("Z", "date: 2024-07-17\npublish: 2024-07-17T00:00\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    for name, value, needs in (
        ("x", "'2024-07-17T10:00'", "a time zone"),
        ("y", "2024-07-17", "a time and a time zone"),
        ("z", "'2024-07-17T00:00'", "a time zone"),
    ):
        assert (
            f"content/en/2024/{name}.md:4: error: publish: {value} needs {needs}; "
            "write it like 2024-07-17T10:00+09:00" in run.stderr
        ), run.stderr
    assert site.build("--now", "2024-07-17T10:00").code == 2


def test_a_file_removed_while_building_is_an_error_not_a_traceback(scratch_site):
    from pressroom.base.errors import BuildFailed, Problems
    from pressroom.pipeline.loading import load_site
    from pressroom.pipeline.rendering import render_site

    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n", "Text.")})
    problems = Problems()
    loaded = load_site(site.root, problems)
    (site.root / "content/en/2024/a.md").unlink()  # bodies are read again when their page renders
    with pytest.raises(BuildFailed):
        render_site(loaded, problems)
    assert [p.format() for p in problems.errors] == [
        "content/en/2024/a.md:0: error: the file changed while the site was being built; build again"
    ]


@pytest.mark.parametrize(
    "broken, said",
    [
        ("title: Besuch", "2: error: unknown field 'tittle' for a release (did you mean 'title'?)"),
        ("date: 2024-07-17", "3: error: date: 2024-02-30 is no day of the calendar"),
    ],
)
def test_one_mistake_in_a_version_others_inherit_from_is_one_message(scratch_site, broken, said):
    """The German version names the date, the picture and is linked to; a mistake in it was
    followed by an error in every other version ("no version names the picture"), a warning
    at the link ("has no de version") and "not used" for the picture's files."""
    image = "image:\n  alt: {}\n"
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release(
                "Besuch", "date: 2024-07-17\nimage:\n  file: karte.png\n  alt: Eine Karte\n"
            ),
            "content/ja/2024/besuch.md": release("訪問", image.format("地図")),
            "content/en/2024/besuch.md": release("Visit", image.format("A map")),
            "content/de/2024/andere.md": release("Andere", "date: 2024-08-01\n", "Siehe [Besuch](besuch.md)."),
        }
    )
    (site.root / "content/media").mkdir(parents=True)
    (site.root / "content/media/karte.png").write_bytes(png((200, 200, 200)))
    (site.root / "content/media/karte.ja.png").write_bytes(png((100, 200, 200)))
    assert site.run("check", "--strict", "--source", str(site.root)).code == 0
    german = site.root / "content/de/2024/besuch.md"
    wrong = broken.replace("title", "tittle").replace("07-17", "02-30")
    german.write_text(german.read_text(encoding="utf-8").replace(broken, wrong), encoding="utf-8")
    run = site.run("check", "--source", str(site.root))
    assert run.stderr.splitlines()[0].startswith(f"content/de/2024/besuch.md:{said}")
    assert run.stderr.splitlines()[1:] == ["check: 1 error(s), 0 warning(s)"]


def test_a_topic_list_that_cannot_be_read_is_one_message_not_one_per_topic(scratch_site):
    site = scratch_site({f"content/en/2024/{n}.md": release(n, "date: 2024-01-01\ntopics: [energy]\n") for n in "abc"})
    topics = site.root / "content/topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    [error, total] = run.stderr.splitlines()
    assert error.startswith("content/topics.yaml:") and "YAML syntax error" in error
    assert total == "check: 1 error(s), 0 warning(s)"


def test_names_that_only_case_tells_apart_are_errors(scratch_site):
    """On Windows and macOS ``Karte.png`` and ``karte.png`` are one file, and a checkout keeps one
    of them: media files, content folders and releases alike (a media file was only "not used",
    two folders both published)."""
    site = scratch_site(
        {
            "content/de/2024b/x.md": release("X", "date: 2024-01-01\n"),
            "content/de/2024B/y.md": release("Y", "date: 2024-01-02\n"),
        }
    )
    (site.root / "content/media/fotos").mkdir(parents=True)
    (site.root / "content/media/Fotos").mkdir(parents=True)
    for name in ("karte.png", "Karte.png", "fotos/a.png", "Fotos/b.png"):
        (site.root / "content/media" / name).write_bytes(png((1, 2, 3)))
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    errors = sorted(line for line in run.stderr.splitlines() if ": error: " in line)
    assert errors == [
        "content/de/2024b:0: error: differs only in case from '2024B' beside it: on Windows and macOS the two"
        " are one, and a checkout keeps one of them; rename one",
        "content/media/fotos:0: error: differs only in case from 'Fotos' beside it: on Windows and macOS the two"
        " are one, and a checkout keeps one of them; rename one",
        "content/media/karte.png:0: error: differs only in case from 'Karte.png' beside it: on Windows and macOS"
        " the two are one, and a checkout keeps one of them; rename one",
    ]


def test_a_download_that_leaves_the_media_folder_is_said_with_the_entries_beside_it(scratch_site):
    """One bad download entry hid the others' mistakes: a path out of content/media/ was said
    only once the entries missing a title were fixed (robustness audit); and the file of an
    entry missing its title only once the title was given."""
    downloads = "downloads:\n  - file: ../../site.yaml\n    title: x\n  - file: 2024/karte.png\n  - {}\n"
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n" + downloads)})
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "content/de/2024/a.md:5: error: '../../site.yaml' is not a path under content/media/:"
        " write it like 2024/photo.jpg",
        "content/de/2024/a.md:7: error: content/media/2024/karte.png does not exist",
        "content/de/2024/a.md:7: error: downloads: missing 'title'",
        "content/de/2024/a.md:8: error: downloads: missing 'file'",
        "content/de/2024/a.md:8: error: downloads: missing 'title'",
    ]


def test_a_download_whose_title_is_left_empty_is_an_error_not_dropped(scratch_site):
    """``title:`` with nothing after it dropped the entry without a word: the document was not
    offered, and its file was called "not used"."""
    downloads = "downloads:\n  - file: plan.pdf\n    title:\n"
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n" + downloads)})
    (site.root / "content/media").mkdir(parents=True)
    (site.root / "content/media/plan.pdf").write_bytes(pdf_document())
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert run.stderr.splitlines() == [
        "content/de/2024/a.md:6: error: downloads: missing 'title'",
        "check: 1 error(s), 0 warning(s)",
    ]
