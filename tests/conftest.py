"""Shared fixtures: paths to the project's guide and to small fixture guides."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_guide(source: Path, dest: Path) -> Path:
    """Copy a guide folder as a fresh checkout would have it: files dated now, not when the repository was cloned.

    Outside git the guide's revision is the newest file date, so a copy that kept the fixture's old dates would
    change its revision with the first edit on a later day (and rebuild what shows it).
    """
    import shutil

    return Path(shutil.copytree(source, dest, copy_function=shutil.copy))


@pytest.fixture
def project_source() -> Path:
    """The bundled guide."""
    return ROOT / "source"


MINI_YAML = """exam:
  code: T-01
  title: Test Exam
domains:
  - id: A
    title: Alpha
    weight: 60
  - id: B
    title: Beta
    weight: 40
"""

MINI_MODULE = """---
title: First Module
domains: [A]
---

### 1.1 Basics

**Term One** - The first term. Use when: testing.
"""


@pytest.fixture
def make_guide(tmp_path: Path):
    """Write a guide into tmp_path/src: guide.yaml text and {filename: text or bytes} modules."""

    def make(modules: dict[str, str | bytes] | None = None, yaml: str | bytes = MINI_YAML) -> Path:
        src = tmp_path / "src"
        (src / "modules").mkdir(parents=True, exist_ok=True)
        (src / "guide.yaml").write_bytes(yaml.encode() if isinstance(yaml, str) else yaml)
        for name, text in (modules if modules is not None else {"01-first.md": MINI_MODULE}).items():
            (src / "modules" / name).write_bytes(text.encode() if isinstance(text, str) else text)
        return src

    return make
