"""The issue's targets measured on the project's guide: coverage, answer length, cloze count, unique fronts, context.

Run with ``-s`` to see the measured figures.
"""
from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from generator.build import load
from generator.model import Guide
from generator.render.anki.cards import fact_cards
from generator.render.anki.notes import NoteSpec, guide_notes, rendered_fronts
from generator.render.anki.practice import practice_notes
from generator.text import words


@pytest.fixture(scope="module")
def guide(project_source: Path) -> Guide:
    return load(project_source, echo=lambda line: None)


@pytest.fixture(scope="module")
def notes(guide: Guide) -> list[NoteSpec]:
    return guide_notes(guide)


@pytest.fixture(scope="module")
def project_source() -> Path:
    return Path(__file__).resolve().parents[2] / "source"


def answer_lengths(notes: list[NoteSpec]) -> list[int]:
    """Words per answer: a Basic note's Back, each cloze deletion (HTML stripped; other fields not counted)."""
    return [len(words(a)) for n in notes for a in n.answers]


def test_answer_length_targets(notes: list[NoteSpec]) -> None:
    lengths = sorted(answer_lengths(notes))
    median = statistics.median(lengths)
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    kinds = Counter(n.key.split("/")[0] for n in notes)
    print(f"\nanswers: {len(lengths)}, median {median} words, p90 {p90} words, max {lengths[-1]}; notes by kind {dict(kinds)}")
    assert median <= 20 and p90 <= 45


def test_answers_field_matches_the_back(notes: list[NoteSpec]) -> None:
    for note in notes:
        if note.model == "basic":
            back = html.unescape(re.sub(r"<[^>]+>", "", note.fields["Back"]))
            assert words(back) == words(note.answers[0]), note.key


def test_at_least_twenty_cloze_notes(notes: list[NoteSpec]) -> None:
    clozes = [n for n in notes if n.model == "cloze"]
    deletions = sum(len(n.answers) for n in clozes)
    print(f"\ncloze notes: {len(clozes)} with {deletions} deletions")
    assert len(clozes) >= 20


def test_every_definition_yields_cards_that_carry_its_content(guide: Guide) -> None:
    for module in guide.modules:
        titles = {s.key: s.title for s in module.sections}
        for fact in module.facts:
            cards = fact_cards(fact, titles.get(fact.section, ""))
            assert cards, fact.id
            assert {i for c in cards for i in c.parts} == set(range(len(fact.parts))), fact.id


def test_no_two_cards_share_a_front(notes: list[NoteSpec]) -> None:
    fronts = [f.casefold() for n in notes for f in rendered_fronts(n)]
    duplicates = [f for f, k in Counter(fronts).items() if k > 1]
    assert not duplicates


def test_fronts_name_module_section_and_term(guide: Guide, notes: list[NoteSpec]) -> None:
    terms = {f.id: re.sub(r"^\d+\.\s+", "", f.term) for f in guide.facts}
    for note in notes:
        assert " › " in note.fields["Context"], note.key
        question = note.fields.get("Front") or note.fields["Text"]
        if not note.key.startswith("reverse/"):
            plain = re.sub(r"<[^>]+>", "", question).replace("&amp;", "&")
            short = re.sub(r"\s*\([^)]*\)$", "", terms[note.fact_id])
            assert short.lower() in plain.lower() or re.search(r"\{\{c1::", question), (note.key, plain)


def test_questions_never_end_in_a_bare_label(notes: list[NoteSpec]) -> None:
    for note in notes:
        if note.model == "basic":
            plain = re.sub(r"<[^>]+>", "", note.fields["Front"])
            assert not re.search(r"— [^—?]{1,40}\?$", plain) or "what exactly" in plain, plain


def test_hierarchical_tags_and_decks(notes: list[NoteSpec]) -> None:
    note = next(n for n in notes if n.fact_id == "m07-7_1-precision")
    assert note.deck == "MLA-C01::07 Model Evaluation and Performance Optimization"
    assert {"MLA-C01::D2", "MLA-C01::M07", "MLA-C01::M07::7_1"} <= set(note.tags)
    assert any(t.startswith("MLA-C01::kind::") for t in note.tags)


def test_practice_subdeck_notes(guide: Guide) -> None:
    questions = practice_notes(guide)
    if not questions:
        pytest.skip("the practice exam generator is not installed")
    assert all(n.deck == "MLA-C01::Practice" and n.model == "choice" for n in questions)
    for note in questions:
        assert note.fields["Answer"] in "ABCD" and all(note.fields[k] for k in "ABCD")
        assert "<script" not in " ".join(note.fields.values()).lower()
    assert len({n.guid for n in questions}) == len(questions)
