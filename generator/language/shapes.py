"""The shape of a piece of text, which decides the question asked about it.

A text may be a list of items, an enumeration of names with their roles ("Polly (text-to-speech), Transcribe
(speech-to-text), …"), numbered steps, a sentence led by a verb ("Supports CSV, JSON …"), a sentence with its own
subject ("K-Means partitions data …"), an adjective with its preposition ("Sensitive to outliers"), or plain prose.
Pure functions over inline Markdown; nothing here phrases a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.language.english import BASE_VERBS, DETERMINERS, PREPOSITIONS, VERBS, is_plural

_STEP = re.compile(r"\((\d+)\)\s+")
_ADVERB = re.compile(r"^[A-Z][a-z]+ly$")
_LIST_END = re.compile(r"^(?:and|or)\s+", re.I)
_INCLUDE = re.compile(r"^(?P<cat>[A-Z][\w/&' -]{0,60}?)\s+(?:include|includes|are|such as)\s+(?P<list>.+)$", re.S)
_ADJECTIVE_ENDINGS = ("ive", "ant", "ent", "able", "ible", "ful", "ed", "er", "al", "ous")
_MATH = re.compile(r"[+×*√Σ^|−]| - | / |\(\d+/\w+\)|\w/\(|\)/|\d/\d|\w\([^)]*\)\s*[/×*]")
_ADJECTIVE_PREPOSITIONS = frozenset("to for than with against on from in".split())


@dataclass(frozen=True)
class Enumeration:
    """Names with their roles: "Polly (text-to-speech), Transcribe (speech-to-text), …"."""

    category: str
    """What the names are, as written ("Services", "SageMaker components"), or "" when the text does not say."""
    items: tuple[tuple[str, str], ...]
    """(name, role) pairs in order; the role is the parenthetical without its brackets."""

    @property
    def cues(self) -> str:
        """How the roles can cue their names: "role" (a function or a verb phrase), "value" (numbers), or ""."""
        kinds = [role_kind(name, role) for name, role in self.items]
        if all(k == "value" for k in kinds):
            return "value"
        good = sum(1 for k in kinds if k in ("activity", "verb", "thing", "base"))
        return "role" if good >= 3 and good * 4 >= len(kinds) * 3 else ""


_ACTIVITY_ENDINGS = ("ion", "ions", "ing", "ment", "sis", "ics", "ance", "ence", "ity", "ysis", "prep", "ai")
_THINGS = frozenset("ide api sdk cli gui ui database warehouse store repository engine catalog cache queue registry "
                    "notebook dashboard chip chips hardware".split())


def role_kind(name: str, role: str) -> str:
    """What a parenthetical says of its name: "activity" (speech-to-text, NLP), "verb" (detects …), "thing" (IDE),
    "value" (0.01-0.3), or "" (a detail that cannot cue the name: an expansion, an example, a number with words)."""
    low = role.lower().strip()
    words = low.split()
    if re.fullmatch(r"[~<>≤≥]?\s?\d[\d.,]*\s?(?:[-–]|to)\s?\d[\d.,]*\s?\w{0,8}|[<>≤≥]\s?\d[\d.,]*\w{0,3}", low):
        return "value"
    if len(words) > 5 or re.search(r"\d|:|\bvs\b|→|%|e\.g\.|\bfor\b|^typical|,", low):
        return ""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", role) if w)
    if name.isupper() and initials.upper().startswith(name[:2]):
        return ""  # an acronym and its expansion: "MAE (Mean Absolute Error)"
    if words[0] in VERBS:
        return "verb"
    if words[0] in BASE_VERBS and len(words) > 1:
        return "base"
    last = words[-1].strip(".")
    if last in _THINGS:
        return "thing"
    if last.endswith(_ACTIVITY_ENDINGS) or "-to-" in low or (role.split()[-1].isupper() and len(last) <= 5):
        return "activity"
    if last in ("recommendations", "time-series", "forecasts", "translation", "search", "analytics", "vision"):
        return "activity"
    return ""


def strip_end(text: str) -> str:
    """The text without its final full stop (or the colon that introduced code below it)."""
    return text.strip().removesuffix(".").removesuffix(":").strip()


def items_of(text: str) -> list[str]:
    """Top-level items of a list written inline: split at ", " and "; " outside brackets, "and"/"or" dropped."""
    out, depth, start = [], 0, 0
    body = strip_end(text)
    for i, ch in enumerate(body):
        depth += (ch in "([{") - (ch in ")]}" and depth > 0)
        if ch in ",;" and depth == 0 and body[i + 1 : i + 2] == " ":
            out.append(body[start:i])
            start = i + 2
    out.append(body[start:])
    return [_LIST_END.sub("", item.strip()) for item in out if item.strip()]


def is_list(text: str, at_least: int = 3, longest: int = 8) -> bool:
    """A text that is an inline list of at least ``at_least`` short items (at most ``longest`` words each)."""
    items = items_of(text)
    return len(items) >= at_least and all(len(i.split()) <= longest for i in items)


def enumeration(text: str, category: str = "") -> Enumeration | None:
    """Names with parenthetical roles, at least three, nearly all with a role; else None.

    ``category`` is the label the text stands under, if any; otherwise "Services include …" gives it.
    """
    body = strip_end(text)
    m = _INCLUDE.match(body)
    if m and not category:
        category, body = m.group("cat"), m.group("list")
    elif body.startswith(("Includes ", "Include ")):
        body = body.split(" ", 1)[1]
    pairs = [_name_role(item) for item in items_of(body)]
    named = [p for p in pairs if p is not None]
    if len(named) < 3 or len(named) < len(pairs) - (len(pairs) // 4):
        return None
    return Enumeration(category.strip(), tuple(named))


def _name_role(item: str) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?P<name>[^()]{2,60}?)\s*\((?P<role>[^()]{2,80})\)", item.strip())
    if not m or len(m.group("name").split()) > 5 or len(m.group("role").split()) > 9:
        return None
    name = m.group("name").strip()
    if name.split()[0].lower() in DETERMINERS:
        return None
    return name, m.group("role").strip()


def steps(text: str) -> list[str]:
    """The steps of "(1) Do this, (2) do that, (3) …" written in one text; [] when there are fewer than three."""
    pieces = _STEP.split(text)
    if len(pieces) < 7 or pieces[0].strip():
        return []
    found = [strip_end(pieces[i + 1]).rstrip(",;").strip() for i in range(1, len(pieces), 2)]
    numbers = [int(pieces[i]) for i in range(1, len(pieces), 2)]
    return found if numbers == list(range(1, len(found) + 1)) else []


def step_name(step: str) -> str:
    """A step's short name: the words before its colon, dash or bracket ("Assess data: size …" → "Assess data")."""
    short = re.split(r":\s|\s[-–—]\s|\s\(|,\s", step, maxsplit=1)[0].strip().rstrip(".")
    words = short.split()
    return " ".join(words[:7]) if len(words) <= 7 else ""


