"""The ```cards block under a definition: the author's changes to its cards, validated with file:line errors.

    ```cards
    ask:
      core: What share of predicted positives does precision measure?
    skip: [clause-use-when]
    add:
      - q: Which metric matters most when false positives are costly?
        a: Precision
    ```

Card ids are those ``studygen cards`` prints after the definition's id ("core", "clause-use-when", "item-polly").
Whether an id exists is checked by the Anki renderer, which makes the cards (``generator.render.anki.edits``).
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import GuideError, Reporter
from generator.model import CardEdits, Location
from generator.reader.config import LineDict, TextLoader, load_yaml

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_card_edits(text: str, loc: Location, report: Reporter) -> CardEdits | None:
    """Parse and check the block's YAML; report every problem at its line and return None if there was one."""
    first = (loc.line or 0) + 1
    try:
        data = load_yaml(text, loc.file, first, TextLoader) if text.strip() else None
    except GuideError as exc:
        for d in exc.diagnostics:
            report.error(d.loc, d.message)
        return None
    errors = len(report.errors)
    if not isinstance(data, dict):
        report.error(loc, "a ```cards block holds 'ask:', 'skip:' and/or 'add:' (see docs/source-format.md)")
        return None
    for key in data:
        if key not in ("ask", "skip", "add"):
            report.error(_at(data, first, loc, key), f"unknown key '{key}' in a ```cards block (use ask, skip, add)")
    ask = _ask(data.get("ask"), _at(data, first, loc, "ask"), report)
    skip = _skip(data.get("skip"), _at(data, first, loc, "skip"), report)
    add = _add(data.get("add"), _at(data, first, loc, "add"), first, report)
    if len(report.errors) > errors:
        return None
    return CardEdits(loc, ask, skip, add)


def _at(mapping: Any, first: int, fallback: Location, key: str | None = None) -> Location:
    if isinstance(mapping, LineDict):
        line = mapping.key_lines.get(key, mapping.line) if key else mapping.line
        return Location(fallback.file, first + line - 1)
    return fallback


def _ask(raw: Any, loc: Location, report: Reporter) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        report.error(loc, "'ask:' maps card ids to questions, e.g. 'core: What does precision measure?'")
        return ()
    bad = [str(k) for k in raw if not _ID.match(str(k))]
    if bad:
        report.error(loc, f"'ask:' has a card id that is not one: {', '.join(bad)} (see `studygen cards`)")
    return tuple((str(k), str(v).strip()) for k, v in raw.items())


def _skip(raw: Any, loc: Location, report: Reporter) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) and _ID.match(i) for i in items):
        report.error(loc, "'skip:' is a list of card ids, e.g. 'skip: [clause-use-when]'")
        return ()
    return tuple(items)


def _add(raw: Any, loc: Location, first: int, report: Reporter) -> tuple[tuple[str, str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        report.error(loc, "'add:' is a list of cards, each with 'q:' and 'a:'")
        return ()
    cards: list[tuple[str, str, str]] = []
    for n, item in enumerate(raw, start=1):
        here = _at(item, first, loc)
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip() for k in "qa"):
            report.error(here, "each card under 'add:' needs a question 'q:' and an answer 'a:'")
            continue
        unknown = [str(k) for k in item if k not in ("q", "a", "id")]
        if unknown:
            report.error(here, f"unknown key(s) {', '.join(unknown)} in a card under 'add:' (use q, a and id)")
        card_id = str(item.get("id", f"add-{n}"))
        if not _ID.match(card_id):
            report.error(here, f"card id '{card_id}' must be lower-case letters, digits and '-'")
        if any(c[0] == card_id for c in cards):
            report.error(here, f"card id '{card_id}' is used twice in this block")
        cards.append((card_id, item["q"].strip(), item["a"].strip()))
    return tuple(cards)
