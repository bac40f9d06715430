"""The three note types: fixed ids, frozen field lists, templates and CSS from templates/anki/.

Field lists are frozen once shipped: Anki refuses to update notes across a changed schema ("conflicting") and
copies the note type instead. Add a new note type rather than changing a field list.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "anki"


@dataclass(frozen=True)
class NoteType:
    """One Anki note type as studygen ships it."""

    key: str
    """Short name used in the lock file: basic | cloze | choice."""
    model_id: int
    name: str
    fields: tuple[str, ...]
    template: str
    """Stem of the template files in templates/anki/ (``<template>_front.html``, ``<template>_back.html``)."""
    cloze: bool = False

    @property
    def front(self) -> str:
        """Question template."""
        return _read(f"{self.template}_front.html")

    @property
    def back(self) -> str:
        """Answer template."""
        return _read(f"{self.template}_back.html")

    @property
    def digest(self) -> str:
        """Hash of everything Anki stores for the note type: a change needs a newer ``mod``."""
        payload = json.dumps([self.model_id, self.name, self.fields, self.front, self.back, css()], ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


BASIC = NoteType("basic", 1_716_482_001_101, "studygen Basic", ("Front", "Back", "Context", "Source", "Code"), "basic")
CLOZE = NoteType(
    "cloze", 1_716_482_001_102, "studygen Cloze", ("Text", "Back Extra", "Context", "Source", "Code"), "cloze", cloze=True
)
CHOICE = NoteType(
    "choice",
    1_716_482_001_103,
    "studygen Multiple Choice",
    ("Question", "A", "B", "C", "D", "Answer", "Term", "Explanation", "Context", "Source"),
    "choice",
)
PRACTICE = NoteType(
    "practice", 1_716_482_001_104, "studygen Practice Question",
    ("Question", "Answer", "Explanation", "Context", "Source"), "practice",
)
"""Every question type of the practice exam (one answer, several, an order, a matching); CHOICE (A–D only) stays
for the notes of earlier builds."""
NOTE_TYPES: dict[str, NoteType] = {t.key: t for t in (BASIC, CLOZE, CHOICE, PRACTICE)}


@lru_cache(maxsize=None)
def css() -> str:
    """The shared stylesheet."""
    return _read("style.css")


@lru_cache(maxsize=None)
def _read(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")
