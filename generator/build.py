"""Orchestration: read and validate everything first, then run the renderers into staging, then move into place.

Like mkdocs' build(): gather all data before writing anything, so a bad input never leaves a half-written build/.
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from generator.errors import GuideError, Reporter, WorkerLost
from generator.model import Guide, Location
from generator.progress import Progress
from generator import stamp as stamps

if TYPE_CHECKING:
    from generator.pool import Pool

# name → module; each module defines render(guide, options, target) -> list[str] (summary lines), and may define
# plan(guide, options) -> {output path relative to out: fingerprint}; then only stale outputs are rebuilt and
# options.targets names them. plan() imports no WeasyPrint or genanki (the practice plan computes the exam, which
# the build needs anyway, once: exam.shared_exam). render() runs in a thread of its own and hands its heavy work
# (layouts, packages) to target.pool, the build's worker processes; a module's optional preload() is what the first
# worker imports for those jobs before the guide is read.
RENDERERS: dict[str, str] = {
    "anki": "generator.render.anki",
    "cheatsheets": "generator.render.cheatsheet",
    "checklist": "generator.render.checklist",
    "practice": "generator.render.practice",
}
PDF_RENDERERS = frozenset({"cheatsheets", "checklist", "practice"})
"""Renderers whose jobs lay out PDFs: the workers import WeasyPrint up front only when one of them runs."""


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    source: Path = Path("source")
    out: Path = Path("build")
    paper: str = "a4"
    only: tuple[str, ...] = ()
    seed: int = 0
    questions: int | None = None
    force: bool = False
    """Rebuild every output even when its fingerprint is unchanged."""
    targets: frozenset[str] | None = None
    """Set by build() for a renderer: the outputs (paths relative to out) to write; None means all."""


@dataclass(frozen=True)
class Target:
    """Staging folders a renderer writes into; build() moves their files over ``out`` and ``source``."""

    out: Path
    source: Path
    report: Callable[[str], None] = lambda path: None
    """Call with each finished output's path relative to ``out`` (drives the progress display)."""
    pool: Pool = field(default_factory=lambda: _inline_pool())  # a Target made outside build(): no processes
    """Where the renderer runs its heavy jobs (``pool.run``): the build's worker processes."""


MANIFEST = ".studygen-manifest.json"
"""In the output folder: the fingerprint each output was last built from."""


@dataclass
class Result:
    """What a build did."""

    written: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    """Outputs that were up to date and not rebuilt."""


def pool_for(names: list[str]) -> Pool:
    """Worker processes for a build of these renderers, preloading what their jobs import."""
    from generator.pool import Pool  # processes: not needed by check or a no-op build

    return Pool(pdf=bool(set(names) & PDF_RENDERERS), preload=tuple(RENDERERS[n] for n in names))


def _inline_pool() -> Pool:
    from generator.pool import Pool

    return Pool(workers=1)


def load(source: Path, strict: bool = False, echo: Callable[[str], None] | None = None) -> Guide:
    """Read and validate the guide; print warnings; with ``strict``, warnings are errors."""
    from generator.reader import read_guide  # parsing is skipped entirely by a no-op build

    report = Reporter()
    try:
        guide = read_guide(source, report)
        if any(f.edits is not None for f in guide.facts):  # the cards an author's ```cards block names must exist
            from generator.render.anki.notes import edit_problems

            for loc, message in edit_problems(guide):
                report.error(loc, message)
            report.raise_errors()
    finally:
        for d in report.warnings:
            (echo or _stderr)(str(d))
    if strict and report.warnings:
        raise GuideError.at(Location(str(source)), f"{len(report.warnings)} warning(s) and --strict is set")
    return guide


def _stderr(line: str) -> None:
    click.echo(line, err=True)


