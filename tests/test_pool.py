"""generator.pool: the build's shared workers run the costliest waiting job first and report errors faithfully."""
from __future__ import annotations

import os
import pickle
import time
from concurrent.futures import CancelledError

import pytest

from generator.errors import GuideError
from generator.model import Location
from generator.pool import Pool


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def stamp(label: str, seconds: float) -> tuple[str, float]:
    time.sleep(seconds)
    return label, time.monotonic()


def fail_located() -> None:
    raise GuideError.at(Location("guide.yaml", 3), "checklist does not fit")


def test_jobs_run_in_worker_processes():
    pool = Pool(workers=2, pdf=False)
    try:
        pids = {pool.submit(1.0, pid_after, 0.2).result() for _ in range(4)}
    finally:
        pool.close()
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


PRELOADED: list[int] = []
"""Filled by ``preload`` in the first worker (this module is its own preload module)."""


def preload() -> None:
    PRELOADED.append(os.getpid())


def preloaded_by() -> tuple[int, list[int]]:
    time.sleep(0.2)  # both workers busy at once: each answers for itself
    return os.getpid(), list(PRELOADED)


def test_preload_runs_once_before_the_fork():
    """Every worker sees what the first one preloaded, and nobody preloaded it again (the main process neither)."""
    pool = Pool(workers=2, pdf=False, preload=(__name__,))
    try:
        answers = [pool.submit(1.0, preloaded_by) for _ in range(2)]
        results = [answer.result() for answer in answers]
    finally:
        pool.close()
    first = results[0][1]
    assert len({pid for pid, _ in results}) == 2 and len(first) == 1
    assert all(seen == first for _, seen in results) and PRELOADED == []


def test_costliest_waiting_job_starts_first():
    """One worker stays busy; the other frees up and takes the three jobs queued meanwhile, highest cost first."""
    pool = Pool(workers=2, pdf=False)
    try:
        long_busy = pool.submit(9.0, stamp, "long", 2.0)
        pool.submit(9.0, stamp, "short", 0.3)
        queued = [pool.submit(cost, stamp, label, 0.1) for label, cost in (("small", 0.1), ("big", 5.0), ("mid", 1.0))]
        finished = sorted((future.result() for future in queued), key=lambda pair: pair[1])
        assert not long_busy.done(), "the queued jobs ran one after the other on the freed worker"
    finally:
        pool.close()
    assert [label for label, _ in finished] == ["big", "mid", "small"]


def test_one_worker_runs_jobs_in_the_calling_thread():
    pool = Pool(workers=1)
    assert pool.run(1.0, pid_after, 0.0) == os.getpid()
    pool.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_located_error_in_a_job_arrives_whole(workers):
    pool = Pool(workers=workers, pdf=False)
    try:
        with pytest.raises(GuideError) as caught:
            pool.run(1.0, fail_located)
    finally:
        pool.close()
    assert str(caught.value.diagnostics[0]) == "guide.yaml:3: error: checklist does not fit"


def test_guide_error_pickles_with_its_diagnostics():
    error = GuideError.at(Location("m.md", 7), "bad pin")
    assert pickle.loads(pickle.dumps(error)).diagnostics == error.diagnostics


def test_close_with_cancel_drops_waiting_jobs():
    pool = Pool(workers=2, pdf=False)
    running = [pool.submit(9.0, stamp, "busy", 0.5) for _ in range(2)]
    waiting = pool.submit(1.0, stamp, "never", 0.0)
    pool.close(cancel=True)
    with pytest.raises(CancelledError):
        waiting.result()
    assert all(f.done() for f in running)
    late = pool.submit(1.0, stamp, "late", 0.0)
    with pytest.raises(CancelledError):
        late.result()


def test_cancel_waiting_keeps_the_workers_for_the_next_build():
    """What a failed build does to the pool `studygen watch` shares: waiting jobs dropped, running ones awaited,
    the workers kept."""
    pool = Pool(workers=2, pdf=False)
    try:
        running = [pool.submit(9.0, stamp, "busy", 0.3) for _ in range(2)]
        waiting = pool.submit(1.0, stamp, "never", 0.0)
        pool.cancel_waiting()
        assert all(f.done() and not f.cancelled() for f in running)
        assert waiting.cancelled()
        assert pool.run(1.0, stamp, "next", 0.0)[0] == "next"
    finally:
        pool.close()


