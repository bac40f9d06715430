"""Loading WeasyPrint: the quick import loads the same libraries and falls back to the normal one; the font
subsetting shim gives WeasyPrint the same arrays it asked for."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from generator.errors import Reporter
from generator.reader import read_guide
from generator.render import pdf, weasy

QUICK_IMPORT = """
import ctypes.util, subprocess, sys
spawned = []
real_popen = subprocess.Popen.__init__
def counting(self, args, *a, **k):
    spawned.append(args)
    real_popen(self, args, *a, **k)
subprocess.Popen.__init__ = counting
real_find = ctypes.util.find_library
from generator.render import weasy
weasy.load()
from weasyprint.text import ffi
assert all(lib is not None for lib in (ffi.gobject, ffi.pango, ffi.harfbuzz, ffi.harfbuzz_subset, ffi.fontconfig,
                                       ffi.pangoft2))
assert ctypes.util.find_library is real_find
print(len(spawned))
"""

FALLBACK = """
import sys
from generator.render import weasy
calls = []
real = weasy.import_with
def failing_once(find):
    calls.append(find)
    if len(calls) == 1:
        import weasyprint.urls  # part of WeasyPrint imported, then a library is not found
        raise OSError("cannot load library 'libpango-1.0.so.0'")
    real(find)
weasy.import_with = failing_once
weasy.load()
from generator.render import pdf
assert len(pdf.render("<p>fallback</p>").pages) == 1
print(len(calls))
"""


DEFERRED = """
import io, sys
from generator.render import weasy
weasy.load()
assert "fontTools.subset" not in sys.modules and "fontTools.varLib.instancer" not in sys.modules
from weasyprint.pdf import fonts
from generator.render import pdf
fonts.harfbuzz_subset = None  # as without HarfBuzz subsetting: WeasyPrint's fontTools path, through the stand-ins
data = pdf.render('<link rel="stylesheet" href="fonts.css"><p style="font-family: StudySans">subset me</p>').write_pdf()
import fontTools.subset, fontTools.varLib.instancer
assert fonts.subset.Subsetter is fontTools.subset.Subsetter
assert fonts.instantiateVariableFont.__name__ == "instantiateVariableFont"
from pypdf import PdfReader
font = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
descriptor = next(iter(font.values())).get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
print(len(descriptor.get_object()["/FontFile2"].get_object().get_data()))
"""


def run_python(code: str) -> str:
    """Run code in a fresh interpreter (imports are once per process) and return what it printed."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_quick_import_loads_every_library_without_running_programs():
    """The normal import runs ldconfig, gcc and ld for each library name that is not found (dozens of processes)."""
    assert run_python(QUICK_IMPORT) == "0"


def test_import_falls_back_to_the_normal_lookup():
    assert run_python(FALLBACK) == "1"  # only the quick attempt went through import_with; then a plain import


def test_fonttools_subsetter_and_instancer_load_only_when_a_document_needs_them():
    assert 0 < int(run_python(DEFERRED)) < 100_000  # fontTools subset the font: not the 683 kB file


def test_unsized_arrays_are_the_arrays_asked_for():
    from weasyprint.text.ffi import ffi

    arrays = weasy.UnsizedArrays(ffi)
    exact = arrays.new("hb_codepoint_t[3]", [5, 6, 7])
    assert len(exact) == 3 and list(exact) == [5, 6, 7]
    assert "[]" in ffi.getctype(ffi.typeof(exact))  # taken from the unsized type: parsed once, not per length
    padded = arrays.new("hb_codepoint_t[4]", [1, 2])  # fewer items than the length: cffi's own zero padding
    assert list(padded) == [1, 2, 0, 0] and "[4]" in ffi.getctype(ffi.typeof(padded))
    assert arrays.new("unsigned int *", 9)[0] == 9
    assert arrays.NULL == ffi.NULL


def test_weasyprint_subsets_fonts_through_the_shim():
    from weasyprint.pdf import fonts

    document = pdf.render('<link rel="stylesheet" href="fonts.css"><p style="font-family: StudySans">subset me</p>')
    assert isinstance(fonts.ffi, weasy.UnsizedArrays)
    data = document.write_pdf()
    font = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    descriptor = next(iter(font.values())).get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    embedded = descriptor.get_object()["/FontFile2"].get_object().get_data()
    assert 0 < len(embedded) < 100_000  # a subset: the full StudySans-Regular.ttf is 683 kB
    glyf = TTFont(io.BytesIO(embedded))["glyf"]
    drawn = [name for name in glyf.keys() if glyf[name].numberOfContours]
    assert len(drawn) >= len(set("subsetme"))  # every letter used kept its outline


