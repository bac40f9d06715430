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


def revisions(source: Path, files: list[Path]) -> tuple[str, dict[Path, str]]:
    """The guide's revision and each file's: short git hash of the last commit ("-dirty" if edited since), else date.

    One `git log` and one `git status` for the whole folder, so reading stays fast.
    """
    try:
        run = lambda *args: subprocess.run(  # noqa: E731
            ["git", *args], cwd=source, capture_output=True, text=True, timeout=10, check=True
        ).stdout
        # Only the guide's own files count: state kept beside them (the Anki lock) must not change the revision.
        specs = [f.relative_to(source).as_posix() for f in files]
        log = run("log", "--relative", "--format=%x00%h", "--name-only", "--", *specs)
        prefix, status = run("rev-parse", "--show-prefix").strip(), run("status", "--porcelain", "--", *specs)
    except (OSError, subprocess.SubprocessError):
        log, prefix, status = "", "", ""
    last: dict[str, str] = {}
    for entry in log.split("\0")[1:]:
        commit, *names = entry.strip().split("\n")
        for name in names:
            last.setdefault(name.strip(), commit)
    dirty = {line[3:].strip().strip('"').removeprefix(prefix) for line in status.splitlines()}
    per_file = {f: _file_revision(f, source, last, dirty) for f in files}
    if not last:
        return _date(max((f.stat().st_mtime for f in files), default=0.0)), per_file
    newest = next(iter(last.values()))
    return newest + ("-dirty" if dirty else ""), per_file


def _file_revision(path: Path, source: Path, last: dict[str, str], dirty: set[str]) -> str:
    rel = path.relative_to(source).as_posix()
    if rel not in last:
        return _date(path.stat().st_mtime)
    return last[rel] + ("-dirty" if rel in dirty or any(rel.startswith(d) for d in dirty if d.endswith("/")) else "")


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")
