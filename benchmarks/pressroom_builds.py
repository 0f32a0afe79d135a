"""pressroom's builds as the benchmark runs them: the command of a build, and the rebuilds
measured after the fresh ones (a no-op, a one-file edit, a template edit, the search index on
its own) and the one-file edits in the running preview server."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import targets
from measuring import (
    BuildFailed,
    Result,
    Sample,
    TreeSampler,
    count_files,
    cpu_seconds,
    freed_inodes_wait,
    measure,
    progress,
    record,
    remove,
    settle,
    tree,
    wait_for_log,
)
from others import Step

PROJECT = Path(__file__).resolve().parent.parent


def pressroom_python() -> str:
    venv = PROJECT / ".venv" / "bin" / "python"
    return str(venv) if venv.is_file() else sys.executable


def compile_pressroom() -> None:
    """Compile pressroom's modules once, as installing a package does: without it, a machine
    that keeps no bytecode (``PYTHONDONTWRITEBYTECODE``, set in some sandboxes and CI images)
    compiles every module again in each timed build, about 0.2 s that no installed copy pays."""
    argv = [pressroom_python(), "-m", "compileall", "-q", str(PROJECT / "pressroom")]
    if subprocess.run(argv, check=False, stdout=subprocess.DEVNULL).returncode != 0:
        progress("warning: pressroom's bytecode could not be compiled; its builds will compile it each time")


def pressroom_steps(source: Path, output: Path, *flags: str) -> list[Step]:
    build = [pressroom_python(), str(PROJECT / "build.py"), "--source", str(source), "--output", str(output)]
    return [Step([*build, *flags])]


def pressroom_supports(flag: str) -> bool:
    """Whether this checkout's ``build.py build`` accepts ``flag`` (e.g. ``--no-search``)."""
    argv = [pressroom_python(), str(PROJECT / "build.py"), "build", "--help"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return flag in done.stdout


SEARCH_SNIPPET = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pressroom.output.search import index_site
seconds = index_site(Path(sys.argv[2]))
print(f"search index: {seconds:.2f} s inside the process")
"""


def search_index_steps(source: Path, output: Path) -> list[Step] | None:
    """The command(s) that run pressroom's search indexing step on its own, or None if there is none.

    FILL IN / KEEP IN STEP with pressroom: today this calls ``pressroom.search.index_site(folder)``
    (Pagefind over a built site) in a fresh Python process, when the checkout has that function;
    a checkout without it gets None and the step is reported as skipped. If pressroom grows a
    command for it (say ``build.py search``), call that instead.
    """
    del source  # the indexer reads only the built site
    search = PROJECT / "pressroom" / "output" / "search.py"
    if not search.is_file() or "def index_site(" not in search.read_text(encoding="utf-8"):
        return None
    return [Step([pressroom_python(), "-c", SEARCH_SNIPPET, str(PROJECT), str(output)])]


def built_before(source: Path, output: Path, log: Path) -> None:
    """A build into ``output`` (not counted), then the output removed: the cache is as a build
    into an emptied folder finds it."""
    measure(pressroom_steps(source, output, "--no-search"), log)
    remove(output)


class EditedCopy:
    """A copy of the corpus, its cache included, in which one release gets a sentence more
    before each run. Made on the first edit, once the corpus's cache is full, and built once
    then into the measured build's folder (not counted; the folder is then removed), so that
    its kept pages, and the model kept for that folder, are its own."""

    def __init__(self, corpus_root: Path, work: Path, logs: Path, output: Path) -> None:
        self.corpus_root = corpus_root
        self.source = work / "edited-corpus"
        self.output = output
        self.logs = logs
        self.runs = 0

    def edit(self) -> None:
        if self.runs == 0:
            remove(self.source)
            shutil.copytree(self.corpus_root, self.source)
            progress("  the edited copy of the corpus built once (not counted)")
            log = self.logs / "pressroom-edited-warm-up.log"
            measure(pressroom_steps(self.source, self.output, "--no-search"), log)
            remove(self.output)
        self.runs += 1
        releases = sorted((self.source / "content" / "de").rglob("*.md"))
        target = releases[(len(releases) // 4 + self.runs) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde vor einem kalten Build angefügt (Lauf {self.runs}).\n")


def _working_copy(corpus_root: Path, work: Path, name: str) -> tuple[Path, Path]:
    """A copy of the corpus that steps may edit, and an absent output folder for it."""
    source, output = work / f"{name}-corpus", work / "out" / f"pressroom-{name}"
    remove(source)
    remove(output)
    shutil.copytree(corpus_root, source)
    return source, output


def pressroom_incremental(
    corpus_root: Path, work: Path, logs: Path, repeat: int, with_search: bool = True
) -> list[Result]:
    """No-op, one-file edit and template edit rebuilds (without the search index, as the cold
    build they are compared with), and, ``with_search``, the one-file edit with the index and
    the search-index step, on a copy of the corpus. Each timed run starts after the wait for
    freed inodes, as a fresh build does (`freed_inodes_wait`): a rebuild writes each page
    beside its old self and renames it over it, freeing the old one."""
    wait = freed_inodes_wait(work)

    def settled(steps: list[Step], log: Path) -> Sample:
        settle(wait)
        return measure(steps, log)

    source, output = _working_copy(corpus_root, work, "incremental")
    log = logs / "pressroom-incremental.log"
    progress("pressroom incremental steps: first build (not counted)")
    search_output = work / "out" / "pressroom-incremental-search"
    if with_search:
        measure(pressroom_steps(source, output), log)
        remove(search_output)
        shutil.copytree(output, search_output, symlinks=True)
    measure(pressroom_steps(source, output, "--no-search"), log)

    noop = Result("pressroom --no-search no-op rebuild")
    for run in range(1, repeat + 1):
        record(noop, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)

    edit = Result("pressroom --no-search one-file edit rebuild")
    releases = sorted((source / "content" / "de").rglob("*.md"))
    for run in range(1, repeat + 1):
        target = releases[(len(releases) // 2 + run) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde für den Benchmark angefügt (Lauf {run}).\n")
        record(edit, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)
    edit.note = "a sentence appended to one German release before each run"

    template = Result("pressroom --no-search template edit rebuild")
    shutil.copytree(PROJECT / "templates", source / "templates")
    progress("  site-root templates copied in; one build (not counted)")
    measure(pressroom_steps(source, output, "--no-search"), log)
    base = source / "templates" / "base.html"
    for run in range(1, repeat + 1):
        with base.open("a", encoding="utf-8") as file:
            file.write(f"<!-- benchmark template edit {run} -->\n")
        record(template, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)
    template.note = "a comment appended to SITE/templates/base.html (a copy of the project's) before each run"
    noop.files = edit.files = template.files = count_files(output)
    if not with_search:
        return [noop, edit, template]

    edit_search = Result(targets.EDIT_SEARCH)
    progress("  the search build's folder brought up to date (not counted)")
    measure(pressroom_steps(source, search_output), log)
    for run in range(1, repeat + 1):
        target = releases[(len(releases) // 3 + run) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde für den Benchmark angefügt (Suche, Lauf {run}).\n")
        record(edit_search, settled(pressroom_steps(source, search_output), log), run, repeat)
    edit_search.note = "the editors' command (with the search index): a sentence appended to one German release"
    edit_search.files = count_files(search_output)

    search = Result("pressroom search index only")
    steps = search_index_steps(source, search_output)
    if steps is None:
        search.note = "skipped: pressroom has no separate search indexing step yet (fill in search_index_steps)"
        progress(f"  {search.note}")
    else:
        search.note = "pressroom.output.search.index_site() on the built site, in a fresh Python process"
        for run in range(1, repeat + 1):
            record(search, settled(steps, log), run, repeat)
        search.files = count_files(search_output)
    return [noop, edit, template, edit_search, search]


PREVIEW_DONE = re.compile(r"rebuilt the (\d+) pages showing the edit \((\d+) changed\) in ([\d.]+) s")
PREVIEW_TIMEOUT = 1800.0
"""Seconds the preview server may take for its first, full build."""


def pressroom_preview(corpus_root: Path, work: Path, logs: Path, repeat: int) -> list[Result]:
    """One-file edits in the running preview server (``build.py serve``), which keeps the
    model and renders only the pages showing the edit. Measured: the rebuild time the server
    reports, and the time from saving the file to the log line saying the pages are written
    (file-system event, debounce and rebuild)."""
    source, output = _working_copy(corpus_root, work, "preview")
    log = logs / "pressroom-preview.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    argv = [pressroom_python(), str(PROJECT / "build.py"), "serve", "--source", str(source)]
    argv += ["--output", str(output), "--port", "0", "--no-search"]
    progress("pressroom preview server: first, full build (not counted)")
    settle()
    with log.open("ab") as out:
        server = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    sampler = TreeSampler(server.pid)
    sampler.start()
    quick = Result("pressroom preview: one-file edit, quick rebuild")
    latency = Result("pressroom preview: one-file edit, save to pages written")
    pages: list[str] = []
    try:
        wait_for_log(log, 0, re.compile(r"serving .* at http"), time.perf_counter() + PREVIEW_TIMEOUT)
        releases = sorted((source / "content" / "de").rglob("*.md"))
        for run in range(1, repeat + 1):
            target = releases[(len(releases) // 3 + 101 * run) % len(releases)]
            sentence = f"Dieser Satz wurde im Vorschau-Benchmark angefügt (Lauf {run})."
            time.sleep(1.0)
            seen = len(log.read_text(encoding="utf-8", errors="replace"))
            cpu_before = cpu_seconds(tree(server.pid))
            started = time.perf_counter()
            with target.open("a", encoding="utf-8") as file:
                file.write(f"\n{sentence}\n")
            done = wait_for_log(log, seen, PREVIEW_DONE, started + 60)
            waited = time.perf_counter() - started
            cpu = cpu_seconds(tree(server.pid)) - cpu_before
            page = output / "de" / "releases" / target.parent.name / target.stem / "index.html"
            if not page.is_file():
                progress(f"  warning: {page} not found; the edit's page was not checked")
            elif sentence not in page.read_text(encoding="utf-8"):
                raise BuildFailed(f"the preview did not show the edit of {target} in {page}")
            pages.append(done.group(1))
            for result, wall in ((quick, float(done.group(3))), (latency, waited)):
                sample = Sample(wall, cpu, sampler.peak_kib, sampler.peak_pss_kib, sampler.processes)
                record(result, sample, run, repeat)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        sampler.stop()
    quick.files = latency.files = count_files(output)
    quick.note = (
        f"the server's own time for a sentence appended to one German release, {', '.join(pages)} pages "
        "rendered per edit; memory: the server with the model in memory, over its life; CPU: the server during the edit"
    )
    latency.note = "from saving the file to the server's log line (inotify, 80 ms debounce, rebuild)"
    return [quick, latency]
