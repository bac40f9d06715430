"""One set of worker processes per build, shared by every renderer; the costliest waiting job runs first.

Renderers run side by side in threads of the main process, where they plan and wait; their heavy work (building
and laying out PDFs, writing the Anki packages) goes to ``Pool.run``. A job's arguments and result are pickled:
jobs pass HTML strings, a module, or the guide (a few ms).

The workers start when the build starts, before the guide is read: one process imports what the jobs need
(WeasyPrint, the templates: each renderer's ``preload()``) while the main process parses, then forks the
other workers from itself, so all of it is imported once per build, not once per worker (WeasyPrint alone is about
0.35 CPU-s on this machine). It also lays out a tiny page to load the fonts. It is single-threaded at that point,
which makes the fork safe.
"""
from __future__ import annotations

import gc
import heapq
import importlib
import itertools
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from concurrent.futures import Future
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, TypeVar

from generator.errors import WorkerLost

T = TypeVar("T")

GC_THRESHOLD = (5000, 10, 10)
"""The workers' garbage collection: WeasyPrint allocates millions of short-lived objects, so young collections run
every 5000 allocations instead of Python's 700, what was preloaded before the fork is frozen out of collections,
and each job's garbage is collected after its result is sent. Against Python's defaults: cold build 5.24 s →
5.04 s (median of 8 runs, alternating order); the 10× guide's decks and sheets 31.8–32.4 s → 26.7 s with peak
memory 543–570 → 554–584 MB (two runs each). Raising the older generations' thresholds too (10000, 20, 20) took the
10× guide to 746 MB. The same settings in the main process measured no gain."""


STACK_ROOM = 16_500
"""Unused local slots in ``with_stack_room``'s frame (8 bytes each).

CPython 3.11 keeps frames in 16 KiB chunks and frees a chunk as soon as the first frame in it returns, so a loop
whose call depth keeps crossing a chunk boundary maps and unmaps 16 KiB on almost every call (CPython issue
gh-142183, fixed in 3.13 and 3.14 in 2026, not in 3.11). WeasyPrint's layout recursion does exactly that: a cold
build's two workers made about 43,000 mmap/munmap pairs and 35,000 page faults more. A frame this large gets a chunk
of its own of 256 KiB, which leaves about 16,000 slots (127 KiB) above it: far more than the deepest stack a job
reaches (about 85 frames of WeasyPrint's layout), so the boundary is never crossed. Cold builds, 8 of each in
alternating order: system time 0.68 s → 0.30 s, CPU time 9.04 s → 8.62 s, wall time 4.70 s → 4.52 s (medians; page
faults 96,000 → 61,000); the same outputs, byte for byte."""


