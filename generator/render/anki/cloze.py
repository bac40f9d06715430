"""Cloze deletions: which spans of a part to hide (formulas, thresholds, "X for Y" tips, subjects) and the cloze HTML.

Spans are (start, end) offsets into the Markdown string that is shown; rendering escapes the text with
``text.inline_html`` and then turns private-use markers into ``{{cN::…}}``.
"""
from __future__ import annotations

import re

from generator.model import Fact, Part
from generator.text import inline_html, plain

Span = tuple[int, int]

_OPEN, _CLOSE = "\ue000", "\ue001"
_MATH = re.compile(r"[+×*√Σ^|−]| - | / |\(\d+/\w+\)|\w/\(|\)/|\d/\d|\w\([^)]*\)\s*[/×*]")
_COMPARATOR = re.compile(r"^(?:[<>≤≥≈]=?\s?|(?:up to|at least|at most|over|under|below|above|max|maximum|minimum)\s)")
# Finite verbs that end a sentence's subject ("Early stopping prevents overfitting").
SUBJECT_VERBS = frozenset(
    "adjusts aggregates assigns automate automates builds captures centralizes centralize compiles computes "
    "creates detect detects diagnose diagnoses enable enables encrypts ensures enforce enforces handles "
    "identifies integrate integrates learns partitions prevent prevents projects provide provides reduce reduces "
    "register registers serves track tracks trigger triggers versions".split()
)
_NOT_SUBJECT = frozenset("these this it they both all each no some such that those only also just then them".split())
_COPULAS = frozenset("is are was were be can may must should will".split())
_PARTICIPLES = ("required", "needed", "preferred", "recommended", "used", "suitable", "better", "best")
_LEAD_VERBS = ("Use ", "Choose ", "Prefer ", "Pick ")
_IMPERATIVE_LEADS = frozenset("use choose prefer pick apply create define deploy enable implement set start".split())


def shown(part: Part) -> str:
    """The Markdown a cloze of this part shows: "Label: text" for clauses, else the text."""
    return f"{part.label}: {part.text}" if part.label else part.text


def is_math(rhs: str) -> bool:
    """Whether a formula's right-hand side is an expression rather than prose the reader took for one."""
    return bool(_MATH.search(rhs)) and sum(w.isalpha() and w.islower() and len(w) > 3 for w in rhs.split()) <= 6


def formula_spans_in(fact: Fact, index: int, text: str) -> list[Span]:
    """Spans, in ``text`` (the shown part), of the real formulas' right-hand sides in part ``index``."""
    spans: list[Span] = []
    for formula in fact.formulas:
        if formula.part != index or not is_math(formula.rhs) or formula.rhs.rstrip()[-1:] in "+-−×*/=":
            continue
        start = text.find(formula.rhs)
        if start >= 0:
            spans.append((start, start + len(formula.rhs)))
    return spans


def threshold_spans_in(fact: Fact, index: int, text: str) -> list[Span]:
    """Spans, in ``text``, of the numbers (without their comparator) of the thresholds in part ``index``."""
    spans: list[Span] = []
    cursor: dict[str, int] = {}
    for threshold in fact.thresholds:
        if threshold.part != index:
            continue
        value = _COMPARATOR.sub("", threshold.value).strip()
        start = text.find(threshold.value, cursor.get(threshold.value, 0))
        if start < 0 or not value:
            continue
        cursor[threshold.value] = start + len(threshold.value)
        offset = start + threshold.value.index(value)
        spans.append((offset, offset + len(value)))
    return spans


def tip_spans(text: str, tip: bool = True) -> list[Span]:
    """Subjects of "X verbs Y" statements and of "X for Y" tips ("Glue for serverless ETL, EMR for …").

    Outside a list of tips only "Use X for Y" counts: "Serverless compute for event-driven processing" is a
    description, not advice.
    """
    subject = subject_span(text)
    if subject:
        return [subject]
    segments = _segments(text)
    first = _for_subject(text, *segments[0])
    if first is None or not (tip or text.startswith(_LEAD_VERBS)):
        return []
    return [first] + [s for s in (_for_subject(text, a, b) for a, b in segments[1:]) if s]


