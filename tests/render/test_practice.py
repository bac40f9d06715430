"""The practice exam's PDF and JSON: contents, paper sizes, bundled fonts only, escaping, same bytes per seed, CLI."""
from __future__ import annotations

import re

import json
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import FIXTURES
from generator.build import Options, build, load
from generator.cli import main
from generator.exam import make_exam
from generator.render.practice import exam_html, plan, write_exam

MINI = FIXTURES / "mini"


def quiet(source: Path):
    return load(source, echo=lambda line: None)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The bundled guide's exam (a snapshot, seed 0) written twice in A4 and once in Letter."""
    guide = quiet(FIXTURES / "mla-c01")
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
    """docs/practice-exam.md: one object per question with its type and its answer as option indexes."""
    guide, exam, folders, _ = project
    data = json.loads(files(folders["a4"])[1].read_text(encoding="utf-8"))
    assert data["seed"] == 0 and len(data["questions"]) == 65 and data["duration_minutes"] == 130
    keys = {"number", "type", "stem", "options", "answer", "explanation", "fact_ids", "domain", "module", "section"}
    for q, question in zip(data["questions"], exam.questions):
        assert set(q) == keys | ({"prompts"} if q["type"] == "matching" else set())
        assert q["answer"] == list(question.answer) and q["type"] == question.type
        assert all(0 <= i < len(q["options"]) for i in q["answer"])
        if q["type"] == "matching":
            assert len(q["prompts"]) == len(q["answer"])
    assert data["notes"] == []


def test_pdf_questions_answer_sheet_key_and_score_table(project):
    guide, exam, folders, summary = project
    reader = PdfReader(files(folders["a4"])[0])
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    text = " ".join(pages)
    assert text.index("Answer sheet") < text.index("Answer key") < text.index("Score by domain")
    sheet = next(i for i, t in enumerate(pages) if t.startswith("Answer sheet") or " Answer sheet " in f" {t}")
    key = next(i for i, t in enumerate(pages) if "Answer key" in t)
    assert key > sheet and key % 2 == 0, "the key starts on a right-hand page (a fresh sheet when printed duplex)"
    assert all(f" {q.domain}" in pages[sheet] for q in exam.questions)
    assert "30 minutes: you should be here" in text and "130 minutes, as on the real exam" in text
    assert "The real exam: 65 questions (50 scored, 15 unscored) · 130 minutes · pass 720/1000" in text
    assert "MLA-C01-practice-exam.pdf" in summary[0] and "D1 18, D2 17, D3 14, D4 16" in summary[0]


def test_key_gives_each_answer_and_why(project):
    from generator.exam.key import answer_text

    _, exam, folders, _ = project
    key = text_of(files(folders["a4"])[0]).split("Answer key")[1].split("Score by domain")[0]
    for q in exam.questions:
        assert f"{q.number}. {' '.join(answer_text(q).split())}" in re.sub(r"(\w)- (\w)", r"\1-\2", key), q.number


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
    guide = quiet(FIXTURES / "exam3")
    write_exam(guide, make_exam(guide, seed=1), tmp_path / "1")
    write_exam(guide, make_exam(guide, seed=2), tmp_path / "2")
    for one, two in zip(files(tmp_path / "1", "WX-100"), files(tmp_path / "2", "WX-100")):
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
    result = CliRunner().invoke(main, ["exam", "--source", str(FIXTURES / "exam3"), "--seed", "3", "--questions", "6",
                                       "--out", str(out), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "WX-100-practice-exam.json").read_text(encoding="utf-8"))
    assert data["seed"] == 3 and len(data["questions"]) == 6
    assert (out / "WX-100-practice-exam.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["WX-100-practice-exam.json", "WX-100-practice-exam.pdf"]
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



def test_shortfall_is_said_in_every_output(tmp_path):
    guide = quiet(MINI)
    exam = make_exam(guide, seed=0)
    summary = write_exam(guide, exam, tmp_path)
    assert exam.notes and "Domain A (Alpha Topics)" in exam.notes[0]
    assert any(line.startswith("practice: note: Domain A (Alpha Topics)") for line in summary)
    assert json.loads((tmp_path / "MINI-01-practice-exam.json").read_text(encoding="utf-8"))["notes"] == list(exam.notes)
    assert "Note: Domain A (Alpha Topics)" in text_of(tmp_path / "MINI-01-practice-exam.pdf")
