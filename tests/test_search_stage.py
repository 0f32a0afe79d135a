"""Staging for the search indexer after an edit: the language whose indexed text changed is staged
and indexed first, and the index is byte for byte the one staging every page at once gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.output import search, searchstage
from pressroom.output.search import index_site
from pressroom.output.search_text import HEAD, indexed_part, primary_language
from pressroom.output.searchstage import StagedTooEarly, stage_for_index


def _german_release(site: Path) -> str:
    """A German release page of ``site``, as a path relative to it."""
    for page in sorted((site / "de").rglob("index.html")):
        data = page.read_bytes()
        if b'<div class="body prose">' in data and indexed_part(data) is not None:
            return page.relative_to(site).as_posix()
    raise AssertionError("no German release in the bundled site")


def _edited(data: bytes) -> bytes:
    """The page with a sentence more in its body, which Pagefind reads."""
    return data.replace(b'<div class="body prose">', b'<div class="body prose">\n<p>Ein Satz mehr.</p>', 1)


def _files(bundle: Path) -> dict[Path, bytes]:
    return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def _site_and_expected(bundled_site: Path, tmp_path: Path, extra: dict[str, bytes]) -> tuple[Path, str, bytes, Path]:
    """A copy of the bundled site (with ``extra`` pages), a German release of it edited, and the
    bundle a build that wrote the edit and indexed every page at once makes."""
    site = tmp_path / "site"
    shutil.copytree(bundled_site, site, ignore=shutil.ignore_patterns("pagefind"))
    for path, data in extra.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    release = _german_release(site)
    edited = _edited((site / release).read_bytes())
    written = tmp_path / "written"
    shutil.copytree(site, written)
    (written / release).write_bytes(edited)
    index_site(written, jobs=2, bundle=tmp_path / "expected")
    return site, release, edited, tmp_path / "expected"


def test_the_edited_language_is_indexed_while_the_others_are_read(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, release, edited, expected = _site_and_expected(bundled_site, tmp_path, {})
    events: list[tuple[str, object]] = []
    examined, start = searchstage._examined, search._Runs.start

    def examining(data: bytes) -> object:
        events.append(("read", primary_language(data[:HEAD].decode("utf-8", "ignore"))))
        return examined(data)

    def starting(runs: search._Runs, folder: Path, languages: frozenset[str]) -> None:
        events.append(("indexed", languages))
        start(runs, folder, languages)

    monkeypatch.setattr(searchstage, "_examined", examining)
    monkeypatch.setattr(search._Runs, "start", starting)
    index_site(site, jobs=1, bundle=tmp_path / "got", overlay={release: edited})
    assert _files(tmp_path / "got") == _files(expected)
    german = events.index(("indexed", frozenset({"de"})))
    assert events.index(("read", "ja")) > german and events.index(("read", "en")) > german
    assert all(language == "de" for kind, language in events[:german] if kind == "read")
    assert [event for event in events if event[0] == "indexed"][1:] == [
        ("indexed", frozenset({"ja"})),
        ("indexed", frozenset({"en"})),
    ]


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("archiv/index.html", id="a German page outside de/"),
        pytest.param("en/odd/index.html", id="a page Pagefind must read whole"),
    ],
)
def test_a_wrong_guess_stages_every_page_again(bundled_site: Path, tmp_path: Path, extra: str) -> None:
    """German staged ahead is dropped when the rest of the site shows it incomplete, or that
    Pagefind must read every page at once; the index is still the one a build that wrote the edit makes."""
    if extra.startswith("archiv"):
        data = (bundled_site / _german_release(bundled_site)).read_bytes()
    else:
        data = b'<!DOCTYPE html>\n<html lang="en"><body><p>Odd <span data-pagefind-body>page</span></p></body></html>\n'
    site, release, edited, expected = _site_and_expected(bundled_site, tmp_path, {extra: data})
    handed: list[frozenset[str]] = []
    with pytest.raises(StagedTooEarly):
        stage_for_index(
            site,
            tmp_path / "staged",
            by_language=True,
            overlay={release: edited},
            ready=lambda folder, languages: handed.append(languages),
            first=frozenset({"de"}),
        )
    assert handed == [frozenset({"de"})]  # handed over before the rest was read
    index_site(site, jobs=2, bundle=tmp_path / "got", overlay={release: edited})
    assert _files(tmp_path / "got") == _files(expected)


def test_only_folders_whose_indexed_text_changed_come_first(bundled_site: Path) -> None:
    release = _german_release(bundled_site)
    page = (bundled_site / release).read_bytes()
    outside = page.replace(b"<footer", b'<footer data-edited="yes"', 1)
    assert outside != page and indexed_part(outside) == indexed_part(page)
    assert search._changed_folders(bundled_site, {release: outside}) == frozenset()
    assert search._changed_folders(bundled_site, {release: _edited(page)}) == frozenset({"de"})
    assert search._changed_folders(bundled_site, {"neu/index.html": page}) == frozenset({"neu"})
    assert search._changed_folders(bundled_site, None) == frozenset()
