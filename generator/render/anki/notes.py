"""The guide's notes: cards placed in decks, with context, source, tags and a GUID from the fact id and card key.

Identity never depends on content: ``guid = guid_for(fact id, card key)``, so an edited answer updates its note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

from genanki import guid_for

from generator.model import Fact, Guide, Location, Module, Section
from generator.render.anki.cards import CardSpec, Context, fact_cards
from generator.language.topic import guide_casing, guide_terms

QUESTION_FIELD = {"basic": "Front", "cloze": "Text", "choice": "Question", "practice": "Question"}
"""The field that holds a note type's question."""
RETIRED = "retired"
"""Tag of notes whose definition left the guide (importers never delete notes)."""
RETIRED_DECK = "{code} (retired)"
"""The top-level deck the packages put retired notes in, suspended: outside the guide's deck tree, so a first import
never adds them to what the student studies. A collection that already has them keeps them where they are (imports
never move cards) and only gains the tag."""


@dataclass(frozen=True)
class NoteSpec:
    """One note of the package: what it is, where it goes and what it says."""

    guid: str
    fact_id: str
    key: str
    """Identity within the fact: "<kind>/<anchor>"."""
    model: str
    """Note type key: basic | cloze | choice | practice."""
    deck: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    answers: tuple[str, ...] = field(default=())
    """Plain answer texts (Back, or each cloze deletion), for measuring."""


def guide_notes(guide: Guide) -> list[NoteSpec]:
    """Every note of the guide in source order, with fronts made unambiguous."""
    notes: list[NoteSpec] = []
    casing, terms = guide_casing(guide), guide_terms(guide)
    for module in guide.modules:
        sections = {s.key: s for s in module.sections}
        for fact in module.facts:
            section = sections.get(fact.section)
            context = Context(section.title if section else module.title, casing, terms)
            notes += [_note(guide, module, section, fact, card) for card in fact_cards(fact, context)]
    return disambiguate(notes)


def edit_problems(guide: Guide) -> list[tuple[Location, str]]:
    """Every ```cards block that names a card its definition does not have (for ``studygen check``)."""
    from generator.render.anki.cards import generated_cards
    from generator.render.anki.edits import problems

    casing = guide_casing(guide)
    found: list[tuple[Location, str]] = []
    for module in guide.modules:
        titles = {s.key: s.title for s in module.sections}
        for fact in (f for f in module.facts if f.edits is not None):
            context = Context(titles.get(fact.section, module.title), casing, guide_terms(guide))
            found += problems(fact, generated_cards(fact, context))
    return found


def deck_name(code: str, module: Module) -> str:
    """``MLA-C01::07 Model Evaluation …``: one deck per module ("::" in titles would nest decks)."""
    return f"{code}::{module.label.replace('::', ':')}"


def module_tags(code: str, module: Module, section: Section | None) -> tuple[str, ...]:
    """Hierarchical tags: ``MLA-C01::D2``, ``MLA-C01::M07``, ``MLA-C01::M07::7_1``."""
    base = tag_part(code)
    tags = tuple(f"{base}::{tag_part(d)}" for d in module.domains) + (f"{base}::M{module.number:02d}",)
    return tags + ((f"{base}::M{module.number:02d}::{tag_part(section.key)}",) if section else ())


def tag_part(text: str) -> str:
    """A tag component: Anki splits tags at spaces."""
    return re.sub(r"\s+", "_", text.strip()) or "_"


def context_html(module: Module, section: Section | None) -> str:
    """Where the card comes from, shown above every question."""
    return f"{escape(module.label)} › {escape(section.heading)}" if section else escape(module.label)


def source_html(fact: Fact) -> str:
    """The source file (without line numbers: they shift with unrelated edits) and the fact's id."""
    path = Path(fact.loc.file)
    return f"{escape(path.parent.name)}/{escape(path.name)} · {escape(fact.id)}"


def rendered_fronts(note: NoteSpec) -> list[str]:
    """The questions a note's cards show, as plain text: one for Basic, one per deletion for Cloze."""
    context = _plain(note.fields.get("Context", ""))
    if note.model == "basic":
        return [f"{context} | {_plain(note.fields['Front'])}"]
    if note.model in ("choice", "practice"):
        return [f"{context} | {_plain(note.fields['Question'])}"]
    text = note.fields["Text"]
    numbers = sorted({int(n) for n in re.findall(r"\{\{c(\d+)::", text)})
    return [f"{context} | {_plain(cloze_front(text, n))}" for n in numbers]


def disambiguate(notes: list[NoteSpec]) -> list[NoteSpec]:
    """Number questions that would read the same as an earlier card's, so no two fronts are alike."""
    seen: set[str] = set()
    out: list[NoteSpec] = []
    for note in notes:
        field_name = QUESTION_FIELD[note.model]
        base, n = note.fields[field_name], 1
        while any(f.casefold() in seen for f in rendered_fronts(note)):
            n += 1
            fields = dict(note.fields, **{field_name: f'{base} <span class="nth">({n})</span>'})
            note = NoteSpec(note.guid, note.fact_id, note.key, note.model, note.deck, fields, note.tags, note.answers)
        seen.update(f.casefold() for f in rendered_fronts(note))
        out.append(note)
    return out


def _note(guide: Guide, module: Module, section: Section | None, fact: Fact, card: CardSpec) -> NoteSpec:
    code = guide.exam.code
    key = f"{card.kind}/{card.anchor}"
    tags = module_tags(code, module, section) + (f"{tag_part(code)}::kind::{card.kind}",)
    common = {"Context": context_html(module, section), "Source": source_html(fact), "Code": card.code}
    if card.model == "cloze":
        fields = {"Text": card.front, "Back Extra": card.back, **common}
    else:
        fields = {"Front": card.front, "Back": card.back, **common}
    return NoteSpec(guid_for("studygen", fact.id, key), fact.id, key, card.model, deck_name(code, module),
                    fields, tags, card.answers)


def cloze_front(text: str, n: int) -> str:
    """Cloze ``n`` as Anki shows it: its deletion as "[...]", the others revealed."""
    def repl(m: re.Match[str]) -> str:
        return "[...]" if int(m.group(1)) == n else m.group(2)

    return re.sub(r"\{\{c(\d+)::(.*?)(?:::[^}]*)?\}\}", repl, text)


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
