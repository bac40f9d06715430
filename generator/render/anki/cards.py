"""Which cards a definition yields: pure functions from a Fact to CardSpecs, testable without genanki.

One card asks one thing, phrased from what the term is and what the answer looks like (phrasing.py):
- the core definition → "What is X?", "What does X do?", "How do you …?" (an action), "What does the … do?" (a role);
- a labelled clause → a question about that aspect ("Use when" → "When should you use X?") or, for a sub-term
  ("Kinesis Data Streams: …"), a question about the sub-term, its parent woven in where it needs one;
- an enumeration of names with roles → one card per name, cued by its role ("Which AI service … text-to-speech?");
- numbered steps → one card for their order, one per step's content;
- a formula → "What is the formula for …?"; a sentence led by a verb ("Supports …") → "What does X support?";
- a list of parallel tips under one heading → one card asking for some of them;
- a number no other card asks for → a cloze of that number.
Other sentences make no card: they stay on the cheat sheet. Authors adjust single cards in the source (overrides.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.model import Fact
from generator.language import predicates, shapes
from generator.render.anki import groups, members
from generator.render.anki import phrasing as ph
from generator.render.anki.edits import apply_edits
from generator.language.english import Casing
from generator.render.anki.highlight import code_html
from generator.language.parts import body_of, label_of
from generator.render.anki.spec import CardSpec, aside, basic, circular, label_kind, mostly
from generator.language.topic import Topic, topic_of
from generator.text import inline_html, plain, slug

__all__ = ["CardSpec", "Context", "fact_cards", "generated_cards"]


@dataclass(frozen=True)
class Context:
    """What the cards of a fact need to know beyond the fact."""

    section_title: str = ""
    casing: Casing = Casing()
    terms: frozenset[str] = frozenset()
    """Every term of the guide (lower case, without parentheticals)."""


def fact_cards(fact: Fact, context: Context = Context()) -> list[CardSpec]:
    """Every card of one definition, in source order, with the author's edits (its ```cards block) applied."""
    return apply_edits(fact, generated_cards(fact, context))


def generated_cards(fact: Fact, context: Context = Context()) -> list[CardSpec]:
    """The cards the rules make for a definition, with its code on the most relevant card."""
    topic = topic_of(fact, context.section_title, context.casing, context.terms)
    intro = _code_intros(fact)
    parts = [i for i in range(len(fact.parts)) if i not in intro]
    if groups.is_tip_list(fact, topic, parts):
        cards = [groups.list_card(fact, topic, parts)]
    else:
        cards = groups.step_cards(fact, topic)
        done = {i for c in cards for i in c.parts}
        scoped = groups.scopes(fact, topic)
        for i in parts:
            if i not in done:
                cards += part_cards(fact, i, scoped.get(i, topic))
    cards = groups.gather_statements(fact, cards, topic)
    core = next((c for c in cards if c.anchor == "core" and c.kind == "definition"), None)
    if core is not None and len(cards) > 1 and circular(fact.term, core.answers[0]):
        cards.remove(core)  # "Feature Importance Analysis - Identify influential features": says nothing new
    if not cards:
        cards = groups.parts_card(fact, topic) or groups.items_card(fact, topic)
    if not cards and not fact.code and len(fact.text.split()) <= 45:  # nothing recognisable: ask for it whole
        cards.append(basic("core", "definition", ph.core_question(topic, fact.text), fact.text, ()))
    return _unique(_attach_code(fact, cards, intro, topic))


