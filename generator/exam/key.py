"""What the answer key says of a question: the answer as letters, why it is right and what each wrong option is, and
the pace a timed sitting should keep. Plain text, shared by the PDF, the JSON and the Anki practice deck."""

from __future__ import annotations

from generator.exam.base import LETTERS, Question
from generator.model import Guide


def teaching(q: Question) -> str:
    """Why the answer is right, then what each wrong option is ("B is Network isolation mode: …")."""
    if q.type in ("ordering", "matching") or q.authored:
        return q.explanation
    wrong = [f"{LETTERS[i]} is {q.notes[i].rstrip('.')}." for i in range(len(q.options)) if i not in q.answer]
    return " ".join([q.explanation, *wrong])


def answer_text(q: Question) -> str:
    """The answer as the key prints it: "B", "A, D", "C → A → D → B", "1-B 2-C 3-A"."""
    if q.type == "ordering":
        return " → ".join(LETTERS[i] for i in q.answer)
    if q.type == "matching":
        return "  ".join(f"{k + 1}-{LETTERS[i]}" for k, i in enumerate(q.answer))
    return ", ".join(LETTERS[i] for i in q.answer)


def pace(guide: Guide, count: int) -> list[dict[str, int]]:
    """Where to be every 30 minutes of the real exam's time per question: [{"minutes": 30, "question": 15}, …]."""
    if not guide.exam.duration_minutes or not guide.exam.questions:
        return []
    per = guide.exam.duration_minutes / guide.exam.questions
    total = round(per * count)
    return [{"minutes": m, "question": min(count, int(m / per))} for m in range(30, total, 30)]
