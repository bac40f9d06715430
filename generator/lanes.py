"""Running the renderers side by side: one thread each in the main process, heavy work in the shared pool.

A renderer's thread plans its outputs, builds HTML and waits for its jobs in ``target.pool`` (generator/pool.py);
the threads only decide what to run, so the workers stay busy with the costliest waiting job whichever renderer it
belongs to. The first renderer to fail cancels the jobs still waiting; its error is raised once every thread and
every running job is done, so no worker writes into a staging folder the build is about to remove.
"""
from __future__ import annotations

import importlib
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.build import Options, Target
    from generator.model import Guide
    from generator.pool import Pool


@dataclass
class Outcome:
    """What one renderer did."""

    summary: list[str] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    built: bool = False


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
    """Run every renderer (name → module) in its own thread; results by name, in the order given."""
    pool: Pool = staged.pool
    for module_name in jobs.values():
        # Imported here, one after the other: first imports racing in threads can fail (Pygments' lazily loaded
        # lexers raised ImportError when two renderer threads imported them at the same time).
        importlib.import_module(module_name)
    with ThreadPoolExecutor(max(1, len(jobs)), thread_name_prefix="renderer") as threads:
        futures = {n: threads.submit(run_one, n, jobs[n], guide, options, staged, outputs, progress) for n in jobs}
        try:
            done, _ = wait(futures.values(), return_when=FIRST_EXCEPTION)
        except BaseException:  # Ctrl-C while waiting: nothing new starts
            pool.cancel_waiting()
            raise
        failed = next((f.exception() for f in done if f.exception() is not None), None)
        if failed is not None:
            pool.cancel_waiting()  # the other renderers' waiting jobs raise CancelledError; their threads end
    if failed is not None:
        pool.cancel_waiting()  # and whatever a thread still queued before it noticed
        raise failed
    return {n: f.result() for n, f in futures.items()}