_NOUN_SIGNS = frozenset("are is was were can could must should may might will have".split())
_VERB_PREPOSITIONS = frozenset("with to as on from into for in against over".split())


def verb_led(text: str, capital: bool = True) -> tuple[str, str] | None:
    """"Supports CSV, JSON …" → ("supports", "CSV, JSON …"): a sentence whose subject is the term, left out.

    A verb that takes a preposition keeps it ("Integrates with Glue Data Catalog" → ("integrates with", "Glue …")).
    ``capital``: the text is a sentence of its own (its first word capitalised), not the body of a label.
    """
    words = text.split(" ")
    lead = 0
    if _ADVERB.match(words[0].capitalize()) and len(words) > 2 and words[1].lower() in VERBS:
        lead = 1
    verb = words[lead]
    if verb.lower() not in VERBS or (capital and not words[0][:1].isupper()) or len(words) < lead + 2:
        return None
    if verb.lower() in ("is", "has", "does") or words[lead + 1].lower() in _NOUN_SIGNS:
        return None  # "Labels are accurate": a plural noun, not a verb
    taken = lead + 1
    if words[taken].lower() in _VERB_PREPOSITIONS and len(words) > taken + 1:
        taken += 1
    phrase = " ".join(words[:taken])
    return phrase[:1].lower() + phrase[1:], strip_end(" ".join(words[taken:]))


