"""How a sub-term's text reads as a claim about it: a name or a common phrase, a list of properties, a predicate.

"Start with all features, remove iteratively" said of "Backward elimination" becomes "starts with all features and
removes iteratively", so a question can ask "Which wrapper method starts with all features …?". Plain text in and
out; the flashcards escape it for HTML, the practice exam prints it as it is.
"""

from __future__ import annotations

import re

from generator.language import shapes
from generator.language.english import BASE_VERBS, Casing, lower_first, third_person

_ADJECTIVES = frozenset("simple fast slow cheap easy hard robust complex exhaustive flexible scalable accurate".split())


def predicate(body: str, head: str) -> str | None:
    """The text as what a member does or is: "start with all features, remove iteratively" → "starts with all features
    and removes iteratively"; "Exhaustive, slow" → "is exhaustive and slow"; "Data freshness (…)" → "covers data
    freshness (…)". None when it cannot be said of the member in one clause."""
    items = shapes.items_of(body)
    verbs: list[str] = []
    for item in items:
        if shapes.verb_led(item, capital=False):
            verbs.append(lower_first(item))
        elif shapes.base_led(item, capital=False):
            first, rest = item.split(" ", 1)
            if first.lower().endswith("ly") and " " in rest:  # "Randomly drop units" → "randomly drops units"
                verb, rest = rest.split(" ", 1)
                verbs.append(f"{first.lower()} {third_person(verb.lower())} {rest}")
            else:
                verbs.append(f"{third_person(first.lower())} {rest}")
    if verbs:
        return join_and(verbs)
    if all(adjective_word(i.split(" (")[0]) for i in items):
        return f"is {join_and([lower_first(i) for i in items])}"
    if traits(body) or not items or body[:1].isupper() and not body.split(" ")[0][1:].islower():
        return None  # properties mixed with nouns, or a name first: no clause says it well
    if items[0].split(" (")[0].split()[-1].lower().rstrip("s") == head.split()[-1].lower():
        return None  # "Avro: compact binary format …": the category again
    if head.split()[-1].lower() in ("service", "tool", "component"):
        return None  # "Which component offers max runtime?": a thing's attribute is no cue for it
    return f"covers {lower_first(shapes.strip_end(body))}"


def join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def adjective_word(word: str) -> bool:
    low = word.lower()
    return " " not in low and (low in _ADJECTIVES or low.endswith(("ive", "able", "ible", "al", "ic", "ous", "ful", "less"))
                               or "-" in low and low.endswith(("ed", "able", "ible", "ive", "ent")))


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
    if len(items[0].split()) == 1 and items[0].islower() and adjective_word(items[0]):
        return True  # "simple, fast, introduces no new values"
    return any(len(i.split()) == 1 and i.islower() and (
        i.endswith(("able", "ible", "ive", "er", "est", "al", "ful", "ous", "ic")) or "-" in i) for i in items)
