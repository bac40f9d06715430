"""The study-guide model: immutable data, no I/O, no knowledge of Anki or PDF.

Text fields hold inline Markdown exactly as the author wrote it (``**bold**``, `` `code` ``);
renderers turn it into escaped HTML or plain text with ``generator.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass(frozen=True)
class Location:
    """Where an element was written."""

    file: str
    """Path of the source file, as given to the reader."""
    line: int | None = None
    """1-based line number, or None when the element has no line (a whole file)."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Exam:
    """The exam the guide prepares for."""

    code: str
    title: str
    questions: int | None = None
    duration_minutes: int | None = None
    passing_score: str | None = None
    """As written in guide.yaml, e.g. "720/1000"."""
    scored_questions: int | None = None
    """How many of ``questions`` count towards the score (the rest are unscored trial questions)."""
    unscored_questions: int | None = None
    question_types: tuple[str, ...] = ()
    """The real exam's question types as guide.yaml names them ("multiple choice", "ordering", …)."""

    def format_line(self) -> str:
        """The real exam in one line: "65 questions (50 scored, 15 unscored) · 130 minutes · pass 720/1000"."""
        count = ""
        if self.questions:
            split = [f"{n} {w}" for n, w in ((self.scored_questions, "scored"), (self.unscored_questions, "unscored")) if n]
            count = f"{self.questions} questions" + (f" ({', '.join(split)})" if split else "")
        facts = [count, f"{self.duration_minutes} minutes" if self.duration_minutes else "",
                 f"pass {self.passing_score}" if self.passing_score else ""]
        return " · ".join(f for f in facts if f)


@dataclass(frozen=True)
class Domain:
    """One exam domain with its weight in percent."""

    id: str
    title: str
    weight: float
    loc: Location


PartKind = Literal["core", "clause", "sentence", "item"]


@dataclass(frozen=True)
class Part:
    """One piece of a definition's text, in source order."""

    kind: PartKind
    """core: the opening definition; clause: "Label: text"; sentence: any other sentence; item: a list item."""
    text: str
    """Inline Markdown; for a clause, the text after the label."""
    label: str | None = None
    """The clause label without its colon ("Use when"), else None."""
    pin: str | None = None
    """A sub-term's pinned identity (``Label{#id}: text``), so renaming the label keeps its cards."""


@dataclass(frozen=True)
class Formula:
    """An equation ``lhs = rhs`` found in a definition's text."""

    lhs: str
    rhs: str
    part: int
    """Index into ``Fact.parts`` of the part that holds it."""

    @property
    def text(self) -> str:
        """The formula as written."""
        return f"{self.lhs} = {self.rhs}"


@dataclass(frozen=True)
class Threshold:
    """A numeric threshold or limit found in a definition's text ("PSI < 0.1: no shift")."""

    text: str
    """The clause or sentence fragment that carries the number, as written."""
    value: str
    """The numeric span inside ``text`` ("< 0.1", "up to 90%", "15-minute")."""
    part: int
    """Index into ``Fact.parts``."""


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block."""

    code: str
    lang: str
    caption: str | None
    """Inline Markdown of the bold caption line above the fence, if any."""
    loc: Location


@dataclass(frozen=True)
class CardEdits:
    """An author's changes to the cards of one definition: a fenced ``cards`` block right below it."""

    loc: Location
    ask: tuple[tuple[str, str], ...] = ()
    """(card id, question): the author's question replaces the generated one."""
    skip: tuple[str, ...] = ()
    """Ids of generated cards not to make."""
    add: tuple[tuple[str, str, str], ...] = ()
    """(id, question, answer) of hand-written cards, in order (inline Markdown)."""


@dataclass(frozen=True)
class Fact:
    """A definition: a bold term and its text."""

    id: str
    """Stable id: pinned with ``{#id}`` or derived from module, section and term; unique in the guide."""
    term: str
    """The term as written, without the bold markers (inline Markdown)."""
    text: str
    """The whole definition text as written (inline Markdown); list items joined by newlines."""
    parts: tuple[Part, ...]
    formulas: tuple[Formula, ...]
    thresholds: tuple[Threshold, ...]
    code: tuple[CodeBlock, ...]
    """Code blocks that directly follow the definition."""
    pinned: bool
    loc: Location
    module: int
    section: str
    """Key of the enclosing section (``Section.key``)."""
    edits: CardEdits | None = None
    """The author's changes to this definition's cards, if any."""

    @property
    def core(self) -> str:
        """The core definition ("" when the text starts with a clause or list)."""
        return next((p.text for p in self.parts if p.kind == "core"), "")

    @property
    def clauses(self) -> tuple[Part, ...]:
        """The labelled clauses."""
        return tuple(p for p in self.parts if p.kind == "clause")

    @property
    def sentences(self) -> tuple[Part, ...]:
        """The other sentences."""
        return tuple(p for p in self.parts if p.kind == "sentence")

    @property
    def items(self) -> tuple[Part, ...]:
        """List items, when the definition's text is a list."""
        return tuple(p for p in self.parts if p.kind == "item")


