"""A definition's text → parts (core, labelled clauses, sentences, list items), formulas and thresholds."""
from __future__ import annotations

import re

from generator.model import Formula, Part, Threshold

_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "approx.", "incl.", "Fig.", "No.")
_WORD = r"[\w()/&'’+.@²-]+"
_LABEL = re.compile(rf"^(?P<label>[A-Z]{_WORD[:-1]}*(?:\s+{_WORD}){{0,3}}):\s+(?P<text>\S.*)$", re.S)
_EXPRESSION = re.compile(r"^[\w\s()+\-−×*/√²³Σ|ŷȳ^.,·₀-₉@%]+$")
_OPERATOR = re.compile(r"[+\-−×*/√Σ|^]")
_NUM = r"\d+(?:[.,]\d+)*"
_UNIT = (r"(?:\s?(?:%|ms|MB|GB|KB|TB|x\b|seconds?\b|minutes?\b|hours?\b|days?\b|epochs?\b|"
         r"samples?\b|examples?\b|categories\b|features\b|jobs\b|K\b|°F|°C))")
_THRESHOLD = re.compile(
    r"(?<![\w.])(?:"
    rf"(?:[<>≤≥≈]=?\s?|(?:up to|at least|at most|over|under|below|above|max|maximum|minimum)\s){_NUM}(?:\s?[-–]\s?{_NUM})?{_UNIT}?"
    rf"|{_NUM}\s?[-–]\s?{_NUM}{_UNIT}?"
    rf"|{_NUM}\+?{_UNIT}"
    rf"|{_NUM}\+"
    r")(?![\w])"
)


