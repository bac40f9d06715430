"""What the main process loads: `check` and no-op builds skip the renderers' libraries, and a build leaves them to
the workers (each costs tens of milliseconds that a one-module edit would wait for)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, copy_guide

HEAVY = ("weasyprint", "genanki", "pikepdf", "jinja2", "pygments", "fontTools")

_PROBE = """
import atexit, json, os, sys
pid = os.getpid()
atexit.register(lambda: os.getpid() == pid and print("LOADED " + json.dumps(sorted(
    m for m in {heavy!r} if m in sys.modules))))
from generator.cli import main
main(sys.argv[1:])
"""


def loaded(*args: str) -> list[str]:
    """The heavy libraries the main process of ``studygen *args`` had loaded when it exited."""
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED "))
    return json.loads(line.removeprefix("LOADED "))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_guide(FIXTURES / "mini", tmp_path_factory.mktemp("imports") / "src")


def test_check_loads_no_renderer_library(source: Path) -> None:
    assert loaded("check", "--source", str(source)) == []


def test_build_leaves_renderer_libraries_to_the_workers_and_no_op_loads_none(source: Path) -> None:
    out = source.parent / "out"
    assert loaded("build", "--source", str(source), "--out", str(out)) == []
    assert (out / "cheatsheets" / "MINI-01-all.pdf").is_file()
    assert loaded("build", "--source", str(source), "--out", str(out)) == []  # nothing changed: a no-op
