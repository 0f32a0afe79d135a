"""The preview server's quick rebuilds: after an edit to the text of existing releases or
pages, rendering only the pages that show them gives exactly the site a full build gives."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest

from pressroom.output.folder import MARKER
from pressroom.pipeline.building import build
from pressroom.preview.incremental import QuickSite, quick_rebuild

from .conftest import ScratchSite

TOPICS = "energy: {de: Energie, ja: エネルギー, en: Energy}\nhealth: {de: Gesundheit, ja: 健康, en: Health}\n"
PARTNER = """\
name: {{de: {name}, ja: {name}, en: {name}}}
country: {country}
since: 1990
status: active
summary: {{de: Partner., ja: パートナー。, en: Partner.}}
"""
TITLES = {"de": "Meldung", "ja": "お知らせ", "en": "Release"}


def release(lang: str, n: int, day: str, partners: str, topics: str, extra: str = "", body: str = "") -> str:
    text = body or f"Text {n} in {lang}. See [the first](/{lang}/releases/)."
    return (
        f"---\ntitle: {TITLES[lang]} {n}\ndate: {day}\nsummary: Summary {n} {lang}\n"
        f"partners: {partners}\ntopics: {topics}\n{extra}---\n\n{text}\n"
    )


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(fourteen_releases(), with_defaults=False)


def fourteen_releases() -> dict[str, str]:
    """Fourteen releases over two years, three partners and two topics, some missing in
    Japanese or English, small pages so that lists have several."""
    files = {
        "site.yaml": "languages: [de, ja, en]\nper_page: 3\nhome_count: 2\n",
        "content/topics.yaml": TOPICS,
        "content/partners/kanagawa.yaml": PARTNER.format(name="Kanagawa", country="JP"),
        "content/partners/ontario.yaml": PARTNER.format(name="Ontario", country="CA"),
        "content/partners/jiangsu.yaml": PARTNER.format(name="Jiangsu", country="CN"),
    }
    partners = ["[kanagawa]", "[ontario]", "[kanagawa, jiangsu]", "[jiangsu]"]
    topics = ["[energy]", "[health]", "[energy, health]"]
    for n in range(1, 15):
        day = f"{2023 + n % 2}-{1 + n % 12:02d}-{1 + n:02d}"
        for lang in ("de", "ja", "en"):
            if (lang == "ja" and n % 4 == 0) or (lang == "en" and n % 5 == 0):
                continue
            files[f"content/{lang}/r{n}.md"] = release(lang, n, day, partners[n % 4], topics[n % 3])
    for lang, title in (("de", "Über uns"), ("ja", "このサイトについて"), ("en", "About")):
        files[f"content/{lang}/pages/about.md"] = f"---\ntitle: {title}\n---\n\nAbout this site ({lang}).\n"
    return files


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def start(site: ScratchSite) -> QuickSite:
    result = build(site.root, site.output, search="off", keep=True)
    assert result.rendered is not None
    return QuickSite.of(result.rendered)


def assert_same_as_full_build(site: ScratchSite, tmp_path: Path) -> None:
    full = tmp_path / "full"
    build(site.root, full, search="off")
    quick, expected = files_of(site.output), files_of(full)
    assert sorted(quick) == sorted(expected)
    differing = [path for path in expected if quick[path] != expected[path]]
    assert not differing, f"pages the quick rebuild left stale: {differing}"


def edit(site: ScratchSite, name: str, old: str, new: str) -> Path:
    path = site.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


TEXT_EDITS = [
    ("content/de/r3.md", "Text 3 in de.", "Neuer Text, mit **mehr** Inhalt."),
    ("content/ja/r6.md", "title: お知らせ 6", "title: 新しいお知らせ 6"),
    ("content/en/r1.md", "summary: Summary 1 en", "summary: A better summary"),
    ("content/de/r8.md", "title: Meldung 8", "title: Meldung acht"),  # missing in Japanese
    ("content/en/r7.md", "date: 2024-08-08\n", "date: 2024-08-08\nupdated: 2024-09-01\n"),
    ("content/de/pages/about.md", "About this site (de).", "Wer wir sind."),
]
"""Edits of the text of existing releases and pages, which render only the pages that show them."""


@pytest.mark.parametrize(("name", "old", "new"), TEXT_EDITS)
def test_a_quick_rebuild_gives_the_site_a_full_build_gives(site, tmp_path, name, old, new) -> None:
    quick = start(site)
    before = files_of(site.output)
    path = edit(site, name, old, new)
    result = quick_rebuild(quick, [path], site.output)
    assert result is not None
    assert not result.problems.items
    assert 0 < result.written <= result.pages < len(before) / 3
    assert_same_as_full_build(site, tmp_path)


def test_a_rebuild_told_at_the_end_that_the_folder_is_not_as_it_was_writes_nothing(site) -> None:
    """A command-line rebuild learns whether the folder still holds what its last build left
    only once its pages are rendered (the listing of a large folder takes that long): if it
    does not, nothing is written and a full build follows."""
    quick = start(site)
    before, marker = files_of(site.output), (site.output / MARKER).read_bytes()
    asked: list[bool] = []
    path = edit(site, "content/de/r3.md", "Text 3 in de.", "Ein neuer Text.")
    assert quick_rebuild(quick, [path], site.output, record=lambda: asked.append(True)) is None
    assert asked == [True]
    assert files_of(site.output) == before
    assert (site.output / MARKER).read_bytes() == marker


def test_a_file_whose_name_the_disk_spells_decomposed_is_rebuilt_quickly(site, tmp_path) -> None:
    """The build names files in NFC (content/de/grüße.md); a file system may spell the name
    decomposed (u + combining diaeresis), and the edit is still found in the kept build."""
    decomposed = unicodedata.normalize("NFD", "grüße.md")
    source = (site.root / "content/de/r3.md").read_text(encoding="utf-8")
    (site.root / "content/de/r3.md").unlink()
    (site.root / "content/de" / decomposed).write_text(source, encoding="utf-8")
    quick = start(site)
    assert "content/de/grüße.md" in quick.sources
    path = edit(site, f"content/de/{decomposed}", "Text 3 in de.", "Ein neuer Text.")
    result = quick_rebuild(quick, [path], site.output)
    assert result is not None and not result.problems.items
    assert_same_as_full_build(site, tmp_path)


def test_an_edit_named_through_a_link_to_the_site_folder_is_rebuilt_quickly(site, tmp_path) -> None:
    """The preview server resolves the paths it is told of; a build names them from the root it
    was given. Either way the edited file is the one the kept build read."""
    quick = start(site)
    link = tmp_path / "linked-site"
    link.symlink_to(site.root, target_is_directory=True)
    edit(site, "content/en/r1.md", "summary: Summary 1 en", "summary: A better summary")
    result = quick_rebuild(quick, [link / "content/en/r1.md"], site.output)
    assert result is not None and not result.problems.items
    assert quick.name_of(link / "content/en/r1.md") == quick.name_of(site.root.resolve() / "content/en/r1.md")
    assert quick.name_of(link / "content/en/r1.md") in quick.placed
    assert quick.name_of(tmp_path / "elsewhere.md") not in quick.placed
    assert_same_as_full_build(site, tmp_path)


def test_quick_rebuilds_in_a_row_and_several_files_at_once(site, tmp_path) -> None:
    quick = start(site)
    first = edit(site, "content/de/r2.md", "title: Meldung 2", "title: Zweite Meldung")
    assert quick_rebuild(quick, [first], site.output) is not None
    second = edit(site, "content/de/r2.md", "Text 2 in de.", "Anderer Text.")
    third = edit(site, "content/ja/r2.md", "title: お知らせ 2", "title: 第二のお知らせ")
    fourth = edit(site, "content/en/r9.md", "summary: Summary 9 en", "summary: Nine")
    assert quick_rebuild(quick, [second, third, fourth], site.output) is not None
    assert_same_as_full_build(site, tmp_path)


def test_an_edit_that_moves_the_sites_last_change_dates_the_empty_feeds_anew(scratch_site, tmp_path) -> None:
    # A partner without a release yet has empty feeds, dated as the site in each language last changed.
    files = {**fourteen_releases(), "content/partners/quebec.yaml": PARTNER.format(name="Québec", country="CA")}
    site = scratch_site(files, with_defaults=False)
    quick = start(site)
    path = edit(site, "content/en/r11.md", "date: 2024-12-12\n", "date: 2024-12-12\nupdated: 2025-01-05\n")
    assert quick_rebuild(quick, [path], site.output) is not None
    assert "<updated>2025-01-05T00:00:00Z</updated>" in (site.output / "en/partners/quebec/feed.xml").read_text()
    assert_same_as_full_build(site, tmp_path)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("content/de/r3.md", "date: 2024-04-04", "date: 2024-04-05"),
        ("content/de/r3.md", "topics: [energy]", "topics: [health]"),
        ("content/de/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\nslug: anders\n"),
        ("content/de/r3.md", "date: 2024-04-04\n", "date: 2024-04-04\ndraft: true\n"),
        ("content/de/r3.md", "partners: [jiangsu]", "partners: [nowhere]"),  # an error: a full build reports it
        ("content/de/pages/about.md", "title: Über uns", "title: Wir"),  # in every page's navigation
    ],
)
def test_edits_that_move_a_release_need_a_full_build(site, name, old, new) -> None:
    quick = start(site)
    before = files_of(site.output)
    path = edit(site, name, old, new)
    assert quick_rebuild(quick, [path], site.output) is None
    assert files_of(site.output) == before


def test_new_files_and_templates_need_a_full_build(site) -> None:
    quick = start(site)
    site.write({"content/de/r99.md": release("de", 99, "2024-01-01", "[kanagawa]", "[energy]")})
    assert quick_rebuild(quick, [site.root / "content/de/r99.md"], site.output) is None
    site.write({"templates/base.html": "{{ page }}"})
    assert quick_rebuild(quick, [site.root / "templates/base.html"], site.output) is None


def test_a_partners_reading_needs_a_full_build(site) -> None:
    """The home page, topic pages and the partner index list partners by it."""
    quick = start(site)
    path = edit(site, "content/partners/jiangsu.yaml", "since: 1990\n", "since: 1990\nreading: ちゃんすー\n")
    assert quick_rebuild(quick, [path], site.output) is None


def test_a_broken_link_in_the_edit_is_reported_and_nothing_is_written(site) -> None:
    quick = start(site)
    before = files_of(site.output)
    path = edit(site, "content/de/r3.md", "Text 3 in de.", "Siehe [dort](nirgends.md).")
    result = quick_rebuild(quick, [path], site.output)
    assert result is not None
    [problem] = result.problems.errors
    assert problem.path == "content/de/r3.md"
    assert "nirgends.md" in problem.message
    assert files_of(site.output) == before
    # Mended, the next quick rebuild works from the last good model.
    edit(site, "content/de/r3.md", "Siehe [dort](nirgends.md).", "Siehe [dort](r2.md).")
    assert quick_rebuild(quick, [path], site.output) is not None


def test_an_edited_title_its_share_card_cannot_draw_is_warned_about_and_shown(site) -> None:
    quick = start(site)
    path = edit(site, "content/en/r1.md", "title: Release 1\n", "title: Release 1 \U0001f91d\n")
    result = quick_rebuild(quick, [path], site.output)
    assert result is not None
    assert [(p.path, p.line, p.severity) for p in result.problems.items] == [("content/en/r1.md", 2, "warning")]
    assert "'\U0001f91d' (U+1F91D HANDSHAKE)" in result.problems.items[0].message
    shown = site.page("/en/releases/2024/r1/").html
    assert "<h1 data-pagefind-ignore>Release 1 \U0001f91d</h1>" in shown  # the preview shows the edit


def test_the_written_site_is_only_ever_whole_pages(site) -> None:
    quick = start(site)
    path = edit(site, "content/de/r3.md", "Text 3 in de.", textwrap.dedent("Neu.\n\n" * 50))
    assert quick_rebuild(quick, [path], site.output) is not None
    assert not [p for p in site.output.rglob(".*.new")]
