"""Golden test: the model of the fixture guide, as `studygen dump` prints it. UPDATE_GOLDEN=1 rewrites it."""
from __future__ import annotations

import json
import os

from conftest import FIXTURES, ROOT
from generator.errors import Reporter
from generator.reader import read_guide
from generator.serialize import guide_data

GOLDEN = FIXTURES / "mini.golden.json"


def test_mini_guide_matches_golden(monkeypatch):
    monkeypatch.chdir(ROOT)
    data = guide_data(read_guide(FIXTURES.relative_to(ROOT) / "mini", Reporter()))
    data["revision"] = "<revision>"  # a git hash or a date: not part of the model's shape
    for module in data["modules"]:
        module["revision"] = "<revision>"
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
