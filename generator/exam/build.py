"""Building candidate questions of each type from the sources sources.py finds. Plain text, no HTML."""

from __future__ import annotations

import re

from generator.exam.sources import Candidate, Member, category, head_of, lower, plain_text, predicate, sentence
from generator.language import predicates, shapes
from generator.language.english import article, is_plural
from generator.language.parts import STEP, label_of, step_of
from generator.language.topic import Topic
from generator.model import Fact, Module

MAX_STEPS = 5
MATCH = 4
"""Prompts of a matching question (the real exam uses 3–5)."""
_QUALIFIERS = (
    (re.compile(r"\bcost|cheap|budget|idle|pay per", re.I), "MOST cost-effectively"),
    (re.compile(r"latency|real-time|synchronous|low-latency|<\s*\d+\s*ms", re.I), "with the LOWEST latency"),
    (re.compile(r"serverless|managed|no infrastructure|automatic", re.I), "with the LEAST operational overhead"),
)


def set_questions(members: list[Member], topic: Topic, others: list[Member]) -> list[Candidate]:
    """A set's members: one-answer questions asked from what a member does, a matching, and a "Choose TWO"."""
    fact, module = members[0].fact, members[0].module
    head = head_of(topic)
    notes = {m.label: f"{plain_text(m.label)}: {lower(m.body)}" for m in members + others}
    found: list[Candidate] = []
    for member in members:
        said = predicate(member, head)
        wrong = [m.label for m in members if m is not member]
        if said is None or len(wrong) < 3:
            continue
        options = (member.label, *wrong)
        found.append(_candidate(f"set:{fact.id}:{member.label}", "single", f"Which {head} {said}?", options, (0,),
                                sentence(member.body), [notes[o] for o in options], fact, module, fact.id,
                                names=(member.label,)))
        need = need_of(said)
        if need:  # the same fact as a requirement: "A team needs to remove rows … Which deletion strategy …?"
            actions = tuple(f"Use {o}." if o[:1].isupper() and not o[1:].islower() else f"Use {lower(o)}."
                            for o in options)
            stem = f"A team needs to {need}. Which {head} should it use?"
            found.append(_candidate(f"set-need:{fact.id}:{member.label}", "single", stem, actions, (0,),
                                    sentence(member.body), [notes[o] for o in options], fact, module, fact.id,
                                    scenario=True, names=(member.label,)))
    described = [m for m in members if 2 <= len(m.body.split()) <= 16 and predicate(m, head) is not None]
    if len(described) >= 3:
        chosen = described[:MATCH]
        found.append(_candidate(
            f"match:{fact.id}", "matching", f"Match each {head} with what it does or covers.",
            tuple(m.label for m in chosen), tuple(range(len(chosen))), f"The {topic.text}: " + "; ".join(
                notes[m.label] for m in chosen) + ".", [notes[m.label] for m in chosen], fact, module, fact.id,
            prompts=tuple(sentence(m.body).rstrip(".") for m in chosen), names=tuple(m.label for m in chosen)))
    strangers = [m for m in others if m.module is module and m.fact is not fact and m.fact.section == fact.section]
    if len(members) >= 2 and len(strangers) >= 3:
        options = (members[0].label, members[1].label, *[m.label for m in strangers])
        plural = plural_of(head)
        found.append(_candidate(f"two:{fact.id}", "multiple", f"Which TWO are {plural}? (Choose TWO.)", options,
                                (0, 1), f"{members[0].label} and {members[1].label} are {plural}; the others are not.",
                                [notes[o] for o in options], fact, module, f"two:{fact.id}",
                                names=(members[0].label, members[1].label)))
    return found


