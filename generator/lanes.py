"""Running renderers side by side on a 2-core machine.

The cheat sheets spread themselves over every core with worker processes; the other renderers (deck, checklist,
practice exam) each use one core. They run in a forked side process at the same time, sending progress and results
back through a pipe, so a cold build is not the sum of all renderers.
"""
from __future__ import annotations

import importlib
import multiprocessing
import threading
import traceback
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from generator.errors import GuideError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from generator.build import Options, Target
    from generator.model import Guide

SELF_PARALLEL = frozenset({"cheatsheets"})
"""Renderers that use all cores themselves; they stay in the main process."""


@dataclass
class Outcome:
    """What one renderer did."""

    summary: list[str] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    built: bool = False


class _PipeProgress:
    """Progress calls made in the side process, forwarded to the main process's display."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def start(self, group: str, total: int) -> None:
        self.conn.send(("start", group, total))

    def reporter(self, group: str) -> Callable[[str], None]:
        return lambda path: self.conn.send(("done", group, path))


def run_one(name: str, module_name: str, guide: Guide, options: Options, staged: Target, outputs: dict[str, str], progress: Any) -> Outcome:
    """Plan one renderer; render its stale outputs into staging."""
    module = importlib.import_module(module_name)
    plan = module.plan(guide, options) if hasattr(module, "plan") else None
    stale = None if plan is None else frozenset(
        p for p, fp in plan.items() if options.force or outputs.get(p) != fp or not (options.out / p).exists())
    if stale is not None and not stale:
        return Outcome(fresh=sorted(plan or {}))
    progress.start(name, len(stale) if stale is not None else 0)
    summary = module.render(guide, replace(options, targets=stale), replace(staged, report=progress.reporter(name)))
    return Outcome(summary=summary, built=True)


def run_all(jobs: dict[str, str], guide: Guide, options: Options, staged: Target, outputs: dict[str, str], progress: Any) -> dict[str, Outcome]:
    """Run every renderer (name → module), the self-parallel ones here and the rest in a side process."""
    own = [n for n in jobs if n in SELF_PARALLEL]
    side = [n for n in jobs if n not in SELF_PARALLEL]
    args = (guide, options, staged, outputs)
    if not own or not side or "fork" not in multiprocessing.get_all_start_methods():
        return {n: run_one(n, jobs[n], *args, progress) for n in jobs}
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_side, args=(send, {n: jobs[n] for n in side}, *args), daemon=True)
    proc.start()
    send.close()
    received: dict[str, Any] = {}
    listener = threading.Thread(target=_listen, args=(receive, progress, received), daemon=True)
    listener.start()
    try:
        results = {n: run_one(n, jobs[n], *args, progress) for n in own}
        listener.join()
        proc.join()
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join()
    if "error" in received:
        raise GuideError(received["error"])
    if "crash" in received or set(received.get("outcomes", {})) != set(side):
        raise RuntimeError("a renderer failed in the side process:\n" + received.get("crash", "it exited without a result"))
    results.update(received["outcomes"])
    return {n: results[n] for n in jobs}


def _side(conn: Connection, jobs: dict[str, str], guide: Guide, options: Options, staged: Target, outputs: dict[str, str]) -> None:
    """The side process: run its renderers in order, send each outcome; errors are sent, not raised."""
    try:
        for name, module_name in jobs.items():
            conn.send(("outcome", name, run_one(name, module_name, guide, options, staged, outputs, _PipeProgress(conn))))
    except GuideError as exc:
        conn.send(("error", exc.diagnostics))
    except BaseException:  # noqa: BLE001 - reported to the main process, which raises it
        conn.send(("crash", traceback.format_exc()))
    finally:
        conn.close()


def _listen(conn: Connection, progress: Any, received: dict[str, Any]) -> None:
    """Main-process thread: apply the side process's progress and collect its results until it closes the pipe."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        kind = message[0]
        if kind == "start":
            progress.start(message[1], message[2])
        elif kind == "done":
            progress.done(message[1], message[2])
        elif kind == "outcome":
            received.setdefault("outcomes", {})[message[1]] = message[2]
        else:
            received[kind] = message[1]
