"""The lock file beside the source (``anki.lock.json``): per note a content hash and the time it last changed.

Anki's importer updates a note only when the incoming ``mod`` is newer than the one it has, so ``mod`` must move
forward exactly when a note's content changes (``max(now, previous + 1)``) and stay put otherwise. Keeping that
state in a committed file makes the same source and lock build the same package, byte for byte, on any machine.
Notes whose definition disappeared stay in the lock (with their last fields) so the deck can keep them, tagged
``retired``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.errors import GuideError
from generator.model import Location
from generator.render.anki.models import NOTE_TYPES
from generator.render.anki.notes import RETIRED, RETIRED_DECK, NoteSpec

FORMAT = 1


@dataclass(frozen=True)
class Stamped:
    """A note with its modification time."""

    note: NoteSpec
    mod: int
    status: str
    """new | changed | unchanged | retired (newly) | kept (retired before)."""
    digest: str
    """``content_hash(note)``, computed once."""


@dataclass
class LockUpdate:
    """The stamped notes of one package and what changed since the previous lock."""

    notes: list[Stamped] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many notes have this status."""
        return sum(1 for s in self.notes if s.status == status)

    def retired_facts(self, status: str = "retired") -> list[str]:
        """Fact ids with notes of this status, sorted."""
        return sorted({s.note.fact_id for s in self.notes if s.status == status})


def read_lock(path: Path) -> dict[str, Any]:
    """The previous lock, or an empty one when there is none yet; a damaged lock is a located error."""
    if not path.is_file():
        return {"format": FORMAT, "models": {}, "notes": {}, "practice": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ok = isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("notes", {}), dict)
    except (UnicodeDecodeError, json.JSONDecodeError):
        ok = False
    if not ok:
        raise GuideError.at(Location(str(path)), "not a studygen Anki lock (format 1); restore it from git: without "
                            "it every note counts as changed and Anki overwrites edits made in Anki")
    return data


def content_hash(note: NoteSpec) -> str:
    """What the importer would write: note type, fields and tags (not the deck: imports never move cards)."""
    payload = json.dumps([note.model, sorted(note.fields.items()), sorted(note.tags)], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def update(previous: dict[str, Any], notes: list[NoteSpec], now: int) -> LockUpdate:
    """Stamp every current note against one section of the previous lock and retire notes that left the guide."""
    result = LockUpdate()
    for note in notes:
        result.notes.append(_stamp(note, previous.get(note.guid), now))
    current = {n.guid for n in notes}
    for guid in sorted(g for g in previous if g not in current):
        result.notes.append(_retire(guid, previous[guid], now))
    return result


def new_lock(code: str, model_mods: dict[str, int], sections: dict[str, LockUpdate]) -> dict[str, Any]:
    """The lock to write: note type stamps and, per section ("notes", "practice"), every note's entry."""
    lock: dict[str, Any] = {
        "format": FORMAT,
        "exam": code,
        "models": {k: {"hash": NOTE_TYPES[k].digest, "mod": m} for k, m in model_mods.items()},
    }
    for name, section in sections.items():
        lock[name] = {s.note.guid: _entry(s) for s in section.notes}
    return lock


def _stamp(note: NoteSpec, entry: dict[str, Any] | None, now: int) -> Stamped:
    digest = content_hash(note)
    if entry is None:
        return Stamped(note, now, "new", digest)
    if entry["hash"] == digest and not entry.get("retired"):
        return Stamped(note, int(entry["mod"]), "unchanged", digest)
    return Stamped(note, max(now, int(entry["mod"]) + 1), "changed", digest)


def _retire(guid: str, entry: dict[str, Any], now: int) -> Stamped:
    # A retired note is shipped in "<code> (retired)", its cards suspended: importers never move cards or change their
    # scheduling, so a collection that has it keeps it where it was (now tagged), and a first import puts it in one
    # deck outside the guide's tree that is never studied and can be deleted.
    code = entry["deck"].split("::")[0].removesuffix(RETIRED_DECK.format(code=""))
    deck = RETIRED_DECK.format(code=code)
    note = NoteSpec(guid, entry["fact"], entry["key"], entry["model"], deck, dict(entry["fields"]),
                    tuple(entry["tags"]))
    if entry.get("retired"):
        return Stamped(note, int(entry["mod"]), "kept", content_hash(note))
    note = replace(note, tags=tuple(t for t in note.tags if t != RETIRED) + (RETIRED,))
    return Stamped(note, max(now, int(entry["mod"]) + 1), "retired", content_hash(note))


def model_mods(previous: dict[str, Any], now: int) -> dict[str, int]:
    """Each note type's ``mod``: kept while its templates, CSS and fields are unchanged, else moved forward."""
    mods: dict[str, int] = {}
    for key, note_type in NOTE_TYPES.items():
        entry = previous.get(key)
        if entry and entry["hash"] == note_type.digest:
            mods[key] = int(entry["mod"])
        else:
            mods[key] = max(now, int(entry["mod"]) + 1) if entry else now
    return mods


def _entry(stamped: Stamped) -> dict[str, Any]:
    note = stamped.note
    return {
        "fact": note.fact_id,
        "key": note.key,
        "model": note.model,
        "deck": note.deck,
        "fields": note.fields,
        "tags": list(note.tags),
        "hash": stamped.digest,
        "mod": stamped.mod,
        "retired": stamped.status in ("retired", "kept"),
    }
