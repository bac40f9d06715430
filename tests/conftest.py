"""Shared fixtures: paths to the project's guide and to small fixture guides."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project_source() -> Path:
    """The bundled guide."""
    return ROOT / "source"
