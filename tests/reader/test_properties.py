"""Property tests: whatever a guide contains, the reader returns a model or raises its own located error."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI_YAML
from generator.errors import GuideError, Reporter
from generator.model import Guide
from generator.reader import read_guide

FRAGMENTS = ["**", "Term", " - ", ": ", "### 1.1 S", "## H", "\n", "\n\n", "```", "```python\n", "- ", "1. ", "| a | b |",
             "|---|---|", "{#", "pin}", "}", "<b>", "&amp;", "`", "*[x]*", "---", "title: T", "domains: [A]", "Σ", "<", "=",
             " = ", "0.1", "%", "(", ")", ".", " ", "Use when: ", "\t", "\r\n", "\x00", "é"]
markdown = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
SETTINGS = settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(yaml: bytes, modules: dict[str, bytes]) -> Guide | GuideError:
    """Write a guide to a fresh folder and read it, returning the guide or the GuideError."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        (src / "modules").mkdir()
        (src / "guide.yaml").write_bytes(yaml)
        for name, data in modules.items():
            (src / "modules" / name).write_bytes(data)
        try:
            return read_guide(src, Reporter())
        except GuideError as exc:
            assert exc.diagnostics and all(d.loc.file for d in exc.diagnostics)
            return exc


@SETTINGS
@given(markdown)
def test_any_module_body(body):
    read(MINI_YAML.encode(), {"01-a.md": f"---\ntitle: A\ndomains: [A]\n---\n{body}".encode("utf-8", "surrogatepass")})


@SETTINGS
@given(markdown)
def test_any_whole_module_file(text):
    read(MINI_YAML.encode(), {"01-a.md": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes(data):
    read(MINI_YAML.encode(), {"01-a.md": data})


yaml_fragments = st.lists(st.sampled_from(["exam:", "\n  code: X", "\n  title: Y", "\ndomains:", "\n  - id: A",
                                           "\n    weight: ", "100", "-5", "x", "\n    title: T", "[", "]", "{", "}",
                                           ": ", "&a", "*a", "!!python/object:os.system", "\t", "'", '"', "\n"]),
                          max_size=30).map("".join)


@SETTINGS
@given(yaml_fragments)
def test_any_guide_yaml(yaml):
    read(yaml.encode(), {"01-a.md": b"---\ntitle: A\ndomains: [A]\n---\n\n### 1 S\n\n**T** - x.\n"})
