"""Texts remembered between builds: a one-file rebuild writes its dates, names and maps without
loading Babel's tables or the world's outlines, its pages the same bytes as a cold build's, and
a damaged, foreign or unwritable file changes nothing but the speed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import Markup

from pressroom.base import textmemo, ties, typography
from pressroom.base.marshalled import marshalled, read_marshalled
from pressroom.source.config import CACHE_DIR
from pressroom.source.inputs import TEXTS_FILE, texts_stamp

from .conftest import PROJECT, ScratchSite
from .test_incremental import files_of, fourteen_releases


@pytest.fixture
def memo(tmp_path: Path) -> Iterator[Path]:
    textmemo.forget()  # as a fresh process: nothing remembered
    ties.tied_text.cache_clear()
    yield tmp_path / "cache" / "texts"
    textmemo.forget()


class Maker:
    """Makes a text, counting how often it was asked to."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def __call__(self) -> str:
        self.calls += 1
        return self.text


def stamp(value: bytes = b"stamp 1\n"):
    asked: list[bytes] = []

    def give() -> bytes:
        asked.append(value)
        return value

    return give, asked


def test_a_text_is_made_once_and_read_back_by_the_next_process(memo) -> None:
    give, _ = stamp()
    textmemo.use_file(memo, give)
    date = Maker("17. Juli 2024")
    assert textmemo.recall("date de 2024-07-17", date) == "17. Juli 2024"
    assert textmemo.recall("date de 2024-07-17", date) == "17. Juli 2024"
    assert date.calls == 1
    textmemo.keep()

    textmemo.forget()
    textmemo.use_file(memo, give)
    again = Maker("something else")
    assert textmemo.recall("date de 2024-07-17", again) == "17. Juli 2024"
    assert again.calls == 0, "read from the file, not made"
    assert textmemo.recall("date ja 2024-07-17", Maker("2024年7月17日")) == "2024年7月17日"


def test_a_build_that_asks_for_no_text_never_reads_the_file(memo) -> None:
    give, asked = stamp()
    textmemo.use_file(memo, give)
    textmemo.keep()
    assert asked == [] and not memo.exists()


def test_a_run_that_made_nothing_new_leaves_the_file_as_it_is(memo) -> None:
    give, _ = stamp()
    textmemo.use_file(memo, give)
    textmemo.recall("year ja 2024", Maker("2024年"))
    textmemo.keep()
    os.utime(memo, ns=(10**18, 10**18))
    textmemo.forget()
    textmemo.use_file(memo, give)
    textmemo.recall("year ja 2024", Maker("made again"))
    textmemo.keep()
    assert memo.stat().st_mtime_ns == 10**18


def test_texts_of_other_code_or_libraries_are_not_read_and_are_written_over(memo) -> None:
    old, _ = stamp(b"stamp of an older Babel\n")
    textmemo.use_file(memo, old)
    textmemo.recall("date en 2024-07-17", Maker("July 17, 2024"))
    textmemo.keep()

    textmemo.forget()
    new, _ = stamp(b"stamp of a newer Babel\n")
    textmemo.use_file(memo, new)
    made = Maker("17 July 2024")
    assert textmemo.recall("date en 2024-07-17", made) == "17 July 2024"
    assert made.calls == 1
    textmemo.keep()
    assert memo.read_bytes().startswith(b"stamp of a newer Babel\n")


@pytest.mark.parametrize("damage", ["empty", "garbage", "cut short", "not a dict", "not texts"])
def test_a_damaged_file_only_means_the_texts_are_made_again(memo, damage) -> None:
    give, _ = stamp()
    textmemo.use_file(memo, give)
    textmemo.recall("country de JP", Maker("Japan"))
    textmemo.keep()
    whole = memo.read_bytes()
    header = b"stamp 1\n"
    memo.write_bytes(
        {
            "empty": b"",
            "garbage": header + b"\xff\x00 not marshal",
            "cut short": whole[: len(whole) - 3],
            "not a dict": marshalled(["Japan"], header),
            "not texts": marshalled({"country de JP": 5, 7: "Japan"}, header),
        }[damage]
    )
    textmemo.forget()
    textmemo.use_file(memo, give)
    made = Maker("Japan")
    assert textmemo.recall("country de JP", made) == "Japan"
    assert made.calls == 1
    textmemo.keep()
    textmemo.forget()
    textmemo.use_file(memo, give)
    assert textmemo.recall("country de JP", Maker("not asked")) == "Japan"


