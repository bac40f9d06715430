"""The Anki renderer: one .apkg of flashcards for the whole guide, whose notes survive regeneration.

``render`` gathers the guide's notes (cards.py, notes.py), stamps them against the previous lock (lock.py) and
writes the package (package.py) and the new lock into the build's staging folders. The practice exam's questions
(practice.py) go into a second package, ``<code>-practice.apkg``, with the subdeck ``<code>::Practice``: a practice
exam is re-drawn when the guide changes, and keeping it apart leaves the flashcard package's re-imports clean
(an edit updates only its definition's notes; a deletion adds nothing).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Guide

if TYPE_CHECKING:
    from generator.build import Options, Target
    from generator.exam import PracticeExam
    from generator.render.anki.lock import LockUpdate
    from generator.render.anki.notes import NoteSpec

LOCK_NAME = "anki.lock.json"
"""The lock file, beside the guide's source (committed with it)."""
COST = 0.8
"""About what building the flashcard package costs, in seconds: for the pool's ordering."""
PRACTICE_COST = 0.1
"""About what building the practice package costs, in seconds."""


def outputs(guide: Guide) -> tuple[str, str]:
    """The two packages, relative to the output folder: flashcards and practice questions."""
    return f"anki/{guide.exam.code}.apkg", f"anki/{guide.exam.code}-practice.apkg"


def plan(guide: Guide, options: Options) -> dict[str, str]:
    """Fingerprints of both packages: the whole model, the lock beside the source, the templates (no genanki import)."""
    from generator import fingerprint

    lock = options.source / LOCK_NAME
    state = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else "no lock"
    digest = fingerprint.digest("anki", guide.exam, guide.domains, guide.modules, state, fingerprint.templates("anki"))
    return {path: digest for path in outputs(guide)}


def render(guide: Guide, options: Options, target: Target) -> list[str]:
    """Write ``anki/<code>.apkg`` (and ``anki/<code>-practice.apkg``) and the updated lock beside the source.

    Two jobs: the flashcards start at once, the practice questions once the exam is made (the main process makes it
    meanwhile); this thread writes the lock from both (json only: the main process never imports genanki).
    """
    from generator.exam import shared_exam

    stamp = now()
    cards = target.pool.submit(COST, write_section, "notes", guide, options, target.out, stamp, None)
    exam = shared_exam(guide, seed=0)  # the practice deck's exam; the practice PDF of a default build shares it
    practice = target.pool.submit(PRACTICE_COST, write_section, "practice", guide, options, target.out, stamp, exam)
    lock: dict[str, object] = {}
    lines: list[str] = []
    for future in (cards, practice):
        part, more, written = future.result()
        lock.update(part)
        lines += more
        for relative in written:
            target.report(relative)
    write_lock(target.source / LOCK_NAME, lock)
    return lines


def write_lock(path: Path, lock: dict[str, object]) -> None:
    """Write the lock with sorted keys, one field per line, so diffs stay readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(lock, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def write_section(name: str, guide: Guide, options: Options, out: Path, stamp: int,
                  exam: PracticeExam | None) -> tuple[dict[str, object], list[str], list[str]]:
    """One package (a job of the build's pool): ``name`` "notes", the flashcards, or "practice", the questions of
    ``exam``. Returns its part of the new lock (the flashcards' also holds the format, exam code and note types),
    summary lines and the package written, if any, relative to ``out``."""
    from generator.render.anki.lock import model_mods, new_lock, read_lock, update
    from generator.render.anki.notes import guide_notes
    from generator.render.anki.package import write_package
    from generator.render.anki.practice import practice_notes

    previous = read_lock(options.source / LOCK_NAME)
    notes = guide_notes(guide) if exam is None else practice_notes(guide, exam)
    sections = {name: update(previous.get(name, {}), notes, stamp)}
    mods = model_mods(previous.get("models", {}), stamp)
    lock = new_lock(guide.exam.code, mods, sections)
    part = lock if name == "notes" else {name: lock[name]}
    relative = outputs(guide)[0 if name == "notes" else 1]
    if not sections[name].notes:
        return part, [], []
    write_package(out / relative, sections[name].notes, mods, deck_ids(guide, sections))
    return part, summary(str(options.out / relative), sections[name], per_fact=name == "notes"), [relative]


def now() -> int:
    """The current time in seconds; ``SOURCE_DATE_EPOCH`` overrides it (changed notes still move forward)."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def deck_ids(guide: Guide, sections: dict[str, LockUpdate]) -> dict[str, int]:
    """Deck name → id: module decks by module number, the practice deck by name, retired decks by their name."""
    from generator.render.anki.notes import deck_name
    from generator.render.anki.package import deck_id
    from generator.render.anki.practice import PRACTICE_DECK

    code = guide.exam.code
    ids = {deck_name(code, m): deck_id(code, f"{m.number:02d}") for m in guide.modules}
    ids[f"{code}::{PRACTICE_DECK}"] = deck_id(code, "practice")
    for section in sections.values():
        for stamped in section.notes:
            ids.setdefault(stamped.note.deck, deck_id(code, stamped.note.deck))
    return ids


def summary(shown: str, result: LockUpdate, per_fact: bool = True) -> list[str]:
    """Build output: counts, changes, and (``per_fact``) every fact whose notes were retired by this build."""
    live = [s.note for s in result.notes if s.status not in ("retired", "kept")]
    cards = sum(card_count(n) for n in live)
    lines = [
        f"anki: {shown}: {len(live)} notes, {cards} cards "
        f"({result.count('new')} new, {result.count('changed')} changed, {result.count('retired')} retired)"
    ]
    for fact_id in result.retired_facts("retired") if per_fact else []:
        n = sum(1 for s in result.notes if s.status == "retired" and s.note.fact_id == fact_id)
        lines.append(f"anki: retired {fact_id}: {n} note(s) kept with tag 'retired' (find them with tag:retired)")
    kept = result.count("kept")
    if kept:
        lines.append(f"anki: {kept} note(s) retired by earlier builds are still in the package (suspended, in a deck "
                     "of their own on a first import; tagged 'retired' where they already are)")
    return lines


def card_count(note: NoteSpec) -> int:
    """Cards a note makes: one, or one per cloze number."""
    if note.model != "cloze":
        return 1
    return len(set(re.findall(r"\{\{c(\d+)::", note.fields["Text"])))
