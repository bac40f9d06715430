"""Checks for weak cards: the signs of a card a student cannot answer or learn from.

The same checks back ``studygen cards --flag`` (an author's review list) and the tests (which require that the
bundled guide's deck has none of the hard faults). Each check reads a card as the student sees it: plain text of
its question and answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.language import shapes
from generator.text import words

TEMPLATE = re.compile(
    r"^[^?]{2,80}?\s:\s*what\b|\bwhat about\b|which term is described|which topic lists|complete the statement|"
    r"what exactly\?|\bwhat applies\b",
    re.I,
)
"""A template instead of a question: "Auto-Scaling : what is Scale-out ?", "what about X?"."""
STEP_NUMBER = re.compile(r"\bstep \d+\b|\(step \d+\)", re.I)
"""Recall of a step's number: "What is step 4?"."""
LONG_ANSWER = 45
"""Words: an answer longer than this is not one fact."""
MIN_QUESTION = 3
"""Words: a question shorter than this cannot say what it asks."""


@dataclass(frozen=True)
class Seen:
    """A card as the student sees it, in plain text."""

    kind: str
    question: str
    """The front; for a cloze, its text with the deletion shown as [...]."""
    answer: str
    """The back, or the deletion."""
    term: str = ""
    """The term of the definition the card comes from."""
    shown: str = ""
    """For a cloze: the whole visible text around the deletion."""


def hard_faults(card: Seen) -> list[str]:
    """Faults no card may have: a template, a list of 4+ named roles, a number the text gives away, a step number."""
    faults: list[str] = []
    if TEMPLATE.search(card.question):
        faults.append("template question")
    if _named_roles(card.answer) >= 4:
        faults.append("answer lists four or more 'Name (role)' items: ask one card per item")
    if STEP_NUMBER.search(card.question):
        faults.append("asks for a step's number")
    if card.kind == "cloze" and _given_away(card):
        faults.append("the deletion is restated in the visible text")
    return faults


def weak_signs(card: Seen) -> list[str]:
    """Softer signs worth an author's look: long or echoing answers, bare or open questions."""
    signs: list[str] = []
    length = len(words(card.answer))
    if length > LONG_ANSWER:
        signs.append(f"answer of {length} words (not one fact)")
    if card.kind != "cloze" and not card.question.rstrip().endswith(("?", ".")):
        signs.append("front is not a question")
    if card.kind != "cloze" and len(words(card.question)) < MIN_QUESTION:
        signs.append("question too short to say what it asks")
    if card.kind != "formula" and _echoes(card):
        signs.append("the answer only restates the question")
    if re.search(r"\b(use cases|examples)\b", card.question, re.I) and not re.search(r"\bname (two|three|some|one)\b",
                                                                                  card.question, re.I):
        if len(shapes.items_of(card.answer)) >= 3:
            signs.append("open list asked as if complete: ask for some ('Name two …')")
    return signs


def flags(card: Seen) -> list[str]:
    """Everything worth an author's look."""
    return hard_faults(card) + weak_signs(card)


def _named_roles(answer: str) -> int:
    found = shapes.enumeration(answer)
    return len(found.items) if found else 0


def _given_away(card: Seen) -> bool:
    value = card.answer.strip()
    rest = card.shown.replace("[...]", " ", 1)
    return bool(value) and bool(re.search(rf"(?<![\w.]){re.escape(value)}(?![\w.])", rest))


def _echoes(card: Seen) -> bool:
    """An answer made only of the question's own words (or just the term's name, for a card not asking a name)."""
    answer = {w.lower() for w in words(card.answer)}
    question = {w.lower() for w in words(card.question)}
    if not answer:
        return True
    asks_name = re.match(r"^(which|what)\s+\w+(\s+\w+)?\s+(is|are)\b", card.question, re.I) and card.kind == "reverse"
    return answer <= question and not asks_name
