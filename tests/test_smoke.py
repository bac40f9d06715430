"""The bundled guide reads without errors."""
from __future__ import annotations

from generator.errors import Reporter
from generator.reader import read_guide


def test_project_guide_reads(project_source):
    report = Reporter()
    guide = read_guide(project_source, report)
    assert [m.number for m in guide.modules] == list(range(13))
    assert not report.errors
