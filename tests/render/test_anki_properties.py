"""Property test: any guide the reader accepts yields cards for every definition, unique fronts, well-formed clozes."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI_YAML
from generator.errors import GuideError, Reporter
from generator.reader import read_guide
from generator.render.anki.notes import guide_notes, rendered_fronts

FRAGMENTS = ["**Term**", "**Other Term (OT)**", " - ", ": ", "\n\n", "### 1.1 S", "### 1.2 T", "Use when: ", "Pros: ",
             "Online Store: ", "Supports 250+ things: ", "(1) ", "(2) ", "x = (a + b) / c", "PSI < 0.1", "up to 90%",
             "Glue for ETL, EMR for Spark", "Early stopping prevents overfitting", ". ", "<script>", "a < b", "{{c1::x}}",
             "::", "}}", "`code`", "é", "\n- item one\n- item two\n", "```python\nx = 1\n```\n", "Never do this", "When "]
body = st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet="abc XYZ.,:()", max_size=6), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_any_guide_gives_wellformed_unique_cards(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        (src / "modules").mkdir()
        (src / "guide.yaml").write_text(MINI_YAML)
        (src / "modules" / "01-a.md").write_text(f"---\ntitle: A\ndomains: [A]\n---\n\n### 1.1 S\n\n{text}\n")
        try:
            guide = read_guide(src, Reporter())
        except GuideError:
            return
    notes = guide_notes(guide)
    assert {n.fact_id for n in notes} == {f.id for f in guide.facts}  # every definition gets a card
    fronts = [f.casefold() for n in notes for f in rendered_fronts(n)]
    assert len(fronts) == len(set(fronts))
    for note in notes:
        assert "<script" not in " ".join(note.fields.values()).lower()
        if note.model == "cloze":
            opened = re.findall(r"\{\{c\d+::", note.fields["Text"])
            assert opened and len(opened) == note.fields["Text"].count("}}")
