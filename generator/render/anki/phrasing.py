"""Questions a teacher would ask about a definition and its labelled aspects ("Use when", "Pros", "AWS services"),
chosen by what the term is (``Topic``) and what the answer looks like (``shapes``).

Sub-terms are asked in members.py, lists and steps in lists.py.

Every function returns question HTML. Subjects arrive as ``Topic``s (escaped here); labels and text as plain
Markdown-free strings, which are escaped here. Nothing here knows about genanki.
"""

from __future__ import annotations

import re

from generator.language import predicates, shapes
from generator.language.english import BASE_VERBS, VERBS, be, does, lower_first, singular, the
from generator.language.parts import escape
from generator.language.topic import Topic, question_form

# Labels about how to use or judge the subject, whatever it is: {s} subject HTML, {be} is/are, {does} does/do.
USAGE: dict[str, str] = {
    "use when": "When should you use {s}?",
    "use only when": "Under which conditions is {s} acceptable?",
    "use for": "What {be} {s} used for?",
    "use to": "What can you do with {s}?",
    "use with": "What should {s} be combined with?",
    "use": "How should {s} be used?",
    "best for": "What {be} {s} best for?",
    "when to use": "When should you use {s}?",
    "pros": "What are the advantages of {s}?",
    "benefits": "What are the advantages of {s}?",
    "advantages": "What are the advantages of {s}?",
    "benefit": "What is the main advantage of {s}?",
    "cons": "What are the drawbacks of {s}?",
    "drawbacks": "What are the drawbacks of {s}?",
    "disadvantages": "What are the drawbacks of {s}?",
    "drawback": "What is the main drawback of {s}?",
    "limitations": "What are the limitations of {s}?",
    "limitation": "What is the main limitation of {s}?",
    "risks": "What are the risks of {s}?",
    "risk": "What is the main risk of {s}?",
    "caution": "What should you watch out for with {s}?",
    "mitigation": "How do you mitigate the risks of {s}?",
    "important for": "What {be} {s} important for?",
    "essential for": "What {be} {s} essential for?",
    "useful for": "What {be} {s} useful for?",
    "be careful with": "What should you be careful with in {s}?",
    "implementation": "How do you implement {s}?",
    "configuration": "How do you configure {s}?",
    "workflow": "What is the workflow of {s}, in order?",
    "process": "What is the process of {s}, in order?",
    "integration": "What {does} {s} integrate with?",
    "requirements": "What {does} {s} require?",
    "default": "What is the default for {s}?",
    "costs": "How {be} {s} billed?",
    "cost": "How {be} {s} billed?",
    "pricing": "How {be} {s} priced?",
    "supports": "What {does} {s} support?",
    "features": "Which features {does} {s} offer?",
    "capabilities": "What can {s} do?",
    "triggers": "What can trigger {s}?",
    "input": "What input {does} {s} take?",
    "output": "What {does} {s} output?",
    "algorithm": "How does the {s} algorithm work?",
    "prediction": "How {does} {s} make a prediction?",
    "diagnose": "What can you diagnose with {s}?",
    "alerts": "How {does} {s} alert you?",
    "automation": "What can be automated in {s}?",
    "detect": "What {does} {s} detect?",
    "methods": "Which methods {does} {s} use?",
    "techniques": "Which techniques {does} {s} use?",
    "hyperparameters": "What are the key hyperparameters of {s}?",
    "key hyperparameters": "What are the key hyperparameters of {s}?",
    "common algorithms": "Which algorithms are commonly used for {s}?",
    "evaluation": "How do you evaluate {s}?",
    "evaluation metrics": "Which metrics evaluate {s}?",
    "metrics": "Which metrics {does} {s} track?",
    "monitoring": "How do you monitor {s}?",
    "versioning": "How {be} {s} versioned?",
    "custom": "What is the custom option for {s}?",
    "typical": "What is typical for {s}?",
    "critical": "What is critical in {s}?",
    "patterns": "Which patterns {does} {s} reveal?",
    "common issues": "Which common issues {does} {s} cover?",
    "note": "What should you note about {s}?",
    "notes": "What should you note about {s}?",
    "key point": "What is the key point about {s}?",
}


