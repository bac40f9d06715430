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
from dataclasses import dataclass, field, replace

from generator.model import Fact, Part
from generator.render.anki import cloze as cz
from generator.render.anki import phrasing as ph
from generator.render.anki import shapes
from generator.render.anki.edits import apply_edits
from generator.render.anki.english import BASE_VERBS, VERBS, Casing, capitalize_first, is_plural, lower_first, singular
from generator.render.anki.highlight import code_html
from generator.render.anki.parts import STEP, body_of, label_of, step_of
from generator.render.anki.topic import TIP_SECTIONS, Topic, topic_of
from generator.text import inline_html, plain, slug


@dataclass(frozen=True)
class CardSpec:
    """One note a fact yields, before deck, context, tags and identity are added."""

    anchor: str
    """Which part it comes from, stable under edits of the text: "core", "clause-use-when", "item-polly"."""
    kind: str
    """definition | clause | formula | reverse | steps | list | cloze | manual."""
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
    if _is_tip_list(fact, topic, parts):
        cards = [_list_card(fact, topic, parts)]
    else:
        cards = _step_cards(fact, topic)
        done = {i for c in cards for i in c.parts}
        scopes = _scopes(fact, topic)
        for i in parts:
            if i not in done:
                cards += part_cards(fact, i, scopes.get(i, topic))
    cards = _gather_statements(fact, cards)
    if not cards and not fact.code:  # nothing recognisable: still ask for the definition whole
        cards.append(_basic("core", "definition", ph.core_question(topic, fact.text), fact.text, ()))
    return _unique(_attach_code(fact, cards, intro, topic))


def _gather_statements(fact: Fact, cards: list[CardSpec]) -> list[CardSpec]:
    """Short plain sentences no card asks, under a definition of plain sentences only, join its definition card:
    "Data Availability - Sufficient labeled examples. Labels are accurate. …" is one group to recall, and asking the
    first sentence alone would teach a quarter of it."""
    core = next((c for c in cards if c.anchor == "core" and c.kind == "definition"), None)
    asked = {i for c in cards for i in c.parts}
    rest = [i for i, p in enumerate(fact.parts) if i not in asked and p.kind == "sentence"]
    if core is None or not rest or any(p.kind not in ("core", "sentence") for p in fact.parts):
        return cards
    points = [core.answers[0]] + [shapes.strip_end(fact.parts[i].text) for i in rest]
    if len(points) > 5 or any(len(p.split()) > 14 for p in points[1:]) or sum(len(p.split()) for p in points) > 45:
        return cards
    back = "<ul>" + "".join(f"<li>{inline_html(capitalize_first(p))}</li>" for p in points) + "</ul>"
    answer = "; ".join(plain(capitalize_first(p)) for p in points)
    merged = replace(core, back=back, answers=(answer,), parts=core.parts + tuple(rest))
    return [merged if c is core else c for c in cards]


def part_cards(fact: Fact, i: int, topic: Topic) -> list[CardSpec]:
    """The cards of one part: a question about it, per-item cards, formula cards, or a cloze of its numbers."""
    part = fact.parts[i]
    label = label_of(part)
    body = body_of(part)
    formulas = [f for f in fact.formulas if f.part == i and cz.is_math(f.rhs)]
    if i == 0 and part.kind == "core" and label is None:
        if formulas and _mostly(formulas[0].text, body):  # the definition is its formula: still the "core" card
            return [replace(_formula(fact, formulas[0], topic, i), anchor="core", kind="definition")]
        found = shapes.enumeration(body)
        listed = _enumeration(found, topic, i) if found else []
        led = shapes.subject_led(body)
        if not listed and led and ph.is_name(_aside(led[0])[0]) and not _is_term(led[0], fact) and topic.kind != "numbered":
            return _sentence(fact, i, topic, formulas)  # "SageMaker Pipelines automate workflows": a statement
        told = shapes.verb_led(body)
        answer = told[1] if told and ph.telling(told[0]) and topic.kind not in ("question", "numbered") else body
        return listed or [_basic("core", "definition", ph.core_question(topic, body), answer, (i,))]
    core_formula = [f for f in formulas if f.part == 0 and _mostly(f.rhs, body)]
    if i == 0 and part.kind == "clause" and label and core_formula and not ph.is_usage(label) \
            and (_label_kind(label) == "claim" or not ph.is_name(label) and _label_kind(label) != "action"):
        return [_basic("core", "definition", ph.formula_question(topic.text, topic), f"{label}: {body}", (i,))]
    if label is not None:
        return _labelled(fact, i, label, body, topic, formulas)
    return _sentence(fact, i, topic, formulas)


