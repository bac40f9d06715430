"""The practice exam: multiple-choice questions drawn from the model and spread by domain weight. No I/O.

``make_exam(guide, seed)`` is deterministic: every random choice comes from one ``random.Random(seed)`` and every
collection is walked in guide order, so the same guide and seed give the same exam.

How a question is made:

* **Concepts.** Every definition with a usable description is a concept (``Precision``). A definition whose text is a
  list of three or more labelled sub-terms (``Deployment Strategies``: ``Blue-Green: …``, ``Canary: …``) also gives
  one concept per sub-term. Headings of lists (``Benefits``, ``Best Practices``, ``When to Retrain``), code captions
  and numbered workflow steps give no concept.
* **Forms.** ``term``: a description with the term masked; the options are terms. ``subterm``: the same for a
  sub-term, within its list. ``statement``: "Which statement is true of X?"; the options are sentences or clauses of
  X and of its siblings. ``use``/``benefit``/``drawback``: the same, restricted to clauses with that kind of label
  ("Use when", "Pros", "Cons" …). ``describe``: "which statement describes sub-term X?".
* **Distractors** come from the same section, then the same module, then the same domain, then anywhere. They are
  never the answer under another name (names overlap: ``Anomaly Detection`` / ``Random Cut Forest (Anomaly
  Detection)``, parenthesised synonyms, the same term defined twice), never duplicates of each other, and for
  statements never a sentence whose words mostly occur in X's own definition (it would be true of X too).
* **Leaks.** A stem never contains the answer's name, a parenthesised synonym, an acronym or a singular/plural form
  of it. A word of the answer's name that is in none of the distractors is masked (``___``); a stem that would need
  more masking than that is not used. In statement forms the correct option may not contain such a word either.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from generator.model import Fact, Guide, Module, Part
from generator.text import plain

LETTERS = "ABCD"
"""Option letters, by index."""
DEFAULT_QUESTIONS = 50
"""Length of an exam when neither the caller nor guide.yaml gives one."""
MASK = "___"
"""What replaces a masked word in a stem."""
STEM_WORDS = 30
"""Longest description in a stem, in words (longer ones are shortened at list boundaries)."""
OPTION_WORDS = 24
"""Longest option, in words."""

FORMS = ("term", "subterm", "statement", "use", "benefit", "drawback", "describe")
"""Every question form; ``Question.form`` is one of these."""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question (plain text; renderers escape it)."""

    number: int
    """1-based position in the exam."""
    stem: str
    """The question as shown, e.g. 'Which term matches this description? “…”'."""
    options: tuple[str, str, str, str]
    """Options A–D."""
    answer: int
    """Index of the correct option (0–3)."""
    term: str
    """The term the question is about (the correct option for term forms)."""
    explanation: str
    """The term's definition, for the answer key."""
    fact_id: str
    """The definition the question was made from."""
    domain: str
    """Id of the domain whose share the question counts towards."""
    module: int
    """Module number of the definition."""
    section: str
    """Section key of the definition (``Section.key``)."""
    form: str
    """One of ``FORMS``."""

    @property
    def letter(self) -> str:
        """The correct option's letter."""
        return LETTERS[self.answer]


@dataclass(frozen=True)
class PracticeExam:
    """A practice exam: its seed, its questions in order, and notes about shortfalls."""

    seed: int
    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()
    """Human-readable remarks, e.g. a domain with too little material for its share."""


# ---------------------------------------------------------------------------------------------------------------
# Words and names

_TOKEN = re.compile(r"[^\W_]+")
_STOP = frozenset(
    "a an and are as at be by for from in into is it its of on or per the this that to vs via with without not no "
    "all any each use used using when than more less can may".split()
)
_USE_WHEN = frozenset({"use when", "use only when"})
_USE = _USE_WHEN | frozenset({"use for", "use cases", "use to", "useful for", "essential for", "important for",
                              "use case"})