def alternatives(module: Module, topics: dict[str, Topic]) -> list[Candidate]:
    """Definitions of one section that each say when to use them: a scenario asks which one fits requirements only
    it meets; options are written as actions."""
    found: list[Candidate] = []
    everywhere = [(f, u) for f in module.facts if (u := _use_when(f))]
    for section in module.sections:
        uses = [(f, u) for f, u in everywhere if f.section == section.key]
        if not uses or len(everywhere) < 4:
            continue
        if len(uses) < 4:  # too few here: the module's other alternatives complete the options
            uses += [x for x in everywhere if x not in uses][: 4 - len(uses)]
        what = category(section.title)
        for fact, use in [x for x in uses if x[0].section == section.key]:
            others = [o for o in uses if o[0] is not fact]
            own = [r for r in shapes.items_of(use) if len(r.split()) >= 2 and not r.lower().startswith(("never", "not "))
                   and not any(_overlap(r, x) for _, u in others for x in shapes.items_of(u))]
            if not own or len(others) < 3:
                continue
            reqs = own[:3]
            options = (fact, *[o for o, _ in others])
            qualifier = next((q for cue, q in _QUALIFIERS if any(cue.search(r) for r in reqs)), "")
            what = what if what != "option" else "approach"
            stem = (f"A team must choose {article(what)} {what}. It needs: {'; '.join(lower(r) for r in reqs)}. "
                    f"Which {what} meets these needs{' ' + qualifier if qualifier else ''}?")
            texts = tuple(f"Use {_action_name(f, topics[f.id])}." for f in options)
            notes = [f"{plain_text(f.term)}: use when {lower(_use_when(f) or '')}." for f in options]
            why = f"{plain_text(fact.term)} is the one to use when {lower(use)}."
            found.append(_candidate(f"use:{fact.id}", "single", stem, texts, (0,), why, notes, fact, module,
                                    f"use:{module.number}:{section.key}", scenario=True,
                                    names=(plain_text(fact.term),)))
    return found


def definitions(module: Module, topics: dict[str, Topic]) -> list[Candidate]:
    """The definitions of one section as alternatives of one kind: "Which option controls inbound and outbound
    traffic?" (and, for an action, the need: "A team needs to control … Which option should it use?")."""
    found: list[Candidate] = []
    defined = [f for f in module.facts if f.core and topics[f.id].kind in ("concept", "collection")]
    for section in module.sections:
        facts = [f for f in section.facts if f in defined]
        if len(facts) < 3:
            continue
        facts += [f for f in defined if f not in facts][: max(0, 4 - len(facts))]  # the module's other definitions
        what = category(section.title)
        said = {f.id: _defining(f, what) for f in facts}
        for fact in facts[: len([f for f in section.facts if f in defined])]:
            claim = said[fact.id]
            others = [o for o in facts if o is not fact]
            if claim is None or _overlap(re.sub(r"\([^)]*\)", "", plain_text(fact.term)), claim):
                continue  # the definition names its own term
            names = tuple(plain_text(f.term) for f in (fact, *others))
            notes = [f"{plain_text(f.term)}: {lower(f.core)}." for f in (fact, *others)]
            which = f"Which {what}" if what != "option" else "Which of the following"
            found.append(_candidate(f"def:{fact.id}", "single", f"{which} {claim}?", names, (0,),
                                    sentence(fact.core), notes, fact, module, f"def:{module.number}:{section.key}",
                                    names=(names[0],)))
            need = need_of(claim)
            if need:
                stem = f"A team needs to {need}. Which {what if what != 'option' else 'approach'} should it use?"
                found.append(_candidate(f"def-need:{fact.id}", "single", stem, tuple(f"Use {n}." for n in names),
                                        (0,), sentence(fact.core), notes, fact, module,
                                        f"def:{module.number}:{section.key}", scenario=True, names=(names[0],)))
    return found


def _defining(fact: Fact, what: str) -> str | None:
    """A definition's first sentence as a claim about it: a verb phrase, an adjective, or "is a …"."""
    core = shapes.strip_end(plain_text(fact.core))
    if not 3 <= len(core.split()) <= 20 or re.search(r"\d|:|=", core):
        return None
    claim = predicates.predicate(core, what)
    if claim and claim.startswith("covers "):
        noun = core.split(" (")[0]
        lead = " ".join(noun.split()[:3])
        if any(is_plural(w) for w in lead.split()):
            return None  # "Dense vector representations …": no article fits
        return f"is {article(noun)} {lower(noun)}"
    return claim


