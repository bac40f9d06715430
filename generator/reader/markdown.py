"""markdown-it tokens of one module → blocks and sections, each with its file and line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from generator.errors import Reporter
from generator.model import AuthoredQuestion, Block, CardEdits, CodeBlock, Definition, Fact, ListBlock, Location, Paragraph, Section, Table
from generator.reader.edits import read_card_edits
from generator.reader.questions import read_question
from generator.reader.facts import find_formulas, find_thresholds, split_parts
from generator.text import plain, slug

# "**Term**{#pin} - text", "**Term**: text", "**Term:** text", en/em dashes; the pin is read here because
# mdit-py-plugins' attrs plugin does not attach attributes after **bold**.
_DEFINITION = re.compile(
    r"^\*\*(?P<term>[^*\n]+?)\*\*(?:\{#(?P<pin>[^}\s]*)\})?(?P<colon>:)?(?:\s*[-–—]\s+|\s*:\s*|\s+|$)(?P<rest>.*)$", re.S
)
_PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_SECTION = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\.?\s+(?P<title>.+)$")
PLACEHOLDER = re.compile(r"^\*\[[^\]]*\]\*$|^\[(?:TODO|TBD|Continue)[^\]]*\]$", re.I)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with tables, raw HTML off, front matter recognised.

    The reader keeps inline Markdown as written (renderers format it later), so inline tokenizing is switched off.
    """
    return MarkdownIt("js-default").use(front_matter_plugin).disable("inline")


@dataclass
class _Pending:
    """A definition whose list or code may still follow."""

    term: str
    pin: str | None
    text: str
    loc: Location
    items: list[str] = field(default_factory=list)
    code: list[CodeBlock] = field(default_factory=list)
    edits: CardEdits | None = None


