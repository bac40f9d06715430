"""Drawing an exam: quotas per domain by largest remainder, then questions in a stable order, checked as a whole.

The draw is stable under edits: each candidate's place in the order is a hash of the seed and the candidate's
identity, not of its position among the others, so editing one definition changes at most the questions drawn from
it. That keeps the practice deck's notes from churning when the guide changes.
"""

from __future__ import annotations

import hashlib
import math
from typing import Sequence

from generator.exam.base import DEFAULT_QUESTIONS, TYPES, PracticeExam, Question
from generator.exam.checks import candidate_problems, exam_problems, mentions, rare_words
from generator.exam.sources import Candidate, candidates
from generator.model import AuthoredQuestion, Guide

MIX = {"single": 0.5, "multiple": 0.2, "ordering": 0.12, "matching": 0.18}
"""The share of each type an exam aims for when the guide has the material."""
SCENARIOS = 0.3
"""At least this share of stems set a scenario, where the guide has them."""


def quotas(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by largest remainder (ties go to the earlier weight)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0 for _ in weights]
    exact = [total * w / whole for w in weights]
    shares = [math.floor(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))[: total - sum(shares)]:
        shares[i] += 1
    return shares


def make_exam(guide: Guide, seed: int = 0, count: int | None = None) -> PracticeExam:
    """A practice exam of ``count`` questions (default ``guide.exam.questions``), spread by domain weight."""
    total = count if count is not None else (guide.exam.questions or DEFAULT_QUESTIONS)
    if total < 1:
        raise ValueError("an exam needs at least one question")
    rare = rare_words(f.text for f in guide.facts)
    pool = [c for c in _authored(guide) + candidates(guide) if c.authored or not candidate_problems(c, rare)]
    wanted = dict(zip((d.id for d in guide.domains), quotas(total, [d.weight for d in guide.domains])))
    drawn: list[tuple[str, Candidate]] = []
    mine = {d.id: sorted((c for c in pool if d.id in c.domains), key=lambda c: (not c.authored, _hash(seed, c.key)))
            for d in guide.domains}
    # The scarcest domain first (fewest lists per question it needs): a richer domain must not use up the options and
    # lists a scarce one depends on.
    lists = {d: len({c.source for c in mine[d]}) for d in mine}
    for domain in sorted((d for d in mine if wanted[d]), key=lambda d: (lists[d] / wanted[d], d)):
        drawn += [(domain, c) for c in _draw(mine[domain], wanted[domain], drawn, total, seed)]
    notes = [f"Domain {d.id} ({d.title}) has material for only {have} of its {wanted[d.id]} questions."
             for d in guide.domains if (have := sum(x == d.id for x, _ in drawn)) < wanted[d.id]]
    helpers = [d for d in guide.domains if sum(x == d.id for x, _ in drawn) >= wanted[d.id]]
    while len(drawn) < total and helpers:  # the shortfall goes to the domains still furthest below their weight
        d = min(helpers, key=lambda d: (sum(x == d.id for x, _ in drawn) / max(d.weight, 1e-9), guide.domains.index(d)))
        got = _draw(mine[d.id], 1, drawn, total, seed)
        drawn += [(d.id, c) for c in got]
        if not got:
            helpers.remove(d)
    if notes and len(drawn) == total:
        notes.append("The other domains make up the rest.")
    elif len(drawn) < total:
        notes.append(f"The guide offers only {len(drawn)} distinct questions, so the exam has {len(drawn)}.")
    order = sorted(drawn, key=lambda dc: _hash(seed, "order", dc[1].key))
    questions = tuple(_question(n, domain, c, seed) for n, (domain, c) in enumerate(order, start=1))
    assert not exam_problems(questions), exam_problems(questions)
    return PracticeExam(seed, questions, tuple(notes))


