"""Question drafts for one concept: stems with the name masked, options ranked by nearness, leak checks."""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from generator.exam.base import OPTION_WORDS, STEM_WORDS
from generator.exam.words import _Name, _content, _find, _leaks, _mask, _norm, _overlaps, _same, _tokens, mentions
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


def _ranked(concept: _Concept, pool: list[_Concept], rng: random.Random) -> list[_Concept]:
    """Other concepts of the same kind, nearest first (ties in random order), without ones that may be the same."""
    keyed = []
    for other in pool:
        if other is concept or other.sub != concept.sub or other.fact.id == concept.fact.id and not concept.sub:
            continue  # a term's options are terms, a sub-term's options are sub-terms
        if _overlaps(concept.name, other.name):
            continue
        keyed.append(((_level(concept, other), rng.random()), other))
    keyed.sort(key=lambda kv: kv[0])
    return [other for _, other in keyed]


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
    tokens = _tokens(text)
    return any(_find(tokens, (w,)) for w in other.words
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


def _term_draft(concept: _Concept, ranked: list[_Concept]) -> _Draft | None:
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


def _statement_drafts(concept: _Concept, ranked: list[_Concept]) -> list[_Draft]:
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
    tokens = _tokens(correct)
    if any(_find(tokens, seq) for seq in name.forms):
        return True
    others = [_tokens(d) for d in distractors]
    return any(_find(tokens, (w,)) and not any(_find(t, (w,)) for t in others) for w in name.words)


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
    tokens = _tokens(text)
    if any(_find(tokens, seq) for seq in source.name.forms + concept.name.forms):
        return False
    if _hints(text, source.name, concept.name):
        return False  # "Deploy models to IoT Greengrass devices" is plainly about something else
    own = [w for w in concept.name.words if len(w) > 2 and not any(_same(w, o) for o in source.name.words)]
    return not any(_find(tokens, (w,)) for w in own)


def _drafts(concept: _Concept, pool: list[_Concept], rng: random.Random) -> list[_Draft]:
    ranked = _ranked(concept, pool, rng)
    drafts = _statement_drafts(concept, ranked)
    if concept.sub and concept.siblings < 4:
        return drafts
    term = _term_draft(concept, ranked)
    return ([term] if term else []) + drafts


# ---------------------------------------------------------------------------------------------------------------
# The exam
