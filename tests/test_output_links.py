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


def test_an_output_folder_that_is_a_link_to_nothing_is_refused_naming_both(scratch_site, tmp_path: Path) -> None:
    # Built through: the build made the folder the link names, wherever that was.
    site = scratch_site({"content/de/2024/a.md": RELEASE})
    nowhere = tmp_path / "gone" / "www"
    site.output.symlink_to(nowhere)
    said = (
        f"{site.output} is a link to {nowhere}, which does not exist; "
        "make that folder first or choose another output folder\n"
    )
    for output, named in ((site.output, "output folder "), (site.output / "press", "")):
        run = site.run("build", "--source", str(site.root), "--output", str(output), "--no-search")
        assert (run.code, run.stderr) == (2, f"build.py: error: {named}{said}")
    assert not (tmp_path / "gone").exists()


def test_an_output_folder_that_is_a_link_to_itself_is_refused_without_a_traceback(scratch_site) -> None:
    site = scratch_site({"content/de/2024/a.md": RELEASE})
    site.output.symlink_to(site.output.name)
    run = site.run("build", "--source", str(site.root), "--output", str(site.output), "--no-search")
    assert run.code == 2
    assert run.stderr == (
        f"build.py: error: output folder {site.output} is a link that leads back to itself; "
        "choose another output folder\n"
    )


def test_an_output_folder_that_is_a_link_to_a_folder_is_built_into_that_folder(scratch_site, tmp_path: Path) -> None:
    site = scratch_site({"content/de/2024/a.md": RELEASE})
    (tmp_path / "www").mkdir()
    site.output.symlink_to(tmp_path / "www")
    assert site.build().code == 0
    assert site.output.is_symlink()
    assert (tmp_path / "www" / "de" / "index.html").is_file()


def test_an_export_folder_that_is_a_link_to_nothing_or_to_itself_is_refused(scratch_site, tmp_path: Path) -> None:
    """A link to itself ended in a traceback, one to nowhere in "could not write: File exists"."""
    site = scratch_site({"content/de/2024/a.md": RELEASE})
    (tmp_path / "nowhere").symlink_to(tmp_path / "gone")
    (tmp_path / "loop").symlink_to("loop")
    for name, said in (
        ("nowhere", f"is a link to {tmp_path / 'gone'}, which does not exist; make that folder first or choose"),
        ("loop", "is a link that leads back to itself; choose"),
    ):
        run = site.run("export", "--source", str(site.root), "--to", "en", "--output", str(tmp_path / name))
        assert (run.code, run.stderr) == (
            2,
            f"build.py export: error: output folder {tmp_path / name} {said} another --output\n",
        )
    assert not (tmp_path / "gone").exists()
