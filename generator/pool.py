"""One set of worker processes per build, shared by every renderer; the costliest waiting job runs first.

Renderers run side by side in threads of the main process, where they only plan, build HTML and wait; their heavy
work (laying out PDFs, writing the Anki packages) goes to ``Pool.run``. The workers are forked when the build starts,
before the guide is read, and import WeasyPrint while the main process parses, so the first layout does not wait
for an import it could have overlapped. A job's arguments and result are pickled: jobs pass HTML strings or the guide (a few ms).
"""
from __future__ import annotations

import heapq
import itertools
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def _warm(pdf: bool) -> None:
    """Worker start-up: import WeasyPrint (and lay out a tiny page) while the main process reads the guide."""
    if pdf:
        from generator.render import pdf as pdf_module

        pdf_module.warm()


class Pool:
    """Runs jobs in worker processes, largest estimated cost first, at most one per worker at a time.

    With one worker (one CPU, or ``workers=1``) jobs run in the calling thread: no processes, same results.
    """

    def __init__(self, workers: int | None = None, pdf: bool = True) -> None:
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._waiting: list[tuple[float, int, Callable[..., Any], tuple[Any, ...], Future[Any]]] = []
        self._order = itertools.count()
        self._running = 0
        self._closed = False
        self._executor: ProcessPoolExecutor | None = None
        if self.workers > 1:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                                 initializer=_warm, initargs=(pdf,))
            for _ in range(self.workers):  # start every worker now (a fork pool starts them all at once)
                self._executor.submit(int)

    def run(self, cost: float, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in a worker and return its result (or raise its exception); blocks the thread."""
        return self.submit(cost, fn, *args).result()

    def submit(self, cost: float, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``fn(*args)``; among waiting jobs, the highest ``cost`` starts first."""
        future: Future[T] = Future()
        if self._closed:
            future.cancel()
            future.set_running_or_notify_cancel()
            return future
        if self._executor is None:
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
                future.set_exception(exc)
            return future
        with self._lock:
            heapq.heappush(self._waiting, (-cost, next(self._order), fn, args, future))
        self._dispatch()
        return future

    def _dispatch(self) -> None:
        while True:
            with self._lock:
                if self._running >= self.workers or not self._waiting or self._executor is None:
                    return
                _, _, fn, args, future = heapq.heappop(self._waiting)
                if not future.set_running_or_notify_cancel():
                    continue
                self._running += 1
                executor = self._executor
            try:
                inner = executor.submit(fn, *args)
            except RuntimeError as exc:  # shut down meanwhile (BrokenProcessPool is a RuntimeError too)
                self._finish(future, None, exc)
                continue
            inner.add_done_callback(lambda done, outer=future: self._finish(outer, done, None))

    def _finish(self, outer: Future[Any], done: Future[Any] | None, error: BaseException | None) -> None:
        with self._lock:
            self._running -= 1
            self._idle.notify_all()
        if done is not None:
            error = done.exception() if not done.cancelled() else RuntimeError("job cancelled")
        if error is not None:
            outer.set_exception(error)
        else:
            outer.set_result(done.result() if done is not None else None)
        self._dispatch()

    def cancel_waiting(self) -> None:
        """Drop the jobs not yet started (their futures raise CancelledError), then wait for the running ones: a
        failed build must not remove its staging folder while a worker still writes into it."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for *_, future in waiting:
            future.cancel()
        with self._idle:
            self._idle.wait_for(lambda: self._running == 0)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers; with ``cancel``, drop the waiting jobs (their futures raise CancelledError) and end
        the running ones (a failed or interrupted build, or workers still warming up for nothing)."""
        with self._lock:
            self._closed = True
            waiting, self._waiting = self._waiting, []
            executor, self._executor = self._executor, None
        for *_, future in waiting:
            future.cancel()
        if executor is None:
            return
        if cancel:
            terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
            if terminate is not None:
                terminate()
            else:
                for process in list(getattr(executor, "_processes", {}).values()):
                    process.terminate()
        executor.shutdown(wait=True, cancel_futures=cancel)
