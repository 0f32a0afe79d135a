"""Speed never changes output: parallel, cached and plain builds give the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.base import parallel
from pressroom.base.errors import BuildFailed, Problems
from pressroom.output.folder import MARKER
from pressroom.pipeline.building import build
from pressroom.pipeline.loading import load_site

from .conftest import PROJECT


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    return root


def test_parallel_and_plain_builds_are_byte_identical(source: Path, tmp_path: Path, monkeypatch) -> None:
    plain = build(source, tmp_path / "plain", jobs=1, search="off")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    forked = build(source, tmp_path / "parallel", jobs=3, search="off")
    assert snapshot(tmp_path / "plain") == snapshot(tmp_path / "parallel")
    assert plain.pages == forked.pages and sum(plain.pages.values()) > 100


def test_parallel_build_reports_the_same_problems(source: Path, tmp_path: Path, monkeypatch) -> None:
    with (source / "content/en/2024/kanagawa-declaration.md").open("a", encoding="utf-8") as page:
        page.write("\n![](photo.jpg)\n\nSee [missing](nowhere.md).\n")

    with pytest.raises(BuildFailed) as plain:
        build(source, tmp_path / "plain", jobs=1, search="off")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    with pytest.raises(BuildFailed) as forked:
        build(source, tmp_path / "parallel", jobs=3, search="off")
    messages = [p.format() for p in plain.value.problems.sorted()]
    assert messages == [p.format() for p in forked.value.problems.sorted()]
    assert any("no alt text" in m for m in messages) and any("nowhere.md" in m for m in messages)
    assert not (tmp_path / "plain").exists() and not (tmp_path / "parallel").exists()


def test_a_cached_rebuild_keeps_the_output_and_an_edit_rebuilds_it(source: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    first = build(source, output, search="off")
    assert not first.unchanged
    before = snapshot(output)
    again = build(source, output, search="off")
    assert again.unchanged and snapshot(output) == before

    page = source / "content/de/2024/kanagawa-declaration.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Kretschmann", "Kretschmann (MP)", 1), encoding="utf-8")
    edited = build(source, output, search="off")
    assert not edited.unchanged
    fresh = build(source, tmp_path / "fresh", search="off")
    assert not fresh.unchanged
    assert snapshot(output) == snapshot(tmp_path / "fresh") != before

    # Different options are different inputs.
    assert not build(source, output, search="off", drafts=True).unchanged


def test_a_site_with_an_embargo_is_always_built(source: Path, tmp_path: Path) -> None:
    (source / "content/en/2030").mkdir()
    (source / "content/en/2030/later.md").write_text(
        "---\ntitle: Later\ndate: 2030-01-01\npublish: 2030-01-01T09:00+01:00\n---\n\nText.\n", encoding="utf-8"
    )
    output = tmp_path / "out"
    build(source, output, search="off")
    assert not build(source, output, search="off").unchanged  # the clock may have passed the embargo


def test_a_body_rendered_again_from_memory_reports_its_problems_again(source: Path) -> None:
    """Each process keeps its last bodies for the feed that repeats them; whichever page asks
    first, the release's own page must still report the body's broken links."""
    with (source / "content/en/2024/kanagawa-declaration.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [missing](nowhere.md).\n")
    catalog = load_site(source, Problems()).catalog
    release = next(r for r in catalog.releases if r.key == "2024/kanagawa-declaration")
    first, again = Problems(), Problems()
    body = catalog.body(release.translations["en"], first)
    assert catalog.body(release.translations["en"], again) is body
    assert any("nowhere.md" in p.format() for p in first.items)
    assert [p.format() for p in again.items] == [p.format() for p in first.items]


def test_a_forked_build_with_a_broken_template_draws_no_share_cards(source: Path, tmp_path: Path, monkeypatch) -> None:
    # The workers that render the pages publish the media after them: a template error must
    # not make them draw a card for every release (slow) before the build reports it.
    templates = source / "templates"
    templates.mkdir()
    page = (PROJECT / "templates" / "base.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(page.replace("<body", "{{ 1 // 0 }}<body", 1), encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    with pytest.raises(BuildFailed) as failed:
        build(source, tmp_path / "out", jobs=2, search="off")
    assert any(p.path == "templates/base.html" for p in failed.value.problems.errors)
    cards = source / ".pressroom-cache" / "cards"
    assert not cards.exists() or not any(cards.rglob("*.png"))
    assert not (tmp_path / "out").exists()
    # Mended, the same workers publish every card and image, as a build in one process does.
    (templates / "base.html").unlink()
    build(source, tmp_path / "out", jobs=2, search="off")
    build(source, tmp_path / "plain", jobs=1, search="off")
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "plain")
    assert any(cards.rglob("*.png")) and any(path.endswith("share.png") for path in snapshot(tmp_path / "out"))