def base_led(text: str, capital: bool = True) -> tuple[str, str] | None:
    """"Classify based on K nearest …" → ("classify", "based on …"): an imperative or infinitive sentence."""
    words = text.split(" ")
    lead = 1 if _ADVERB.match(words[0].capitalize()) and len(words) > 1 else 0
    if len(words) < lead + 2 or (capital and not words[0][:1].isupper()):
        return None
    if words[lead].lower() not in BASE_VERBS or words[lead + 1].lower() in _NOUN_SIGNS | {"of"}:
        return None  # "Share of correct predictions": a noun
    return " ".join(words[: lead + 1]).lower(), strip_end(" ".join(words[lead + 1 :]))


def subject_led(text: str) -> tuple[str, str, str] | None:
    """"K-Means partitions data into K clusters" → ("K-Means", "partitions", "data into K clusters").

    The subject is one to six words starting with a capital, with no determiner or verb in it; the verb agrees with
    it (a plural subject takes the base form: "Anomalies require more cuts").
    """
    depth = 0
    tokens = text.split(" ")
    for i, token in enumerate(tokens):
        depth += token.count("(") - token.count(")")
        if i == 0 or depth > 0 or i > 6 or _ADVERB.match(token.capitalize()) and i + 1 < len(tokens):
            continue
        word = token.lower()
        if not token[:1].islower():
            continue  # "Kinesis Data Streams for …": a capitalised word belongs to a name, it is not the verb
        adverb = i > 1 and _ADVERB.match(tokens[i - 1].capitalize()) is not None
        subject = " ".join(tokens[: i - 1] if adverb else tokens[:i])
        plural = is_plural(subject)
        if (word in VERBS and word not in ("is", "has", "does") and not plural) or (plural and word in BASE_VERBS):
            if _plausible_subject(subject.split(" ")) and i + 1 < len(tokens):
                rest = tokens[i + 1 :]
                if adverb:
                    word = f"{tokens[i - 1].lower()} {word}"
                if rest[0].lower() in _VERB_PREPOSITIONS and len(rest) > 1:
                    word, rest = f"{word} {rest[0].lower()}", rest[1:]
                return subject, word, strip_end(" ".join(rest))
            return None
    return None


def _plausible_subject(words: list[str]) -> bool:
    if any(w.endswith(",") or w.lower() in ("that", "which", "who", "where", "when") for w in words):
        return False  # "Training jobs, processing jobs, models run in …", "Inference that scales …": not one subject
    bare = [w for w in words if not w.startswith("(")]
    if not bare or not words[0][:1].isupper() or words[0].lower() in DETERMINERS:
        return False
    if len(bare) == 1 and not any(c.isupper() or c.isdigit() for c in bare[0][1:]):
        return False  # "Problem requires …", "Time-based splits …": a bare common word is no subject
    if any(w.lower().strip("(),") in PREPOSITIONS | {"and", "or"} for w in bare[1:]):
        return len(bare) <= 3 and bare[-1][:1].isupper()
    return not any(w.lower() in BASE_VERBS and j == 0 for j, w in enumerate(bare) if len(bare) > 1)


def adjective_led(text: str) -> tuple[str, str] | None:
    """"Sensitive to outliers (…)" → ("sensitive to", "outliers (…)")."""
    words = text.split(" ", 2)
    if len(words) < 3 or not words[0][:1].isupper():
        return None
    adjective, preposition = words[0].lower(), words[1].lower()
    if preposition not in _ADJECTIVE_PREPOSITIONS or not adjective.endswith(_ADJECTIVE_ENDINGS):
        return None
    if adjective in VERBS or adjective in BASE_VERBS:
        return None
    return f"{adjective} {preposition}", strip_end(words[2])


def use_led(text: str) -> tuple[str, str] | None:
    """"Use for ad-hoc analysis …" → ("Use for", "ad-hoc analysis …"): advice written without a colon."""
    m = re.match(r"^(Use(?:d)? (?:for|when|to|only when)|Used in|Apply (?:using|with)|Implement (?:using|with))\s+(.+)$",
                 text.strip(), re.S)
    if not m:
        return None
    return m.group(1), strip_end(m.group(2))


def is_math(rhs: str) -> bool:
    """Whether a formula's right-hand side is an expression rather than prose the reader took for one."""
    return bool(_MATH.search(rhs)) and sum(w.isalpha() and w.islower() and len(w) > 3 for w in rhs.split()) <= 6
