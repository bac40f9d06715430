"""Loading WeasyPrint: the quick import loads the same libraries and falls back to the normal one; the font
subsetting shim gives WeasyPrint the same arrays it asked for."""
from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from pypdf import PdfReader

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
