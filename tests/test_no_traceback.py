"""What used to end in a Python traceback (issue 15): now one line each, with an exit code.

Content problems are ``path:line: error: message`` with exit 1, usage errors exit 2, an
interruption exits with 128 + the signal's number and leaves no staging folder behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pressroom.base import guard
from pressroom.base.files import remove_tree

from .conftest import PROJECT, Run, ScratchSite
from .test_check_fixtures import check
from .test_translations import release

A = "content/en/2024/a.md"


def test_a_symlink_loop_inside_content(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (site.root / "content/en/2024/loop.md").symlink_to("loop.md")
    (site.root / "content/en/2024/b.md").symlink_to("c.md")
    (site.root / "content/en/2024/c.md").symlink_to("b.md")
    run = check(site)
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "content/en/2024/b.md:0: error: cannot follow this link: Too many levels of symbolic links",
        "content/en/2024/c.md:0: error: cannot follow this link: Too many levels of symbolic links",
        "content/en/2024/loop.md:0: error: cannot follow this link: Too many levels of symbolic links",
    ]
    assert site.build().code == 1


def test_a_link_that_leads_back_to_itself_given_to_import_or_confirm(scratch_site, tmp_path):
    """Python before 3.13 raises RuntimeError for it where a path is resolved: a traceback."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (tmp_path / "loop").symlink_to("loop")
    for command, given in (("import", tmp_path / "loop"), ("confirm", tmp_path / "loop/a.md")):
        run = site.run(command, "--source", str(site.root), str(given))
        assert run.code == 1 and "Traceback" not in run.stderr
        if sys.version_info < (3, 13):  # (3.13 raises an OSError, told as every other is)
            assert run.stderr == f"{given}:0: error: a link that leads back to itself\n"


