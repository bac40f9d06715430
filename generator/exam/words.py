"""Words and names: tokenizing, word forms, and finding or masking a term's name in a text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from generator.exam.base import MASK


_TOKEN = re.compile(r"[^\W_]+")
_STOP = frozenset(
    "a an and are as at be by for from in into is it its of on or per the this that to vs via with without not no "
    "all any each use used using when than more less can may".split()
)
@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) for every word of a plain text."""
    return tuple((m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=65536)
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
    if a[:2] != b[:2]:  # most pairs: every rule but the compound ones keeps the first letters
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) < 4 or short[:3] not in long_:
            return False
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


@dataclass(frozen=True, eq=False)  # one object per term (see _name), so identity is equality and hashing is cheap
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
    stemmed: tuple[tuple[str, ...], ...] = ()
    """``forms`` with every word singular and stemmed (what _overlaps compares)."""


@lru_cache(maxsize=65536)
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
    stemmed = tuple(tuple(_stem(_singular(w)) for w in seq) for seq in forms)
    return _Name(display, tuple(forms), tuple(words_), prefixes, tuple(w for _, _, w in _tokens(base)), stemmed)


def _find(text: str, seq: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character spans where the word sequence occurs in a plain text (word by word, allowing plural and -ing
    forms)."""
    tokens, words = _tokens(text), _words(text)
    n = len(seq)
    return [(tokens[i][0], tokens[i + n - 1][1]) for i in _hits(text, seq[0])
            if i + n <= len(words) and all(_same(words[i + k], seq[k]) for k in range(1, n))]


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for _, _, w in _tokens(text))


@lru_cache(maxsize=262144)
def _hits(text: str, word: str) -> tuple[int, ...]:
    """Positions of the words that are a form of ``word`` (drafting asks the same texts about the same names).

    Keyed by the text, whose hash Python keeps, not by its words; and only words that pass ``_same``'s first test
    (the same first two letters, or the shorter one's first three inside the longer) are asked to it."""
    two, three, size = word[:2], word[:3], len(word)
    return tuple(i for i, w in enumerate(_words(text))
                 if (w[:2] == two or (len(w) >= 4 and w[:3] in word if len(w) <= size else size >= 4 and three in w))
                 and _same(w, word))


def mentions(text: str, term: str) -> bool:
    """Whether a plain text names the term: the term, a form without parentheses, a synonym or an acronym."""
    name = _name(term)
    return any(_find(text, seq) for seq in name.forms)


def _overlaps(a: _Name, b: _Name) -> bool:
    """Names that may denote the same thing: a shared form, or one form inside the other's."""
    if not a.prefixes & b.prefixes:
        return False
    for x in a.stemmed:
        for y in b.stemmed:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if len(short) == 1 and len(short[0]) < 3:
                continue
            if any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
                return True  # word for word (plurals and endings aside): not MultiRecord inside SingleRecord
    return False


def _mask(text: str, name: _Name, others: Iterable[_Name]) -> str | None:
    """The text with every form of the name masked, and every name word no other option shares; None if too much."""
    tokens = _tokens(text)
    spans: list[tuple[int, int]] = []
    for seq in sorted(name.forms, key=len, reverse=True):
        spans += _find(text, seq)
    others = list(others)
    for word in name.words:
        if any(_same(word, w) for other in others for w in other.words):
            continue
        spans += _find(text, (word,))
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
    if any(_find(text, seq) for seq in name.forms):
        return True
    others = list(others)
    return any(_find(text, (w,)) for w in name.words
               if not any(_same(w, o) for other in others for o in other.words))


# ---------------------------------------------------------------------------------------------------------------
# Text shaping
