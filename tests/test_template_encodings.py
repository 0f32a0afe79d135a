"""A site's own templates as editors' tools save them: with a byte order mark and Windows' line
ends they make the pages the bundled ones make, byte for byte."""

from __future__ import annotations

from pathlib import Path

from .conftest import PROJECT, ScratchSite
from .test_translations import release

PAGES = {
    "content/de/2024/a.md": release("Erklärung", "date: 2024-07-17\npartners: [kanagawa]\n"),
    "content/ja/2024/a.md": release("宣言", ""),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_templates_saved_with_a_byte_order_mark_and_crlf_make_the_same_pages(scratch_site, tmp_path):
    """Saved by Notepad or Visual Studio with a byte order mark, each template put its mark into
    what it made: every page began with two (``base.html``'s and the page template's), the
    second one text before ``<!DOCTYPE html>``, which puts browsers in quirks mode; every feed
    and the sitemap began with one."""
    site = scratch_site(PAGES)
    plain = site.build()
    assert plain.code == 0, plain.stderr
    expected = _files(site.output)
    bundled = PROJECT / "templates"
    for template in bundled.rglob("*"):
        if (
            template.is_file()
            and template.suffix in (".html", ".xml", ".txt", ".webmanifest")
            and "static" not in template.parts
        ):
            own = site.root / "templates" / template.relative_to(bundled)
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_bytes(b"\xef\xbb\xbf" + template.read_bytes().replace(b"\n", b"\r\n"))
    saved = ScratchSite(site.root, tmp_path / "saved")
    run = saved.build()
    assert run.code == 0, run.stderr
    built = _files(saved.output)
    assert [name for name, data in built.items() if b"\xef\xbb\xbf" in data] == []
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name] and name != ".pressroom-site"] == []