def _labelled(fact: Fact, i: int, label: str, body: str, topic: Topic, formulas: list) -> list[CardSpec]:
    anchor = _clause_anchor(fact, i)
    usage = ph.is_usage(label, topic.kind in ("collection", "generic"))
    kind = "usage" if usage else _label_kind(label)
    listed = shapes.steps(body)
    if listed:
        return [_steps_card(anchor, listed, topic, (i,), label)]
    if usage:
        question = ph.usage_question(label, topic, body)
    elif topic.head.endswith("scenario"):
        question = ph.scenario_question(label)
    elif label.split(" ")[0].lower() in ("for", "with", "in", "on", "during", "after", "before"):
        question = ph.qualifier_question(label, topic)
    elif kind == "action":
        question = ph.action_question(label, topic, body)
    elif kind == "claim":
        question = ph.claim_question(label, body, topic)
    else:
        question = ph.member_question(label, body, topic)
    found = shapes.enumeration(body, label)
    if found and found.cues and kind in ("usage", "member"):
        return _enumeration(found, topic, i, label)
    if found and len(found.items) >= 4:  # details that cannot cue their names: the names answer the question
        return [_basic(anchor, "clause", question, ", ".join(n for n, _ in found.items), (i,))]
    if (kind == "usage" or not ph.is_name(label)) and circular(label if kind != "usage" else topic.text, body):
        return []  # "Random model: random predictions" teaches nothing
    return [_basic(anchor, "clause", question, body, (i,))]


def circular(subject: str, answer: str) -> bool:
    """A short answer that repeats a word of what it answers ("Temporal features" → "temporal patterns exist")."""
    said = {w.lower()[:6] for w in re.findall(r"[A-Za-z]{5,}", subject)}
    words = answer.split()
    return len(words) <= 4 and any(w.lower()[:6] in said for w in re.findall(r"[A-Za-z]{5,}", answer))


def _sentence(fact: Fact, i: int, topic: Topic, formulas: list) -> list[CardSpec]:
    text = fact.parts[i].text
    anchor = f"sentence-{slug(' '.join(text.split()[:3]))}"
    if formulas:
        return [_formula(fact, f, topic, i) for f in formulas]
    found = shapes.enumeration(text)
    listed = _enumeration(found, topic, i) if found else []
    if listed:
        return listed
    use = shapes.use_led(text)
    if use and use[0].startswith(("Apply", "Implement")):
        return []  # "Apply using FeatureHasher": a library's class name, not something to learn by heart
    if use:
        question = ph.usage_question(use[0].replace("Used", "Use"), topic, use[1])
        return [_basic(anchor, "clause", question, use[1], (i,))]
    told = shapes.verb_led(text)
    if told and ph.telling(told[0]):
        return [_basic(anchor, "clause", ph.verb_question(told[0], topic), told[1], (i,))]
    described = shapes.adjective_led(text)
    if described:
        return [_basic(anchor, "clause", ph.adjective_question(described[0], topic), described[1], (i,))]
    led = shapes.subject_led(text)
    if led and not _is_term(led[0], fact):
        subject, aside = _aside(led[0])
        if aside and re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,8}", subject):  # "PCA (Principal Component Analysis)"
            subject, aside = led[0], ""
        answer = f"{led[2]} ({aside})" if aside else led[2]
        of = f" in {topic.ref}"
        if ph.telling(led[1]) or len(led[2].split()) >= 4:
            return [_basic(anchor, "clause", ph.verb_question(led[1], subject).replace("?", f"{of}?"), answer, (i,))]
    return []  # other sentences stay on the cheat sheet: no rule asks them well


def _number_cloze(fact: Fact, i: int, topic: Topic) -> list[CardSpec]:
    """A cloze of the numbers in a part that no question asks for; none when a number would give itself away."""
    text = cz.shown(fact.parts[i])
    spans = [s for s in cz.threshold_spans_in(fact, i, text) if not _gives_away(text, s)]
    if not spans:
        return []
    html, answers = cz.cloze_html(text, spans)
    lead = topic.named[:3] + topic.named[3:4].upper() + topic.named[4:] if topic.named.startswith("<b>") else topic.named
    return [CardSpec(f"cloze-{_clause_anchor(fact, i)}", "cloze", f"{lead}: {html}", "", answers, (i,))]


