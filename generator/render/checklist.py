"""The one-page domain checklist: each exam domain with its weight, its modules and a checkbox per section.

The page is fitted by ``checklist_fit``: key terms go first, then spacing, then type size, down to a 7 pt floor.
"""
from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import GuideError
from generator.model import Guide, Location, Module, Section
from generator.render import pdf, weasy
from generator.render.checklist_fit import FLOOR_Q, Fit, Layout, balance, column_count, fit_page, lay_out

if TYPE_CHECKING:
    from generator.build import Options, Target


OUTPUT = "checklist.pdf"
"""The file written into the build folder."""
COST = 1.5
"""About what fitting the page costs (three layouts), in seconds: for the pool's ordering."""


def plan(guide: Guide, options: Options) -> dict[str, str]:
    """Fingerprint of exactly what the page shows (header, domains, modules, sections, terms), paper and templates."""
    from generator import fingerprint

    shown = (guide.exam, header_facts(guide), blocks(guide), options.paper, fingerprint.templates("checklist"))
    return {OUTPUT: fingerprint.digest("checklist", *shown)}


def render(guide: Guide, options: Options, target: Target) -> list[str]:
    """Fit the checklist on one page and write checklist.pdf; fail with a located error when it cannot fit."""
    lines = target.pool.run(COST, write_page, guide, options, target.out / OUTPUT)
    target.report(OUTPUT)
    return lines


def preload() -> None:
    """What the checklist job needs, loaded by a worker before the guide is read: WeasyPrint. Its template is
    compiled by the job: one worker runs it, so compiling it before the fork would save nothing and would delay
    every build's first job, that of a one-module edit too (~10 ms)."""
    weasy.load()


def write_page(guide: Guide, options: Options, path: Path) -> list[str]:
    """Fit the page and write it to ``path`` (a job of the build's pool); the summary line."""
    started = time.perf_counter()
    template = pdf.jinja().get_template("checklist/checklist.html")
    context = {"exam": guide.exam, "facts": header_facts(guide), "blocks": blocks(guide)}
    layouts: list[Layout] = []

    def lay(fit: Fit, height: float | None) -> Layout:
        layouts.append(lay_out(lambda f: template.render(fit=f, **context), options.paper, fit, height))
        return layouts[-1]

    best = fit_page(lay, has_terms(guide), lambda quarter_pt: column_count(options.paper, quarter_pt))
    if best is None:
        raise overflow(guide, options, layouts[-1])
    best = balance(lay, best)
    pdf.write(best.document, path)
    fit = best.fit
    extras = (", key terms" if fit.terms else "") + (", compact spacing" if fit.compact else "")
    paper = "A4" if options.paper == "a4" else options.paper.title()
    return [f"{OUTPUT}: 1 page {paper}, {fit.pt:g} pt, {fit.columns} columns{extras} "
            f"({len(layouts)} layout{'s' if len(layouts) > 1 else ''}, {time.perf_counter() - started:.1f} s)"]


def overflow(guide: Guide, options: Options, floor: Layout) -> GuideError:
    """The error for a guide too big for one page even at the floor size, saying how far over it is."""
    config = options.source / "guide.yaml"
    where = Location(str(config if config.is_file() else options.source))
    sections = sum(len(m.sections) for m in guide.modules)
    return GuideError.at(where, f"checklist does not fit on one page at {FLOOR_Q / 4:g} pt: "
                                f"{math.ceil((floor.ratio - 1) * 100)}% over ({sections} sections in "
                                f"{len(guide.modules)} modules); shorten section titles or split the guide")


def has_terms(guide: Guide) -> bool:
    """True when some section has key terms to show."""
    return any(s.facts for m in guide.modules for s in m.sections)


def header_facts(guide: Guide) -> list[str]:
    """The exam facts and the source revision, as short header items."""
    exam = guide.exam
    counted = f" ({exam.scored_questions} scored)" if exam.scored_questions else ""
    facts = [f"{exam.questions} questions{counted}" if exam.questions else "",
             f"{exam.duration_minutes} min" if exam.duration_minutes else "",
             f"pass {exam.passing_score}" if exam.passing_score else "",
             ", ".join(exam.question_types),
             f"{sum(len(m.sections) for m in guide.modules)} sections",
             f"rev. {guide.revision}"]
    return [f for f in facts if f]


def blocks(guide: Guide) -> list[dict[str, Any]]:
    """One block per domain, then one for the general modules if there are any."""
    out = []
    for domain in guide.domains:
        modules = guide.modules_of(domain.id)
        out.append({"id": domain.id, "title": domain.title, "general": False, "weight": f"{domain.weight:g}%",
                    "percent": f"{max(0.0, min(domain.weight, 100.0)):g}", "count": _count(modules),
                    "modules": [_module(m, domain.id) for m in modules]})
    general = tuple(m for m in guide.modules if not m.domains)
    if general:
        out.append({"id": "", "title": "General: no exam domain", "general": True, "count": _count(general),
                    "modules": [_module(m, "") for m in general]})
    return out


def _count(modules: tuple[Module, ...]) -> str:
    """ "2 modules · 13 sections"."""
    sections = sum(len(m.sections) for m in modules)
    return (f"{len(modules)} module{'s' if len(modules) != 1 else ''} · "
            f"{sections} section{'s' if sections != 1 else ''}")


def _module(module: Module, domain_id: str) -> dict[str, Any]:
    """A module as listed under one domain, with the other domains it also covers."""
    return {"number": module.number, "title": module.title,
            "also": ", ".join(d for d in module.domains if d != domain_id),
            "sections": [_section(s) for s in module.sections]}


def _section(section: Section) -> dict[str, Any]:
    """A section: its heading as written and its key terms."""
    return {"heading": section.heading, "terms": [f.term for f in section.facts]}
