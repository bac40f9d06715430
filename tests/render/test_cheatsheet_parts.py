"""Cheat sheet pieces that need no layout: markup of definitions and code, the size estimate, fingerprints."""
from __future__ import annotations

from dataclasses import replace

from conftest import FIXTURES, ROOT, copy_guide
from generator.build import Options, load
from generator.model import CodeBlock, Location
from generator.render import cheatsheet
from generator.render.cheatsheet_code import _ZWSP, code_view
from generator.render.cheatsheet_fit import LEVELS, estimate_pages, frame_css, level_css, start_level
from generator.render.cheatsheet_html import fact_view, marked, module_html


def test_formulas_and_thresholds_are_wrapped_and_text_escaped():
    html = marked("Use `z` = x <b>*</b> when PSI < 0.1 and z = (x - μ) / σ holds", ["z = (x - μ) / σ"], ["< 0.1"])
    assert '<span class="f">z = (x - μ) / σ</span>' in html
    assert '<span class="t">&lt; 0.1</span>' in html
    assert "&lt;b&gt;*&lt;/b&gt;" in html and "<code>z</code>" in html


def test_threshold_values_match_whole_numbers_only():
    html = marked("Use 10 to 100 items, not 1000.", [], ["10"])
    assert html.count('class="t"') == 1 and "<span class=\"t\">10</span> to 100" in html


def test_definition_rows_keep_source_order():
    guide = load(FIXTURES / "mini", echo=lambda line: None)
    psi = next(f for f in guide.facts if f.id == "psi")
    view = fact_view(psi)
    assert [r.kind for r in view.rows] == ["clause"]  # the sentence after a clause continues its row
    assert "Measures distribution shift" in view.rows[0].label
    assert '<span class="f">PSI = Σ (a - e) × ln(a / e)</span>' in view.rows[0].text
    accuracy = fact_view(next(f for f in guide.facts if f.term == "Accuracy"))
    assert [(r.kind, str(r.label)) for r in accuracy.rows] == [("lead", "None"), ("clause", "Pros"), ("clause", "Cons")]


def test_long_code_lines_get_break_opportunities_and_keep_indentation():
    code = '    s3_data=step.properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri\n\nx = 1  # short <tag>'
    view = code_view(CodeBlock(code, "python", "**Example** <i>", Location("x.md", 1)))
    first, blank, last = view.lines
    assert first.indent == 4 and not first.html.startswith(" ")
    assert first.html.replace(_ZWSP, "").count("S3Output") == 1 and first.html.count(_ZWSP) >= 5
    assert blank.html == "" and _ZWSP not in last.html
    assert '<span class="c"># short &lt;tag&gt;</span>' in last.html
    assert view.caption == "<strong>Example</strong> &lt;i&gt;"


def test_level_css_and_floors():
    assert min(level.body for level in LEVELS) >= 7 and min(level.code for level in LEVELS) >= 6.5
    assert [level.body for level in LEVELS] == sorted((level.body for level in LEVELS), reverse=True)
    css = level_css(LEVELS[-1], "letter", first_top=30)
    width = (279.4 - 16 - 3 * 3.2) / 4  # letter long side less margins and three gaps, over four columns
    assert f"size: {width:.3f}mm 196.900mm; margin: 0;" in css  # 8.5 in (215.9 mm) less 10 + 9 mm of margins
    assert f"@page :nth(-n+4) {{ size: {width:.3f}mm 176.900mm; }}" in css  # below a header ending at 30 mm
    assert "font-size: 7.0pt" in css
    assert "size: 11in 8.5in; margin: 10.0mm 8.0mm 9.0mm 8.0mm;" in frame_css("letter")