def _documents(source: Path) -> list[str]:
    """Every HTML document a build of ``source`` lays out (the checklist in each of its four settings)."""
    from generator.exam import make_exam
    from generator.render.cheatsheet_html import module_html
    from generator.render.checklist import blocks, header_facts
    from generator.render.checklist_fit import Fit
    from generator.render.practice import exam_html

    guide = read_guide(source, Reporter())
    bare = replace(guide, modules=())
    docs = [html for m in guide.modules for html in (module_html(bare, m).frame, module_html(bare, m).columns)]
    docs.append(exam_html(guide, make_exam(guide, 0)))
    template = pdf.jinja().get_template("checklist/checklist.html")
    context = {"exam": guide.exam, "facts": header_facts(guide), "blocks": blocks(guide)}
    docs += [template.render(fit=Fit(36, terms, compact, 3), **context) for terms in (False, True)
             for compact in (False, True)]
    return docs


def _shape(element: ElementTree.Element) -> tuple[object, ...]:
    """An element as tag, attributes, text and children (with tails)."""
    return (element.tag, sorted(element.attrib.items()), element.text or "",
            [(_shape(child), child.tail or "") for child in element])


def _without_comments(root: ElementTree.Element) -> ElementTree.Element:
    """The tree without comments, their tails joined to the text before them: what expat gives."""
    for parent in list(root.iter()):
        for index, child in reversed(list(enumerate(parent))):
            if not isinstance(child.tag, str):
                if index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + (child.tail or "")
                else:
                    parent.text = (parent.text or "") + (child.tail or "")
                parent.remove(child)
    return root


def _html_whitespace(root: ElementTree.Element) -> ElementTree.Element:
    """The tree without the whitespace the two parsers place differently, which lays out to nothing: directly
    inside ``html`` (before, between and after ``head`` and ``body``), and at the end of ``body`` (where the HTML
    parser moves the whitespace that follows it)."""
    root.text = None
    for child in root:
        child.tail = None
    body = root.find("body")
    last = body[-1] if body is not None and len(body) else None
    if last is not None and last.tail is not None:
        last.tail = last.tail.rstrip() or None
    return root


def test_expat_and_html_parser_give_the_same_tree(project_source: Path) -> None:
    """Every document of the bundled guide is XML that the HTML parser reads the same way, so the fast path is
    taken and lays out what WeasyPrint's own parser would (a ``<br>`` or a table row outside ``tbody`` fails)."""
    import tinyhtml5

    docs = _documents(project_source)
    assert len(docs) == 2 * 13 + 1 + 4
    for html in docs:
        fast = _html_whitespace(ElementTree.fromstring(html))  # raises if a template stops being XML
        slow = _html_whitespace(_without_comments(tinyhtml5.parse(html, namespace_html_elements=False)))
        assert _shape(fast) == _shape(slow)
        assert len(list(fast.iter())) > 10


def test_fast_and_normal_parsing_write_the_same_pdf(project_source: Path) -> None:
    """A module sheet's two documents (module 08: code, tables, lists) give the same PDF bytes either way."""
    from weasyprint import CSS, HTML

    from generator.render.cheatsheet_fit import LEVELS, frame_css, level_css
    from generator.render.cheatsheet_html import module_html

    guide = read_guide(project_source, Reporter())
    html = module_html(replace(guide, modules=()), guide.modules[8])
    base = pdf.TEMPLATES.as_uri() + "/"
    for source, extra in ((html.frame, frame_css("a4")), (html.columns, level_css(LEVELS[0], "a4", 40.0))):
        fast = pdf.render(source, [extra]).write_pdf()
        sheet = CSS(string=extra, base_url=base, font_config=pdf.font_config())
        normal = HTML(string=source, base_url=base, url_fetcher=pdf.fetcher()).render(
            stylesheets=[sheet], font_config=pdf.font_config()).write_pdf()
        assert fast == normal


def test_linked_stylesheets_are_parsed_once_and_again_after_a_change(tmp_path: Path) -> None:
    """The fast path takes the linked stylesheets out of the tree, parses each once per process, and parses it
    again when its file changes (``studygen watch`` keeps its workers)."""
    css = tmp_path / "a.css"
    css.write_text("p { color: red }")
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file",))
    html = '<html><head><link rel="stylesheet" href="a.css" /></head><body><p>x</p></body></html>'
    doc, first = weasy.document(html, tmp_path.as_uri() + "/", fetcher, pdf.font_config())
    assert doc.etree_element.find("head/link") is None and len(first) == 1
    assert weasy.document(html, tmp_path.as_uri() + "/", fetcher, pdf.font_config())[1][0] is first[0]
    css.write_text("p { color: blue }")
    again = weasy.document(html, tmp_path.as_uri() + "/", fetcher, pdf.font_config())[1]
    assert again[0] is not first[0]