def part_cards(fact: Fact, i: int, topic: Topic) -> list[CardSpec]:
    """The cards of one part: a question about it, per-item cards, formula cards, or a cloze of its numbers."""
    part = fact.parts[i]
    label = label_of(part)
    body = body_of(part)
    formulas = [f for f in fact.formulas if f.part == i and shapes.is_math(f.rhs)]
    if i == 0 and part.kind == "core" and label is None:
        if formulas and mostly(formulas[0].text, body):  # the definition is its formula: still the "core" card
            return [replace(_formula(fact, formulas[0], topic, i), anchor="core", kind="definition")]
        found = shapes.enumeration(body)
        listed = groups.enumeration_cards(found, topic, i) if found else []
        led = shapes.subject_led(body)
        if not listed and led and predicates.is_name(aside(led[0])[0]) and not _is_term(led[0], fact) and topic.kind != "numbered":
            return _sentence(fact, i, topic, formulas)  # "SageMaker Pipelines automate workflows": a statement
        told = shapes.verb_led(body)
        answer = told[1] if told and ph.telling(told[0]) and topic.kind not in ("question", "numbered") else body
        return listed or [basic("core", "definition", ph.core_question(topic, body), answer, (i,))]
    core_formula = [f for f in formulas if f.part == 0 and mostly(f.rhs, body)]
    if i == 0 and part.kind == "clause" and label and label_kind(label) == "action" and shapes.is_math(body) \
            and not shapes.is_list(body, 3):  # "Apply logarithm: log(x) or log(x + 1) …": the definition's formula
        return [basic("core", "definition", ph.formula_question(topic.text, topic), f"{label}: {body}", (i,))]
    if i == 0 and part.kind == "clause" and label and core_formula and not ph.is_usage(label) \
            and (label_kind(label) == "claim" or not predicates.is_name(label) and label_kind(label) != "action"):
        return [basic("core", "definition", ph.formula_question(topic.text, topic), f"{label}: {body}", (i,))]
    if label is not None:
        return _labelled(fact, i, label, body, topic, formulas)
    return _sentence(fact, i, topic, formulas)


def _labelled(fact: Fact, i: int, label: str, body: str, topic: Topic, formulas: list) -> list[CardSpec]:
    anchor = _clause_anchor(fact, i)
    question: str | None
    usage = ph.is_usage(label, topic.kind in ("collection", "generic"))
    kind = "usage" if usage else label_kind(label)
    listed = shapes.steps(body)
    if listed:
        return [groups.steps_card(anchor, listed, topic, (i,), label)] if len(listed) <= groups.MAX_STEPS else []
    if usage:
        question = ph.usage_question(label, topic, body)
    elif topic.head.endswith("scenario"):
        question = members.scenario_question(label)
    elif label.split(" ")[0].lower() in ("for", "with", "in", "on", "during", "after", "before"):
        question = members.qualifier_question(label, topic)
    elif kind == "action":
        question = members.action_question(label, topic, body)
    elif kind == "claim":
        question = members.claim_question(label, body, topic)
    else:
        reverse = members.reverse_question(label, body, topic)
        if reverse and not shapes.enumeration(body):
            return [basic(anchor, "reverse", reverse, label, (i,))]
        question = members.member_question(label, body, topic)
    found = shapes.enumeration(body, label)
    if question is None and not (found and found.cues):
        return []  # no question a teacher would ask: the cheat sheet keeps it
    if found and found.cues and kind in ("usage", "member"):
        return groups.enumeration_cards(found, topic, i, label)
    if found and len(found.items) >= 4:  # details that cannot cue their names: the names answer the question
        return [basic(anchor, "clause", question or "", ", ".join(n for n, _ in found.items), (i,))]
    if (kind == "usage" or not predicates.is_name(label)) and circular(label if kind != "usage" else topic.text, body):
        return []  # "Random model: random predictions" teaches nothing
    return [basic(anchor, "clause", question or "", body, (i,))]


