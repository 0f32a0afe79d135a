"""The same input gives the same bytes, whatever the hash seed or the order files are listed in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pressroom.source.config import CACHE_DIR

from .conftest import KANAGAWA, PROJECT, TOPICS, ScratchSite
from .test_translations import release


def build_with_seed(output: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1732406400")
    subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--output", str(output)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path):
    first = build_with_seed(tmp_path / "a", "1")
    second = build_with_seed(tmp_path / "b", "4242")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_build_date_is_the_same_in_every_time_zone():
    """Builds of one commit at one moment on machines in Tokyo and in California gave different
    sites near midnight: "how many years" and the build's record counted to each machine's day."""
    code = "from pressroom.base.clock import build_date; print(build_date().isoformat())"
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    days = set()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):  # UTC+14, UTC−11
        run = subprocess.run(
            [sys.executable, "-c", code], env={**env, "TZ": zone}, cwd=PROJECT, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        days.add(run.stdout.strip())
    assert days == {datetime.now(UTC).date().isoformat()}


@pytest.mark.parametrize("epoch", ["1.7e9", "abc", "-5", "99999999999999999999", "²"])
def test_a_source_date_epoch_that_is_no_moment_is_refused_before_anything_is_written(scratch_site, epoch):
    """Taken for the clock, a malformed ``SOURCE_DATE_EPOCH`` gave a site no rebuild of the
    commit reproduced; one too large for the system, or a digit beyond ASCII, ended the build
    in a traceback. It is a usage error, for a build as for any other command."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    for command in ([], ["check"]):
        run = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), *command, "--source", str(site.root)]
            + ([] if command else ["--output", str(site.output), "--no-search"]),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (run.returncode, run.stdout) == (2, "")
        assert run.stderr == (
            f"build.py: error: SOURCE_DATE_EPOCH={epoch!r} is not a moment: give the seconds since "
            "1970-01-01 UTC as 'date +%s' or 'git log -1 --format=%ct' prints them (a day from 1800 "
            "to 2199), or leave it unset for the clock\n"
        )
    assert not site.output.exists()


SITE = {
    "content/de/2024/a.md": release("Erste", "date: 2024-01-01\ntopics: [energy]\n"),
    "content/en/2024/a.md": release("First", "partners: [kanagawa]\n"),
    "content/ja/2024/b.md": release("二番目", "date: 2024-02-01\n"),
    "templates/robots.txt": "User-agent: *\n",
}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_site_built_from_two_folders_gives_the_same_bytes_marker_included(tmp_path, monkeypatch):
    """A clone in another folder gave the same pages but another ``.pressroom-site``: its inputs
    hash named every file by its absolute path."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732406400")
    first, second = (
        ScratchSite(tmp_path / "a" / "site", tmp_path / "a" / "out"),
        ScratchSite(tmp_path / "elsewhere" / "b" / "site", tmp_path / "b" / "out"),
    )
    for site in (first, second):
        site.write({"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA, **SITE})
        run = site.build()
        assert run.code == 0, run.stderr
    built, again = _tree(first.output), _tree(second.output)
    assert ".pressroom-site" in built
    assert built.keys() == again.keys()
    assert [name for name in built if built[name] != again[name]] == []


def test_a_folder_built_from_one_clone_is_rebuilt_from_another_only_where_their_inputs_differ(tmp_path, monkeypatch):
    """The folder's record says which inputs made it, wherever they lay: the same inputs in
    another folder leave it as it is (its pages are what that folder would build); an edit
    there rebuilds it, as a build from scratch would."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732406400")
    output = tmp_path / "out"
    first, second = ScratchSite(tmp_path / "a", output), ScratchSite(tmp_path / "b", output)
    for site in (first, second):
        site.write({"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA, **SITE})
    assert first.build().code == 0
    built = _tree(output)
    run = second.build()
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("nothing changed since the last build")
    assert _tree(output) == built
    second.write({"content/en/2024/a.md": release("First, edited", "partners: [kanagawa]\n")})
    run = second.build()
    assert run.code == 0, run.stderr
    assert not run.stdout.startswith("nothing changed")
    fresh = ScratchSite(tmp_path / "b", tmp_path / "fresh")
    assert fresh.build().code == 0
    assert _tree(output) == _tree(fresh.output) != built
    assert any(b"First, edited" in data for data in _tree(output).values())


NAMED = {
    "content/de/2024/Übersee.md": release("Übersee", "date: 2024-07-17\n", "Siehe [Schule](がっこう.md)."),
    "content/ja/2024/Übersee.md": release("海外", "", "本文。"),
    "content/ja/2024/がっこう.md": release("学校", "date: 2024-03-01\n", "本文。"),
}

NOT_UTF8 = {**{k: v for k, v in os.environ.items() if not k.startswith("LC_")}, "LC_ALL": "C", "LANG": "C"}
"""A machine whose locale is not UTF-8: Python reads its file names in ASCII there, as it reads
them in Latin-1 or EUC-JP on one set to ``de_DE`` or ``ja_JP.eucJP``."""


def _build_py(site: ScratchSite, output: Path, env: dict[str, str], *python: str) -> subprocess.CompletedProcess[str]:
    """``build.py`` on ``site`` in ``env``, the interpreter given the options ``python``."""
    return subprocess.run(
        [sys.executable, *python, str(PROJECT / "build.py"), "--source", str(site.root), "--output", str(output)],
        env={**env, "SOURCE_DATE_EPOCH": "1732406400"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_machine_whose_locale_is_not_utf8_builds_the_same_site(scratch_site, tmp_path):
    """In a locale that is not UTF-8 (``PYTHONUTF8=0`` in the C locale here), the files of a
    checkout named ``Übersee.md`` and ``がっこう.md`` were each refused, "the name is not UTF-8;
    rename it", though they were the same files that built on the next machine."""
    site = scratch_site(NAMED)
    assert _build_py(site, tmp_path / "utf8", dict(os.environ)).returncode == 0
    shutil.rmtree(site.root / CACHE_DIR)
    run = _build_py(site, tmp_path / "ascii", {**NOT_UTF8, "PYTHONUTF8": "0"})
    assert run.returncode == 0, run.stderr
    assert "ja/releases/2024/がっこう/index.html" in _tree(tmp_path / "ascii")
    assert _tree(tmp_path / "ascii") == _tree(tmp_path / "utf8")


def test_the_search_index_is_made_where_python_is_told_not_to_use_utf8(scratch_site, tmp_path):
    """Pagefind's report, which is UTF-8, was read in the locale's encoding: with ``-X utf8=0``
    in the C locale (or in an EUC-JP locale) the build ended in a traceback after every page
    was made."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    run = _build_py(site, tmp_path / "out", NOT_UTF8, "-X", "utf8=0")
    assert (run.returncode, run.stderr) == (0, "")
    assert (tmp_path / "out" / "pagefind" / "pagefind-entry.json").is_file()
