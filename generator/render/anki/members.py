"""Questions about a sub-term written as "Label: text" inside its parent's definition, and about labels that are
instructions ("Create baseline:"), sentence openings ("Patterns indicate:") or conditions ("Errors spike:").

A name needs no context ("What does Kinesis Data Streams do?"); a common phrase gets its parent in front ("In
auto-scaling, what does scale-out do?"), never as a tail. Pure string functions; HTML is escaped here.
"""

from __future__ import annotations

import re

from generator.language import predicates, shapes
from generator.language.english import BASE_VERBS, VERBS, be, does, is_plural, lower_first, the
from generator.language.parts import escape
from generator.language.topic import Topic


def member_question(label: str, body: str, parent: Topic) -> str | None:
    """A sub-term written as "Label: text" inside its parent's definition ("Kinesis Data Streams: build …").

    Asked only where the sub-term stands on its own: a name ("What does Kinesis Data Streams do?"), a formula, a
    pitfall, an open list. A common phrase whose value is an attribute of its parent ("Retrieval: SDK or VPC
    endpoint") gives None: no question about it reads as a teacher's, and the cheat sheet keeps it.
    """
    name = predicates.is_name(label)
    if name and parent.kind == "generic" and not parent.head:
        return None  # "AWS Implementation: SageMaker Data Wrangler: built-in imputation …": too narrow for its name
    bare = re.sub(r"\s*\([^()]*\)", "", label).strip() or label
    shown = label if name else lower_first(label)
    branded = parent.casing.lower(bare) == bare or any(any(c.isupper() for c in w[1:]) for w in bare.split())
    product = name and branded and bare.split()[-1][:1].isupper()  # "Kinesis Data Streams", "IP Insights"
    plural = is_plural(bare) and not product
    html = f"<b>{escape(shown)}</b>"
    if not name and not plural and the(shown) != shown:
        html = f"the {html}"
    lead, tail = _context(parent, name, label)
    aux, be_ = ("do", "are") if plural else ("does", "is")
    w = "w" if lead else "W"
    if parent.head.endswith(("pitfall", "mistake", "problem", "issue", "challenge")):
        return f"What goes wrong with {html}?"
    if _adjective(label) and parent.kind != "question":
        return f"Why {be(parent.text)} {parent.named} {escape(label.lower())}?"
    if is_formula(body):
        return f"{lead}{w}hat is the formula for {html}{tail}?"
    if parent.head and not name and _names_list(body) and bare.lower() in parent.terms:
        return f"Which {escape(parent.head)}s apply to {html}?"
    if parent.kind == "collection" and " " not in bare and not name and _modifier(bare):
        return f"What are {escape(bare.lower())} {escape(parent.text)}?"  # "Implicit" in "Step Dependencies"
    if shapes.verb_led(body, capital=False) or shapes.base_led(body, capital=False):
        return None if lead or tail else f"What {aux} {html} do?"
    if predicates.traits(body):
        return None if tail else f"{lead}{w}hat characterizes {html}?"
    if not name and plural and shapes.is_list(body, 3) and not re.search(r"\d", body):  # "Business metrics: ROI, …"
        return f"{lead}{'n' if lead else 'N'}ame two examples of {escape(lower_first(label))}."
    if lead or tail or name and shapes.is_list(body, 3):
        return None  # "In X, what does Y mean?" over a "label: value" pair: the value is rarely what Y means
    return f"What {be_} {html}?"


def reverse_question(label: str, body: str, parent: Topic) -> str | None:
    """A member of a set asked from what it does, as the exam asks: "Which filter method measures feature-target
    dependency for categorical features?" → Chi-square test. None when the text cannot cue it (it names the label
    itself, or is too short or too long to single it out)."""
    head = parent.head
    if not head or parent.kind not in ("collection", "generic") or len(label.split()) > 5:
        return None
    if label.lower() in ("custom", "other", "others", "default", "general", "misc"):
        return None  # "Custom: implement it yourself": not a member one could name
    if shapes.subject_led(body[:1].upper() + body[1:]):
        return None  # "Identical features … eliminates skew": a sentence of its own
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", label)}
    if any(w.lower()[:5] in stems for w in re.findall(r"[A-Za-z]{4,}", body)):
        return None  # the text names its own answer
    words = len(body.split())
    predicate = predicates.predicate(body, head)
    if predicate is None or not 2 <= words <= 25:
        return None
    if parent.kind == "generic":
        head = f"{head} of {the(parent.scope)}" if parent.scope else head
    return f"Which {escape(head)} {escape(predicate)}?"




def _context(parent: Topic, name: bool, label: str) -> tuple[str, str]:
    """(leading "In X, ", trailing " for X") naming a sub-term's parent where the sub-term needs it."""
    words = {w.lower() for w in re.findall(r"\w+", label)}
    if parent.kind in ("question", "generic"):
        ctx = parent.scope if parent.scope and not name else ""
    elif parent.head:
        modifier = parent.text.rsplit(" ", 1)[0] if " " in parent.text else parent.text
        ctx = "" if name else (modifier if " " in modifier else parent.text)
    else:
        ctx = parent.text if not name else ""
        if name and not words & {w.lower() for w in re.findall(r"\w+", parent.text)}:
            return "", f" for {parent.ref}"
    if not ctx or words & {w.lower() for w in re.findall(r"\w+", ctx)}:
        return "", ""
    ref = the(ctx) if ctx[:1].islower() else ctx
    return f"In {escape(ref)}, ", ""


