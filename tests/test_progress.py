"""Build progress: a redrawn status line on terminals, nothing but the summary in CI logs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pressroom.base.progress import Progress
from pressroom.pipeline import build

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
