"""``studygen cards``: the deck's cards as the student sees them, for an author reviewing while editing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from generator.model import Guide
from generator.render.anki.checks import Seen, flags
from generator.render.anki.notes import NoteSpec, cloze_front, guide_notes

_BLOCK = re.compile(r"</?(?:li|ol|ul|br|div|p|tr|pre)[^>]*>", re.I)


@dataclass(frozen=True)
class CardView:
    """One card (a cloze note gives one per deletion) in plain text, with where it comes from."""

    id: str
    """The note's identity: "<fact id>/<card key>"."""
    kind: str
    context: str
    front: str
    back: str
    source: str
    """file:line of the definition."""
    module: int
    flags: tuple[str, ...]


def card_views(guide: Guide, module: int | None = None, kind: str | None = None) -> list[CardView]:
    """Every card of the guide's deck (or of one module, or one kind), in guide order."""
    facts = {f.id: f for f in guide.facts}
    views: list[CardView] = []
    for note in guide_notes(guide):
        fact = facts[note.fact_id]
        if (module is not None and fact.module != module) or (kind is not None and note.key.split("/")[0] != kind):
            continue
        views += _views(note, str(fact.loc), fact.module, fact.term)
    return views


def _views(note: NoteSpec, source: str, module: int, term: str) -> list[CardView]:
    kind = note.key.split("/")[0]
    context = to_text(note.fields.get("Context", ""))
    ident = f"{note.fact_id}/{note.key}"
    if note.model == "basic":
        front, back = to_text(note.fields["Front"]), to_text(note.fields["Back"])
        seen = Seen(kind, front, back, term)
        return [CardView(ident, kind, context, front, back, source, module, tuple(flags(seen)))]
    text = note.fields["Text"]
    out = []
    for n, answer in enumerate(note.answers, start=1):
        front = to_text(cloze_front(text, n))
        seen = Seen(kind, front, answer, term, front)
        out.append(CardView(f"{ident}#c{n}", kind, context, front, answer, source, module, tuple(flags(seen))))
    return out


def to_text(html: str) -> str:
    """Card HTML as plain text: list items on their own lines, inline markup dropped, entities decoded."""
    text = re.sub(r"<li[^>]*>", "\n  • ", html, flags=re.I)
    text = _BLOCK.sub("\n", text)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(f"  {line}" if line.startswith("•") else line for line in lines if line.strip()).strip()


def format_view(view: CardView) -> str:
    """One card as a block of text: context, question, answer, then kind, id and source."""
    lines = [f"[{view.context}]", f"Q: {view.front}", "A: " + view.back.replace("\n", "\n   ")]
    lines.append(f"   {view.kind} · {view.id} · {view.source}")
    lines += [f"   ! {flag}" for flag in view.flags]
    return "\n".join(lines)
