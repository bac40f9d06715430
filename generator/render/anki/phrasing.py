"""Questions a teacher would ask, chosen by what the term is (``Topic``) and what the answer looks like (``shapes``).

Every function returns question HTML. Subjects arrive as ``Topic``s (escaped here); labels and text as plain
Markdown-free strings, which are escaped here. Nothing here knows about genanki.
"""

from __future__ import annotations

import re

from generator.render.anki import shapes
from generator.render.anki.english import BASE_VERBS, VERBS, Casing, article, be, does, is_plural, lower_first, singular, the
from generator.render.anki.parts import escape
from generator.render.anki.topic import Topic, question_form

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
    "requires needs prevents measures detects controls stores tracks supports penalizes preserves reduces handles "
    "downweights avoids".split()
)
"""Verbs that say what kind of answer follows: "Requires BAA …" is asked as "What does HIPAA compliance require?"."""
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


def member_question(label: str, body: str, parent: Topic) -> str:
    """A sub-term written as "Label: text" inside its parent's definition ("Kinesis Data Streams: build …").

    A name needs no context ("What does Kinesis Data Streams do?"); a common phrase gets its parent in front
    ("In auto-scaling, what does scale-out mean?"), never as a tail.
    """
    name = is_name(label)
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
        return f"{lead}{w}hat {aux} {html} do{tail}?"
    if traits(body):
        return f"{lead}{w}hat characterizes {html}{tail}?"
    if name and (parent.kind == "generic" or shapes.is_list(body, 3)):
        return f"{lead}{w}hat {aux} {html} offer{tail}?"
    if lead and not name:
        return f"{lead}{w}hat {aux} {html} mean?"
    return f"{lead}{w}hat {be_} {html}{tail}?"


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


def is_formula(body: str) -> bool:
    """A short text that is an equation with a real operator ("LR = LR₀ * e^(-kt)", not "max_jobs = 20-50")."""
    m = re.search(r"\s=\s(.+)$", body)
    return bool(m) and len(body.split()) <= 14 and not shapes.is_list(body, 3, 12) and bool(
        re.search(r"[+×*/√Σ^|−]|\w\(", m.group(1)))  # type: ignore[union-attr]


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


def _where(parent: Topic, name: bool, label: str = "") -> str:
    """How a sub-term's question names its parent: the parent, its section, or nothing for a name that shares a word
    with its parent ("Kinesis Data Streams" in "Amazon Kinesis") or stands in a collection."""
    if parent.kind in ("question", "generic"):
        return f" for {escape(the(parent.scope))}" if parent.scope and (not name or parent.kind == "generic") else ""
    shared = {w.lower() for w in re.findall(r"\w+", label)} & {w.lower() for w in re.findall(r"\w+", parent.text)}
    if name and (parent.head and " " in label or shared):
        return ""
    if parent.head:
        return f" as {article(parent.head)} {escape(parent.head)}"
    return f" in {parent.ref}"


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


def action_question(label: str, parent: Topic, body: str | None = None) -> str:
    """An instruction written as "Create baseline: compute statistics …" → how it is done."""
    words = label.split(" ")
    verb, rest = words[0].lower(), lower_first(" ".join(words[1:]))
    if not rest:
        return f"What {'do' if parent.plural else 'does'} {parent.named} let you {escape(verb)}?"
    first_rest = rest.split(" ")[0].lower()
    if first_rest in ("from", "into", "to", "with", "by", "on", "as") or words[-1].lower() in (
            "into", "using", "on", "to", "by", "with"):
        return f"What do you {escape(verb)} {escape(rest)} in {parent.ref}?"
    if body is not None and not (shapes.base_led(body, capital=False) or shapes.is_list(body, 2)):
        return f"In {parent.ref}, what does “{escape(lower_first(label))}” involve?"  # "Schedule monitoring: periodic …"
    return f"How do you {escape(verb)} {escape(rest)} in {parent.ref}?"


def claim_question(label: str, body: str, parent: Topic) -> str:
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
        return f"How {does(parent.text)} {parent.named} {escape(VERBS[first])} {escape(lower_first(obj))}?"
    m = shapes.subject_led(label + " x")
    if m:
        subject, verb, _ = m
        aux = "do" if is_plural(subject) else "does"
        return f"In {parent.ref}, what {aux} {escape(the(lower_first(subject)))} {escape(VERBS.get(verb, verb))}?"
    if first in BASE_VERBS:
        return f"In {parent.ref}, what do you {escape(label[:1].lower() + label[1:])}?"
    return f"What does “{escape(label)}” mean in {parent.ref}?"


