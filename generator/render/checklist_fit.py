"""Fitting the checklist on one page: a short ladder of settings, each layout measured to predict the next.

Preference order: key terms at the start size, then without terms, then compact spacing, then smaller type in
quarter points down to the floor (with a third column once the type is small enough for it). The compact layout is
laid out first: it tells whether the roomy ones can fit at all (``fit_page``). Every trial layout
fills the columns one after the other (one WeasyPrint pass; its own column balancing re-lays the columns out
pixel by pixel and costs up to 20× more), and the end of the content tells how much of the page it needs. The
chosen setting is then laid out once more with columns of equal height, unless that would break its columns at the
same places (the page would be the same).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from generator.render import pdf

if TYPE_CHECKING:
    from weasyprint import Document

START_Q = 42
"""Comfortable type size in quarter points (10.5 pt)."""
FLOOR_Q = 28
"""Readable floor in quarter points (7 pt); below this the build fails."""
TARGET = 0.97
"""Share of the page a predicted size aims to fill: columns of unbreakable modules need some slack."""
MARGIN_MM = (11, 12)
"""Page margins (top and bottom, left and right) in millimetres."""
MIN_COLUMN_EM, GAP_EM, MAX_COLUMNS = 20, 2, 3
"""Narrowest readable column and the gap between columns, in em; more columns than this never help."""
LINE_EM = 1.3
"""About one line of the checklist, in em."""
ROOMY_GROWTH = 1.05
"""Least height of the roomy layout over the compact one: line height 1.3 against 1.18 and larger gaps make it
1.18–1.21 on the bundled guide; bars and boxes that do not grow keep it above this bound."""
BALANCE_TRIES = 4
"""Layouts spent on equal column heights before keeping the unbalanced page (which fits)."""
PX_PER = {"mm": 96 / 25.4, "in": 96.0, "pt": 96 / 72}
"""CSS px per unit."""


@dataclass(frozen=True)
class Fit:
    """One layout setting."""

    quarter_pt: int
    """Root type size in quarter points."""
    terms: bool
    """Show the key terms under each section."""
    compact: bool
    """Tighter line height and gaps."""
    columns: int
    """Column count: more columns at smaller type sizes."""

    @property
    def pt(self) -> float:
        """Type size in points."""
        return self.quarter_pt / 4


@dataclass(frozen=True)
class Layout:
    """A laid-out checklist and how much room its content needs."""

    fit: Fit
    document: Document
    fits: bool
    """The whole content is on the one page, inside its columns."""
    ratio: float
    """Height the content needs with balanced columns over the page's usable height: about ≤ 1 when it fits."""
    length: float
    """Total length of the column content (all columns stacked), in CSS px."""
    column_px: float
    """Height of the columns on the first page, in CSS px."""
    bottoms: tuple[float, ...] = ()
    """Where the content of each column on the first page ends, in px below the columns' top (() if unknown)."""


Lay = Callable[[Fit, "float | None"], Layout]
"""Lays out a setting, optionally with a fixed column height in px."""


def fit_page(lay: Lay, terms: bool, columns: Callable[[int], int]) -> Layout | None:
    """The most comfortable setting that fits one page, or None when even the floor overflows.

    Compact spacing at the start size goes first: the roomy layout needs at least ROOMY_GROWTH times its height, so
    it is laid out only when that could fit (a study guide's checklist rarely fits roomy: one layout saved, about
    0.25 s). Terms only add height, so they are tried only after the roomy layout without them fits.
    """
    def at(quarter_pt: int, terms: bool = False, compact: bool = True) -> Fit:
        return Fit(quarter_pt, terms, compact, columns(quarter_pt))

    last = lay(at(START_Q), None)
    if last.ratio * ROOMY_GROWTH <= 1:
        roomy = lay(at(START_Q, compact=False), None)
        if roomy.fits:
            richer = lay(at(START_Q, True, False), None) if terms else roomy
            return richer if richer.fits else roomy
    if last.fits:
        return last
    best, low, high = None, FLOOR_Q - 1, START_Q  # low fits (or is below the floor), high does not
    while high - low > 1 and (guess := predict(last, low, high, columns)) is not None:
        last = lay(at(guess), None)
        if last.fits:
            best, low = last, guess
        else:
            high = guess
    return best


def predict(last: Layout, low: int, high: int, columns: Callable[[int], int]) -> int | None:
    """The largest size between low and high predicted to need at most TARGET of the page (height ∝ size / columns).

    None when the last layout fits and the prediction gains less than half a point: not worth another layout.
    """
    for quarter_pt in range(high - 1, low, -1):
        if last.ratio * quarter_pt / last.fit.quarter_pt * last.fit.columns / columns(quarter_pt) <= TARGET:
            return None if last.fits and quarter_pt < low + 2 else quarter_pt
    return None if last.fits else low + 1