def _sentence(fact: Fact, i: int, topic: Topic, formulas: list) -> list[CardSpec]:
    text = fact.parts[i].text
    anchor = f"sentence-{slug(' '.join(text.split()[:3]))}"
    if formulas:
        return [_formula(fact, f, topic, i) for f in formulas]
    found = shapes.enumeration(text)
    listed = groups.enumeration_cards(found, topic, i) if found else []
    if listed:
        return listed
    use = shapes.use_led(text)
    if use and use[0].startswith(("Apply", "Implement")):
        return []  # "Apply using FeatureHasher": a library's class name, not something to learn by heart
    if use:
        question = ph.usage_question(use[0].replace("Used", "Use"), topic, use[1])
        return [basic(anchor, "clause", question, use[1], (i,))]
    told = shapes.verb_led(text)
    if told and ph.telling(told[0]):
        return [basic(anchor, "clause", ph.verb_question(told[0], topic), told[1], (i,))]
    described = shapes.adjective_led(text)
    if described:
        return [basic(anchor, "clause", ph.adjective_question(described[0], topic), described[1], (i,))]
    led = shapes.subject_led(text)
    if led and not _is_term(led[0], fact):
        subject, said = aside(led[0])
        if said and re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,8}", subject):  # "PCA (Principal Component Analysis)"
            subject, said = led[0], ""
        answer = f"{led[2]} ({said})" if said else led[2]
        of = f" in {topic.ref}" if " " not in subject or not predicates.is_name(subject) else ""
        if ph.telling(led[1]) or len(led[2].split()) >= 4:
            return [basic(anchor, "clause", ph.verb_question(led[1], subject).replace("?", f"{of}?"), answer, (i,))]
    return []  # other sentences stay on the cheat sheet: no rule asks them well


def _formula(fact: Fact, formula: object, topic: Topic, i: int) -> CardSpec:
    lhs, rhs = getattr(formula, "lhs"), getattr(formula, "rhs")
    question = ph.formula_question(lhs, topic)
    return basic(f"formula-{slug(lhs)}", "formula", question, f"{lhs} = {rhs}", (i,))


def _clause_anchor(fact: Fact, i: int) -> str:
    part = fact.parts[i]
    if part.pin:
        return f"clause-{part.pin}"
    label = slug(label_of(part) or "")
    if part.kind == "clause":
        same = [p for p in fact.parts[:i] if p.kind == "clause" and slug(p.label or "") == label]
        return f"clause-{label}" + (f"-{len(same) + 1}" if same else "")
    ordinal = sum(1 for p in fact.parts[:i] if p.kind == part.kind) + 1
    return f"{part.kind}-{ordinal}"


def _is_term(subject: str, fact: Fact) -> bool:
    low = subject.lower()
    term = plain(fact.term).lower()
    return low in term or term in low or low.startswith(("it ", "this ", "these "))


def _unique(cards: list[CardSpec]) -> list[CardSpec]:
    """One card per anchor and per question: the first wins (a repeated question would be two answers)."""
    seen: set[str] = set()
    fronts: set[str] = set()
    out: list[CardSpec] = []
    for card in cards:
        if card.anchor in seen or card.front in fronts:
            continue
        seen.add(card.anchor)
        fronts.add(card.front)
        out.append(card)
    return out


def _code_intros(fact: Fact) -> set[int]:
    """Short sentences that only introduce the code below ("Configuration:", "Example:")."""
    if not fact.code:
        return set()
    return {i for i, p in enumerate(fact.parts) if p.kind == "sentence" and p.text.endswith(":") and len(p.text.split()) <= 5}


def _attach_code(fact: Fact, cards: list[CardSpec], intro: set[int], topic: Topic) -> list[CardSpec]:
    """Put the fact's code (with the sentences introducing it) on its definition card, else on its first card."""
    if not fact.code:
        return cards
    caption = " ".join(fact.parts[i].text for i in sorted(intro))
    html = code_html(fact.code, caption)
    if not cards:
        question = f"What does {topic.named} look like in code?"
        return [CardSpec("code", "definition", question, inline_html(caption), (plain(caption),), tuple(intro), html)]
    target = next((c for c in cards if c.kind == "definition"), next((c for c in cards if c.model == "basic"), cards[0]))
    moved = replace(target, parts=target.parts + tuple(sorted(intro)), code=html)
    return [moved if c is target else c for c in cards]
