"""Property test: the full build (every renderer) succeeds on generated guides in the documented format."""
from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.build import Options, build

WORDS = st.text(alphabet="abcdefghij klmnop<>&\"'é→Σ²-", min_size=1, max_size=25).map(str.strip).filter(bool)
TERMS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg <&>()", min_size=2, max_size=20).map(str.strip).filter(
    lambda t: any(c.isalpha() for c in t))


@st.composite
def guides(draw) -> dict[str, str]:
    """guide.yaml and 1–3 modules with sections, definitions, clauses, formulas, thresholds, lists and code."""
    n_domains = draw(st.integers(1, 3))
    weights = [100 // n_domains] * n_domains
    weights[0] += 100 - sum(weights)
    yaml = "exam:\n  code: GEN-1\n  title: Generated\n  questions: 6\ndomains:\n" + "".join(
        f"  - id: D{i}\n    title: Domain {i}\n    weight: {w}\n" for i, w in enumerate(weights, 1))
    files = {"guide.yaml": yaml}
    for m in range(draw(st.integers(1, 3))):
        body = []
        for s in range(draw(st.integers(1, 3))):
            body.append(f"### {m}.{s + 1} {draw(WORDS)}\n")
            for t in range(draw(st.integers(1, 4))):
                term, text = f"{draw(TERMS)} {m}{s}{t}", draw(WORDS)
                extra = draw(st.sampled_from(["", f" Use when: {text}.", f" X = {text} / 2.", " Limit: < 10ms.",
                                              f"\n```python\nx = '{text}'\n```"]))
                body.append(f"**{term}** - {text.capitalize()}.{extra}\n")
            body.append(draw(st.sampled_from(["", f"- {draw(WORDS)}\n- item\n", f"{draw(WORDS)}.\n"])))
        domains = draw(st.lists(st.sampled_from([f"D{i}" for i in range(1, n_domains + 1)]), max_size=2, unique=True))
        files[f"modules/{m:02d}-module-{m}.md"] = f"---\ntitle: Module {m}\ndomains: [{', '.join(domains)}]\n---\n\n" + "\n".join(body)
    return files


@settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_BUILDS", "3")), deadline=None, suppress_health_check=list(HealthCheck))
@given(guides())
def test_full_build_on_generated_guides(files):
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        for name, text in files.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_text(text, encoding="utf-8")
        result = build(Options(source=src, out=out), echo=lambda line: None)
        names = {p.relative_to(out).as_posix() for p in result.written if p.is_relative_to(out)}
        assert "checklist.pdf" in names and "anki/GEN-1.apkg" in names and "cheatsheets/GEN-1-all.pdf" in names
        for path in out.rglob("*.pdf"):
            assert len(PdfReader(path).pages) >= 1
        assert zipfile.ZipFile(out / "anki/GEN-1.apkg").testzip() is None