def test_html_that_is_not_xml_is_parsed_the_normal_way() -> None:
    """A document that is not XML (a bare ``<br>``) goes to WeasyPrint's own parser, links and all."""
    from weasyprint import HTML

    doc, sheets = weasy.document('<p>a<br>b</p><link rel="stylesheet" href="fonts.css">',
                                 pdf.TEMPLATES.as_uri() + "/", pdf.fetcher(), pdf.font_config())
    assert type(doc) is HTML and sheets == []
    assert doc.etree_element.find(".//br") is not None


MARGINS = """<html><head><link rel="stylesheet" href="fonts.css" /></head><body style="font-family: StudySans">
<p>one</p><p style="break-before: page; page: plain">two</p><p style="break-before: page">three</p></body></html>"""
MARGIN_CSS = """@page { size: 80mm 60mm; margin: 10mm; @bottom-right { content: "page " counter(page) } }
@page plain { @bottom-right { content: none } }"""


def test_pages_without_margin_content_skip_the_margin_boxes(monkeypatch) -> None:
    """Pages whose margin boxes have no content skip building them; the PDF is the same either way, and pages
    with margin content keep it."""
    weasy.load()
    from weasyprint import layout

    patched = layout.make_margin_boxes
    real = patched.original
    calls = []

    def counting(context, page, state):
        calls.append(page)
        return real(context, page, state)

    monkeypatch.setattr(patched, "original", counting)
    document = pdf.render(MARGINS, [MARGIN_CSS])
    fast = document.write_pdf()
    assert len(document.pages) == 3 and len(calls) == 2  # page 2 ("plain") has no margin content
    text = [page.extract_text() for page in PdfReader(io.BytesIO(fast)).pages]
    assert "page 1" in text[0] and "page" not in text[1].replace("two", "") and "page 3" in text[2]
    monkeypatch.setattr(layout, "make_margin_boxes", real)
    assert pdf.render(MARGINS, [MARGIN_CSS]).write_pdf() == fast


def test_no_user_agent_rule_styles_a_pseudo_element_of_every_element() -> None:
    """WeasyPrint's user-agent stylesheet styles six pseudo-elements of every element; the scoped one styles only the
    markers of list items."""
    from weasyprint.html import UA_STYLESHEET

    weasy.load()
    scoped = weasy._scoped_ua_stylesheet()
    assert len([s for s in UA_STYLESHEET.matcher.other_selectors if s[3]]) == 6
    assert scoped is not UA_STYLESHEET and not [s for s in scoped.matcher.other_selectors if s[3]]
    assert [s[3] for s in scoped.matcher.lower_local_name_selectors["li"] if s[3]] == ["marker"]


def test_scoped_user_agent_stylesheet_and_kept_text_layouts_write_the_same_pdf(project_source: Path,
                                                                              monkeypatch) -> None:
    """Every document of the bundled guide gives the same PDF bytes with the scoped user-agent stylesheet as with
    WeasyPrint's own, and with kept text layouts and cached font descriptions (weasy_text.py) as without (the sheets'
    column documents at the default page size, which changes nothing here)."""
    from weasyprint.html import UA_STYLESHEET
    from weasyprint.text import line_break

    docs = _documents(project_source)
    fast = [pdf.render(html).write_pdf() for html in docs]
    with monkeypatch.context() as patch:
        patch.setattr(weasy, "_scoped_ua_stylesheet", lambda: UA_STYLESHEET)
        assert [pdf.render(html).write_pdf() for html in docs] == fast
    for name in ("deactivate", "reactivate"):
        monkeypatch.setattr(line_break.Layout, name, getattr(line_break.Layout, name).original)
    monkeypatch.setattr(line_break, "get_font_description", line_break.get_font_description.original)
    assert [pdf.render(html).write_pdf() for html in docs] == fast


def test_text_layouts_are_kept_and_font_descriptions_made_once_per_font(monkeypatch) -> None:
    """A drawn text box reuses its layout unless it is justified; equal fonts share one description."""
    weasy.load()
    from weasyprint.text import line_break

    remade: list[object] = []
    original = line_break.Layout.reactivate.original

    def counting(self: object, style: object) -> None:
        remade.append(self)
        original(self, style)

    monkeypatch.setattr(line_break.Layout.reactivate, "original", counting)
    doc = ('<html><head><link rel="stylesheet" href="fonts.css" /></head><body style="font-family: StudySans">'
           '<p>plain text, drawn from its kept layout</p>'
           '<p style="text-align: justify; width: 30mm">justified text over several lines, justified at last</p>'
           '</body></html>')
    data = pdf.render(doc).write_pdf()
    assert remade and all(layout.justification_spacing for layout in remade)  # only justified lines made again
    assert "kept layout" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    describe = line_break.get_font_description
    style = {"font_family": ("StudySans",), "font_style": "normal", "font_stretch": "normal", "font_weight": 400,
             "font_size": 12.0, "font_variant_caps": "normal", "font_variation_settings": "normal"}
    assert describe(style) is describe(dict(style)) and describe(style) is not describe({**style, "font_weight": 700})
