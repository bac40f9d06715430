"""Build progress: one live status line on a terminal, plain lines otherwise."""
from __future__ import annotations

import threading
from typing import Callable, TextIO


class Progress:
    """Tracks each output group (anki, cheatsheets, …) and shows how many of its files are done."""

    def __init__(self, stream: TextIO, live: bool) -> None:
        self.stream, self.live = stream, live
        self.groups: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    def start(self, group: str, total: int) -> None:
        """A renderer begins; it will write ``total`` files."""
        with self.lock:
            self.groups[group] = [0, total]
            self._draw(None)

    def reporter(self, group: str) -> Callable[[str], None]:
        """The callback a renderer calls with each file it finished (path relative to the output folder)."""
        return lambda path: self.done(group, path)

    def done(self, group: str, path: str) -> None:
        """One file of ``group`` is finished."""
        with self.lock:
            counts = self.groups.setdefault(group, [0, 0])
            counts[0] += 1
            counts[1] = max(counts[1], counts[0])
            self._draw(f"{group}: {path} ({counts[0]}/{counts[1]})")

    def finish(self) -> None:
        """End the live line."""
        if self.live and self.groups:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, line: str | None) -> None:
        if not self.live:
            if line:
                self.stream.write(line + "\n")
                self.stream.flush()
            return
        parts = [f"{g} {'✓' if d >= t > 0 else f'{d}/{t}'}" for g, (d, t) in self.groups.items()]
        self.stream.write("\r\033[K" + "  ".join(parts))
        self.stream.flush()
