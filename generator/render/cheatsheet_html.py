"""Cheat sheet markup: a module → two HTML documents, the frame (``cheatsheet/frame.html``: metadata, header, page
margins) and the boxes laid out as column pages (``cheatsheet/columns.html``).

Definitions become rows (lead text, labelled clauses, list items) in source order; formulas and thresholds are
wrapped in spans so the stylesheet can set them off. All text goes through ``inline_html``, which escapes raw HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from generator.model import Block, CodeBlock, Definition, Fact, Guide, ListBlock, Module, Paragraph, Table
from generator.render.cheatsheet_code import CodeView, code_view
from generator.render.pdf import jinja
from generator.text import inline_html, plain

_TAG = re.compile(r"(<[^>]*>)")
_MATH = re.compile(r"[×*^Σ√]|\s/\s|\)\s?/|/\s?\(")


@dataclass
class Row:
    """One line group of a definition: the lead text, a labelled clause or a list item."""

    kind: Literal["lead", "clause", "item"]
    html: list[Markup] = field(default_factory=list)
    label: Markup | None = None

    @property
    def text(self) -> Markup:
        """The row's sentences joined by spaces."""
        return Markup(" ").join(self.html)


@dataclass(frozen=True)
class FactView:
    """A definition ready for the template."""

    id: str
    term: Markup
    rows: tuple[Row, ...]
    code: tuple[CodeView, ...]


def marked(text: str, formulas: list[str], thresholds: list[str]) -> Markup:
    """Inline Markdown → HTML with formulas and threshold values (plain-text needles) wrapped in spans."""
    html = inline_html(text)
    needles = {escapeHtml(n): "f" for n in formulas if n} | {escapeHtml(n): "t" for n in thresholds if n}
    if not needles:
        return Markup(html)
    ordered = sorted(needles, key=len, reverse=True)
    pattern = re.compile("|".join(_bounded(n) for n in ordered))

    def wrap(m: re.Match[str]) -> str:
        return f'<span class="{needles[m.group(0)]}">{m.group(0)}</span>'

    chunks = _TAG.split(html)
    return Markup("".join(c if c.startswith("<") else pattern.sub(wrap, c) for c in chunks))


def _bounded(needle: str) -> str:
    """A regex for the needle that does not match inside a longer word or number."""
    head = r"(?<![\w.])" if re.match(r"\w", needle) else ""
    tail = r"(?![\w])" if re.search(r"\w$", needle) else ""
    return head + re.escape(needle) + tail


def _formula_needles(fact: Fact, index: int) -> list[str]:
    """The formulas of one part worth setting off: equations as written, or math-like bare expressions."""
    text = plain(fact.parts[index].text)
    out: list[str] = []
    for f in fact.formulas:
        if f.part != index:
            continue
        equation = plain(f.text)
        if equation in text:
            out.append(equation)
        elif _MATH.search(f.rhs):
            out.append(plain(f.rhs))
    return out


def fact_view(fact: Fact) -> FactView:
    """Group a definition's parts into rows; sentences continue the row before them."""
    rows: list[Row] = []
    for index, part in enumerate(fact.parts):
        thresholds = [plain(t.value) for t in fact.thresholds if t.part == index]
        html = marked(part.text, _formula_needles(fact, index), thresholds)
        if part.kind == "sentence" and rows:
            rows[-1].html.append(html)
        elif part.kind == "clause":
            rows.append(Row("clause", [html], Markup(inline_html(part.label or ""))))
        elif part.kind == "item":
            rows.append(Row("item", [html]))
        else:
            rows.append(Row("lead", [html]))
    return FactView(fact.id, Markup(inline_html(fact.term)), tuple(rows), tuple(code_view(c) for c in fact.code))


@dataclass(frozen=True)
class ListItem:
    """A list item with its nesting depth."""

    depth: int
    html: Markup


def list_items(block: ListBlock) -> tuple[ListItem, ...]:
    """Nested items (two spaces per level) → depth and HTML."""
    out = []
    for item in block.items:
        stripped = item.lstrip(" ")
        out.append(ListItem((len(item) - len(stripped)) // 2, Markup(inline_html(stripped))))
    return tuple(out)


def block_view(block: Block) -> dict[str, object]:
    """One block as a template record with a ``kind``."""
    if isinstance(block, Definition):
        return {"kind": "fact", "fact": fact_view(block.fact)}
    if isinstance(block, CodeBlock):
        return {"kind": "code", "code": code_view(block)}
    if isinstance(block, ListBlock):
        return {"kind": "list", "ordered": block.ordered, "entries": list_items(block)}
    if isinstance(block, Table):
        return {"kind": "table", "header": block.header, "rows": block.rows}
    if isinstance(block, Paragraph):
        return {"kind": "para", "text": block.text}
    raise TypeError(f"unknown block {type(block).__name__}")


class SheetHtml(NamedTuple):
    """The two documents of one module's sheet."""

    frame: str
    """Metadata, header, running header and footer; ends with ``MORE_PAGES`` where further pages go."""
    columns: str
    """The section boxes."""


MORE_PAGES = "<!--more pages-->"
"""Marker in the frame document: each further sheet page is a page break inserted here."""


def module_html(guide: Guide, module: Module) -> SheetHtml:
    """The module's cheat sheet as HTML: frame and columns."""
    sections = [{"id": f"s-{s.key}", "heading": s.heading, "blocks": [block_view(b) for b in s.blocks]}
                for s in module.sections]
    domains = [guide.domain(d) for d in module.domains if any(x.id == d for x in guide.domains)]
    frame = jinja().get_template("cheatsheet/frame.html").render(
        guide=guide, exam=guide.exam, module=module, domains=domains)
    columns = jinja().get_template("cheatsheet/columns.html").render(
        intro=[block_view(b) for b in module.intro], sections=sections)
    return SheetHtml(frame, columns)