OPEN_LISTS: dict[str, str] = {
    "use cases": "Name two typical use cases for {s}.",
    "use case": "What is a typical use case for {s}?",
    "examples": "Name two examples of {s}.",
    "example": "What is an example of {s}?",
}
"""Labels over examples: the guide's list is not the whole answer, so the question asks for some."""


OPEN_ASPECTS: dict[str, str] = {
    "hyperparameters": "Name two key hyperparameters of {s}.",
    "key hyperparameters": "Name two key hyperparameters of {s}.",
    "features": "Name two features of {s}.",
    "capabilities": "Name two capabilities of {s}.",
    "integration": "Name two services {s} integrates with.",
    "metrics": "Name two metrics {s} tracks.",
    "common algorithms": "Name two algorithms commonly used for {s}.",
    "techniques": "Name two techniques {s} uses.",
    "methods": "Name two methods of {s}.",
    "supports": "Name two things {s} supports.",
    "triggers": "Name two things that can trigger {s}.",
}
"""Aspects whose answer is a longer list than anyone could recall whole: ask for some."""


SERVICES = re.compile(r"^(?P<who>.*?)\s*\b(?P<noun>services?|tools?)$|^(?P<vendor>AWS|Azure|GCP|Google Cloud)$")
"""A label naming the services that support the subject ("AWS services", "AWS tools", "AWS")."""


ADVICE = frozenset(
    "use when|use only when|use for|use to|use with|best for|when to use|pros|cons|drawbacks|drawback|benefits|"
    "advantages|disadvantages|limitations|risks|caution|mitigation|use cases|use case|examples|example|"
    "be careful with|important for|useful for|essential for".split("|")
)
"""Usage labels that always speak of the sub-term just before them ("Listwise deletion: … Use only when: …")."""


def is_usage(label: str, collection: bool = False) -> bool:
    """A label that names an aspect of its subject ("Use when", "Pros", "Examples") rather than a member.

    In a collection ("Benefits", "Key Capabilities") only advice labels are aspects: "Versioning" is a member.
    """
    low = label.lower().strip()
    if collection:
        return low in ADVICE or low.startswith("typical ") or bool(SERVICES.match(label.strip()))
    return (low in USAGE or low in OPEN_LISTS or low.startswith("typical ") or low.endswith(" implementation")
            or bool(SERVICES.match(label.strip())) and low.split(" ")[0] not in BASE_VERBS)


def usage_question(label: str, subject: Topic, body: str) -> str:
    """The question for a usage label about ``subject`` (``body`` decides singular or plural where it matters)."""
    low = label.lower().strip()
    s = subject.named
    fill = {"s": s, "be": be(subject.text), "does": does(subject.text)}
    if low in OPEN_LISTS and subject.kind == "question":
        obj = re.sub(r"^(when|why|how|where)\s+(not\s+)?(to\s+)?(use\s+)?", "", subject.text, flags=re.I)
        return f"Name two example uses of <b>{escape(obj)}</b>."
    if low in OPEN_LISTS:
        many = len(shapes.items_of(body)) >= 2
        return (OPEN_LISTS[low] if many or low.endswith("e") else OPEN_LISTS[low.rstrip("s")]).format(**fill)
    if low in OPEN_ASPECTS and len(shapes.items_of(body)) >= 3:
        return OPEN_ASPECTS[low].format(**fill)
    if low in USAGE:
        return USAGE[low].format(**fill)
    if low.startswith("typical "):
        return f"What is the typical {escape(lower_first(label.split(' ', 1)[1]))} for {s}?"
    if low.endswith(" implementation"):
        return f"How do you implement {s} on {escape(label.rsplit(' ', 1)[0])}?"
    m = SERVICES.match(label.strip())
    assert m is not None
    if m.group("vendor") and not shapes.is_list(body, 2) and not body[:1].isupper():
        return f"How does {escape(m.group('vendor'))} support {s}?"
    who = escape(m.group("vendor") or m.group("who") or "")
    noun = singular(m.group("noun") or "service").lower()
    if len(shapes.items_of(body)) >= 3:  # an open list: ask for some
        return f"Name two {who + ' ' if who else ''}{noun}s that support {s}."
    many = len(shapes.items_of(body)) > 1
    return f"Which {who + ' ' if who else ''}{noun}{'s' if many else ''} support{'' if many else 's'} {s}?"