_BENEFIT = frozenset({"pros", "benefits", "benefit", "advantages"})
_DRAWBACK = frozenset({"cons", "drawbacks", "drawback", "limitations", "limitation", "risks", "disadvantages"})
_ATTRIBUTES = _USE | _BENEFIT | _DRAWBACK | frozenset(
    "aws|aws services|aws service|aws implementation|aws tools|examples|example|hyperparameters|key hyperparameters|"
    "common algorithms|costs|cost|workflow|integration|alerts|automation|monitoring|orchestration|retraining|"
    "evaluation|evaluation metrics|input|output|supports|methods|diagnose|configuration|implementation|typical|"
    "critical|note|requirements|caution|mitigation|prediction|algorithm|patterns|actionable|patterns indicate|"
    "good model|interpretable|asymmetric|enable|budget|capabilities|collision|optimal|threshold-independent|"
    "script requirements|sagemaker provides|use compliant services|medical testing|query|techniques|access|"
    "benefits|trigger|triggers|scale|share|restrict sources|typical k|typical patience|custom|default|other"
    .split("|")
)
"""Clause labels that name an aspect of a definition, not a sub-term."""
_VERBS = frozenset(
    "use uses apply applies create creates define defines track tracks capture captures detect detects choose adjust "
    "tune monitor monitors enable set assign compare identify read eliminate determine separate extract chain deploy "
    "restrict register organize grant store share update trigger prevent reduce increase add remove start implement "
    "validate check collect combine build train schedule compute run calibrate retrieve emit route switch keep avoid "
    "ensure maintain provide provides support handles handle be fit convert replace retrain encrypt log plot design "
    "diagnose estimate learn learns measure measures split".split()
)
"""First words that make a clause label an instruction rather than a sub-term name."""
_GENERIC = re.compile(
    r"^(?:why|when|how|what)\b|best practices?\b|\bbenefits\b|\bcapabilities\b|\bkey concepts\b|\btips\b|"
    r"\bchecklist\b|^architecture$|^overview$|^examples?$|^configuration$|^summary$|\bstrategies$|\btypes$",
    re.I,
)
"""Terms that head a list of facts rather than name a concept."""
_HEADING = re.compile(r"^(?:benefits|key capabilities|capabilities|best practices|architecture|overview|examples?)$",
                      re.I)
