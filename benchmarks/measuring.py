"""Measuring one build: a child process tree's wall and processor time, peak RSS and PSS, and
the machine around it (its file system, writes flushed, the wait for freed inodes).

Measured of each build, run in a fresh child process (`measure`):

- wall time: from start to exit of the child, ``time.perf_counter``;
- CPU time: user + system of the child and its waited-for descendants (``os.wait4``);
- peak memory: the larger of the child's own peak RSS from ``os.wait4`` (``ru_maxrss``, the
  kernel's high-water mark, exact for a single-process build) and the peak of the *sum* of the
  RSS of every process in the child's tree, sampled from ``/proc`` every 20 ms (which catches
  multi-process builds; shared pages count once per process);
- peak PSS: the peak of the tree's summed proportional set size (``/proc/PID/smaps_rollup``),
  sampled alongside, where pages shared by forked workers count once: the fairer total for a
  build that forks, next to the number of processes seen at once.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from others import Step

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_SECONDS = 0.02
PSS_SAMPLE_SECONDS = 0.1


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


def tree(root: int) -> list[int]:
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
            pids = tree(self.pid)
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
            settle()
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


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def dirname(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def freed_inodes_wait(folder: Path) -> float:
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


def settle(wait: float = 1.0) -> None:
    """Flush pending writes (a fresh corpus, a removed output folder) before a timed build, so
    that the kernel's write-back does not slow whichever tool happens to run next; then wait
    ``wait`` seconds."""
    os.sync()
    time.sleep(wait)


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def record(result: Result, sample: Sample, run: int, repeat: int) -> None:
    result.samples.append(sample)
    progress(
        f"  {result.name} {run}/{repeat}: {sample.wall_s:.2f} s wall, {sample.cpu_s:.2f} s CPU, "
        f"{sample.peak_rss_kib / 1024:.0f} MiB peak RSS, {sample.peak_pss_kib / 1024:.0f} MiB peak PSS, "
        f"{sample.max_processes} process(es)"
    )


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wait_for_log(log: Path, start: int, pattern: re.Pattern[str], deadline: float) -> re.Match[str]:
    while time.perf_counter() < deadline:
        found = pattern.search(log.read_text(encoding="utf-8", errors="replace")[start:])
        if found:
            return found
        time.sleep(0.01)
    raise BuildFailed(f"timed out waiting for {pattern.pattern!r} in {log}")
