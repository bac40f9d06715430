"""Printable cheat sheets: one landscape PDF per module (at most two pages when it fits) and one combined PDF.

Each module is laid out once, as a job of the build's worker pool (largest estimate first): its boxes as narrow
one-column pages, placed side by side into a frame that holds the header and the page margins (impose.py says
why). A sheet that runs over two pages is laid out again one type level smaller, down to 7 pt, and then warns
instead of failing. The combined sheet is the module PDFs concatenated (bookmarks kept), so the guide is
never laid out twice.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Guide, Module
from generator.render import pdf, weasy
from generator.render.cheatsheet_fit import (GAP, LEVELS, MARGIN, column_height, column_width, estimate_pages,
                                             frame_css, level_css, start_level)

if TYPE_CHECKING:
    from weasyprint import Document

    from generator.build import Options, Target
    from generator.render.cheatsheet_fit import Level
    from generator.render.impose import Place

FOLDER = "cheatsheets"
"""Sub-folder of the output folder."""
MAX_PAGES = 2
"""A module sheet is one sheet of paper printed double-sided."""
MIN_FIRST_ROW = 25.0
"""Least height in mm worth a row of columns below the header; with less (a very long title), they start a page on."""
SECONDS_PER_PAGE = 0.4
"""About what laying out and writing one dense sheet page costs: a job's cost for the pool's ordering."""
MERGE_COST = 0.05
"""About what concatenating the module sheets costs, in seconds."""


@dataclass(frozen=True)
class Job:
    """One module sheet to lay out (its HTML is built in the worker, which keeps the main process free to plan)."""

    guide: Guide
    """The guide without its modules (exam, domains, revision): small to send."""
    module: Module
    paper: str
    path: Path
    start: int
    """Index into LEVELS of the first level to try."""
    pages: int
    """The expected page count at that level (the frame is laid out again if it turns out different)."""


@dataclass(frozen=True)
class Outcome:
    """What laying out one sheet gave."""

    path: Path
    pages: int
    level: int
    """Index into LEVELS of the level written."""
    layouts: int
    """How many times the sheet was laid out (1 when the estimate was right)."""


def preload() -> None:
    """What a sheet job needs, loaded by a worker before the guide is read: WeasyPrint, pikepdf, templates, code
    lexers."""
    import pikepdf  # noqa: F401 - imposition and the combined sheet

    from generator.render import cheatsheet_html  # noqa: F401 - module_html
    from generator.render.cheatsheet_code import preload_lexers

    weasy.load()
    for name in ("cheatsheet/frame.html", "cheatsheet/columns.html"):
        pdf.jinja().get_template(name)
    preload_lexers()


def render_job(job: Job) -> Outcome:
    """Lay out one sheet, one level smaller each time it runs over MAX_PAGES, and write it."""
    from generator.render.cheatsheet_html import module_html  # here: the main process needs no HTML (Pygments)
    from generator.render.impose import impose

    html = module_html(job.guide, job.module)
    frame = _frame(html.frame, job.paper, job.pages - 1)
    anchor_page, start_page, first_top = columns_start(frame, job.paper)
    for index in range(job.start, len(LEVELS)):
        columns = pdf.render(html.columns, [level_css(LEVELS[index], job.paper, first_top)])
        pages = start_page + sheet_pages(len(columns.pages), LEVELS[index].columns)
        if pages <= MAX_PAGES:
            break
    if pages != len(frame.pages):
        frame = _frame(html.frame, job.paper, pages - anchor_page - 1)
    impose(frame, columns, places(len(columns.pages), LEVELS[index], job.paper, start_page, first_top), job.path)
    return Outcome(job.path, pages, index, index - job.start + 1)


def _frame(html: str, paper: str, more: int) -> Document:
    """The sheet's frame laid out with ``more`` pages after the one where its header ends."""
    from generator.render.cheatsheet_html import MORE_PAGES

    return pdf.render(html.replace(MORE_PAGES, '<div style="break-before: page"></div>' * more), [frame_css(paper)])


def columns_start(frame: Document, paper: str) -> tuple[int, int, float]:
    """Where the columns start: the frame page where the header ends, the page of the first row of columns (the
    next one when less than MIN_FIRST_ROW mm is left below the header), and that row's top in mm from the edge."""
    anchor_page, y_px = next((n, p.anchors["columns"][1]) for n, p in enumerate(frame.pages) if "columns" in p.anchors)
    top = y_px * 25.4 / 96
    if column_height(paper, top) < MIN_FIRST_ROW:
        return anchor_page, anchor_page + 1, MARGIN["top"]
    return anchor_page, anchor_page, top


def sheet_pages(columns: int, per_page: int) -> int:
    """Sheet pages for ``columns`` column pages, ``per_page`` columns to a page."""
    return max(1, math.ceil(columns / per_page))


