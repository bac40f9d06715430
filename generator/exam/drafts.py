"""Question drafts for one concept: stems with the name masked, options ranked by nearness, leak checks."""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from generator.exam.base import OPTION_WORDS, STEM_WORDS
from generator.exam.words import _Name, _content, _find, _leaks, _mask, _norm, _overlaps, _same, mentions
from generator.exam.concepts import _Concept, _Statement, _USE_WHEN, _sentence, _shorten


@dataclass
class _Draft:
    concept: _Concept
    form: str
    stem: str
    correct: str
    distractors: list[str]
    far: bool = False
    """Statements taken from other modules: easy to rule out, so used only when nothing better is left."""


def _level(a: _Concept, b: _Concept) -> int:
    """How close b is to a: same list 0, same section 1, same module 2, same domain 3, elsewhere 4."""
    if a.sub and b.sub and a.parent == b.parent:
        return 0
    if a.module is b.module:
        return 1 if a.fact.section == b.fact.section else 2
    return 3 if set(a.domains) & set(b.domains) else 4


class Candidates:
    """The concepts a concept's options come from, grouped so that ranking one concept is not a pass over all."""

    def __init__(self, members: list[_Concept]) -> None:
        self.by_section: dict[tuple[int, str], list[_Concept]] = {}
        self.by_module: dict[int, list[_Concept]] = {}
        for member in members:
            self.by_section.setdefault((member.module.number, member.fact.section), []).append(member)
            self.by_module.setdefault(member.module.number, []).append(member)
        self._far: dict[int, tuple[list[_Concept], list[_Concept]]] = {}

    def near(self, concept: _Concept) -> list[_Concept]:
        """Members of the concept's section (levels 0 and 1: a list's items are in their definition's section)."""
        return self.by_section.get((concept.module.number, concept.fact.section), [])

    def rest(self, concept: _Concept) -> tuple[list[_Concept], ...]:
        """The other members by level: same module (2), a module sharing a domain (3), elsewhere (4)."""
        number = concept.module.number
        if number not in self._far:
            mine = set(concept.domains)
            others = [m for n, group in self.by_module.items() if n != number for m in group]
            self._far[number] = ([m for m in others if mine & set(m.domains)],
                                 [m for m in others if not mine & set(m.domains)])
        module = [m for m in self.by_module.get(number, []) if m.fact.section != concept.fact.section]
        return (module, *self._far[number])


class Ranked:
    """Other concepts of the same kind, nearest first (ties in random order), without ones that may be the same.

    The concept's own section is sorted up front; farther concepts are shuffled level by level and checked only as
    far as the drafts read, so ranking stays linear in the guide's size (drafts rarely read past a few dozen).
    """

    def __init__(self, concept: _Concept, candidates: Candidates, rng: random.Random) -> None:
        self.concept = concept
        self.rng = random.Random(rng.random())  # one draw per concept, however far its ranking is read
        near = [o for o in candidates.near(concept) if self._eligible(o)]
        self.seen = [o for _, o in sorted(((_level(concept, o), self.rng.random()), o) for o in near)]
        self.rest = self._far(*candidates.rest(concept))

    def _eligible(self, other: _Concept) -> bool:
        concept = self.concept
        if other is concept or other.sub != concept.sub or other.fact.id == concept.fact.id and not concept.sub:
            return False  # a term's options are terms, a sub-term's options are sub-terms
        return not _overlaps(concept.name, other.name)

    def _far(self, *levels: list[_Concept]) -> Iterator[_Concept]:
        for level in levels:
            items = list(level)
            for i in range(len(items)):  # Fisher-Yates, one step per item read
                j = self.rng.randrange(i, len(items))
                items[i], items[j] = items[j], items[i]
                if self._eligible(items[i]):
                    yield items[i]

    def __iter__(self) -> Iterator[_Concept]:
        i = 0
        while True:
            if i == len(self.seen):
                following = next(self.rest, None)
                if following is None:
                    return
                self.seen.append(following)
            yield self.seen[i]
            i += 1


