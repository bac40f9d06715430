"""Inline Markdown helpers shared by every renderer: safe HTML and plain text."""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MARKUP = re.compile(r"[*_`\[\]\\<>&!~\n\r]")
"""Characters that may start inline Markdown; a text without any is its own plain text."""


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # "js-default" has raw HTML off: `<script>` in the guide is text, never markup.
    return MarkdownIt("js-default", {"linkify": False, "typographer": False})


@lru_cache(maxsize=65536)
def inline_html(md: str) -> str:
    """Inline Markdown → escaped HTML (bold, italics, code rendered; raw HTML shown as text)."""
    return _md().renderInline(md)


@lru_cache(maxsize=65536)
def plain(md: str) -> str:
    """Inline Markdown → plain text without markup characters."""
    if not _MARKUP.search(md) and md == md.strip():
        return md  # most clauses: skip the parser (a build calls this for every text of the guide)
    return parsed_plain(md)


def parsed_plain(md: str) -> str:
    """``plain`` by the Markdown parser, for every text (what the fast path must agree with)."""
    tokens = _md().parseInline(md)
    out: list[str] = []
    for tok in tokens:
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)


def words(text: str) -> list[str]:
    """The words of a plain text (for counting answer length)."""
    return _WORD.findall(text)


def slug(text: str) -> str:
    """Lower-case ASCII slug: letters and digits joined by single hyphens."""
    ascii_text = plain(text).lower().encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"
