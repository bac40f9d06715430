"""Print a fixed random sample of a guide's cards as the student sees them, for a blind review.

    .venv/bin/python tools/card_sample.py --source source --seed 17 --count 40 > sample.txt

The sample is drawn from every card of the deck (``studygen cards``), each cloze deletion counting as one card, by
``random.Random(seed).sample``: the same guide, generator and seed give the same sample. docs/card-quality.md records
the seeds used and the reviews.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load  # noqa: E402
from generator.render.anki.review import card_views  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    views = card_views(load(args.source, echo=lambda line: None))
    sample = random.Random(args.seed).sample(views, min(args.count, len(views)))
    for n, view in enumerate(sample, start=1):
        print(f"--- card {n} ({view.kind}; source {view.source})")
        print(f"Context: {view.context}")
        print(f"Q: {view.front}")
        print("A: " + view.back.replace("\n", "\n   "))
        print()
    print(f"({len(sample)} of {len(views)} cards, seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
