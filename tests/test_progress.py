"""Progress: plain lines when not a terminal, one rewritten status line on a terminal."""
from __future__ import annotations

import io

from generator.progress import Progress


def test_plain_lines_when_not_a_tty():
    out = io.StringIO()
    p = Progress(out, live=False)
    p.start("cheatsheets", 2)
    p.reporter("cheatsheets")("cheatsheets/01-a.pdf")
    p.done("cheatsheets", "cheatsheets/02-b.pdf")
    p.finish()
    assert out.getvalue().splitlines() == ["cheatsheets: cheatsheets/01-a.pdf (1/2)", "cheatsheets: cheatsheets/02-b.pdf (2/2)"]


def test_live_line_per_output_group():
    out = io.StringIO()
    p = Progress(out, live=True)
    p.start("anki", 1)
    p.start("cheatsheets", 3)
    p.done("anki", "anki/X.apkg")
    p.done("cheatsheets", "cheatsheets/01-a.pdf")
    p.finish()
    frames = out.getvalue().split("\r\033[K")
    assert frames[-1] == "anki ✓  cheatsheets 1/3\n"
    assert "\n" not in "".join(frames[:-1])
