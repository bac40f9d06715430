"""Write a fixed random sample of a practice exam's questions for a blind review: the questions, and the key apart.

    .venv/bin/python tools/exam_sample.py --source source --exam-seed 0 --sample-seed 1901 --count 20 --out DIR

DIR/questions.txt holds the questions as the candidate sees them; DIR/key.txt the answers and what the key says.
docs/exam-quality.md records the seeds and the reviews.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load  # noqa: E402
from generator.exam import LETTERS, make_exam  # noqa: E402
from generator.exam.key import answer_text, teaching  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--exam-seed", type=int, default=0)
    parser.add_argument("--sample-seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    exam = make_exam(load(args.source, echo=lambda line: None), seed=args.exam_seed)
    sample = sorted(random.Random(args.sample_seed).sample(exam.questions, args.count), key=lambda q: q.number)
    questions, key = [], []
    for n, q in enumerate(sample, start=1):
        questions.append(f"{n}. ({q.type}) {q.stem}")
        questions += [f"   {k}. {p}" for k, p in enumerate(q.prompts, start=1)]
        questions += [f"   {LETTERS[i]}. {o}" for i, o in enumerate(q.options)]
        questions.append("")
        key.append(f"{n}. {answer_text(q)} — {teaching(q)} (domain {q.domain}, source {', '.join(q.fact_ids) or q.key})")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "questions.txt").write_text("\n".join(questions) + "\n", encoding="utf-8")
    (args.out / "key.txt").write_text("\n".join(key) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
