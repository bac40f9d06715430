"""Cheat sheets: page count and size per module in A4 and Letter, every term present, bundled fonts only, type sizes,
metadata and bookmarks, escaping and the confined fetcher, any guide in the documented format, over-long modules."""
from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Iterator

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, copy_guide
from generator.build import Options, Result, build, load
from generator.render.cheatsheet_fit import LEVELS
from generator.model import Guide
from generator.text import plain

SIZES = {"a4": (842, 595), "letter": (792, 612)}
"""Landscape page sizes in points."""


def quiet(source: Path) -> Guide:
    """The guide, without printing its warnings."""
    return load(source, echo=lambda line: None)


def make(source: Path, out: Path, paper: str = "a4") -> Result:
    """Build only the cheat sheets."""
    return build(Options(source=source, out=out, paper=paper, only=("cheatsheets",)), echo=lambda line: None)


def squash(text: str) -> str:
    """Text without whitespace, so a term wrapped over two lines still matches."""
    return "".join(text.split())


def text_of(path: Path) -> str:
    """All text of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def drawn(path: Path) -> Iterator[tuple[bytes, dict]]:
    """Every content stream of the PDF with its resources: each page's, and each form XObject's it draws (a sheet's
    columns are form XObjects on the frame's pages)."""
    def walk(data: bytes, resources: dict) -> Iterator[tuple[bytes, dict]]:
        yield data, resources
        for ref in resources.get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject["/Subtype"] == "/Form":
                yield from walk(xobject.get_data(), xobject["/Resources"].get_object())

    for page in PdfReader(path).pages:
        yield from walk(page.get_contents().get_data(), page["/Resources"].get_object())


def font_sizes(path: Path) -> list[float]:
    """Every font size set in the PDF's content streams, in points (WeasyPrint draws in CSS px at 0.75 pt)."""
    sizes = []
    for data, _ in drawn(path):
        stream = data.decode("latin-1")
        if " Tf" in stream:
            assert "0.75 0 0 0.75 0 0 cm" in stream
        sizes += [float(size) * 0.75 for size in re.findall(r"/\S+ ([\d.]+) Tf", stream)]
    return sizes


def font_names(path: Path) -> set[str]:
    """Base names of every font the PDF uses, without the subset prefix."""
    names = set()
    for _, resources in drawn(path):
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            for f in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                names.add(str(f["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Result]]:
    """The project's guide built once per paper size."""
    out = tmp_path_factory.mktemp("cheatsheets")
    return {paper: (out / paper / "cheatsheets", make(ROOT / "source", out / paper, paper)) for paper in SIZES}


@pytest.mark.parametrize("paper", SIZES)
def test_each_module_fits_two_landscape_pages(project, paper):
    folder, result = project[paper]
    guide = quiet(ROOT / "source")
    for module in guide.modules:
        reader = PdfReader(folder / f"{module.slug}.pdf")
        assert 1 <= len(reader.pages) <= 2, module.slug
        for page in reader.pages:
            assert (round(page.mediabox.width), round(page.mediabox.height)) == SIZES[paper]
    assert not [line for line in result.summary if "warning" in line]


@pytest.mark.parametrize("paper", SIZES)
def test_each_sheet_is_laid_out_once(project, paper):
    """The size estimate picks a level that fits, so no sheet of the bundled guide is laid out twice."""
    _, result = project[paper]
    line = next(line for line in result.summary if "module sheets" in line)
    assert re.search(r"\((\d+) layouts", line).group(1) == str(len(quiet(ROOT / "source").modules))


@pytest.mark.parametrize("paper", SIZES)
def test_every_term_and_heading_is_on_its_sheet(project, paper):
    folder, _ = project[paper]
    guide = quiet(ROOT / "source")
    for module in guide.modules:
        flat = squash(text_of(folder / f"{module.slug}.pdf"))
        missing = [f.term for f in module.facts if squash(plain(f.term)) not in flat]
        missing += [s.heading for s in module.sections if squash(plain(s.heading)) not in flat]
        assert missing == [], module.slug
        assert squash(f"{module.number:02d} {plain(module.title)}") in flat
        assert guide.exam.code in flat and "page1/" in flat


@pytest.mark.parametrize("paper", SIZES)
def test_only_bundled_fonts_are_embedded(project, paper):
    folder, _ = project[paper]
    for path in sorted(folder.glob("*.pdf")):
        names = font_names(path)
        assert names and all(n.startswith(("StudySans", "StudyMono")) for n in names), (path.name, names)


def test_type_sizes_respect_the_floors(project):
    """Nothing is set below 6.5 pt; the body text (the most used size) is at least 7 pt."""
    folder, _ = project["a4"]
    for path in sorted(folder.glob("[0-9]*.pdf")):
        sizes = font_sizes(path)
        assert min(sizes) >= 6.5 - 0.01, path.name
        assert max(set(sizes), key=sizes.count) >= 7 - 0.01, path.name


def test_metadata_and_bookmarks(project):
    folder, _ = project["a4"]
    guide = quiet(ROOT / "source")
    module = guide.modules[7]
    reader = PdfReader(folder / f"{module.slug}.pdf")
    meta = reader.metadata
    assert meta.title == f"{guide.exam.code} 07 {module.title} – cheat sheet"
    assert meta.author and guide.exam.code in meta.author
    assert module.title in meta.subject and module.revision in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    top, sections = reader.outline
    assert top.title == f"07 {module.title}"
    assert [s.title for s in sections] == [s.heading for s in module.sections]
    assert reader.get_destination_page_number(top) == 0
    for item in sections:  # each section's bookmark leads to the page, and the height, where its box starts
        page = reader.pages[reader.get_destination_page_number(item)]
        assert squash(item.title) in squash(page.extract_text()), item.title
        assert 0 < float(item.top) < float(page.mediabox.height) and 0 < float(item.left) < float(page.mediabox.width)
    assert len({reader.get_destination_page_number(item) for item in sections}) == 2

    combined = PdfReader(folder / f"{guide.exam.code}-all.pdf")
    titles = [item.title for item in combined.outline if not isinstance(item, list)]
    assert titles == [f"{m.number:02d} {m.title}" for m in guide.modules]
    assert guide.exam.code in combined.metadata.title and combined.trailer["/Root"]["/Lang"] == "en"
    pages = sum(len(PdfReader(folder / f"{m.slug}.pdf").pages) for m in guide.modules)
    assert len(combined.pages) == pages
    assert combined.page_labels[:2] == ["00-1", "01-1"]
    seventh = combined.outline[[i.title for i in combined.outline if not isinstance(i, list)].index(top.title) * 2 + 1]
    assert [s.title for s in seventh] == [s.heading for s in module.sections]
    for item in seventh:  # still leads to the module's own pages, at the section's box
        number = combined.get_destination_page_number(item)
        assert combined.page_labels[number].startswith("07-"), item.title
        assert squash(item.title) in squash(combined.pages[number].extract_text()), item.title


EVIL = '<img src="file:///etc/hostname">'


def evil_guide(root: Path) -> Path:
    """A guide whose text is full of raw HTML that would pull a local file into the PDF if it passed through."""
    src = root / "evil"
    (src / "modules").mkdir(parents=True)
    (src / "guide.yaml").write_text(
        f"exam:\n  code: EVIL-01\n  title: Evil '{EVIL}' Exam\n"
        "domains:\n  - id: A\n    title: Alpha <b>bold</b>\n    weight: 100\n")
    (src / "modules" / "01-evil.md").write_text(
        f"---\ntitle: Evil {EVIL} Module\ndomains: [A]\n---\n\n{EVIL}\n\n### 1.1 Escaping {EVIL}\n\n"
        f"Prose with {EVIL} and <script>alert(1)</script>.\n\n"
        f"**Image Term {EVIL}** - Shows {EVIL} literally. Use when: <link rel=\"attachment\" href=\"file:///etc/passwd\">.\n\n"
        f"**Code With Tag**:\n```html\n{EVIL}\n```\n\n| Col {EVIL} | B |\n|---|---|\n| {EVIL} | x |\n\n- {EVIL} item\n")
    return src


def test_source_html_is_shown_literally_and_fetches_nothing(tmp_path):
    make(evil_guide(tmp_path), tmp_path / "out")
    for path in (tmp_path / "out" / "cheatsheets").glob("*.pdf"):
        reader = PdfReader(path)
        text = text_of(path)
        assert text.count(EVIL) >= 8 and "<script>alert(1)</script>" in text and "<b>bold</b>" in text
        assert 'href="file:///etc/passwd"' in text
        images = [r for _, res in drawn(path) for r in res.get("/XObject", {}).values()
                  if r.get_object()["/Subtype"] != "/Form"]
        assert images == [] and not reader.attachments


def png_1x1() -> bytes:
    """A valid one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def test_fetcher_refuses_files_outside_templates(tmp_path):
    """Even raw markup reaching WeasyPrint cannot embed a file outside templates/ (belt and braces for escaping)."""
    from weasyprint import HTML

    from generator.render import pdf

    image = tmp_path / "secret.png"
    image.write_bytes(png_1x1())
    html = f'<img src="{image.as_uri()}"><link rel="attachment" href="{image.as_uri()}"><p>x</p>'
    control = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))  # WeasyPrint's own fetcher embeds both
    assert control.pages[0]["/Resources"].get_object().get("/XObject") and control.attachments
    path = tmp_path / "raw.pdf"
    pdf.write(pdf.render(html), path)
    reader = PdfReader(path)
    assert not reader.pages[0]["/Resources"].get_object().get("/XObject") and not reader.attachments


def test_fixture_guide_renders(tmp_path):
    result = make(FIXTURES / "mini", tmp_path / "out")
    folder = tmp_path / "out" / "cheatsheets"
    guide = quiet(FIXTURES / "mini")
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(
        [f"{m.slug}.pdf" for m in guide.modules] + [f"{guide.exam.code}-all.pdf"])
    text = text_of(folder / "03-deployment.pdf")
    assert "Real-time <100ms" in text and '{"Principal": {"Service": "sagemaker.amazonaws.com"}}' in text
    scaling = squash(text_of(folder / "02-scaling.pdf"))
    assert squash("from sklearn.preprocessing import StandardScaler") in scaling and "Fitontrainingdataonly" in scaling
    assert not [line for line in result.summary if "warning" in line]


def test_columns_fill_the_page_between_its_margins():
    """Column pages sit side by side: the first at the left margin, the last ending at the right margin, the first
    row below the header, later rows below the top margin."""
    from generator.render.cheatsheet import places
    from generator.render.cheatsheet_fit import GAP, MARGIN, column_width

    for paper, (long_side, _) in {"a4": (297.0, 210.0), "letter": (279.4, 215.9)}.items():
        level = LEVELS[1]
        width = column_width(level, paper)
        spots = places(2 * level.columns + 1, level, paper, 0, first_top=31.5)
        assert [p.page for p in spots] == [0] * level.columns + [1] * level.columns + [2]
        assert spots[0].left == MARGIN["left"] and spots[level.columns].left == MARGIN["left"]
        assert abs(spots[level.columns - 1].left + width - (long_side - MARGIN["right"])) < 1e-9
        assert all(abs(b.left - a.left - width - GAP) < 1e-9 for a, b in zip(spots, spots[1:level.columns]))
        assert {p.top for p in spots[:level.columns]} == {31.5} and {p.top for p in spots[level.columns:]} == {MARGIN["top"]}


def test_a_header_longer_than_a_page_pushes_the_columns_after_it(tmp_path):
    """An absurd title fills the first pages; the boxes start on the page after the header, nothing overlaps it."""
    src = tmp_path / "titled"
    copy_guide(FIXTURES / "mini", src)
    module = src / "modules" / "01-metrics.md"
    title = " ".join(["Extraordinarily Long Module Title Words"] * 150)
    module.write_text(re.sub(r"title: .*", f"title: {title}", module.read_text(), count=1))
    result = make(src, tmp_path / "out")
    pages = [squash(page.extract_text()) for page in PdfReader(tmp_path / "out" / "cheatsheets" / "01-metrics.pdf").pages]
    assert len(pages) == 3 and "1.1ClassificationMetrics" in pages[2]
    assert not any("ClassificationMetrics" in page for page in pages[:2])
    assert any(line.endswith("01-metrics.md: warning: sheet is 3 pages at 7 pt") for line in result.summary)


def test_links_stay_clickable(tmp_path):
    """A web link in the guide's text is a link annotation on the sheet, over the link's text."""
    src = tmp_path / "linked"
    copy_guide(FIXTURES / "mini", src)
    module = src / "modules" / "02-scaling.md"
    module.write_text(module.read_text() + "\nSee the [scikit-learn guide](https://scikit-learn.org/stable/) for more.\n")
    make(src, tmp_path / "out")
    reader = PdfReader(tmp_path / "out" / "cheatsheets" / "02-scaling.pdf")
    links = [(page, a.get_object()) for page in reader.pages for a in page.get("/Annots", [])]
    assert [a["/A"]["/URI"] for _, a in links] == ["https://scikit-learn.org/stable/"]
    page, annot = links[0]
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    assert 0 < x0 < x1 < float(page.mediabox.width) and 0 < y0 < y1 < float(page.mediabox.height)
    assert 40 < x1 - x0 < 150 and 6 < y1 - y0 < 15  # over one line of text ("scikit-learn guide"), not a block


def test_output_is_reproducible(tmp_path):
    make(FIXTURES / "mini", tmp_path / "one")
    make(FIXTURES / "mini", tmp_path / "two")
    for path in (tmp_path / "one" / "cheatsheets").glob("*.pdf"):
        assert path.read_bytes() == (tmp_path / "two" / "cheatsheets" / path.name).read_bytes(), path.name


def test_overlong_module_gets_more_pages_and_a_warning(tmp_path):
    src = tmp_path / "long"
    copy_guide(FIXTURES / "mini", src)
    body = "".join(
        f"### 1.{i} Section {i}\n\n"
        + "".join(f"**Term {i}-{j}** - A definition long enough to take two lines in a narrow column of the "
                  f"sheet. Use when: testing overflow. Limits: up to {j}0 items.\n\n" for j in range(12))
        + "**Snippet**:\n```python\n" + "".join(f"value_{k} = compute(step={k})\n" for k in range(12)) + "```\n\n"
        for i in range(1, 16))
    (src / "modules" / "01-metrics.md").write_text("---\ntitle: Metrics\ndomains: [A]\n---\n\n" + body)
    result = make(src, tmp_path / "out", "letter")
    pages = len(PdfReader(tmp_path / "out" / "cheatsheets" / "01-metrics.pdf").pages)
    assert pages > 2
    warnings = [line for line in result.summary if "warning" in line]
    assert len(warnings) == 1 and warnings[0].endswith(f"01-metrics.md: warning: sheet is {pages} pages at 7 pt")
    assert re.search(r"\(4 layouts", next(line for line in result.summary if "module sheets" in line))
