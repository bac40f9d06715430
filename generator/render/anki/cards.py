"""Which cards a definition yields: pure functions from a Fact to CardSpecs, testable without genanki.

One card asks one thing (minimum information principle):
- the core definition → "What is X?" (or the term's own question for "When to …" terms);
- each labelled clause → a question phrased from its label (anki_phrasing);
- formulas and numeric thresholds → one cloze note per part, one deletion per number or right-hand side;
- other sentences → a cloze of their subject ("[…] prevents overfitting", "[…] for serverless ETL") when they have one,
  else a reverse card that asks for the term from the property.
A bold phrase heading a list of tips ("Cost Optimization", "When NOT to Use ML") is not asked as "What is …?": its
statements become cards of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.model import Fact, Part
from generator.render.anki import cloze as cz
from generator.render.anki import phrasing as ph
from generator.render.anki.highlight import code_html
from generator.render.anki.parts import STEP, body_of, display_term, escape, label_of, mask_term, names, step_of
from generator.text import inline_html, plain, slug

_TIP_WORDS = re.compile(r"\b(tips?|practices?|checklist|pitfalls?|key concepts|breakdown|review)\b", re.I)
_ADMONITION = ("never ", "always ", "avoid ", "don't ", "do not ")


@dataclass(frozen=True)
class CardSpec:
    """One note a fact yields, before deck, context, tags and identity are added."""

    anchor: str
    """Which part it comes from, stable under edits of the text: "core", "clause-use-when", "sentence-2", "item-1"."""
    kind: str
    """definition | clause | reverse | cloze."""
    front: str
    """Question HTML (Basic) or the cloze Text (Cloze)."""
    back: str
    """Answer HTML (Basic) or Back Extra (Cloze)."""
    answers: tuple[str, ...]
    """Plain answer texts: the Back, or each deletion."""
    parts: tuple[int, ...]
    """Indexes of the fact's parts whose content this card carries."""
    code: str = field(default="")

    @property
    def model(self) -> str:
        """"cloze" or "basic"."""
        return "cloze" if self.kind == "cloze" else "basic"


def fact_cards(fact: Fact, section_title: str = "") -> list[CardSpec]:
    """Every card of one definition, in source order, with its code on the most relevant card."""
    term = f"<b>{inline_html(display_term(fact.term))}</b>"
    tip = is_tip_head(fact, section_title)
    listing = bool(_TIP_WORDS.search(plain(fact.term)) or _TIP_WORDS.search(section_title))
    scopes = clause_scopes(fact)
    intro = _code_intros(fact)
    cards: list[CardSpec] = []
    for i, part in enumerate(fact.parts):
        if i not in intro:
            anchor = anchor_of(fact, i, section_title)
            cards += part_cards(fact, i, anchor, term, (tip, listing), scopes.get(i, term))
    if not cards and not fact.code:  # nothing parsed out of the text: still ask for it whole
        question = ph.core_question(f"<b>{inline_html(fact.term)}</b>")
        cards.append(CardSpec("core", "definition", question, inline_html(fact.text), _words(fact.text), ()))
    return _attach_code(fact, cards, intro, term)


def part_cards(fact: Fact, i: int, anchor: str, term: str, flags: tuple[bool, bool], scope: str) -> list[CardSpec]:
    """The cards of one part: its question card and/or its cloze note (``flags``: tip head, list of tips)."""
    part = fact.parts[i]
    tip, listing = flags
    text = _cloze_source(fact, i)
    formulas = cz.formula_spans_in(fact, i, text)
    statement = is_statement(fact, i, tip)
    tips = _tip_spans(fact, part, tip or listing) if statement else []
    spans = cz.merge(formulas, cz.threshold_spans_in(fact, i, text), _shift(tips, text, part.text))
    cards: list[CardSpec] = []
    covered = sum(b - a for a, b in formulas) >= 0.5 * len(text.rstrip("."))
    if statement and not tips and not covered:
        cards.append(_reverse(fact, i, anchor, tip or listing))
    elif not statement and not covered:
        cards.append(_question(fact, i, anchor, term, scope, listing))
    if spans:
        cards.append(_cloze(fact, i, anchor, term, text, spans))
    return cards