def test_settings_and_catalogs_that_are_links_to_nowhere_are_said_to_be(scratch_site, tmp_path):
    """Said to be 'not a folder', and site.yaml 'cannot read the file: No such file or
    directory', though the editor saw both there."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (site.root / "site.yaml").symlink_to(tmp_path / "gone/site.yaml")
    (site.root / "locales").symlink_to(tmp_path / "gone/locales")
    run = check(site)
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "locales:0: error: a link to nowhere, not a folder: the site's catalogs are kept in"
        " locales/<lang>/LC_MESSAGES/",
        "site.yaml:0: error: cannot follow this link: No such file or directory",
    ]


def test_a_link_to_a_file_outside_the_site_root(scratch_site, tmp_path):
    (tmp_path / "passwd.md").write_text(release("Secret", "date: 2024-01-01\n"), encoding="utf-8")
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (site.root / "content/en/2024/b.md").symlink_to(tmp_path / "passwd.md")
    run = check(site)
    assert "content/en/2024/b.md:0: error: this link leads outside the site root" in run.stderr


def test_files_a_thousand_folders_deep(scratch_site):
    # Each walk of a folder tree entered one level per call; 1,200 levels ended in a
    # RecursionError: in the content scan, the input hash, the media, the static files, and
    # pickling the kept model (a path's folders pickle one inside another).
    site = scratch_site({"content/en/2024/b.md": release("B", "date: 2024-01-01\n")})
    try:
        _build_deep_site(site)
    finally:  # pytest's own clean-up of its temporary folders recurses as well
        remove_tree(site.root)
        remove_tree(site.output)


def _build_deep_site(site: ScratchSite) -> None:
    deep = "/".join(["d"] * 1_200)
    for top in ("content/en/2024", "content/media", "templates/static"):
        folder = site.root / top
        for _ in range(1_200):  # pathlib's own mkdir(parents=True) recurses too
            folder = folder / "d"
            folder.mkdir(parents=folder.parent == site.root / top)
    (site.root / "content/en/2024" / deep / "a.md").write_text(release("A", "date: 2024-01-01\nslug: deep\n"))
    (site.root / "content/media" / deep / "unused.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.root / "templates/static" / deep / "x.css").write_text("p {}\n")
    first = site.build_py()
    assert first.returncode == 0, first.stderr[-2000:]
    assert f"content/media/{deep}/unused.png:0: warning: not used by any release or page" in first.stderr
    assert "Traceback" not in first.stderr
    assert (site.output / "en/releases/2024/deep/index.html").is_file()
    assert (site.output / "static" / deep / "x.css").read_text() == "p {}\n"
    again = site.build_py()  # built again (a build with warnings shows them again), swapped in
    assert again.returncode == 0, again.stderr[-2000:]
    assert (site.output / "static" / deep / "x.css").is_file()
    assert [path.name for path in site.output.parent.iterdir() if path.name.startswith(".")] == []


def test_a_translation_with_a_placeholder_the_original_lacks(scratch_site):
    po = (PROJECT / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    broken = po.replace('msgstr[0] "%(count)s Pressemitteilung"', 'msgstr[0] "%(anzahl)s Pressemitteilung"', 1)
    assert broken != po
    site = scratch_site(
        {
            A: release("A", "date: 2024-01-01\npartners: [kanagawa]\n"),
            "locales/de/LC_MESSAGES/messages.po": broken,
        }
    )
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.stderr
    line = broken.splitlines().index('msgstr[0] "%(anzahl)s Pressemitteilung"') + 1  # where it is mended
    assert (
        f"locales/de/LC_MESSAGES/messages.po:{line}: error: translation of '%(count)s press release': "
        "placeholder %(anzahl)s is not in the original"
    ) in run.stderr


def test_new_with_a_very_long_title(scratch_site):
    site = scratch_site({})
    title = "Kanagawa und Baden-Württemberg " * 40 + "神奈川県" * 100
    run = site.run("new", title, "--source", str(site.root), "--date", "2025-01-01")
    assert run.code == 0, run.stderr
    created = sorted((site.root / "content").rglob("*.md"))
    assert len(created) == 3
    assert all(len(path.name.encode()) < 100 for path in created)
    assert created[0].name == "kanagawa-und-baden-wuerttemberg-kanagawa-und-baden.md"


def test_i18n_status_on_a_catalog_that_is_not_utf8(scratch_site):
    po = (PROJECT / "locales/ja/LC_MESSAGES/messages.po").read_bytes()
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    target = site.root / "locales/ja/LC_MESSAGES/messages.po"
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    target.write_bytes(po.replace("プレス".encode(), b"\xff\xfe", 1))
    line = po[: po.index("プレス".encode())].count(b"\n") + 1
    message = (
        f"locales/ja/LC_MESSAGES/messages.po:{line}: error: cannot read catalog: not UTF-8 text (save it as UTF-8)"
    )
    for args in (["i18n", "status", "--strict"], ["i18n", "status"], ["i18n", "update"], ["check"]):
        run = site.run(*args, "--source", str(site.root))
        assert run.code == 1, args
        assert message in run.stderr.splitlines(), (args, run.stderr)  # the build says what i18n says
        assert "Traceback" not in run.stderr


def test_a_catalog_whose_header_still_says_charset_placeholder(scratch_site):
    """``charset=CHARSET``, the placeholder xgettext writes in a new catalog's header: its text is
    UTF-8, so it is read as such (Babel looked up an encoding named "charset": a traceback in
    every command that read the catalog)."""
    po = (PROJECT / "locales/ja/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert "charset=utf-8" in po
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    (site.root / "locales/ja/LC_MESSAGES/messages.po").write_text(po.replace("charset=utf-8", "charset=CHARSET"))
    for args in (["i18n", "status", "--strict"], ["check"]):
        run = site.run(*args, "--source", str(site.root))
        assert "Traceback" not in run.stderr
        assert run.code == 0, (args, run.stderr)
    assert site.build().code == 0
    assert "プレスリリース" in site.page("/ja/").text


@pytest.mark.parametrize("now", ["9999-12-31T23:59+14:00", "0001-01-01T00:00-12:00"])
def test_a_moment_no_calendar_of_the_site_reaches_is_a_usage_error(scratch_site, now):
    """``--now 9999-12-31T23:59+14:00``: the check for releases dated ahead of it added a day
    past the last one Python has, and the build ended in a traceback (OverflowError)."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    said = f"error: argument --now: '{now}' cannot be right: give a moment from 1800 to 2199"
    built = site.build_py("--now", now)
    assert built.returncode == 2
    assert "Traceback" not in built.stderr
    assert f"build.py build: {said}" in built.stderr, built.stderr
    checked = site.run("check", "--source", str(site.root), "--now", now)
    assert checked.code == 2
    assert f"build.py check: {said}" in checked.stderr, checked.stderr


