"""The practice exam: questions of the real exam's types drawn from the guide's structure. No I/O.

``make_exam(guide, seed)`` is deterministic and stable: the same guide and seed give the same exam, and an edit of one
definition changes only the questions drawn from it. sources.py and build.py make candidate questions (sets,
alternatives, trade-offs, sequences, enumerations), the author's ```question blocks join them, checks.py rejects
give-aways, make.py draws the exam by domain weight and type mix.
"""

from __future__ import annotations

from generator.exam.base import DEFAULT_QUESTIONS, LETTERS, TYPES, PracticeExam, Question
from generator.exam.make import make_exam, quotas, shared_exam

__all__ = ["DEFAULT_QUESTIONS", "LETTERS", "TYPES", "PracticeExam", "Question", "make_exam", "quotas", "shared_exam"]
