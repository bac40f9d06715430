"""`studygen watch`: rebuild on every save, report errors with their locations, keep running."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import click

from generator.build import Options, build, pool_for, selected
from generator.fingerprint import TEMPLATES
from generator.pool import Pool


def build_once(options: Options, echo: Callable[[str], None], pool: Pool | None = None) -> bool:
    """One build; errors are printed (path:line: error: …), never raised. True when it succeeded."""
    try:
        result = build(options, echo=echo, pool=pool)
    except click.ClickException as exc:
        echo(exc.format_message())
        echo("build failed; fix the error above and save again")
        return False
    for line in result.summary:
        echo(line)
    echo(f"rebuilt {len(result.written)} file(s); {len(result.fresh)} output(s) up to date")
    return True


def describe(changes: Iterable[tuple[object, str]]) -> str:
    """"changed: source/modules/05-x.md, …" for a batch of watchfiles changes."""
    names = sorted({str(Path(path)) for _, path in changes})
    return "changed: " + ", ".join(names)


def _not_written_by_builds(source: Path) -> Callable[[object, str], bool]:
    """watchfiles' default filter, also ignoring the Anki lock: every deck build rewrites it beside the source, and
    that write must not start another build."""
    from watchfiles import DefaultFilter

    from generator.render.anki import LOCK_NAME

    default, lock = DefaultFilter(), (source / LOCK_NAME).resolve()
    return lambda change, path: default(change, path) and Path(path).resolve() != lock


def watch(options: Options, echo: Callable[[str], None], stop: Callable[[], bool] | None = None) -> None:
    """Build, then rebuild after each batch of changes in the source folder or templates/.

    One set of worker processes serves every rebuild, so a rebuild after a save does not wait for WeasyPrint to
    be imported again.
    """
    from watchfiles import watch as watch_paths

    def fresh(pool: Pool | None) -> Pool:
        """The pool, or a new one when its workers are gone (killed by the system, say)."""
        if pool is not None and not pool.broken:
            return pool
        if pool is not None:
            pool.close(cancel=True)
        return pool_for(selected(options.only))

    pool = fresh(None)
    try:
        build_once(options, echo, pool)
        paths = [p for p in (options.source, TEMPLATES) if p.exists()]
        announced = False
        # yield_on_timeout: the first (empty) batch means the watcher is registered, so a save from now on is seen.
        for changes in watch_paths(*paths, watch_filter=_not_written_by_builds(options.source), debounce=300, step=100,
                                   rust_timeout=200, yield_on_timeout=True, raise_interrupt=False):
            if not changes:
                if not announced:
                    echo(f"watching {options.source} and {TEMPLATES.name}/ (Ctrl-C to stop)")
                    announced = True
                continue
            echo(describe(changes))
            pool = fresh(pool)
            build_once(options, echo, pool)
            if stop is not None and stop():
                return
    finally:
        pool.close(cancel=True)
