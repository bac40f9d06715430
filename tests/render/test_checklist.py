"""The one-page domain checklist: one page in A4 and Letter, nothing dropped, auto-fit, overflow error, safety."""
from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import FIXTURES, MINI_MODULE, ROOT, copy_guide
from generator.build import Options, build, load
from generator.cli import main
from generator.model import Guide
from generator.render.checklist_fit import START_Q, Fit, Layout, balance, column_count, fit_page


def quiet(source: Path) -> Guide:
    """The guide, without printing its warnings."""
    return load(source, echo=lambda line: None)


def make(source: Path, out: Path, paper: str = "a4") -> tuple[str, list[str]]:
    """Build only the checklist; return its text with whitespace normalised, and the summary lines."""
    result = build(Options(source=source, out=out, paper=paper, only=("checklist",)), echo=lambda line: None)
    reader = PdfReader(out / "checklist.pdf")
    assert len(reader.pages) == 1
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), result.summary


def squash(text: str) -> str:
    """The text without any whitespace: a title wrapped at a slash or hyphen still matches."""
    return "".join(text.split())


def assert_complete(text: str, guide: Guide) -> None:
    """Header facts, every domain with its weight, every module and every section title are in the text."""
    flat = squash(text)
    exam = guide.exam
    for item in (exam.code, exam.title, f"{exam.questions} questions", f"{exam.duration_minutes} min",
                 f"pass {exam.passing_score}", guide.revision):
        assert item in text
    for domain in guide.domains:
        assert f"{domain.id} {domain.title}" in text
        assert f"{domain.weight:g}%" in text
    missing = [s.heading for m in guide.modules for s in m.sections if squash(s.heading) not in flat]
    assert missing == []
    assert [m.title for m in guide.modules if squash(m.title) not in flat] == []


@pytest.fixture(scope="module")
def project_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, list[str]]]:
    """The project's guide built once per paper size."""
    out = tmp_path_factory.mktemp("checklist")
    return {paper: make(ROOT / "source", out / paper, paper) for paper in ("a4", "letter")}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_project_guide_on_one_page_with_everything(project_builds, paper):
    text, summary = project_builds[paper]
    assert_complete(text, quiet(ROOT / "source"))
    assert summary[0].startswith(f"checklist.pdf: 1 page {'A4' if paper == 'a4' else 'Letter'}")


def test_paper_sizes_are_portrait(tmp_path):
    make(FIXTURES / "mini", tmp_path / "a4")
    make(FIXTURES / "mini", tmp_path / "letter", "letter")
    a4 = PdfReader(tmp_path / "a4" / "checklist.pdf").pages[0].mediabox
    letter = PdfReader(tmp_path / "letter" / "checklist.pdf").pages[0].mediabox
    assert (round(a4.width), round(a4.height)) == (595, 842)
    assert (round(letter.width), round(letter.height)) == (612, 792)


def grow(source: Path, dest: Path, share: float) -> int:
    """Copy a guide and append realistic sections to its domain modules until it has ``share`` more; return how many."""
    shutil.copytree(source, dest)
    guide = quiet(source)
    modules = [m for m in guide.modules if m.domains]
    count = round(sum(len(m.sections) for m in guide.modules) * share)
    for n in range(count):
        module = modules[n % len(modules)]
        path = dest / "modules" / f"{module.slug}.md"
        number = f"{module.number}.{len(module.sections) + 1 + n // len(modules)}"
        path.write_text(path.read_text() + f"\n### {number} Added Topic {n} on Streaming Feature Pipelines\n\n"
                        f"**Extra Term {n}** - A definition added to grow the guide. Use when: testing the fit.\n")
    return count


def test_grown_guide_still_fits_by_shrinking(tmp_path):
    added = grow(ROOT / "source", tmp_path / "src", 0.2)
    assert added >= 15
    text, summary = make(tmp_path / "src", tmp_path / "out")
    assert_complete(text, quiet(tmp_path / "src"))
    size = float(re.search(r"([\d.]+) pt", summary[0]).group(1))
    assert 7 <= size < START_Q / 4, summary  # the fit loop had to shrink the type, and stayed above the floor
    assert int(re.search(r"\((\d+) layouts", summary[0]).group(1)) <= 6, summary


