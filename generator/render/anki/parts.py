"""How a definition's parts read: labels inside sentences, numbered steps, and the names a term goes by."""
from __future__ import annotations

import re
from html import escape as _html_escape

from generator.model import Part
from generator.text import plain

STEP = re.compile(r"^\((\d+)\)\s+")
"""A numbered step: "(2) Ingest features …"."""
_ITEM_LABEL = re.compile(r"^([A-Z][\w /&()-]{0,40}):\s")
_NAMED_LABEL = re.compile(r"^([A-Z][\w/&-]*(?: [\w/&-]+){0,3} \([^()]{1,60}\)):\s")


def step_of(part: Part) -> int | None:
    """The number of a numbered step ("(2) Ingest features …")."""
    m = STEP.match(part.text)
    return int(m.group(1)) if m and part.kind in ("core", "sentence") else None


def label_of(part: Part) -> str | None:
    """A part's label: a clause's, a list item's "Label: …", or a sentence's "MCAR (Missing …): …"."""
    if part.kind == "clause":
        return part.label
    pattern = _ITEM_LABEL if part.kind == "item" else _NAMED_LABEL
    m = pattern.match(part.text)
    return m.group(1) if m else None


def body_of(part: Part) -> str:
    """A part's text without its label."""
    label = label_of(part)
    return part.text if part.kind == "clause" or not label else part.text[len(label) + 1 :].strip()


def display_term(term: str) -> str:
    """The term as questions name it: without a step number ("1. Business Objective" → "Business Objective")."""
    return re.sub(r"^\d+\.\s+", "", term)


def names(term: str) -> list[str]:
    """Ways the text may name a term: as written, without its parenthetical, and the parenthetical acronym."""
    text = plain(term).strip()
    out = [text]
    m = re.fullmatch(r"(?P<name>.+?)\s*\((?P<paren>[^()]+)\)", text)
    if m:
        out.append(m.group("name"))
        out += [p.strip() for p in m.group("paren").split(",") if re.fullmatch(r"[A-Z][A-Za-z0-9²@-]{1,9}", p.strip())]
    out += [n.replace(" ", "") for n in out if " " in n and all(w[:1].isupper() for w in n.split())]
    return [n for n in out if len(n) >= 2]


def mask_term(html: str, term: str) -> str:
    """Hide the term's names in a statement so a reverse card does not give its answer away."""
    for name in sorted(names(term), key=len, reverse=True):
        html = mask_word(html, escape(name), fold=" " in name)
    return html


def mask_word(text: str, word: str, fold: bool = False) -> str:
    r"""``text`` with every occurrence of ``word`` that is no part of a longer word or hyphenated compound replaced
    by "___"; ``fold``: ignoring case. The same as ``re.sub(r"(?<![\w-])WORD(?![\w-])", "___", text)`` (with
    ``re.I`` for ``fold``) without compiling a pattern per word: the deck has hundreds of names, ~0.25 ms each."""
    hay, needle = text, word
    if fold:
        if not (text.isascii() and word.isascii()):  # Unicode case-insensitive matching has more rules than lower()
            return re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", "___", text, flags=re.I)
        hay, needle = text.lower(), word.lower()
    out: list[str] = []
    done = start = 0
    while (i := hay.find(needle, start)) != -1:
        end = i + len(needle)
        if (i == 0 or not _wordish(text[i - 1])) and (end == len(text) or not _wordish(text[end])):
            out += [text[done:i], "___"]
            done = start = end
        else:
            start = i + 1
    return "".join(out) + text[done:] if out else text


def _wordish(char: str) -> bool:
    r"""``[\w-]`` of a regular expression: a letter, digit, underscore or hyphen."""
    return char.isalnum() or char in "_-"


def escape(text: str) -> str:
    """Escape text for HTML (quotes are left alone: nothing goes into attributes)."""
    return _html_escape(text, quote=False)