"""List headings too bare to name the list in a stem without their section."""
_STEP = re.compile(r"^\(\d+\)|^\d+\.\s")


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) for every word of a plain text."""
    return tuple((m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text))


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_SUFFIXES = tuple(sorted(
    "izations ization ations ation ions ion ings ing ers er ed es s ly ity ities ize ized izes ment ments ness ally al"
    .split(), key=len, reverse=True))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light stem: the word without one common ending and a final e ("scaling"/"scale" → "scal")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=262144)
def _same(a: str, b: str) -> bool:
    """Two lower-case words are forms of one word: plural, -ing/-ation endings, or a name inside an identifier."""
    if a == b or _singular(a) == _singular(b):
        return True
    if a in _STOP or b in _STOP:
        return False  # "for" is no form of "Forward"
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    if len(short) == 3:
        return len(long_) >= 6 and long_.startswith(short)  # log/logarithm, tag/tagging
    sa, sb = _stem(a), _stem(b)
    if sa == sb:
        return True
    prefix = len(_common_prefix(sa, sb))
    if prefix >= 5 and prefix >= min(len(sa), len(sb)) - 1:
        return True  # classify/classification, regulated/regulatory (not mode/model, control/container)
    # StandardScaler, MultiRecord, bigrams: a name word at either end of a compound, or inside a longer identifier
    short, long_ = _singular(short), _singular(long_)
    if len(short) >= 4 and long_.endswith(short) and len(long_) >= len(short) + 2:
        return True  # bigram, postprocessing
    if len(short) < 5:
        return False
    if long_.startswith(short):
        return len(long_) >= len(short) + 2
    return len(long_) >= len(short) + 4 and short in long_


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


@lru_cache(maxsize=65536)
def _content(text: str) -> tuple[str, ...]:
    """Content words of a plain text, singular, lower-case."""
    return tuple(_singular(w) for _, _, w in _tokens(text) if w not in _STOP and len(w) > 2)


def _norm(text: str) -> str:
    """Comparison key of a text: lower-case words joined by single spaces."""
    return " ".join(w for _, _, w in _tokens(text))


@dataclass(frozen=True)
class _Name:
    """A term as shown, and the forms of it a stem must not contain."""

    display: str
    forms: tuple[tuple[str, ...], ...]
    """Word sequences that name it: the term, the term without parentheses, each synonym, acronyms."""
    words: tuple[str, ...]
    """Its content words (a stem containing one that no distractor has gives it away)."""
    prefixes: frozenset[str] = frozenset()
    """First three letters of every word of every form: names sharing none cannot overlap."""
    base: tuple[str, ...] = ()
    """The words of the name without parentheses."""


@lru_cache(maxsize=4096)
def _name(term: str) -> _Name:
    display = re.sub(r"^\d+\.\s+", "", term.strip())
    base = re.sub(r"\s*\([^)]*\)", "", display).strip() or display
    alternatives = [a.strip() for group in re.findall(r"\(([^)]*)\)", display)
                    for a in re.split(r",|;|\bor\b", group) if a.strip()]
    alternatives += [a.strip() for a in base.split("/") if "/" in base and a.strip()]
    forms: list[tuple[str, ...]] = []
    for text in [display, base, *alternatives]:
        seq = tuple(w for _, _, w in _tokens(text))
        if seq and seq not in forms:
            forms.append(seq)
    named = len(forms)  # the parts of a camel-case word below are a form, not separate telling words
    for seq in forms[:named]:
        joined = "".join(seq)
        if 1 < len(seq) <= 3 and len(joined) <= 14 and (joined,) not in forms:
            forms.append((joined,))  # N-grams → "ngram_range", K-Means → "kmeans"
    for word in re.findall(r"[^\W_]+", base):
        parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", word)
        if len(parts) > 1 and re.search(r"[a-z][A-Z]", word):  # MultiRecord → "multi record"
            seq = tuple(p.lower() for p in parts)
            if seq not in forms:
                forms.append(seq)
    for text in [base, *alternatives]:
        words = re.findall(r"[^\W_]+", text)
        if len(words) >= 2 and not any(w.isupper() and len(w) > 1 for w in words):
            acronym = ("".join(w[0] for w in words)).lower()
            if (acronym,) not in forms:
                forms.append((acronym,))
    words_: list[str] = []
    for seq in forms[:named]:
        for w in seq:
            if w not in _STOP and len(w) > 1 and w not in words_:
                words_.append(w)
    prefixes = frozenset(w[:3] for seq in forms for w in seq)
    return _Name(display, tuple(forms), tuple(words_), prefixes, tuple(w for _, _, w in _tokens(base)))


def _find(tokens: Sequence[tuple[int, int, str]], seq: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character spans where the word sequence occurs (word by word, allowing plural and -ing forms)."""
    spans = []
    n = len(seq)
    for i in range(len(tokens) - n + 1):
        if all(_same(tokens[i + k][2], seq[k]) for k in range(n)):
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
    return spans


def mentions(text: str, term: str) -> bool:
    """Whether a plain text names the term: the term, a form without parentheses, a synonym or an acronym."""
    name = _name(term)
    tokens = _tokens(text)
    return any(_find(tokens, seq) for seq in name.forms)


@lru_cache(maxsize=262144)
def _overlaps(a: _Name, b: _Name) -> bool:
    """Names that may denote the same thing: a shared form, or one form inside the other's."""
    if not a.prefixes & b.prefixes:
        return False
    for x in a.forms:
        for y in b.forms:
            short, long_ = sorted((x, y), key=len)
            if len(short) == 1 and len(short[0]) < 3:
                continue
            key = [_stem(_singular(w)) for w in short]
            words = [_stem(_singular(w)) for w in long_]
            if any(words[i : i + len(key)] == key for i in range(len(words) - len(key) + 1)):
                return True  # word for word (plurals and endings aside): not MultiRecord inside SingleRecord
    return False


