"""The `studygen` command line: parse options, call one function, print its result."""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click

from generator import __version__

SOURCE = click.option("--source", type=click.Path(path_type=Path), default=Path("source"), show_default=True,
                      help="Guide folder: guide.yaml, intro.md and modules/NN-slug.md.")
PAPER = click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
                     help="Paper size of the PDFs.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="studygen")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Build Anki decks, PDF cheat sheets, a domain checklist and a practice exam from one study guide."""
    # Python's exit ends with a garbage collection over every object the command made: ~60 ms after a build
    # (measured). Frozen objects are skipped; nothing here relies on collecting cycles at exit.
    ctx.call_on_close(gc.freeze)


@main.command()
@SOURCE
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
def check(source: Path, strict: bool) -> None:
    """Validate the guide; print errors and warnings as path:line: level: message."""
    from generator.build import load

    guide = load(source, strict=strict)
    click.echo(f"ok: {len(guide.modules)} modules, {len(guide.facts)} definitions", err=True)


@main.command()
@SOURCE
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@PAPER
@click.option("--only", default="", metavar="LIST",
              help="Comma-separated outputs to build: anki, cheatsheets, checklist, practice (default: all).")
@click.option("--force", is_flag=True, help="Rebuild every output, even those whose inputs did not change.")
def build(source: Path, out: Path, paper: str, only: str, force: bool) -> None:
    """Validate the guide, then write the outputs whose inputs changed into --out.

    Nothing is written if the guide has an error. Each file is written under a temporary name and renamed into place.
    The Anki build also updates anki.lock.json beside the guide: commit it with your edits, so re-imports update
    notes in place.
    """
    from generator.build import Options, build as run

    from generator.progress import Progress

    progress = Progress(sys.stderr, live=sys.stderr.isatty())
    result = run(Options(source=source, out=out, paper=paper, only=_names(only), force=force), progress=progress)
    for line in result.summary:
        click.echo(line)
    fresh = f"; {len(result.fresh)} up to date" if result.fresh else ""
    click.echo(f"built {len(result.written)} file(s) in {out}{fresh}")


def _names(only: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in only.split(",") if n.strip())


@main.command()
@SOURCE
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@PAPER
@click.option("--only", default="", metavar="LIST", help="Comma-separated outputs to rebuild (default: all).")
def watch(source: Path, out: Path, paper: str, only: str) -> None:
    """Build, then rebuild whenever a file in --source or templates/ is saved; errors do not stop watching.

    The worker processes stay loaded between rebuilds, so a rebuild does not wait for WeasyPrint to start again.
    The anki.lock.json that deck builds write is not watched.
    """
    from generator.build import Options
    from generator.watch import watch as run

    run(Options(source=source, out=out, paper=paper, only=_names(only)), echo=lambda line: click.echo(line, err=True))


@main.command()
@SOURCE
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: the same seed gives the same exam.")
@click.option("--questions", type=click.IntRange(min=1), default=None,
              help="Number of questions (default: exam.questions in guide.yaml).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/practice"), show_default=True,
              help="Output folder.")
@PAPER
def exam(source: Path, seed: int, questions: int | None, out: Path, paper: str) -> None:
    """Write a practice exam (PDF and JSON) into --out, questions spread by domain weight."""
    from generator.render.practice import make

    for line in make(source, out, seed=seed, questions=questions, paper=paper):
        click.echo(line)


@main.command()
@SOURCE
@click.option("--module", "module", type=int, default=None, metavar="NN", help="Only the cards of this module.")
@click.option("--kind", type=click.Choice(["definition", "clause", "formula", "reverse", "steps", "list", "cloze",
                                           "manual"]), default=None, help="Only cards of this kind.")
@click.option("--flag", is_flag=True, help="Only cards that look weak, with the reasons (the checks the tests use).")
def cards(source: Path, module: int | None, kind: str | None, flag: bool) -> None:
    """Print the deck's cards as the student sees them: question, answer, kind, id and file:line."""
    from generator.build import load
    from generator.render.anki.review import card_views, format_view

    views = card_views(load(source), module, kind)
    shown = [v for v in views if v.flags or not flag]
    for view in shown:
        click.echo(format_view(view) + "\n")
    flagged = sum(1 for v in views if v.flags)
    click.echo(f"{len(shown)} card(s) shown of {len(views)}; {flagged} flagged", err=True)


@main.command()
@SOURCE
def dump(source: Path) -> None:
    """Print the guide's model as JSON (for debugging and golden tests)."""
    from generator.build import load
    from generator.serialize import guide_data

    json.dump(guide_data(load(source)), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
