"""Markdown parsers from PyPI on the benchmark corpus's bodies: parse + render time per MB.

Every candidate renders every body of a generated corpus (``corpus.py``) once per round; the
rounds interleave the candidates in a rotating order, so a drift of the shared machine's speed
reaches all of them alike. Reported: the median time per MB of Markdown and the median of the
per-round ratios to markdown-it-py as pressroom configured it before (tables, footnotes,
attribute spans, raw HTML off, the link allowlist).

``pressroom render_markdown`` is the whole body renderer as the build calls it (markdown-it-pyrs
plus the language-span pre-pass and the pass over the rendered tags: links, images, nesting);
the other rows are the bare parsers with tables and footnotes on and, where they offer it,
source positions (what pressroom needs for the line numbers of broken links). The candidates
other than markdown-it-py and markdown-it-pyrs come with ``pip install -e '.[bench]'``; a
missing one is left out.

Usage: ``python benchmarks/markdown_parsers.py [--releases 300] [--rounds 5] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import corpus as corpus_mod

from pressroom.source.markdown import RULES, markdown_parser, render_markdown

HERE = Path(__file__).resolve().parent


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def candidates() -> dict[str, Callable[[str], object]]:
    """Name → function rendering one body (or producing its events, where that is the API)."""
    before = markdown_parser()
    found: dict[str, Callable[[str], object]] = {
        "markdown-it-py 4.3 (before)": before.render,
        "pressroom render_markdown (markdown-it-pyrs + passes)": lambda body: render_markdown(
            body, 1, lambda href, line: None
        ),
    }
    pyrs = importlib.import_module("markdown_it_pyrs")
    bare = pyrs.MarkdownIt("zero").enable_many(RULES)
    found["markdown-it-pyrs 0.4 render, source positions"] = lambda body: bare.render(body, xhtml=False)
    found["markdown-it-pyrs 0.4 tree (AST to Python)"] = bare.tree
    if (pyromark := _optional("pyromark")) is not None:
        options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
        parser = pyromark.Markdown(options=options)
        found["pyromark (pulldown-cmark) html"] = parser.html
        found["pyromark events_with_range (to Python)"] = lambda body: list(parser.events_with_range(body))
    if (comrak := _optional("comrak")) is not None:
        extension, render = comrak.ExtensionOptions(), comrak.RenderOptions()
        extension.table = extension.footnotes = True
        render.sourcepos = render.escape = True
        found["comrak html, source positions, HTML escaped"] = lambda body: comrak.render_markdown(
            body, extension, None, render
        )
    if (cmarkgfm := _optional("cmarkgfm")) is not None:
        flags = cmarkgfm.Options.CMARK_OPT_SOURCEPOS | cmarkgfm.Options.CMARK_OPT_FOOTNOTES
        found["cmarkgfm (cmark-gfm) html, source positions"] = lambda body: cmarkgfm.markdown_to_html_with_extensions(
            body, options=flags, extensions=["table"]
        )
    return found


def bodies(root: Path) -> list[str]:
    """The Markdown bodies (front matter removed) of every version in the corpus."""
    found = []
    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            text = text[end + 5 :] if end >= 0 else text
        found.append(text)
    return found


def measure(texts: list[str], rounds: int) -> dict[str, list[float]]:
    """Seconds per round for each candidate, the candidates' order rotating round by round."""
    runners = candidates()
    names = list(runners)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for text in texts[:20]:  # warm up caches and lazily built parsers
        for run in runners.values():
            run(text)
    for round_ in range(rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            run = runners[name]
            start = time.perf_counter()
            for text in texts:
                run(text)
            seconds[name].append(time.perf_counter() - start)
        print(f"round {round_ + 1} of {rounds} done", file=sys.stderr)
    return seconds


def table(seconds: dict[str, list[float]], megabytes: float) -> str:
    base = next(iter(seconds))
    lines = [
        "| parser | ms per MB (median) | × markdown-it-py (median of rounds) | rounds |",
        "|---|---:|---:|---|",
    ]
    for name, values in seconds.items():
        ratios = [value / before for value, before in zip(values, seconds[base], strict=True)]
        per_round = ", ".join(f"{ratio:.3f}" for ratio in ratios)
        lines.append(
            f"| {name} | {statistics.median(values) / megabytes * 1000:.0f} "
            f"| {statistics.median(ratios):.3f}× | {per_round} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    root = HERE / ".work" / f"markdown-n{args.releases}-s{args.seed}"
    described = corpus_mod.describe(corpus_mod.generate(root, args.releases, seed=args.seed))
    texts = bodies(root)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    seconds = measure(texts, args.rounds)
    print(f"Corpus: {described}; {len(texts)} bodies, {megabytes:.2f} MB of Markdown; {args.rounds} rounds.\n")
    print(table(seconds, megabytes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
