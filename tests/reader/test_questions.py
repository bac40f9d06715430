"""Author-written practice questions (```question blocks): parsed for every type, wrong ones reported with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_MODULE
from generator.errors import GuideError, Reporter
from generator.reader import read_guide

SINGLE = """```question
type: single
stem: Which metric suits rare positives?
options:
  - "[ ] Accuracy"
  - "[x] Recall"
  - "[ ] Yes"
  - "[ ] No"
explanation: Recall counts the positives found.
```
"""


def read(make_guide, block: str):
    return read_guide(make_guide({"01-first.md": MINI_MODULE + "\n" + block}), Reporter())


def errors(make_guide, block: str) -> list[str]:
    with pytest.raises(GuideError) as info:
        read(make_guide, block)
    return [f"{Path(d.loc.file).name}:{d.loc.line}: {d.message}" for d in info.value.diagnostics]


def test_every_type_is_read(make_guide) -> None:
    blocks = SINGLE + """
```question
id: steps
type: ordering
stem: Order the steps.
steps: [Collect, Clean, Train]
explanation: Data first.
```

```question
type: matching
stem: Match them.
pairs:
  Speech to text: Transcribe
  Text to speech: Polly
  Translation: Translate
explanation: As named.
```
"""
    [q1, q2, q3] = read(make_guide, blocks).modules[0].questions
    assert (q1.id, q1.type, q1.answer, q1.options[1], q1.section) == ("q1", "single", (1,), "Recall", "1_1")
    assert (q1.options[2], q1.options[3]) == ("Yes", "No")  # YAML booleans stay text
    assert (q2.id, q2.options, q2.answer) == ("steps", ("Collect", "Clean", "Train"), (0, 1, 2))
    assert (q3.prompts, q3.options, q3.answer) == (("Speech to text", "Text to speech", "Translation"),
                                                   ("Transcribe", "Polly", "Translate"), (0, 1, 2))


@pytest.mark.parametrize("change, message", [
    (("type: single", "type: essay"), "01-first.md:11: 'type:' must be one of single, multiple, ordering, matching"),
    (("explanation: Recall counts the positives found.\n", ""), "01-first.md:10: a question needs 'explanation:'"),
    (('"[ ] Accuracy"', '"[x] Accuracy"'), "01-first.md:13: a single question has exactly one right option; this one has 2"),
    (('"[ ] Accuracy"', '"Accuracy"'), "01-first.md:13: 'options:' lists each option as \"[x] right\" or \"[ ] wrong\""),
    (("stem:", "question:"), "01-first.md:12: unknown key 'question' in a ```question block"),
])
def test_wrong_questions_are_located_errors(make_guide, change: tuple[str, str], message: str) -> None:
    found = errors(make_guide, SINGLE.replace(*change))
    assert any(e.startswith(message) for e in found), found


def test_ordering_and_matching_sizes(make_guide) -> None:
    short = "```question\ntype: ordering\nstem: Order.\nsteps: [A, B]\nexplanation: E.\n```\n"
    assert errors(make_guide, short) == ["01-first.md:13: an ordering question lists 3 to 5 'steps:' in the right order"]
    wide = "```question\ntype: matching\nstem: M.\npairs: {a: 1, b: 2}\nexplanation: E.\n```\n"
    assert errors(make_guide, wide) == ["01-first.md:13: a matching question lists 3 to 5 'pairs:' as 'prompt: item'"]


def test_a_domain_must_be_the_modules(make_guide) -> None:
    block = SINGLE.replace("type: single", "type: single\ndomain: B")
    assert errors(make_guide, block) == ["01-first.md:10: question domain 'B' is not one of this module's domains (A)"]


def test_a_question_never_joins_the_definition_above_it(make_guide) -> None:
    guide = read(make_guide, SINGLE)
    assert not guide.facts[0].code and len(guide.modules[0].questions) == 1