def test_i18n_and_the_build_on_a_catalog_folder_that_is_a_file(scratch_site):
    """update ended in a bare "File exists", status called the catalog missing."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    shutil.rmtree(site.root / "locales/de/LC_MESSAGES")
    (site.root / "locales/de/LC_MESSAGES").write_text("notes\n")
    message = "locales/de/LC_MESSAGES:0: error: a file, not a folder: the catalog for 'de' belongs in it; move it away"
    for args in (["i18n", "status"], ["i18n", "update"], ["check"]):
        run = site.run(*args, "--source", str(site.root))
        assert run.code == 1, args
        assert message in run.stderr.splitlines(), (args, run.stderr)
        assert "Traceback" not in run.stderr and "no catalog" not in run.stderr
    assert (site.root / "locales/de/LC_MESSAGES").read_text() == "notes\n"


def test_a_locales_file_is_reported_not_passed_over(scratch_site):
    """The bundled catalogs were used in its place without a word."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n"), "locales": "de: Hallo\n"})
    message = "locales:0: error: not a folder: the site's catalogs are kept in locales/<lang>/LC_MESSAGES/"
    for args in (["i18n", "status"], ["i18n", "update"], ["i18n", "extract"], ["check"]):
        run = site.run(*args, "--source", str(site.root))
        assert run.code == 1, args
        assert message in run.stderr.splitlines(), (args, run.stderr)
        assert "Traceback" not in run.stderr
    assert (site.root / "locales").read_text() == "de: Hallo\n"


def test_a_templates_or_locales_file_stops_even_a_build_with_nothing_else_changed(scratch_site):
    """A file in place of either folder left the inputs' hash as it was (the bundled folder is
    read instead), so the next build said "nothing changed" and kept the old site."""
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    assert site.build_py().returncode == 0
    before = {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()}
    for name, message in (
        ("templates", "templates:0: error: not a folder: the site's own templates are kept in templates/"),
        ("locales", "locales:0: error: not a folder: the site's catalogs are kept in locales/<lang>/LC_MESSAGES/"),
    ):
        (site.root / name).write_text("notes\n")
        for run in (site.build_py(), site.build_py("--jobs", "1")):
            assert run.returncode == 1, (name, run.stdout)
            assert message in run.stderr.splitlines(), run.stderr
            assert "nothing changed" not in run.stdout and "Traceback" not in run.stderr
        checked = site.run("check", "--source", str(site.root))
        assert checked.code == 1 and message in checked.stderr.splitlines()
        (site.root / name).unlink()
    assert {path: path.read_bytes() for path in site.output.rglob("*") if path.is_file()} == before
    again = site.build_py()
    assert again.returncode == 0 and "error" not in again.stderr


def test_the_hint_for_a_missing_catalog_names_the_site_it_was_given(scratch_site, monkeypatch):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    (site.root / "locales/ja/LC_MESSAGES/messages.po").unlink()
    monkeypatch.chdir(site.root.parent)
    run = site.run("i18n", "status", "--source", str(site.root))
    python = os.path.relpath(PROJECT / ".venv/bin/python")
    build = os.path.relpath(PROJECT / "build.py")
    assert f"ja: no catalog; run '{python} {build} i18n update --source src'" in run.stderr.splitlines()
    monkeypatch.chdir(PROJECT)
    run = site.run("i18n", "status")
    assert "no catalog" not in run.stderr  # the project's own catalogs: the short form, and complete


def bigger_site(root: Path, copies: int) -> None:
    """The bundled content with every release repeated, so that a build takes a few seconds."""
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    for lang in ("de", "ja", "en"):
        for path in sorted((root / "content" / lang).glob("20*/*.md")):
            text = path.read_text(encoding="utf-8")
            if "\nkey: " in text:
                continue
            for n in range(copies):
                copy = path.with_name(f"{path.stem}-{n}.md")
                copy.write_text(text.replace("\nslug: ", f"\nslug: c{n}-"), encoding="utf-8")


