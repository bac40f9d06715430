"""The practice exam's PDF and JSON: contents, paper sizes, bundled fonts only, escaping, same bytes per seed, CLI."""
from __future__ import annotations

import re

import json
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import FIXTURES, ROOT
from generator.build import Options, build, load
from generator.cli import main
from generator.exam import make_exam
from generator.render.practice import exam_html, plan, write_exam

MINI = FIXTURES / "mini"


def quiet(source: Path):
    return load(source, echo=lambda line: None)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The project's exam (seed 0) written twice in A4 and once in Letter."""
    guide = quiet(ROOT / "source")
    exam = make_exam(guide, seed=0)
    folders = {name: tmp_path_factory.mktemp(name) for name in ("a4", "again", "letter")}
    summary = write_exam(guide, exam, folders["a4"], "a4")
    write_exam(guide, make_exam(guide, seed=0), folders["again"], "a4")
    write_exam(guide, exam, folders["letter"], "letter")
    return guide, exam, folders, summary


def files(folder: Path, code: str = "MLA-C01") -> tuple[Path, Path]:
    return folder / f"{code}-practice-exam.pdf", folder / f"{code}-practice-exam.json"


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_json_shape(project):
    guide, exam, folders, _ = project
    data = json.loads(files(folders["a4"])[1].read_text(encoding="utf-8"))
    assert data["seed"] == 0 and len(data["questions"]) == 65
    for q, question in zip(data["questions"], exam.questions):
        assert {"number", "stem", "options", "answer", "fact_id", "domain", "module", "section"} <= q.keys()
        assert len(q["options"]) == 4 and q["answer"] in range(4) and q["letter"] == "ABCD"[q["answer"]]
        assert (q["stem"], q["fact_id"], q["domain"]) == (question.stem, question.fact_id, question.domain)
    assert data["notes"] == []


def test_pdf_has_questions_then_key_then_score_table(project):
    guide, exam, folders, summary = project
    text = text_of(files(folders["a4"])[0])
    assert text.index("Questions") < text.index("Answer key") < text.index("Score by domain")
    for q in exam.questions:
        assert f"{q.number}." in text
    for d in guide.domains:
        assert d.title in text.split("Score by domain")[1]
    assert "65 questions · seed 0" in text
    assert "MLA-C01-practice-exam.pdf" in summary[0] and "D1 18, D2 17, D3 14, D4 16" in summary[0]


def test_key_gives_every_answer_twice(project):
    """The key: a grid of number and letter for quick scoring, then each question's answer with its term, source,
    domain and explanation, in order."""
    guide, exam, folders, _ = project
    key = text_of(files(folders["a4"])[0]).split("Answer key")[1].split("Score by domain")[0]
    grid, _, entries = key.partition(" 1. ")
    assert grid.split() == [part for q in exam.questions for part in (str(q.number), q.letter)]
    at = 0
    for q in exam.questions:
        at = (" 1. " + entries).index(f" {q.number}. {q.letter} {q.term} (Module ", at)
        entry = re.sub(r"(\w)- (\w)", r"\1-\2", (" 1. " + entries)[at:])  # a hyphen where a line broke
        assert f"· {q.domain}) — {' '.join(q.explanation.split()[:4])}" in entry[:400], entry[:400]


@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_portrait_paper_sizes(project, paper, size):
    _, _, folders, _ = project
    pages = PdfReader(files(folders[paper])[0]).pages
    assert len(pages) > 5
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == size for p in pages)


def test_only_bundled_fonts_are_embedded(project):
    _, _, folders, _ = project
    fonts = set()
    for page in PdfReader(files(folders["a4"])[0]).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith(("StudySans", "StudyMono")) for f in fonts), fonts


def test_same_seed_same_bytes_without_dates(project):
    _, _, folders, _ = project
    for first, second in zip(files(folders["a4"]), files(folders["again"])):
        assert first.read_bytes() == second.read_bytes()
    info = PdfReader(files(folders["a4"])[0]).metadata or {}
    assert "/CreationDate" not in info and "/ModDate" not in info


