"""Links to a section of another text (``[Plan](b.md#der-zeitplan)``): checked against that
text's headings once every body is rendered, whichever worker rendered it and whether it came
from the body cache, in `check`, in builds, in builds resumed from the kept model and in the
preview's quick rebuilds; reported as the link to a section of the same text is."""

from __future__ import annotations

from pressroom.base import parallel
from pressroom.base.errors import Problems
from pressroom.pipeline.building import build
from pressroom.pipeline.loading import load_site
from pressroom.pipeline.rendering import render_site
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .test_incremental import edit
from .test_translations import release

A = "content/de/2024/a.md"
B = "content/de/2024/b.md"
RESUMED = "showing the edit rendered, the rest kept"
WRONG = "link 'b.md#zeitplan' names no heading of content/de/2024/b.md (did you mean #der-zeitplan?)"


def texts(a_body: str) -> dict[str, str]:
    """Release A (its body from line 6) links into release B, whose versions have their own headings."""
    return {
        A: release("A", "date: 2024-07-17\n", a_body),
        "content/en/2024/a.md": release("A", "", "See [the plan](b.md#schedule)."),
        B: release("B", "date: 2024-07-18\n", "Text.[^1]\n\n## Der Zeitplan\n\n## Kontakt\n\n[^1]: Beleg"),
        "content/en/2024/b.md": release("B", "", "Text.\n\n## Schedule"),
    }


def section_warnings(problems: Problems) -> list[str]:
    return [p.format() for p in problems.sorted() if "names no heading of content/" in p.message]


def test_check_names_the_file_line_section_and_text(scratch_site) -> None:
    body = "Siehe [den Plan](b.md#der-zeitplan), [oben](b.md#top), [Beleg](b.md#fn1).\n\nUnd [das](b.md#zeitplan).\n"
    site = scratch_site(texts(body))
    run = site.run("check", "--source", str(site.root))
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if ": warning: " in line]
    assert warnings == [f"{A}:8: warning: {WRONG}"]
    # As the link to a section of the same text: a warning, which --strict fails on.
    assert site.run("check", "--strict", "--source", str(site.root)).code == 1


def test_a_section_of_another_languages_version(scratch_site) -> None:
    body = "The [schedule](../../en/2024/b.md#schedule); the [Zeitplan](../../en/2024/b.md#der-zeitplan).\n"
    files = texts(body)
    files["content/en/2024/a.md"] = release("A", "", "See [the plan](b.md#der-zeitplan).")
    site = scratch_site(files)
    run = site.run("check", "--source", str(site.root))
    assert [line for line in run.stderr.splitlines() if ": warning: " in line] == [
        f"{A}:6: warning: link '../../en/2024/b.md#der-zeitplan' names no heading of content/en/2024/b.md,"
        f" only of its de version, {B} (its headings: #schedule)",
        "content/en/2024/a.md:5: warning: link 'b.md#der-zeitplan' names no heading of content/en/2024/b.md,"
        f" only of its de version, {B} (its headings: #schedule)",
    ]
    assert site.build().code == 0  # a warning: the site is built


def test_a_version_named_otherwise_is_checked_by_its_own_headings(scratch_site) -> None:
    """Versions linked by ``key``: ``b.md`` in Japanese is the file ``b-ja.md``."""
    files = texts("Text.")
    files["content/ja/2024/b-ja.md"] = release("B", "key: 2024/b\n", "本文。\n\n## 日程")
    files["content/ja/2024/a.md"] = release("A", "", "[日程](b.md#日程)、[Plan](b.md#der-zeitplan)。")
    site = scratch_site(files)
    run = site.run("check", "--source", str(site.root))
    assert [line for line in run.stderr.splitlines() if ": warning: " in line] == [
        "content/ja/2024/a.md:5: warning: link 'b.md#der-zeitplan' names no heading of content/ja/2024/b-ja.md,"
        f" only of its de version, {B} (its headings: #日程)"
    ]


def test_a_link_to_a_section_that_is_there_is_not_reported(scratch_site) -> None:
    body = "[Plan](b.md#der-zeitplan) [Kontakt](./b.md#kontakt) [en](../../en/2024/b.md#schedule) [self](a.md#top)\n"
    site = scratch_site(texts(body))
    run = site.build()
    assert run.code == 0 and "warning" not in run.stderr, run.stderr
    assert site.page("/de/releases/2024/a/").links_to("/de/releases/2024/b/#der-zeitplan")