def _draw(mine: list[Candidate], want: int, drawn: list[tuple[str, Candidate]], total: int, seed: int) -> list[Candidate]:
    """Up to ``want`` candidates: scenarios first up to their share, then the type furthest below its share."""
    got: list[Candidate] = []
    taken = [c for _, c in drawn]
    while len(got) < want:
        used = {o.lower() for c in taken + got for o in c.options}
        keys = {c.key for c in taken + got}
        shaped = (c.realize(used, _order(c, seed)) for c in mine if c.key not in keys)
        fits = [c for c in shaped if c is not None and _fits(c, taken + got)]
        if not fits:
            break
        everyone = taken + got
        scenarios = sum(c.scenario for c in everyone)
        if scenarios < SCENARIOS * total and any(c.scenario for c in fits):
            fits = [c for c in fits if c.scenario or c.authored]
        counts = {t: sum(c.type == t for c in everyone) for t in TYPES}
        size = len(everyone) + 1
        best = max(fits, key=lambda c: (c.authored, MIX[c.type] * size - counts[c.type], -fits.index(c)))
        got.append(best)
    return got


def _order(c: Candidate, seed: int) -> list[int]:
    """The order in which a candidate's wrong options are tried: stable per seed and option."""
    return sorted(range(len(c.options)), key=lambda i: _hash(seed, c.key, "wrong", c.options[i]))


def _fits(c: Candidate, taken: list[Candidate]) -> bool:
    """Whether ``c`` joins ``taken`` without breaking an exam-wide check (``checks.exam_problems``; options were
    already chosen unused by ``Candidate.realize``): its list is not yet asked, and no answer is named in another
    question's stem."""
    if any(t.source == c.source for t in taken):
        return False
    if any(mentions(t.stem, n) for t in taken for n in c.names if n):
        return False
    return not any(mentions(c.stem, n) for t in taken for n in t.names if n)


def _question(number: int, domain: str, c: Candidate, seed: int) -> Question:
    """The candidate with its options in an order of their own (stable per seed and question)."""
    order = sorted(range(len(c.options)), key=lambda i: _hash(seed, c.key, c.options[i]))
    if c.type == "ordering" and order == sorted(order):
        order = order[1:] + order[:1]  # never print steps already in order
    position = {old: new for new, old in enumerate(order)}
    options = tuple(c.options[i] for i in order)
    notes = tuple(c.notes[i] for i in order)
    if c.type in ("single", "multiple"):
        answer = tuple(sorted(position[i] for i in c.answer))
    else:  # ordering: the options in the right order; matching: the option of each prompt
        answer = tuple(position[i] for i in c.answer)
    return Question(number, c.type, c.stem, options, answer, c.explanation, notes, c.fact_ids, domain, c.module,
                    c.section, c.key, c.prompts, c.scenario, c.authored, c.source, c.names)


def _authored(guide: Guide) -> list[Candidate]:
    """The author's own questions, drawn first within their domain's share."""
    found: list[Candidate] = []
    for module in guide.modules:
        for q in module.questions:
            domains = (q.domain,) if q.domain else module.domains[:1]
            found.append(_from_authored(q, module.number, domains))
    return found


def _from_authored(q: AuthoredQuestion, module: int, domains: tuple[str, ...]) -> Candidate:
    notes = tuple(q.options)
    return Candidate(f"authored:{module}:{q.id}", q.type, q.stem, q.options, q.answer, q.explanation, notes, (),
                     domains, module, q.section, f"authored:{module}:{q.id}", q.prompts, False, True,
                     tuple(q.options[i] for i in q.answer) if q.type == "single" else ())


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def shared_exam(guide: Guide, seed: int = 0, count: int | None = None) -> PracticeExam:
    """``make_exam`` once per guide object, seed and count: a build asks for the same exam more than once."""
    key = (id(guide), seed, count)
    cached = _SHARED.get(key)
    if cached is None or cached[0] is not guide:
        if len(_SHARED) >= 4:
            _SHARED.clear()
        cached = _SHARED[key] = (guide, make_exam(guide, seed, count))
    return cached[1]


_SHARED: dict[tuple[int, int, int | None], tuple[Guide, PracticeExam]] = {}



