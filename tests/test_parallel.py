"""Forked workers and signals: a pool shut down just after it started must not wait forever
for a worker that missed the SIGTERM meant to end it."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from pressroom.base import background, forking, parallel
from pressroom.base.parallel import run_ranges

_NOTES: list[Path] = []


def _note_at_fork() -> None:
    """In each forked child, before any of its own code: how SIGTERM stands."""
    if not _NOTES:
        return
    held = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    default = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    with open(_NOTES[0], "a", encoding="utf-8") as notes:
        notes.write(f"{'held' if held else 'open'} {'default' if default else 'python handler'}\n")


os.register_at_fork(after_in_child=_note_at_fork)

_TERMINATE_AT_FORK: list[bool] = []


def _terminate_at_fork() -> None:
    """In each forked child, while the flag is set: a SIGTERM sent to it at once, as one sent
    to a whole process group (a cancelled CI job, Ctrl-C) reaches a child forked that moment."""
    if _TERMINATE_AT_FORK:
        os.kill(os.getpid(), signal.SIGTERM)


os.register_at_fork(after_in_child=_terminate_at_fork)


def _sizes(start: int, stop: int) -> int:
    return stop - start


def test_workers_are_forked_with_sigterm_held_and_its_default_action(tmp_path, monkeypatch) -> None:
    """A SIGTERM that reached a worker before its initializer used to be noted for the parent's
    Python handler, then dropped when the initializer set the default action: that worker
    never ended, and the build hung. Held until the default action is in place, it ends it."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 10)
    _NOTES.append(tmp_path / "notes")
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)  # as the command line sets
    try:
        assert sum(run_ranges(_sizes, 400, 2)) == 400
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # the parent's own, back
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        signal.signal(signal.SIGTERM, previous)
        _NOTES.clear()
    notes = (tmp_path / "notes").read_text(encoding="utf-8").splitlines()
    assert len(notes) == 2
    assert set(notes) == {"held default"}


def test_workers_forked_from_another_thread_start_with_sigterm_held(tmp_path, monkeypatch) -> None:
    """The preview server rebuilt in a timer thread, where signal dispositions cannot be set:
    its workers started with SIGTERM open to the parent's Python handler, and the race above
    (a SIGTERM before the initializer, noted and dropped) left a worker that never ended, so
    every later rebuild waited for ever. Held by the forking thread's own mask, the signal
    waits for the initializer whatever thread starts the pool."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 10)
    _NOTES.append(tmp_path / "notes")
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)  # as the command line sets
    results: list[int] = []
    try:
        worker = threading.Thread(target=lambda: results.append(sum(run_ranges(_sizes, 400, 2))), daemon=True)
        worker.start()
        worker.join(60)
        assert not worker.is_alive(), "run_ranges in a thread did not return"
        # The thread's mask was given back, and the main thread's was never touched.
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        signal.signal(signal.SIGTERM, previous)
        _NOTES.clear()
    assert results == [400]
    notes = (tmp_path / "notes").read_text(encoding="utf-8").splitlines()
    assert len(notes) == 2
    assert set(notes) == {"held python handler"}


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails() -> None:
    raise FileNotFoundError(2, "gone", "/somewhere")


def test_background_work_runs_beside_the_caller_and_hands_back_its_result() -> None:
    work = background.Background(lambda: _pid_and(21))
    pid, value = work.result()
    assert value == 42
    assert pid != os.getpid()  # another process: no lock of this interpreter shared with it


def test_background_work_that_fails_raises_in_the_caller() -> None:
    work = background.Background(_fails)
    try:
        work.result()
    except FileNotFoundError as error:
        assert error.filename == "/somewhere"
    else:
        raise AssertionError("the error was lost")


def test_background_work_killed_on_the_way_is_an_error_not_a_hang() -> None:
    work = background.Background(lambda: os.kill(os.getpid(), signal.SIGKILL))
    try:
        work.result()
    except ChildProcessError as error:
        assert "-9" in str(error)
    else:
        raise AssertionError("no error")


def test_background_work_is_done_here_when_no_process_can_be_started(monkeypatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(background.os, "fork", refused)
    pid, value = background.Background(lambda: _pid_and(4)).result()
    assert (pid, value) == (os.getpid(), 8)


def test_background_work_whose_result_cannot_travel_is_an_error() -> None:
    try:
        background.Background(lambda: threading.Lock()).result()
    except ChildProcessError as error:
        assert "not sent" in str(error)
    else:
        raise AssertionError("no error")


def test_a_sigterm_at_a_background_fork_ends_the_child_without_the_callers_handler(tmp_path) -> None:
    """A SIGTERM that reached a background process as it was forked was let through in the
    child when the child, too, left the block that held it, to the caller's own handler: a
    build cancelled as its head start began printed "interrupted" once per such child, and
    each unwound the caller's code as if it were the caller (a build's staging folder removed
    under it). Held until the child has SIGTERM's default action, it ends the child alone."""
    parent = os.getpid()
    ran = tmp_path / "handler ran in the child"

    def handler(number: int, frame: object) -> None:
        if os.getpid() != parent:
            ran.write_text("the caller's handler ran in the child", encoding="utf-8")
            os._exit(3)  # never go on with the test runner's code in a forked copy of it

    previous = signal.signal(signal.SIGTERM, handler)  # as the command line sets
    _TERMINATE_AT_FORK.append(True)
    try:
        work = background.Background(lambda: _pid_and(5))
    finally:
        _TERMINATE_AT_FORK.clear()
        signal.signal(signal.SIGTERM, previous)
    with pytest.raises(ChildProcessError, match=f"ended with -{int(signal.SIGTERM)}"):
        work.result()
    assert not ran.exists()


