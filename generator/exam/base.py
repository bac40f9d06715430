"""Exam questions as data: the public Question and PracticeExam types and the exam's constants."""
from __future__ import annotations

from dataclasses import dataclass


LETTERS = "ABCD"
"""Option letters, by index."""
DEFAULT_QUESTIONS = 50
"""Length of an exam when neither the caller nor guide.yaml gives one."""
MASK = "___"
"""What replaces a masked word in a stem."""
STEM_WORDS = 30
"""Longest description in a stem, in words (longer ones are shortened at list boundaries)."""
OPTION_WORDS = 24
"""Longest option, in words."""

FORMS = ("term", "subterm", "statement", "use", "benefit", "drawback", "describe")
"""Every question form; ``Question.form`` is one of these."""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question (plain text; renderers escape it)."""

    number: int
    """1-based position in the exam."""
    stem: str
    """The question as shown, e.g. 'Which term matches this description? “…”'."""
    options: tuple[str, str, str, str]
    """Options A–D."""
    answer: int
    """Index of the correct option (0–3)."""
    term: str
    """The term the question is about (the correct option for term forms)."""
    explanation: str
    """The term's definition, for the answer key."""
    fact_id: str
    """The definition the question was made from."""
    domain: str
    """Id of the domain whose share the question counts towards."""
    module: int
    """Module number of the definition."""
    section: str
    """Section key of the definition (``Section.key``)."""
    form: str
    """One of ``FORMS``."""

    @property
    def letter(self) -> str:
        """The correct option's letter."""
        return LETTERS[self.answer]


@dataclass(frozen=True)
class PracticeExam:
    """A practice exam: its seed, its questions in order, and notes about shortfalls."""

    seed: int
    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()
    """Human-readable remarks, e.g. a domain with too little material for its share."""


# ---------------------------------------------------------------------------------------------------------------
# Words and names