def _distinct(texts: list[str], candidate: str) -> bool:
    key = _norm(candidate)
    if not key:
        return False
    words = set(_content(candidate))
    for text in texts:
        if _norm(text) == key:
            return False
        others = set(_content(text))
        if words and others and len(words & others) / min(len(words), len(others)) >= 0.7:
            return False
    return True


_COMMON = frozenset("model models data training learning machine sagemaker aws amazon ml feature features service "
                    "services test tests".split())
"""Name words too common to point at one option."""


def _hints(text: str, other: _Name, answer: _Name) -> bool:
    """The text contains a telling word of another option's name ("IoT" for IoT Greengrass): it may fit too."""
    return any(_find(text, (w,)) for w in other.words
               if len(w) > 2 and w not in _COMMON and not any(_same(w, a) for a in answer.words))


def _covered(words: Sequence[str], content: frozenset[str]) -> float:
    """The share of the words that occur, in some form, in the content."""
    if not words:
        return 0.0
    index = _index(content)
    return sum(1 for w in words if w in content or any(_same(w, c) for c in index.get(w[:3], ()))) / len(words)


@lru_cache(maxsize=4096)
def _index(content: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Words by their first three letters (``_same`` words share them, bar rare compounds)."""
    index: dict[str, list[str]] = {}
    for word in sorted(content):
        index.setdefault(word[:3], []).append(word)
    return {k: tuple(v) for k, v in index.items()}


def _term_draft(concept: _Concept, ranked: Ranked) -> _Draft | None:
    """'Which term matches this description?' — the options are names."""
    for stem_text in concept.stems:
        stem_text = _shorten(stem_text, STEM_WORDS)
        clue = _content(stem_text)
        chosen: list[_Concept] = []
        for other in ranked:
            if concept.sub and other.parent != concept.parent:
                continue  # a sub-term's options are the other items of its list
            if mentions(stem_text, other.name.display) or _hints(stem_text, other.name, concept.name):
                continue  # a distractor named in the stem would be a second answer or a trap
            if _covered(clue, other.content) >= 0.8:
                continue  # the description fits this one nearly as well ("Same units as target": RMSE and MAE)
            if not _distinct([concept.name.display] + [c.name.display for c in chosen], other.name.display):
                continue
            if any(_overlaps(other.name, c.name) for c in chosen):
                continue
            chosen.append(other)
            if len(chosen) == 3:
                break
        if len(chosen) < 3:
            return None  # distractors do not depend on the stem text much: the next stem will not do better
        masked = _mask(stem_text, concept.name, (c.name for c in chosen))
        if masked is None or _leaks(masked, concept.name, (c.name for c in chosen)):
            continue
        if len(_content(masked)) < 3:
            continue
        quoted = f"“{_sentence(masked)}”"
        if concept.sub:
            stem = f"In the context of {concept.context}, which term matches this description? {quoted}"
            form = "subterm"
        else:
            stem = f"Which term matches this description? {quoted}"
            form = "term"
        return _Draft(concept, form, stem, concept.name.display, [c.name.display for c in chosen])
    return None


_STATEMENT_STEMS = {
    "statement": "Which statement is true of {x}?",
    "use": "What {be} {x} used for?",
    "use when": "When should you use {x}?",
    "benefit": "Which is a benefit of {x}?",
    "drawback": "Which is a drawback or limitation of {x}?",
    "describe": "In the context of {c}, which statement describes {x}?",
}


def _statement_drafts(concept: _Concept, ranked: Ranked) -> list[_Draft]:
    """'Which statement is true of X?' and its variants — the options are sentences of X and of its siblings."""
    drafts: list[_Draft] = []
    if concept.sub:
        kinds = ["describe"] if concept.siblings >= 4 else []
    else:
        kinds = ["use", "benefit", "drawback", "statement"]
    for kind in kinds:
        if kind == "describe":
            mine = concept.statements
        elif kind == "statement":
            mine = [s for s in concept.statements if s.kind is None]
        else:
            mine = [s for s in concept.statements if s.kind == kind]
        for statement in mine:
            correct = _sentence(_shorten(statement.text, OPTION_WORDS))
            if len(_content(correct)) < 2:
                continue
            chosen: list[str] = []
            sources: list[_Concept] = []
            for other in ranked:
                if kind == "statement" and statement.label and _level(concept, other) > 2:
                    break
                if kind == "describe" and other.parent != concept.parent:
                    continue
                if any(s is other for s in sources):
                    continue
                for theirs in other.statements:
                    if kind in ("use", "benefit", "drawback") and theirs.kind != kind:
                        continue
                    if kind == "statement" and not _alike(statement, theirs):
                        continue
                    text = _sentence(_shorten(theirs.text, OPTION_WORDS))
                    if kind in ("statement", "benefit", "drawback") and len(_content(text)) < 3:
                        continue  # "No persistent endpoint.", "Simple, interpretable.": too vague to be false of X
                    if not _plausible(text, concept, other, 0.5 if kind in ("statement", "describe") else 0.25):
                        continue
                    if not _distinct([correct] + chosen, text):
                        continue
                    chosen.append(text)
                    sources.append(other)
                    break
                if len(chosen) == 3:
                    break
            if len(chosen) < 3:
                continue
            if _gives_away(correct, chosen, concept.name):
                continue
            key = "use when" if kind == "use" and statement.label in _USE_WHEN else kind
            stem = _STATEMENT_STEMS[key].format(x=concept.name.display, c=concept.context, be=_be(concept.name))
            far = any(_level(concept, other) > 2 for other in sources)
            drafts.append(_Draft(concept, kind, stem, correct, chosen, far))
            break  # one draft per kind; the first usable statement of X is the most central one
    return drafts


def _gives_away(correct: str, distractors: list[str], name: _Name) -> bool:
    """The correct statement names X, or shares a word with X's name that no distractor has."""
    if any(_find(correct, seq) for seq in name.forms):
        return True
    return any(_find(correct, (w,)) and not any(_find(d, (w,)) for d in distractors) for w in name.words)


def _be(name: _Name) -> str:
    """'are' for a plural name ("Lag Features"), else 'is'."""
    last = (name.base or name.forms[0])[-1]
    return "are" if last.endswith("s") and not last.endswith(("ss", "is", "us")) and len(last) > 3 else "is"


def _alike(mine: _Statement, theirs: _Statement) -> bool:
    """Statements of one shape, so that no option stands out: definitions with definitions, and a labelled clause
    with clauses of the same label ("AWS: SageMaker Linear Learner" against "AWS: SageMaker XGBoost")."""
    if theirs.kind is not None or mine.label != theirs.label:
        return False
    return mine.part != "core" or theirs.part == "core"


def _plausible(text: str, concept: _Concept, source: _Concept, limit: float) -> bool:
    """A distractor statement: not true of the concept as far as words tell, naming neither its own subject nor
    the concept (“Asynchronous batch processing” is no distractor for Asynchronous Inference).

    ``limit`` is the share of its words that may occur in the concept's definition: "use when" lists are short and
    fuzzy ("ranking evaluation" vs "ranking quality"), so they get a lower limit than definitions.
    """
    words = _content(text)
    if len(words) < 2:
        return False
    if _covered(words, concept.content) >= limit:
        return False
    if any(_find(text, seq) for seq in source.name.forms + concept.name.forms):
        return False
    if _hints(text, source.name, concept.name):
        return False  # "Deploy models to IoT Greengrass devices" is plainly about something else
    own = [w for w in concept.name.words if len(w) > 2 and not any(_same(w, o) for o in source.name.words)]
    return not any(_find(text, (w,)) for w in own)


def _drafts(concept: _Concept, candidates: Candidates, rng: random.Random) -> list[_Draft]:
    ranked = Ranked(concept, candidates, rng)
    drafts = _statement_drafts(concept, ranked)
    if concept.sub and concept.siblings < 4:
        return drafts
    term = _term_draft(concept, ranked)
    return ([term] if term else []) + drafts


# ---------------------------------------------------------------------------------------------------------------
# The exam
