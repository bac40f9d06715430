"""The author's ```cards blocks applied to the generated cards, and checked against them.

A block names cards by the id ``studygen cards`` prints after the definition's id ("core", "clause-use-when"). Its
identity rules are the generated cards': a rewritten question keeps its card's note (the question is content), and
a hand-written card's note is keyed by its id ("add-1", or the ``id:`` given), so editing its text updates it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from generator.model import Fact, Location
from generator.text import inline_html, plain

if TYPE_CHECKING:
    from generator.render.anki.cards import CardSpec

MANUAL = "manual"
"""The kind (and the id prefix) of hand-written cards."""


def apply_edits(fact: Fact, cards: list[CardSpec]) -> list[CardSpec]:
    """The cards with the author's skips, rewritten questions and added cards (unknown ids are left to ``problems``)."""
    edits = fact.edits
    if edits is None:
        return cards
    asked = dict(edits.ask)
    out = [replace(c, front=inline_html(asked[c.anchor])) if c.anchor in asked and c.model == "basic" else c
           for c in cards if c.anchor not in edits.skip]
    for card_id, question, answer in edits.add:
        out.append(_manual(card_id, question, answer))
    return out


def _manual(card_id: str, question: str, answer: str) -> CardSpec:
    from generator.render.anki.cards import CardSpec

    return CardSpec(f"{MANUAL}-{card_id}", MANUAL, inline_html(question), inline_html(answer),
                    (plain(answer).strip(),), ())


def problems(fact: Fact, cards: list[CardSpec]) -> list[tuple[Location, str]]:
    """What is wrong with a fact's ```cards block, given the cards generated before it applies."""
    edits = fact.edits
    if edits is None:
        return []
    by_id = {c.anchor: c for c in cards}
    known = ", ".join(by_id) or "none"
    found: list[tuple[Location, str]] = []
    for card_id in [i for i, _ in edits.ask] + list(edits.skip):
        if card_id not in by_id:
            found.append((edits.loc, f"'{plain(fact.term)}' has no card '{card_id}' (its cards: {known})"))
    for card_id, _ in edits.ask:
        if card_id in edits.skip:
            found.append((edits.loc, f"card '{card_id}' is both rewritten ('ask:') and skipped ('skip:')"))
        elif card_id in by_id and by_id[card_id].model != "basic":
            found.append((edits.loc, f"card '{card_id}' is a cloze: change its sentence in the guide, or skip it "
                                     "and add a card of your own"))
    return found