def places(columns: int, level: Level, paper: str, start_page: int, first_top: float) -> list[Place]:
    """Where each column page goes: left to right, then the next sheet page; the first row on ``start_page`` at
    ``first_top`` mm (below the header), the others below the top margin."""
    from generator.render.impose import Place

    width = column_width(level, paper)
    return [Place(start_page + i // level.columns, MARGIN["left"] + (i % level.columns) * (width + GAP),
                  first_top if i < level.columns else MARGIN["top"]) for i in range(columns)]


def merge(sheets: list[tuple[int, Path]], out: Path, guide: Guide) -> int:
    """Concatenate the module sheets (module number, path) into one PDF, keeping their bookmarks; returns its page
    count (a job of the build's pool; ``guide`` needs no modules).

    Each module keeps its own page numbers ("page 1 / 2" in the footer), so the page labels say "07-1", "07-2".
    """
    from generator.render.impose import concatenate

    return concatenate([(path, f"{number:02d}-") for number, path in sheets], out, {
        "Title": f"{guide.exam.code} cheat sheets – {guide.exam.title}",
        "Author": f"studygen, from the {guide.exam.code} study guide",
        "Subject": f"All {len(sheets)} module cheat sheets, source revision {guide.revision}",
    })


def sheet_path(module: Module) -> str:
    """A module's sheet, relative to the output folder."""
    return f"{FOLDER}/{module.slug}.pdf"


def combined_path(guide: Guide) -> str:
    """The combined sheet, relative to the output folder."""
    return f"{FOLDER}/{guide.exam.code}-all.pdf"


def plan(guide: Guide, options: Options) -> dict[str, str]:
    """Fingerprints: a module sheet depends on its module, the exam and domains, paper and templates; the combined
    sheet on every module sheet and the guide's revision (in its metadata)."""
    from generator import fingerprint

    shared = (guide.exam, guide.domains, options.paper, fingerprint.templates("cheatsheet"))
    sheets = {sheet_path(m): fingerprint.digest("cheatsheet", m, *shared) for m in guide.modules}
    return {**sheets, combined_path(guide): fingerprint.digest("cheatsheets-all", sheets, guide.revision)}


def render(guide: Guide, options: Options, target: Target) -> list[str]:
    """Write the stale module sheets and the combined sheet; return summary lines and over-length warnings."""
    started = time.perf_counter()
    wanted = options.targets
    costs = {m.slug: estimate_pages(m, LEVELS[-1], options.paper) for m in guide.modules}
    modules = sorted((m for m in guide.modules if wanted is None or sheet_path(m) in wanted),
                     key=lambda m: -costs[m.slug])  # queued longest first
    futures = []
    bare = replace(guide, modules=())
    for module in modules:
        level = start_level(module, options.paper, MAX_PAGES)
        estimate = estimate_pages(module, LEVELS[level], options.paper)
        job = Job(bare, module, options.paper, target.out / sheet_path(module), level, max(1, math.ceil(estimate)))
        futures.append(target.pool.submit(SECONDS_PER_PAGE * estimate, render_job, job))
        futures[-1].add_done_callback(lambda f: target.report(f.result().path.relative_to(target.out).as_posix())
                                      if not f.cancelled() and f.exception() is None else None)
    outcomes = [future.result() for future in futures]
    lines = [f"{m.loc.file}: warning: sheet is {o.pages} pages at {LEVELS[o.level].body:g} pt"
             for m, o in sorted(zip(modules, outcomes), key=lambda pair: pair[0].number) if o.pages > MAX_PAGES]
    if wanted is None or combined_path(guide) in wanted:
        rebuilt = {o.path.name for o in outcomes}
        sheets = [(m.number, (target.out if f"{m.slug}.pdf" in rebuilt else options.out) / sheet_path(m))
                  for m in guide.modules]
        # In a worker, where pikepdf is loaded already: the main process never imports it (~50 ms).
        total = target.pool.run(MERGE_COST, merge, sheets, target.out / combined_path(guide), bare)
        target.report(combined_path(guide))
        lines.append(f"{combined_path(guide)}: {total} pages")
    if outcomes:
        lines.append(summary(modules, outcomes, options.paper, time.perf_counter() - started))
    return lines


def summary(modules: list[Module], outcomes: list[Outcome], paper: str, seconds: float) -> str:
    """One line: sheets, pages per module, type sizes used, layouts and time."""
    by_number = sorted(zip(modules, outcomes), key=lambda pair: pair[0].number)
    pages = " ".join(f"{m.number:02d}:{o.pages}" for m, o in by_number)
    sizes = sorted({LEVELS[o.level].body for o in outcomes})
    size = f"{sizes[0]:g}–{sizes[-1]:g} pt" if len(sizes) > 1 else f"{sizes[0]:g} pt"
    layouts = sum(o.layouts for o in outcomes)
    return (f"{FOLDER}: {len(outcomes)} module sheets, {'A4' if paper == 'a4' else paper.title()} landscape, "
            f"pages {pages}, body {size} ({layouts} layouts, {seconds:.1f} s)")
