"""A version whose front matter has errors: its other problems are said in the same run, each once.

Such a version is neither published nor linked, so the checks that come after its fields were
once left out for it, and an editor who fixed a misspelt key learnt of a missing picture only
in the next run. What was read correctly of it is checked with the rest; what could not be
read gives no further message, and no media file is called "not used" while it may name one.
"""

from __future__ import annotations

import os

import pytest

from pressroom.base import parallel

from .pdfs import pdf_document
from .test_media_site import png
from .test_translations import release

BROKEN = (
    "tittle: Besuch\n"  # line 3
    "date: 2024-02-30\n"
    "image:\n"
    "  file: 2024/karte.png\n"  # line 6
    "  alt: Eine Karte\n"
    "downloads:\n"
    "  - file: 2024/plan.pdf\n"  # line 9
    "    title: Der Plan\n"
    "    lang: [de, fr]\n"  # line 11
    "  - file: 2024/liste.pdf\n"  # line 12
    "    title: Die Liste\n"
    "    lang: [jp, Deutsch]\n"  # line 14
    "  - file: 2024/ohne-titel.pdf\n"  # line 15
)
"""A German version with two mistakes in its own fields (a misspelt key, a day that does not
exist) that name files that are not there, and languages the site does not have."""

SAID = [
    "content/de/2024/besuch.md:3: error: unknown field 'tittle' for a release (did you mean 'title'?)",
    "content/de/2024/besuch.md:4: error: date: 2024-02-30 is no day of the calendar: February 2024 has 29 days",
    "content/de/2024/besuch.md:6: error: content/media/2024/karte.png does not exist",
    "content/de/2024/besuch.md:9: error: content/media/2024/plan.pdf does not exist",
    # At its 'lang:' line, where it is mended (it was told at the '- file:' line).
    "content/de/2024/besuch.md:11: error: downloads.lang: unknown language 'fr' (the site's languages: de, ja, en)",
    "content/de/2024/besuch.md:12: error: content/media/2024/liste.pdf does not exist",
    # Each, not the first alone.
    "content/de/2024/besuch.md:14: error: downloads.lang: unknown language 'jp' (the site's languages: de, ja, en)",
    "content/de/2024/besuch.md:14: error: downloads.lang: unknown language 'Deutsch'"
    " (the site's languages: de, ja, en)",
    "content/de/2024/besuch.md:15: error: content/media/2024/ohne-titel.pdf does not exist",
    "content/de/2024/besuch.md:15: error: downloads: missing 'title'",
    "content/de/2024/besuch.md:20: error: content/media/2024/foto.png does not exist",
]


