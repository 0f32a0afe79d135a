"""No build carries a file from outside the site into the output by following a link."""

from __future__ import annotations

from pathlib import Path

from pressroom.output.render import OutputFile
from pressroom.output.writer import StagedSite

RELEASE = """\
---
title: Eine Meldung
date: 2024-07-17
---

Text.
"""


def test_a_link_in_the_static_folder_is_an_error_and_never_copied(scratch_site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-ELSEWHERE", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "key.txt").write_text("SECRET-FROM-ELSEWHERE", encoding="utf-8")
    site = scratch_site({"content/de/2024/a.md": RELEASE, "templates/static/own.css": "p{}"})
    (site.root / "templates/static/leak.txt").symlink_to(secret)
    (site.root / "templates/static/folder").symlink_to(tmp_path / "elsewhere")
    run = site.build()
    assert run.code == 1
    assert "templates/static/leak.txt:0: error: a link" in run.stderr
    assert "templates/static/folder:0: error: a link" in run.stderr
    assert not site.output.exists() or not any(
        b"SECRET-FROM-ELSEWHERE" in path.read_bytes() for path in site.output.rglob("*") if path.is_file()
    )
    # Once the links are gone the site builds, with the real static file.
    (site.root / "templates/static/leak.txt").unlink()
    (site.root / "templates/static/folder").unlink()
    assert site.build().code == 0
    assert (site.output / "static/own.css").read_text(encoding="utf-8") == "p{}"


def test_a_kept_folder_carries_no_links_into_the_next_build(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-ELSEWHERE", encoding="utf-8")
    output = tmp_path / "site"
    with StagedSite(output) as first:
        first.write(OutputFile("index.html", b"<p>one</p>"))
        first.write(OutputFile("pagefind/pagefind.js", b"//"))
        first.commit()
    (output / "pagefind" / "leak.txt").symlink_to(secret)
    with StagedSite(output) as second:
        second.write(OutputFile("index.html", b"<p>two</p>"))
        second.commit(keep=("pagefind",))
    assert (output / "pagefind" / "pagefind.js").read_bytes() == b"//"
    assert not (output / "pagefind" / "leak.txt").exists()
    assert not (output / "pagefind" / "leak.txt").is_symlink()
