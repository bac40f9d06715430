"""The flashcard targets measured on real guides: answer length, unique fronts, context, hard faults, hand-written share.

The guides are fixtures: ``tests/fixtures/mla-c01`` is a snapshot of the bundled guide and ``tests/fixtures/cka`` a
second guide on another subject, so an edit of ``source/`` never changes what these tests measure. Run with ``-s``
to see the figures.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter

import pytest

from conftest import FIXTURES
from generator.build import load
from generator.model import Guide
from generator.render.anki.notes import NoteSpec, guide_notes, rendered_fronts
from generator.text import words

GUIDES = ["mla-c01", "cka"]


@pytest.fixture(scope="module", params=GUIDES)
def guide(request: pytest.FixtureRequest) -> Guide:
    return load(FIXTURES / request.param, echo=lambda line: None)


@pytest.fixture(scope="module")
def notes(guide: Guide) -> list[NoteSpec]:
    return guide_notes(guide)


def test_answer_length_targets(notes: list[NoteSpec]) -> None:
    """Answers of a median ≤ 20 words and a 90th percentile ≤ 45 (issue #17): one fact per card."""
    lengths = sorted(len(words(a)) for n in notes for a in n.answers)
    median, p90 = statistics.median(lengths), lengths[int(0.9 * (len(lengths) - 1))]
    kinds = Counter(n.key.split("/")[0] for n in notes)
    print(f"\n{len(notes)} notes, answers median {median} words, p90 {p90}, max {lengths[-1]}; by kind {dict(kinds)}")
    assert median <= 20 and p90 <= 45


def test_answers_field_matches_the_back(notes: list[NoteSpec]) -> None:
    for note in notes:
        if note.model == "basic":
            back = html.unescape(re.sub(r"<[^>]+>", " ", note.fields["Back"]))
            assert words(back) == words(note.answers[0].replace(";", " ")), note.key


def test_every_definition_yields_a_card(guide: Guide, notes: list[NoteSpec]) -> None:
    carded = {n.fact_id for n in notes}
    assert [f.id for f in guide.facts if f.id not in carded] == []


def test_no_two_cards_share_a_front(notes: list[NoteSpec]) -> None:
    fronts = [f.casefold() for n in notes for f in rendered_fronts(n)]
    assert [f for f, k in Counter(fronts).items() if k > 1] == []


def test_every_front_shows_where_it_comes_from(notes: list[NoteSpec]) -> None:
    assert all(" › " in n.fields["Context"] for n in notes)


def test_hand_written_cards_are_at_most_five_percent(guide: Guide, notes: list[NoteSpec]) -> None:
    manual = sum(1 for n in notes if n.key.startswith("manual/"))
    assert manual <= 0.05 * len(notes)


def test_hierarchical_tags_and_decks() -> None:
    notes = guide_notes(load(FIXTURES / "mla-c01", echo=lambda line: None))
    note = next(n for n in notes if n.fact_id == "m07-7_1-precision")
    assert note.deck == "MLA-C01::07 Model Evaluation and Performance Optimization"
    assert {"MLA-C01::D2", "MLA-C01::M07", "MLA-C01::M07::7_1"} <= set(note.tags)
    assert any(t.startswith("MLA-C01::kind::") for t in note.tags)
