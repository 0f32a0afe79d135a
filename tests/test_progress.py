"""Build progress: a redrawn status line on terminals, nothing but the summary in CI logs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pressroom.base import parallel
from pressroom.base.progress import Progress
from pressroom.pipeline.building import build

from .conftest import PROJECT


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_sees_stages_and_page_counts_then_a_clean_line(tmp_path: Path) -> None:
    terminal = Terminal()
    result = build(PROJECT, tmp_path / "out", progress=Progress(terminal))
    shown = terminal.getvalue()
    assert "\rreading" in shown
    counts = re.findall(r"\rrendering (\d+)/(\d+)", shown)
    assert counts[-1][0] == counts[-1][1] and int(counts[-1][1]) > sum(result.pages.values())  # + feeds, sitemap
    assert "\rwriting" in shown
    assert "\rindexing for search" in shown
    # The status line is wiped at the end so the summary starts on a clean line.
    assert shown.endswith("\r")
    assert shown.rsplit("\r", 2)[-2].strip() == ""


def test_ci_log_gets_only_the_summary_per_language(scratch_site) -> None:
    site = scratch_site(
        {
            "content/de/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nText.\n",
            "content/ja/a.md": "---\ntitle: エー\ndate: 2024-01-01\n---\n本文。\n",
            "content/en/b.md": "---\ntitle: B\ndate: 2024-01-01\n---\n![](https://example.org/x.png)\n",
        }
    )
    run = site.build()
    assert run.code == 0
    assert "\r" not in run.stdout + run.stderr
    summary = run.stdout.strip().splitlines()[-1]
    assert summary.startswith("built ")
    for part in ("de: ", "ja: ", "en: ", "1 warning(s)", " s, "):
        assert part in summary


def test_workers_that_publish_the_media_after_the_pages_count_them_apart(tmp_path: Path, monkeypatch) -> None:
    # The forked workers take the share cards and images after the pages: the page count ends
    # at the number of pages, and the media are counted under a stage of their own.
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # fork even for a small site
    terminal = Terminal()
    build(PROJECT, tmp_path / "out", progress=Progress(terminal), jobs=2, search="off")
    shown = terminal.getvalue()
    pages = re.findall(r"\rrendering (\d+)/(\d+)", shown)
    media = re.findall(r"\rimages (\d+)/(\d+)", shown)
    assert pages and media
    assert all(int(done) <= int(total) for done, total in pages + media)
    assert [int(done) for done, _ in pages] == sorted(int(done) for done, _ in pages)
    assert media[-1][0] == media[-1][1]
    assert int(media[-1][1]) >= len(list((tmp_path / "out").rglob("share.png")))
    assert shown.index("\rimages") > shown.rindex("\rrendering")