def test_background_work_leaves_no_process_behind_and_prints_nothing_twice(capfd) -> None:
    print("written before the fork", end="")  # still in this process's buffer when it forks
    works = [background.Background(lambda n=n: (os.getpid(), n * n)) for n in range(5)]
    results = [work.result() for work in works]
    assert [value for _, value in results] == [0, 1, 4, 9, 16]
    sys.stdout.flush()
    assert capfd.readouterr().out == "written before the fork"
    for pid, _ in results:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # waited for already: no process left behind


def test_ranges_cover_every_item_once_in_order_whatever_the_count() -> None:
    for total in (0, 1, 2, 7, 150, 4_854, 48_540):
        for jobs in (1, 2, 3, 8):
            ranges = parallel.chunks(total, jobs)
            covered = [index for start, stop in ranges for index in range(start, stop)]
            assert covered == list(range(total)), (total, jobs)


def test_ranges_shrink_towards_the_end_so_workers_finish_together() -> None:
    # With equal ranges, one worker of two was still on its last eighth of the pages while the
    # other had nothing left to do.
    total, jobs = 4_854, 2
    sizes = [stop - start for start, stop in parallel.chunks(total, jobs)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] > 3 * sizes[-2]
    assert max(sizes[-3:]) <= total // jobs // parallel.SMALLEST_SHARE
    assert len(sizes) <= 4 * parallel.SMALLEST_SHARE


def test_the_last_ranges_are_short_however_large_the_site() -> None:
    sizes = [stop - start for start, stop in parallel.chunks(48_540, 2)]
    assert max(sizes[-3:]) <= parallel.SMALLEST_RANGE
    assert sizes[0] > 100 * parallel.SMALLEST_RANGE
    assert len(sizes) < 100


