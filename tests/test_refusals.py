"""Every bad input is refused by `studygen build`: exit 1, file (and line) named, no traceback, build/ untouched."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MINI_MODULE, MINI_YAML
from generator.cli import main

CASES = {
    "invalid YAML": ({"guide.yaml": "exam: [unclosed\n"}, "guide.yaml:1: error: invalid YAML"),
    "weights not 100": ({"guide.yaml": MINI_YAML.replace("weight: 40", "weight: 41")}, "guide.yaml:4: error: domain weights add up to 101"),
    "unknown domain": ({"modules/01-first.md": MINI_MODULE.replace("[A]", "[Q]")}, "01-first.md:2: error: unknown domain 'Q'"),
    "module without title": ({"modules/01-first.md": MINI_MODULE.replace("title: First Module\n", "")}, "01-first.md:2: error: front matter: missing required key 'title'"),
    "module without front matter": ({"modules/01-first.md": "### 1.1 A\n\n**T** - x.\n"}, "01-first.md:1: error: missing front matter"),
    "empty file": ({"modules/01-first.md": ""}, "01-first.md: error: is empty"),
    "non-UTF-8 file": ({"modules/01-first.md": MINI_MODULE.encode().replace(b"first", b"f\xefrst")}, "01-first.md:8: error: is not valid UTF-8"),
    "binary file": ({"modules/01-first.md": b"\x00\x01\x02PK"}, "01-first.md: error: is a binary file"),
    "unclosed code fence": ({"modules/01-first.md": MINI_MODULE + "\n```\ncode\n"}, "01-first.md:10: error: code fence ``` is never closed"),
    "duplicate pinned ids": ({"modules/01-first.md": MINI_MODULE + "\n**A**{#x} - a.\n\n**B**{#x} - b.\n"}, "01-first.md:12: error: pinned id 'x' is also used at"),
    "missing guide.yaml": ({"guide.yaml": None}, "guide.yaml: error: missing"),
    "duplicate module number": ({"modules/01-again.md": MINI_MODULE}, "error: module number 01 is also used"),
    "symlink outside source": ({"modules/02-link.md": "SYMLINK"}, "02-link.md: error: is a symlink to"),
    "oversized module": ({"modules/01-first.md": MINI_MODULE + "x" * (1024 * 1024)}, "01-first.md: error: is 1.0 MB"),
}


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory) -> Path:
    """A real earlier build (checklist only, to keep it quick) that every refused build must leave alone."""
    root = tmp_path_factory.mktemp("prev")
    src = root / "src"
    (src / "modules").mkdir(parents=True)
    (src / "guide.yaml").write_text(MINI_YAML)
    (src / "modules" / "01-first.md").write_text(MINI_MODULE)
    result = CliRunner().invoke(main, ["build", "--source", str(src), "--out", str(root / "out"), "--only", "checklist"])
    assert result.exit_code == 0, result.output
    return root / "out"


@pytest.mark.parametrize("case", CASES)
def test_bad_input_refused_cleanly(case, make_guide, previous_build, tmp_path):
    changes, expected = CASES[case]
    src = make_guide()
    for name, content in changes.items():
        path = src / name
        if content is None:
            path.unlink()
        elif content == "SYMLINK":
            (tmp_path / "outside.md").write_text(MINI_MODULE)
            os.symlink(tmp_path / "outside.md", path)
        else:
            path.write_bytes(content.encode() if isinstance(content, str) else content)
    out = tmp_path / "out"
    shutil.copytree(previous_build, out)
    before = snapshot(out)
    result = CliRunner().invoke(main, ["build", "--source", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(out) == before


def test_missing_source_folder_refused(tmp_path):
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "nope: error: source folder not found" in result.stderr
    assert not (tmp_path / "out").exists()
