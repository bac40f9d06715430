"""Source folder → Guide. The only part of studygen that reads the guide's files."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from generator.errors import GuideError, Reporter
from generator.model import Block, Definition, Domain, Fact, Guide, ListBlock, Location, Module, Paragraph
from generator.reader.config import load_yaml, read_config
from generator.reader.files import display, read_source, revisions
from generator.reader.markdown import ModuleParser, parser
from generator.text import plain

MODULE_NAME = re.compile(r"^(?P<num>\d{2})-(?P<slug>[a-z0-9][a-z0-9-]*)\.md$")
_DOMAIN_STATEMENT = re.compile(r"Domain\s+(?P<n>\d+)\s*:\s*(?P<title>[^()\n*]+?)\s*\((?P<weight>\d+(?:\.\d+)?)\s*%\)")

__all__ = ["read_guide", "source_files"]


def source_files(source: Path) -> list[Path]:
    """guide.yaml, intro.md if present, and every module file, in build order (no validation)."""
    files = [source / "guide.yaml"]
    if (source / "intro.md").exists():
        files.append(source / "intro.md")
    modules = source / "modules"
    if modules.is_dir():
        files += sorted(p for p in modules.iterdir() if MODULE_NAME.match(p.name))
    return files


def read_guide(source: Path, report: Reporter) -> Guide:
    """Read and validate a whole guide; raise GuideError listing every error, warnings go to ``report``."""
    if not source.is_dir():
        raise GuideError.at(Location(display(source)), "source folder not found (pass --source DIR)")
    config = source / "guide.yaml"
    if not config.is_file():
        raise GuideError.at(Location(display(config)), "missing: every guide needs guide.yaml with 'exam' and 'domains'")
    exam, domains = read_config(read_source(config, source), display(config), report)
    modules = [m for m in (_read_module(p, source, report) for p in _module_paths(source, report)) if m]
    intro: tuple[Block, ...] = ()
    if (source / "intro.md").exists():
        intro = _read_intro(source / "intro.md", source, report)
    modules = _unique_ids(modules, report)
    _check_domains(modules, domains, report)
    _check_statements(intro, modules, domains, report)
    report.raise_errors()
    files = source_files(source)
    revision, per_file = revisions(source, files)
    modules = [replace(m, revision=per_file.get(source / "modules" / f"{m.slug}.md", revision)) for m in modules]
    return Guide(exam, domains, tuple(modules), intro, revision, tuple(display(f) for f in files))


def _module_paths(source: Path, report: Reporter) -> list[Path]:
    folder = source / "modules"
    if not folder.is_dir():
        raise GuideError.at(Location(display(folder)), "missing: put one NN-slug.md file per module in source/modules/")
    paths: list[Path] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        m = MODULE_NAME.match(path.name)
        if not m or not path.is_file():
            report.warn(Location(display(path)), "ignored: module files are named NN-slug.md (e.g. 03-data-processing.md)")
            continue
        if m.group("num") in seen:
            report.error(Location(display(path)), f"module number {m.group('num')} is also used by {seen[m.group('num')].name}")
            continue
        seen[m.group("num")] = path
        paths.append(path)
    if not paths:
        raise GuideError.at(Location(display(folder)), "holds no module files (NN-slug.md)")
    return paths


def _read_module(path: Path, root: Path, report: Reporter) -> Module | None:
    file = display(path)
    try:
        text = read_source(path, root)
    except GuideError as exc:
        for d in exc.diagnostics:
            report.error(d.loc, d.message)
        return None
    tokens = parser().parse(text)
    if not tokens or tokens[0].type != "front_matter":
        report.error(Location(file, 1), "missing front matter: start the file with '---', 'title: …', 'domains: [...]', '---'")
        return None
    try:
        meta = load_yaml(tokens[0].content, file, first_line=2)
    except GuideError as exc:
        report.error(exc.diagnostics[0].loc, exc.diagnostics[0].message)
        return None
    title, domains = _front_matter(meta, file, report)
    m = MODULE_NAME.match(path.name)
    assert m is not None
    walker = ModuleParser(file, text.split("\n"), int(m.group("num")), report)
    walker.parse(tokens[1:])
    if not walker.sections and not walker.intro:
        report.warn(Location(file, (tokens[0].map or [0, 1])[1]), "has front matter but no body")
    if title is None:
        return None
    for q in walker.questions:
        if q.domain is not None and domains and q.domain not in domains:
            report.error(q.loc, f"question domain '{q.domain}' is not one of this module's domains ({', '.join(domains) or 'none'})")
        elif q.domain is None and not domains:
            report.error(q.loc, "a question in a module without domains needs 'domain:' (the exam counts it there)")
    return Module(int(m.group("num")), path.stem, title, domains, tuple(walker.intro), tuple(walker.sections),
                  Location(file, 1), questions=tuple(walker.questions))


def _front_matter(meta: object, file: str, report: Reporter) -> tuple[str | None, tuple[str, ...]]:
    if not isinstance(meta, dict):
        report.error(Location(file, 2), "front matter must be a mapping with 'title' and 'domains'")
        return None, ()
    title = meta.get("title")
    if not isinstance(title, (str, int)) or not str(title).strip():
        report.error(Location(file, 2), "front matter: missing required key 'title'")
        title = None
    domains = meta.get("domains", None)
    if domains is None:
        report.warn(Location(file, 2), "front matter has no 'domains:'; the module is treated as general (domains: [])")
        domains = []
    if isinstance(domains, str):
        domains = [domains]
    if not isinstance(domains, list) or not all(isinstance(d, (str, int)) for d in domains):
        report.error(Location(file, 2), f"front matter: 'domains' must be a list of domain ids, not {domains!r}")
        domains = []
    return (str(title).strip() if title is not None else None), tuple(str(d) for d in domains)


def _read_intro(path: Path, root: Path, report: Reporter) -> tuple[Block, ...]:
    text = read_source(path, root)
    walker = ModuleParser(display(path), text.split("\n"), -1, report)
    walker.parse([t for t in parser().parse(text) if t.type != "front_matter"])
    return tuple(walker.intro) + tuple(b for s in walker.sections for b in s.blocks)


def _unique_ids(modules: list[Module], report: Reporter) -> list[Module]:
    """Pinned ids must be unique (error at both places); colliding automatic ids get -2, -3… and a warning."""
    by_id: dict[str, list[Fact]] = defaultdict(list)
    for fact in (f for m in modules for f in m.facts):
        by_id[fact.id].append(fact)
    renamed: dict[Location, str] = {}
    for fid, facts in by_id.items():
        pinned = [f for f in facts if f.pinned]
        if len(pinned) > 1:
            for f in pinned:
                others = ", ".join(str(o.loc) for o in pinned if o is not f)
                report.error(f.loc, f"pinned id '{fid}' is also used at {others}")
        elif len(facts) > 1:
            for n, f in enumerate([f for f in facts if not f.pinned][1 if not pinned else 0 :], start=2):
                renamed[f.loc] = f"{fid}-{n}"
                report.warn(f.loc, f"'{plain(f.term)}' is defined twice in this section (first at {facts[0].loc}); its id becomes '{fid}-{n}' — pin one with {{#id}}")
    _warn_repeated_terms(modules, report)
    return [_rename(m, renamed) for m in modules] if renamed else modules


def _warn_repeated_terms(modules: list[Module], report: Reporter) -> None:
    first: dict[str, Fact] = {}
    for fact in (f for m in modules for f in m.facts):
        key = plain(fact.term).lower()
        if key in first and first[key].section != fact.section:
            report.warn(fact.loc, f"term '{plain(fact.term)}' is defined twice (also at {first[key].loc}); both are kept")
        first.setdefault(key, fact)


def _rename(module: Module, renamed: dict[Location, str]) -> Module:
    def fix(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(
            Definition(replace(b.fact, id=renamed[b.fact.loc])) if isinstance(b, Definition) and b.fact.loc in renamed else b
            for b in blocks
        )

    sections = tuple(replace(s, blocks=fix(s.blocks)) for s in module.sections)
    return replace(module, intro=fix(module.intro), sections=sections)


def _check_domains(modules: list[Module], domains: tuple[Domain, ...], report: Reporter) -> None:
    known = {d.id for d in domains}
    for module in modules:
        for did in module.domains:
            if did not in known:
                report.error(Location(module.loc.file, 2), f"unknown domain '{did}' (guide.yaml defines: {', '.join(sorted(known))})")
        for q in module.questions:
            if q.domain is not None and not module.domains and q.domain not in known:
                report.error(q.loc, f"unknown domain '{q.domain}' (guide.yaml defines: {', '.join(sorted(known))})")


def _texts(blocks: tuple[Block, ...]) -> list[tuple[str, Location]]:
    out: list[tuple[str, Location]] = []
    for b in blocks:
        if isinstance(b, Definition):
            out.append((f"{b.fact.term} {b.fact.text}", b.fact.loc))
        elif isinstance(b, Paragraph):
            out.append((b.text, b.loc))
        elif isinstance(b, ListBlock):
            out.extend((item, Location(b.loc.file, (b.loc.line or 0) + i)) for i, item in enumerate(b.items))
    return out


def _check_statements(intro: tuple[Block, ...], modules: list[Module], domains: tuple[Domain, ...], report: Reporter) -> None:
    """Warn where the guide's prose states a domain weight or name that differs from guide.yaml."""
    texts = _texts(intro) + [t for m in modules for s in m.sections for t in _texts(m.intro + s.blocks)]
    for text, loc in texts:
        for st in _DOMAIN_STATEMENT.finditer(plain(text)):
            n = int(st.group("n"))
            dom = next((d for d in domains if d.id == f"D{n}"), domains[n - 1] if 0 < n <= len(domains) else None)
            if dom is None:
                report.warn(loc, f"text names Domain {n}, which guide.yaml does not define")
                continue
            title, weight = st.group("title").strip(), float(st.group("weight"))
            if title.lower() != dom.title.lower() or abs(weight - dom.weight) > 1e-6:
                report.warn(loc, f"text says 'Domain {n}: {title} ({weight:g}%)' but guide.yaml has {dom.id} '{dom.title}' ({dom.weight:g}%)")
