"""Compare the guide in source/ with the original study guide it was split from (tests/fixtures/seed-study-guide.md).

Not a test: the guide is the user's to edit, and corrections (docs/errata.md) change it on purpose. Run it by hand
after a large edit to see what no longer matches the original:

    .venv/bin/python tools/check_seed.py [--source source]

It lists every bold term and code block of the original that source/ no longer has, and every definition whose first
line is not in the original, marking those that docs/errata.md mentions. Exit code 1 when something is missing that
the errata do not mention.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import Reporter  # noqa: E402
from generator.reader import read_guide  # noqa: E402
from generator.text import plain  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seed-study-guide.md"
ERRATA = ROOT / "docs" / "errata.md"
EDITORIAL = ("End of AWS Machine Learning",)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    errata = ERRATA.read_text(encoding="utf-8") if ERRATA.exists() else ""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(args.source.rglob("*.md")))
    guide = read_guide(args.source, Reporter())

    terms = [t for t in re.findall(r"^\*\*([^*]+)\*\*", seed, flags=re.M) if not t.startswith(EDITORIAL)]
    missing = [t for t in terms if f"**{t}**" not in text]
    blocks = [b.rstrip("\n") for b in re.findall(r"^```[a-z]*\n(.*?)^```", seed, flags=re.M | re.S)]
    kept = [c.code for m in guide.modules for s in m.sections for c in s.blocks if isinstance(getattr(c, "code", None), str)]
    kept += [c.code for f in guide.facts for c in f.code]
    lost_code = [b for b in blocks if b not in kept]
    changed = [f for f in guide.facts if f.text.split("\n")[0] not in seed]

    unexplained = 0
    print(f"{len(terms)} bold terms in the original; {len(missing)} no longer in {args.source}:")
    for term in missing:
        noted = term in errata
        unexplained += not noted
        print(f"  {'(errata) ' if noted else ''}{term}")
    print(f"{len(blocks)} code blocks in the original; {len(lost_code)} changed or gone")
    unexplained += len(lost_code)
    print(f"{len(changed)} definitions whose text differs from the original:")
    for fact in changed:
        print(f"  {fact.loc}: {plain(fact.term)}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
