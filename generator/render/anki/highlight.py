"""Code examples for the back of a card: Pygments with inline styles (no stylesheet needed in Anki)."""
from __future__ import annotations

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer  # a plain import: the package's lazy attribute is not thread-safe
from pygments.util import ClassNotFound

from generator.model import CodeBlock
from generator.text import inline_html

MAX_LINES = 15
"""Longer examples stay on the cheat sheets; the card only points to them."""


def code_html(blocks: tuple[CodeBlock, ...], caption: str = "") -> str:
    """Highlighted HTML of short code blocks (a pointer for long ones), under an optional Markdown caption."""
    out = [f'<div class="code-caption">{inline_html(caption)}</div>'] if caption else []
    for block in blocks:
        lines = block.code.rstrip("\n").count("\n") + 1
        if block.caption:
            out.append(f'<div class="code-caption">{inline_html(block.caption)}</div>')
        if lines > MAX_LINES:
            out.append(f'<div class="code-note">Code example ({lines} lines): see the cheat sheet.</div>')
        else:
            out.append(highlight_code(block.code, block.lang))
    return "".join(out)


def highlight_code(code: str, lang: str) -> str:
    """One block highlighted with inline styles; unknown languages come out as escaped plain text."""
    try:
        lexer = get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    formatter = HtmlFormatter(noclasses=True, style="friendly", cssclass="code", wrapcode=True)
    return highlight(code, lexer, formatter).replace("{{", "{&#123;").replace("}}", "}&#125;")