@dataclass
class ModuleParser:
    """Walks the top-level tokens of one file, collecting blocks per section."""

    file: str
    lines: list[str]
    module: int
    report: Reporter
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    questions: list[AuthoredQuestion] = field(default_factory=list)
    _blocks: list[Block] = field(default_factory=list)
    _heading: tuple[str, str | None, str, Location] | None = None
    _pending: _Pending | None = None
    _caption: str | None = None

    def loc(self, tok: Token) -> Location:
        """The 1-based line a token starts on."""
        return Location(self.file, tok.map[0] + 1 if tok.map else None)

    def parse(self, tokens: list[Token]) -> None:
        """Consume every top-level token."""
        i = 0
        while i < len(tokens):
            i = self._block(tokens, i)
        self._flush()
        self._close_section()

    def _block(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.type == "heading_open":
            self._flush()
            self._heading_block(tok, tokens[i + 1].content)
        elif tok.type == "paragraph_open":
            self._paragraph(tokens[i + 1].content, self.loc(tok), tokens[i + 3] if i + 3 < len(tokens) else None)
        elif tok.type in ("fence", "code_block"):
            self._code(tok)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = _matching_close(tokens, i)
            self._list(tokens[i:close], tok)
            return close + 1
        elif tok.type == "table_open":
            close = _matching_close(tokens, i)
            self._table(tokens[i:close], tok)
            return close + 1
        elif tok.type == "blockquote_open":
            close = _matching_close(tokens, i)
            for inner in tokens[i + 1 : close]:
                if inner.type == "inline":
                    self._add(Paragraph(inner.content, self.loc(inner)))
            return close + 1
        elif tok.type != "hr" and tok.nesting == 1:
            return _matching_close(tokens, i) + 1
        del nxt
        return i + (3 if tok.nesting == 1 and tok.type in ("heading_open", "paragraph_open") else 1)

    def _heading_block(self, tok: Token, content: str) -> None:
        if tok.tag != "h3":
            if tok.tag in ("h1", "h2") and self.module >= 0:
                self.report.warn(self.loc(tok), f"'{tok.markup} {content}': only ### headings start sections; shown as a bold line")
            self._add(Paragraph(f"**{content}**", self.loc(tok)))
            return
        self._close_section()
        m = _SECTION.match(content.strip())
        number, title = (m.group("num"), m.group("title").strip()) if m else (None, content.strip())
        key = number.replace(".", "_") if number else slug(title)
        self._heading = (key, number, title, self.loc(tok))

    def _paragraph(self, content: str, loc: Location, following: Token | None) -> None:
        self._flush()
        stripped = content.strip()
        if PLACEHOLDER.match(stripped):
            self.report.warn(loc, f"editorial placeholder {stripped!r} is not study material; delete it")
            return
        m = _DEFINITION.match(stripped)
        if not m:
            self._add(Paragraph(content, loc))
            return
        term, rest = m.group("term").strip().rstrip(":").strip(), m.group("rest").strip()
        before_code = following is not None and following.type in ("fence", "code_block")
        if not rest or (before_code and rest.endswith(":") and term.lower().startswith("example")):
            if before_code:
                self._caption = stripped.replace("**", "").rstrip(":").strip()
                return
            if not rest and not (following is not None and following.type.endswith("list_open")):
                self._add(Paragraph(content, loc))  # a bold line on its own: a sub-heading, not a definition
                return
        if m.group("pin") is not None and not _PIN.match(m.group("pin")):
            self.report.error(loc, f"pinned id '{{#{m.group('pin')}}}' must be letters, digits, '-', '_', '.' or ':'")
        self._pending = _Pending(term, m.group("pin") or None, rest, loc)

    def _code(self, tok: Token) -> None:
        if tok.type == "fence" and tok.info.strip() == "cards":
            self._card_edits(tok)
            return
        if tok.type == "fence" and tok.info.strip() == "question":
            self._flush()
            self._question(tok)
            return
        block = CodeBlock(tok.content.rstrip("\n"), tok.info.strip().split(" ")[0] if tok.info else "", self._caption, self.loc(tok))
        self._caption = None
        if tok.type == "fence" and not _fence_closed(tok, self.lines):
            self.report.error(block.loc, f"code fence {tok.markup} is never closed: it swallows the rest of the file")
        if self._pending is not None and block.caption is None:
            self._pending.code.append(block)
            return
        self._add(block)

    def _card_edits(self, tok: Token) -> None:
        """A ```cards block: the author's changes to the cards of the definition right above it."""
        loc = self.loc(tok)
        if not _fence_closed(tok, self.lines):
            self.report.error(loc, f"code fence {tok.markup} is never closed: it swallows the rest of the file")
            return
        if self._pending is None:
            self.report.error(loc, "a ```cards block must directly follow the definition whose cards it changes")
            return
        if self._pending.edits is not None:
            self.report.error(loc, f"a second ```cards block for '{self._pending.term}': merge it into the first")
            return
        self._pending.edits = read_card_edits(tok.content, loc, self.report)

    def _question(self, tok: Token) -> None:
        """A ```question block: a practice question the author wrote, in the current section."""
        if not _fence_closed(tok, self.lines):
            self.report.error(self.loc(tok), f"code fence {tok.markup} is never closed: it swallows the rest of the file")
            return
        section = self._heading[0] if self._heading else "intro"
        found = read_question(tok.content, self.loc(tok), section, len(self.questions) + 1, self.report)
        if found is not None and any(q.id == found.id for q in self.questions):
            self.report.error(found.loc, f"question id '{found.id}' is used twice in this module")
        elif found is not None:
            self.questions.append(found)

    def _list(self, tokens: list[Token], tok: Token) -> None:
        items = [("  " * (t.level // 2 - 1)) + t.content for t in tokens if t.type == "inline"]
        items = [i.replace("\n", " ") for i in items]
        if self._pending is not None and not self._pending.code and (not self._pending.text or self._pending.text.endswith(":")):
            self._pending.items.extend(item.strip() for item in items)
            return
        self._flush()
        self._add(ListBlock(tuple(items), tok.type == "ordered_list_open", self.loc(tok)))

    def _table(self, tokens: list[Token], tok: Token) -> None:
        self._flush()
        rows: list[tuple[str, ...]] = []
        row: list[str] = []
        for t in tokens:
            if t.type == "tr_open":
                row = []
            elif t.type == "inline":
                row.append(t.content)
            elif t.type == "tr_close":
                rows.append(tuple(row))
        self._add(Table(rows[0] if rows else (), tuple(rows[1:]), self.loc(tok)))

    def _flush(self) -> None:
        """Turn the pending definition into a fact now that nothing more can attach to it."""
        if self._caption is not None:
            self._caption = None
        p, self._pending = self._pending, None
        if p is None:
            return
        parts = split_parts(p.text, p.items)
        pins = [part.pin for part in parts if part.pin]
        for pin in sorted({x for x in pins if pins.count(x) > 1}):
            self.report.error(p.loc, f"sub-term id '{{#{pin}}}' is used twice in '{p.term}'; each needs its own")
        section = self._heading[0] if self._heading else "intro"
        fid = p.pin or f"m{self.module:02d}-{section}-{slug(p.term)}"
        fact = Fact(
            id=fid, term=p.term, text="\n".join([p.text, *p.items]).strip(), parts=parts,
            formulas=find_formulas(plain(p.term), parts), thresholds=find_thresholds(parts),
            code=tuple(p.code), pinned=p.pin is not None, loc=p.loc, module=self.module, section=section,
            edits=p.edits,
        )
        self._add(Definition(fact))

    def _add(self, block: Block) -> None:
        (self._blocks if self._heading else self.intro).append(block)

    def _close_section(self) -> None:
        if self._heading is None:
            return
        key, number, title, loc = self._heading
        self.sections.append(Section(key, number, title, tuple(self._blocks), loc))
        self._heading, self._blocks = None, []


def _matching_close(tokens: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _fence_closed(tok: Token, lines: list[str]) -> bool:
    """markdown-it lets an unclosed fence run to the end of the file; detect that."""
    assert tok.map is not None
    last = lines[tok.map[1] - 1].strip() if tok.map[1] - 1 < len(lines) else ""
    return tok.map[1] - tok.map[0] >= 2 and last.startswith(tok.markup) and set(last) <= set(tok.markup[0])
