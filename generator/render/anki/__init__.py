"""The Anki renderer: one .apkg of flashcards for the whole guide, whose notes survive regeneration.

``render`` gathers the guide's notes (cards.py, notes.py), stamps them against the previous lock (lock.py) and
writes the package (package.py) and the new lock into the build's staging folders. The practice exam's questions
(practice.py) go into a second package, ``<code>-practice.apkg``, with the subdeck ``<code>::Practice``: a practice
exam is re-drawn when the guide changes, and keeping it apart leaves the flashcard package's re-imports clean
(an edit updates only its definition's notes; a deletion adds nothing).
"""
from __future__ import annotations

import hashlib
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
COST = 1.0
"""About what building both packages costs, in seconds: for the pool's ordering."""


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
    """Write ``anki/<code>.apkg`` (and ``anki/<code>-practice.apkg``) and the updated lock beside the source."""
    from generator.exam import shared_exam

    exam = shared_exam(guide, seed=0)  # the practice deck's exam; the practice PDF of a default build shares it
    lines, written = target.pool.run(COST, write_packages, guide, options, target.out, target.source, exam)
    for relative in written:
        target.report(relative)
    return lines


def write_packages(guide: Guide, options: Options, out: Path, source: Path, exam: PracticeExam) -> tuple[list[str], list[str]]:
    """The packages into ``out`` and the lock into ``source`` (a job of the build's pool); summary lines and the
    packages written, relative to ``out``."""
    from generator.render.anki.lock import model_mods, new_lock, read_lock, update, write_lock
    from generator.render.anki.notes import guide_notes
    from generator.render.anki.package import write_package
    from generator.render.anki.practice import practice_notes

    code, stamp = guide.exam.code, now()
    previous = read_lock(options.source / LOCK_NAME)
    sections = {
        "notes": update(previous.get("notes", {}), guide_notes(guide), stamp),
        "practice": update(previous.get("practice", {}), practice_notes(guide, exam), stamp),
    }
    mods = model_mods(previous.get("models", {}), stamp)
    ids = deck_ids(guide, sections)
    lines, written = [], []
    for name, relative in zip(("notes", "practice"), outputs(guide)):
        if sections[name].notes:
            write_package(out / relative, sections[name].notes, mods, ids)
            written.append(relative)
            lines += summary(str(options.out / relative), sections[name], per_fact=name == "notes")
    write_lock(source / LOCK_NAME, new_lock(code, mods, sections))
    return lines, written


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
        lines.append(f"anki: {kept} note(s) retired by earlier builds are still in the package (subdeck ::Retired "
                     "on a first import; tagged 'retired' where they already are)")
    return lines


def card_count(note: NoteSpec) -> int:
    """Cards a note makes: one, or one per cloze number."""
    if note.model != "cloze":
        return 1
    return len(set(re.findall(r"\{\{c(\d+)::", note.fields["Text"])))
