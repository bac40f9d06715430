"""A ```question block in a module: a practice question the author wrote, checked with file:line errors.

    ```question
    type: multiple                 # single | multiple | ordering | matching
    stem: A team must … Which TWO actions meet these requirements?
    options:
      - "[x] Use SageMaker Serverless Inference"
      - "[ ] Use a real-time endpoint with two instances"
      - …
    explanation: Serverless Inference scales to zero …
    ```

Single and multiple answers mark the right options with ``[x]`` and the others with ``[ ]``; an ordering lists its
``steps:`` in the right order; a matching lists ``pairs:`` as ``prompt: item``. Optional: ``id:`` (keeps the question's
Anki note when it is moved), ``domain:`` (one of the module's domains). See docs/source-format.md.
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import GuideError, Reporter
from generator.model import AuthoredQuestion, Location
from generator.reader.config import LineDict, TextLoader, load_yaml

TYPES = ("single", "multiple", "ordering", "matching")
_KEYS = {"type", "stem", "options", "steps", "pairs", "explanation", "id", "domain"}
_MARK = re.compile(r"^\[(?P<mark>[ xX])\]\s+(?P<text>\S.*)$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_question(text: str, loc: Location, section: str, number: int, report: Reporter) -> AuthoredQuestion | None:
    """Parse one block; report every problem at its line and return None if there was one."""
    first = (loc.line or 0) + 1
    try:
        data = load_yaml(text, loc.file, first, TextLoader) if text.strip() else None
    except GuideError as exc:
        for d in exc.diagnostics:
            report.error(d.loc, d.message)
        return None
    if not isinstance(data, dict):
        report.error(loc, "a ```question block holds 'type:', 'stem:', the options and 'explanation:'")
        return None
    errors = len(report.errors)
    at = _locator(data, first, loc)
    for key in data:
        if key not in _KEYS:
            report.error(at(key), f"unknown key '{key}' in a ```question block")
    kind = str(data.get("type", "")).strip()
    if kind not in TYPES:
        report.error(at("type"), f"'type:' must be one of {', '.join(TYPES)}, not {kind!r}")
    for key in ("stem", "explanation"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            report.error(at(key), f"a question needs '{key}:'")
    qid = str(data.get("id", f"q{number}"))
    if not _ID.match(qid):
        report.error(at("id"), f"question id '{qid}' must be lower-case letters, digits and '-'")
    options, answer, prompts = _body(kind, data, at, report)
    if len(report.errors) > errors:
        return None
    domain = data.get("domain")
    return AuthoredQuestion(qid, kind, data["stem"].strip(), options, answer, data["explanation"].strip(),  # type: ignore[arg-type]
                            section, str(domain).strip() if domain else None, loc, prompts)


def _locator(data: Any, first: int, fallback: Location) -> Any:
    def at(key: str) -> Location:
        if isinstance(data, LineDict) and key in data.key_lines:
            return Location(fallback.file, first + data.key_lines[key] - 1)
        return fallback

    return at


def _body(kind: str, data: dict[str, Any], at: Any, report: Reporter) -> tuple[tuple[str, ...], tuple[int, ...],
                                                                           tuple[str, ...]]:
    if kind in ("single", "multiple"):
        return _marked(kind, data.get("options"), at("options"), report) + ((),)
    if kind == "ordering":
        steps = data.get("steps")
        if not _strings(steps) or not 3 <= len(steps) <= 5:
            report.error(at("steps"), "an ordering question lists 3 to 5 'steps:' in the right order")
            return (), (), ()
        return tuple(s.strip() for s in steps), tuple(range(len(steps))), ()
    if kind == "matching":
        pairs = data.get("pairs")
        if not isinstance(pairs, dict) or not 3 <= len(pairs) <= 5 or not all(
                isinstance(v, str) and v.strip() for v in pairs.values()):
            report.error(at("pairs"), "a matching question lists 3 to 5 'pairs:' as 'prompt: item'")
            return (), (), ()
        items = tuple(v.strip() for v in pairs.values())
        if len(set(items)) != len(items):
            report.error(at("pairs"), "each prompt of a matching question needs its own item")
        return items, tuple(range(len(items))), tuple(str(k).strip() for k in pairs)
    return (), (), ()


def _marked(kind: str, raw: Any, loc: Location, report: Reporter) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Options marked "[x] right" / "[ ] wrong": their texts and the indexes of the right ones."""
    marks = [_MARK.match(o.strip()) for o in raw] if _strings(raw) else []
    if not marks or not all(marks):
        report.error(loc, "'options:' lists each option as \"[x] right\" or \"[ ] wrong\"")
        return (), ()
    texts = tuple(m.group("text").strip() for m in marks if m)
    right = tuple(i for i, m in enumerate(marks) if m and m.group("mark") != " ")
    need = (1, 4, 4) if kind == "single" else (2, 5, 5)
    if len(right) != need[0] if kind == "single" else len(right) < need[0]:
        what = "exactly one right option" if kind == "single" else "at least two right options"
        report.error(loc, f"a {kind} question has {what}; this one has {len(right)}")
    if not need[1] <= len(texts) <= 6:
        report.error(loc, f"a {kind} question has {need[1]} to 6 options; this one has {len(texts)}")
    if len(set(texts)) != len(texts):
        report.error(loc, "two options read the same")
    return texts, right


def _strings(raw: Any) -> bool:
    return isinstance(raw, list) and bool(raw) and all(isinstance(x, str) and x.strip() for x in raw)
