"""How questions name a definition: its term as it reads inside a sentence, what kind of thing it is, and the wider
subject a generic term needs ("Benefits" in "Inference Pipelines" → "the benefits of inference pipelines")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.model import Fact, Guide
from generator.language.english import BASE_VERBS, Casing, is_plural, lower_case_words, singular_phrase, the, title_phrases
from generator.language.parts import escape
from generator.text import plain

WH_WORDS = ("when", "why", "how", "what", "where", "which")
COLLECTIONS = frozenset(
    "algorithms benefits capabilities categories components considerations dimensions formats layers methods metrics "
    "modes options patterns practices principles requirements scenarios services stages steps strategies techniques "
    "tests tools triggers types".split()
)
"""Plural head nouns that make a term a set of members ("Monitoring Types", "Deletion Strategies")."""
GENERIC = frozenset(
    "advantages architecture benefits best capabilities components configuration considerations drawbacks examples "
    "features implementation integration key limitations options overview practices process requirements setup "
    "tools use cases workflow aws core common main general".split()
)
"""Words of a heading that names no subject of its own ("Key Capabilities", "AWS Tools")."""
ROLES = frozenset(
    "administrator analyst approver architect commander custodian engineer lead manager officer owner responder "
    "reviewer scientist steward".split()
)
ACTION_VERBS = frozenset("apply avoid block choose enable ensure handle implement prevent protect reduce secure use".split())
TIP_SECTIONS = re.compile(r"\b(best practices|practices|tips|guidelines|pitfalls|checklist|strategy|strategies)\b", re.I)
_STEP_TERM = re.compile(r"^(\d+)\.\s+")
_MARKERS = re.compile(r"[\u2600-\u27bf\U0001f300-\U0001faff\u2b50\u2605\u2606\ufe0f]+")


@dataclass(frozen=True)
class Topic:
    """A definition's term as questions use it."""

    text: str
    """The term in plain text as it reads inside a sentence ("random forest", "Amazon Athena")."""
    kind: str
    """concept | collection | generic | question | action | role | step | numbered ("Layer 1: AI Services")."""
    scope: str
    """The section's subject in plain text ("inference pipelines"), for terms that need it."""
    head: str = ""
    """For a collection, the singular of what its members are ("monitoring type")."""
    casing: Casing = Casing()
    """The guide's true case, for naming sub-terms inside questions."""
    terms: frozenset[str] = frozenset()
    """Every term the guide defines, lower case without parentheticals: a sub-term that is one is a known concept."""

    @property
    def html(self) -> str:
        """The term in bold, escaped."""
        return f"<b>{escape(self.text)}</b>"

    @property
    def plural(self) -> bool:
        """Whether the term is grammatically plural."""
        return is_plural(self.text)

    @property
    def named(self) -> str:
        """HTML naming the subject fully: a generic term joined to its section ("the benefits of X")."""
        if self.kind == "generic" and self.scope:
            joiner = "for" if re.search(r"\b(tools|services|options|implementation)\b", self.text, re.I) else "of"
            return f"the {escape(self.text)} {joiner} <b>{escape(self.scope)}</b>"
        return self.html

    @property
    def ref(self) -> str:
        """``named`` as it reads after a preposition: "in the ingestion layer", "of feature selection"."""
        if self.kind in ("concept", "collection", "step") and the(self.text) != self.text:
            return f"the {self.html}"
        return self.named


def display_term(term: str) -> str:
    """The term as written, without a step number or emoji and ★ markers."""
    return _MARKERS.sub("", _STEP_TERM.sub("", plain(term))).strip()


def topic_of(fact: Fact, section_title: str, casing: Casing, terms: frozenset[str] = frozenset()) -> Topic:
    """Classify the fact's term and phrase it for use inside questions."""
    return replace(_topic(fact, section_title, casing), terms=terms)


