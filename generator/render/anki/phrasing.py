"""Question phrasing for Anki cards: guide labels ("Use when", "Pros", "Online Store") → questions a teacher would ask.

Pure string functions. Subjects arrive as escaped HTML (``<b>Robust Scaling</b>``); labels as plain text, which is
escaped here. Nothing here knows about genanki.
"""
from __future__ import annotations

import re
from html import escape

# Labels about how to use the subject, whatever it is. {s} = subject HTML, {be} = is/are.
USAGE: dict[str, str] = {
    "use when": "When would you choose {s}?",
    "use only when": "Under which conditions is {s} acceptable?",
    "use for": "What {be} {s} used for?",
    "use cases": "What are typical use cases for {s}?",
    "use case": "What is a typical use case for {s}?",
    "use to": "What can you do with {s}?",
    "use with": "What should {s} be combined with?",
    "use": "How should {s} be applied?",
    "pros": "What are the advantages of {s}?",
    "benefits": "What are the advantages of {s}?",
    "benefit": "What is the main advantage of {s}?",
    "advantages": "What are the advantages of {s}?",
    "cons": "What are the drawbacks of {s}?",
    "drawbacks": "What are the drawbacks of {s}?",
    "drawback": "What is the main drawback of {s}?",
    "disadvantages": "What are the drawbacks of {s}?",
    "limitations": "What are the limitations of {s}?",
    "risks": "What are the risks of {s}?",
    "risk": "What is the main risk of {s}?",
    "caution": "What should you watch out for with {s}?",
    "mitigation": "How do you mitigate the risks of {s}?",
    "important for": "What {be} {s} important for?",
    "essential for": "What {be} {s} essential for?",
    "useful for": "What {be} {s} useful for?",
    "be careful with": "What should you be careful with in {s}?",
    "aws": "Which AWS services support {s}?",
    "aws services": "Which AWS services support {s}?",
    "aws service": "Which AWS service supports {s}?",
    "aws implementation": "How do you implement {s} on AWS?",
    "examples": "What are examples of {s}?",
    "example": "What is an example of {s}?",
}

# Labels naming an aspect of a single concept; in a collection ("Training Job Components") they name a member.
ASPECT: dict[str, str] = {
    "hyperparameters": "What are the key hyperparameters of {s}?",
    "key hyperparameters": "What are the key hyperparameters of {s}?",
    "common algorithms": "Which algorithms are commonly used for {s}?",
    "critical": "What is critical in {s}?",
    "custom": "What is the custom option for {s}?",
    "evaluation": "How do you evaluate {s}?",
    "evaluation metrics": "Which metrics evaluate {s}?",
    "metrics": "Which metrics {does} {s} track?",
    "supports": "What {does} {s} support?",
    "methods": "Which methods {does} {s} offer?",
    "techniques": "Which techniques {does} {s} use?",
    "workflow": "What is the workflow of {s}?",
    "integration": "What {does} {s} integrate with?",
    "configuration": "How do you configure {s}?",
    "implementation": "How do you implement {s}?",
    "requirements": "What {does} {s} require?",
    "typical": "What values are typical for {s}?",
    "default": "What is the default for {s}?",
    "costs": "What {does} {s} cost?",
    "diagnose": "How {be} {s} used for diagnosis?",
    "alerts": "How {does} {s} alert you?",
    "automation": "What can be automated in {s}?",
    "capabilities": "What can {s} do?",
    "features": "What features {does} {s} offer?",
    "triggers": "What can trigger {s}?",
    "input": "What input {does} {s} take?",
    "output": "What {does} {s} output?",
    "algorithm": "How does the {s} algorithm work?",
    "prediction": "How {does} {s} make a prediction?",
    "patterns": "Which patterns {does} {s} reveal?",
    "detect": "What {does} {s} detect?",
    "common issues": "Which common issues {does} {s} cover?",
}

# First words that make a label an action ("Apply logarithm", "Choose K") rather than a name.
IMPERATIVES = frozenset(
    "adjust apply assign avoid build calibrate capture catch chain check choose collect combine compare determine "
    "configure create deploy define detect document eliminate enable ensure establish extract flag generate grant "
    "identify implement increase investigate keep limit monitor optimize organize plot prevent read reduce register "
    "restrict review run save scale schedule select separate set share split start track train trust tune use "
    "validate".split()
)
# First words that make a term an action ("Block public access", "Prevent Data Leakage").
TERM_VERBS = frozenset("apply avoid block choose enable prevent protect reduce use".split())
# Plural heads that make a term a collection whose clause labels name members ("Monitoring Types: Data quality").
COLLECTIONS = frozenset(
    "benefits capabilities components considerations dimensions layers methods metrics options practices principles "
    "requirements scenarios services stages steps strategies techniques tests tools triggers types".split()
)
_DETERMINERS = frozenset("each every other any all some".split())
_PREPOSITIONS = frozenset("for in on with without at by from under during after before".split())
# Finite verbs: a label containing one is a sentence ("Patterns indicate", "Errors spike").
FINITE = frozenset(
    "adds builds captures computes creates detects drops enables falls fails handles helps indicate indicates measures "
    "include includes logs need needs provide provides reduces require requires rises spike spikes "
    "stores supports uses".split()
)
# Words that leave a label unfinished ("Separate time-series into", "Calibrate using").
DANGLING = frozenset("about as at by for from in into of on to using via when where which with".split())
_SINGULAR_S = frozenset("series news lens mlops devops canvas".split())
WH_WORDS = ("when", "why", "how", "what", "where", "which")


