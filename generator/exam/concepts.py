"""Concepts: the definitions and sub-terms a question can be about, with their usable statements."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Fact, Guide, Module, Part
from generator.text import plain
from generator.exam.words import _Name, _content, _name, _norm


_USE_WHEN = frozenset({"use when", "use only when"})
_USE = _USE_WHEN | frozenset({"use for", "use cases", "use to", "useful for", "essential for", "important for",
                              "use case"})
_BENEFIT = frozenset({"pros", "benefits", "benefit", "advantages"})
_DRAWBACK = frozenset({"cons", "drawbacks", "drawback", "limitations", "limitation", "risks", "disadvantages"})
_ATTRIBUTES = _USE | _BENEFIT | _DRAWBACK | frozenset(
    "aws|aws services|aws service|aws implementation|aws tools|examples|example|hyperparameters|key hyperparameters|"
    "common algorithms|costs|cost|workflow|integration|alerts|automation|monitoring|orchestration|retraining|"
    "evaluation|evaluation metrics|input|output|supports|methods|diagnose|configuration|implementation|typical|"
    "critical|note|requirements|caution|mitigation|prediction|algorithm|patterns|actionable|patterns indicate|"
    "good model|interpretable|asymmetric|enable|budget|capabilities|collision|optimal|threshold-independent|"
    "script requirements|sagemaker provides|use compliant services|medical testing|query|techniques|access|"
    "benefits|trigger|triggers|scale|share|restrict sources|typical k|typical patience|custom|default|other"
    .split("|")
)
"""Clause labels that name an aspect of a definition, not a sub-term."""
_VERBS = frozenset(
    "use uses apply applies create creates define defines track tracks capture captures detect detects choose adjust "
    "tune monitor monitors enable set assign compare identify read eliminate determine separate extract chain deploy "
    "restrict register organize grant store share update trigger prevent reduce increase add remove start implement "
    "validate check collect combine build train schedule compute run calibrate retrieve emit route switch keep avoid "
    "ensure maintain provide provides support handles handle be fit convert replace retrain encrypt log plot design "
    "diagnose estimate learn learns measure measures split".split()
)
"""First words that make a clause label an instruction rather than a sub-term name."""
_GENERIC = re.compile(
    r"^(?:why|when|how|what)\b|best practices?\b|\bbenefits\b|\bcapabilities\b|\bkey concepts\b|\btips\b|"
    r"\bchecklist\b|^architecture$|^overview$|^examples?$|^configuration$|^summary$|\bstrategies$|\btypes$",
    re.I,
)
"""Terms that head a list of facts rather than name a concept."""
_HEADING = re.compile(r"^(?:benefits|key capabilities|capabilities|best practices|architecture|overview|examples?)$",
                      re.I)
"""List headings too bare to name the list in a stem without their section."""
_STEP = re.compile(r"^\(\d+\)|^\d+\.\s")


_PAREN = re.compile(r"\s*\([^()]*\)")


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` words: drop parenthetical asides, then cut at a list boundary, then at a word."""
    text = " ".join(text.split())
    if len(text.split()) <= limit:
        return text
    text = _PAREN.sub("", text)
    if len(text.split()) <= limit:
        return text
    pieces = re.split(r"(?<=[,;])\s+", text)
    kept: list[str] = []
    for piece in pieces:
        if len(" ".join(kept + [piece]).split()) > limit:
            break
        kept.append(piece)
    if len(kept) >= 2 or (kept and len(kept[0].split()) >= limit // 2):
        return " ".join(kept).rstrip(",;") + "."
    return " ".join(text.split()[:limit]).rstrip(",;:") + " …"


def _sentence(text: str) -> str:
    """Capitalised (unless it opens with an identifier such as ``p3`` or ``/opt``), ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    if re.match(r"[a-z][a-z'’/-]*[,.;:]?(?:\s|$)", text):
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!…)" or text.endswith(("”", '"')) else text + "."


def _label_kind(label: str | None) -> str | None:
    if label is None:
        return None
    low = label.lower()
    if low in _USE:
        return "use"
    if low in _BENEFIT:
        return "benefit"
    if low in _DRAWBACK:
        return "drawback"
    return None


def _is_attribute(label: str) -> bool:
    low = label.lower()
    return low in _ATTRIBUTES or low.startswith("use ") or low.split()[0] in _VERBS


# ---------------------------------------------------------------------------------------------------------------
# Concepts


@dataclass(frozen=True)
class _Statement:
    text: str
    """Plain text as an option would show it ("Label: text" for other labelled clauses)."""
    kind: str | None
    """'use', 'benefit', 'drawback' for clauses with such labels, else None."""
    part: str
    """The part's kind (core, sentence, clause)."""
    label: str | None = None
    """The clause label, lower-case."""


@dataclass
class _Concept:
    key: str
    name: _Name
    fact: Fact
    module: Module
    domains: tuple[str, ...]
    order: int
    stems: list[str]
    statements: list[_Statement]
    definition: str
    content: frozenset[str]
    parent: str | None = None
    """For a sub-term: the id of the definition that lists it."""
    context: str | None = None
    """For a sub-term: how to name its list in a stem."""
    siblings: int = 0
    """For a sub-term: how many sub-terms its list has."""

    @property
    def sub(self) -> bool:
        return self.parent is not None


def _usable(part: Part) -> bool:
    text = plain(part.text).strip()
    if not text or text.endswith(":") or _STEP.match(text):
        return False
    return len(text.split()) >= 2 or bool(re.search(r"[=√Σ×/]", text))  # "√MSE." is a fine clue


def _part_text(part: Part) -> str:
    text = plain(part.text).strip()
    return f"{plain(part.label)}: {text}" if part.label else text


def _concepts(guide: Guide) -> list[_Concept]:
    found: list[_Concept] = []
    order = 0
    for module in guide.modules:
        if not module.domains:
            continue
        for section in module.sections:
            for fact in section.facts:
                term = plain(fact.term).strip()
                name = _name(term)
                subterms = [p for p in fact.clauses if not _is_attribute(p.label or "") and _usable(p)
                            and len((p.label or "").split()) <= 5]
                group = len(subterms) >= 3
                content = frozenset(_content(plain(fact.text)) + _content(term))
                parts = [p for p in fact.parts if _usable(p) and p.kind != "item"]
                stems: list[str] = []
                core = next((p for p in parts if p.kind == "core"), None)
                first = parts[0] if parts else None
                if core is not None:
                    stems.append(plain(core.text).strip())
                elif first is not None and first.kind == "clause" and not group and not _label_kind(first.label) \
                        and (first.label or "").lower() not in _ATTRIBUTES:
                    stems.append(_part_text(first))
                if stems and len(stems[0].split()) <= 8:
                    # a terse core ("Two possible outcomes.") needs a second clue to single the term out
                    extra = next((_part_text(p) for p in parts if p.kind in ("sentence", "clause")
                                  and p is not core and p is not first), None)
                    if extra:
                        stems.insert(0, f"{_sentence(stems[0])} {_sentence(extra)}")
                stems += [plain(p.text).strip() for p in parts if p.kind == "sentence" and len(p.text.split()) >= 4]
                statements = [
                    _Statement(plain(p.text).strip() if _label_kind(p.label) else _part_text(p), _label_kind(p.label),
                               p.kind, p.label.lower() if p.label else None)
                    for p in parts if p.kind != "clause" or p not in subterms or not group
                ]
                definition = _shorten(" ".join(_sentence(_part_text(p)) for p in parts) or plain(fact.text), 50)
                if not _GENERIC.search(name.display) and not (group and core is None) and stems:
                    found.append(_Concept(fact.id, name, fact, module, module.domains, order, stems, statements,
                                          definition, content))
                    order += 1
                if group:
                    context = f"“{name.display}”"
                    if _HEADING.search(name.display):
                        context = f"“{name.display}” ({plain(section.title)})"
                    for p in subterms:
                        label = plain(p.label or "")
                        text = plain(p.text).strip()
                        found.append(_Concept(
                            f"{fact.id}#{_norm(label).replace(' ', '-')}", _name(label), fact, module,
                            module.domains, order, [text], [_Statement(text, None, "clause")],
                            _sentence(_shorten(text, 50)), frozenset(_content(text) + _content(label)),
                            parent=fact.id, context=context, siblings=len(subterms)))
                        order += 1
    return found


# ---------------------------------------------------------------------------------------------------------------
# Questions
