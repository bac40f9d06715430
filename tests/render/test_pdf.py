"""The shared PDF plumbing: the font subsetting shim gives WeasyPrint the same arrays it asked for."""
from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from generator.render import pdf


def test_unsized_arrays_are_the_arrays_asked_for():
    from weasyprint.text.ffi import ffi

    arrays = pdf.UnsizedArrays(ffi)
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
    assert isinstance(fonts.ffi, pdf.UnsizedArrays)
    data = document.write_pdf()
    font = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    descriptor = next(iter(font.values())).get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    embedded = descriptor.get_object()["/FontFile2"].get_object().get_data()
    assert 0 < len(embedded) < 100_000  # a subset: the full StudySans-Regular.ttf is 683 kB
    glyf = TTFont(io.BytesIO(embedded))["glyf"]
    drawn = [name for name in glyf.keys() if glyf[name].numberOfContours]
    assert len(drawn) >= len(set("subsetme"))  # every letter used kept its outline
