"""Small English helpers for phrasing questions: number, verb forms, articles and true case.

Pure functions over plain text. They know general English, not any subject: the words they list are grammar words
(verbs, determiners, prepositions), never terms of a guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BASE_VERBS = (
    "accept add adjust log aggregate allow analyze apply assign automate avoid balance block build calculate capture "
    "catch centralize change check choose classify clean collect combine compare compile compress compute connect "
    "contain control convert correct create decide decrease define delete deliver depend describe detect determine "
    "discover display distribute divide downweight eliminate emphasize emit enable encode encrypt enforce ensure "
    "estimate evaluate execute expose extend extract find fit flag focus follow forecast generate give group guarantee "
    "handle help hide hold host identify ignore implement improve include increase indicate ingest inherit integrate "
    "introduce isolate keep label launch lead learn let limit list load lose maintain make manage map mark match "
    "measure merge minimize monitor move need normalize notify offer optimize orchestrate order organize output "
    "partition pass penalize perform permit persist place plot predict prepare preserve prevent process produce "
    "profile project propagate protect provide publish push query rank reach read receive record reduce register "
    "reject release remove replace replicate report represent require reset restrict resume retain retrieve return reuse "
    "rotate route run sample save scale scan schedule score select send separate serve set share shift show shrink "
    "simplify skip slow solve sort specify speed split spot start stop store stream suggest summarize support "
    "switch take target test trace track train transfer transform translate trigger tune turn update upload use "
    "validate vary spike drop rise fall grow vectorize cache parallelize document version visualize wait warn work write yield"
).split()


def third_person(verb: str) -> str:
    """"support" → "supports", "apply" → "applies", "catch" → "catches"."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


VERBS: dict[str, str] = {third_person(v): v for v in _BASE_VERBS} | {"has": "have", "does": "do", "is": "be"}
"""Third-person verb → base form ("provides" → "provide")."""
BASE_VERBS = frozenset(_BASE_VERBS)
DETERMINERS = frozenset("a an the this these that those it its they their each every other any all some both".split())
PREPOSITIONS = frozenset(
    "about above across after against along among around as at before behind below between by during for from in "
    "into of off on onto over per through to toward towards under until up upon via with within without".split()
)
_SINGULAR_S = frozenset("series news lens canvas analysis basis bias status".split())
_LOWER_KEEP = frozenset("of and or for to in on with the a an vs via per".split())


def is_plural(phrase: str) -> bool:
    """Whether a noun phrase's head noun looks plural ("Decision Trees" yes, "Bag of Words" no)."""
    words = re.sub(r"\([^)]*\)", " ", phrase.split(":")[-1]).split()
    lowered = [w.lower() for w in words]
    for prep in ("of", "for", "in", "with", "on", "per"):
        if prep in lowered[1:]:
            words = words[: lowered.index(prep, 1)]
            break
    if not words:
        return False
    head = words[-1].strip(".,;")
    low = head.lower()
    if not head[:1].isalpha() or (head.isupper() and not low.endswith("s")) or low in _SINGULAR_S:
        return False
    if sum(c.isupper() for c in head) >= 2 and not head[:-1].isupper():
        return False  # "MLOps", "DevOps": a name, while "APIs" and "CMKs" are plurals of acronyms
    if low.endswith("ics") and low not in ("metrics", "statistics", "topics", "characteristics"):
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


def be(phrase: str) -> str:
    """"is" or "are" for a noun phrase."""
    return "are" if is_plural(phrase) else "is"


def does(phrase: str) -> str:
    """"does" or "do" for a noun phrase."""
    return "do" if is_plural(phrase) else "does"