def _gives_away(text: str, span: cz.Span) -> bool:
    """A number the rest of the text restates: "750 out of 1000 (75%)", or the same number written twice."""
    value = text[span[0] : span[1]]
    rest = text[: span[0]] + text[span[1] :]
    if re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", rest):
        return True
    before = text[: span[0]].rstrip()
    return before.endswith("(") and bool(re.search(r"\d[^()]*$", before[:-1]))


def _formula(fact: Fact, formula: object, topic: Topic, i: int) -> CardSpec:
    lhs, rhs = getattr(formula, "lhs"), getattr(formula, "rhs")
    question = ph.formula_question(lhs, topic)
    return _basic(f"formula-{slug(lhs)}", "formula", question, f"{lhs} = {rhs}", (i,))


def _enumeration(found: shapes.Enumeration, topic: Topic, i: int, label: str = "") -> list[CardSpec]:
    """Names with roles: one card per name cued by its role (the direction the exam asks), one per name for typical
    values, or, when the details cannot cue the names but the text says what they are ("Storage classes: …"), one
    card asking for some of the names. [] when none of these fits."""
    if found.cues == "role":
        written = found.category or (label if is_plural(label) else "")
        category = _category(written, topic)
        return [_basic(f"item-{slug(name)}", "reverse", ph.enumeration_question(category, name, role), name, (i,))
                for name, role in found.items]
    if found.cues == "value":
        return [_basic(f"value-{slug(name)}", "clause", ph.value_question(name, topic), role, (i,))
                for name, role in found.items]
    written = found.category or label
    if not written or len(found.items) < 4:
        return []
    names = ", ".join(name for name, _ in found.items)
    category = lower_first(written)
    return [_basic(_names_anchor(label), "list", ph.names_question(category, topic, len(found.items)), names, (i,))]


def _names_anchor(label: str) -> str:
    return f"clause-{slug(label)}" if label else "names"


def _category(written: str, topic: Topic) -> str:
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


def _step_cards(fact: Fact, topic: Topic) -> list[CardSpec]:
    """Numbered steps written as sentences "(1) …", "(2) …": their order, and what each involves."""
    found = [i for i, p in enumerate(fact.parts) if step_of(p) is not None]
    if len(found) < 3:
        return []
    texts = [fact.parts[i].text[STEP.match(fact.parts[i].text).end() :] for i in found]  # type: ignore[union-attr]
    cards = [_steps_card("steps", texts, topic, tuple(found))]
    if _whole(texts):
        return cards  # short steps are recalled whole, in order: no card per step
    for i, text in zip(found, texts):
        name = shapes.step_name(text)
        detail = text[len(name) :].lstrip(":,-–— ").strip()
        if name and len(detail.split()) >= 3:
            cards.append(_basic(f"step-{slug(name)}", "clause", ph.step_question(name, topic), detail, (i,)))
    return cards


def _whole(steps: list[str]) -> bool:
    """Steps short enough to show whole on the order card (at most 40 words in all, 9 each)."""
    return sum(len(s.split()) for s in steps) <= 40 and all(len(s.split()) <= 9 for s in steps)


def _steps_card(anchor: str, steps: list[str], topic: Topic, parts: tuple[int, ...], label: str = "") -> CardSpec:
    names = [shapes.strip_end(s) if _whole(steps) else shapes.step_name(s) or shapes.strip_end(s) for s in steps]
    subject = topic if not label or label.lower() in ("algorithm", "workflow", "process", "steps") else Topic(
        f"{label.lower()} ({topic.text})", "concept", topic.scope)
    back = "<ol>" + "".join(f"<li>{inline_html(n)}</li>" for n in names) + "</ol>"
    question = ph.steps_question(subject, len(names))
    anchor = anchor if anchor == "steps" else f"steps-{anchor}"
    return CardSpec(anchor, "steps", question, back, (" → ".join(plain(n) for n in names),), parts)


