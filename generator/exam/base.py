"""Exam questions as data: the public Question and PracticeExam types and the exam's constants. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

TYPES = ("single", "multiple", "ordering", "matching")
"""The real exam's question types: one answer, several answers ("Choose TWO"), an order, a matching."""
LETTERS = "ABCDEFGH"
"""Option letters, by index."""
DEFAULT_QUESTIONS = 50
"""Length of an exam when neither the caller nor guide.yaml gives one."""


@dataclass(frozen=True)
class Question:
    """One question of a practice exam (plain text; renderers escape it)."""

    number: int
    """1-based position in the exam."""
    type: str
    """single | multiple | ordering | matching."""
    stem: str
    options: tuple[str, ...]
    """As shown, lettered A, B, …: the choices, the steps to order, or the items to match."""
    answer: tuple[int, ...]
    """single: the right option; multiple: the right ones ascending; ordering: every option in the right order;
    matching: ``answer[k]`` is the option for ``prompts[k]``."""
    explanation: str
    """Why the answer is right."""
    notes: tuple[str, ...]
    """For each option, what it is ("Network isolation mode: completely isolated from the internet")."""
    fact_ids: tuple[str, ...]
    """The definitions the question was made from."""
    domain: str
    module: int
    section: str
    key: str
    """The question's identity: its source and kind, not its wording or its place in an exam."""
    prompts: tuple[str, ...] = ()
    """matching: what each option is matched to, numbered 1, 2, …"""
    scenario: bool = False
    """A stem that sets a situation and asks for the choice that meets it."""
    authored: bool = False
    """Written by the guide's author (a ```question block)."""
    source: str = ""
    """The list the question draws on (an exam asks at most one question per list)."""
    names: tuple[str, ...] = ()
    """What the right answer is called (no other question of the exam prints it)."""

    @property
    def letters(self) -> str:
        """The answer as letters: "B", "AD", "CADB" (ordering), "BCA" (matching, by prompt)."""
        return "".join(LETTERS[i] for i in self.answer)


@dataclass(frozen=True)
class PracticeExam:
    """A practice exam: its seed, its questions in order, and notes about shortfalls."""

    seed: int
    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()
    """Human-readable remarks, e.g. a domain with too little material for its share."""
