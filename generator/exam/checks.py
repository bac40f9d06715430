"""Checks that keep an exam from answering itself: per question (a form that gives the answer away) and across the
exam (an option used twice, an answer another question prints, two questions on one list).

``candidate_problems`` rejects a candidate before it is drawn; ``exam_problems`` checks a whole exam (the draw
already avoids them; the tests hold every exam of every seed to it).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Protocol

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{3,}")
_STOP = frozenset(
    "which what when where that this with from into used uses using team meets these requirements workload choose "
    "option options following correct order steps match each does cover covers about their there have more most "
    "least lowest".split()
)


class Asked(Protocol):
    """What the checks read of a question or a candidate."""

    type: str
    stem: str
    options: tuple[str, ...]
    answer: tuple[int, ...]
    names: tuple[str, ...]
    source: str


def candidate_problems(q: Asked, rare: frozenset[str]) -> list[str]:
    """What gives this question's answer away by its form alone."""
    problems: list[str] = []
    if "___" in q.stem:
        problems.append("a blank in the stem")
    if len(set(o.lower() for o in q.options)) != len(q.options):
        problems.append("two options read the same")
    if q.type in ("single", "multiple") and _odd_by_length(q):
        problems.append("the answer is the odd one out by length")
    if q.type in ("single", "multiple") and _shares_rare_word(q, rare):
        problems.append("the answer shares a rare word with the stem, and no wrong option does")
    if any(n and mentions(q.stem, n) for n in q.names):
        problems.append("the stem names the answer")
    return problems


def exam_problems(questions: Iterable[Asked]) -> list[str]:
    """What makes an exam answer itself across its questions."""
    qs = list(questions)
    problems: list[str] = []
    used = Counter(o.strip().lower() for q in qs for o in q.options)
    problems += [f"option used twice: {o!r}" for o, n in used.items() if n > 1]
    sources = Counter(q.source for q in qs)
    problems += [f"two questions on one list: {s}" for s, n in sources.items() if n > 1]
    for q in qs:
        for other in qs:
            if other is not q and any(n and mentions(other.stem, n) for n in q.names):
                problems.append(f"a stem names another question's answer: {q.names} in {other.stem!r}")
    return problems


def rare_words(texts: Iterable[str], at_most: int = 2) -> frozenset[str]:
    """Words that occur in at most ``at_most`` of the texts (a guide's definitions): a give-away when only the answer
    shares one with the stem."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update({w.lower() for w in _WORD.findall(text)})
    return frozenset(w for w, n in seen.items() if n <= at_most and w not in _STOP)


def _odd_by_length(q: Asked) -> bool:
    lengths = [len(o.split()) for o in q.options]
    right = [lengths[i] for i in q.answer]
    wrong = [n for i, n in enumerate(lengths) if i not in q.answer]
    if not wrong:
        return False
    return min(right) > 2 * max(wrong) + 1 or max(right) * 2 + 1 < min(wrong)


def _shares_rare_word(q: Asked, rare: frozenset[str]) -> bool:
    stem = {w.lower() for w in _WORD.findall(q.stem)} & rare
    if not stem:
        return False
    right = set().union(*({w.lower() for w in _WORD.findall(q.options[i])} for i in q.answer))
    wrong = set().union(*({w.lower() for w in _WORD.findall(o)} for i, o in enumerate(q.options) if i not in q.answer))
    return bool(stem & right) and not stem & wrong


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return re.sub(r"[\s\-–]+", " ", text.lower())


@lru_cache(maxsize=65536)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(_norm(name))}(?![\w])")


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as a whole word (case, hyphens and spaces aside)."""
    norm_name = _norm(name)
    return norm_name in _norm(text) and _pattern(name).search(_norm(text)) is not None
