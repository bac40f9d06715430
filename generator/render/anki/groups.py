"""Cards for parts that belong together: an enumeration's items, numbered steps, a heading's list of tips, short
statements that complete a definition, and advice that speaks of the sub-term before it."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Fact
from generator.language import predicates, shapes
from generator.render.anki import lists
from generator.render.anki import phrasing as ph
from generator.language.english import capitalize_first, is_plural, lower_first, singular
from generator.language.parts import STEP, body_of, label_of, step_of
from generator.render.anki.spec import CardSpec, basic, label_kind, part_text
from generator.language.topic import TIP_SECTIONS, Topic
from generator.text import inline_html, plain, slug


def gather_statements(fact: Fact, cards: list[CardSpec], topic: Topic) -> list[CardSpec]:
    """Short plain sentences no card asks, under a definition of plain sentences only, join its definition card:
    "Data Availability - Sufficient labeled examples. Labels are accurate. …" is one group to recall, and asking the
    first sentence alone would teach a quarter of it."""
    core = next((c for c in cards if c.anchor == "core" and c.kind == "definition"), None)
    asked = {i for c in cards for i in c.parts}
    rest = [i for i, p in enumerate(fact.parts) if i not in asked and p.kind == "sentence"]
    if core is None or len(rest) < 2 or any(p.kind not in ("core", "sentence") for p in fact.parts):
        return cards  # one more sentence is a detail, not a checklist
    points = [core.answers[0]] + [shapes.strip_end(fact.parts[i].text) for i in rest]
    if len(points) > 5 or any(len(p.split()) > 14 for p in points[1:]) or sum(len(p.split()) for p in points) > 45:
        return cards
    back = "<ul>" + "".join(f"<li>{inline_html(capitalize_first(p))}</li>" for p in points) + "</ul>"
    answer = "; ".join(plain(capitalize_first(p)) for p in points)
    question = lists.points_question(topic, len(points))  # says that a list is asked, not one definition
    merged = replace(core, front=question, back=back, answers=(answer,), parts=core.parts + tuple(rest), kind="list")
    return [merged if c is core else c for c in cards]


def enumeration_cards(found: shapes.Enumeration, topic: Topic, i: int, label: str = "") -> list[CardSpec]:
    """Names with roles: one card per name cued by its role (the direction the exam asks), one per name for typical
    values, or, when the details cannot cue the names but the text says what they are ("Storage classes: …"), one
    card asking for some of the names. [] when none of these fits."""
    if found.cues == "role":
        written = found.category if found.category and (found.category != label or is_plural(label)) else ""
        kind_of = category(written, topic)
        return [basic(f"item-{slug(name)}", "reverse", lists.enumeration_question(kind_of, name, role), name, (i,))
                for name, role in found.items if not _names_itself(name, role)]
    if found.cues == "value":
        return [basic(f"value-{slug(name)}", "clause", lists.value_question(name, topic), role, (i,))
                for name, role in found.items]
    written = found.category or label
    if not written or len(found.items) < 4:
        return []
    names = ", ".join(name for name, _ in found.items)
    plural_name = lower_first(written)
    return [basic(names_anchor(label), "list", lists.names_question(plural_name, topic, len(found.items)), names, (i,))]


def _names_itself(name: str, role: str) -> bool:
    """A role that gives its name away: "Document clustering (organize similar documents)"."""
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", name)}
    return any(w.lower()[:5] in stems for w in re.findall(r"[A-Za-z]{4,}", role))


def names_anchor(label: str) -> str:
    return f"clause-{slug(label)}" if label else "names"


def category(written: str, topic: Topic) -> str:
    """What the items of an enumeration are, singular and specific ("Services" under "AI Services" → "AI service")."""
    words = written.split()
    if not words:
        return f"part of {topic.text}" if topic.kind != "collection" else topic.head
    words = topic.casing.lower(written).split()
    noun = singular(words[-1].lower())
    head = [w for w in words[:-1] if w.lower() not in ("additional", "other", "key", "main", "common")]
    if not head:
        for phrase in [re.sub(r"\([^)]*\)|^.*:\s*", "", topic.text), *re.findall(r"\(([^)]*)\)", topic.text)]:
            term_words = phrase.split()
            if term_words and singular(term_words[-1].lower()) == noun:  # "Services" under "AI Services"
                return " ".join(term_words[:-1] + [noun])
        return f"{noun} of {topic.text}" if topic.kind == "concept" else noun
    return " ".join(head + [noun])


MAX_STEPS = 6
"""Longer sequences are not recalled in one go: their steps are asked one by one."""


def step_cards(fact: Fact, topic: Topic) -> list[CardSpec]:
    """Numbered steps written as sentences "(1) …", "(2) …": their order, and what each involves."""
    found = [i for i, p in enumerate(fact.parts) if step_of(p) is not None]
    if len(found) < 3:
        return []
    texts = [fact.parts[i].text[STEP.match(fact.parts[i].text).end() :] for i in found]  # type: ignore[union-attr]
    cards = [steps_card("steps", texts, topic, tuple(found))] if len(texts) <= MAX_STEPS else []
    if whole(texts):
        return cards  # short steps are recalled whole, in order: no card per step
    for i, text in zip(found, texts):
        name = shapes.step_name(text)
        detail = text[len(name) :].lstrip(":,-–— ").strip()
        if name and len(detail.split()) >= 3:
            cards.append(basic(f"step-{slug(name)}", "clause", lists.step_question(name, topic), detail, (i,)))
    return cards


def whole(steps: list[str]) -> bool:
    """Steps short enough to show whole on the order card (at most 40 words in all, 9 each)."""
    return sum(len(s.split()) for s in steps) <= 40 and all(len(s.split()) <= 9 for s in steps)


def steps_card(anchor: str, steps: list[str], topic: Topic, parts: tuple[int, ...], label: str = "") -> CardSpec:
    names = [shapes.strip_end(s) if whole(steps) else shapes.step_name(s) or shapes.strip_end(s) for s in steps]
    subject = topic if not label or label.lower() in ("algorithm", "workflow", "process", "steps") else Topic(
        f"{label.lower()} ({topic.text})", "concept", topic.scope)
    back = "<ol>" + "".join(f"<li>{inline_html(n)}</li>" for n in names) + "</ol>"
    question = lists.steps_question(subject, len(names))
    anchor = anchor if anchor == "steps" else f"steps-{anchor}"
    return CardSpec(anchor, "steps", question, back, (" → ".join(plain(n) for n in names),), parts)


def is_tip_list(fact: Fact, topic: Topic, parts: list[int]) -> bool:
    """A heading over parallel points (tips, reasons, conditions) rather than a concept with a definition.

    A question-shaped heading ("When NOT to Use ML", "Why Monitor") always is one; a heading of tips, practices or
    pitfalls (by its words or its section's) is one when its points are short and none is usage advice ("Use when").
    """
    texts = [fact.parts[i] for i in parts]
    cautions = ("be careful with", "caution", "note", "avoid")
    usage = any(p.kind == "clause" and ph.is_usage(p.label or "") and (p.label or "").lower() not in cautions
                for p in texts)
    if topic.kind == "question":
        return not usage and (len(texts) >= 3 or len(texts) == 1 and shapes.is_list(texts[0].text, 3))
    tips = bool(TIP_SECTIONS.search(topic.scope) or TIP_SECTIONS.search(topic.text)) or topic.kind == "action"
    if not tips or usage or len(texts) < 3:
        return False
    members = sum(1 for p in texts if p.kind == "clause" and label_kind(p.label or "") == "member")
    short = all(len(body_of(p).split()) <= 18 for p in texts)
    return short and members * 2 <= len(texts)  # mostly plain advice, not a set of named sub-terms


def list_card(fact: Fact, topic: Topic, parts: list[int]) -> CardSpec:
    chosen = [fact.parts[i] for i in parts]
    points = [shapes.strip_end(part_text(p)) for p in chosen]
    if len(points) == 1:
        points = shapes.items_of(points[0])
    noun = "reasons" if topic.text.lower().startswith("why") else (
        "best practices" if "practice" in (topic.scope + topic.text).lower() else "points")
    if sum(len(p.split()) for p in points) > 45:  # a list to recall, not to read: details stay on the sheet
        points = [re.sub(r"\s*\([^()]*\)", "", p) for p in points]
    if sum(len(p.split()) for p in points) > 45 and all(p.kind == "clause" for p in chosen):
        points = [shapes.strip_end(p.label or "") for p in chosen]
    back = "<ul>" + "".join(f"<li>{inline_html(capitalize_first(p))}</li>" for p in points) + "</ul>"
    answer = "; ".join(plain(capitalize_first(p)) for p in points)
    return CardSpec("list", "list", lists.list_question(topic, len(points), noun), back, (answer,), tuple(parts))


def scopes(fact: Fact, topic: Topic) -> dict[int, Topic]:
    """Parts that speak of the sub-term just before them rather than of the term.

    Advice after a sub-term ("Listwise deletion: … Use only when: …") when the same advice recurs or more sub-terms
    follow; and, in a collection ("Imputation Strategies"), plain sentences after a sub-term ("Creates artificial
    peak …" is said of "Mean/Median/Mode imputation").
    """
    scopes: dict[int, Topic] = {}
    collection = topic.kind in ("collection", "generic")
    labels = [label_of(p) if p.kind == "clause" else None for p in fact.parts]
    last: str | None = None
    for i, part in enumerate(fact.parts):
        label = labels[i]
        if label is not None and not ph.is_usage(label, collection) and label_kind(label) == "member":
            last = label if predicates.is_name(label, topic.casing) else label[:1].lower() + label[1:]
            continue
        if last is None:
            continue
        later_member = any(lab and not ph.is_usage(lab, collection) and label_kind(lab) == "member"
                           for lab in labels[i + 1 :])
        if label is not None and ph.is_usage(label, collection) and (later_member or labels.count(label) > 1):
            scopes[i] = member_topic(last, topic)
        elif label is None and topic.kind == "collection" and part.kind == "sentence":
            scopes[i] = member_topic(last, topic)
    return scopes


def member_topic(member: str, parent: Topic) -> Topic:
    """A sub-term as the subject of the advice after it: "S3" in "Encryption at Rest" → "S3 (encryption at rest)"."""
    shared = {w.lower() for w in re.findall(r"\w+", member)} & {w.lower() for w in re.findall(r"\w+", parent.text)}
    text = member if shared or parent.kind in ("collection", "generic") else f"{member} ({parent.text})"
    return Topic(text, "concept", parent.scope, casing=parent.casing, terms=parent.terms)


def parts_card(fact: Fact, topic: Topic) -> list[CardSpec]:
    """A definition made only of sub-terms no single card asks well ("Ingestion Layer - Batch ingestion: …, Real-time
    ingestion: …"): one card asking for some of its parts."""
    labelled = [p for p in fact.parts if label_of(p)]
    if len(labelled) < 2 or len(labelled) * 2 < len(fact.parts):
        return []
    points = [shapes.strip_end(part_text(p)) for p in labelled]
    if sum(len(p.split()) for p in points) > 45 or _named_roles("; ".join(points)) >= 4:
        points = [shapes.strip_end(label_of(p) or "") for p in labelled]
    back = "<ul>" + "".join(f"<li>{inline_html(capitalize_first(p))}</li>" for p in points) + "</ul>"
    answer = "; ".join(plain(capitalize_first(p)) for p in points)
    return [CardSpec("parts", "list", lists.parts_question(topic, len(points)), back, (answer,),
                     tuple(range(len(fact.parts))))]


def items_card(fact: Fact, topic: Topic) -> list[CardSpec]:
    """A definition whose text is a list ("**Node Prerequisites**:" and bullets) that no other card asks: some of its
    items, each shortened to its lead when the whole list is too long to recall."""
    items = [p for p in fact.parts if p.kind == "item" and not p.text.startswith(" ")]
    if len(items) < 2:
        return []
    points = [shapes.strip_end(p.text) for p in items]
    if sum(len(p.split()) for p in points) > 45:
        points = [re.sub(r"\s*\([^()]*\)", "", p) for p in points]
    if sum(len(p.split()) for p in points) > 45:
        points = [re.split(r":\s|\s[-–—]\s|,\s|;\s", p, maxsplit=1)[0] for p in points]
    if len(points) > 8 or sum(len(p.split()) for p in points) > 45:
        return []
    back = "<ul>" + "".join(f"<li>{inline_html(capitalize_first(p))}</li>" for p in points) + "</ul>"
    answer = "; ".join(plain(capitalize_first(p)) for p in points)
    question = lists.names_of(topic, len(points)) if topic.plural else lists.parts_question(topic, len(points))
    return [CardSpec("items", "list", question, back, (answer,),
                     tuple(i for i, p in enumerate(fact.parts) if p.kind == "item"))]


def _named_roles(text: str) -> int:
    """How many "Name (role)" items a text lists (four or more make a card one should split)."""
    return len(re.findall(r"\b[\w/-]+ \([^()]{2,60}\)", text))