def singular(noun: str) -> str:
    """"strategies" → "strategy", "classes" → "class", "services" → "service"; other words unchanged."""
    low = noun.lower()
    if low.endswith("ies") and len(noun) > 4:
        return noun[:-3] + ("Y" if noun.isupper() else "y")
    if low.endswith(("sses", "ches", "shes", "xes")):
        return noun[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _SINGULAR_S:
        return noun[:-1]
    return noun


def singular_phrase(phrase: str) -> str:
    """The phrase with its last word made singular ("Deployment Strategies" → "Deployment Strategy")."""
    words = phrase.split(" ")
    return " ".join(words[:-1] + [singular(words[-1])])


def article(phrase: str) -> str:
    """"a" or "an" for a phrase (by its first letter, acronyms by their spoken letter)."""
    first = phrase.lstrip("*_`“\"(").split(" ")[0]
    if not first:
        return "a"
    if first[:2].isupper():  # an acronym, read letter by letter: "an ML model", "an MLOps principle"
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[0].lower() in "aeio" or first.lower().startswith(("un", "ul")) else "a"


@dataclass(frozen=True)
class Casing:
    """Which capitalised words are common words: those the guide also writes in lower case in its prose.

    "Random Forest" becomes "random forest" inside a question because the guide writes "random forest" elsewhere;
    "Amazon Athena" stays as written because "athena" never appears in lower case. Learned from the guide itself,
    so it works for any subject.
    """

    lower_words: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    """Capitalised phrases the guide writes mid-sentence ("Parameter Store" in "AWS Systems Manager Parameter Store")."""

    def lower(self, phrase: str) -> str:
        """The phrase as it reads inside a sentence: capitalised common words lowered, names kept whole.

        A phrase with a capitalised word the guide never writes in lower case ("SageMaker Data Wrangler",
        "Amazon Athena") is a name and keeps every capital; otherwise its merely capitalised words are lowered
        ("Random Forest" → "random forest"), acronyms kept ("ML Problem Formulation" stays a name only if
        "formulation" never appears in lower case).
        """
        words = phrase.split(" ")
        bare = re.sub(r"\s*\([^)]*\)", "", phrase).strip()
        if any(self._name_word(w) for w in words) or bare in self.names:
            return phrase
        if len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and words[1][:1].isupper():
            # "ROC Curve" → "ROC curve", "S3 Data Lake Best Practices" → "S3 data lake best practices"; a word the
            # guide never writes in lower case stays ("AWS Glue")
            return " ".join(words[:1] + [self._word(w) for w in words[1:]])
        return " ".join(self._word(w) for w in words)

    def _name_word(self, word: str) -> bool:
        core = word.strip("()[],.;:“”\"'")
        if not core[:1].isupper() or len(core) < 2 or core.isupper():
            return False
        return any(p and p not in "-/" and not self._common(p) and not p.isupper() for p in re.split(r"([-/])", core))

    def _word(self, word: str) -> str:
        core = word.strip("()[],.;:“”\"'")
        if not core or not core[:1].isupper():
            return word
        parts = re.split(r"([-/])", core)
        if all(p in "-/" or self._common(p) for p in parts):
            return word.replace(core, core.lower())
        return word

    def _common(self, part: str) -> bool:
        if not part[1:].islower() and len(part) > 1:
            return False  # acronyms and CamelCase names
        low = part.lower()
        forms = (low, low[:-1] if low.endswith("s") else low + "s", low[:-2] if low.endswith("es") else low)
        return any(f in self.lower_words for f in forms) or low in _LOWER_KEEP


_PROSE_WORD = re.compile(r"(?<![\w`/.@:])[a-z][a-z-]*[a-z](?![\w`(])")


_MID_NAME = re.compile(r"(?<=[a-z,;(] )((?:[A-Z][a-z]+ )+[A-Z][a-z]+)\b")


def title_phrases(texts: list[str]) -> frozenset[str]:
    """Runs of two or more capitalised words written after a lower-case word: names, not sentence starts."""
    found: set[str] = set()
    for text in texts:
        for m in _MID_NAME.finditer(re.sub(r"`[^`]*`", " ", text)):
            words = m.group(1).split(" ")
            found.update(" ".join(words[i:]) for i in range(len(words) - 1))
    return frozenset(found)


def lower_case_words(texts: list[str]) -> frozenset[str]:
    """Every word written in lower case in these texts, outside code spans."""
    found: set[str] = set()
    for text in texts:
        prose = re.sub(r"`[^`]*`", " ", text)
        for m in _PROSE_WORD.finditer(prose):
            found.update(m.group(0).split("-"))
            found.add(m.group(0))
    return frozenset(found)


def lower_first(text: str) -> str:
    """Lower the first letter when the first word is merely capitalised ("Data quality" → "data quality")."""
    first = text.split(" ")[0]
    if first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def capitalize_first(text: str) -> str:
    """Upper-case the first letter of an answer that starts with a plain lower-case word."""
    first = text.split(" ")[0].rstrip(",;:.")
    if first.isalpha() and first.islower():
        return text[:1].upper() + text[1:]
    return text


_COUNTABLE = frozenset(
    "layer store endpoint framework pipeline job policy role process plan curve matrix tradeoff registry catalog zone "
    "stack lifecycle dashboard bucket cluster container instance network tree definition group model step stage "
    "workflow architecture strategy service tool method metric algorithm component option system".split()
)


def the(phrase: str) -> str:
    """A common noun phrase with "the" where English wants it: "the ingestion layer", "the pipeline definition", but
    "feature selection", "concept drift", "data quality" (mass nouns and abstract ideas take none)."""
    words = phrase.split(" ")
    first = words[0]
    head = next((i for i, w in enumerate(words) if i and w.lower() in PREPOSITIONS), len(words))
    last = words[head - 1].lower().strip("()")
    if not first[:1].islower() or is_plural(phrase) or first in ("the", "a", "an") or last not in _COUNTABLE:
        return phrase
    return f"the {phrase}"