def absurd_guide(src: Path, sections: int) -> None:
    """A guide far too big for one page: four domains, eight modules, ``sections`` long titles in all."""
    (src / "modules").mkdir(parents=True)
    (src / "guide.yaml").write_text("exam:\n  code: BIG-01\n  title: Big Exam\ndomains:\n" + "".join(
        f"  - id: D{i}\n    title: Domain {i}\n    weight: 25\n" for i in range(1, 5)))
    for m in range(1, 9):
        body = "".join(f"### {m}.{s} Section {s} of module {m} with a fairly long descriptive title\n\n"
                       for s in range(1, sections // 8 + 1))
        (src / "modules" / f"{m:02d}-m{m}.md").write_text(f"---\ntitle: Module {m}\ndomains: [D{(m - 1) % 4 + 1}]\n---\n\n{body}")


def test_absurd_guide_fails_clearly_and_writes_nothing(tmp_path):
    absurd_guide(tmp_path / "src", 480)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path / "src"), "--out", str(out), "--only", "checklist"])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert re.search(r"guide\.yaml: error: checklist does not fit on one page at 7 pt: \d+% over", message), message
    assert int(re.search(r"(\d+)% over", message).group(1)) >= 50
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_mini_fixture_shows_key_terms_and_shared_modules(tmp_path):
    text, summary = make(FIXTURES / "mini", tmp_path)
    assert_complete(text, quiet(FIXTURES / "mini"))
    assert "10.5 pt, 2 columns, key terms" in summary[0]
    assert "Population Stability Index (PSI)" in text
    assert text.count("2.1 Scalers") == 2  # module 02 covers domains A and B: its section is listed under both