def test_any_number_of_workers_with_and_without_the_body_cache(scratch_site, tmp_path, monkeypatch, parses) -> None:
    site = scratch_site(texts("Und [das](b.md#zeitplan).\n"))
    expected = [f"{A}:6: warning: {WRONG}"]
    uncached = Problems()
    render_site(load_site(site.root, uncached), uncached)  # as `check` renders: no cache
    assert section_warnings(uncached) == expected
    assert section_warnings(build(site.root, tmp_path / "one", jobs=1, search="off").problems) == expected
    parses.clear()
    # Every body from the cache (a new folder: each page is rendered, none parsed).
    assert section_warnings(build(site.root, tmp_path / "cached", jobs=1, search="off").problems) == expected
    assert parses == []
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    assert section_warnings(build(site.root, tmp_path / "forked", jobs=3, search="off").problems) == expected
    forked = Problems()
    render_site(load_site(site.root, forked, jobs=3), forked, jobs=3)
    assert section_warnings(forked) == expected


def test_a_cached_body_is_checked_against_an_edited_text(scratch_site, tmp_path, parses) -> None:
    site = scratch_site(texts("Siehe [den Plan](b.md#der-zeitplan).\n"))
    assert section_warnings(build(site.root, site.output, jobs=1, search="off").problems) == []
    parses.clear()
    edit(site, B, "## Der Zeitplan", "## Ablauf")
    problems = build(site.root, site.output, jobs=1, search="off").problems
    assert len(parses) == 1 and "## Ablauf" in parses[0], "A's body comes from the cache"
    assert section_warnings(problems) == [
        f"{A}:6: warning: link 'b.md#der-zeitplan' names no heading of {B} (its headings: #ablauf, #kontakt)"
    ]


def test_the_previews_quick_rebuild_checks_links_from_and_into_the_edited_text(scratch_site) -> None:
    site = scratch_site(texts("Siehe [den Plan](b.md#der-zeitplan).\n"))
    result = build(site.root, site.output, search="off", keep=True)
    assert result.rendered is not None and not result.problems.items
    quick = QuickSite.of(result.rendered)
    # The heading linked to is renamed: the text linking to it, not rendered again, is told.
    done = quick_rebuild(quick, [edit(site, B, "## Der Zeitplan", "## Ablauf")], site.output)
    assert done is not None
    assert section_warnings(done.problems) == [
        f"{A}:6: warning: link 'b.md#der-zeitplan' names no heading of {B} (its headings: #ablauf, #kontakt)"
    ]
    done = quick_rebuild(quick, [edit(site, A, "b.md#der-zeitplan", "b.md#kontakte")], site.output)
    assert done is not None and section_warnings(done.problems) == [
        f"{A}:6: warning: link 'b.md#kontakte' names no heading of {B} (did you mean #kontakt?)"
    ]
    done = quick_rebuild(quick, [edit(site, A, "b.md#kontakte", "b.md#ablauf")], site.output)
    assert done is not None and not done.problems.items


def test_a_build_resumed_from_the_kept_model_checks_links_into_the_edited_text(scratch_site) -> None:
    page = "content/de/pages/info.md"
    files = texts("Text.")
    files[page] = "---\ntitle: Info\n---\n\nSiehe [den Plan](../2024/b.md#der-zeitplan).\n"  # no edit of B shows it
    site = scratch_site(files)
    assert site.build().code == 0
    # The page is not rendered again: the kept model knows its link.
    edit(site, B, "## Der Zeitplan", "## Ablauf")
    run = site.build()
    assert run.code == 0
    assert f"{page}:5: warning: link '../2024/b.md#der-zeitplan' names no heading of {B}" in run.stderr
    edit(site, B, "## Ablauf", "## Der Zeitplan")
    assert site.build().code == 0
    # A link added by an edit the kept model does not hold (a resumed build keeps the model as it is).
    edit(site, page, "b.md#der-zeitplan)", "b.md#kontakt)")
    run = site.build()
    assert RESUMED in run.stdout and "warning" not in run.stderr, run.stderr
    edit(site, B, "## Kontakt", "## Presse")
    run = site.build()
    assert f"{page}:5: warning: link '../2024/b.md#kontakt' names no heading of {B}" in run.stderr