def anchor_of(fact: Fact, i: int, section_title: str = "") -> str:
    """A part's identity within its fact: by kind and label or ordinal, never by its text."""
    part = fact.parts[i]
    if i == 0 and is_core_like(fact, section_title):
        return "core"
    if step_of(part) is not None:
        return f"step-{step_of(part)}"
    if part.kind == "clause":
        label = slug(part.label or "")
        same = [p for p in fact.parts[:i] if p.kind == "clause" and slug(p.label or "") == label]
        return f"clause-{label}" + (f"-{len(same) + 1}" if same else "")
    ordinal = sum(1 for p in fact.parts[:i] if p.kind == part.kind) + 1
    return f"{part.kind}-{ordinal}"


def is_core_like(fact: Fact, section_title: str = "") -> bool:
    """Whether the first part defines the term: a core, or a clause with an action label ("Uses median and IQR: …")."""
    first = fact.parts[0] if fact.parts else None
    if first is None or first.kind not in ("core", "clause") or step_of(first) is not None:
        return False
    if first.kind == "core":
        return label_of(first) is None
    listing = _TIP_WORDS.search(plain(fact.term)) or _TIP_WORDS.search(section_title)
    kind = ph.label_kind(first.label or "")
    if listing or kind not in ("action", "open", "claim"):
        return False
    # An action that opens a list of actions ("Create baseline:", "Schedule monitoring:", …) is its first item.
    others = [ph.label_kind(p.label or "") for p in fact.parts[1:] if p.kind == "clause"]
    return kind != "action" or not any(k in ("action", "claim") for k in others)


def is_tip_head(fact: Fact, section_title: str) -> bool:
    """A bold phrase that heads a list of tips or facts rather than naming a concept."""
    if not is_core_like(fact, section_title) or fact.parts[0].kind != "core":
        return False
    plain_term, core = plain(fact.term), fact.parts[0].text
    if ph.term_is_question(plain_term):
        return len(fact.sentences) > 0
    if _TIP_WORDS.search(plain_term) or _TIP_WORDS.search(section_title):
        return True
    return core.lower().startswith(_ADMONITION)


def is_statement(fact: Fact, i: int, tip: bool) -> bool:
    """Parts asked as "which term?"/subject cloze rather than by a question about the term."""
    part = fact.parts[i]
    if step_of(part) is not None:
        return False
    if part.kind in ("sentence", "item"):
        return label_of(part) is None
    return part.kind == "core" and tip and label_of(part) is None


def clause_scopes(fact: Fact) -> dict[int, str]:
    """Category clauses between sub-term clauses apply to the sub-term before them (Comprehend → "Use for: …")."""
    collection = ph.is_collection(plain(fact.term))
    clauses = [i for i, p in enumerate(fact.parts) if p.kind == "clause"]
    kinds = [ph.label_kind(fact.parts[i].label or "", collection) for i in clauses]
    labels = [fact.parts[i].label for i in clauses]
    scopes: dict[int, str] = {}
    for n, i in enumerate(clauses):
        if kinds[n] != "category" or n == 0 or kinds[n - 1] != "member":
            continue
        sandwiched = n + 1 < len(clauses) and kinds[n + 1] == "member"
        if sandwiched or labels.count(labels[n]) > 1:
            scopes[i] = f"<b>{escape(labels[n - 1] or '')}</b>"
    return scopes


