"""How a definition's parts read: labels inside sentences and numbered steps."""
from __future__ import annotations

import re
from html import escape as _html_escape

from generator.model import Part

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


def escape(text: str) -> str:
    """Escape text for HTML (quotes are left alone: nothing goes into attributes)."""
    return _html_escape(text, quote=False)
