"""The compiled patterns kept between runs: patterns made from the kept code match as the ones
Python compiles itself, a second run compiles none, and a damaged, foreign or unwritable file
changes nothing but the speed."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressroom.base import patterncode
from pressroom.base.marshalled import marshalled, unmarshalled
from pressroom.base.patterncode import FILE, PatternCode, install, uninstall

from .conftest import PROJECT
from .test_classcode import built_afresh
from .test_headstart import argv

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", 0),
    (r"^#+\s*(.+?)\s*$", re.MULTILINE),
    (r"kanagawa|ONTARIO", re.IGNORECASE),
    ("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"[\u3040-\u30ff\u4e00-\u9fff]+", 0),
    (r"(?<=\s)(\w+)\s+\1\b", 0),
    (
        r"""
        (?P<scheme>https?|mailto)   # the allowed schemes
        :(?P<rest>\S+)
     """,
        re.VERBOSE,
    ),
    (r"(?i)stuttgart(?=\W)", 0),
    (r"\bBaden-W(ü|ue)rttemberg\b", re.ASCII),
    (rb"\x89PNG\r\n\x1a\n(....)", re.DOTALL),
    (r"(a)?(b)?(?(1)c|d)", 0),
]
TEXTS = [
    "2024-07-17 Kanagawa und ONTARIO\n# Titel \n## Zweiter ",
    "神奈川県とバーデン＝ヴュルテンベルク州 the the Stuttgart, Baden-Württemberg",
    "mailto:presse@stm.bwl.de https://www.baden-wuerttemberg.de/ bd ac \x07 \ufffe",
]


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "__pycache__" / "patterns.marshal"
    uninstall()


def behaviour(compiled: re.Pattern) -> tuple[object, ...]:
    """What a user of a pattern sees."""
    texts: list[str | bytes] = (
        [t.encode("utf-8", "surrogatepass") for t in TEXTS] + [b"\x89PNG\r\n\x1a\nIHDR"]
        if isinstance(compiled.pattern, bytes)
        else list(TEXTS)
    )
    found = []
    for text in texts:
        found.append([m.groupdict() or m.groups() or m.group() for m in compiled.finditer(text)])  # type: ignore[arg-type]
        found.append(compiled.sub("<>" if isinstance(text, str) else b"<>", text))  # type: ignore[arg-type]
    return compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex), found


def plain(pattern: str | bytes, flags: int) -> re.Pattern:
    return patterncode._compile(pattern, flags)


def test_patterns_made_from_kept_code_match_as_compiled_ones(kept) -> None:
    first = PatternCode(kept)
    for pattern, flags in PATTERNS:
        assert behaviour(first.compile(pattern, flags)) == behaviour(plain(pattern, flags))
    assert first.changed
    first.keep()
    assert kept.is_file()

    second = PatternCode(kept)
    for pattern, flags in PATTERNS:
        assert behaviour(second.compile(pattern, flags)) == behaviour(plain(pattern, flags))
    assert not second.changed, "every pattern was in the file"
    assert len(second.kept) == len(PATTERNS)


def test_re_compiles_through_the_file_once_installed(kept) -> None:
    first = install(kept)
    text = "(?P<slug>[a-z]+)-(?P<n>\\d+) installed"
    re.purge()  # re's own cache would answer without asking
    assert re.fullmatch(text, "kanagawa-2024 installed").groupdict() == {"slug": "kanagawa", "n": "2024"}
    assert (text, 0) in first.used
    first.keep()
    second = install(kept)
    re.purge()
    assert re.fullmatch(text, "ontario-1 installed").group("slug") == "ontario"
    assert not second.changed
    uninstall()
    assert re._compiler.compile is patterncode._compile


def test_a_run_that_compiled_nothing_new_leaves_the_file_as_it_is(kept) -> None:
    first = PatternCode(kept)
    first.compile(*PATTERNS[0])
    first.keep()
    os.utime(kept, ns=(10**18, 10**18))
    again = PatternCode(kept)
    again.compile(*PATTERNS[0])
    again.keep()
    assert kept.stat().st_mtime_ns == 10**18


def test_runs_of_different_kinds_keep_what_the_others_left(kept) -> None:
    full = PatternCode(kept)
    full.compile(*PATTERNS[0])
    full.keep()
    rebuild = PatternCode(kept)
    rebuild.compile(*PATTERNS[1])  # a pattern only this kind of run uses
    rebuild.keep()
    assert set(PatternCode(kept).kept) == {PATTERNS[0], PATTERNS[1]}

    # Patterns no run uses any more are dropped once the file holds several times a run's.
    old = PatternCode(kept)
    for n in range(4 * 256):
        old.compile(f"old-{n}")
    old.keep()
    assert len(PatternCode(kept).kept) == 2 + 4 * 256
    latest = PatternCode(kept)
    latest.compile("the one pattern of the latest run")
    latest.keep()
    assert set(PatternCode(kept).kept) == {("the one pattern of the latest run", 0)}


@pytest.mark.parametrize(
    "damage",
    ["empty", "garbage", "cut short", "other engine", "not a dict", "wrong shapes", "code refused"],
)
def test_a_damaged_or_foreign_file_is_compiled_past_and_written_again(kept, damage) -> None:
    first = PatternCode(kept)
    for pattern, flags in PATTERNS:
        first.compile(pattern, flags)
    first.keep()
    whole = kept.read_bytes()
    stamp = whole[: len(first.stamp)]
    table = unmarshalled(whole, stamp)
    assert isinstance(table, dict)
    damaged = {
        "empty": b"",
        "garbage": b"not marshal at all",
        "cut short": whole[: len(whole) // 2],
        "other engine": stamp[:-5] + b"\x00\x00\x00\x00" + stamp[-1:] + whole[len(stamp) :],
        "not a dict": marshalled(["a list"], stamp),
        "wrong shapes": marshalled({("x", "0"): (1, 2), 5: (0, [], 0, {}, ())}, stamp),
        # Right shapes, wrong code: the engine's checker refuses it, and the pattern is compiled.
        "code refused": marshalled({key: (v[0], [99999, 1, 2], *v[2:]) for key, v in table.items()}, stamp),
    }[damage]
    kept.write_bytes(damaged)

    table = PatternCode(kept)
    for pattern, flags in PATTERNS:
        assert behaviour(table.compile(pattern, flags)) == behaviour(plain(pattern, flags))
    table.keep()
    again = PatternCode(kept)
    assert again.kept.keys() == {(pattern, flags) for pattern, flags in PATTERNS}
    for pattern, flags in PATTERNS:
        assert behaviour(again.compile(pattern, flags)) == behaviour(plain(pattern, flags))


def test_a_folder_that_cannot_be_written_costs_only_the_speed(kept) -> None:
    kept.parent.write_text("in the way")  # a file where the folder would be: no write succeeds
    table = PatternCode(kept)
    assert table.compile(r"\d+").findall("1989 2024") == ["1989", "2024"]
    table.keep()
    assert kept.parent.read_text() == "in the way"


def test_parsed_and_debugging_patterns_pass_through(kept, capsys) -> None:
    table = PatternCode(kept)
    scanner = re.Scanner([(r"\d+", lambda s, t: int(t)), (r"\s+", None)])  # parses, then compiles the parse
    assert scanner.scan("17 7 2024") == ([17, 7, 2024], "")
    assert table.compile(r"a+", re.DEBUG).match("aa")
    assert "MAX_REPEAT" in capsys.readouterr().out
    assert not table.used


def test_an_unknown_python_compiles_as_usual(kept, monkeypatch) -> None:
    monkeypatch.setattr(patterncode, "KNOWN", False)
    install(kept)
    assert re._compiler.compile is patterncode._compile


def test_a_second_rebuild_after_an_edit_compiles_none_of_its_patterns(scratch_site) -> None:
    site = built_afresh(scratch_site, FILE)
    # build.py as it runs, asked as it ends which patterns it compiled that the file lacked.
    probe = (
        "import os, re, runpy, sys\n"
        "end = os._exit\n"
        "def told(code):\n"
        "    table = re._compiler.compile.__self__\n"
        "    held = {''.join(sorted(text)) for text, _ in table.kept if isinstance(text, str)}\n"
        "    new = [text for text, flags in table.used if (text, flags) not in table.kept]\n"
        "    print(repr([text for text in new if ''.join(sorted(text)) not in held]), len(new), len(table.used),\n"
        "          sep='\\t', flush=True)\n"
        "    end(code)\n"
        "os._exit = told\n"
        f"sys.argv = {[str(PROJECT / 'build.py'), *argv(site)]!r}\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    for n in (1, 2):  # the first rebuild may use patterns the full build did not; the second, none
        with (site.root / "content/de/r3.md").open("a", encoding="utf-8") as release:
            release.write(f"\nSatz {n}.\n")
        found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=PROJECT)
        assert found.returncode == 0, found.stderr
        assert "showing the edit rendered" in found.stdout
    unknown, new, used = found.stdout.splitlines()[-1].split("\t")
    # Babel builds two patterns from sets, in an order that changes with each process's hash
    # seed: a second rebuild compiles those again, and nothing else.
    assert ast.literal_eval(unknown) == []
    assert int(new) <= 2
    assert int(used) > 20, "the patterns of the engine and its libraries, dozens of them"


def test_a_pattern_written_another_way_to_the_same_code_is_not_kept_again(kept) -> None:
    """Babel's plural rules join a set of letters into a character class in the order of each
    run's string hashes: a new text every run, the same code. Kept, each run grew the file and
    wrote it again."""
    first = PatternCode(kept)
    first.compile(r"\b(and|or|not|[fvcnwiet])\b")
    first.keep()
    second = PatternCode(kept)
    reordered = second.compile(r"\b(and|or|not|[eifcntvw])\b")
    assert reordered.pattern == r"\b(and|or|not|[eifcntvw])\b"
    assert reordered.findall("n and e or x") == ["n", "and", "e", "or"]
    assert not second.changed  # nothing the file lacks: not written again
    other = second.compile(r"\b(and|or|not|[eifcntvwx])\b")  # another code: kept
    assert other.findall("x") == ["x"]
    assert second.changed