@dataclass(frozen=True)
class Paragraph:
    """Prose that is not a definition."""

    text: str
    loc: Location


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list (nested items are indented with two spaces per level)."""

    items: tuple[str, ...]
    ordered: bool
    loc: Location


@dataclass(frozen=True)
class Table:
    """A pipe table."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    loc: Location


@dataclass(frozen=True)
class Definition:
    """A definition in the flow of a section."""

    fact: Fact

    @property
    def loc(self) -> Location:
        """Where the definition starts."""
        return self.fact.loc


Block = Union[Paragraph, ListBlock, Table, CodeBlock, Definition]


@dataclass(frozen=True)
class Section:
    """A ``###`` section of a module."""

    key: str
    """Number with dots as underscores ("7_1"), or a slug of the title when unnumbered."""
    number: str | None
    """"7.1" when the heading is numbered."""
    title: str
    """Heading text without its number."""
    blocks: tuple[Block, ...]
    loc: Location

    @property
    def heading(self) -> str:
        """The heading as written."""
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The definitions of this section, in order."""
        return tuple(b.fact for b in self.blocks if isinstance(b, Definition))


QuestionType = Literal["single", "multiple", "ordering", "matching"]


@dataclass(frozen=True)
class AuthoredQuestion:
    """A practice question the author wrote in a module (a fenced ``question`` block)."""

    id: str
    """Stable identity within the module: the block's ``id:`` or its position ("q1", "q2", …)."""
    type: QuestionType
    stem: str
    options: tuple[str, ...]
    """single/multiple: the options as written; ordering: the steps in the right order; matching: the items."""
    answer: tuple[int, ...]
    """single/multiple: indexes of the right options; ordering: 0…n-1; matching: answer[k] is the item of prompt k."""
    explanation: str
    section: str
    """Key of the section it stands in ("intro" before the first)."""
    domain: str | None
    """The domain it counts towards, or None for the module's first."""
    loc: Location
    prompts: tuple[str, ...] = ()
    """matching: the prompts, in order."""


@dataclass(frozen=True)
class Module:
    """One module file."""

    number: int
    slug: str
    """File stem, e.g. "07-model-evaluation"."""
    title: str
    domains: tuple[str, ...]
    """Domain ids; empty for a general module."""
    intro: tuple[Block, ...]
    """Blocks before the first section."""
    sections: tuple[Section, ...]
    loc: Location
    revision: str = ""
    """This file's own revision (short hash of its last commit, "-dirty" if edited since, or its date)."""
    questions: tuple[AuthoredQuestion, ...] = ()
    """Practice questions the author wrote in this module, in order."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        """All definitions of the module, in order."""
        return tuple(f for b in self.intro if isinstance(b, Definition) for f in (b.fact,)) + tuple(
            f for s in self.sections for f in s.facts
        )

    @property
    def label(self) -> str:
        """"07 Model Evaluation…" as used in deck names."""
        return f"{self.number:02d} {self.title}"


@dataclass(frozen=True)
class Guide:
    """The whole guide."""

    exam: Exam
    domains: tuple[Domain, ...]
    modules: tuple[Module, ...]
    intro: tuple[Block, ...]
    """Front-of-book text from intro.md."""
    revision: str
    """Short git hash of source/ or the newest modification date (YYYY-MM-DD)."""
    files: tuple[str, ...] = field(default=())
    """Every source file the model was read from."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        """All definitions, in guide order."""
        return tuple(f for m in self.modules for f in m.facts)

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id."""
        return next(d for d in self.domains if d.id == domain_id)

    def modules_of(self, domain_id: str) -> tuple[Module, ...]:
        """Modules mapped to a domain."""
        return tuple(m for m in self.modules if domain_id in m.domains)