def build(options: Options, echo: Callable[[str], None] = _stderr, progress: Progress | None = None,
          pool: Pool | None = None) -> Result:
    """Validate, render every selected output into staging, then move all files into place at once.

    ``pool``: worker processes to use and leave running (``studygen watch`` keeps one warm between rebuilds);
    without it the build starts its own and stops it at the end.
    """
    names = selected(options.only)
    manifest = _read_manifest(options.out)
    settings = (names, options.paper, options.seed, options.questions, str(options.out.resolve()))
    before = stamps.rows(options.source, settings)
    if not options.force and manifest.get("stamp") == stamps.stamp(before) and all((options.out / p).exists() for p in manifest["outputs"]):
        for line in manifest["warnings"]:
            echo(line)
        return Result(fresh=sorted(manifest["outputs"]))
    warnings: list[str] = []
    own = pool is None
    if pool is None:
        pool = pool_for(names)  # started before reading: the workers import and warm up meanwhile
    try:
        guide = load(options.source, echo=lambda line: (warnings.append(line), echo(line)))
        result = _render(guide, names, options, progress or Progress(sys.stderr, live=False), manifest, pool)
        if own:
            pool.close()
    except OSError as exc:
        raise GuideError.at(Location(str(exc.filename or options.out)), f"cannot write: {exc.strerror or exc}") from None
    except WorkerLost as exc:
        raise GuideError.at(Location(str(options.out)), f"{exc} (killed, or out of memory?); nothing was written, "
                                                         "the previous outputs are unchanged") from None
    finally:
        if own:
            pool.close(cancel=True)  # after a failure: workers still warming up or running a job are stopped
    # The stamp is taken after the build when only the build's own writes (the Anki lock) changed meanwhile,
    # so the next unchanged build is a no-op straight away.
    after = stamps.rows(options.source, settings)
    wrote = [p for p in result.written if p.is_relative_to(options.source)]
    final = stamps.stamp(after if stamps.settled(before, after, wrote) else before)
    _write_manifest(options.out, {**manifest, "stamp": final, "warnings": warnings})
    return result


def _render(guide: Guide, names: list[str], options: Options, progress: Progress, manifest: dict[str, Any], pool: Pool) -> Result:
    options.out.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(options.out)
    outputs: dict[str, str] = manifest.setdefault("outputs", {})
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=options.out))
    result = Result()
    try:
        staged = Target(staging / "out", staging / "source", pool=pool)
        staged.out.mkdir()
        staged.source.mkdir()
        from generator import lanes  # threads: not needed by check or a no-op build

        outcomes = lanes.run_all({n: RENDERERS[n] for n in names}, guide, options, staged, outputs, progress)
        progress.finish()
        for outcome in outcomes.values():
            result.summary += outcome.summary
            result.fresh += outcome.fresh
        result.written = _commit(staged.out, options.out) + _commit(staged.source, options.source)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Fingerprints are taken after the build: state a renderer writes beside the source (the Anki lock) is final now.
    for name in (n for n, o in outcomes.items() if o.built):
        module = importlib.import_module(RENDERERS[name])
        if hasattr(module, "plan"):
            outputs.update(module.plan(guide, options))
    return result


def _read_manifest(out: Path) -> dict[str, Any]:
    """{"stamp": …, "warnings": [...], "outputs": {path: fingerprint}}; an unreadable manifest is an empty one."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        outputs = {str(k): str(v) for k, v in data["outputs"].items()}
        return {"stamp": str(data["stamp"]), "warnings": [str(w) for w in data["warnings"]], "outputs": outputs}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {"stamp": None, "warnings": [], "outputs": {}}


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / f".{MANIFEST}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


def _remove_abandoned_staging(out: Path) -> None:
    """A build killed mid-way leaves its staging folder; remove those whose process is gone."""
    for folder in out.glob(".staging-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def selected(only: tuple[str, ...]) -> list[str]:
    """The renderers ``--only`` names (all when empty), in the order given; an unknown name is a usage error."""
    if not only:
        return list(RENDERERS)
    unknown = [n for n in only if n not in RENDERERS]
    if unknown:
        raise click.BadParameter(f"unknown output(s) {', '.join(unknown)}; choose from {', '.join(RENDERERS)}", param_hint="--only")
    return list(dict.fromkeys(only))


def _commit(staged: Path, dest: Path) -> list[Path]:
    """Move each staged file over its destination with an atomic rename; readers never see a partial file."""
    moved: list[Path] = []
    for path in sorted(p for p in staged.rglob("*") if p.is_file()):
        final = dest / path.relative_to(staged)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, final)
        except OSError:  # another filesystem: copy beside the destination, then rename
            tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
            shutil.copyfile(path, tmp)
            os.replace(tmp, final)
        moved.append(final)
    return moved
