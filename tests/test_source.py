"""source/ is faithful to the seed guide: every bold term and every code block survives the split."""
from __future__ import annotations

import re

from conftest import FIXTURES
from generator.errors import Reporter
from generator.reader import read_guide
from generator.text import plain

SEED = (FIXTURES / "seed-study-guide.md").read_text(encoding="utf-8")
EDITORIAL = ("End of AWS Machine Learning",)  # the closing banner line is not study material


def test_every_bold_term_kept(project_source):
    source_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(project_source.rglob("*.md")))
    terms = [t for t in re.findall(r"^\*\*([^*]+)\*\*", SEED, flags=re.M) if not t.startswith(EDITORIAL)]
    assert len(terms) > 300
    missing = [t for t in terms if f"**{t}**" not in source_text]
    assert missing == []


def test_every_code_block_kept(project_source):
    guide = read_guide(project_source, Reporter())
    blocks = [b.code for m in guide.modules for s in m.sections for b in s.blocks if hasattr(b, "code") and isinstance(b.code, str)]
    blocks += [c.code for f in guide.facts for c in f.code]
    seed_blocks = [b.rstrip("\n") for b in re.findall(r"^```[a-z]*\n(.*?)^```", SEED, flags=re.M | re.S)]
    assert len(seed_blocks) == 29
    assert sorted(seed_blocks) == sorted(blocks)


def test_every_definition_text_kept(project_source):
    guide = read_guide(project_source, Reporter())
    for fact in guide.facts:
        assert fact.text.split("\n")[0] in SEED or not fact.text, fact.id
        assert plain(fact.term) in plain(SEED)


def test_module_domains_as_mapped(project_source):
    guide = read_guide(project_source, Reporter())
    mapping = {m.number: m.domains for m in guide.modules}
    assert mapping == {0: (), 1: ("D2",), 2: ("D2",), 3: ("D1",), 4: ("D1",), 5: ("D2",), 6: ("D2",), 7: ("D2",),
                       8: ("D3",), 9: ("D4",), 10: ("D3",), 11: ("D4",), 12: ()}