def be(phrase: str) -> str:
    """"is" or "are" for a noun phrase ("True Positives (TP)" → are, "Bag of Words" → is)."""
    return "are" if is_plural(phrase) else "is"


def is_plural(phrase: str) -> bool:
    """Whether a noun phrase's head noun looks plural."""
    words = re.sub(r"\([^)]*\)", " ", phrase.split(":")[0]).split()
    lowered = [w.lower() for w in words]
    for prep in ("of", "for", "in", "with", "on", "per"):
        if prep in lowered[1:]:
            words = words[: lowered.index(prep, 1)]
            break
    if not words:
        return False
    head = words[-1].strip(".,:;")
    if head.isupper() or not head[:1].isalpha():
        return False
    low = head.lower()
    if low in _SINGULAR_S or (low.endswith("ics") and low not in ("metrics", "statistics", "topics")):
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "as", "ys"))


def label_kind(label: str, collection: bool = False) -> str:
    """Classify a clause label: category | typical | qualifier | open | condition | claim | action | member."""
    low = label.lower().strip()
    if low in USAGE or (low in ASPECT and not collection):
        return "category"
    words = low.split()
    if words[0] == "typical" and not collection:
        return "typical"
    if words[0] in _PREPOSITIONS:
        return "qualifier"
    if words[-1] in DANGLING or (len(words) > 1 and words[-1] in FINITE):
        return "open"
    if any(w in FINITE for w in words[1:]):
        return "condition"
    if words[0] in FINITE:
        return "claim"
    if words[0] in IMPERATIVES:
        return "action"
    return "member"


def clause_question(label: str, subject: str, term: str, collection: bool = False, listing: bool = False) -> str:
    """The question for a clause: ``subject`` is the HTML the label applies to, ``term`` the fact's term HTML.

    ``collection``: the term names a set of members; ``listing``: the term heads a list of tips, so its labels name
    topics rather than things to define.
    """
    label = re.sub(r"\s*\([<>≤≥~]?\s*\d[^()]*\)$", "", label) or label  # "Training set (60-80%)": keep the number for the cloze
    kind = label_kind(label, collection)
    lab = escape(label, quote=False)
    if kind == "category" and term_is_question(_text(term)):
        return f"{term}: what {be(label)} the {_lower_phrase(lab)}?"
    if kind == "category":
        template = USAGE.get(label.lower()) or ASPECT[label.lower()]
        plural = is_plural(_text(subject))
        question = template.format(s=subject, be=be(_text(subject)), does="do" if plural else "does")
        return question if term in question else f"{term}: {_lower_first(question)}"
    if kind == "typical":
        rest = _lower_phrase(lab.split(" ", 1)[1]) if " " in lab else "values"
        return f"What {'are' if rest == 'values' else 'is'} the typical {rest} for {term}?"
    if kind == "qualifier":
        return f"{term}: what applies {_lower_phrase(lab)}?"
    if kind == "open":
        return f"{term}: complete the statement “{lab} …”"
    if kind == "condition":
        return f"{term}: what applies when {_lower_phrase(lab)}?"
    if kind == "claim":
        return f"{term} {_lower_phrase(lab)} — what exactly?"
    if kind == "action":
        return f"{term}: what does “{lab}” involve?"
    if _text(term).lower().rstrip("s").endswith("scenario"):
        return f"{term}: how do you handle {_lower_phrase(lab)}?"
    if listing or term_is_question(_text(term)) or not _is_name(label):
        return f"{term}: what about <b>{lab}</b>?"
    return f"{term}: what {be(label)} <b>{lab}</b>?"


def is_collection(term: str) -> bool:
    """A plural term naming a set of members ("Pipeline Components", "Benefits"), not one concept."""
    words = re.sub(r"\([^)]*\)", " ", term).lower().split()
    return bool(words) and words[-1] in COLLECTIONS


def _is_name(label: str) -> bool:
    """A label that names something ("Kinesis Data Streams", "K-fold CV", "Covariate shift") vs a common word."""
    words = label.split()
    if len(words) > 1:
        return words[0].lower() not in _DETERMINERS
    return "-" in words[0].strip("-")


def core_question(term: str) -> str:
    """The question for a core definition, from the term's HTML."""
    plain = _text(term)
    step = re.match(r"^(\d+)\.\s+(.*)$", plain)
    if step:
        return f"What is <b>{escape(step.group(2), quote=False)}</b> (step {step.group(1)})?"
    if term_is_question(plain):
        return f"{_strip_bold(term)}?"
    first = plain.split()[0].lower() if plain.split() else ""
    if first in TERM_VERBS:
        return f"How do you {_lower_phrase(_strip_bold(term))}?"
    return f"What {be(plain)} {term}?"


def reverse_question(statement: str, tip: bool) -> str:
    """Ask for the term from one of its statements (``statement`` is HTML, the term already masked)."""
    if tip:
        return f"Which topic lists this point: “{statement}”?"
    return f"Which term is described here: “{statement}”?"


def term_is_question(plain: str) -> bool:
    """"When NOT to Use ML", "Why Monitor": a term phrased as a question."""
    return plain.split()[0].lower() in WH_WORDS if plain.split() else False


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _strip_bold(html: str) -> str:
    return re.sub(r"</?b>", "", html)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _lower_phrase(text: str) -> str:
    """Lower-case words that are merely capitalised ("Reduce Bias" → "reduce bias"); keep acronyms and names."""
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in text.split(" "))