def _question(fact: Fact, i: int, anchor: str, term: str, scope: str, listing: bool = False) -> CardSpec:
    """A Basic card asking about the term: its definition, a clause or a labelled list item."""
    part = fact.parts[i]
    if step_of(part) is not None:
        answer = part.text[STEP.match(part.text).end() :]  # type: ignore[union-attr]
        question = f"{term}: what is step {step_of(part)}?"
        return CardSpec(anchor, "clause", question, inline_html(answer), _words(answer), (i,))
    if anchor == "core":
        answer = cz.shown(part)
        question = ph.core_question(f"<b>{inline_html(fact.term)}</b>")
        return CardSpec(anchor, "definition", question, inline_html(answer), _words(answer), (i,))
    label, body = label_of(part) or "", body_of(part)
    collection = ph.is_collection(plain(fact.term)) or part.kind != "clause"
    question = ph.clause_question(label, scope, term, collection, listing)
    if part.kind == "item":
        question = f"{term}: what belongs under “{escape(label)}”?"
    return CardSpec(anchor, "clause", question, inline_html(body), _words(body), (i,))


def _reverse(fact: Fact, i: int, anchor: str, tip: bool) -> CardSpec:
    """A Basic card asking for the term from one of its statements (the term masked in the statement)."""
    statement = mask_term(inline_html(fact.parts[i].text), fact.term)
    answer = inline_html(fact.term)
    return CardSpec(anchor, "reverse", ph.reverse_question(statement, tip), answer, _words(fact.term), (i,))


def _cloze(fact: Fact, i: int, anchor: str, term: str, text: str, spans: list[cz.Span]) -> CardSpec:
    """One cloze note for a part: every formula, threshold and tip subject in it is a deletion."""
    html, answers = cz.cloze_html(text, spans)
    if not any(plain(text).lower().startswith(n.lower()) for n in names(fact.term)):
        html = f"{term} — {html}"
    return CardSpec(f"cloze-{anchor}", "cloze", html, "", answers, (i,))


def _cloze_source(fact: Fact, i: int) -> str:
    """The Markdown a cloze of part i shows; a bare expression gets its left-hand side ("Precision = …")."""
    text = cz.shown(fact.parts[i])
    if fact.parts[i].label:
        return text
    for formula in fact.formulas:
        if formula.part == i and f"{formula.lhs} = " not in text and cz.is_math(formula.rhs):
            return text.replace(formula.rhs, f"{formula.lhs} = {formula.rhs}", 1)
    return text


def _shift(spans: list[cz.Span], text: str, inner: str) -> list[cz.Span]:
    """Move spans found in a part's text to where that text sits in the cloze source."""
    offset = text.find(inner)
    return [(a + offset, b + offset) for a, b in spans] if offset >= 0 else []


def _tip_spans(fact: Fact, part: Part, tip: bool) -> list[cz.Span]:
    """Subject spans of a statement, unless the hidden subject is the term itself (the card would answer itself)."""
    spans = cz.tip_spans(part.text, tip)
    own = {n.lower() for n in names(fact.term)}
    return [s for s in spans if plain(part.text[s[0] : s[1]]).strip().lower() not in own]


def _code_intros(fact: Fact) -> set[int]:
    """Short sentences that only introduce the code below ("Configuration:", "Example:")."""
    if not fact.code:
        return set()
    return {i for i, p in enumerate(fact.parts) if p.kind == "sentence" and p.text.endswith(":") and len(p.text.split()) <= 5}


def _attach_code(fact: Fact, cards: list[CardSpec], intro: set[int], term: str) -> list[CardSpec]:
    """Put the fact's code (with the sentences introducing it) on its definition card, else on its first card."""
    if not fact.code:
        return cards
    caption = " ".join(fact.parts[i].text for i in sorted(intro))
    html = code_html(fact.code, caption)
    if not cards:
        back = inline_html(caption) if caption else ""
        return [CardSpec("code", "definition", f"What does {term} look like?", back, _words(caption), tuple(intro), html)]
    target = next((c for c in cards if c.kind == "definition"), next((c for c in cards if c.model == "basic"), cards[0]))
    moved = replace(target, parts=target.parts + tuple(sorted(intro)), code=html)
    return [moved if c is target else c for c in cards]


def _words(markdown: str) -> tuple[str, ...]:
    return (plain(markdown).strip(),)
