"""Questions whose answer is one of many or several in order: an enumeration's items cued by their roles, typical
values, some of a list's names, numbered steps, and a heading's points."""

from __future__ import annotations

import re

from generator.language import shapes
from generator.language.english import third_person
from generator.language.parts import escape
from generator.language.topic import Topic, question_form


def enumeration_question(category: str, name: str, role: str) -> str:
    """One member of an enumeration, cued by its role: "Which AI service is used for text-to-speech?"."""
    what, role_html = escape(category), escape(role)
    kind = shapes.role_kind(name, role)
    if kind == "verb":
        return f"Which {what} {role_html}?"
    if kind == "base":
        first, rest = role.split(" ", 1)
        return f"Which {what} {escape(third_person(first.lower()))} {escape(rest)}?"
    if kind == "thing":
        return f"Which {what} is the {role_html}?"
    return f"Which {what} is used for {role_html}?"


def value_question(name: str, subject: Topic) -> str:
    """A setting with its typical values ("max_depth (3-10)") → "What is a typical value of max_depth …?"."""
    return f"What is a typical value of <b>{escape(name)}</b> for {subject.ref}?"


def names_question(category: str, subject: Topic, count: int) -> str:
    """An enumeration whose details cannot cue their names: ask for some of the names (``category`` plural)."""
    some = "two" if count <= 4 else "three"
    if subject.text.lower() in category.lower():
        return f"Name {some} {escape(category)}."
    return f"Name {some} {escape(category)} of {subject.ref}."


def steps_question(subject: Topic, count: int) -> str:
    """Ask for numbered steps in order ("What are the 6 workflow stages, in order?" when the term names them)."""
    if re.search(r"\b(steps|stages|phases)$", subject.text, re.I):
        return f"What are the {count} {subject.html}, in order?"
    return f"What are the {count} steps of {subject.ref}, in order?"


def step_question(name: str, subject: Topic) -> str:
    """Ask what one named step involves."""
    return f"In {subject.ref}, what does the step “{escape(name)}” involve?"


def list_question(subject: Topic, count: int, noun: str) -> str:
    """A list of parallel points under one heading: ask for some of them."""
    some = "two" if count <= 4 else "three"
    if subject.kind == "question":
        return f"{question_form(subject)} Name {some} {escape(noun)}."
    if subject.kind == "action":
        return f"How do you {escape(subject.text[:1].lower() + subject.text[1:])}? Name {some} {escape(noun)}."
    if subject.text.lower().endswith(noun.lower()):
        named = subject.named.removeprefix("the ") if subject.kind == "generic" else subject.html
        return f"Name {some} {named}."
    if noun.lower() in subject.scope.lower():
        return f"Name {some} {escape(subject.scope)} for {subject.html}."
    return f"Name {some} {escape(noun)} for {subject.ref}."


def points_question(subject: Topic, count: int) -> str:
    """A definition made of short parallel statements ("Data Availability - Enough labels. Labels are accurate. …")."""
    some = "two" if count <= 4 else "three"
    return f"What {'do' if subject.plural else 'does'} {subject.ref} involve? Name {some} points."


def parts_question(subject: Topic, count: int) -> str:
    """A definition made of named parts: ask for some of them."""
    some = "two" if count <= 4 else "three"
    return f"What {'do' if subject.plural else 'does'} {subject.ref} include? Name {some}."


def names_of(subject: Topic, count: int) -> str:
    """A plural term over a list of its members ("Node Prerequisites"): "Name three node prerequisites."."""
    return f"Name {'two' if count <= 4 else 'three'} {subject.html}."
