"""Incremental builds: each kind of input rebuilds exactly the outputs that depend on it, and nothing is stale."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_guide
from generator import fingerprint
from generator import stamp as stamps
from generator.build import Options, build

SHEETS = {"cheatsheets/00-overview.pdf", "cheatsheets/01-metrics.pdf", "cheatsheets/02-scaling.pdf",
          "cheatsheets/03-deployment.pdf", "cheatsheets/MINI-01-all.pdf"}
DECKS = {"anki/MINI-01.apkg", "anki/MINI-01-practice.apkg"}
PRACTICE = {"practice/MINI-01-practice-exam.json", "practice/MINI-01-practice-exam.pdf"}
ALL = SHEETS | DECKS | PRACTICE | {"checklist.pdf"}


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    """A built copy of the mini guide; each test edits it and looks at what the next build rewrites."""
    root = tmp_path_factory.mktemp("stale")
    copy_guide(FIXTURES / "mini", root / "src")
    options = Options(source=root / "src", out=root / "out")
    assert built(options) == ALL
    return options


def built(options: Options) -> set[str]:
    """The outputs the build rewrote (paths relative to out; the Anki lock beside the source excluded)."""
    result = build(options, echo=lambda line: None)
    return {p.relative_to(options.out).as_posix() for p in result.written if p.is_relative_to(options.out)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed_rebuilds_nothing(guide):
    assert built(guide) == set()


def test_definition_edit_rebuilds_its_sheet_decks_and_exam_not_the_checklist(guide):
    edit(guide.source / "modules/02-scaling.md", "Resistant to outliers.", "Resistant to extreme outliers.")
    rebuilt = built(guide)
    sheets = {"cheatsheets/02-scaling.pdf", "cheatsheets/MINI-01-all.pdf"}
    assert sheets | DECKS <= rebuilt <= sheets | DECKS | PRACTICE  # the exam only if one of its questions shows it


def test_edit_no_question_shows_leaves_the_practice_exam(guide):
    """The practice exam is fingerprinted by its questions, not by the whole guide: the code of a definition in a
    domain module that no question asks about (its text ends in a colon) changes the sheets and decks only."""
    exam = (guide.out / "practice/MINI-01-practice-exam.json").read_bytes()
    assert b"Trust Policy" not in exam
    edit(guide.source / "modules/03-deployment.md", '"sagemaker.amazonaws.com"', '"lambda.amazonaws.com"')
    assert built(guide) == {"cheatsheets/03-deployment.pdf", "cheatsheets/MINI-01-all.pdf"} | DECKS
    assert (guide.out / "practice/MINI-01-practice-exam.json").read_bytes() == exam


def test_edit_of_an_asked_definition_rebuilds_the_practice_exam(guide):
    """The explanation of question 1 is printed in the answer key: editing it rebuilds both exam files."""
    import json

    question = json.loads((guide.out / "practice/MINI-01-practice-exam.json").read_text())["questions"][0]
    module = next((guide.source / "modules").glob(f"{question['module']:02d}-*.md"))
    sentence = question["explanation"].split(". ")[0].rstrip(".")
    edit(module, sentence, sentence + " (edited)")
    rebuilt = built(guide)
    assert PRACTICE <= rebuilt and "checklist.pdf" not in rebuilt
    assert "(edited)" in (guide.out / "practice/MINI-01-practice-exam.json").read_text()


def test_section_title_edit_also_rebuilds_the_checklist(guide):
    edit(guide.source / "modules/03-deployment.md", "### 3.2 Security", "### 3.2 Security and Access")
    rebuilt = built(guide)
    assert "checklist.pdf" in rebuilt and "cheatsheets/03-deployment.pdf" in rebuilt
    assert "cheatsheets/01-metrics.pdf" not in rebuilt


def test_intro_edit_rebuilds_nothing_that_does_not_show_it(guide):
    edit(guide.source / "intro.md", "A tiny guide", "A very tiny guide")
    assert built(guide) == set()


def test_guide_yaml_edit_rebuilds_everything_showing_the_exam(guide):
    edit(guide.source / "guide.yaml", "title: Mini Certification", "title: Mini Certification Exam")
    assert built(guide) == ALL


def test_template_change_rebuilds_only_its_outputs(guide, monkeypatch):
    """As if templates/checklist/ were edited: its file stamp and its fingerprint change."""
    real_templates, real_rows = fingerprint.templates, stamps.rows
    monkeypatch.setattr(fingerprint, "templates", lambda *names: real_templates(*names) + ("x" if "checklist" in names else ""))
    monkeypatch.setattr(stamps, "rows", lambda *args: real_rows(*args) + ["templates/checklist/checklist.css:edited"])
    assert built(guide) == {"checklist.pdf"}
    monkeypatch.undo()
    assert built(guide) == {"checklist.pdf"}  # back to the real template


def test_generator_code_change_rebuilds_everything(guide, monkeypatch):
    real = fingerprint.code
    monkeypatch.setattr(fingerprint, "code", lambda: real() + "+patched")
    assert built(guide) == ALL
    monkeypatch.undo()
    assert built(guide) == ALL


def test_deleted_output_is_rebuilt(guide):
    (guide.out / "cheatsheets/01-metrics.pdf").unlink()
    assert built(guide) == {"cheatsheets/01-metrics.pdf"}  # same content as before, so the combined sheet stays valid


def test_force_rebuilds_everything(guide):
    from dataclasses import replace

    assert built(replace(guide, force=True)) == ALL