def _errors_and_total(stderr: str) -> tuple[list[str], str]:
    lines = stderr.splitlines()
    return sorted(line for line in lines if ": error: " in line or ": warning: " in line), lines[-1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_version_with_errors_has_its_media_and_languages_checked_in_the_same_run(scratch_site, monkeypatch, jobs):
    """By ``check`` and by the build alike, and by forked workers as by one process."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # two workers read the two files
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release("Besuch", BROKEN, "Text.\n\n![Ein Foto](/media/2024/foto.png)"),
            "content/en/2024/besuch.md": release("Visit", "image:\n  alt: A map\n"),
        }
    )
    check = site.run("check", "--source", str(site.root))
    said, total = _errors_and_total(check.stderr)
    assert check.code == 1
    assert said == sorted(SAID)
    assert total == f"check: {len(SAID)} error(s), 0 warning(s)"
    build = site.build("--jobs", jobs)
    assert build.code == 1
    assert _errors_and_total(build.stderr) == (
        said,
        f"build failed: {len(SAID)} error(s), 0 warning(s); {os.path.relpath(site.output)} was not changed",
    )
    assert not site.output.exists()


QUOTE_IT = "a value that begins with '[' or '{' is read as a list or a mapping: put the whole text in quotes (\"…\")"


def test_the_files_a_version_with_errors_names_are_checked_and_failed_fields_say_no_more(scratch_site):
    """A file that is there is checked (a picture that is none is said), none is "not used"
    while a version has errors, and a field that failed says nothing more of itself."""
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release(
                "Besuch",
                "tittle: x\ndate: 2024-07-17\nimage:\n  file: karte.png\n  alt: [5]\n"
                "downloads:\n  - file: plan.pdf\n    title: Plan\n    lang: {a: b}\n  - file: ../../site.yaml\n"
                "    title: Einstellungen\n  - file: liste.pdf\n    title: [Liste]\n",
                "![Foto](/media/foto.png)",
            ),
            "content/en/2024/other.md": release("Other", "date: 2024-07-01\n"),
        }
    )
    (site.root / "content/media").mkdir(parents=True)
    for name in ("foto.png", "unused.png"):
        (site.root / "content/media" / name).write_bytes(png((200, 200, 200)))
    (site.root / "content/media/karte.png").write_bytes(b"not a picture")
    for name in ("plan.pdf", "liste.pdf"):
        (site.root / "content/media" / name).write_bytes(pdf_document())
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert run.stderr.splitlines() == [
        "content/de/2024/besuch.md:3: error: unknown field 'tittle' for a release (did you mean 'title'?)",
        "content/de/2024/besuch.md:6: error: content/media/karte.png is not an image"
        " (or not one of JPEG, PNG, WebP, AVIF)",
        f"content/de/2024/besuch.md:7: error: image.alt: expected text, not a list; {QUOTE_IT}",
        "content/de/2024/besuch.md:11: error: downloads.lang: expected a list of language codes, e.g. [de, ja]",
        "content/de/2024/besuch.md:12: error: '../../site.yaml' is not a path under content/media/:"
        " write it like 2024/photo.jpg",
        f"content/de/2024/besuch.md:15: error: downloads.title: expected text, not a list; {QUOTE_IT}",
        "check: 6 error(s), 0 warning(s)",
    ]


def test_a_version_whose_yaml_cannot_be_read_has_its_body_images_checked(scratch_site):
    """Its body's links were checked with its YAML mistake, its images only once it was mended."""
    site = scratch_site(
        {"content/de/2024/besuch.md": release("Besuch", "date: [2024\n", "![Foto](/media/foto.png) [x](y.md)")}
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert lines[0].startswith("content/de/2024/besuch.md:3: error: YAML syntax error:")
    assert lines[1:] == [
        "content/de/2024/besuch.md:6: error: broken link 'y.md': there is no content/de/2024/y.md",
        "content/de/2024/besuch.md:6: error: content/media/foto.png does not exist",
        "check: 3 error(s), 0 warning(s)",
    ]


def test_a_key_naming_a_version_with_errors_is_not_warned_of(scratch_site):
    """The Japanese file's misspelt field was followed by a warning at the German one: "key
    '2024/visit' is no other version's key", though the Japanese file gives it."""
    site = scratch_site(
        {
            "content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\nkey: 2024/visit\n"),
            "content/ja/2024/houmon.md": release("訪問", "tittle: x\nkey: 2024/visit\n"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.stderr.splitlines() == [
        "content/ja/2024/houmon.md:3: error: unknown field 'tittle' for a release (did you mean 'title'?)",
        "check: 1 error(s), 0 warning(s)",
    ]


def test_topics_named_only_by_a_version_with_errors_need_the_topic_list(scratch_site):
    site = scratch_site(
        {"content/de/2024/besuch.md": release("Besuch", "tittle: x\ndate: 2024-07-17\ntopics: [energy]\n")},
        with_defaults=False,
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert (
        lines[0] == "content/de/2024/besuch.md:3: error: unknown field 'tittle' for a release (did you mean 'title'?)"
    )
    assert lines[1].startswith(
        "content/topics.yaml:0: error: missing: 1 file(s) name topics (the first: content/de/2024/besuch.md:5)"
    )
    assert lines[2:] == ["check: 2 error(s), 0 warning(s)"]
