"""The `studygen` command line: parse options, call one function, print its result."""
from __future__ import annotations

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
def main() -> None:
    """Build Anki decks, PDF cheat sheets, a domain checklist and a practice exam from one study guide."""


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
def build(source: Path, out: Path, paper: str, only: str) -> None:
    """Validate the guide, then write every output into --out (nothing is written if the guide has errors)."""
    from generator.build import Options, build as run

    names = tuple(n.strip() for n in only.split(",") if n.strip())
    result = run(Options(source=source, out=out, paper=paper, only=names))
    for line in result.summary:
        click.echo(line)
    click.echo(f"built {len(result.written)} file(s) in {out}")


@main.command()
@SOURCE
def dump(source: Path) -> None:
    """Print the guide's model as JSON (for debugging and golden tests)."""
    from generator.build import load
    from generator.serialize import guide_data

    json.dump(guide_data(load(source)), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
