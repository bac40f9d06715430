"""The one error type and the warning reporter; every message names its file and line."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, Literal

import click

from generator.model import Location


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning at a location."""

    level: Literal["error", "warning"]
    loc: Location
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.level}: {self.message}"


class GuideError(click.ClickException):
    """Bad input: one or more located errors. Click prints it and exits 1, no traceback."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic) -> None:
        self.diagnostics = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type, tuple[list[Diagnostic]]]:
        """Pickled by its diagnostics: a renderer's job raises it in a worker process, the build shows it."""
        return (type(self), (self.diagnostics,))

    @classmethod
    def at(cls, loc: Location, message: str) -> GuideError:
        """A single error at ``loc``."""
        return cls(Diagnostic("error", loc, message))

    def show(self, file: IO[str] | None = None) -> None:
        """Print without click's "Error: " prefix, so each line reads ``path:line: error: …``."""
        click.echo(self.format_message(), file=file or sys.stderr)


class WorkerLost(RuntimeError):
    """A build's worker process ended while running a job (killed, or crashed in native code)."""


class Reporter:
    """Collects errors and warnings while reading; raises once at the end with all errors."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def warn(self, loc: Location, message: str) -> None:
        """Record a warning."""
        self.diagnostics.append(Diagnostic("warning", loc, message))

    def error(self, loc: Location, message: str) -> None:
        """Record an error; reading goes on so the author sees every problem at once."""
        self.diagnostics.append(Diagnostic("error", loc, message))

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors so far."""
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings so far."""
        return [d for d in self.diagnostics if d.level == "warning"]

    def raise_errors(self) -> None:
        """Raise a GuideError carrying every error, if there is one."""
        if self.errors:
            raise GuideError(self.errors)
