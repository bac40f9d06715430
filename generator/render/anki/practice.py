"""The ``<code>::Practice`` subdeck: the practice exam's questions, every type, as "studygen Practice Question" notes.

The deck holds the exam of seed 0 at the guide's own length, whatever ``--seed``/``--questions`` say, so the same
source keeps building the same deck. A question's identity is where it comes from and what it asks (its key), not
its wording or its place in the exam; the draw is stable (exam/make.py), so an edit of the guide changes only the
questions of what was edited, and re-drawing the same material keeps every note.
"""

from __future__ import annotations

from html import escape

from genanki import guid_for

from generator.exam import LETTERS, PracticeExam, Question, make_exam
from generator.exam.key import teaching
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


def question_note(guide: Guide, q: Question) -> NoteSpec:
    """The stem with its options (and prompts) on the front; the answer and why on the back."""
    code = guide.exam.code
    module = next((m for m in guide.modules if m.number == q.module), None)
    section = next((s for s in module.sections if s.key == q.section), None) if module else None
    context = escape(module.label) if module else ""
    if section is not None:
        context += f" › {escape(section.heading)}"
    fields = {
        "Question": _question_html(q),
        "Answer": _answer_html(q),
        "Explanation": _html(_why(q)),
        "Context": f"Practice · {context}" if context else "Practice",
        "Source": escape(", ".join(q.fact_ids) or q.key),
    }
    base = tag_part(code)
    tags = (f"{base}::{tag_part(q.domain)}", f"{base}::M{q.module:02d}", f"{base}::M{q.module:02d}::{tag_part(q.section)}",
            f"{base}::kind::practice", f"{base}::practice::{q.type}")
    fact = q.fact_ids[0] if q.fact_ids else q.key
    return NoteSpec(guid_for("studygen", "practice", q.key), fact, f"practice/{q.key}", "practice",
                    f"{code}::{PRACTICE_DECK}", fields, tags, (q.letters,))


def _question_html(q: Question) -> str:
    hint = {"multiple": "", "ordering": " <i>(Put the options in order.)</i>",
            "matching": " <i>(A letter for each prompt.)</i>"}.get(q.type, "")
    parts = [f"<p>{_html(q.stem)}{hint}</p>"]
    if q.prompts:
        parts.append('<ol class="prompts">' + "".join(f"<li>{_html(p)}</li>" for p in q.prompts) + "</ol>")
    parts.append('<ol class="options" type="A">' + "".join(f"<li>{_html(o)}</li>" for o in q.options) + "</ol>")
    return "".join(parts)


def _answer_html(q: Question) -> str:
    if q.type == "ordering":
        return "<ol>" + "".join(f"<li>{LETTERS[i]}: {_html(q.options[i])}</li>" for i in q.answer) + "</ol>"
    if q.type == "matching":
        return "<ul>" + "".join(f"<li>{k + 1} → {LETTERS[i]}: {_html(q.options[i])}</li>"
                                for k, i in enumerate(q.answer)) + "</ul>"
    return "<br>".join(f'<span class="letter">{LETTERS[i]}</span> — {_html(q.options[i])}' for i in q.answer)


def _why(q: Question) -> str:
    return teaching(q)


def _html(text: str) -> str:
    """Plain question text → escaped HTML (the exam's text is plain: nothing in it is markup)."""
    return escape(text, quote=False).replace("{{", "{&#123;").replace("}}", "}&#125;")
