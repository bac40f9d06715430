"""The practice exam (generator.exam): types, spread, whole-exam checks, valid answers, determinism, stability.

Measured on fixtures: ``mla-c01`` (a snapshot of the bundled guide) and ``exam3`` (a small guide on another subject
with three domains), so an edit of ``source/`` never changes what these tests see.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, copy_guide
from generator.build import load
from generator.exam import TYPES, PracticeExam, make_exam, quotas
from generator.exam.checks import candidate_problems, exam_problems, rare_words
from generator.exam.sources import Candidate, candidates
from generator.model import Guide

SEEDS = range(5)


@lru_cache(maxsize=None)
def guide(name: str) -> Guide:
    return load(FIXTURES / name, echo=lambda line: None)


@lru_cache(maxsize=None)
def exam(name: str, seed: int, count: int | None = None) -> PracticeExam:
    return make_exam(guide(name), seed=seed, count=count)


@pytest.mark.parametrize("total, weights, expected", [
    (65, [28, 26, 22, 24], [18, 17, 14, 16]),
    (10, [50, 30, 20], [5, 3, 2]),
    (7, [50, 30, 20], [4, 2, 1]),
    (3, [1, 1, 1, 1], [1, 1, 1, 0]),
    (1, [20, 80], [0, 1]),
])
def test_quotas_largest_remainder(total: int, weights: list[int], expected: list[int]) -> None:
    assert quotas(total, weights) == expected


@pytest.mark.parametrize("name", ["mla-c01", "exam3"])
@pytest.mark.parametrize("seed", SEEDS)
def test_length_spread_and_types(name: str, seed: int) -> None:
    """The guide's length, each domain its largest-remainder share (or a note why not), every question type."""
    g, e = guide(name), exam(name, seed)
    assert len(e.questions) == g.exam.questions
    spread = Counter(q.domain for q in e.questions)
    wanted = dict(zip((d.id for d in g.domains), quotas(len(e.questions), [d.weight for d in g.domains])))
    short = [d for d in wanted if spread[d] < wanted[d]]
    assert spread == Counter(wanted) or all(any(f"Domain {d} " in n for n in e.notes) for d in short)
    assert {q.type for q in e.questions} == set(TYPES)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_bundled_exam_rehearses_the_real_one(seed: int) -> None:
    e = exam("mla-c01", seed)
    assert Counter(q.domain for q in e.questions) == Counter({"D1": 18, "D2": 17, "D3": 14, "D4": 16})
    assert sum(q.scenario for q in e.questions) >= 0.3 * len(e.questions)
    types = Counter(q.type for q in e.questions)
    assert types["multiple"] >= 6 and types["ordering"] >= 4 and types["matching"] >= 4


@pytest.mark.parametrize("name", ["mla-c01", "exam3"])
@pytest.mark.parametrize("seed", SEEDS)
def test_no_exam_answers_itself(name: str, seed: int) -> None:
    """No option printed twice, one question per list, no stem naming another question's answer, no give-aways."""
    e = exam(name, seed)
    assert exam_problems(e.questions) == []
    rare = rare_words(f.text for f in guide(name).facts)
    assert [(q.number, candidate_problems(q, rare)) for q in e.questions
            if not q.authored and candidate_problems(q, rare)] == []
    assert not any("___" in q.stem for q in e.questions)


def test_the_checks_can_fail() -> None:
    def make(key: str, options: tuple[str, ...], stem: str = "Which one fits?", source: str = "s") -> Candidate:
        return Candidate(key, "single", stem, options, (0,), "", options, (), ("A",), 1, "1_1", source,
                         names=(options[0],))

    a = make("a", ("Listwise deletion", "Pairwise deletion", "Column deletion", "Imputation"), source="s1")
    b = make("b", ("Pairwise deletion", "Bagging", "Boosting", "Stacking"), source="s2")
    c = make("c", ("Bagging", "X", "Y", "Z"), stem="Which differs from listwise deletion?", source="s1")
    problems = " | ".join(exam_problems([a, b, c]))
    assert "option used twice" in problems and "two questions on one list" in problems
    assert "names another question's answer" in problems
    odd = make("d", ("An unusually long right answer that goes on and on for many words", "Yes", "No", "Maybe"))
    assert "the answer is the odd one out by length" in candidate_problems(odd, frozenset())
    rare = make("e", ("Gradient clipping", "Dropout", "Momentum", "Batch norm"), stem="Which limits clipping errors?")
    assert "the answer shares a rare word with the stem, and no wrong option does" in candidate_problems(
        rare, frozenset({"clipping"}))