_SPLIT_CHARS = re.compile(r"[`()\[\]{}.!?]")
_NEXT_WORD = re.compile(r"\s+(\S)")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences at '. ' outside brackets and code, keeping abbreviations whole."""
    sentences: list[str] = []
    depth, in_code, start = 0, False, 0
    for match in _SPLIT_CHARS.finditer(text):  # only the characters that matter, not every character
        ch, i = match.group(), match.start()
        if ch == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and _ends_sentence(text, i):
            sentences.append(text[start : i + 1].strip())
            start = i + 1
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def _ends_sentence(text: str, i: int) -> bool:
    after = _NEXT_WORD.match(text, i + 1)
    if after is None:
        return False  # no space after the mark, or only spaces to the end
    nxt = after.group(1)
    if not (nxt.isupper() or nxt.isdigit() or nxt in "(\"“*`"):
        return False
    return not any(text.endswith(a, 0, i + 1) for a in _ABBREVIATIONS)


_PINNED_LABEL = re.compile(r"^(?P<label>[^:{}]{1,60}?)\{#(?P<pin>[A-Za-z0-9][A-Za-z0-9_.:-]*)\}:\s")


def classify(sentence: str, first: bool) -> Part:
    """One sentence → a clause when it opens with a short capitalised label and a colon, else core/sentence.

    A label may carry a pinned id (``Amazon Data Firehose{#kinesis-data-firehose}: …``): its cards keep their
    identity when the label is renamed.
    """
    pinned = _PINNED_LABEL.match(sentence)
    if pinned and pinned.group("label")[:1].isupper():  # the author marked it as a sub-term: no limit on its words
        return Part("clause", sentence[pinned.end() :].strip(), pinned.group("label").strip(), pinned.group("pin"))
    m = _LABEL.match(sentence)
    if m and "(" not in m.group("label")[:1] and m.group("label").count("(") == m.group("label").count(")"):
        return Part("clause", m.group("text").strip(), m.group("label").strip())
    return Part("core" if first else "sentence", sentence)


def split_parts(text: str, items: list[str]) -> tuple[Part, ...]:
    """The text's sentences classified, then list items."""
    parts = [classify(s, i == 0) for i, s in enumerate(split_sentences(text.replace("\n", " ")))]
    return tuple(parts) + tuple(Part("item", item) for item in items)


_OPS = re.compile(r"[+×*Σ√|^²³]| [-−/] |/\(|\)/|\d/\w|\w/\d|\w\(\w")
_LHS = re.compile(r"^[A-Za-z][\w@²³₀-₉()\-,.= ]*$")


def find_formulas(term: str, parts: tuple[Part, ...]) -> tuple[Formula, ...]:
    """Equations written "lhs = rhs", and parts that are a bare expression defining the term."""
    found: list[Formula] = []
    for index, part in enumerate(parts):
        ellipsis = part.text.endswith("...") and not part.text.endswith("....")
        body = part.text[:-1] if part.text.endswith(".") and not ellipsis else part.text  # keep "…" of "β₁x₁ + ..."
        if " = " not in body and _is_expression(body):
            found.append(Formula(_short(term), body.strip(), index))
            continue
        for lhs, rhs in _equations(body):
            found.append(Formula(lhs, rhs, index))
    return tuple(found)


def _is_expression(text: str) -> bool:
    """A bare formula such as "TP / (TP + FP)": real operators, no list commas, hardly any prose words."""
    if not _EXPRESSION.match(text) or not _OPS.search(text) or _top_level(text, ","):
        return False
    prose = [w for w in re.findall(r"[A-Za-z]+", text) if w.islower() and len(w) > 3]
    return len(text.split()) <= 12 and len(prose) <= 1


def _top_level(text: str, ch: str) -> bool:
    depth = 0
    for c in text:
        depth += (c in "([{") - (c in ")]}")
        if c == ch and depth == 0:
            return True
    return False


def _short(term: str) -> str:
    """"Mean Absolute Error (MAE)" → "MAE"; "Recall (Sensitivity)" → "Recall"; other terms unchanged."""
    m = re.fullmatch(r"(?P<name>.+?)\s*\((?P<paren>[^()]+)\)", term.strip())
    if not m:
        return term.strip()
    return m.group("paren") if re.fullmatch(r"[A-Z][A-Z0-9²-]{1,9}", m.group("paren")) else m.group("name")


def _equations(text: str) -> list[tuple[str, str]]:
    """"lhs = rhs" where lhs is a short name (not prose, not a number) and rhs is math or a number."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r" = ", text):
        lhs = _scan(text[: m.start()], backwards=True)
        rhs = _scan(text[m.end() :], backwards=False)
        words = lhs.split()
        if not lhs or not rhs or not _LHS.match(lhs) or len(words) > 2 and any(w.islower() for w in words):
            continue
        if len(words) <= 3 and (_OPS.search(rhs) or re.fullmatch(r"[-−]?\d+(?:\.\d+)?", rhs)):
            out.append((lhs, rhs))
    return out


def _scan(text: str, backwards: bool) -> str:
    """Read from the '=' outwards to the first ',', ':', ';' or '=' outside brackets.

    Going right, a comma followed by a short capitalised token continues a list inside the formula
    ("Σ (count × value) for TP, TN, FP, FN").
    """
    seq = reversed(text) if backwards else iter(text)
    opening, closing = ("([{", ")]}") if not backwards else (")]}", "([{")
    depth, taken = 0, []
    for i, ch in enumerate(seq):
        if ch in opening:
            depth += 1
        elif ch in closing:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in ",:;=":
            if ch == "," and not backwards and re.match(r",\s[A-Z]{1,4}(?=[,.]|$)", text[i:]):
                taken.append(ch)
                continue
            break
        taken.append(ch)
    return "".join(reversed(taken) if backwards else taken).strip()


def find_thresholds(parts: tuple[Part, ...]) -> tuple[Threshold, ...]:
    """Numbers with a comparator, a unit, a range or a '+', in every part."""
    found: list[Threshold] = []
    for index, part in enumerate(parts):
        if "`" in part.text:
            continue  # numbers inside code spans are identifiers, not thresholds
        for m in _THRESHOLD.finditer(f"{part.label}: {part.text}" if part.label else part.text):
            text = f"{part.label}: {part.text}" if part.label else part.text
            found.append(Threshold(text, m.group(0).strip(), index))
    return tuple(found)
