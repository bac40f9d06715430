"""A card as the generator makes it (``CardSpec``), and the small judgements every card rule shares: what kind of
label a clause has, whether an answer only repeats its question, and how an answer is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Part
from generator.language import shapes
from generator.language.english import BASE_VERBS, VERBS, capitalize_first
from generator.text import inline_html, plain


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


def basic(anchor: str, kind: str, question: str, answer: str, parts: tuple[int, ...]) -> CardSpec:
    found = shapes.enumeration(answer)
    if found and len(found.items) >= 4:  # four or more "Name (detail)": the names answer, the details stay on the sheet
        answer = re.sub(r"\s*\([^()]*\)", "", answer)
    shown = capitalize_first(shapes.strip_end(answer))
    return CardSpec(anchor, kind, question, inline_html(shown), (plain(shown).strip(),), parts)


_ACTION_WORDS = frozenset(
    "adjust apply assign avoid build calibrate capture catch chain check choose collect combine compare compute "
    "configure create define deploy detect determine document enable ensure establish extract generate grant "
    "identify implement increase investigate keep limit monitor optimize organize plot prevent read reduce register "
    "restrict review run save scale schedule select separate set share split start track train tune use "
    "validate".split()
)


_CLAIM_VERBS = frozenset(
    "indicate indicates need needs require requires provide provides spike spikes log logs show shows mean means "
    "drop drops cause causes trigger triggers include includes".split()
)


_NOUN_HEADS = frozenset("stage step phase job time type mode layer set".split())


def label_kind(label: str) -> str:
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
    if last in _NOUN_HEADS:
        return "member"  # "Build stage", "Compute resources": a noun phrase, though it starts like an instruction
    if first in _ACTION_WORDS or first in BASE_VERBS and len(words) > 1 and not words[1].lower().endswith("s"):
        return "action"
    if len(words) > 1 and words[-1] in _CLAIM_VERBS:  # "Patterns indicate", "Errors spike" (not "CloudWatch Logs")
        return "claim"
    return "member"


def circular(subject: str, answer: str) -> bool:
    """A short answer that repeats a word of what it answers ("Temporal features" → "temporal patterns exist")."""
    said = {w.lower()[:6] for w in re.findall(r"[A-Za-z]{5,}", subject)}
    words = answer.split()
    return len(words) <= 4 and any(w.lower()[:6] in said for w in re.findall(r"[A-Za-z]{5,}", answer))


def part_text(part: Part) -> str:
    """A part as written: "Label: text" for a clause."""
    return f"{part.label}: {part.text}" if part.kind == "clause" and part.label else part.text


def aside(subject: str) -> tuple[str, str]:
    """"Online store (DynamoDB-backed)" → ("Online store", "DynamoDB-backed")."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", subject)
    return (m.group(1), m.group(2)) if m else (subject, "")


def mostly(formula: str, text: str) -> bool:
    return len(formula) >= 0.5 * len(shapes.strip_end(text))
