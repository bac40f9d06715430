"""Writing the .apkg: genanki's schema and rows, with every timestamp and id fixed so the bytes are reproducible.

genanki stamps notes, cards and note types with the build time and writes zip entries with the current time; here
each note carries its ``mod`` from the lock, note types theirs, ids count up from the newest ``mod``, and the zip is
written with a fixed date.
"""
from __future__ import annotations

import hashlib
import itertools
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

import genanki

from generator.render.anki.lock import Stamped
from generator.render.anki.models import NOTE_TYPES, NoteType, css

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class _Model(genanki.Model):  # type: ignore[misc]
    """A note type whose ``mod`` comes from the lock instead of the clock."""

    def __init__(self, note_type: NoteType, mod: int) -> None:
        templates = [{"name": "Card 1", "qfmt": note_type.front, "afmt": note_type.back}]
        kind = genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK
        fields = [{"name": name} for name in note_type.fields]
        super().__init__(note_type.model_id, note_type.name, fields=fields, templates=templates, css=css(),
                         model_type=kind)
        self.mod = mod

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        """genanki's JSON with the locked ``mod``."""
        return dict(super().to_json(self.mod, deck_id))


class _Note(genanki.Note):  # type: ignore[misc]
    """A note (and its cards) stamped with its own ``mod``."""

    def __init__(self, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]) -> None:
        """Write with the note's ``mod`` as its timestamp."""
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


def deck_id(code: str, key: str) -> int:
    """A stable deck id derived from the exam code and the deck's key (module number or "practice")."""
    digest = hashlib.sha256(f"studygen deck {code} {key}".encode()).hexdigest()
    return (1 << 40) + int(digest[:10], 16)


def write_package(path: Path, notes: list[Stamped], model_mods: dict[str, int], deck_ids: dict[str, int]) -> None:
    """Write every stamped note into its deck and zip the collection reproducibly."""
    models = {k: _Model(t, model_mods[k]) for k, t in NOTE_TYPES.items()}
    decks: dict[str, genanki.Deck] = {}
    for stamped in notes:
        note = stamped.note
        deck = decks.setdefault(note.deck, genanki.Deck(deck_ids[note.deck], note.deck))
        model = models[note.model]
        fields = [note.fields.get(name, "") for name in NOTE_TYPES[note.model].fields]
        written = _Note(stamped.mod, model=model, fields=fields, tags=list(note.tags), guid=note.guid)
        if stamped.status in ("retired", "kept"):
            for card in written.cards:  # never studied after a first import (see lock._retire)
                card.suspend = True
        deck.add_note(written)
    stamp = max([s.mod for s in notes] + list(model_mods.values()) + [0])
    _zip(path, _collection(list(decks.values()), stamp))


def _collection(decks: list[genanki.Deck], stamp: int) -> bytes:
    """The collection.anki2 SQLite file as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            genanki.Package(decks).write_to_db(conn.cursor(), stamp, itertools.count(stamp * 1000))
            conn.commit()
        finally:
            conn.close()
        return db.read_bytes()


def _zip(path: Path, collection: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as out:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