def test_results_come_back_in_range_order_from_shrinking_ranges(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    found = list(run_ranges(lambda start, stop: (start, stop), 500, 2))
    assert found == parallel.chunks(500, 2)
    assert len({stop - start for start, stop in found}) > 1


def _children() -> set[int]:
    """This process's living (or unwaited) children."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(entry.name))
    return found


def _fails_at(start: int, stop: int) -> int:
    if start > 0:
        raise FileNotFoundError(2, "gone", f"/page/{start}")
    return stop - start


def test_an_error_in_a_worker_is_raised_in_the_caller_with_the_workers_traceback(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    before = _children()
    results = []
    with pytest.raises(FileNotFoundError) as raised:
        for value in run_ranges(_fails_at, 400, 2):
            results.append(value)
    assert results == [parallel.chunks(400, 2)[0][1]]  # the first range's result came first
    assert raised.value.filename == "/page/" + str(parallel.chunks(400, 2)[1][0])
    assert isinstance(raised.value.__cause__, forking.RemoteTraceback)
    assert "_fails_at" in str(raised.value.__cause__)  # where it was raised, in the worker
    assert _children() == before  # every worker ended and waited for


def _dies_at(start: int, stop: int) -> int:
    if start > 0 and start == parallel.chunks(400, 2)[1][0]:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.5)  # the other worker's ranges would take seconds
    return stop - start


def test_a_worker_killed_on_the_way_is_an_error_not_a_hang(monkeypatch) -> None:
    """multiprocessing's pool replaced a killed worker and waited for ever for its range."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    before = _children()
    started = time.monotonic()
    with pytest.raises(ChildProcessError, match="ended with -9 before its work was done"):
        list(run_ranges(_dies_at, 400, 2))
    assert time.monotonic() - started < 5  # not after the other worker had done every range
    assert _children() == before


def _slow(start: int, stop: int) -> int:
    time.sleep(0.05)
    return stop - start


def test_a_caller_that_stops_early_leaves_no_worker_behind(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    before = _children()
    results = run_ranges(_slow, 400, 2)
    assert next(results) > 0
    results.close()  # as when the caller's loop raises
    assert _children() == before


def test_what_the_caller_printed_before_the_workers_is_printed_once(capfd, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    print("written before the workers", end="")  # still in this process's buffer
    assert sum(run_ranges(_sizes, 400, 2)) == 400
    sys.stdout.flush()
    assert capfd.readouterr().out == "written before the workers"


def test_every_range_is_taken_by_exactly_one_worker(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)

    def taken(start: int, stop: int) -> tuple[int, int, int]:
        time.sleep(0.002)  # long enough that one worker cannot take every range alone
        return os.getpid(), start, stop

    found = list(run_ranges(taken, 5_000, 3))
    assert [(start, stop) for _, start, stop in found] == parallel.chunks(5_000, 3)
    assert len({pid for pid, _, _ in found}) > 1  # shared between the workers
    assert os.getpid() not in {pid for pid, _, _ in found}


def test_more_ranges_than_a_pipe_holds_are_all_handed_out(monkeypatch) -> None:
    """The ranges' numbers go through a pipe; 60,000 of them (240 kB) do not fit at once, and
    the rest is written as the workers take the first."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "chunks", lambda total, jobs: [(i, i + 1) for i in range(total)])
    assert list(run_ranges(lambda start, stop: start, 60_000, 2)) == list(range(60_000))


def test_a_result_that_cannot_travel_is_an_error_in_the_caller(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    with pytest.raises(ChildProcessError, match="worker's result not sent"):
        list(run_ranges(lambda start, stop: threading.Lock(), 400, 2))


def test_the_caller_takes_ranges_too_beside_one_worker_fewer(monkeypatch) -> None:
    """Two workers each held a copy of the pages of the model they counted references on, beside
    the caller's original, while the caller only waited: with ``here`` it renders too."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    before = _children()

    def taken(start: int, stop: int) -> tuple[int, int, int]:
        time.sleep(0.002)
        return os.getpid(), start, stop

    found = list(run_ranges(taken, 5_000, 2, here=True))
    assert [(start, stop) for _, start, stop in found] == parallel.chunks(5_000, 2)
    pids = {pid for pid, _, _ in found}
    assert os.getpid() in pids and len(pids) == 2  # the caller and one worker
    assert _children() == before


def test_a_caller_at_work_still_hands_out_every_range_and_takes_large_results(monkeypatch) -> None:
    """Results wait in the worker's pipe while the caller is at a range of its own; far more than
    a pipe holds by default (64 KiB) arrive whole and in order, and tens of thousands of ranges
    (more than the shared pipe holds at once) are each done once."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)

    def large(start: int, stop: int) -> tuple[int, bytes]:
        if os.getpid() == caller:
            time.sleep(0.01)
        return start, bytes([start % 251]) * 200_000

    caller = os.getpid()
    found = list(run_ranges(large, 600, 2, here=True))
    assert [start for start, _ in found] == [start for start, _ in parallel.chunks(600, 2)]
    assert all(data == bytes([start % 251]) * 200_000 for start, data in found)
    monkeypatch.setattr(parallel, "chunks", lambda total, jobs: [(i, i + 1) for i in range(total)])
    assert list(run_ranges(lambda start, stop: start, 60_000, 2, here=True)) == list(range(60_000))


def test_a_worker_killed_while_the_caller_works_is_an_error_not_a_hang(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    caller, before, started = os.getpid(), _children(), time.monotonic()

    def dies(start: int, stop: int) -> int:
        if os.getpid() != caller:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.05)
        return stop - start

    with pytest.raises(ChildProcessError, match="ended with -9 before its work was done"):
        list(run_ranges(dies, 400, 2, here=True))
    assert time.monotonic() - started < 5
    assert _children() == before


def test_an_error_in_the_callers_own_range_is_raised_at_once_and_ends_the_workers(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    caller, before = os.getpid(), _children()

    def fails_here(start: int, stop: int) -> int:
        if os.getpid() == caller:
            raise FileNotFoundError(2, "gone", f"/page/{start}")
        time.sleep(0.05)
        return stop - start

    with pytest.raises(FileNotFoundError) as raised:
        list(run_ranges(fails_here, 400, 2, here=True))
    assert raised.value.filename.startswith("/page/")
    assert raised.value.__cause__ is None  # raised where it was, with its own traceback
    assert _children() == before
