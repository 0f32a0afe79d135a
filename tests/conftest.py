"""Shared fixtures: tiny sites built in a temporary folder, and an HTML reader for assertions."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pagefind_bin import get_executable

from pressroom.buildargs import head_start
from pressroom.buildcli import main as build_main
from pressroom.cli import main
from pressroom.model import bodycache

PROJECT = Path(__file__).resolve().parent.parent

TOPICS = """\
energy: {de: Energie, ja: エネルギー, en: Energy}
health: {de: Gesundheit, ja: 健康, en: Health}
"""

KANAGAWA = """\
name: {de: Präfektur Kanagawa, ja: 神奈川県, en: Kanagawa Prefecture}
native: {ja: 神奈川県}
country: JP
since: 1989-11-24
status: active
location: [35.45, 139.64]
summary: {de: Partnerregion in Japan., ja: 日本のパートナー地域。, en: Partner region in Japan.}
reading: かながわけん
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@dataclass
class ScratchSite:
    """A site root in a temporary folder; ``build()`` runs the real command line on it."""

    root: Path
    output: Path

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def run(self, *args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
        return Run(code, out.getvalue(), err.getvalue())

    def build(self, *args: str, search: bool = False) -> Run:
        """Build with the real command line as ``build.py`` runs it, its head start begun first
        (`pressroom.buildargs`); without the search index unless asked (it takes seconds)."""
        argv = ["--source", str(self.root), "--output", str(self.output), *args, *(() if search else ("--no-search",))]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = build_main(argv, head=head_start(argv))
        return Run(code, out.getvalue(), err.getvalue())

    def build_py(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``build.py`` run as a user runs it, in a process of its own; without the search index."""
        command = [sys.executable, str(PROJECT / "build.py"), "--source", str(self.root), "--output", str(self.output)]
        return subprocess.run(
            [*command, *args, "--no-search"], capture_output=True, text=True, timeout=300, check=False
        )

    def page(self, url: str) -> Page:
        return read_page(self.output, url)

    def exists(self, url: str) -> bool:
        return url_to_file(self.output, url).is_file()


def url_to_file(site: Path, url: str) -> Path:
    path = url.split("#")[0].split("?")[0].lstrip("/")
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


@dataclass
class Page:
    """What a reader (or a crawler) finds in one HTML file."""

    html: str
    lang: str = ""
    links: list[dict[str, str]] = field(default_factory=list)
    """Every <a> with its attributes and text."""
    alternates: dict[str, str] = field(default_factory=dict)
    """hreflang → href of <link rel=alternate>."""
    resources: list[str] = field(default_factory=list)
    """What the browser loads with the page: src of scripts and images, href of stylesheets."""
    text: str = ""

    def links_to(self, href: str) -> list[dict[str, str]]:
        return [a for a in self.links if a.get("href") == href]


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.current: dict[str, str] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = values.get("lang", "")
        elif tag == "a":
            self.current = dict(values, text="")
            self.page.links.append(self.current)
        elif tag == "link":
            if values.get("rel") == "alternate" and "hreflang" in values:
                self.page.alternates[values["hreflang"]] = values["href"]
            # canonical and alternate links name other documents; they are not loaded with the page
            if "href" in values and values.get("rel") not in ("canonical", "alternate"):
                self.page.resources.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.page.resources.append(values["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.current = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.current is not None:
            self.current["text"] += data


def read_page(site: Path, url: str) -> Page:
    html = url_to_file(site, url).read_text(encoding="utf-8")
    page = Page(html)
    reader = _Reader(page)
    reader.feed(html)
    page.text = " ".join(" ".join(reader.texts).split())
    return page


@pytest.fixture
def scratch_site(tmp_path: Path) -> Callable[[dict[str, str]], ScratchSite]:
    """``scratch_site({path: text})`` writes a site root with those files (plus topics and a partner)."""

    def make(files: dict[str, str], with_defaults: bool = True) -> ScratchSite:
        site = ScratchSite(tmp_path / "src", tmp_path / "out")
        if with_defaults:
            site.write({"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA})
        site.write(files)
        return site

    return make


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every body the Markdown parser is asked to render, in this process."""
    seen: list[str] = []
    real: Callable[..., str] = bodycache.render_markdown

    def counting(markdown: str, *args: object, **kwargs: object) -> str:
        seen.append(markdown)
        return real(markdown, *args, **kwargs)

    monkeypatch.setattr(bodycache, "render_markdown", counting)
    return seen


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per test session, with its search index, as served from
    a local folder: every URL rooted at ``/`` (the configured host only changes canonical URLs)."""
    output = tmp_path_factory.mktemp("bundled") / "site"
    code = main(["--output", str(output), "--base-url", "/"])
    assert code == 0
    return output


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def copy_project_site(target: Path) -> Path:
    for name in ("content", "site.yaml"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


@dataclass
class RunningPreview:
    """``build.py serve --port 0`` running on a copy of the bundled content."""

    root: Path
    process: subprocess.Popen[bytes]
    url: str
    log: Path


@contextlib.contextmanager
def running_preview(
    tmp_path: Path, env: dict[str, str] | None = None, ignoring: tuple[int, ...] = ()
) -> Iterator[RunningPreview]:
    """Start the preview server as an editor would and wait until it says where it listens
    (``env``: variables added to its environment; ``ignoring``: (SIGHUP,) to start it ignoring
    SIGHUP, as ``nohup`` does)."""
    root = tmp_path / "site-root"
    if not root.exists():  # else a preview started again over the site of an earlier one
        root.mkdir()
        shutil.copytree(PROJECT / "content", root / "content")
        shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    log = root / "serve.log"
    hangup = signal.SIG_IGN if signal.SIGHUP in ignoring else signal.SIG_DFL
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, str(PROJECT / "build.py"), "serve", "--source", str(root), "--port", "0"],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            # As a terminal starts it (SIGHUP's default action), whatever started the tests.
            preexec_fn=lambda: signal.signal(signal.SIGHUP, hangup),
        )
        try:
            deadline = time.monotonic() + 60
            url = None
            while url is None:
                found = re.search(r"serving .* at (http://127\.0\.0\.1:\d+/) ", log.read_text(encoding="utf-8"))
                url = found.group(1) if found else None
                assert process.poll() is None, f"serve exited:\n{log.read_text(encoding='utf-8')}"
                assert time.monotonic() < deadline, f"serve never said where:\n{log.read_text(encoding='utf-8')}"
                time.sleep(0.05)
            yield RunningPreview(root, process, url, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def slow_search_indexer(folder: Path, seconds: float) -> tuple[dict[str, str], Path]:
    """The environment that gives a preview server a Pagefind that waits ``seconds`` before each
    run once the returned file exists (its first build indexes at the usual speed): a module
    ``pagefind_bin`` on ``PYTHONPATH``, ahead of the installed one, naming a script that waits,
    then runs the real Pagefind. Shows what a large site's slow index does to a preview."""
    slow = folder / "slow"
    return _waiting_indexer(folder, f"if os.path.exists({str(slow)!r}):\n    time.sleep({seconds})\n"), slow


def held_search_indexer(folder: Path) -> tuple[dict[str, str], Path]:
    """As `slow_search_indexer`, a Pagefind that waits for as long as the returned file exists."""
    held = folder / "held"
    return _waiting_indexer(folder, f"while os.path.exists({str(held)!r}):\n    time.sleep(0.02)\n"), held


def _waiting_indexer(folder: Path, wait: str) -> dict[str, str]:
    """The environment of a Pagefind that runs the Python ``wait`` first (see `slow_search_indexer`)."""
    package = folder / "pagefind_bin"
    package.mkdir(parents=True)
    script = folder / "pagefind-slowly"
    # One process, as Pagefind is: ended, it holds none of the pipes its caller reads.
    real = str(get_executable())
    script.write_text(
        f"#!{sys.executable}\nimport os, sys, time\n{wait}os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    (package / "__init__.py").write_text(f"def get_executable():\n    return {str(script)!r}\n", encoding="utf-8")
    paths = [str(folder), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {"PYTHONPATH": os.pathsep.join(paths)}