def test_a_pool_whose_workers_are_gone_fails_jobs_instead_of_hanging():
    import signal

    pool = Pool(workers=2, pdf=False)
    try:
        pids = {pool.run(1.0, pid_after, 0.3) for _ in range(4)}  # both workers have started and reported
        for pid in pool._pids.values():
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not pool.broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.broken and pids
        with pytest.raises(Exception, match="no worker process is left"):
            pool.run(1.0, pid_after, 0.0)
    finally:
        pool.close(cancel=True)


def test_a_worker_that_dies_idle_gets_no_more_jobs():
    """One of two workers is killed between jobs: every later job still runs, on the other one."""
    import signal

    pool = Pool(workers=2, pdf=False)
    try:
        futures = [pool.submit(1.0, pid_after, 0.3) for _ in range(2)]
        pids = {f.result() for f in futures}
        assert len(pids) == 2
        victim = min(pids)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while len(pool._free) == 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # until the reader thread has seen the pipe close
        assert {pool.run(1.0, pid_after, 0.0) for _ in range(4)} == pids - {victim}
    finally:
        pool.close(cancel=True)



IN_PROCESS = """
import gc
from generator.render import pdf
pdf.render('<link rel="stylesheet" href="fonts.css" /><p style="font-family: StudySans">x</p>').write_pdf()
gc.freeze()  # as the CLI does at exit
"""


@pytest.mark.parametrize("how", ["build", "in process"])
def test_nothing_is_left_in_the_temporary_folder(tmp_path, make_guide, how):
    """WeasyPrint copies the fonts into a temporary folder that it removes only on garbage collection, which a
    worker's exit skips (2.6 MB per build): the pool's scratch folder and an exit hook remove it."""
    import subprocess
    import sys
    from pathlib import Path

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out"
    args = ["-m", "generator.cli", "build", "--only", "checklist", "--source", str(make_guide()), "--out", str(out)]
    run = subprocess.run([sys.executable, *(args if how == "build" else ["-c", IN_PROCESS])],
                         env={**os.environ, "TMPDIR": str(scratch)}, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr
    assert how != "build" or (out / "checklist.pdf").is_file()
    assert list(scratch.iterdir()) == []
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


def gc_settings() -> tuple[int, tuple[int, int, int]]:
    import gc

    return gc.get_freeze_count(), gc.get_threshold()


def test_workers_freeze_what_they_preloaded_and_collect_less_often():
    """The workers' garbage collector skips the preloaded objects and runs young collections less often."""
    from generator.pool import GC_THRESHOLD

    pool = Pool(workers=2, pdf=False, preload=("generator.render.checklist",))
    try:
        frozen, threshold = pool.run(1.0, gc_settings)
    finally:
        pool.close()
    assert frozen > 10_000 and threshold == GC_THRESHOLD


def descend(depth: int) -> int:
    """Recurse ``depth`` frames deep (each frame about 16 interpreter stack slots) and back."""
    a = b = c = depth
    return descend(depth - 1) + a - b - c + depth if depth else 0


def faults_while_descending(rounds: int = 200, depth: int = 400) -> int:
    """Page faults of this process while recursing ``depth`` frames deep and back, ``rounds`` times."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(rounds):
        descend(depth)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_deep_calls_in_jobs_do_not_map_a_stack_chunk_each_time():
    """A job whose call depth keeps crossing CPython's 16 KiB frame-chunk boundary does not map a fresh chunk (and
    fault its pages in) on every call: 400 frames of about 16 slots cross it from any ordinary stack."""
    import sys

    from generator.pool import with_stack_room

    if sys.version_info < (3, 13):  # CPython 3.13 and later keep a spare chunk (gh-142183): no faults either way
        assert faults_while_descending() >= 200  # the probe sees the thrashing: 2000 faults here (10 a round)
    # a few faults remain: the padded frame's own pages, and a forked worker's first writes to shared pages
    assert with_stack_room(faults_while_descending) <= 50
    assert Pool(workers=1).run(1.0, faults_while_descending) <= 50
    pool = Pool(workers=2, pdf=False)
    try:
        assert pool.run(1.0, faults_while_descending) <= 50
    finally:
        pool.close()
