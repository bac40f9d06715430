"""The practice exam as a printable PDF and as JSON: ``<code>-practice-exam.pdf`` and ``.json``.

``render`` is the renderer for ``studygen build`` (seed 0, into the build's staging folder); ``make`` backs
``studygen exam`` (any seed, straight into a folder: each file is written beside its destination and renamed over it,
so a reader never sees half a file).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.exam import LETTERS, PracticeExam, Question, make_exam, shared_exam
from generator.exam.key import answer_text, pace, teaching
from generator.model import Guide
from generator.render import pdf, weasy

if TYPE_CHECKING:
    from generator.build import Options, Target

FOLDER = "practice"
"""Sub-folder of the build folder that ``studygen build`` writes the exam into."""
PDF_COST = 2.0
"""About what laying out the exam costs, in seconds (about 15 pages): for the pool's ordering."""
Runner = Callable[..., Any]
"""``run(cost, fn, *args)``: where a heavy job runs."""


def plan(guide: Guide, options: Options) -> dict[str, str]:
    """Fingerprints of the two outputs: the exam itself (its questions, not the whole guide: an edit that no question
    shows rebuilds nothing), the guide's revision, paper and templates (PDF)."""
    from generator import fingerprint

    data = exam_data(guide, shared_exam(guide, seed=options.seed, count=options.questions))
    name = f"{FOLDER}/{base_name(guide)}"
    return {
        f"{name}.json": fingerprint.digest("practice-json", data),
        f"{name}.pdf": fingerprint.digest("practice-pdf", data, guide.exam, guide.domains, guide.revision,
                                          options.paper, fingerprint.templates("practice")),
    }


def preload() -> None:
    """What the exam's PDF job needs, loaded by a worker before the guide is read."""
    weasy.load()


def render(guide: Guide, options: Options, target: Target) -> list[str]:
    """The build's renderer: the exam of ``options.seed`` (0 unless set) into ``target.out/practice/``."""
    exam = shared_exam(guide, seed=options.seed, count=options.questions)
    wanted = None if options.targets is None else {Path(t).suffix for t in options.targets}
    return write_exam(guide, exam, target.out / FOLDER, options.paper, formats=wanted,
                      report=lambda path: target.report(f"{FOLDER}/{path.name}"), run=target.pool.run)


def make(source: Path, out: Path, seed: int = 0, questions: int | None = None, paper: str = "a4",
         echo: Callable[[str], None] | None = None) -> list[str]:
    """``studygen exam``: read and validate the guide, make the exam of ``seed``, write it into ``out``."""
    from generator.build import load

    guide = load(source, echo=echo)
    return write_exam(guide, make_exam(guide, seed=seed, count=questions), out, paper)


def base_name(guide: Guide) -> str:
    """File name without extension: ``<exam code>-practice-exam``."""
    return f"{guide.exam.code}-practice-exam"


def write_exam(guide: Guide, exam: PracticeExam, folder: Path, paper: str = "a4", formats: set[str] | None = None,
               report: Callable[[Path], None] = lambda path: None, run: Runner = lambda cost, fn, *a: fn(*a)) -> list[str]:
    """Write the JSON and the PDF (or only the ``formats`` given, e.g. ``{".pdf"}``) into ``folder``; summary lines.

    ``run(cost, fn, *args)`` runs the PDF's layout: in this thread, or in the build's worker pool.
    """
    folder.mkdir(parents=True, exist_ok=True)
    name = base_name(guide)
    written = []
    if formats is None or ".json" in formats:
        text = json.dumps(exam_data(guide, exam), ensure_ascii=False, indent=1) + "\n"
        report(_replace(folder / f"{name}.json", lambda tmp: tmp.write_text(text, encoding="utf-8")))
        written.append(f"{name}.json")
    if formats is None or ".pdf" in formats:
        pages = run(PDF_COST, write_pdf, guide, exam, paper, folder / f"{name}.pdf")
        report(folder / f"{name}.pdf")
        written.append(f"{name}.pdf ({pages} pages, {paper})")
    spread = Counter(q.domain for q in exam.questions)
    lines = [f"practice: {' and '.join(written)}: {len(exam.questions)} questions, seed {exam.seed}, "
             + ", ".join(f"{d.id} {spread.get(d.id, 0)}" for d in guide.domains)]
    lines += [f"practice: note: {note}" for note in exam.notes]
    return lines


