"""Where questions come from: the guide's structure read as an examiner would.

* **Sets** (a definition whose labelled parts are members of a kind: "Deletion Strategies", "Filter Methods"): one
  answer ("Which deletion strategy removes rows with any missing value?"), a matching of members to descriptions, and
  "Choose TWO" questions whose wrong options are members of sibling sets.
* **Alternatives** (definitions of one section that each say "Use when"): scenarios ("A team's workload has these
  requirements: … Which option meets them?"), options written as actions.
* **Trade-offs** (a definition with pros and cons): "Which TWO are advantages of …?", the cons as wrong options.
* **Sequences** (numbered steps, "a → b → c" chains): put the steps in order.
* **Enumerations** ("Polly (text-to-speech), Transcribe (speech-to-text), …"): which one does what, or a matching.

Each candidate is built with its wrong options from the same list, so they are plausible and none of them is also
right; ``checks.py`` then rejects candidates whose form gives the answer away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.language import predicates, shapes
from generator.language.english import Casing, lower_first, singular
from generator.language.parts import label_of
from generator.language.topic import Topic, topic_of
from generator.model import Fact, Guide, Module
from generator.text import plain


@dataclass(frozen=True)
class Candidate:
    """A question before it has a number, a domain of its own and shuffled options."""

    key: str
    """Identity: kind and source ("set:m04-4_3-deletion-strategies:listwise-deletion")."""
    type: str
    stem: str
    options: tuple[str, ...]
    """In canonical order: single/multiple any order, ordering the right order, matching the item of each prompt."""
    answer: tuple[int, ...]
    """single/multiple: the right options; ordering and matching: 0…n-1 (canonical order)."""
    explanation: str
    notes: tuple[str, ...]
    fact_ids: tuple[str, ...]
    domains: tuple[str, ...]
    module: int
    section: str
    source: str
    """The list the question draws on: an exam asks at most one question per list."""
    prompts: tuple[str, ...] = ()
    scenario: bool = False
    authored: bool = False
    names: tuple[str, ...] = field(default=())
    """What the right answer is called: no other question of the exam may print it."""
    shown: int = 0
    """How many options the question shows (0: all). The draw picks the wrong ones among the rest, so that no
    option of the exam is printed twice."""

    def realize(self, used: set[str], order: list[int]) -> Candidate | None:
        """The question with its right options and the first wrong ones (in ``order``) no other question printed;
        None when too few are left."""
        if not self.shown or self.shown >= len(self.options):
            return self if not any(o.lower() in used for o in self.options) else None
        right = list(self.answer)
        if any(self.options[i].lower() in used for i in right):
            return None
        wrong = [i for i in order if i not in right and self.options[i].lower() not in used][: self.shown - len(right)]
        if len(right) + len(wrong) < self.shown:
            return None
        keep = right + wrong
        return replace(self, options=tuple(self.options[i] for i in keep), notes=tuple(self.notes[i] for i in keep),
                       answer=tuple(range(len(right))), shown=0)


@dataclass(frozen=True)
class Member:
    """A labelled part of a definition: a sub-term and what the guide says of it."""

    label: str
    body: str
    fact: Fact
    module: Module


def candidates(guide: Guide) -> list[Candidate]:
    """Every question the guide's structure supports, in guide order."""
    from generator.exam import build

    casing = _casing(guide)
    found: list[Candidate] = []
    for module in guide.modules:
        titles = {s.key: s.title for s in module.sections}
        topics = {f.id: topic_of(f, titles.get(f.section, module.title), casing) for f in module.facts}
        sets = [s for s in (_set(f, module, topics[f.id]) for f in module.facts) if s]
        for members, topic in sets:
            found += build.set_questions(members, topic, [m for other, _ in sets if other is not members for m in other])
        found += build.alternatives(module, topics)
        found += build.definitions(module, topics)
        for fact in module.facts:
            found += build.trade_offs(fact, module, topics[fact.id])
            found += build.sequence(fact, module, topics[fact.id])
            found += build.enumerations(fact, module, topics[fact.id])
    return found


def _casing(guide: Guide) -> Casing:
    from generator.language.topic import guide_casing

    return guide_casing(guide)


_KINDS = frozenset("strategy method test type metric option mode approach technique model algorithm format layer "
                   "policy role store stage pattern".split())
"""Last words that make a singular term name a kind ("Retraining Strategy": full retrain, incremental, …)."""


def _set(fact: Fact, module: Module, topic: Topic) -> tuple[list[Member], Topic] | None:
    """The members of a set: a collection's labelled parts that are sub-terms (not "Use when", "Pros" …); or those
    of a term naming a kind ("Retraining Strategy - Full retrain: … Incremental: …"), when most say what they do."""
    members = [Member(label, part.text, fact, module) for part in fact.parts
               if part.kind == "clause" and (label := label_of(part)) and _is_member(label)]
    if len(members) < 3:
        return None
    if topic.head and topic.kind in ("collection", "generic"):
        return members, topic
    words = re.sub(r"\([^)]*\)", "", topic.text).split()
    if topic.kind != "concept" or not words or words[-1].lower() not in _KINDS:
        return None
    said = sum(1 for m in members if predicate(m, topic.text) is not None)
    return (members, replace(topic, head=" ".join(words).lower())) if said >= 3 else None


_ASPECTS = re.compile(r"^(use\b|pros|cons|benefits?|drawbacks?|limitations?|examples?|caution|aws\b|typical|note|"
                      r"default|custom|other)", re.I)


def _is_member(label: str) -> bool:
    return not _ASPECTS.match(label) and len(label.split()) <= 5


def head_of(topic: Topic) -> str:
    """What a set's members are, for a stem: "deletion strategy", "benefit of SageMaker Feature Store"."""
    if topic.kind == "generic" and topic.scope:
        return f"{topic.head} of {topic.scope}"
    return topic.head


def predicate(member: Member, head: str) -> str | None:
    """What the member does, as a clause after its head: "removes rows with any missing values"."""
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", member.label)}
    if any(w.lower()[:5] in stems for w in re.findall(r"[A-Za-z]{4,}", member.body)):
        return None  # the description names its own answer
    if not 2 <= len(member.body.split()) <= 25 or shapes.subject_led(member.body[:1].upper() + member.body[1:]):
        return None
    return predicates.predicate(member.body, head)


def category(section_title: str) -> str:
    """What a section's alternatives are, from its title: "SageMaker Model Deployment Options" → "deployment option"."""
    words = re.sub(r"^\d+(\.\d+)*\s+", "", section_title).split()
    if words and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss"):
        return singular(words[-1].lower())
    return "option"


def plain_text(markdown: str) -> str:
    """Inline Markdown → the plain text a question prints."""
    return " ".join(plain(markdown).split())


def sentence(text: str) -> str:
    """A fragment of the guide as a sentence of the key: capital first, one full stop."""
    text = shapes.strip_end(plain_text(text))
    return (text[:1].upper() + text[1:] + ".") if text else ""


def lower(text: str) -> str:
    """A fragment as it reads inside a sentence."""
    return lower_first(shapes.strip_end(plain_text(text)))
