"""Benchmark pressroom against Hugo and Pelican on a generated corpus of N releases × 3 languages.

Usage::

    .venv/bin/python benchmarks/run.py --releases 1000 [--repeat 3] [--skip-hugo] [--skip-pelican] [--json]

Steps: generate the corpus (``corpus.py``) and the equivalent Hugo and Pelican projects
(``others.py``) under ``benchmarks/.work/n<N>-s<seed>/``; build each K times from scratch
(output folder removed before every run, outside the timing, and the build started only once
the file system no longer treats the removed files as just freed: see `_freed_inodes_wait`),
interleaving the tools; then, for pressroom only, a no-op rebuild into the same output
folder, a one-file edit rebuild (a sentence appended to one release), a template edit rebuild
(a comment appended to ``templates/base.html`` in the site root's own copy of the project's
templates) and the search indexing step on its own (skipped while pressroom has none; see
`search_index_steps`); and one-file edits in the running preview server (`pressroom_preview`).

Measures, per run, in a fresh child process started from here:

- wall time: from start to exit of the child, ``time.perf_counter``;
- CPU time: user + system of the child and its waited-for descendants (``os.wait4``);
- peak memory: the larger of the child's own peak RSS from ``os.wait4`` (``ru_maxrss``, the
  kernel's high-water mark, exact for a single-process build) and the peak of the *sum* of the
  RSS of every process in the child's tree, sampled from ``/proc`` every 20 ms (which catches
  multi-process builds; shared pages count once per process);
- peak PSS: the peak of the tree's summed proportional set size (``/proc/PID/smaps_rollup``),
  sampled alongside, where pages shared by forked workers count once: the fairer total for a
  build that forks, next to the number of processes seen at once.

Builds made of several commands (Pelican's one run per language) add up wall and CPU time and
take the largest peak. Medians over the K runs are reported, in a Markdown table with ratios to
Hugo's fresh build (or as JSON with ``--json``). Progress and build logs go to stderr and to
``benchmarks/.work/.../logs/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus as corpus_mod
import others
import targets
from others import Step

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
WORK = HERE / ".work"
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_SECONDS = 0.02
PSS_SAMPLE_SECONDS = 0.1


# --- measuring one child process tree ------------------------------------------------------


def _parent_map() -> dict[int, int]:
    """pid → parent pid of every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                data = stat.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = data[data.rfind(b")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parent_map().items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kib(pid: int) -> int:
    """Proportional set size: shared pages divided among the processes sharing them (forked workers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self.processes = 1
        self._stop_event = threading.Event()

    def run(self) -> None:
        next_pss = 0.0
        while not self._stop_event.is_set():
            pids = _tree(self.pid)
            self.processes = max(self.processes, len(pids))
            self.peak_kib = max(self.peak_kib, sum(_rss_kib(pid) for pid in pids))
            now = time.perf_counter()
            if now >= next_pss:
                # smaps_rollup walks every page table of the process (about 10 ms per GiB here)
                # and holds its memory map lock meanwhile: read it seldom enough that the
                # measuring costs the measured build less than one part in fifty.
                self.peak_pss_kib = max(self.peak_pss_kib, sum(_pss_kib(pid) for pid in pids))
                cost = time.perf_counter() - now
                next_pss = now + max(PSS_SAMPLE_SECONDS, 50 * cost)
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass(slots=True)
class Sample:
    """One measured build (all its steps)."""

    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_kib: int = 0
    """max(kernel ru_maxrss of the child, sampled peak of the tree's summed RSS)."""
    peak_pss_kib: int = 0
    """Sampled peak of the tree's summed PSS: pages shared by forked workers counted once."""
    max_processes: int = 1


class BuildFailed(Exception):
    pass


def measure(steps: list[Step], log: Path) -> Sample:
    """Run the steps in sequence, each in a fresh child process; raise `BuildFailed` on a non-zero exit."""
    sample = Sample()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        for step in steps:
            _settle()
            out.write(f"$ {' '.join(step.argv)}\n".encode())
            out.flush()
            started = time.perf_counter()
            child = subprocess.Popen(step.argv, cwd=step.cwd, stdout=out, stderr=subprocess.STDOUT)
            sampler = TreeSampler(child.pid)
            sampler.start()
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
            sampler.stop()
            child.returncode = os.waitstatus_to_exitcode(status)
            sample.wall_s += wall
            sample.cpu_s += usage.ru_utime + usage.ru_stime
            sample.peak_rss_kib = max(sample.peak_rss_kib, usage.ru_maxrss, sampler.peak_kib)
            sample.peak_pss_kib = max(sample.peak_pss_kib, sampler.peak_pss_kib)
            sample.max_processes = max(sample.max_processes, sampler.processes)
            if child.returncode != 0:
                raise BuildFailed(f"exit {child.returncode}: {' '.join(step.argv)} (log: {log})")
    return sample


# --- what is built ---------------------------------------------------------------------------


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


@dataclass(slots=True)
class Result:
    """The K samples of one measured build."""

    name: str
    samples: list[Sample] = field(default_factory=list)
    files: int = 0
    note: str = ""

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(s, attr) for s in self.samples)) if self.samples else float("nan")

    def summary(self) -> dict[str, object]:
        return {
            "name": self.name,
            "runs": len(self.samples),
            "wall_s_median": self.median("wall_s"),
            "cpu_s_median": self.median("cpu_s"),
            "peak_rss_mib_median": self.median("peak_rss_kib") / 1024,
            "peak_pss_mib_median": self.median("peak_pss_kib") / 1024,
            "max_processes": max((s.max_processes for s in self.samples), default=0),
            "output_files": self.files,
            "note": self.note,
            "samples": [asdict(s) for s in self.samples],
        }


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _dirname(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _freed_inodes_wait(folder: Path) -> float:
    """Seconds after which ext4 reuses the inodes of files removed in ``folder`` without a
    second look: 1 on any other file system.

    Without a journal (the root file system of this benchmark's virtual machines), ext4 passes
    over every inode freed in the last ``dirty_expire_centisecs`` (30 s by default, 5 s more
    while its table is not yet written) when it allocates a new one, reading the inode's table
    entry for each: a build that makes thousands of files and folders right after thousands
    were removed (the previous output) spent up to 40 % of its processor time in that scan
    (`perf`: ext4's ``recently_deleted``), and how much depended on how many files any tool had
    removed in the last half minute. Measured after that wait, each build pays for its own
    files only. With a journal ext4 makes no such scan (see `file_system`)."""
    if file_system(folder) != "ext4 without a journal":
        return 1.0
    try:
        centiseconds = int(Path("/proc/sys/vm/dirty_expire_centisecs").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return 1.0
    return centiseconds / 100 + 6


def file_system(folder: Path) -> str:
    """The kind of file system ``folder`` lies on, as far as Linux's /proc and /sys tell it
    without privileges: an ext4 volume keeps a journal if jbd2 lists its device."""
    try:
        device = os.stat(folder).st_dev
        name = Path(os.path.realpath(f"/sys/dev/block/{os.major(device)}:{os.minor(device)}")).name
    except OSError:
        return "unknown"
    if not name or not Path("/proc/fs/ext4", name).is_dir():
        where = Path(os.path.realpath(folder))
        mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines()]
        holding = [(point, kind) for point, kind in mounts if where.is_relative_to(point)]
        return max(holding, key=lambda mount: len(mount[0]))[1] if holding else "unknown"
    journaled = any(entry.name.startswith(f"{name}-") for entry in Path("/proc/fs/jbd2").glob("*"))
    return "ext4 with a journal" if journaled else "ext4 without a journal"


def _settle(wait: float = 1.0) -> None:
    """Flush pending writes (a fresh corpus, a removed output folder) before a timed build, so
    that the kernel's write-back does not slow whichever tool happens to run next; then wait
    ``wait`` seconds."""
    os.sync()
    time.sleep(wait)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _record(result: Result, sample: Sample, run: int, repeat: int) -> None:
    result.samples.append(sample)
    progress(
        f"  {result.name} {run}/{repeat}: {sample.wall_s:.2f} s wall, {sample.cpu_s:.2f} s CPU, "
        f"{sample.peak_rss_kib / 1024:.0f} MiB peak RSS, {sample.peak_pss_kib / 1024:.0f} MiB peak PSS, "
        f"{sample.max_processes} process(es)"
    )


def fresh_builds(
    builds: dict[str, Callable[[Path], list[Step]]],
    out_root: Path,
    logs: Path,
    repeat: int,
    before: dict[str, Callable[[], object]] | None = None,
) -> dict[str, Result]:
    """Each build K times from an absent output folder, interleaved so drift hits all tools
    alike; ``before[name]()`` runs before each of that build's runs, outside the timing."""
    results = {name: Result(name) for name in builds}
    wait = _freed_inodes_wait(out_root)
    for run in range(1, repeat + 1):
        for name, steps in builds.items():
            output = out_root / _dirname(name)
            _remove(output)
            if before and name in before:
                before[name]()
            _settle(wait)  # every tool's build, Hugo's too, after the same wait (see `_freed_inodes_wait`)
            _record(results[name], measure(steps(output), logs / f"{_dirname(name)}.log"), run, repeat)
    for name in builds:
        results[name].files = _count_files(out_root / _dirname(name))
    return results


def _built_before(source: Path, output: Path, log: Path) -> None:
    """A build into ``output`` (not counted), then the output removed: the cache is as a build
    into an emptied folder finds it."""
    measure(pressroom_steps(source, output, "--no-search"), log)
    _remove(output)


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
            _remove(self.source)
            shutil.copytree(self.corpus_root, self.source)
            progress("  the edited copy of the corpus built once (not counted)")
            log = self.logs / "pressroom-edited-warm-up.log"
            measure(pressroom_steps(self.source, self.output, "--no-search"), log)
            _remove(self.output)
        self.runs += 1
        releases = sorted((self.source / "content" / "de").rglob("*.md"))
        target = releases[(len(releases) // 4 + self.runs) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde vor einem kalten Build angefügt (Lauf {self.runs}).\n")


def _working_copy(corpus_root: Path, work: Path, name: str) -> tuple[Path, Path]:
    """A copy of the corpus that steps may edit, and an absent output folder for it."""
    source, output = work / f"{name}-corpus", work / "out" / f"pressroom-{name}"
    _remove(source)
    _remove(output)
    shutil.copytree(corpus_root, source)
    return source, output


def pressroom_incremental(
    corpus_root: Path, work: Path, logs: Path, repeat: int, with_search: bool = True
) -> list[Result]:
    """No-op, one-file edit and template edit rebuilds (without the search index, as the cold
    build they are compared with), and, ``with_search``, the one-file edit with the index and
    the search-index step, on a copy of the corpus. Each timed run starts after the wait for
    freed inodes, as a fresh build does (`_freed_inodes_wait`): a rebuild writes each page
    beside its old self and renames it over it, freeing the old one."""
    wait = _freed_inodes_wait(work)

    def settled(steps: list[Step], log: Path) -> Sample:
        _settle(wait)
        return measure(steps, log)

    source, output = _working_copy(corpus_root, work, "incremental")
    log = logs / "pressroom-incremental.log"
    progress("pressroom incremental steps: first build (not counted)")
    search_output = work / "out" / "pressroom-incremental-search"
    if with_search:
        measure(pressroom_steps(source, output), log)
        _remove(search_output)
        shutil.copytree(output, search_output, symlinks=True)
    measure(pressroom_steps(source, output, "--no-search"), log)

    noop = Result("pressroom --no-search no-op rebuild")
    for run in range(1, repeat + 1):
        _record(noop, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)

    edit = Result("pressroom --no-search one-file edit rebuild")
    releases = sorted((source / "content" / "de").rglob("*.md"))
    for run in range(1, repeat + 1):
        target = releases[(len(releases) // 2 + run) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde für den Benchmark angefügt (Lauf {run}).\n")
        _record(edit, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)
    edit.note = "a sentence appended to one German release before each run"

    template = Result("pressroom --no-search template edit rebuild")
    shutil.copytree(PROJECT / "templates", source / "templates")
    progress("  site-root templates copied in; one build (not counted)")
    measure(pressroom_steps(source, output, "--no-search"), log)
    base = source / "templates" / "base.html"
    for run in range(1, repeat + 1):
        with base.open("a", encoding="utf-8") as file:
            file.write(f"<!-- benchmark template edit {run} -->\n")
        _record(template, settled(pressroom_steps(source, output, "--no-search"), log), run, repeat)
    template.note = "a comment appended to SITE/templates/base.html (a copy of the project's) before each run"
    noop.files = edit.files = template.files = _count_files(output)
    if not with_search:
        return [noop, edit, template]

    edit_search = Result(targets.EDIT_SEARCH)
    progress("  the search build's folder brought up to date (not counted)")
    measure(pressroom_steps(source, search_output), log)
    for run in range(1, repeat + 1):
        target = releases[(len(releases) // 3 + run) % len(releases)]
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nDieser Satz wurde für den Benchmark angefügt (Suche, Lauf {run}).\n")
        _record(edit_search, settled(pressroom_steps(source, search_output), log), run, repeat)
    edit_search.note = "the editors' command (with the search index): a sentence appended to one German release"
    edit_search.files = _count_files(search_output)

    search = Result("pressroom search index only")
    steps = search_index_steps(source, search_output)
    if steps is None:
        search.note = "skipped: pressroom has no separate search indexing step yet (fill in search_index_steps)"
        progress(f"  {search.note}")
    else:
        search.note = "pressroom.output.search.index_site() on the built site, in a fresh Python process"
        for run in range(1, repeat + 1):
            _record(search, settled(steps, log), run, repeat)
        search.files = _count_files(search_output)
    return [noop, edit, template, edit_search, search]


PREVIEW_DONE = re.compile(r"rebuilt the (\d+) pages showing the edit \((\d+) changed\) in ([\d.]+) s")
PREVIEW_TIMEOUT = 1800.0
"""Seconds the preview server may take for its first, full build."""


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _wait_for_log(log: Path, start: int, pattern: re.Pattern[str], deadline: float) -> re.Match[str]:
    while time.perf_counter() < deadline:
        found = pattern.search(log.read_text(encoding="utf-8", errors="replace")[start:])
        if found:
            return found
        time.sleep(0.01)
    raise BuildFailed(f"timed out waiting for {pattern.pattern!r} in {log}")


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
    _settle()
    with log.open("ab") as out:
        server = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    sampler = TreeSampler(server.pid)
    sampler.start()
    quick = Result("pressroom preview: one-file edit, quick rebuild")
    latency = Result("pressroom preview: one-file edit, save to pages written")
    pages: list[str] = []
    try:
        _wait_for_log(log, 0, re.compile(r"serving .* at http"), time.perf_counter() + PREVIEW_TIMEOUT)
        releases = sorted((source / "content" / "de").rglob("*.md"))
        for run in range(1, repeat + 1):
            target = releases[(len(releases) // 3 + 101 * run) % len(releases)]
            sentence = f"Dieser Satz wurde im Vorschau-Benchmark angefügt (Lauf {run})."
            time.sleep(1.0)
            seen = len(log.read_text(encoding="utf-8", errors="replace"))
            cpu_before = _cpu_seconds(_tree(server.pid))
            started = time.perf_counter()
            with target.open("a", encoding="utf-8") as file:
                file.write(f"\n{sentence}\n")
            done = _wait_for_log(log, seen, PREVIEW_DONE, started + 60)
            waited = time.perf_counter() - started
            cpu = _cpu_seconds(_tree(server.pid)) - cpu_before
            page = output / "de" / "releases" / target.parent.name / target.stem / "index.html"
            if not page.is_file():
                progress(f"  warning: {page} not found; the edit's page was not checked")
            elif sentence not in page.read_text(encoding="utf-8"):
                raise BuildFailed(f"the preview did not show the edit of {target} in {page}")
            pages.append(done.group(1))
            for result, wall in ((quick, float(done.group(3))), (latency, waited)):
                sample = Sample(wall, cpu, sampler.peak_kib, sampler.peak_pss_kib, sampler.processes)
                _record(result, sample, run, repeat)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        sampler.stop()
    quick.files = latency.files = _count_files(output)
    quick.note = (
        f"the server's own time for a sentence appended to one German release, {', '.join(pages)} pages "
        "rendered per edit; memory: the server with the model in memory, over its life; CPU: the server during the edit"
    )
    latency.note = "from saving the file to the server's log line (inotify, 80 ms debounce, rebuild)"
    return [quick, latency]


# --- reporting -------------------------------------------------------------------------------


def _ratio(value: float, base: float | None) -> str:
    if base is None or base != base or base <= 0 or value != value:
        return "–"
    return f"{value / base:.2f}×"


def _row(result: Result, hugo: Result | None) -> str:
    if not result.samples:
        return f"| {result.name} | – | – | – | – | – | – | – | – | – | {result.note} |"
    wall, rss = result.median("wall_s"), result.median("peak_rss_kib") / 1024
    walls = [s.wall_s for s in result.samples]
    hugo_wall = hugo.median("wall_s") if hugo and hugo.samples else None
    hugo_rss = hugo.median("peak_rss_kib") / 1024 if hugo and hugo.samples else None
    hugo_cpu = hugo.median("cpu_s") if hugo and hugo.samples else None
    spread = f"{min(walls):.2f}–{max(walls):.2f}"
    cpu = result.median("cpu_s")
    pss = result.median("peak_pss_kib") / 1024
    processes = max(s.max_processes for s in result.samples)
    return (
        f"| {result.name} | {wall:.2f} | {spread} | {_ratio(wall, hugo_wall)} | {rss:.0f} | {_ratio(rss, hugo_rss)} "
        f"| {pss:.0f} | {processes} | {cpu:.2f} | {_ratio(cpu, hugo_cpu)} | {result.files or '–'} |"
    )


def _paired(fresh: dict[str, Result], hugo: Result | None) -> list[str]:
    """Wall-time ratios within each round: the builds of one round run back to back, so a
    slow spell of the machine weighs on both sides of a ratio alike."""
    if hugo is None or not hugo.samples:
        return []
    lines = []
    for result in fresh.values():
        if result is hugo or len(result.samples) != len(hugo.samples):
            continue
        ratios = [s.wall_s / h.wall_s for s, h in zip(result.samples, hugo.samples, strict=True) if h.wall_s > 0]
        if ratios:
            lines.append(f"- {result.name}, wall × Hugo round by round: {_listed(ratios)}")
    pelican, ours = fresh.get("pelican"), fresh.get("pressroom --no-search")
    if pelican and ours and pelican.samples and len(pelican.samples) == len(ours.samples):
        ratios = [p.wall_s / o.wall_s for p, o in zip(pelican.samples, ours.samples, strict=True) if o.wall_s > 0]
        lines.append(f"- pelican's wall over pressroom's, round by round: {_listed(ratios)}")
    return ["", *lines] if lines else []


def _listed(ratios: list[float]) -> str:
    return ", ".join(f"{r:.2f}×" for r in ratios) + f" (median {statistics.median(ratios):.2f}×)"


def markdown(fresh: dict[str, Result], incremental: list[Result], info: dict[str, object]) -> str:
    hugo = fresh.get("hugo")
    header = (
        "| build | wall s (median) | wall s (min–max) | time × Hugo | peak RSS MiB (median) | memory × Hugo "
        "| peak PSS MiB | processes | CPU s (median) | CPU × Hugo | output files |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [
        f"Corpus: {info['corpus']}; {info['repeat']} runs each; "
        f"{info['cpus']} CPUs (load average {info['load_average_start']} at start, {info['load_average_end']} at end); "
        f"output on {info['file_system']}; "
        f"Python {info['python']}; {info['hugo_version']}; pelican {info['pelican_version']}; "
        f"pressroom {info['pressroom_commit']}.",
        "",
        header,
    ]
    lines += [_row(result, hugo) for result in fresh.values()]
    lines += _paired(fresh, hugo)
    if incremental:
        lines += ["", header]
        lines += [_row(result, hugo) for result in incremental]
        notes = [f"- {r.name}: {r.note}" for r in incremental if r.note]
        lines += ["", *notes] if notes else []
    return "\n".join(lines)


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout.strip() or done.stderr.strip()).splitlines()[0] if done.stdout or done.stderr else "?"


def _pressroom_revision() -> str:
    """The checkout's commit, marked when pressroom's code, templates or catalogs have uncommitted changes.

    A copy exported with ``git archive`` (to benchmark a fixed tree while the checkout changes)
    has no history: ``PRESSROOM_REVISION`` names its commit."""
    exported = os.environ.get("PRESSROOM_REVISION")
    if exported:
        return f"{exported}'s tree (run from an exported copy)"
    if not (PROJECT / ".git").exists():
        return "unknown (not a git checkout; set PRESSROOM_REVISION)"
    commit = _version(["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"])
    status = subprocess.run(
        ["git", "-C", str(PROJECT), "status", "--porcelain", "--", "pressroom", "templates", "locales", "build.py"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{commit} + uncommitted changes" if status.stdout.strip() else commit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark pressroom against Hugo and Pelican.")
    parser.add_argument("--releases", type=int, required=True, metavar="N", help="releases in the corpus")
    parser.add_argument("--repeat", type=int, default=3, metavar="K", help="runs per build (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--skip-hugo", action="store_true", help="do not build with Hugo")
    parser.add_argument("--skip-pelican", action="store_true", help="do not build with Pelican")
    parser.add_argument("--skip-incremental", action="store_true", help="skip pressroom's rebuild steps")
    parser.add_argument("--skip-preview", action="store_true", help="skip the one-file edits in the preview server")
    parser.add_argument(
        "--skip-search", action="store_true", help="skip the pressroom build with search (Pagefind) indexing"
    )
    parser.add_argument(
        "--skip-nothing-kept",
        action="store_true",
        help="skip pressroom's build with an empty cache (a fresh clone's: draws every share card)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON on stdout instead of the Markdown table")
    parser.add_argument("--workdir", type=Path, default=None, help="default: benchmarks/.work/n<N>-s<seed>")
    args = parser.parse_args(argv)
    if args.releases < 1 or args.repeat < 1:
        parser.error("--releases and --repeat must be positive")

    work: Path = args.workdir or WORK / f"n{args.releases}-s{args.seed}"
    load_before = os.getloadavg()[0]
    if load_before > 0.5 * (os.cpu_count() or 1):
        progress(f"warning: load average {load_before:.1f} at start; timings will be noisy on a busy machine")
    logs = work / "logs"
    _remove(logs)
    started = time.perf_counter()
    progress(f"generating the corpus in {work / 'corpus'}")
    t0 = time.perf_counter()
    corpus = corpus_mod.generate(work / "corpus", args.releases, args.seed)
    generated_s = time.perf_counter() - t0
    progress(f"  {corpus_mod.describe(corpus)} ({generated_s:.1f} s)")

    compile_pressroom()
    builds: dict[str, Callable[[Path], list[Step]]] = {}
    before: dict[str, Callable[[], object]] = {}
    if pressroom_supports("--no-search"):
        # Nothing of an earlier build kept: a fresh clone's first build (bodies parsed, every
        # share card drawn). Run first in each round, so the rows after it find the cache full.
        if not args.skip_nothing_kept:
            builds[targets.NOTHING_KEPT] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
            before[targets.NOTHING_KEPT] = lambda: _remove(corpus.root / ".pressroom-cache")
        # Every page rendered, no Markdown parsed: the rendered pages removed from the cache,
        # its bodies, images and cards kept (what a template edit costs).
        builds[targets.PAGES_RENDERED] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
        before[targets.PAGES_RENDERED] = lambda: _remove(corpus.root / ".pressroom-cache" / "pages")
        # Hugo and Pelican index nothing for search: this is the like-for-like pressroom build
        # (output removed; the cache folder beside the content kept, as between two builds).
        builds[targets.NO_SEARCH] = lambda out: pressroom_steps(corpus.root, out, "--no-search")
        # Between two builds the cache holds the model the last one kept for the folder; the row
        # without anything kept removes it in every round, so a build into the folder (not
        # counted) leaves it again first.
        before[targets.NO_SEARCH] = lambda: _built_before(
            corpus.root, work / "out" / _dirname(targets.NO_SEARCH), logs / "pressroom-no-search-before.log"
        )
        # The same after a sentence appended to one release (a CI job after a commit): the
        # cache is kept, but the last build's model is not that of these inputs, so the
        # content is read again (on a copy of the corpus, edited before each run).
        edited = EditedCopy(corpus.root, work, logs, work / "out" / _dirname(targets.AFTER_EDIT))
        builds[targets.AFTER_EDIT] = lambda out: pressroom_steps(edited.source, out, "--no-search")
        before[targets.AFTER_EDIT] = edited.edit
    if not args.skip_search:
        # The search bundles removed from the cache: Pagefind indexes every language again
        # (the pages are kept, as in the row without search).
        builds[targets.DEFAULT_INDEXED] = lambda out: pressroom_steps(corpus.root, out)
        before[targets.DEFAULT_INDEXED] = lambda: _remove(corpus.root / ".pressroom-cache" / "search")
        builds[targets.DEFAULT] = lambda out: pressroom_steps(corpus.root, out)
    if not args.skip_hugo:
        others.make_hugo_site(corpus.root, work / "hugo-site")
        builds["hugo"] = lambda out: others.hugo_steps(work / "hugo-site", out, work / "hugo-cache")
        if not args.skip_search:
            builds[targets.HUGO_PAGEFIND] = lambda out: [
                *others.hugo_steps(work / "hugo-site", out, work / "hugo-cache"),
                others.pagefind_step(out),
            ]
    if not args.skip_pelican:
        others.make_pelican_sites(corpus.root, work / "pelican-site")
        builds["pelican"] = lambda out: others.pelican_steps(work / "pelican-site", out)

    builds = targets.in_round_order(builds)
    try:
        if args.skip_nothing_kept and targets.PAGES_RENDERED in builds:
            # The rows that keep the cache would otherwise find it empty in their first round.
            # Made into the folder of the row that renders every page: the model a build keeps
            # is that folder's, so the row's first round reads it as its later rounds do.
            progress("one build to fill pressroom's cache (not counted)")
            warm = work / "out" / _dirname(targets.PAGES_RENDERED)
            _remove(warm)
            measure(pressroom_steps(corpus.root, warm, "--no-search"), logs / "pressroom-warm-up.log")
            _remove(warm)
        progress(f"fresh builds, {args.repeat} runs each: {', '.join(builds)}")
        fresh = fresh_builds(builds, work / "out", logs, args.repeat, before)
        incremental = (
            []
            if args.skip_incremental
            else pressroom_incremental(corpus.root, work, logs, args.repeat, with_search=not args.skip_search)
        )
        if not args.skip_preview:
            incremental += pressroom_preview(corpus.root, work, logs, args.repeat)
    except BuildFailed as failed:
        progress(f"build failed: {failed}")
        return 1

    info: dict[str, object] = {
        "releases": args.releases,
        "seed": args.seed,
        "repeat": args.repeat,
        "corpus": corpus_mod.describe(corpus),
        "corpus_files": corpus.files,
        "corpus_seconds": round(generated_s, 2),
        "cpus": os.cpu_count(),
        "file_system": file_system(work),
        "python": platform.python_version(),
        "hugo_version": "Hugo skipped" if args.skip_hugo else _version([str(others.hugo_binary()), "version"]),
        "pelican_version": "skipped"
        if args.skip_pelican
        else _version([sys.executable, "-c", "import pelican; print(pelican.__version__)"]),
        "pressroom_commit": _pressroom_revision(),
        "total_seconds": round(time.perf_counter() - started, 1),
        "load_average_start": round(load_before, 2),
        "load_average_end": round(os.getloadavg()[0], 2),
    }
    if args.json:
        report = {
            "info": info,
            "fresh": [r.summary() for r in fresh.values()],
            "incremental": [r.summary() for r in incremental],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(markdown(fresh, incremental, info))
        print()
        print(targets.report(fresh, incremental))
    progress(f"total {info['total_seconds']} s; logs in {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