def _mask(text: str, name: _Name, others: Iterable[_Name]) -> str | None:
    """The text with every form of the name masked, and every name word no other option shares; None if too much."""
    tokens = _tokens(text)
    spans: list[tuple[int, int]] = []
    for seq in sorted(name.forms, key=len, reverse=True):
        spans += _find(tokens, seq)
    others = list(others)
    for word in name.words:
        if any(_same(word, w) for other in others for w in other.words):
            continue
        spans += _find(tokens, (word,))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    masked_words = sum(1 for s, e, _ in tokens if any(a <= s and e <= b for a, b in merged))
    if len(merged) > 2 or masked_words * 3 >= len(tokens):
        return None
    out, last = [], 0
    for start, end in merged:
        before, after = text[start - 1 : start], text[end : end + 1]
        if before in ("_", "-", "/", ".") or after == "_" or (after in "-." and text[end + 1 : end + 2].isalnum()):
            return None  # inside an identifier or a compound: masking would read as a riddle
        out += [text[last:start], MASK]
        last = end
    out.append(text[last:])
    return "".join(out)


def _leaks(text: str, name: _Name, others: Iterable[_Name] = ()) -> bool:
    """Whether a text gives the name away: a form of it, or a word of it that no other option has."""
    tokens = _tokens(text)
    if any(_find(tokens, seq) for seq in name.forms):
        return True
    others = list(others)
    return any(_find(tokens, (w,)) for w in name.words
               if not any(_same(w, o) for other in others for o in other.words))


# ---------------------------------------------------------------------------------------------------------------
# Text shaping