def test_texts_a_worker_made_are_kept_by_the_process_that_keeps_the_file(memo) -> None:
    give, _ = stamp()
    textmemo.use_file(memo, give)
    textmemo.learn({"date de 2023-02-03": "3. Februar 2023"})  # handed back by a forked worker
    textmemo.keep()
    textmemo.forget()
    textmemo.use_file(memo, give)
    assert textmemo.recall("date de 2023-02-03", Maker("not asked")) == "3. Februar 2023"


def test_taken_hands_over_each_text_once(memo) -> None:
    textmemo.recall("decimal de 3", Maker("3"))
    assert textmemo.taken() == {"decimal de 3": "3"}
    assert textmemo.taken() == {}


def test_a_cache_that_cannot_be_written_costs_only_the_speed(memo) -> None:
    memo.parent.parent.mkdir(parents=True, exist_ok=True)
    memo.parent.write_text("in the way")  # a file where the folder would be
    give, _ = stamp()
    textmemo.use_file(memo, give)
    assert textmemo.recall("language ja de", Maker("Japanisch")) == "Japanisch"
    textmemo.keep()
    assert memo.parent.read_text() == "in the way"


# build.py as it runs; as it ends, it tells which of Babel's tables it loaded and whether it
# projected the world's outlines.
PROBE = """\
import os, runpy, sys
import babel.core, babel.localedata
from pressroom.base import parallel
parallel.MIN_ITEMS_PER_WORKER = 1  # two workers even for a small site
loaded = []
load = babel.localedata.load
babel.localedata.load = lambda name, merge_inherited=True: loaded.append(name) or load(name, merge_inherited)
end = os._exit
def told(code):
    if os.getpid() == MAIN:
        worldmap = sys.modules.get("pressroom.pages.worldmap")
        outlines = worldmap._outlines.cache_info().currsize if worldmap else 0
        print("PROBE", sorted(set(loaded)), babel.core._global_data is not None, outlines, flush=True)
    end(code)
MAIN = os.getpid()
os._exit = told
sys.argv = ARGV
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_probed(*argv: str) -> tuple[str, str]:
    probe = PROBE.replace("ARGV", repr([str(PROJECT / "build.py"), *argv]))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    told = next(line for line in done.stdout.splitlines() if line.startswith("PROBE"))
    return done.stdout, told


def test_a_one_file_rebuild_loads_no_locale_tables_and_no_outlines(scratch_site, tmp_path) -> None:
    site: ScratchSite = scratch_site(fourteen_releases(), with_defaults=False)
    argv = ("--source", str(site.root), "--output", str(site.output), "--no-search", "--jobs", "2")
    out, told = run_probed(*argv)
    assert "built 133 pages" in out
    kept = (site.root / CACHE_DIR / TEXTS_FILE).read_bytes()
    for lang in ("de", "ja", "en"):  # dates the workers wrote on the lists, handed back to be kept
        assert f"date {lang} 2024-04-04".encode() in kept

    # A partner's release (Jiangsu's: its page and map are drawn again) and a date shown on lists.
    release = site.root / "content/de/r3.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nEin Satz mehr.\n", encoding="utf-8")
    out, told = run_probed(*argv)
    assert "showing the edit rendered" in out
    assert told == "PROBE [] False 0", "no locale table, no global table, no outline"

    # The same bytes as a cold build of the same files with no cache at all.
    cold = ScratchSite(tmp_path / "cold" / "src", tmp_path / "cold" / "out")
    shutil.copytree(site.root, cold.root, ignore=shutil.ignore_patterns(CACHE_DIR))
    built = cold.build_py()
    assert built.returncode == 0, built.stderr
    assert files_of(site.output) == files_of(cold.output)


def test_a_japanese_headlines_phrases_are_remembered_and_not_split_again(memo, monkeypatch) -> None:
    headline = "神奈川県とバーデン＝ヴュルテンベルク州が共同宣言に署名（概要）"
    first = typography.phrase_breaker("ja")(headline)
    assert "<wbr>" in first and 'class="whole"' in first and '<span class="trim">）</span>' in first
    made = textmemo.taken()
    assert made == {f"phrases ja text {headline}": str(first)}

    # Another process (a worker, or the next build) that learnt it splits nothing.
    textmemo.forget()
    textmemo.learn(made)
    textmemo.taken()  # what it learnt is handed on as its own: cleared, to see what it makes
    monkeypatch.setattr(typography, "_phrased", lambda parse, text: pytest.fail("split again"))
    again = typography.phrase_breaker("ja")(headline)
    assert again == first and type(again) is type(first)
    # Other languages are escaped and their words tied, which is remembered too (see below):
    # here as nothing, as nothing is tied.
    assert str(typography.phrase_breaker("de")("A & B")) == "A &amp; B"
    assert list(textmemo.taken().values()) == [""]


def test_a_texts_ties_are_remembered_and_not_looked_for_again(memo, monkeypatch) -> None:
    """The ties' rules tried at every character of every headline, summary and date were a tenth
    of rendering every page: what they made is remembered between builds, as phrases are."""
    text = "Am 17. Juli 2024 rund 150 Kilometer entfernt"
    first = ties.tied_text(text, "de")
    assert first == "Am 17.\u00a0Juli 2024 rund 150\u00a0Kilometer entfernt"
    made = textmemo.taken()
    assert list(made.values()) == [first] and text not in next(iter(made))  # kept by its digest

    textmemo.forget()
    ties.tied_text.cache_clear()  # as the next build's process
    textmemo.learn(made)
    monkeypatch.setattr(ties, "_tie", lambda text, rules: pytest.fail("tied again"))
    assert ties.tied_text(text, "de") == first
    assert ties.tied_text(text, "ja") == text  # Japanese has no spaces to tie: nothing remembered


def test_a_text_given_as_markup_and_the_same_characters_as_text_are_remembered_apart(memo) -> None:
    """A translation reaches the filter as Markup (escaped already), a headline as text: the
    same characters are two texts (``&amp;`` in a headline is what its editor typed), and
    neither answer is taken for the other's, in this process or from the file."""
    characters = "東京&amp;大阪の交流"
    marked = typography.phrase_breaker("ja")(Markup(characters))
    assert "東京&amp;大阪" in untagged(marked)
    plain = typography.phrase_breaker("ja")(characters)
    assert "東京&amp;amp;大阪" in untagged(plain)
    kept = textmemo.taken()
    assert len(kept) == 2
    textmemo.forget()
    textmemo.learn(kept)  # the next build
    assert typography.phrase_breaker("ja")(characters) == plain
    assert typography.phrase_breaker("ja")(Markup(characters)) == marked