def write_pdf(guide: Guide, exam: PracticeExam, paper: str, final: Path) -> int:
    """Lay out the exam and write it over ``final`` (write-then-rename); its page count. The HTML is made here, in
    the worker that runs this job: the main process never loads Jinja."""
    document = pdf.render(exam_html(guide, exam), [page_css(paper)])
    _replace(final, lambda tmp: pdf.write(document, tmp))
    return len(document.pages)


def _replace(final: Path, write: Callable[[Path], Any]) -> Path:
    """Write beside ``final`` under a temporary name, then rename over it."""
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def page_css(paper: str) -> str:
    """Portrait page of the given paper size."""
    long_side, short_side = pdf.PAPER[paper]
    return f"@page {{ size: {short_side} {long_side}; }}"


def _places(guide: Guide) -> tuple[dict[int, str], dict[tuple[int, str], str]]:
    modules = {m.number: m.label for m in guide.modules}
    sections = {(m.number, s.key): s.heading for m in guide.modules for s in m.sections}
    return modules, sections


def exam_data(guide: Guide, exam: PracticeExam) -> dict[str, Any]:
    """The exam as JSON-ready data (docs/practice-exam.md): the exam's facts and one object per question."""
    return {
        "seed": exam.seed,
        "exam": guide.exam.code,
        "title": guide.exam.title,
        "duration_minutes": guide.exam.duration_minutes,
        "passing_score": guide.exam.passing_score,
        "notes": list(exam.notes),
        "questions": [question_data(q) for q in exam.questions],
    }


def question_data(q: Question) -> dict[str, Any]:
    """One question: number, type, stem, options, answer (option indexes), explanation, source and domain."""
    data: dict[str, Any] = {
        "number": q.number,
        "type": q.type,
        "stem": q.stem,
        "options": list(q.options),
        "answer": list(q.answer),
        "explanation": teaching(q),
        "fact_ids": list(q.fact_ids),
        "domain": q.domain,
        "module": q.module,
        "section": q.section,
    }
    if q.type == "matching":
        data["prompts"] = list(q.prompts)
    return data


def exam_html(guide: Guide, exam: PracticeExam) -> str:
    """The exam's HTML (every text escaped by the template)."""
    modules, sections = _places(guide)
    spread = Counter(q.domain for q in exam.questions)
    minutes = None
    if guide.exam.duration_minutes and guide.exam.questions:
        minutes = round(guide.exam.duration_minutes * len(exam.questions) / guide.exam.questions)
    marks = {m["question"]: m["minutes"] for m in pace(guide, len(exam.questions))}
    return pdf.jinja().get_template("practice/exam.html").render(
        code=guide.exam.code,
        title=guide.exam.title,
        revision=guide.revision,
        seed=exam.seed,
        minutes=minutes,
        passing=guide.exam.passing_score,
        real_exam=guide.exam.format_line(),
        types=", ".join(guide.exam.question_types),
        notes=exam.notes,
        letters=LETTERS,
        questions=exam.questions,
        marks=marks,
        pace=pace(guide, len(exam.questions)),
        key=[
            {"number": q.number, "answer": answer_text(q), "type": q.type, "why": teaching(q),
             "place": f"Module {modules[q.module]} › {sections.get((q.module, q.section), q.section)}",
             "domain": q.domain}
            for q in exam.questions
        ],
        domains=[{"id": d.id, "title": d.title, "weight": f"{d.weight:g}", "count": spread.get(d.id, 0)}
                 for d in guide.domains],
    )