def balance(lay: Lay, chosen: Layout) -> Layout:
    """The chosen setting laid out again with columns of equal height; the chosen layout if that takes too long."""
    columns, line = chosen.fit.columns, LINE_EM * chosen.fit.pt * PX_PER["pt"]
    height = math.ceil(chosen.length / columns + line)  # a line of slack
    if len(chosen.bottoms) == columns and max(chosen.bottoms[:-1], default=0.0) <= height:
        # Every column but the last already ends above that height: columns of that height would break at the same
        # places (what fitted in the taller column still fits, what did not still does not), the same page.
        return chosen
    for _ in range(BALANCE_TRIES if columns > 1 else 0):
        if height > chosen.column_px - line:  # less than a line shorter: not worth a layout (about 0.25 s)
            break
        trial = lay(chosen.fit, height)
        if trial.fits:
            return trial
        # The overflow spread over the columns; at least a line more (the trial may even have moved to page 2).
        height = math.ceil(max(height + line, min(trial.length / columns, chosen.column_px)))
    return chosen


def column_count(paper: str, quarter_pt: int) -> int:
    """As many columns as the page width holds at the narrowest readable width, at most MAX_COLUMNS."""
    width_px = (pdf.paper_mm(paper)[1] - 2 * MARGIN_MM[1]) * PX_PER["mm"]
    width_em = width_px / (quarter_pt / 4 * PX_PER["pt"])
    return max(1, min(MAX_COLUMNS, int((width_em + GAP_EM) // (MIN_COLUMN_EM + GAP_EM))))


def page_css(paper: str, fit: Fit, height: float | None) -> str:
    """Portrait page, margins, root type size and columns (filled in order, to ``height`` px if given)."""
    long_side, short_side = pdf.PAPER[paper]
    size = f" height: {height}px;" if height else ""
    return (f"@page {{ size: {short_side} {long_side}; margin: {MARGIN_MM[0]}mm {MARGIN_MM[1]}mm; }}\n"
            f"html {{ font-size: {fit.pt}pt; }}\n"
            f"main {{ column-count: {fit.columns}; column-gap: {GAP_EM}em; column-fill: auto;{size} }}")


def lay_out(html: Callable[[Fit], str], paper: str, fit: Fit, height: float | None) -> Layout:
    """Lay out one setting and measure it (the template marks its columns #columns and their end #end)."""
    document = pdf.render(html(fit), [page_css(paper, fit, height)])
    return measure(document, fit, height)


def measure(document: Document, fit: Fit, height: float | None) -> Layout:
    """Where the content ends, as total column length, whether it fits, and the page share it would need."""
    pages = document.pages
    margin_y, margin_x = (m * PX_PER["mm"] for m in MARGIN_MM)
    usable = pages[0].height - 2 * margin_y
    if "columns" not in pages[0].anchors:  # the header alone fills the page
        return Layout(fit, document, False, float(len(pages)) + 1, math.inf, 0.0)
    top = pages[0].anchors["columns"][1]
    first = height or pages[0].height - margin_y - top
    pitch = (pages[0].width - 2 * margin_x + GAP_EM * fit.pt * PX_PER["pt"]) / fit.columns  # column + gap
    number, (x, y) = next((n, p.anchors["end"][:2]) for n, p in enumerate(pages) if "end" in p.anchors)
    column = round((x - margin_x) / pitch)
    before = fit.columns * (first + (number - 1) * usable) if number else 0.0
    length = before + column * (first if number == 0 else usable) + y - (top if number == 0 else margin_y)
    fits = len(pages) == 1 and column < fit.columns
    return Layout(fit, document, fits, (top - margin_y + length / fit.columns) / usable, length, first,
                  column_bottoms(document, top))


def column_bottoms(document: Document, top: float) -> tuple[float, ...]:
    """Where each column's content on the first page ends, in px below ``top`` (from WeasyPrint's boxes: its
    columns are the children of ``main`` marked ``is_column``); () where the boxes are not as expected."""
    try:
        main = next(box for box in document.pages[0]._page_box.descendants() if box.element_tag == "main")
        columns = [box for box in main.children if getattr(box, "is_column", False)]
        return tuple(max((b.position_y + b.margin_height() for b in column.children), default=top) - top
                     for column in columns)
    except (AttributeError, StopIteration, TypeError):
        return ()
