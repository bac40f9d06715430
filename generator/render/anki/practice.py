"""The ``<code>::Practice`` subdeck: the practice exam's multiple-choice questions as "studygen Multiple Choice" notes.

The deck always uses seed 0 and the guide's own question count, whatever ``--seed``/``--questions`` say, so the
same source keeps building the same deck. A question's identity is its definition, form and term, not its wording.
"""
from __future__ import annotations

from html import escape
from typing import Any

from genanki import guid_for

from generator.exam import LETTERS, PracticeExam, make_exam
from generator.model import Guide
from generator.render.anki.notes import NoteSpec, tag_part


PRACTICE_DECK = "Practice"


def practice_notes(guide: Guide, exam: PracticeExam | None = None) -> list[NoteSpec]:
    """One note per practice question: the exam of seed 0 (``exam`` when the caller already has it)."""
    exam = exam or make_exam(guide, seed=0)
    notes: dict[str, NoteSpec] = {}
    for question in exam.questions:
        note = question_note(guide, question)
        notes.setdefault(note.guid, note)
    return list(notes.values())


def question_note(guide: Guide, question: Any) -> NoteSpec:
    """A multiple-choice note: stem and options A–D on the front; letter, term and explanation on the back."""
    code = guide.exam.code
    form = getattr(question, "form", "question")
    key = f"choice/{form}/{question.term}"
    module = next((m for m in guide.modules if m.number == question.module), None)
    section = next((s for s in module.sections if s.key == question.section), None) if module else None
    context = escape(module.label) if module else ""
    if section is not None:
        context += f" › {escape(section.heading)}"
    fields = {
        "Question": _html(question.stem),
        **{letter: _html(option) for letter, option in zip(LETTERS, question.options)},
        "Answer": LETTERS[question.answer],
        "Term": _html(question.term),
        "Explanation": _html(question.explanation),
        "Context": f"Practice · {context}" if context else "Practice",
        "Source": escape(question.fact_id),
    }
    base = tag_part(code)
    tags = (f"{base}::{tag_part(question.domain)}", f"{base}::M{question.module:02d}",
            f"{base}::M{question.module:02d}::{tag_part(question.section)}", f"{base}::kind::practice")
    return NoteSpec(guid_for("studygen", question.fact_id, key), question.fact_id, key, "choice",
                    f"{code}::{PRACTICE_DECK}", fields, tags, (question.term,))


def _html(text: str) -> str:
    """Plain question text → escaped HTML (the exam's text is plain: nothing in it is markup)."""
    return escape(text, quote=False).replace("{{", "{&#123;").replace("}}", "}&#125;")