def merge(*groups: list[Span]) -> list[Span]:
    """Non-overlapping spans, earlier groups winning; sorted by position."""
    kept: list[Span] = []
    for group in groups:
        for span in group:
            if span[0] < span[1] and all(span[1] <= a or span[0] >= b for a, b in kept):
                kept.append(span)
    return sorted(kept)


def cloze_html(text: str, spans: list[Span]) -> tuple[str, tuple[str, ...]]:
    """Escaped HTML with ``{{cN::…}}`` around each span, and the plain text of each deletion."""
    marked, answers, last = [], [], 0
    for start, end in spans:
        marked += [text[last:start], _OPEN, text[start:end], _CLOSE]
        answers.append(plain(text[start:end]).strip())
        last = end
    marked.append(text[last:])
    html = anki_safe(inline_html("".join(marked)))
    out, number, inside = [], 0, False
    for piece in re.split(f"({_OPEN}|{_CLOSE})", html):
        if piece == _OPEN:
            number, inside = number + 1, True
            out.append(f"{{{{c{number}::")
        elif piece == _CLOSE:
            inside = False
            out.append("}}")
        else:
            out.append(_escape_cloze(piece) if inside else piece)
    return "".join(out), tuple(answers)


def anki_safe(html: str) -> str:
    """Keep Anki from reading field text as template or MathJax syntax."""
    return html.replace("{{", "{&#123;").replace("}}", "}&#125;").replace("\\(", "&#92;(").replace("\\[", "&#92;[")


def _escape_cloze(html: str) -> str:
    """Inside a deletion, "::" would start a hint and braces could close it early."""
    return html.replace("::", ":&#58;").replace("{", "&#123;").replace("}", "&#125;")


def _segments(text: str) -> list[Span]:
    """Comma-separated segments at bracket depth 0."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}" and depth > 0
        if ch == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            spans.append((start, i))
            start = i + 2
    spans.append((start, len(text.rstrip("."))))
    return spans


def _for_subject(text: str, start: int, end: int) -> Span | None:
    """In one segment "A for B" (or "Use A for B"), the span of A when A is a short noun phrase."""
    segment = text[start:end]
    found = [m for m in re.finditer(r"\s(for|when)\s", segment) if _depth(segment, m.start()) == 0]
    m = found[-1] if found else None
    if not m or ":" in segment[: m.start()]:
        return None
    lead = next((v for v in _LEAD_VERBS if segment.startswith(v)), "")
    a_start, a_end = start + len(lead), start + m.start()
    words = segment[len(lead) : m.start()].split()
    while words and words[-1].lower() in _PARTICIPLES:
        a_end -= len(words.pop()) + 1
    return (a_start, a_end) if _is_noun_phrase(words) else None


def _depth(text: str, end: int) -> int:
    return text[:end].count("(") - text[:end].count(")")


def subject_span(text: str) -> Span | None:
    """The subject of "Subject verbs object": up to the first known finite verb, when it is a plausible name."""
    depth = 0
    for m in re.finditer(r"[()]|[A-Za-z]+", text):
        token = m.group(0)
        if token in "()":
            depth += 1 if token == "(" else -1
        elif depth == 0 and m.start() > 0 and token in SUBJECT_VERBS:
            words = text[: m.start()].split()
            if words[-1].lower() == "to" or words[0].lower() in _IMPERATIVE_LEADS:
                return None
            return (0, m.start() - 1) if _is_noun_phrase(words) and len(words) > 1 or _is_name(words) else None
    return None


def _is_noun_phrase(words: list[str]) -> bool:
    bare = [w for w in words if not w.startswith("(")]
    if not bare or len(bare) > 6 or bare[0].lower() in _NOT_SUBJECT:
        return False
    if any(w.lower() in SUBJECT_VERBS or w.lower() in _COPULAS for w in bare):
        return False
    return bare[0][:1].isupper() or len(bare) <= 3


def _is_name(words: list[str]) -> bool:
    """A single word that is clearly a name (an acronym or CamelCase), not a capitalised common noun."""
    return len(words) == 1 and any(c.isupper() for c in words[0][1:])