def untagged(html: str) -> str:
    """``html`` without its tags (the phrases' breaks and ties), its characters still escaped."""
    return re.sub(r"<[^>]+>", "", html)


def phrases_of(site: ScratchSite, title: str) -> list[str]:
    """The keys of the phrases the texts file keeps of the Japanese headline ``title``."""
    found = read_marshalled(site.root / CACHE_DIR / TEXTS_FILE, texts_stamp())
    assert isinstance(found, dict) and any(key.startswith("date ja ") for key in found)
    return [key for key in found if key.startswith("phrases ja ") and key.endswith(f" {title}")]


def test_a_build_that_renders_every_page_keeps_only_the_texts_it_showed(scratch_site) -> None:
    """Every edited headline left its phrases in the file for good: a build that renders every
    page (its workers telling what they asked for) keeps the texts it asked for, no more; any
    other build keeps the file's texts as they were."""
    site: ScratchSite = scratch_site(fourteen_releases(), with_defaults=False)
    argv = ("--source", str(site.root), "--output", str(site.output), "--no-search", "--jobs", "2")
    old, new = "お知らせ 1", "神奈川県との新しい協力"
    run_probed(*argv)
    assert phrases_of(site, old)
    release = site.root / "content/ja/r1.md"
    release.write_text(release.read_text(encoding="utf-8").replace(f"title: {old}\n", f"title: {new}\n"), "utf-8")
    out, _ = run_probed(*argv)
    assert "showing the edit rendered" in out
    assert phrases_of(site, old) and phrases_of(site, new), "a quick rebuild asks for a few texts: the rest kept"
    for folder in (site.output, site.root / CACHE_DIR / "models"):
        shutil.rmtree(folder)  # a full build, its pages linked from the kept ones
    out, _ = run_probed(*argv)
    assert "built 133 pages" in out
    assert phrases_of(site, old), "pages linked, not rendered: their texts not asked for, and kept"

    for folder in (site.output, site.root / CACHE_DIR / "models", site.root / CACHE_DIR / "pages"):
        shutil.rmtree(folder, ignore_errors=True)  # every page rendered
    out, _ = run_probed(*argv)
    assert "built 133 pages" in out
    assert phrases_of(site, new) and not phrases_of(site, old)
    assert phrases_of(site, "お知らせ 2"), "another headline's, asked for again"
    # The next one-file rebuild still finds what it writes: no table loaded, no outline drawn.
    release.write_text(release.read_text(encoding="utf-8") + "\n一文を加えました。\n", encoding="utf-8")
    out, told = run_probed(*argv)
    assert "showing the edit rendered" in out and told == "PROBE [] False 0"
