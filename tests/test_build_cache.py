"""What a build keeps for the next one: rendered bodies (never parsed twice) and rendered pages
(an edit renders only what shows it; an emptied output folder is filled without rendering),
always giving the bytes a cold build gives, and never trusting a page changed by hand."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from pressroom.base import parallel
from pressroom.model import catalog
from pressroom.model.bodycache import BODIES_DIR, renderer_identity
from pressroom.output import render
from pressroom.output.carryover import GENERATIONS, INDEX, STORE_DIR
from pressroom.output.folder import MARKER
from pressroom.pipeline.building import build
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT

from .conftest import ScratchSite
from .test_incremental import PARTNER, TOPICS, release


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    files = {
        "site.yaml": "languages: [de, ja, en]\nper_page: 3\nhome_count: 2\n",
        "content/topics.yaml": TOPICS,
        "content/partners/kanagawa.yaml": PARTNER.format(name="Kanagawa", country="JP"),
        "content/partners/ontario.yaml": PARTNER.format(name="Ontario", country="CA"),
    }
    for n in range(1, 13):
        day = f"{2023 + n % 2}-{1 + n % 12:02d}-{1 + n:02d}"
        partners = "[kanagawa]" if n % 2 else "[ontario]"
        for lang in ("de", "ja", "en"):
            if lang == "en" and n == 5:
                continue
            body = f"Text {n} in {lang}, see [the second](r2.md) and [five](r5.md)." if n == 1 else ""
            files[f"content/{lang}/r{n}.md"] = release(lang, n, day, partners, "[energy]", body=body)
    return scratch_site(files, with_defaults=False)


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file() and p.name != MARKER
    }


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def cold_build(site: ScratchSite, tmp_path: Path) -> dict[str, bytes]:
    """The same inputs built into a new folder with no cache at all."""
    cache = site.root / CACHE_DIR
    kept = tmp_path / "kept-cache"
    if cache.exists():
        shutil.move(cache, kept)
    try:
        build(site.root, tmp_path / "cold", search="off")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if kept.exists():
            shutil.move(kept, cache)
    return files_of(tmp_path / "cold")


def edit(site: ScratchSite, name: str, old: str, new: str) -> None:
    path = site.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "parsed"),
    [
        ("content/de/r3.md", "Text 3 in de.", "Ein neuer Satz.", 1),
        ("content/ja/r6.md", "title: お知らせ 6", "title: 新しいお知らせ 6", 0),  # the body is as it was
        ("content/en/r2.md", "summary: Summary 2 en", "summary: A better summary", 0),
    ],
)
def test_an_edit_renders_only_the_pages_that_show_it(site, tmp_path, parses, name, old, new, parsed) -> None:
    build(site.root, site.output, search="off", jobs=1)
    before = inodes(site.output)
    parses.clear()
    edit(site, name, old, new)
    build(site.root, site.output, search="off", jobs=1)
    after = inodes(site.output)
    assert sorted(after) == sorted(before)
    rendered = [path for path in after if after[path] != before[path]]
    lang, _, rest = name.removeprefix("content/").partition("/")
    assert any(path.startswith(f"{lang}/") and rest.removesuffix(".md") in path for path in rendered)
    # Pages, feeds and the sitemap that show the release; the rest are the previous files.
    assert 0 < len(rendered) < len(after) / 3, rendered
    assert len(parses) == parsed, "only an edited body is parsed again"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_a_template_edit_renders_every_page_and_parses_no_markdown(site, tmp_path, parses) -> None:
    build(site.root, site.output, search="off", jobs=1)
    before = inodes(site.output)
    assert parses, "the first build parses every body"
    parses.clear()
    templates = site.root / "templates"
    templates.mkdir()
    base = (PROJECT_ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(base + "{# edited #}\n", encoding="utf-8")
    build(site.root, site.output, search="off", jobs=1)
    after = inodes(site.output)
    pages = [path for path in after if path.endswith(".html")]
    assert all(after[path] != before[path] for path in pages)
    assert parses == []
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_a_cached_body_reports_its_problems_again_and_follows_renamed_links(site, tmp_path, parses) -> None:
    first = build(site.root, site.output, search="off", jobs=1)
    # r1 in English links to r5, which has no English version: a warning, every build.
    warnings = [str(p) for p in first.problems.items]
    assert any("r5" in w and "content/en/r1.md" in w for w in warnings), warnings
    parses.clear()
    second = build(site.root, site.output, search="off", jobs=1)
    assert [str(p) for p in second.problems.items] == warnings
    assert parses == []
    # The release r1 links to moves: r1's body is rendered again with the new address.
    edit(site, "content/de/r2.md", "date:", "slug: zweite\ndate:")
    build(site.root, site.output, search="off", jobs=1)
    assert any("[the second](r2.md)" in body for body in parses)
    page = next(p for p in (site.output / "de").rglob("index.html") if p.parent.name == "r1")
    assert "zweite" in page.read_text(encoding="utf-8")
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_an_output_folder_changed_by_hand_is_built_again(site, tmp_path) -> None:
    build(site.root, site.output, search="off")
    pages = sorted(p for p in site.output.rglob("index.html"))
    pages[0].write_text("defaced", encoding="utf-8")
    pages[1].unlink()
    edit(site, "content/de/r3.md", "Text 3 in de.", "Ein neuer Satz.")
    build(site.root, site.output, search="off")
    assert files_of(site.output) == cold_build(site, tmp_path)


def pages_of(folder: Path) -> dict[str, int]:
    """The rendered pages of a built folder (not images, cards or static files): path → inode."""
    return {
        path: inode
        for path, inode in inodes(folder).items()
        if path.endswith((".html", ".xml", ".txt", ".webmanifest"))
    }


def test_an_emptied_output_folder_is_filled_without_rendering(site, tmp_path) -> None:
    build(site.root, site.output, search="off")
    before = pages_of(site.output)
    shutil.rmtree(site.output)
    build(site.root, site.output, search="off")
    assert pages_of(site.output) == before, "every page is the file the first build rendered"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_a_cache_restored_with_its_modification_times_is_used_as_kept(site, tmp_path) -> None:
    """A CI job restores `.pressroom-cache/` from an archive (new files, same bytes and times)
    into a fresh checkout: the pages are linked from it, not rendered again."""
    build(site.root, site.output, search="off")
    cache = site.root / CACHE_DIR
    shutil.move(cache, tmp_path / "archived")
    shutil.rmtree(site.output)
    shutil.copytree(tmp_path / "archived", cache)  # copy2: bytes and modification times kept
    restored = {entry.stat().st_ino for entry in (cache / STORE_DIR).iterdir() if entry.name != INDEX}
    build(site.root, site.output, search="off")
    assert set(pages_of(site.output).values()) <= restored, "every page is a file of the restored cache"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_a_page_changed_in_place_is_rendered_again_and_not_kept(site, tmp_path) -> None:
    build(site.root, site.output, search="off")
    page = sorted(site.output.rglob("index.html"))[0]
    original = page.read_bytes()
    # Same size, and a modification time other than the one recorded: an editor saving in place.
    page.write_bytes(b"x" * len(original))
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
    build(site.root, site.output, search="off")
    assert page.read_bytes() == original
    shutil.rmtree(site.output)
    build(site.root, site.output, search="off")
    assert page.read_bytes() == original, "the defaced file is not brought back from the cache"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_two_output_folders_keep_their_pages(site, tmp_path) -> None:
    preview = tmp_path / "preview"
    build(site.root, site.output, search="off", base_url="https://press.example.org/")
    build(site.root, preview, search="off", base_url="http://localhost:8000/")
    published = pages_of(site.output)
    assert not set(published.values()) & set(pages_of(preview).values()), "other addresses, other pages"
    shutil.rmtree(site.output)
    build(site.root, site.output, search="off", base_url="https://press.example.org/")
    assert pages_of(site.output) == published


def test_pages_no_recent_build_used_are_removed(site, tmp_path) -> None:
    store = site.root / CACHE_DIR / STORE_DIR
    templates = site.root / "templates"
    templates.mkdir()
    base = (PROJECT_ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    generations = []
    for edit_number in range(GENERATIONS + 2):
        (templates / "base.html").write_text(base + f"{{# edit {edit_number} #}}\n", encoding="utf-8")
        build(site.root, site.output, search="off")
        generations.append(set(pages_of(site.output).values()))
        (store / "left-by-a-stopped-build").write_bytes(b"")
    kept = {entry.stat().st_ino for entry in store.iterdir() if entry.name != INDEX}
    assert kept == set().union(*generations[-GENERATIONS:]) | {(store / "left-by-a-stopped-build").stat().st_ino}
    # The same pages once more (this site has warnings, so it is built again): a build that
    # uses the last pages again counts as one more, and the oldest kept build's pages go.
    build(site.root, site.output, search="off")
    assert not (store / "left-by-a-stopped-build").exists()
    assert {entry.stat().st_ino for entry in store.iterdir() if entry.name != INDEX} == set().union(
        *generations[-(GENERATIONS - 1) :]
    )


def test_damaged_entries_and_other_versions_entries(site, tmp_path) -> None:
    build(site.root, site.output, search="off")
    bodies = site.root / CACHE_DIR / BODIES_DIR
    entries = [p for p in (bodies / renderer_identity()).rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not an entry")
    stale = bodies / "0123456789abcdef01234567"
    stale.mkdir()
    (stale / "x").write_bytes(b"old")
    shutil.rmtree(site.output)
    build(site.root, site.output, search="off")
    assert not stale.exists(), "entries of another version of the generator are removed"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_any_number_of_workers_with_and_without_a_cache(site, tmp_path, monkeypatch) -> None:
    cold = cold_build(site, tmp_path)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    build(site.root, site.output, search="off", jobs=2)
    edit(site, "content/ja/r4.md", "Text 4 in ja.", "新しい本文です。")
    build(site.root, site.output, search="off", jobs=2)
    assert files_of(site.output) == cold_build(site, tmp_path)
    assert files_of(site.output) != cold


def test_an_output_on_another_file_system_gets_copies(site, tmp_path, monkeypatch) -> None:
    """Hard links cannot cross file systems: kept pages are copied both ways instead."""
    real_link = os.link

    def side(path: object) -> str:
        top = Path(os.path.relpath(str(path), tmp_path)).parts[0]
        return "cache" if top == "src" else "output" if top == "out" or top.startswith(".out") else "other"

    def no_links_into_or_out_of_the_output(source, target, *args, **kwargs):
        if {side(source), side(target)} == {"cache", "output"}:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_link(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "link", no_links_into_or_out_of_the_output)
    renders: list[str] = []
    real_render = render._rendered  # every page's one way through its template

    def counting(template, view):
        renders.append(template.name)
        return real_render(template, view)

    monkeypatch.setattr(render, "_rendered", counting)
    build(site.root, site.output, search="off", jobs=1)
    first = len(renders)
    renders.clear()
    shutil.rmtree(site.output)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Ein neuer Satz.")
    build(site.root, site.output, search="off", jobs=1)
    assert 0 < len(renders) < first / 3, "the other pages are copies of the kept ones"
    assert files_of(site.output) == cold_build(site, tmp_path)


def test_kept_bodies_are_found_without_reading_their_files_again(site, tmp_path, parses, monkeypatch) -> None:
    """Each body's text is found from its file's digest, taken when the site was loaded: a
    build rendering every page reads no Markdown file a second time, and one edited file once."""
    build(site.root, site.output, search="off", jobs=1)
    reads: list[str] = []
    real = catalog.read_text

    def counting(path: Path, display: str, *args: object, **kwargs: object) -> object:
        reads.append(display)
        return real(path, display, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "read_text", counting)
    shutil.rmtree(site.root / CACHE_DIR / STORE_DIR)  # every page rendered again
    build(site.root, tmp_path / "again", search="off", jobs=1)
    assert reads == [] and files_of(tmp_path / "again") == files_of(site.output)
    edit(site, "content/de/r3.md", "Text 3 in de.", "Ein neuer Satz.")
    parses.clear()
    build(site.root, tmp_path / "edited", search="off", jobs=1)
    assert sorted(set(reads)) == ["content/de/r3.md"] and len(parses) == 1
