"""Code blocks for the cheat sheets: Pygments tokens → escaped HTML lines with short token classes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, String, _TokenType
from pygments.util import ClassNotFound

from generator.model import CodeBlock
from generator.text import inline_html

# Token type → class in templates/cheatsheet/sheet.css; the first match walking up the token's parents wins.
_CLASSES: tuple[tuple[_TokenType, str], ...] = (
    (Comment, "c"),
    (String.Doc, "c"),
    (Name.Tag, "nt"),
    (String, "s"),
    (Number, "m"),
    (Keyword, "k"),
    (Operator.Word, "k"),
    (Name.Decorator, "nd"),
    (Name.Function, "nf"),
    (Name.Class, "nf"),
    (Name.Builtin, "nb"),
)


_BREAK_AFTER = re.compile(r"(?<=[.,(\[{/:=])(?=\S)")
_UNBROKEN = re.compile(r"\S{25,}")
_LONG_LINE = 36
"""Lines longer than this get explicit break opportunities."""
_ZWSP = "\u200b"
"""Zero-width space: a break opportunity that, unlike <wbr>, adds no box to lay out."""


@dataclass(frozen=True)
class CodeLine:
    """One source line: its indentation in spaces and its highlighted text without the indentation."""

    indent: int
    html: Markup


@dataclass(frozen=True)
class CodeView:
    """A highlighted code block ready for the template."""

    caption: Markup | None
    lang: str
    lines: tuple[CodeLine, ...]


def _lexer(lang: str) -> Lexer:
    """The Pygments lexer for a fence language; plain text when unknown."""
    try:
        return get_lexer_by_name(lang or "text", stripnl=False, ensurenl=False, tabsize=4)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def preload_lexers(langs: tuple[str, ...] = ("python", "json", "yaml", "bash", "text")) -> None:
    """Load pygments' lexer table and the lexers of the commonest code fences (the first lookup costs ~40 ms)."""
    for lang in langs:
        _lexer(lang)


def _css_class(ttype: _TokenType) -> str | None:
    """The short class of a token type, or None for plain text."""
    return next((cls for kind, cls in _CLASSES if ttype in kind), None)


def highlight_lines(code: str, lang: str) -> list[list[tuple[str | None, str]]]:
    """Tokenise and split into lines of (class, text) runs."""
    lines: list[list[tuple[str | None, str]]] = [[]]
    for ttype, value in _lexer(lang).get_tokens(code.expandtabs(4)):
        cls = _css_class(ttype)
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if piece and lines[-1] and lines[-1][-1][0] == cls:
                lines[-1][-1] = (cls, lines[-1][-1][1] + piece)
            elif piece:
                lines[-1].append((cls, piece))
    return lines


def _line(runs: list[tuple[str | None, str]]) -> CodeLine:
    """One line's runs → indentation and HTML (the leading spaces become the indent)."""
    text = "".join(t for _, t in runs)
    indent = len(text) - len(text.lstrip(" "))
    cuts = sorted(_break_points(text)) if len(text) - indent > _LONG_LINE else []
    html: list[Markup] = []
    pos = 0
    for cls, piece in runs:
        start, end = max(pos, indent), pos + len(piece)
        pos = end
        if start >= end:
            continue
        inner = [c for c in cuts if start <= c < end]
        bounds = [start, *[c for c in inner if c > start], end]
        body = Markup(_ZWSP).join(escape(text[a:b]) for a, b in zip(bounds, bounds[1:]))
        lead = Markup(_ZWSP) if html and start in inner else Markup("")
        html.append(lead + (Markup(f'<span class="{cls}">{body}</span>') if cls else body))
    return CodeLine(indent, Markup("").join(html))


def _break_points(text: str) -> set[int]:
    """Where a long code line may wrap: after punctuation, and every 20 characters of a long unbroken word.

    WeasyPrint's overflow-wrap does not break a word that runs across inline elements (highlighted tokens), so a
    long line would overflow its column; explicit break opportunities avoid that.
    """
    points = {m.start() for m in _BREAK_AFTER.finditer(text)}
    for word in _UNBROKEN.finditer(text):
        inside = sorted(p for p in points if word.start() < p < word.end())
        for a, b in zip([word.start(), *inside], [*inside, word.end()]):
            points.update(range(a + 20, b - 4, 20))
    return points


def code_view(block: CodeBlock) -> CodeView:
    """A code block → caption and highlighted lines."""
    lines = highlight_lines(block.code.rstrip("\n"), block.lang)
    caption = Markup(inline_html(block.caption)) if block.caption else None
    return CodeView(caption, block.lang, tuple(_line(runs) for runs in lines))