def trade_offs(fact: Fact, module: Module, topic: Topic) -> list[Candidate]:
    """Pros and cons of one definition: "Which TWO are advantages of X?", its drawbacks the wrong options."""
    pros = _clause_items(fact, ("pros", "benefits", "advantages"))
    cons = _clause_items(fact, ("cons", "drawbacks", "disadvantages", "limitations"))
    term = topic.text
    if len(pros) >= 2 and len(cons) >= 3:
        right, wrong, asked, other = pros[:2], cons, "advantages", "drawbacks"
    elif len(cons) >= 2 and len(pros) >= 3:
        right, wrong, asked, other = cons[:2], pros, "drawbacks", "advantages"
    else:
        return []
    options = tuple(sentence(o).rstrip(".") for o in (*right, *wrong))
    notes = [f"{asked[:-1]} of {term}" if i < 2 else f"a {other[:-1]} of {term}, not {article(asked)} {asked[:-1]}"
             for i in range(len(options))]
    why = f"{options[0]} and {options[1]} are {asked} of {term}; the others are its {other}."
    return [_candidate(f"pros:{fact.id}", "multiple", f"Which TWO are {asked} of {term}? (Choose TWO.)", options,
                       (0, 1), why, [f"{o}: {n}" for o, n in zip(options, notes)], fact, module, f"pros:{fact.id}")]


def sequence(fact: Fact, module: Module, topic: Topic) -> list[Candidate]:
    """Numbered steps or an "a → b → c" chain: put them in order (at most five, from the start)."""
    steps = [fact.parts[i].text[STEP.match(fact.parts[i].text).end():]  # type: ignore[union-attr]
             for i, p in enumerate(fact.parts) if step_of(p) is not None]
    if len(steps) < 3:
        steps = next((shapes.steps(p.text) for p in fact.parts if len(shapes.steps(p.text)) >= 3), [])
    if len(steps) < 3:
        chain = next((p.text for p in fact.parts if _top_level(p.text).count("→") >= 2), "")
        steps = [s.strip(" .") for s in _top_level(chain).split("→")] if chain else []
        if steps and ":" in steps[0]:
            steps[0] = steps[0].split(":", 1)[1]
    names = [plain_text(shapes.step_name(s) or shapes.strip_end(s)) for s in steps][:MAX_STEPS]
    names = [n[:1].upper() + n[1:] for n in names]
    if len(names) < 3 or len(set(names)) < len(names) or any(len(n.split()) > 9 or len(n) < 3 for n in names):
        return []
    why = " → ".join(names) + "."
    return [_candidate(f"order:{fact.id}", "ordering", f"Put the steps of {topic.text} in the correct order.",
                       tuple(names), tuple(range(len(names))), why, list(names), fact, module, f"order:{fact.id}")]


def enumerations(fact: Fact, module: Module, topic: Topic) -> list[Candidate]:
    """Names with roles ("Polly (text-to-speech), …"): which one does what, and a matching of names to roles."""
    found: list[Candidate] = []
    for index, part in enumerate(fact.parts):
        label = label_of(part) or ""
        listing = shapes.enumeration(part.text if part.kind != "clause" else part.text, label if is_plural(label) else "")
        if listing is None or listing.cues != "role" or len(listing.items) < 4:
            continue
        what = _kind(listing.category, topic)
        items = list(listing.items)
        notes = {n: f"{n}: {r}" for n, r in items}
        for name, role in items:
            wrong = [n for n, _ in items if n != name]
            options = (name, *wrong)
            found.append(_candidate(f"enum:{fact.id}:{index}:{name}", "single", f"Which {what} is used for {role}?",
                                    options, (0,), f"{name} is used for {role}.", [notes[o] for o in options], fact,
                                    module, f"enum:{fact.id}:{index}", names=(name,)))
            if shapes.role_kind(name, role) == "activity":  # "A company needs text-to-speech …": a requirement
                stem = f"A company needs {lower(role)} in its application. Which {what} should it use?"
                found.append(_candidate(f"enum-need:{fact.id}:{index}:{name}", "single", stem,
                                        tuple(f"Use {o}." for o in options), (0,), f"{name} is used for {role}.",
                                        [notes[o] for o in options], fact, module, f"enum:{fact.id}:{index}",
                                        scenario=True, names=(name,)))
        chosen = items[:MATCH]
        found.append(_candidate(f"enum-match:{fact.id}:{index}", "matching", f"Match each {what} with what it is used "
                                "for.", tuple(n for n, _ in chosen), tuple(range(len(chosen))),
                                "; ".join(notes[n] for n, _ in chosen) + ".", [notes[n] for n, _ in chosen], fact,
                                module, f"enum:{fact.id}:{index}", prompts=tuple(r for _, r in chosen),
                                names=tuple(n for n, _ in chosen)))
    return found


