"""A cheap stamp of every build input, checked before anything is parsed (the way make and pelican do).

If no source file, template, generator file, option or git state changed since the last successful build, the
build is a no-op without reading the guide or importing a renderer. Otherwise the per-output fingerprints decide.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator import fingerprint


def _stats(root: Path) -> list[str]:
    """path, size and mtime of every file under root (skipping caches)."""
    rows = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".git"))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            rows.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return rows


def _git_state(source: Path) -> list[str]:
    """Stamps of the git files that change when a commit is made (the revision printed on PDFs)."""
    for folder in (source.resolve(), *source.resolve().parents):
        git = folder / ".git"
        if git.exists():
            head = git / "HEAD"
            names = [head, git / "index", git / "packed-refs"]
            try:
                ref = head.read_text().strip()
                if ref.startswith("ref: "):
                    names.append(git / ref[5:])
            except OSError:
                pass
            return [f"{p}:{p.stat().st_mtime_ns}" if p.exists() else f"{p}:-" for p in names]
    return []


def rows(source: Path, options: tuple[object, ...]) -> list[str]:
    """One line per input: sizes and times of source and template files, git state, generator code, options."""
    return _stats(source) + _stats(fingerprint.TEMPLATES) + _git_state(source) + [fingerprint.code(), repr(options)]


def stamp(rows: list[str]) -> str:
    """The stamp of a build's inputs."""
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def settled(before: list[str], after: list[str], written: list[Path]) -> bool:
    """True when, apart from files the build wrote itself (the Anki lock), no input changed during the build."""
    mine = tuple(f"{p}:" for p in written)
    return [r for r in before if not r.startswith(mine)] == [r for r in after if not r.startswith(mine)]