def _is_tip_list(fact: Fact, topic: Topic, parts: list[int]) -> bool:
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
    members = sum(1 for p in texts if p.kind == "clause" and _label_kind(p.label or "") == "member")
    short = all(len(body_of(p).split()) <= 18 for p in texts)
    return short and members * 2 <= len(texts)  # mostly plain advice, not a set of named sub-terms


def _list_card(fact: Fact, topic: Topic, parts: list[int]) -> CardSpec:
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
    return CardSpec("list", "list", ph.list_question(topic, len(points), noun), back, (answer,), tuple(parts))


def _scopes(fact: Fact, topic: Topic) -> dict[int, Topic]:
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
        if label is not None and not ph.is_usage(label, collection) and _label_kind(label) == "member":
            last = label if ph.is_name(label, topic.casing) else label[:1].lower() + label[1:]
            continue
        if last is None:
            continue
        later_member = any(lab and not ph.is_usage(lab, collection) and _label_kind(lab) == "member"
                           for lab in labels[i + 1 :])
        if label is not None and ph.is_usage(label, collection) and (later_member or labels.count(label) > 1):
            scopes[i] = _member_topic(last, topic)
        elif label is None and topic.kind == "collection" and part.kind == "sentence":
            scopes[i] = _member_topic(last, topic)
    return scopes


_ACTION_WORDS = frozenset(
    "adjust apply assign avoid build calibrate capture catch chain check choose collect combine compare compute "
    "configure create define deploy detect determine document enable ensure establish extract generate grant "
    "identify implement increase investigate keep limit monitor optimize organize plot prevent read reduce register "
    "restrict review run save scale schedule select separate set share split start track train tune use "
    "validate".split()
)


def _member_topic(member: str, parent: Topic) -> Topic:
    """A sub-term as the subject of the advice after it: "S3" in "Encryption at Rest" → "S3 (encryption at rest)"."""
    shared = {w.lower() for w in re.findall(r"\w+", member)} & {w.lower() for w in re.findall(r"\w+", parent.text)}
    text = member if shared or parent.kind in ("collection", "generic") else f"{member} ({parent.text})"
    return Topic(text, "concept", parent.scope, casing=parent.casing, terms=parent.terms)


_CLAIM_VERBS = frozenset(
    "indicate indicates need needs require requires provide provides spike spikes log logs show shows mean means "
    "drop drops cause causes trigger triggers include includes".split()
)


def _label_kind(label: str) -> str:
    """member (a sub-term), action ("Create baseline"), or claim (a sentence's start: "Patterns indicate",
    "Supports 250+ transformations", "Calibrate using")."""
    words = label.split()
    if not words:
        return "member"
    first, last = words[0].lower(), words[-1].lower()
    if len(words) > 1 and last in ("into", "using", "on", "to", "by", "when", "with", "for", "of", "from"):
        return "claim"
    if first in VERBS and first not in BASE_VERBS and len(words) > 1:
        return "claim"
    if first in _ACTION_WORDS or first in BASE_VERBS and len(words) > 1 and not words[1].lower().endswith("s"):
        return "action"
    if len(words) > 1 and words[-1] in _CLAIM_VERBS:  # "Patterns indicate", "Errors spike" (not "CloudWatch Logs")
        return "claim"
    return "member"


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


def _aside(subject: str) -> tuple[str, str]:
    """"Online store (DynamoDB-backed)" → ("Online store", "DynamoDB-backed")."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", subject)
    return (m.group(1), m.group(2)) if m else (subject, "")


def _is_term(subject: str, fact: Fact) -> bool:
    low = subject.lower()
    term = plain(fact.term).lower()
    return low in term or term in low or low.startswith(("it ", "this ", "these "))


def _mostly(formula: str, text: str) -> bool:
    return len(formula) >= 0.5 * len(shapes.strip_end(text))


def _basic(anchor: str, kind: str, question: str, answer: str, parts: tuple[int, ...]) -> CardSpec:
    found = shapes.enumeration(answer)
    if found and len(found.items) >= 4:  # four or more "Name (detail)": the names answer, the details stay on the sheet
        answer = re.sub(r"\s*\([^()]*\)", "", answer)
    shown = capitalize_first(shapes.strip_end(answer))
    return CardSpec(anchor, kind, question, inline_html(shown), (plain(shown).strip(),), parts)


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


def part_text(part: Part) -> str:
    """A part as written: "Label: text" for a clause."""
    return f"{part.label}: {part.text}" if part.kind == "clause" and part.label else part.text