@pytest.mark.parametrize("name", ["mla-c01", "exam3"])
def test_answers_are_valid_for_every_type(name: str) -> None:
    for seed in SEEDS:
        for q in exam(name, seed).questions:
            n = len(q.options)
            assert len(set(o.lower() for o in q.options)) == n, q.stem
            if q.type == "single":
                assert len(q.answer) == 1 and n == 4
            elif q.type == "multiple":
                assert len(q.answer) >= 2 and list(q.answer) == sorted(set(q.answer)) and n == 5
                assert "TWO" in q.stem
            elif q.type == "ordering":
                assert sorted(q.answer) == list(range(n)) and 3 <= n <= 5
                assert list(q.answer) != list(range(n)), "steps are never printed in order"
            else:
                assert sorted(q.answer) == list(range(n)) and len(q.prompts) == n and 3 <= n <= 5


def test_authored_questions_are_drawn_first_within_their_domain() -> None:
    authored = [q for q in exam("exam3", 0).questions if q.authored]
    assert {q.key for q in authored} == {"authored:2:grid-choice", "authored:3:match-products"}
    assert {q.domain for q in authored} == {"MOD", "COM"}


def test_the_key_teaches_what_every_wrong_option_is() -> None:
    from generator.exam.key import teaching

    for q in exam("mla-c01", 0).questions:
        if q.type in ("single", "multiple") and not q.authored:
            text = teaching(q)
            wrong = [i for i in range(len(q.options)) if i not in q.answer]
            assert all(f"{'ABCDE'[i]} is " in text for i in wrong), text


def test_same_seed_same_exam_and_seeds_differ() -> None:
    assert make_exam(guide("mla-c01"), seed=3) == exam("mla-c01", 3)
    assert [q.key for q in exam("mla-c01", 1).questions] != [q.key for q in exam("mla-c01", 2).questions]


def test_same_exam_in_another_process() -> None:
    code = ("import json, sys; from pathlib import Path; from generator.build import load; from generator.exam import "
            "make_exam; g = load(Path(sys.argv[1]), echo=lambda l: None); "
            "print(json.dumps([q.key for q in make_exam(g, 4).questions]))")
    out = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "mla-c01")], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"PYTHONHASHSEED": "123", "PATH": ""}).stdout
    assert json.loads(out) == [q.key for q in exam("mla-c01", 4).questions]


def test_an_edit_changes_only_the_questions_of_what_was_edited(tmp_path: Path) -> None:
    """The draw is stable: editing one definition keeps (nearly) every other question, so practice notes do not churn."""
    src = copy_guide(FIXTURES / "mla-c01", tmp_path / "g")
    path = src / "modules" / "04-feature-engineering-and-transformation.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Convert continuous to categorical.",
                                                             "Turn continuous values into categories."), encoding="utf-8")
    before = {q.key for q in exam("mla-c01", 0).questions}
    after = {q.key for q in make_exam(load(src, echo=lambda line: None), seed=0).questions}
    assert len(before & after) >= 0.9 * len(before)


def test_a_guide_with_too_little_material_says_so() -> None:
    result = make_exam(guide("mini"), seed=0)
    assert 0 < len(result.questions) < 10
    assert any("only" in n for n in result.notes)


def test_every_candidate_has_consistent_options() -> None:
    for c in candidates(guide("mla-c01")):
        assert len(c.notes) == len(c.options) and all(0 <= i < len(c.options) for i in c.answer), c.key
        assert c.type in TYPES and c.source


def test_count_must_be_positive() -> None:
    with pytest.raises(ValueError):
        make_exam(guide("exam3"), seed=0, count=0)