def _adjective(label: str) -> bool:
    """A label that is one adjective ("Threshold-independent", "Model-agnostic")."""
    word = label.strip()
    return " " not in word and word[1:].islower() and word.lower().endswith(
        ("-independent", "-agnostic", "-free", "-aware", "-based", "less", "ive", "able", "ible", "ic"))


def _names_list(body: str) -> bool:
    """A list whose items are names ("MAE, MSE, RMSE", "NDCG, MAP", "Accuracy = …, Precision = …")."""
    items = shapes.items_of(body)
    named = sum(1 for i in items if i[:1].isupper())
    if len(items) == 2:
        return all(i.isupper() for i in items)
    return len(items) >= 3 and named * 3 >= len(items) * 2 and shapes.is_list(body, 3, 12)


def _modifier(word: str) -> bool:
    """A word that qualifies a plural noun: "Implicit" (dependencies), "Scheduled" (triggers)."""
    return word[1:].islower() and word.lower().endswith(("al", "ic", "ed", "ive", "ous", "it", "ary", "ble"))


def qualifier_question(label: str, parent: Topic) -> str:
    """A label opening with a preposition ("For compliance: use SSE-KMS") → "What should you use for compliance …?"."""
    return f"What should you use {escape(label[:1].lower() + label[1:])} with {parent.named}?"


def scenario_question(label: str) -> str:
    """A member of "Failure Scenarios": "Errors spike" → "What should you do when errors spike?"."""
    words = label.split()
    verbs = VERBS.keys() | BASE_VERBS
    if len(words) > 1 and (words[1] in verbs or words[-1] in verbs or words[-1].endswith("ly")):
        return f"What should you do when {escape(lower_first(label))}?"
    return f"How do you handle <b>{escape(lower_first(label))}</b>?"


def action_question(label: str, parent: Topic, body: str | None = None) -> str | None:
    """An instruction written as "Create baseline: compute statistics …" → how it is done."""
    words = label.split(" ")
    verb, rest = words[0].lower(), lower_first(" ".join(words[1:]))
    if not rest:
        return f"What {'do' if parent.plural else 'does'} {parent.named} let you {escape(verb)}?"
    first_rest = rest.split(" ")[0].lower()
    if first_rest in ("from", "into", "to", "with", "by", "on", "as") or words[-1].lower() in (
            "into", "using", "on", "to", "by", "with"):
        return f"What do you {escape(verb)} {escape(rest)} in {parent.ref}?"
    if body is not None and not shapes.base_led(body, capital=False) and not shapes.is_list(body, 2):
        return None  # "Schedule monitoring: periodic evaluation …": the text is no way of doing it
    return f"How do you {escape(verb)} {escape(rest)} in {parent.ref}?"


def claim_question(label: str, body: str, parent: Topic) -> str | None:
    """A label that is a sentence's start ("Patterns indicate:", "Supports 250+ transformations:", "Calibrate using:")."""
    words = label.split(" ")
    first = words[0].lower()
    if re.search(r"\s=\s", body) and len(body.split()) <= 14:
        return f"What is the formula for {parent.named}?"
    if label.lower().endswith(" based on") and first in BASE_VERBS:
        return f"What should you base {parent.ref} on?"
    if words[-1].lower() == "when" and first in BASE_VERBS:
        return f"When should you {escape(' '.join(words[:-1]).lower())} ({escape(parent.text)})?"
    if first in VERBS and len(words) > 1:
        obj = " ".join(w for w in words[1:] if not re.match(r"^\d", w))
        if is_plural(obj):
            return f"Which {escape(lower_first(obj))} {does(parent.text)} {parent.named} {escape(VERBS[first])}?"
        if shapes.is_list(body, 2):  # "Captures training state: weights, gradients, losses" asks what, not how
            return f"What {escape(lower_first(obj))} {does(parent.text)} {parent.named} {escape(VERBS[first])}?"
        return f"How {does(parent.text)} {parent.named} {escape(VERBS[first])} {escape(lower_first(obj))}?"
    m = shapes.subject_led(label + " x")
    if m is None and len(words) > 1 and (words[-1] in VERBS or words[-1] in BASE_VERBS):
        m = (" ".join(words[:-1]), words[-1], "")  # "Patterns indicate": a one-word subject is still the subject
    if m:
        subject, verb, _ = m
        aux = "do" if is_plural(subject) else "does"
        return f"In {parent.ref}, what {aux} {escape(the(lower_first(subject)))} {escape(VERBS.get(verb, verb))}?"
    if first in BASE_VERBS:
        return f"In {parent.ref}, what do you {escape(label[:1].lower() + label[1:])}?"
    return None


def is_formula(body: str) -> bool:
    """A short text that is an equation with a real operator ("LR = LR₀ * e^(-kt)", not "max_jobs = 20-50")."""
    m = re.search(r"\s=\s(.+)$", body)
    return bool(m) and len(body.split()) <= 14 and not shapes.is_list(body, 3, 12) and bool(
        re.search(r"[+×*/√Σ^|−]|\w\(", m.group(1)))  # type: ignore[union-attr]


