"""The editors' commands when a file cannot be written (a full disk, a quota, a file size limit):
the file named, the files left as they were, never cut short, never a traceback."""

from __future__ import annotations

import errno
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pressroom.base import allornone
from pressroom.output import inplace
from pressroom.output.folder import MARKER, MARKER_TEXT
from pressroom.output.inplace import replace_pages
from pressroom.output.render import OutputFile

from .conftest import PROJECT
from .test_exchange import _translated_export, office  # noqa: F401  (a fixture used below)
from .test_translations import release
from .test_unreadable import run_denied

LIMIT = 4096
"""Bytes any one file of the command may have (``ulimit -f``): the files below are larger."""

LONG_BODY = "Ein langer Absatz über die Partnerschaft. " * 200


def _limited(*args: str) -> subprocess.CompletedProcess[str]:
    """``build.py ARGS`` with the file size limited to `LIMIT`, as ``ulimit -f`` does; a write past
    it fails with EFBIG (SIGXFSZ ignored, as Python ignores it) and the disk is "full"."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=limit,
    )


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_confirm_on_a_full_disk_leaves_the_file_whole_and_names_it(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", LONG_BODY),
            "content/ja/2024/x.md": release("宣言", "", "本文。"),
        }
    )
    before = _snapshot(site.root)
    assert len(before[site.root / "content/de/2024/x.md"]) > LIMIT
    run = _limited("confirm", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert run.returncode == 1, run.stderr
    assert "content/de/2024/x.md:0: error: could not write: File too large" in run.stderr.splitlines()
    assert "build.py:0" not in run.stderr and "Traceback" not in run.stderr
    assert _snapshot(site.root) == before  # not cut short, and no temporary file left beside it


def test_status_html_on_a_full_disk_keeps_the_earlier_page(scratch_site, tmp_path):
    site = scratch_site({f"content/de/2024/x{n}.md": release(f"Erklärung {n}", "date: 2024-07-17\n") for n in range(5)})
    page = tmp_path / "report" / "status.html"
    assert site.run("status", "--source", str(site.root), "--html", str(page)).code == 0
    earlier = page.read_bytes()
    assert len(earlier) > LIMIT
    page.write_bytes(earlier.replace(b"Erkl", b"erkl"))  # so that a page written anew would differ
    earlier = page.read_bytes()
    run = _limited("status", "--source", str(site.root), "--html", str(page))
    assert run.returncode == 1, run.stderr
    assert f"{page}:0: error: could not write: File too large" in run.stderr.splitlines()
    assert "Traceback" not in run.stderr
    assert page.read_bytes() == earlier
    assert sorted(path.name for path in page.parent.iterdir()) == ["status.html"]


def test_an_import_that_cannot_write_one_file_writes_none(office, monkeypatch):  # noqa: F811
    site = office
    file = _translated_export(site)
    (site.root / "content/en/2024").mkdir(parents=True)
    before = _snapshot(site.root / "content")
    replace = allornone.os.replace

    def full_disk(source, target, *args, **kwargs):
        if Path(target).name == "x.md" and "/de/" in str(target):
            raise OSError(28, "No space left on device")
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(allornone.os, "replace", full_disk)
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 1, run.stderr
    assert "content/de/2024/x.md:0: error: could not write: No space left on device" in run.stderr.splitlines()
    assert "Traceback" not in run.stderr
    assert _snapshot(site.root / "content") == before
    assert not (site.root / "content/ja/2024/x.md").exists()


def test_write_all_writes_every_file_or_none(tmp_path, monkeypatch):
    kept = tmp_path / "kept.txt"
    kept.write_text("as it was")
    kept.chmod(0o640)
    fresh = tmp_path / "new" / "deeper" / "fresh.txt"
    written = 0
    real = allornone._write_synced

    def fails_second(temporary, data, replacing):
        nonlocal written
        written += 1
        if written == 2:
            raise OSError(28, "No space left on device")
        real(temporary, data, replacing)

    monkeypatch.setattr(allornone, "_write_synced", fails_second)
    with pytest.raises(allornone.WriteFailed) as failed:
        allornone.write_all([(kept, b"new text"), (fresh, b"fresh")])
    assert failed.value.filename == str(fresh) and failed.value.strerror == "No space left on device"
    assert kept.read_text() == "as it was"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.txt"]  # folders made are gone too
    monkeypatch.setattr(allornone, "_write_synced", real)
    allornone.write_all([(kept, b"new text"), (fresh, b"fresh")])
    assert kept.read_text() == "new text" and fresh.read_text() == "fresh"
    assert kept.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    with pytest.raises(allornone.WriteFailed) as exists:
        allornone.write_all([(fresh, b"other")], new=True)
    assert exists.value.filename == str(fresh) and fresh.read_text() == "fresh"


@pytest.mark.parametrize("step", ["writing", "renaming"])
def test_new_creates_every_version_or_none_and_can_be_run_again(scratch_site, monkeypatch, step):
    site = scratch_site({})
    failing = "_write_synced" if step == "writing" else "_place"
    real = getattr(allornone, failing)

    def fails_for_english(temporary, *args):
        if "/en/" in str(temporary):
            raise OSError(28, "No space left on device")
        return real(temporary, *args)

    monkeypatch.setattr(allornone, failing, fails_for_english)
    before = _snapshot(site.root)
    run = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 1, run.stderr
    assert (
        "content/en/2025/besuch-aus-kanagawa.md:0: error: could not write: No space left on device; nothing created"
    ) in run.stderr.splitlines()
    assert "Traceback" not in run.stderr and "created" not in run.stdout
    assert _snapshot(site.root) == before
    assert sorted(path.name for path in (site.root / "content").iterdir()) == ["partners", "topics.yaml"]
    monkeypatch.setattr(allornone, failing, real)
    again = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert again.code == 0, again.stderr
    assert len(list((site.root / "content").rglob("besuch-aus-kanagawa.md"))) == 3


def test_an_export_that_cannot_write_one_file_writes_none(office, monkeypatch):  # noqa: F811
    site = office
    out = site.root.parent / "exchange"
    real = allornone._write_synced
    written = []

    def fails_second(temporary, data, replacing):
        written.append(temporary)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        real(temporary, data, replacing)

    monkeypatch.setattr(allornone, "_write_synced", fails_second)
    run = site.run("export", "--source", str(site.root), "--output", str(out), "--to", "en")
    assert run.code == 1, run.stderr
    [failed] = [line for line in run.stderr.splitlines() if "could not write" in line]
    assert failed.startswith(f"{out}/") and failed.endswith(
        ":0: error: could not write: No space left on device; nothing exported"
    )
    assert "Traceback" not in run.stderr and "exported" not in run.stdout
    assert not out.exists()  # neither the file written first nor the folder made for it
    monkeypatch.setattr(allornone, "_write_synced", real)
    again = site.run("export", "--source", str(site.root), "--output", str(out), "--to", "en")
    assert again.code == 0, again.stderr
    assert len(list(out.iterdir())) == 2


def test_a_build_on_a_full_disk_names_the_file_it_could_not_write_and_keeps_the_site(scratch_site):
    site = scratch_site({"content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", LONG_BODY)})
    assert site.build("--no-search").code == 0
    before = _snapshot(site.output)
    edited = site.root / "content/de/2024/x.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    run = _limited("--source", str(site.root), "--output", str(site.output), "--no-search")
    assert run.returncode == 1, run.stderr
    # Not "build.py:0: error: File too large": the compiled templates' cache, which could not
    # be kept, is no reason to stop; the file of the site that could not be written is named.
    [said] = run.stderr.splitlines()
    assert said.startswith(f"{site.output.resolve()}/") and said.endswith(":0: error: File too large"), said
    assert _snapshot(site.output) == before


def test_pages_rewritten_in_place_take_their_places_all_or_none(tmp_path, monkeypatch):
    """A quick rebuild writes its pages into the site as it stands: one that cannot be written
    (the disk full) must not leave the others new, nor a half-written file in the site."""
    site = tmp_path / "site"
    (site / "de").mkdir(parents=True)
    (site / MARKER).write_text(f"{MARKER_TEXT}\ninputs: 1\n")
    (site / "de/a.html").write_text("alt a")
    (site / "de/b.html").write_text("alt b")
    before = _snapshot(site)
    real = Path.write_bytes

    def full_disk(path: Path, data: bytes) -> int:
        if path.name == ".b.html.new":
            path.open("wb").close()  # begun, as a write cut short leaves it
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    pages = [
        OutputFile("de/a.html", b"neu a"),
        OutputFile("de/new/c.html", b"neu c"),
        OutputFile("de/b.html", b"neu b"),
    ]
    with pytest.raises(OSError) as failed:
        replace_pages(site, pages)
    assert failed.value.filename == str(site.resolve() / "de/b.html")
    assert _snapshot(site) == before
    assert sorted(path.name for path in site.rglob("*")) == sorted([MARKER, "de", "a.html", "b.html"])


def test_pages_written_in_place_are_taken_back_when_the_marker_cannot_be_rewritten(tmp_path, monkeypatch):
    """The pages of a quick rebuild fitted on the disk, the marker rewritten after them did not
    (or the site's own folder was read-only): the build failed, and its new pages stayed in the
    site beside the old ones as ``.index.html.new``, published with it. Now the site stays as it was."""
    site = tmp_path / "site"
    (site / "de").mkdir(parents=True)
    (site / MARKER).write_text(f"{MARKER_TEXT}\ninputs: 1\n")
    (site / "de/a.html").write_text("alt a")
    before = _snapshot(site)

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(inplace, "write_whole", full_disk)
    with pytest.raises(OSError):
        replace_pages(site, [OutputFile("de/a.html", b"neu a"), OutputFile("de/new/c.html", b"neu c")])
    assert _snapshot(site) == before
    assert sorted(path.name for path in site.rglob("*")) == sorted([MARKER, "de", "a.html"])


def test_a_build_into_a_read_only_folder_names_that_folder_and_keeps_the_site(scratch_site, tmp_path):
    """A build writes the new site beside the output first: in a read-only folder (a deploy
    target mounted so, a folder of another user) it failed naming the staging folder it could
    not make, a name the user never gave (``/srv/.site.x1y2z3w4:0: error: Permission denied``)."""
    site = scratch_site({"content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n")})
    closed = tmp_path / "closed"
    output = closed / "site"
    closed.mkdir()
    assert site.run("--source", str(site.root), "--output", str(output), "--no-search").code == 0
    (site.root / "site.yaml").write_text("per_page: 5\n", encoding="utf-8")  # every page built anew
    before = _snapshot(closed)
    closed.chmod(0o555)
    try:
        run = run_denied(site, ["--source", str(site.root), "--output", str(output), "--no-search"])
    finally:
        closed.chmod(0o755)
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr == (f"{closed}:0: error: Permission denied; the new site is written here first, beside site/\n")
    assert _snapshot(closed) == before