def _topic(fact: Fact, section_title: str, casing: Casing) -> Topic:
    raw = display_term(fact.term)
    numbered = re.fullmatch(r"(?P<kind>[A-Z][a-z]+) (?P<n>\d+): (?P<rest>.+?)(?: \(\d+%\))?", raw)
    if numbered:  # "Layer 1: AI Services" → "layer 1 (AI Services)": asked as what it covers
        rest = casing.lower(numbered.group("rest"))
        return Topic(f"{numbered.group('kind').lower()} {numbered.group('n')} ({rest})", "numbered",
                     casing.lower(re.sub(r"^\d+(\.\d+)*\s+", "", section_title)), casing=casing)
    words = re.sub(r"\([^)]*\)", " ", raw).lower().split()
    scope = casing.lower(re.sub(r"^\d+(\.\d+)*\s+", "", section_title)).strip()
    text = casing.lower(raw)
    qualifier = re.search(r"\s*\(([a-z][a-z-]+)\)$", text)  # "residual analysis (regression)": context, not name
    if qualifier and " " in text[: qualifier.start()]:
        text = text[: qualifier.start()]
    bare = re.sub(r"\s*\([^)]*\)", "", text).strip()
    if _STEP_TERM.match(plain(fact.term)):
        return Topic(text, "step", scope, casing=casing)
    if words and words[0] in WH_WORDS:
        return Topic(text, "question", scope, casing=casing)
    if words and words[0] in ACTION_VERBS and words[0] in BASE_VERBS:
        return Topic(text, "action", scope, casing=casing)
    if words and words[-1] in ROLES:
        return Topic(text, "role", scope, casing=casing)
    if words and all(w in GENERIC for w in words):
        head = singular_phrase(_lower_tail(casing.lower(bare))) if words[-1] in COLLECTIONS else ""
        return Topic(text, "generic", scope, head, casing)
    if words and words[-1] in COLLECTIONS and len(words) > 1:
        return Topic(text, "collection", scope, singular_phrase(_lower_tail(casing.lower(bare))), casing)
    return Topic(text, "concept", scope, casing=casing)


def _lower_tail(phrase: str) -> str:
    """"AWS NLP Services" → "AWS NLP services": after leading acronyms, capitalised common words in lower case."""
    words = phrase.split(" ")
    lead = 0
    while lead < len(words) - 1 and words[lead].isupper():
        lead += 1
    tail = [w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words[lead:]]
    return " ".join(words[:lead] + tail)


def question_form(topic: Topic) -> str:
    """A question-shaped term as a real question: "When NOT to Use ML" → "When should you not use ML?"."""
    m = re.match(r"^(when|why|how|where)\s+(not\s+)?(?:to\s+)?(.+)$", topic.text, re.I)
    if not m:
        return f"{topic.text}?"
    wh, negation, rest = m.group(1).capitalize(), "not " if m.group(2) else "", m.group(3)
    first = rest.split(" ")[0].lower()
    rest = rest[:1].lower() + rest[1:] if first in BASE_VERBS else f"use {rest[:1].lower() + rest[1:]}"
    if wh == "How":
        return f"How do you {negation}{rest}?"
    return f"{wh} should you {negation}{rest}?"


def guide_terms(guide: Guide) -> frozenset[str]:
    """Every term the guide defines, lower case, without parentheticals."""
    return frozenset(re.sub(r"\s*\([^)]*\)", "", plain(f.term)).strip().lower() for f in guide.facts)


def guide_casing(guide: Guide) -> Casing:
    """Which capitalised words the guide also writes in lower case (see ``english.Casing``)."""
    texts = [f.text for f in guide.facts]
    for module in guide.modules:
        for block in module.intro + tuple(b for s in module.sections for b in s.blocks):
            texts += [getattr(block, "text", "")] + list(getattr(block, "items", ()))
            texts += [cell for row in getattr(block, "rows", ()) for cell in row]
    return Casing(lower_case_words(texts), title_phrases(texts))
