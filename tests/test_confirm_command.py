"""``build.py confirm``: its exit code, its failures one by one, and the files it leaves as saved."""

from __future__ import annotations

from pressroom.base import allornone

from .test_content_status import status
from .test_exchange import _translated_export, office  # noqa: F401  (a fixture used below)
from .test_translations import release


def _confirm(site, *paths: str):
    return site.run("confirm", "--source", str(site.root), *(str(site.root / path) for path in paths))


def test_a_mistake_elsewhere_in_the_site_does_not_fail_a_confirmation(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B"),
            "content/de/2024/broken.md": "---\ntitle: [unclosed\n---\n\nText.\n",
        }
    )
    run = _confirm(site, "content/de/2024/x.md")
    assert run.code == 0, run.stderr
    assert "confirmed content/de/2024/x.md: matches en" in run.stdout
    assert "note: 1 other file(s) of the site have errors, which 'build.py check' lists" in run.stderr
    assert "broken.md" not in run.stderr
    # The file named is the one with the mistake: its own error, exit 1.
    run = _confirm(site, "content/de/2024/broken.md")
    assert run.code == 1
    assert "content/de/2024/broken.md:2: error:" in run.stderr
    assert "content/de/2024/broken.md:0: error: not a release or page version that could be read" in run.stderr


def test_a_file_that_cannot_be_written_is_named_and_the_others_are_confirmed(scratch_site, monkeypatch):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("B"),
            "content/ja/2024/x.md": release("C"),
        }
    )
    real = allornone._write_synced

    def full_for_german(temporary, *args):
        if "/de/" in str(temporary):
            raise OSError(28, "No space left on device")
        return real(temporary, *args)

    monkeypatch.setattr(allornone, "_write_synced", full_for_german)
    run = _confirm(site, "content/de/2024/x.md", "content/en/2024/x.md", "content/ja/2024/x.md")
    assert run.code == 1
    assert "content/de/2024/x.md:0: error: could not write: No space left on device" in run.stderr.splitlines()
    assert "confirmed content/en/2024/x.md: matches de, ja" in run.stdout
    assert "confirmed content/ja/2024/x.md: matches de, en" in run.stdout
    assert "confirmed:" not in (site.root / "content/de/2024/x.md").read_text(encoding="utf-8")
    assert status(site)["2024/x"] == {"de": "ok", "ja": "ok", "en": "ok"}


def test_confirm_keeps_a_file_s_windows_line_ends(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n", "Erster Absatz.\n\nZweiter Absatz."),
            "content/en/2024/x.md": release("B"),
        }
    )
    windows = site.root / "content/de/2024/x.md"
    windows.write_bytes(windows.read_bytes().replace(b"\n", b"\r\n"))
    old_mac = site.root / "content/en/2024/x.md"
    old_mac.write_bytes(old_mac.read_bytes().replace(b"\n", b"\r"))
    before = windows.read_bytes().split(b"\r\n")
    run = _confirm(site, "content/de/2024/x.md", "content/en/2024/x.md")
    assert run.code == 0, run.stderr
    after = windows.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")  # every line still ends in CR LF
    lines = after.split(b"\r\n")
    assert [line for line in lines if not line.startswith(b"confirmed:")] == before
    assert b"\n" not in old_mac.read_bytes() and old_mac.read_bytes().count(b"\r") > 4
    assert status(site)["2024/x"] == {"de": "ok", "ja": "missing", "en": "ok"}


def test_an_import_keeps_the_windows_line_ends_of_the_versions_it_records_in(office):  # noqa: F811
    site = office
    german = site.root / "content/de/2024/x.md"
    german.write_bytes(german.read_bytes().replace(b"\n", b"\r\n"))
    assert _confirm(site, "content/de/2024/x.md").code == 0
    before = german.read_bytes()
    file = _translated_export(site)
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    text = german.read_bytes()
    assert text != before and b", ja: " in text.split(b"\r\nconfirmed: ")[1] and b"\n" not in text.replace(b"\r\n", b"")


def test_a_path_that_names_no_file_is_a_usage_error_for_every_command(scratch_site, tmp_path):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("A", "date: 2024-07-17\n"),
            "content/de/2024/broken.md": "---\ntitle: [unclosed\n---\n\nText.\n",
        }
    )
    missing = str(site.root / "content/de/2024/nope.md")
    for command in (["confirm"], ["diff"], ["export", "--to", "ja", "--output", str(tmp_path / "x")]):
        run = site.run(*command, "--source", str(site.root), missing)
        assert run.code == 2, (command, run.stderr)
        assert "content/de/2024/nope.md:0: error: no such file; give the path of a version" in run.stderr
        # A file that is there but cannot be read as a version is the content's problem: exit 1.
        broken = site.run(*command, "--source", str(site.root), str(site.root / "content/de/2024/broken.md"))
        assert broken.code == 1, (command, broken.stderr)
    run = site.run("import", "--source", str(site.root), str(tmp_path / "nope.xlf"))
    assert run.code == 2
    assert f"{tmp_path / 'nope.xlf'}:0: error: cannot read: No such file or directory" in run.stderr
    assert site.run("--source", str(tmp_path / "no-site")).code == 2  # as a site root that is not there


def test_a_mistake_elsewhere_in_the_site_does_not_fail_an_import(office):  # noqa: F811
    site = office
    file = _translated_export(site)
    broken = site.root / "content/de/2024/broken.md"
    broken.write_text("---\ntittle: A\n---\nText\n", encoding="utf-8")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert "imported" in run.stdout and (site.root / "content/ja/2024/x.md").exists()
    assert "note: 1 other file(s) of the site have errors, which 'build.py check' lists" in run.stderr
    assert "broken.md" not in run.stderr


def test_an_import_fails_for_a_broken_version_of_its_own_release(office):  # noqa: F811
    site = office
    file = _translated_export(site)
    # The English version of the same release cannot be read: its record could not be kept.
    (site.root / "content/en/2024").mkdir(parents=True)
    (site.root / "content/en/2024/x.md").write_text("---\ntitle: [A\n---\nText\n", encoding="utf-8")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 1
    assert "content/en/2024/x.md:2: error:" in run.stderr
    assert "nothing imported" in run.stderr and not (site.root / "content/ja/2024/x.md").exists()