def verb_question(verb: str, subject: Topic | str) -> str:
    """"Supports CSV, JSON …" about the term → "What does Amazon Athena support?"; "Integrates with …" keeps its
    preposition ("What does Amazon Athena integrate with?")."""
    if isinstance(subject, Topic):
        html, text = subject.named, subject.text
    else:
        text = subject if is_name(subject) else the(lower_first(subject))
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


def enumeration_question(category: str, name: str, role: str) -> str:
    """One member of an enumeration, cued by its role: "Which AI service is used for text-to-speech?"."""
    what, role_html = escape(category), escape(role)
    kind = shapes.role_kind(name, role)
    if kind == "verb":
        return f"Which {what} {role_html}?"
    if kind == "base":
        return f"Which {what} lets you {role_html}?"
    if kind == "thing":
        return f"Which {what} is the {role_html}?"
    return f"Which {what} is used for {role_html}?"


def value_question(name: str, subject: Topic) -> str:
    """A setting with its typical values ("max_depth (3-10)") → "What is a typical value of max_depth …?"."""
    return f"What is a typical value of <b>{escape(name)}</b> for {subject.ref}?"


def names_question(category: str, subject: Topic, count: int) -> str:
    """An enumeration whose details cannot cue their names: ask for some of the names (``category`` plural)."""
    some = "two" if count <= 4 else "three"
    if subject.text.lower() in category.lower():
        return f"Name {some} {escape(category)}."
    return f"Name {some} {escape(category)} of {subject.ref}."


def steps_question(subject: Topic, count: int) -> str:
    """Ask for numbered steps in order ("What are the 6 workflow stages, in order?" when the term names them)."""
    if re.search(r"\b(steps|stages|phases)$", subject.text, re.I):
        return f"What are the {count} {subject.html}, in order?"
    return f"What are the {count} steps of {subject.ref}, in order?"


def step_question(name: str, subject: Topic) -> str:
    """Ask what one named step involves."""
    return f"In {subject.ref}, what does the step “{escape(name)}” involve?"


def list_question(subject: Topic, count: int, noun: str) -> str:
    """A list of parallel points under one heading: ask for some of them."""
    some = "two" if count <= 4 else "three"
    if subject.kind == "question":
        return f"{question_form(subject)} Name {some} {escape(noun)}."
    if subject.kind == "action":
        return f"How do you {escape(subject.text[:1].lower() + subject.text[1:])}? Name {some} {escape(noun)}."
    if subject.text.lower().endswith(noun.lower()):
        return f"Name {some} {subject.html}."
    if noun.lower() in subject.scope.lower():
        return f"Name {some} {escape(subject.scope)} for {subject.html}."
    return f"Name {some} {escape(noun)} for {subject.ref}."


def is_name(label: str, casing: Casing | None = None) -> bool:
    """A label that names a specific thing ("Kinesis Data Streams", "K-fold CV", "BERT", "Avro") vs a common phrase
    ("Data quality"); with ``casing``, a single capitalised word the guide never writes in lower case is a name."""
    if re.search(r"\([A-Z][A-Za-z0-9-]{1,9}\)", label):
        return True  # "Change Data Capture (CDC)"
    words = re.sub(r"\s*\([^()]*\)", "", label).split()
    if not words:
        return False
    if casing is not None and len(words) == 1 and casing.lower(label) == label and label[:1].isupper():
        return True
    if words[0].lower() in BASE_VERBS:
        return False  # "Choose K", "Use FSx for Lustre": an instruction
    if any(any(c.isupper() for c in w[1:]) or any(c.isdigit() for c in w) for w in words):
        return True
    return len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in ("of", "and", "for", "the"))


def traits(body: str) -> bool:
    """A list of properties ("human-readable, simple parsing, large file size"): short items, one a bare adjective."""
    items = shapes.items_of(body)
    if len(items) < 2 or any(len(i.split()) > 4 for i in items):
        return False
    if len(items[0].split()) == 1 and items[0].islower() and items[0] not in BASE_VERBS:
        return True  # "simple, fast, introduces no new values"
    return any(len(i.split()) == 1 and i.islower() and (
        i.endswith(("able", "ible", "ive", "er", "est", "al", "ful", "ous", "ic")) or "-" in i) for i in items)
