"""The author's ```cards block: rewrite a generated question, skip a card, add one; each checked with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_YAML
from generator.build import load
from generator.errors import GuideError
from generator.render.anki.notes import guide_notes
from generator.render.anki.review import card_views

DEFINITION = "**Serverless Inference** - On-demand inference that scales to zero. Use when: traffic is intermittent. " \
             "Cons: cold starts.\n"


def guide_with(tmp_path: Path, block: str, before: str = "") -> Path:
    src = tmp_path / "src"
    (src / "modules").mkdir(parents=True, exist_ok=True)
    (src / "guide.yaml").write_text(MINI_YAML, encoding="utf-8")
    body = f"---\ntitle: A\ndomains: [A]\n---\n\n### 1.1 S\n\n{before}{DEFINITION}{block}"
    (src / "modules" / "01-a.md").write_text(body, encoding="utf-8")
    return src


def errors(src: Path) -> list[str]:
    with pytest.raises(GuideError) as info:
        load(src, echo=lambda line: None)
    return [f"{Path(d.loc.file).name}:{d.loc.line}: {d.message}" for d in info.value.diagnostics]


def cards(src: Path) -> list[tuple[str, str, str]]:
    return [(v.id.split("/", 2)[2], v.front, v.back) for v in card_views(load(src, echo=lambda line: None))]


BLOCK = """
```cards
ask:
  clause-use-when: For which traffic pattern is serverless inference the right choice?
skip: [clause-cons]
add:
  - q: What happens to a serverless endpoint with **no traffic**?
    a: It scales to zero
    id: idle
  - q: Is there an instance to pay for when idle?
    a: No
```
"""


def test_ask_skip_and_add(tmp_path: Path) -> None:
    assert cards(guide_with(tmp_path, BLOCK)) == [
        ("core", "What is Serverless Inference?", "On-demand inference that scales to zero"),
        ("clause-use-when", "For which traffic pattern is serverless inference the right choice?", "Traffic is intermittent"),
        ("manual-idle", "What happens to a serverless endpoint with no traffic?", "It scales to zero"),
        ("manual-add-2", "Is there an instance to pay for when idle?", "No"),
    ]


def test_the_block_never_reaches_the_cheat_sheet_or_the_model_text(tmp_path: Path) -> None:
    guide = load(guide_with(tmp_path, BLOCK), echo=lambda line: None)
    [fact] = guide.facts
    assert "```" not in fact.text and fact.edits is not None
    assert not any(getattr(b, "lang", "") == "cards" for s in guide.modules[0].sections for b in s.blocks)


def test_identities_survive_edits_of_the_block(tmp_path: Path) -> None:
    first = {n.key: n.guid for n in guide_notes(load(guide_with(tmp_path, BLOCK), echo=lambda line: None))}
    changed = BLOCK.replace("right choice", "best fit").replace("It scales to zero", "Scales to zero, costs nothing")
    second = {n.key: n.guid for n in guide_notes(load(guide_with(tmp_path, changed), echo=lambda line: None))}
    assert first == second  # a rewritten question and an edited hand-written card keep their notes


@pytest.mark.parametrize("block, message", [
    ("```cards\nask:\n  clause-pros: Why?\n```\n",
     "01-a.md:10: 'Serverless Inference' has no card 'clause-pros' (its cards: core, clause-use-when, clause-cons)"),
    ("```cards\nskip: [core]\nask:\n  core: What is it?\n```\n",
     "01-a.md:10: card 'core' is both rewritten ('ask:') and skipped ('skip:')"),
    ("```cards\nteach: [core]\n```\n", "01-a.md:11: unknown key 'teach' in a ```cards block (use ask, skip, add)"),
    ("```cards\nadd:\n  - q: Only a question\n```\n",
     "01-a.md:12: each card under 'add:' needs a question 'q:' and an answer 'a:'"),
    ("```cards\nskip: core card\n```\n", "01-a.md:11: 'skip:' is a list of card ids, e.g. 'skip: [clause-use-when]'"),
    ("```cards\nask: [unclosed\n```\n", "01-a.md:11: invalid YAML: a flow sequence opened here is never closed"),
])
def test_wrong_blocks_are_located_errors(tmp_path: Path, block: str, message: str) -> None:
    [error] = errors(guide_with(tmp_path, "\n" + block))
    assert error.startswith(message), error


def test_a_block_must_follow_a_definition(tmp_path: Path) -> None:
    src = guide_with(tmp_path, "", before="Some prose.\n\n```cards\nskip: [core]\n```\n\n")
    assert errors(src) == ["01-a.md:10: a ```cards block must directly follow the definition whose cards it changes"]


def test_check_reports_a_wrong_block(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["check", "--source", str(guide_with(tmp_path, "\n```cards\nskip: [nope]\n```\n"))])
    assert result.exit_code == 1 and "01-a.md:10: error: 'Serverless Inference' has no card 'nope'" in result.output
    assert "Traceback" not in result.output