def with_stack_room(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, called from a frame padded to STACK_ROOM slots (see there); not to be nested."""
    return fn(*args)


def _pad_frame(function: Callable[..., Any], slots: int) -> None:
    """Give ``function``'s frame ``slots`` more local variables, never bound (CPython only; elsewhere a no-op)."""
    code = function.__code__
    names = code.co_varnames + tuple(f"_room{i}" for i in range(slots))
    try:
        function.__code__ = code.replace(co_varnames=names, co_nlocals=len(names))
    except (AttributeError, TypeError, ValueError):  # an interpreter without CPython's code objects
        pass


_pad_frame(with_stack_room, STACK_ROOM)


def _serve(conn: Connection) -> None:
    """A worker's loop: run each (function, args) received, send back ("ok", result) or ("error", exception)."""
    conn.send(("pid", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        fn, args = job
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except KeyboardInterrupt:
            return
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the job's caller
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an unpicklable result or error
            conn.send(("error", RuntimeError(f"{fn.__name__}: cannot send its result back: {exc!r}")))
        gc.collect()  # the job's garbage, all at once (collections during jobs are rarer: see GC_THRESHOLD)


def _first_worker(conns: list[Connection], theirs: list[Connection], pdf: bool, preload: tuple[str, ...],
                  scratch: str) -> None:
    """Preload and warm up, fork the other workers from this warm process, then serve as worker 0."""
    for conn in theirs:
        conn.close()  # the main process's ends
    # WeasyPrint copies the fonts into a temporary folder that only garbage collection removes, which a worker's
    # exit skips: 2.6 MB left in /tmp per build. The main process removes this folder when the pool closes.
    tempfile.tempdir = scratch
    for name in preload:
        hook = getattr(importlib.import_module(name), "preload", None)
        if hook is not None:
            hook()
    if pdf:
        from generator.render import pdf as pdf_module

        pdf_module.warm()
    gc.freeze()  # what was preloaded stays for good: no collection needs to scan it again
    gc.set_threshold(*GC_THRESHOLD)
    children = []
    for index in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:
            for other, conn in enumerate(conns):
                if other != index:
                    conn.close()
            _serve(conns[index])
            os._exit(0)
        children.append(pid)
    for conn in conns[1:]:
        conn.close()
    try:
        _serve(conns[0])
    finally:
        for pid in children:
            os.waitpid(pid, 0)


class Pool:
    """Runs jobs in worker processes, largest estimated cost first, one job per worker at a time.

    With one worker (one CPU, ``workers=1``, or no ``fork`` on this system) jobs run in the calling thread.
    """

    def __init__(self, workers: int | None = None, pdf: bool = True, preload: tuple[str, ...] = ()) -> None:
        """``pdf``: the workers lay out PDFs (the first warms up before forking the others); ``preload``: modules
        whose ``preload()`` the first worker calls before that (what their jobs import: WeasyPrint, templates)."""
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        if "fork" not in multiprocessing.get_all_start_methods():
            self.workers = 1
        self._lock = threading.Lock()
        self._idle_done = threading.Condition(self._lock)
        self._waiting: list[tuple[float, int, Callable[..., Any], tuple[Any, ...], Future[Any]]] = []
        self._order = itertools.count()
        self._closed = False
        self.broken = False
        """Every worker has ended (killed, crashed): jobs fail at once; ``studygen watch`` then starts a new pool."""
        self._conns: list[Connection] = []
        self._free: list[int] = []
        self._busy: dict[int, Future[Any]] = {}
        self._pids: dict[int, int] = {}
        if self.workers > 1:
            context = multiprocessing.get_context("fork")
            pairs = [context.Pipe() for _ in range(self.workers)]
            self._conns = [mine for mine, _ in pairs]
            self._scratch = tempfile.mkdtemp(prefix="studygen-")
            self._first = context.Process(target=with_stack_room,  # the whole worker runs above that frame
                                          args=(_first_worker, [w for _, w in pairs], self._conns, pdf, preload,
                                                self._scratch),
                                          name="studygen-worker", daemon=True)
            self._first.start()
            for _, theirs in pairs:
                theirs.close()
            self._free = list(range(self.workers))
            self._reader = threading.Thread(target=self._read, name="studygen-pool", daemon=True)
            self._reader.start()

    def run(self, cost: float, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in a worker and return its result (or raise its exception); blocks the thread."""
        return self.submit(cost, fn, *args).result()

    def submit(self, cost: float, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``fn(*args)``; among waiting jobs, the highest ``cost`` starts first."""
        future: Future[T] = Future()
        if self._closed:
            future.cancel()
        elif self.broken:
            future.set_exception(WorkerLost("no worker process is left"))
        elif not self._conns:
            try:
                future.set_result(with_stack_room(fn, *args))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
                future.set_exception(exc)
        else:
            with self._lock:
                heapq.heappush(self._waiting, (-cost, next(self._order), fn, args, future))
            self._dispatch()
        return future

    def _dispatch(self) -> None:
        while True:
            with self._lock:
                if not self._free or not self._waiting or self._closed:
                    return
                _, _, fn, args, future = heapq.heappop(self._waiting)
                if not future.set_running_or_notify_cancel():
                    continue
                index = self._free.pop(0)
                self._busy[index] = future
            try:  # a worker still warming up reads it once ready; until then the pipe holds it
                self._conns[index].send((fn, args))
            except (OSError, ValueError) as exc:
                self._settle(index, ("error", WorkerLost(f"worker {index} is gone: {exc}")), free=False)

    def _settle(self, index: int, reply: tuple[str, Any], free: bool = True) -> None:
        with self._lock:
            future = self._busy.pop(index, None)
            if free:
                self._free.append(index)
            elif index in self._free:  # ended while idle: no job may be sent to it again
                self._free.remove(index)
            self._idle_done.notify_all()
        if future is not None:
            kind, value = reply
            future.set_result(value) if kind == "ok" else future.set_exception(value)
        self._dispatch()

    def _read(self) -> None:
        """Reader thread: collect every worker's replies until all of them have ended."""
        live = dict(enumerate(self._conns))
        while live:
            for conn in wait(list(live.values())):
                index = next(i for i, c in live.items() if c is conn)
                try:
                    kind, value = conn.recv()
                except (EOFError, OSError):
                    del live[index]
                    self._settle(index, ("error", WorkerLost("a worker process ended during a job")), free=False)
                    if not live:
                        self._broken()
                    continue
                if kind == "pid":
                    self._pids[index] = value
                else:
                    self._settle(index, (kind, value))

    def _broken(self) -> None:
        """Every worker has ended: nothing queued can run any more, so fail it rather than wait forever."""
        with self._lock:
            self.broken = True
            waiting, self._waiting = self._waiting, []
        for *_, future in waiting:
            if future.set_running_or_notify_cancel():
                future.set_exception(WorkerLost("no worker process is left"))

    def _drop_waiting(self) -> None:
        """Cancel the jobs not yet started."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for *_, future in waiting:
            future.cancel()

    def cancel_waiting(self) -> None:
        """Drop the jobs not yet started (their futures raise CancelledError), then wait for the running ones: a
        failed build must not remove its staging folder while a worker still writes into it."""
        self._drop_waiting()
        with self._idle_done:
            self._idle_done.wait_for(lambda: not self._busy)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers; with ``cancel``, drop the waiting jobs and end the running ones at once (a failed or
        interrupted build, or workers still warming up for nothing)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._drop_waiting()
        if not self._conns:
            return
        if cancel:
            for pid in [*self._pids.values(), self._first.pid]:
                try:
                    os.kill(pid, signal.SIGTERM)
                except (ProcessLookupError, TypeError):
                    pass
        for conn in self._conns:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        self._first.join()
        shutil.rmtree(self._scratch, ignore_errors=True)
        self._reader.join()
        for conn in self._conns:
            conn.close()