_PAREN = re.compile(r"\s*\([^()]*\)")


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` words: drop parenthetical asides, then cut at a list boundary, then at a word."""
    text = " ".join(text.split())
    if len(text.split()) <= limit:
        return text
    text = _PAREN.sub("", text)
    if len(text.split()) <= limit:
        return text
    pieces = re.split(r"(?<=[,;])\s+", text)
    kept: list[str] = []
    for piece in pieces:
        if len(" ".join(kept + [piece]).split()) > limit:
            break
        kept.append(piece)
    if len(kept) >= 2 or (kept and len(kept[0].split()) >= limit // 2):
        return " ".join(kept).rstrip(",;") + "."
    return " ".join(text.split()[:limit]).rstrip(",;:") + " …"


def _sentence(text: str) -> str:
    """Capitalised (unless it opens with an identifier such as ``p3`` or ``/opt``), ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    if re.match(r"[a-z][a-z'’/-]*[,.;:]?(?:\s|$)", text):
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!…)" or text.endswith(("”", '"')) else text + "."


def _label_kind(label: str | None) -> str | None:
    if label is None:
        return None
    low = label.lower()
    if low in _USE:
        return "use"
    if low in _BENEFIT:
        return "benefit"
    if low in _DRAWBACK:
        return "drawback"
    return None


def _is_attribute(label: str) -> bool:
    low = label.lower()
    return low in _ATTRIBUTES or low.startswith("use ") or low.split()[0] in _VERBS


# ---------------------------------------------------------------------------------------------------------------
# Concepts


@dataclass(frozen=True)
class _Statement:
    text: str
    """Plain text as an option would show it ("Label: text" for other labelled clauses)."""
    kind: str | None
    """'use', 'benefit', 'drawback' for clauses with such labels, else None."""
    part: str
    """The part's kind (core, sentence, clause)."""
    label: str | None = None
    """The clause label, lower-case."""


@dataclass
class _Concept:
    key: str
    name: _Name
    fact: Fact
    module: Module
    domains: tuple[str, ...]
    order: int
    stems: list[str]
    statements: list[_Statement]
    definition: str
    content: frozenset[str]
    parent: str | None = None
    """For a sub-term: the id of the definition that lists it."""
    context: str | None = None
    """For a sub-term: how to name its list in a stem."""
    siblings: int = 0
    """For a sub-term: how many sub-terms its list has."""

    @property
    def sub(self) -> bool:
        return self.parent is not None


def _usable(part: Part) -> bool:
    text = plain(part.text).strip()
    if not text or text.endswith(":") or _STEP.match(text):
        return False
    return len(text.split()) >= 2 or bool(re.search(r"[=√Σ×/]", text))  # "√MSE." is a fine clue


def _part_text(part: Part) -> str:
    text = plain(part.text).strip()
    return f"{plain(part.label)}: {text}" if part.label else text


def _concepts(guide: Guide) -> list[_Concept]:
    found: list[_Concept] = []
    order = 0
    for module in guide.modules:
        if not module.domains:
            continue
        for section in module.sections:
            for fact in section.facts:
                term = plain(fact.term).strip()
                name = _name(term)
                subterms = [p for p in fact.clauses if not _is_attribute(p.label or "") and _usable(p)
                            and len((p.label or "").split()) <= 5]
                group = len(subterms) >= 3
                content = frozenset(_content(plain(fact.text)) + _content(term))
                parts = [p for p in fact.parts if _usable(p) and p.kind != "item"]
                stems: list[str] = []
                core = next((p for p in parts if p.kind == "core"), None)
                first = parts[0] if parts else None
                if core is not None:
                    stems.append(plain(core.text).strip())
                elif first is not None and first.kind == "clause" and not group and not _label_kind(first.label) \
                        and (first.label or "").lower() not in _ATTRIBUTES:
                    stems.append(_part_text(first))
                if stems and len(stems[0].split()) <= 8:
                    # a terse core ("Two possible outcomes.") needs a second clue to single the term out
                    extra = next((_part_text(p) for p in parts if p.kind in ("sentence", "clause")
                                  and p is not core and p is not first), None)
                    if extra:
                        stems.insert(0, f"{_sentence(stems[0])} {_sentence(extra)}")
                stems += [plain(p.text).strip() for p in parts if p.kind == "sentence" and len(p.text.split()) >= 4]
                statements = [
                    _Statement(plain(p.text).strip() if _label_kind(p.label) else _part_text(p), _label_kind(p.label),
                               p.kind, p.label.lower() if p.label else None)
                    for p in parts if p.kind != "clause" or p not in subterms or not group
                ]
                definition = _shorten(" ".join(_sentence(_part_text(p)) for p in parts) or plain(fact.text), 50)
                if not _GENERIC.search(name.display) and not (group and core is None) and stems:
                    found.append(_Concept(fact.id, name, fact, module, module.domains, order, stems, statements,
                                          definition, content))
                    order += 1
                if group:
                    context = f"“{name.display}”"
                    if _HEADING.search(name.display):
                        context = f"“{name.display}” ({plain(section.title)})"
                    for p in subterms:
                        label = plain(p.label or "")
                        text = plain(p.text).strip()
                        found.append(_Concept(
                            f"{fact.id}#{_norm(label).replace(' ', '-')}", _name(label), fact, module,
                            module.domains, order, [text], [_Statement(text, None, "clause")],
                            _sentence(_shorten(text, 50)), frozenset(_content(text) + _content(label)),
                            parent=fact.id, context=context, siblings=len(subterms)))
                        order += 1
    return found


# ---------------------------------------------------------------------------------------------------------------
# Questions


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


def _all_drafts(guide: Guide, rng: random.Random) -> list[tuple[_Concept, list[_Draft]]]:
    """Every concept that makes at least one question, with its drafts, in guide order."""
    concepts = _concepts(guide)
    terms = [c for c in concepts if not c.sub]
    lists: dict[str, list[_Concept]] = {}
    for c in concepts:
        if c.parent:
            lists.setdefault(c.parent, []).append(c)
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