def test_only_bundled_fonts_are_embedded(tmp_path):
    make(FIXTURES / "mini", tmp_path)
    fonts = set()
    for page in PdfReader(tmp_path / "checklist.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith(("StudySans", "StudyMono")) for f in fonts), fonts


def test_markup_in_titles_is_shown_literally(tmp_path):
    copy_guide(FIXTURES / "mini", tmp_path / "src")
    module = tmp_path / "src" / "modules" / "01-metrics.md"
    module.write_text(module.read_text().replace("### 1.2 Drift", '### 1.2 Drift <b>not bold</b> <img src="/etc/passwd">'))
    text, _ = make(tmp_path / "src", tmp_path / "out")
    assert squash('1.2 Drift <b>not bold</b> <img src="/etc/passwd">') in squash(text)


class FakeLayout:
    """Stands in for a WeasyPrint layout: height grows with type size, terms and spacing, shrinks with columns."""

    def __init__(self, fit: Fit, need: float) -> None:
        self.fit = fit
        self.ratio = need * fit.pt / 10.5 * 2 / fit.columns * (1.5 if fit.terms else 1) * (0.85 if fit.compact else 1)
        self.fits = self.ratio <= 1


def two(quarter_pt: int) -> int:
    return 2


def three_below_8_25(quarter_pt: int) -> int:
    return 3 if quarter_pt <= 32 else 2


@pytest.mark.parametrize("need, columns, expected, most", [
    (0.5, two, Fit(START_Q, True, False, 2), 3),    # room to spare: key terms kept (compact, roomy, terms)
    (0.9, two, Fit(START_Q, False, False, 2), 3),   # terms dropped first
    (1.1, two, Fit(START_Q, False, True, 2), 2),    # then spacing (roomy tried: it might have fitted)
    (1.15, two, Fit(START_Q, False, True, 2), 1),   # compact too full for roomy to fit: roomy never laid out
    (1.5, two, Fit(31, False, True, 2), 3),         # then type size, aiming at 97% of the page: 7.75 pt
    (1.5, three_below_8_25, Fit(32, False, True, 3), 3),  # a third column from 8 pt
    (2.0, two, None, 3),                            # 7 pt is not enough
])
def test_fit_ladder_order_and_few_layouts(need, columns, expected, most):
    tried: list[Fit] = []

    def lay(fit: Fit, height: float | None) -> FakeLayout:
        assert height is None
        tried.append(fit)
        return FakeLayout(fit, need)

    best = fit_page(lay, True, columns)
    assert (best.fit if best else None) == expected
    assert len(tried) <= most, tried
    assert all(f.quarter_pt >= 28 and f.columns == columns(f.quarter_pt) for f in tried)


def test_balance_shortens_columns_and_falls_back_to_the_fitting_layout():
    fit = Fit(START_Q, False, True, 2)
    chosen = Layout(fit, None, True, 0.8, 1500.0, 1000.0)  # two columns filled in order: 1000 px + 500 px
    heights: list[float] = []

    def lay(fit: Fit, height: float | None) -> Layout:
        heights.append(height)
        return Layout(fit, None, height >= 780, 0.8, max(1500.0, 2 * height + 60), height)

    assert balance(lay, chosen).column_px == 799 and heights == [769, 799]
    assert balance(lambda f, h: Layout(f, None, False, 1.0, 3 * h, h), chosen) is chosen
    nearly = Layout(fit, None, True, 0.95, 1886.0, 962.0)  # 962 px + 924 px: balancing gains less than a line
    assert balance(lambda f, h: pytest.fail("laid out again"), nearly) is nearly
    pushed = Layout(fit, None, False, 3.0, math.inf, 0.0)  # the columns moved to a second page
    assert balance(lambda f, h: pushed if h < 800 else Layout(f, None, True, 0.8, 1500.0, h), chosen).column_px >= 800


def test_balance_skips_a_layout_that_would_break_the_columns_at_the_same_places():
    fit = Fit(START_Q, False, True, 2)
    # Filled in order the first column is 983 px tall, but its content ends at 911 px: columns of the balanced
    # height (ceil(1886 / 2 + line) = 962 px) would break where these do, so the page is the same.
    even = Layout(fit, None, True, 0.96, 1886.0, 983.0, (911.4, 902.8))
    assert balance(lambda f, h: pytest.fail("laid out again"), even) is even
    uneven = Layout(fit, None, True, 0.96, 1886.0, 983.0, (980.0, 902.8))  # the first column does end lower
    heights: list[float] = []
    balance(lambda f, h: heights.append(h) or Layout(f, None, True, 0.9, 1886.0, h), uneven)
    assert heights == [962]


def test_column_bottoms_measure_where_each_column_ends():
    from generator.render import checklist, pdf
    from generator.render.checklist_fit import lay_out

    guide = quiet(ROOT / "source")
    template = pdf.jinja().get_template("checklist/checklist.html")
    context = {"exam": guide.exam, "facts": checklist.header_facts(guide), "blocks": checklist.blocks(guide)}
    layout = lay_out(lambda f: template.render(fit=f, **context), "a4", Fit(START_Q, False, True, 2), None)
    page = layout.document.pages[0]
    top, end = page.anchors["columns"][1], page.anchors["end"][1]
    assert len(layout.bottoms) == 2 and all(0 < b <= layout.column_px for b in layout.bottoms)
    assert layout.bottoms[-1] == pytest.approx(end - top, abs=1)  # the last column ends where #end is


@pytest.mark.parametrize("paper, quarter_pt, columns", [("a4", 42, 2), ("a4", 33, 2), ("a4", 32, 3), ("letter", 28, 3)])
def test_more_columns_at_small_type(paper, quarter_pt, columns):
    assert column_count(paper, quarter_pt) == columns


def test_minimal_guide_without_exam_facts_and_an_empty_domain(make_guide, tmp_path):
    long_word = "x" * 150
    src = make_guide({"01-first.md": MINI_MODULE + f"\n### 1.2 Unbreakable {long_word}\n\n### Unnumbered `code` title\n"})
    text, _ = make(src, tmp_path / "out")
    assert "None" not in text and "questions" not in text
    assert "B Beta 40%" in text and "No module covers this domain yet." in text
    assert long_word in squash(text) and "Unnumbered code title" in text


def test_rebuilt_only_when_what_it_shows_changes(tmp_path):
    copy_guide(FIXTURES / "mini", tmp_path / "src")
    options = Options(source=tmp_path / "src", out=tmp_path / "out", only=("checklist",))
    assert build(options, echo=lambda line: None).written
    assert build(options, echo=lambda line: None).fresh == ["checklist.pdf"]
    intro = tmp_path / "src" / "intro.md"  # prose the checklist does not show (the revision is the same day's date)
    intro.write_text(intro.read_text() + "\nMore front matter prose.\n")
    assert build(options, echo=lambda line: None).fresh == ["checklist.pdf"]
    module = tmp_path / "src" / "modules" / "01-metrics.md"
    module.write_text(module.read_text().replace("### 1.2 Drift", "### 1.2 Drift and Skew"))
    assert build(options, echo=lambda line: None).summary[0].startswith("checklist.pdf: 1 page")
