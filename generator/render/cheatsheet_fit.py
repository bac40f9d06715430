"""Type levels for the cheat sheets, and a cheap estimate of how many pages a module fills at each.

Laying a sheet out costs ~0.1 s per page-column of content, so the renderer guesses the largest level that fits
in two pages from the text and code sizes, lays it out once, and steps down only when the guess was wrong.
The page geometry (margins, column gap) is defined here and written into the generated stylesheets; the estimate's
other constants were fitted to the bundled guide (typically within ±0.15 page).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.model import CodeBlock, Definition, Module, Paragraph
from generator.render.pdf import PAPER, paper_mm
from generator.text import plain

_PT = 25.4 / 72
"""Millimetres per point."""
MARGIN = {"top": 10.0, "right": 8.0, "bottom": 9.0, "left": 8.0, "first-top": 7.0}
"""Page margins in mm; the first page has less at the top (no running header there)."""
GAP = 3.2
"""Gap between columns, in mm."""
_MARGINS = (MARGIN["left"] + MARGIN["right"], MARGIN["top"] + MARGIN["bottom"])
_BOX = 3.2
"""A box's horizontal padding plus borders, in mm."""
_SANS, _MONO = 0.56, 0.602
"""Average character width of StudySans (fitted) and StudyMono, in em."""
_ROW, _SECTION, _DEFINITION = 0.6, 3.0, 2.0
"""Fitted overheads: lines lost per row (ragged end), body lines per section box, points per definition."""


@dataclass(frozen=True)
class Level:
    """One type level: sizes in points, the column count and the line height."""

    body: float
    code: float
    columns: int
    leading: float


LEVELS: tuple[Level, ...] = (
    Level(8.5, 7.5, 3, 1.22),
    Level(8.0, 7.0, 4, 1.2),
    Level(7.5, 6.8, 4, 1.18),
    Level(7.0, 6.5, 4, 1.16),
)
"""Largest first; the last is the floor the issue allows (body 7 pt, code and footer 6.5 pt)."""


def frame_css(paper: str) -> str:
    """The generated stylesheet of the frame: landscape paper and the page margins."""
    long, short = PAPER[paper]
    m = MARGIN
    return (f"@page {{ size: {long} {short}; margin: {m['top']}mm {m['right']}mm {m['bottom']}mm {m['left']}mm; }}\n"
            f"@page :first {{ margin-top: {m['first-top']}mm; }}\n")


def column_width(level: Level, paper: str) -> float:
    """Width of one column in mm."""
    return (paper_mm(paper)[0] - _MARGINS[0] - (level.columns - 1) * GAP) / level.columns


def column_height(paper: str, first_top: float | None = None) -> float:
    """Height of a column in mm: below ``first_top`` (mm from the top edge) on the first page, else full height."""
    top = MARGIN["top"] if first_top is None else first_top
    return paper_mm(paper)[1] - top - MARGIN["bottom"]


def level_css(level: Level, paper: str, first_top: float) -> str:
    """The generated stylesheet of one level's column pages: one page per column, the first row of columns below
    the header (which ends ``first_top`` mm from the top edge), and the type sizes."""
    width, count = column_width(level, paper), level.columns
    return (f"@page {{ size: {width:.3f}mm {column_height(paper):.3f}mm; margin: 0; }}\n"
            f"@page :nth(-n+{count}) {{ size: {width:.3f}mm {column_height(paper, first_top):.3f}mm; }}\n"
            f"html {{ font-size: {level.body}pt; line-height: {level.leading}; }}\n"
            f".src {{ font-size: {level.code}pt; }}\n")


def _code_lines(code: str, per_line: float) -> float:
    """Printed lines of a code block: wrapped long lines, half-height blank lines, one for the caption."""
    total = 1.0
    for line in code.split("\n"):
        body = line.strip()
        total += math.ceil(((len(line) - len(line.lstrip())) * 0.5 + len(body)) / per_line) if body else 0.45
    return total


def estimate_pages(module: Module, level: Level, paper: str) -> float:
    """Roughly how many pages the module's sheet fills at this level."""
    height = paper_mm(paper)[1]
    column = column_width(level, paper) - _BOX
    per_text = column / (level.body * _PT * _SANS)
    per_code = (column - 1.8) / (level.code * _PT * _MONO)
    text = code = 0.0
    for blocks in (module.intro, *(section.blocks for section in module.sections)):
        text += _SECTION if blocks else 0.0
        for block in blocks:
            if isinstance(block, Definition):
                fact = block.fact
                chars = len(plain(fact.term)) + sum(len(plain(p.text)) + len(p.label or "") for p in fact.parts)
                rows = 1 + sum(p.kind in ("clause", "item") for p in fact.parts)
                text += chars / per_text + rows * _ROW + _DEFINITION / (level.body * level.leading)
                code += sum(_code_lines(c.code, per_code) for c in fact.code)
            elif isinstance(block, CodeBlock):
                code += _code_lines(block.code, per_code)
            elif isinstance(block, Paragraph):
                text += len(plain(block.text)) / per_text + _ROW
            else:
                text += sum(len(x) for x in _cells(block)) / per_text + 2 * _ROW
    used = text * level.body * level.leading + code * level.code * 1.16
    return used / (level.columns * (height - _MARGINS[1]) / _PT)


def _cells(block: object) -> list[str]:
    """The text pieces of a list or table block."""
    items = getattr(block, "items", None)
    if items is not None:
        return list(items)
    return [*getattr(block, "header", ()), *(c for row in getattr(block, "rows", ()) for c in row)]


def start_level(module: Module, paper: str, pages: int, margin: float = 0.12) -> int:
    """The largest level whose estimate fits ``pages`` with a safety margin; the smallest when none does.

    A sheet that would spill a few lines onto an extra page gets a smaller level that keeps it to one page less.
    """
    estimates = [estimate_pages(module, level, paper) for level in LEVELS]
    for i, pages_at in enumerate(estimates):
        if pages_at > pages - margin:
            continue
        whole = math.floor(pages_at + margin)
        if pages_at - whole < 0.3 and whole >= 1:
            tighter = [j for j in range(i + 1, len(LEVELS)) if estimates[j] <= whole - margin]
            return tighter[0] if tighter else i
        return i
    return len(LEVELS) - 1
