"""Patterns compiled on first use behave as compiled ones, and are not compiled before."""

from __future__ import annotations

import re
import subprocess
import sys

from pressroom.base.patterns import lazy


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    text = "Stuttgart 2024, 神奈川県 2024"
    pattern = lazy(r"\d+")
    assert pattern.sub("N", text) == re.sub(r"\d+", "N", text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(r"\d+", text)]
    assert pattern.search("abc") is None
    assert lazy(rb"<html\b[^>]*>", re.IGNORECASE).search(b'<HTML lang="ja">').group() == b'<HTML lang="ja">'


def test_a_lazy_pattern_is_compiled_once_when_first_used() -> None:
    pattern = lazy("(?<=[ぁ-ゖ])(?=[A-Z])")
    assert "compiled" not in vars(pattern)
    assert pattern.sub(" ", "のEU") == "の EU"
    compiled = vars(pattern)["compiled"]
    assert pattern.split("のEU") == ["の", "EU"]
    assert vars(pattern)["compiled"] is compiled


def test_the_search_indexers_patterns_wait_for_the_indexer() -> None:
    # A build without the search index does not pay for the Japanese character classes.
    script = (
        "import pressroom.output.search\n"
        "from pressroom.output import search_text\n"
        "assert 'compiled' not in vars(search_text._BETWEEN)\n"
        "print(search_text.separate_characters('神奈川県'))\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "神 奈 川 県"