def plural_of(head: str) -> str:
    """"deletion strategy" → "deletion strategies", "AWS tool of feature selection" → "AWS tools of feature selection"."""
    first, _, rest = head.partition(" of ")
    if not is_plural(first):
        words = first.split(" ")
        last = words[-1]
        words[-1] = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else (
            last + "es" if last.endswith(("s", "x", "ch", "sh")) else last + "s")
        first = " ".join(words)
    return f"{first} of {rest}" if rest else first


def need_of(said: str) -> str | None:
    """A verb predicate in its base form, as a need: "removes rows and marks gaps" → "remove rows and mark gaps"."""
    from generator.language.english import VERBS

    parts = re.split(r"(, | and )", said)
    out = []
    for part in parts:
        words = part.split(" ")
        if part in (", ", " and "):
            out.append(part)
        elif words and words[0] in VERBS and words[0] not in ("is", "has", "does", "covers"):
            out.append(" ".join([VERBS[words[0]], *words[1:]]))
        elif len(words) > 1 and words[0].endswith("ly") and words[1] in VERBS:
            out.append(" ".join([words[0], VERBS[words[1]], *words[2:]]))
        else:
            return None
    return "".join(out)


def _candidate(key: str, kind: str, stem: str, options: tuple[str, ...], answer: tuple[int, ...], why: str,
               notes: list[str], fact: Fact, module: Module, source: str, prompts: tuple[str, ...] = (),
               scenario: bool = False, names: tuple[str, ...] = ()) -> Candidate:
    shown = {"single": 4, "multiple": 5}.get(kind, len(options))
    return Candidate(key, kind, plain_text(stem), tuple(plain_text(o) for o in options), answer, plain_text(why),
                     tuple(plain_text(n) for n in notes), (fact.id,), module.domains, module.number, fact.section,
                     source, tuple(plain_text(p) for p in prompts), scenario, False, tuple(plain_text(n) for n in names),
                     shown)


def _top_level(text: str) -> str:
    """The text with every bracketed part replaced by spaces ("stemming (running → run)" has no top-level arrow)."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append(ch if depth == 0 else " ")
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _use_when(fact: Fact) -> str | None:
    """What a definition says it is for: its "Use when", else its "Use for" or "Use cases"."""
    for label in ("use when", "use for", "use cases"):
        found = next((p.text for p in fact.parts if p.kind == "clause" and (p.label or "").lower() == label), None)
        if found:
            return found
    return None


def _clause_items(fact: Fact, labels: tuple[str, ...]) -> list[str]:
    text = next((p.text for p in fact.parts if p.kind == "clause" and (p.label or "").lower() in labels), "")
    items = shapes.items_of(text) if text else []
    return [i for i in items if 1 <= len(i.split()) <= 12]


def _overlap(a: str, b: str) -> bool:
    """Two requirements that say much the same ("cost optimization" ~ "cost-sensitive")."""
    wa = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", a)}
    wb = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", b)}
    return bool(wa & wb)


def _action_name(fact: Fact, topic: Topic) -> str:
    name = plain_text(re.sub(r"^\d+\.\s+", "", fact.term))
    return name if name[:1].isupper() and any(c.isupper() for c in name[1:]) else topic.text


def _kind(written: str, topic: Topic) -> str:
    words = written.split()
    if not words:
        return "option"
    from generator.language.english import singular

    return " ".join(words[:-1] + [singular(words[-1])]).lower() if not words[0].isupper() else " ".join(
        words[:-1] + [singular(words[-1]).lower()])
