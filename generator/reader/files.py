"""Reading source files safely: UTF-8 text only, inside the source folder, never empty."""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from generator.errors import GuideError
from generator.model import Location

MAX_BYTES = 1024 * 1024
"""Larger source files are refused: a module of the bundled guide is 3–25 KB, and a 1 MiB module would already make
a cheat sheet of hundreds of pages."""


def display(path: Path) -> str:
    """The path as shown in messages: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_source(path: Path, root: Path) -> str:
    """Return the text of a source file, or raise a located GuideError."""
    loc = Location(display(path))
    if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        raise GuideError.at(loc, f"is a symlink to {path.resolve()}, outside the source folder; copy the file in instead")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise GuideError.at(loc, f"is {size / 1e6:.1f} MB; source files are limited to {MAX_BYTES // 2**20} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise GuideError.at(loc, f"cannot be read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise GuideError.at(loc, "is a binary file, not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GuideError.at(Location(loc.file, line), f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
    if not text.strip():
        raise GuideError.at(loc, "is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def revision(source: Path, files: list[Path]) -> str:
    """Short git hash of the last commit touching ``source`` ("-dirty" if edited since), else newest file date."""
    try:
        run = lambda *args: subprocess.run(  # noqa: E731
            ["git", *args], cwd=source, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        commit = run("log", "-1", "--format=%h", "--", ".")
        if commit:
            return commit + ("-dirty" if run("status", "--porcelain", "--", ".") else "")
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((f.stat().st_mtime for f in files), default=0.0)
    return datetime.fromtimestamp(newest, tz=timezone.utc).strftime("%Y-%m-%d")