@pytest.mark.parametrize(("sent", "code", "name"), [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")])
def test_an_interrupted_build_leaves_nothing_behind(tmp_path, sent, code, name):
    root = tmp_path / "root"
    bigger_site(root, copies=12)
    output = tmp_path / "out" / "site"
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--source", str(root), "--output", str(output), "--no-search"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a terminal's Ctrl-C reaches the whole group; so does this signal
    )
    deadline = time.monotonic() + 60
    while not any(output.parent.glob(".site.*")):  # the staging folder: rendering has begun
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines() == [f"build.py: interrupted ({name})"]
    assert list(output.parent.iterdir()) == []


@pytest.mark.parametrize(("sent", "code", "name"), [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")])
def test_an_interruption_while_the_program_loads(tmp_path, sent, code, name):
    """Ctrl-C in the first second, while Python still loads the program's modules."""
    process = subprocess.Popen(
        # -X importtime: Python names each module as it is loaded, so the signal can be sent
        # while the program's own modules are loading (the window before run_guarded is in place).
        [sys.executable, "-X", "importtime", str(PROJECT / "build.py"), "check", "--source", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    loading = []
    for line in process.stderr:
        loading.append(line)
        if line.rstrip().endswith("pressroom.base.errors"):
            break
    assert process.poll() is None, loading
    os.killpg(process.pid, sent)
    _, rest = process.communicate(timeout=60)
    said = [line for line in rest.splitlines() if not line.startswith("import time:")]
    assert (process.returncode, said) == (code, [f"build.py: interrupted ({name})"]), rest[-2000:]


def test_a_file_name_that_is_not_utf8(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    folder = os.fsencode(site.root / "content/en/2024")
    with open(os.path.join(folder, b"b\xff.md"), "wb") as stream:
        stream.write(release("B", "date: 2024-01-01\n").encode())
    run = site.build()
    assert run.code == 1
    assert run.stderr.splitlines()[0] == "content/en/2024/b\\udcff.md:0: error: the name is not UTF-8; rename it"


# What Python makes of a Latin-1 "ü" typed in a terminal not set to UTF-8: a lone surrogate.
UNDECODED = "M\udcfcnchen"


def test_arguments_a_terminal_passed_in_another_encoding_are_usage_errors(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})

    new = site.run("new", "--source", str(site.root), UNDECODED)
    build = site.build("--base-url", f"https://example.org/{UNDECODED}/")
    serve = site.run("serve", "--source", str(site.root), "--bind", UNDECODED, "--port", "0")
    long_name = site.run("serve", "--source", str(site.root), "--bind", "a" * 300, "--port", "0")

    for run in (new, build, serve, long_name):
        assert run.code == 2
        assert "Traceback" not in run.stderr

    def shown(run: Run) -> str:  # as the terminal shows it: Python's stderr writes \udcfc so
        return run.stderr.encode("utf-8", "backslashreplace").decode("utf-8")

    assert shown(new) == (
        "build.py new: error: the title 'M\\udcfcnchen' is not UTF-8 text: set the terminal to UTF-8"
        " and type it again\n"
    )
    assert (
        "build.py build: error: argument --base-url: base_url 'https://example.org/M\\udcfcnchen/' is not UTF-8"
        " text: set the terminal to UTF-8 and type it again"
    ) in shown(build)
    assert (
        "build.py serve: error: argument --bind: 'M\\udcfcnchen' is not UTF-8 text: set the terminal to UTF-8;"
        " give an address such as 127.0.0.1"
    ) in shown(serve)
    assert f"'{'a' * 300}' is no host name; give an address such as 127.0.0.1" in long_name.stderr
    assert sorted(path.name for path in (site.root / "content/en/2024").iterdir()) == ["a.md"]
    assert not site.output.exists()


def test_a_template_that_is_not_utf8(scratch_site):
    site = scratch_site({A: release("A", "date: 2024-01-01\n")})
    (site.root / "templates").mkdir()
    data = (PROJECT / "templates/base.html").read_bytes()
    (site.root / "templates/base.html").write_bytes(data.replace(b"<body", b"\xff<body", 1))
    run = site.build()
    assert run.code == 1
    assert run.stderr.splitlines()[0] == "templates/base.html:0: error: template is not UTF-8 text (save it as UTF-8)"


def test_a_reader_that_stops_reading_ends_the_command_quietly():
    """``status | head``: the pipe closes before the command has written; no traceback."""
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader is gone before the first line is written
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and stderr == "", stderr
    assert process.returncode == 128 + signal.SIGPIPE


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
@pytest.mark.parametrize("other_thread", [False, True], ids=["alone", "beside-a-thread"])
def test_a_signal_while_the_new_site_is_put_in_place_says_it_is_whole(monkeypatch, capsys, other_thread, signal_number):
    """SIGTERM that comes while a build puts its new site in place waits for it, then ends the
    run: saying only "interrupted" promised an output left as it was, which it no longer is.
    Beside another thread (a preview server's), that thread takes the signal, and its handler
    ran in the main thread at once, blocked there or not: the swap was cut in two (CI saw it
    now and then, a thread of another test being left)."""
    monkeypatch.setattr(guard, "_put_in_place", [])
    placed = []
    waiting = threading.Event()
    helper = threading.Thread(target=waiting.wait) if other_thread else None
    if helper is not None:
        helper.start()

    def build() -> int:
        with guard.signals_held():
            os.kill(os.getpid(), signal_number)
            _until_it_waits(signal_number)
            placed.append("the new site")  # the signal waits for this
        placed.append("after")  # never: the signal ends the run here
        return 0

    try:
        code = guard.run_guarded(build)
    finally:
        waiting.set()
        if helper is not None:
            helper.join()
    assert code == 128 + signal_number
    assert placed == ["the new site"]
    said = capsys.readouterr().err
    name = signal.Signals(signal_number).name
    assert said == f"build.py: interrupted ({name}); the new site was put in place first, whole\n"


def test_a_signal_after_the_new_site_is_in_place_says_it_is_whole(monkeypatch, capsys):
    """What follows the placing (the cache kept, the summary) is part of the run: a signal there,
    or one another thread took whose handler runs here late, said "interrupted" alone, which
    promises the old output, though the new one was in place. A command that runs on (the
    preview server) settles after each rebuild, and a later stop is "interrupted" alone."""
    monkeypatch.setattr(guard, "_put_in_place", [])

    def build(settle: bool) -> int:
        with guard.signals_held():
            pass  # the new site put in place
        if settle:
            guard.settled()
        raise guard.Interrupted(signal.SIGTERM)  # a handler running late, or Ctrl-C while the cache is kept

    assert guard.run_guarded(lambda: build(settle=False)) == 143
    assert capsys.readouterr().err == "build.py: interrupted (SIGTERM); the new site was put in place first, whole\n"
    assert guard.run_guarded(lambda: build(settle=True)) == 143
    assert capsys.readouterr().err == "build.py: interrupted (SIGTERM)\n"


def test_a_signal_while_putting_the_site_in_place_fails_says_only_interrupted(monkeypatch, capsys):
    """The swap refused (a folder not ours took the output's place) or failed and was rolled
    back: nothing was put in place, so a signal that waited for it must not say it was."""
    monkeypatch.setattr(guard, "_put_in_place", [])

    def build() -> int:
        with guard.signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            _until_it_waits(signal.SIGTERM)
            raise OSError("the swap failed and was rolled back")
        return 0

    assert guard.run_guarded(build) == 143
    assert capsys.readouterr().err == "build.py: interrupted (SIGTERM)\n"


def test_a_signal_that_comes_while_an_error_is_told_ends_in_one_line(monkeypatch, capsys):
    """A signal another thread took may reach the main thread late, after the held block, while
    a file system error is being told (CI saw it): a line, exit 143, never a traceback."""

    def told_with_a_signal_arriving(text: str) -> str:
        raise guard.Interrupted(signal.SIGTERM)

    def build() -> int:
        raise OSError(28, "No space left on device", "site/index.html")

    monkeypatch.setattr(guard, "for_terminal", told_with_a_signal_arriving)
    monkeypatch.setattr(guard, "_put_in_place", [])
    assert guard.run_guarded(build) == 143
    assert capsys.readouterr().err == "build.py: interrupted (SIGTERM)\n"


def _until_it_waits(number: int) -> None:
    """Until a signal sent to the process waits in a held block: pending in this thread, or taken
    by another thread (a test's, or one a test before left) whose handler has run here. Such a
    thread may be slow to take it."""
    deadline, seen = time.monotonic() + 10, 0
    while not guard._waiting and seen < 3 and time.monotonic() < deadline:
        seen = seen + 1 if number in signal.sigpending() else 0  # pending, and staying so
        time.sleep(0.01)