def test_each_level_sets_its_type_size_and_line_height():
    """Body lines are ``leading`` × body size apart at every level (the stylesheet must not override the level)."""
    import io
    from collections import Counter

    from pypdf import PdfReader

    from generator.render import pdf

    guide = load(FIXTURES / "mini", echo=lambda line: None)
    columns = module_html(guide, guide.modules[1]).columns
    for level in LEVELS:
        data = pdf.render(columns, [level_css(level, "a4", first_top=20)]).write_pdf()
        lines: list[float] = []
        PdfReader(io.BytesIO(data)).pages[0].extract_text(
            visitor_text=lambda text, cm, tm, font, size: lines.append(tm[5]) if text.strip() else None)
        pitches = Counter(round(abs(b - a), 1) for a, b in zip(lines, lines[1:]) if 0 < abs(b - a) < 30)
        expected = level.body * level.leading * 96 / 72  # WeasyPrint draws in CSS px
        assert abs(pitches.most_common(1)[0][0] - expected) < 0.06, (level, pitches.most_common(3), expected)


def test_estimate_grows_with_content_and_picks_a_level():
    guide = load(ROOT / "source", echo=lambda line: None)
    small, large = guide.modules[0], guide.modules[4]
    assert estimate_pages(small, LEVELS[0], "a4") < 0.5 < 1.5 < estimate_pages(large, LEVELS[-1], "a4")
    assert start_level(small, "a4", 2) == 0
    doubled = replace(large, sections=large.sections * 2)
    assert start_level(doubled, "a4", 2) == len(LEVELS) - 1


def test_module_html_has_metadata_and_no_raw_html():
    guide = load(FIXTURES / "mini", echo=lambda line: None)
    frame, columns = module_html(guide, guide.modules[1])
    assert '<html lang="en">' in frame and "<title>MINI-01 01 Metrics – cheat sheet</title>" in frame
    assert '<meta name="author"' in frame and '<meta name="description"' in frame
    assert '<div id="columns"></div>' in frame and "<section" not in frame
    assert "&lt;b&gt;not bold&lt;/b&gt;" in columns and "<b>not bold</b>" not in columns
    assert '<h2>1.1 ' in columns and "<header" not in columns


def test_editing_one_module_makes_only_its_sheet_and_the_combined_sheet_stale(tmp_path):
    src = tmp_path / "src"
    copy_guide(FIXTURES / "mini", src)
    options = Options(source=src)
    before = cheatsheet.plan(load(src, echo=lambda line: None), options)
    module = src / "modules" / "02-scaling.md"
    module.write_text(module.read_text() + "\n**Added Term** - Something new.\n")
    after = cheatsheet.plan(load(src, echo=lambda line: None), options)
    assert sorted(before) == sorted(after)
    assert sorted(p for p in after if after[p] != before[p]) == ["cheatsheets/02-scaling.pdf",
                                                                 "cheatsheets/MINI-01-all.pdf"]
    letter = cheatsheet.plan(load(src, echo=lambda line: None), replace(options, paper="letter"))
    assert all(letter[p] != after[p] for p in after)


def test_code_lines_are_indented_half_a_character_per_leading_space():
    """Indents up to 24 spaces come from classes in sheet.css (shared computed styles), deeper ones from a style
    attribute; both put each line's text half a monospace character per leading space to the right."""
    import io

    from pypdf import PdfReader

    from generator.render import pdf

    indents = [0, 2, 8, 24, 26, 40]
    code = "\n".join(" " * n + f"x{n} = 1" for n in indents)
    guide = load(FIXTURES / "mini", echo=lambda line: None)
    module = guide.modules[1]
    block = CodeBlock(code, "python", None, Location("x.md", 1))
    section = replace(module.sections[0], blocks=(block,))
    columns = module_html(guide, replace(module, intro=(), sections=(section,))).columns
    assert columns.count('style="padding-left') == 2  # the two lines deeper than 24 spaces
    data = pdf.render(columns, [level_css(LEVELS[0], "a4", first_top=20)]).write_pdf()
    starts: dict[str, float] = {}
    PdfReader(io.BytesIO(data)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: starts.setdefault(text.split()[0], tm[4])
        if text.strip().startswith("x") else None)
    char = 0.602 * LEVELS[0].code * 96 / 72  # StudyMono's advance at the code size, in CSS px
    for n in indents:
        assert abs(starts[f"x{n}"] - starts["x0"] - n * 0.5 * char) < 0.5, (n, starts)
