"""The practice exam: multiple-choice questions drawn from the model and spread by domain weight. No I/O.

``make_exam(guide, seed)`` is deterministic: every random choice comes from one ``random.Random(seed)`` and every
collection is walked in guide order, so the same guide and seed give the same exam.

How a question is made:

* **Concepts.** Every definition with a usable description is a concept (``Precision``). A definition whose text is a
  list of three or more labelled sub-terms (``Deployment Strategies``: ``Blue-Green: …``, ``Canary: …``) also gives
  one concept per sub-term. Headings of lists (``Benefits``, ``Best Practices``, ``When to Retrain``), code captions
  and numbered workflow steps give no concept.
* **Forms.** ``term``: a description with the term masked; the options are terms. ``subterm``: the same for a
  sub-term, within its list. ``statement``: "Which statement is true of X?"; the options are sentences or clauses of
  X and of its siblings. ``use``/``benefit``/``drawback``: the same, restricted to clauses with that kind of label
  ("Use when", "Pros", "Cons" …). ``describe``: "which statement describes sub-term X?".
* **Distractors** come from the same section, then the same module, then the same domain, then anywhere. They are
  never the answer under another name (names overlap: ``Anomaly Detection`` / ``Random Cut Forest (Anomaly
  Detection)``, parenthesised synonyms, the same term defined twice), never duplicates of each other, and for
  statements never a sentence whose words mostly occur in X's own definition (it would be true of X too).
* **Leaks.** A stem never contains the answer's name, a parenthesised synonym, an acronym or a singular/plural form
  of it. A word of the answer's name that is in none of the distractors is masked (``___``); a stem that would need
  more masking than that is not used. In statement forms the correct option may not contain such a word either.
"""
from __future__ import annotations

from generator.exam.base import DEFAULT_QUESTIONS, FORMS, LETTERS, MASK, PracticeExam, Question
from generator.exam.words import mentions
from generator.exam.make import make_exam, quotas, shared_exam

__all__ = ['DEFAULT_QUESTIONS', 'FORMS', 'LETTERS', 'MASK', 'PracticeExam', 'Question', 'make_exam', 'mentions', 'quotas', 'shared_exam']