def test_seeds_one_and_two_differ(tmp_path):
    guide = quiet(MINI)
    write_exam(guide, make_exam(guide, seed=1), tmp_path / "1")
    write_exam(guide, make_exam(guide, seed=2), tmp_path / "2")
    for one, two in zip(files(tmp_path / "1", "MINI-01"), files(tmp_path / "2", "MINI-01")):
        assert one.read_bytes() != two.read_bytes()


ESCAPE_YAML = """exam:
  code: ESC-1
  title: Escaping <i>Exam</i>
domains:
  - id: A
    title: Alpha <script>
    weight: 100
"""

ESCAPE_MODULE = """---
title: Markup
domains: [A]
---

### 1.1 Tags

**The <b> Tag** - Makes text bold in HTML documents when rendered by a browser.

**Script Element** - Runs code in the page <script>alert(1)</script> when loaded.

**Image Element** - Embeds a picture <img src="file:///etc/passwd"> into the page.

**Anchor Element** - Links one document to another one across the web.

**Table Element** - Arranges data in rows and columns for display.
"""


def test_markup_in_terms_is_shown_literally(make_guide, tmp_path):
    guide = quiet(make_guide({"01-markup.md": ESCAPE_MODULE}, yaml=ESCAPE_YAML))
    exam = make_exam(guide, seed=0, count=5)
    html = exam_html(guide, exam)
    assert "The &lt;b&gt; Tag" in html and "<b>" not in html and "<script>" not in html and "<img" not in html
    write_exam(guide, exam, tmp_path)
    text = text_of(tmp_path / "ESC-1-practice-exam.pdf")
    assert "The <b> Tag" in text and "Alpha <script>" in text


def test_cli_exam_writes_into_out(tmp_path):
    out = tmp_path / "fresh"
    result = CliRunner().invoke(main, ["exam", "--source", str(MINI), "--seed", "3", "--questions", "6",
                                       "--out", str(out), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "MINI-01-practice-exam.json").read_text(encoding="utf-8"))
    assert data["seed"] == 3 and len(data["questions"]) == 6
    assert (out / "MINI-01-practice-exam.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["MINI-01-practice-exam.json", "MINI-01-practice-exam.pdf"]
    assert "6 questions, seed 3" in result.stdout


def test_cli_exam_passes_options():
    with mock.patch("generator.render.practice.make", return_value=["made"]) as make:
        result = CliRunner().invoke(main, ["exam"])
    assert result.exit_code == 0, result.output
    make.assert_called_once_with(Path("source"), Path("build/practice"), seed=0, questions=None, paper="a4")
    with mock.patch("generator.render.practice.make", return_value=[]) as make:
        CliRunner().invoke(main, ["exam", "--source", "s", "--seed", "7", "--questions", "12", "--out", "o"])
    make.assert_called_once_with(Path("s"), Path("o"), seed=7, questions=12, paper="a4")
    assert CliRunner().invoke(main, ["exam", "--questions", "0"]).exit_code == 2


def test_build_writes_seed_zero_exam_and_skips_it_when_fresh(tmp_path):
    options = Options(source=MINI, out=tmp_path, only=("practice",))
    result = build(options, echo=lambda line: None)
    pdf, data = files(tmp_path / "practice", "MINI-01")
    assert pdf.exists() and json.loads(data.read_text(encoding="utf-8"))["seed"] == 0
    assert set(plan(quiet(MINI), options)) == {"practice/MINI-01-practice-exam.pdf", "practice/MINI-01-practice-exam.json"}
    assert any(line.startswith("practice:") for line in result.summary)
    again = build(options, echo=lambda line: None)
    assert again.written == [] and len(again.fresh) == 2



def test_shortfall_is_said_in_every_output(make_guide, tmp_path):
    from test_exam import RICH, SHORT_YAML, module

    src = make_guide({"01-rich.md": module("Rich", "[A]", RICH[:5])}, yaml=SHORT_YAML)
    guide = quiet(src)
    exam = make_exam(guide, seed=0)
    summary = write_exam(guide, exam, tmp_path)
    assert exam.notes and "Domain B (Beta)" in exam.notes[0]
    assert any(line.startswith("practice: note: Domain B (Beta)") for line in summary)
    assert json.loads((tmp_path / "S-01-practice-exam.json").read_text(encoding="utf-8"))["notes"] == list(exam.notes)
    assert "Note: Domain B (Beta)" in text_of(tmp_path / "S-01-practice-exam.pdf")