def core_question(topic: Topic, body: str) -> str:
    """The question whose answer is the definition's first sentence."""
    t = topic.named
    if topic.kind == "question":
        return question_form(topic)
    if topic.kind == "action":
        return f"How do you {escape(topic.text[:1].lower() + topic.text[1:])}?"
    if topic.kind == "role":
        return f"What does the {t} do?"
    if topic.kind == "numbered":
        return f"What does {t} cover?"
    if topic.kind == "step" and topic.scope:
        return f"What does the {t} step of {escape(the(topic.scope))} involve?"
    if shapes.enumeration(body) and not shapes.enumeration(body).cues:  # type: ignore[union-attr]
        return f"What {does(topic.text)} {topic.ref} cover?"
    led = shapes.verb_led(body)
    if led and telling(led[0]):
        return verb_question(led[0], topic)
    if shapes.base_led(body) or led:
        return f"What {does(topic.text)} {t} do?"
    if topic.kind in ("collection", "generic") and shapes.is_list(body):
        return f"What are the {t}?" if topic.kind == "collection" else f"What does {t} include?"
    if topic.kind == "concept" and the(topic.text) != topic.text and topic.text.split(" ")[-1] not in _GENERAL:
        return f"What {be(topic.text)} the {t}?"
    return f"What {be(topic.text)} {t}?"


_TELLING_VERBS = frozenset(
    "requires needs prevents penalizes preserves downweights handles reduces captures detects measures avoids "
    "eliminates".split()
)
"""Verbs whose object is a specific answer: "Requires BAA …" is asked as "What does HIPAA compliance require?".
"Supports", "provides", "integrates with" are not among them: their question has many right answers."""


_GENERAL = frozenset("model algorithm metric tree method tool service".split())
"""Heads of terms that name a kind of thing ("What is a … model?"): asked without "the"."""


def telling(verb: str) -> bool:
    """A verb that says what kind of answer follows ("requires", "integrates with"), asked as itself."""
    return verb.split(" ")[0 if len(verb.split(" ")) == 1 or verb.split(" ")[1] in _TELLING_VERBS else -1] in _TELLING_VERBS \
        or verb.split(" ")[-1] in _TELLING_VERBS


def formula_question(name: str, topic: Topic) -> str:
    """Ask for a formula by the name of what it computes ("TF-IDF(term, doc)" is asked as "TF-IDF")."""
    bare = re.sub(r"\s*\([^()]*\)$", "", name).strip() or name
    short = re.sub(r"\s*\([^()]*\)", "", topic.text).strip().lower()
    acronyms = [a.lower() for a in re.findall(r"\(([A-Z][\w²-]{1,9})\)", topic.text)]
    own = bare.lower() in (short, *acronyms) or bare.lower() == topic.text.lower()
    if own:
        return f"What is the formula for {topic.named}?"
    return f"What is the formula for <b>{escape(bare)}</b> in {topic.ref}?"


def verb_question(verb: str, subject: Topic | str) -> str:
    """"Supports CSV, JSON …" about the term → "What does Amazon Athena support?"; "Integrates with …" keeps its
    preposition ("What does Amazon Athena integrate with?")."""
    if isinstance(subject, Topic):
        html, text = subject.named, subject.text
    else:
        text = subject if predicates.is_name(subject) else the(lower_first(subject))
        html = f"<b>{escape(text)}</b>"
    words = verb.split(" ")
    verb_at = 1 if len(words) > 1 and words[1].lower() in VERBS else 0
    adverb = " ".join(words[:verb_at])
    base = VERBS.get(words[verb_at].lower(), words[verb_at])
    tail = " ".join(words[verb_at + 1 :])
    phrase = " ".join(p for p in (adverb, base, tail) if p)
    return f"What {does(text)} {html} {escape(phrase)}?"


def adjective_question(adjective: str, topic: Topic) -> str:
    """"Sensitive to outliers" → "What is min-max normalization sensitive to?"."""
    return f"What {be(topic.text)} {topic.named} {escape(adjective)}?"
