"""guide.yaml → Exam and Domains, with line numbers for every complaint."""
from __future__ import annotations

from typing import Any

import yaml

from generator.errors import GuideError, Reporter
from generator.model import Domain, Exam, Location


class _Loader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping and of each of its keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


class LineDict(dict):  # type: ignore[type-arg]
    """A dict that knows the line it and its keys start on."""

    line: int = 0
    key_lines: dict[str, int]


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class TextLoader(yaml.BaseLoader):
    """Like _Loader, but every scalar stays text: an answer "No" or "1.0" is not a boolean or a number."""


TextLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, file: str, first_line: int = 1, loader: type = _Loader) -> Any:
    """Parse YAML; a syntax error becomes a GuideError at its line."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader and BaseLoader subclasses
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        if context is not None and ("stream end" in problem or "end of stream" in problem):
            # An unclosed [ or { is only noticed at the end of the file: point at where it was opened.
            what = str(getattr(exc, "context", "") or "a bracket").removeprefix("while parsing ").removeprefix("while scanning ")
            problem = f"{what} opened here is never closed ({problem})"
            mark = context
        line = first_line + mark.line if mark else None
        raise GuideError.at(Location(file, line), f"invalid YAML: {problem}") from None


def _line(mapping: Any, key: str | None = None) -> int | None:
    if not isinstance(mapping, LineDict):
        return None
    return mapping.key_lines.get(key, mapping.line) if key else mapping.line


def read_config(text: str, file: str, report: Reporter) -> tuple[Exam, tuple[Domain, ...]]:
    """Validate guide.yaml and build the exam and its domains."""
    data = load_yaml(text, file)
    if not isinstance(data, dict):
        raise GuideError.at(Location(file, 1), "must be a mapping with the keys 'exam' and 'domains'")
    exam = _exam(data, file, report)
    domains = _domains(data, file, report)
    report.raise_errors()
    return exam, domains


def _exam(data: dict[str, Any], file: str, report: Reporter) -> Exam:
    raw = data.get("exam")
    if not isinstance(raw, dict):
        report.error(Location(file, _line(data, "exam") or 1), "missing required mapping 'exam' (with 'code' and 'title')")
        return Exam("?", "?")
    for key in ("code", "title"):
        if not isinstance(raw.get(key), (str, int)) or not str(raw.get(key)).strip():
            report.error(Location(file, _line(raw, key)), f"exam: missing required key '{key}'")
    numbers = {}
    for key in ("questions", "duration_minutes", "scored_questions", "unscored_questions"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            report.error(Location(file, _line(raw, key)), f"exam: '{key}' must be a positive whole number, not {value!r}")
        numbers[key] = value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
    total, scored, unscored = numbers["questions"], numbers["scored_questions"], numbers["unscored_questions"]
    if total and scored and (scored + (unscored or 0) != total if unscored else scored > total):
        report.error(Location(file, _line(raw, "scored_questions")),
                     f"exam: scored ({scored}) and unscored ({unscored or 0}) questions do not add up to {total}")
    types = raw.get("question_types") or []
    if not isinstance(types, list) or not all(isinstance(t, str) and t.strip() for t in types):
        report.error(Location(file, _line(raw, "question_types")), "exam: 'question_types' must be a list of names, "
                     "e.g. [multiple choice, multiple response, ordering, matching]")
        types = []
    p = raw.get("passing_score")
    return Exam(
        code=str(raw.get("code", "?")).strip(),
        title=str(raw.get("title", "?")).strip(),
        questions=total,
        duration_minutes=numbers["duration_minutes"],
        passing_score=None if p is None else str(p),
        scored_questions=scored,
        unscored_questions=unscored,
        question_types=tuple(t.strip() for t in types),
    )


def _domains(data: dict[str, Any], file: str, report: Reporter) -> tuple[Domain, ...]:
    raw = data.get("domains")
    if not isinstance(raw, list) or not raw:
        report.error(Location(file, _line(data, "domains") or 1), "missing required list 'domains' (each with id, title, weight)")
        return ()
    domains: list[Domain] = []
    for entry in raw:
        loc = Location(file, _line(entry))
        if not isinstance(entry, dict):
            report.error(loc, f"each domain must be a mapping with id, title and weight, not {entry!r}")
            continue
        missing = [k for k in ("id", "title", "weight") if entry.get(k) in (None, "")]
        if missing:
            report.error(loc, f"domain is missing required key(s): {', '.join(missing)}")
            continue
        weight = entry["weight"]
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            report.error(Location(file, _line(entry, "weight")), f"domain {entry['id']}: weight must be a positive number of percent, not {weight!r}")
            continue
        if any(d.id == str(entry["id"]) for d in domains):
            report.error(Location(file, _line(entry, "id")), f"domain id {entry['id']!r} is used twice")
            continue
        domains.append(Domain(str(entry["id"]), str(entry["title"]).strip(), float(weight), loc))
    total = sum(d.weight for d in domains)
    if domains and len(domains) == len(raw) and abs(total - 100) > 1e-6:
        report.error(Location(file, _line(data, "domains")), f"domain weights add up to {total:g}, not 100")
    return tuple(domains)
