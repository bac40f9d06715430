"""Assembling an exam: quotas per domain by largest remainder, then one draft per question, deterministically."""
from __future__ import annotations

import math
import random
import threading
from typing import Sequence

from generator.model import Guide
from generator.exam.base import DEFAULT_QUESTIONS, FORMS, LETTERS, PracticeExam, Question
from generator.exam.words import _Name, _overlaps
from generator.exam.concepts import _Concept, _concepts
from generator.exam.drafts import Candidates, _Draft, _drafts


def quotas(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by largest remainder (ties go to the earlier weight)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0 for _ in weights]
    exact = [total * w / whole for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


_TARGET = {"term": 0.36, "subterm": 0.12, "statement": 0.2, "use": 0.12, "benefit": 0.06, "drawback": 0.06,
           "describe": 0.08}
"""The mix of forms an exam aims for (when the material allows)."""


def make_exam(guide: Guide, seed: int = 0, count: int | None = None) -> PracticeExam:
    """A practice exam of ``count`` questions (default ``guide.exam.questions``), spread by domain weight.

    Each domain gets its largest-remainder share of the questions, drawn from the modules mapped to it (general
    modules are not used; a module mapped to two domains serves either). A question's material is, in order of
    preference: a definition not yet asked about; another sub-term of a definition already asked about; another form
    of a question already asked. A domain that runs out of all three gets what it has, the rest of its share goes to
    the other domains (the one furthest below its weight first), and ``notes`` says so.
    """
    rng = random.Random(seed)
    total = count if count is not None else (guide.exam.questions or DEFAULT_QUESTIONS)
    if total < 1:
        raise ValueError("an exam needs at least one question")
    drafts = _all_drafts(guide, rng)
    domains = list(guide.domains)
    wanted = dict(zip((d.id for d in domains), quotas(total, [d.weight for d in domains])))
    pools: dict[str, list[_Concept]] = {}
    only_far = {c.key for c, made in drafts if all(x.far for x in made)}
    for d in domains:
        pool = [c for c, _ in drafts if d.id in c.domains]
        rng.shuffle(pool)
        pool.sort(key=lambda c: c.key in only_far)  # questions with far-fetched options only when nothing else is left
        pools[d.id] = pool
    available = {c.key: len(made) for c, made in drafts}
    picker = _Picker(pools, available)

    # scarcest domain first, so that a module shared by two domains is not used up by the richer one
    facts = {d.id: len({c.fact.id for c in pools[d.id]}) for d in domains}
    got = {d.id: 0 for d in domains}
    for d in sorted(domains, key=lambda d: (facts[d.id] - wanted[d.id], domains.index(d))):
        got[d.id] = picker.take(d.id, wanted[d.id])
    short = [d for d in domains if got[d.id] < wanted[d.id]]
    extra = {d.id: 0 for d in domains}
    missing = sum(wanted[d.id] - got[d.id] for d in short)
    open_ = [d for d in domains if d not in short]
    while missing and open_:
        # the next question goes to the domain furthest below its weight that still has material
        d = min(open_, key=lambda d: ((got[d.id] + extra[d.id]) / max(d.weight, 1e-9), domains.index(d)))
        if picker.take(d.id, 1):
            extra[d.id] += 1
            missing -= 1
        else:
            open_.remove(d)

    notes: list[str] = []
    helpers = ", ".join(d.id for d in domains if extra[d.id])
    for d in short:
        notes.append(f"Domain {d.id} ({d.title}) has material for only {got[d.id]} of its {wanted[d.id]} questions; "
                     + (f"the rest come from {helpers}." if helpers else "no other domain could make up the rest."))
    if len(picker.picked) < total:
        notes.append(f"The guide offers only {len(picker.picked)} distinct questions, so the exam has "
                     f"{len(picker.picked)} instead of {total}.")

    by_key = {c.key: made for c, made in drafts}
    picked = list(picker.picked)
    rng.shuffle(picked)
    offset = rng.randrange(len(LETTERS))  # which letters get the odd questions varies with the seed
    positions = [(i + offset) % len(LETTERS) for i in range(len(picked))]
    rng.shuffle(positions)  # every letter is right equally often (±1)
    forms_used = {f: 0 for f in FORMS}
    asked: dict[str, set[str]] = {}
    questions: list[Question] = []
    for number, ((domain_id, concept), position) in enumerate(zip(picked, positions), start=1):
        done = asked.setdefault(concept.key, set())
        draft = _choose([d for d in by_key[concept.key] if d.form not in done], forms_used, number, rng)
        done.add(draft.form)
        forms_used[draft.form] += 1
        distractors = list(draft.distractors)
        rng.shuffle(distractors)
        options = distractors[:position] + [draft.correct] + distractors[position:]
        questions.append(Question(
            number=number, stem=draft.stem, options=(options[0], options[1], options[2], options[3]),
            answer=position, term=concept.name.display, explanation=concept.definition, fact_id=concept.fact.id,
            domain=domain_id, module=concept.module.number, section=concept.fact.section, form=draft.form))
    return PracticeExam(seed=seed, questions=tuple(questions), notes=tuple(notes))


_SHARED: dict[tuple[int, int, int | None], tuple[Guide, PracticeExam]] = {}
_SHARED_LOCK = threading.Lock()


def shared_exam(guide: Guide, seed: int = 0, count: int | None = None) -> PracticeExam:
    """``make_exam`` computed once per guide object, seed and count: a build's renderers (the practice PDF, the
    Anki practice deck, both plans) ask for the same exam from several threads."""
    key = (id(guide), seed, count)
    with _SHARED_LOCK:  # held while computing: a second thread waits for the first one's exam instead of redoing it
        if key not in _SHARED or _SHARED[key][0] is not guide:
            if len(_SHARED) >= 4:
                _SHARED.clear()
            _SHARED[key] = (guide, make_exam(guide, seed, count))
        return _SHARED[key][1]


def _all_drafts(guide: Guide, rng: random.Random) -> list[tuple[_Concept, list[_Draft]]]:
    """Every concept that makes at least one question, with its drafts, in guide order."""
    concepts = _concepts(guide)
    terms = Candidates([c for c in concepts if not c.sub])
    members: dict[str, list[_Concept]] = {}
    for c in concepts:
        if c.parent:
            members.setdefault(c.parent, []).append(c)
    lists = {parent: Candidates(group) for parent, group in members.items()}
    found = []
    for concept in concepts:
        made = _drafts(concept, lists[concept.parent] if concept.parent else terms, rng)
        if made:
            found.append((concept, made))
    return found


class _Picker:
    """Picks concepts for domains: new definitions first, then new sub-terms of used ones, then further forms."""

    def __init__(self, pools: dict[str, list[_Concept]], available: dict[str, int]) -> None:
        self.pools = pools
        self.available = available
        self.picked: list[tuple[str, _Concept]] = []
        self.uses: dict[str, int] = {}
        self.facts: set[str] = set()
        self.names: list[_Name] = []

    def take(self, domain_id: str, limit: int) -> int:
        """Pick up to ``limit`` questions for the domain; return how many were picked."""
        got = 0
        for stage in ("new fact", "new concept", "new form"):
            for concept in self.pools[domain_id]:
                if got >= limit:
                    return got
                if self._fits(concept, stage):
                    if not self.uses.get(concept.key):
                        self.names.append(concept.name)
                    self.uses[concept.key] = self.uses.get(concept.key, 0) + 1
                    self.facts.add(concept.fact.id)
                    self.picked.append((domain_id, concept))
                    got += 1
        return got

    def _fits(self, concept: _Concept, stage: str) -> bool:
        uses = self.uses.get(concept.key, 0)
        if stage == "new form":
            return 0 < uses < self.available[concept.key]
        if uses or (stage == "new fact" and concept.fact.id in self.facts):
            return False
        # the same term defined twice, or a synonym of one already asked: one question per idea
        return not any(_overlaps(concept.name, n) for n in self.names)


def _choose(drafts: list[_Draft], used: dict[str, int], number: int, rng: random.Random) -> _Draft:
    """The draft whose form is furthest below its target share so far (ties at random), near ones first."""
    drafts = [d for d in drafts if not d.far] or drafts

    def deficit(d: _Draft) -> float:
        return _TARGET[d.form] * number - used[d.form]

    best = max(deficit(d) for d in drafts)
    return rng.choice([d for d in drafts if deficit(d) == best])
