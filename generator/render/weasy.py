"""Loading WeasyPrint, with workarounds for costs it has on every build (each measured, each removable).

- Start-up: WeasyPrint finds its C libraries by trying several names per library with cffi, and cffi sends each
  name that is not a file name to ``ctypes.util.find_library``, which on Linux runs ``ldconfig``, ``gcc`` and ``ld``
  for every miss. Only one ``libX.so.N`` name per library is needed (the dynamic loader resolves it, honouring
  ``LD_LIBRARY_PATH``; a name ``find_library`` finds is such a name too), so the import runs with that lookup
  answering "not found": ``import weasyprint`` goes from 0.54 s to 0.33 s here. If a required library cannot be
  loaded that way, the import is redone the normal way.
- Font subsetting: see ``UnsizedArrays``; fontTools' subsetter and instancer: see deferred.py.
- Text layouts made again to draw them, font descriptions made anew for each: see weasy_text.py.
- Margin boxes: see ``_skip_absent_margin_boxes``.
- User-agent stylesheet: see ``_scoped_ua_stylesheet``.
- Parsing: see ``document``. Every document studygen lays out comes from its own templates, which are XHTML, so
  expat (C) parses them instead of tinyhtml5 (pure Python), and the stylesheets they link are parsed once per
  process instead of once per document.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import importlib
import io
import re
import sys
import threading
from typing import Any, Callable
from urllib.parse import urljoin
from xml.etree import ElementTree

from generator.render import weasy_text
from generator.render.deferred import deferred

_LOCK = threading.Lock()
_LOADED = False


def load() -> None:
    """Import WeasyPrint once per process, quickly where possible, and install the workarounds listed above."""
    global _LOADED
    with _LOCK:
        if _LOADED:
            return
        with deferred():  # see generator/render/deferred.py
            if sys.platform.startswith("linux") and "weasyprint" not in sys.modules:
                try:
                    with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its own advice before failing
                        import_with(lambda name: None)
                except OSError:
                    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
                        del sys.modules[name]
            importlib.import_module("weasyprint")
        _parse_array_types_once()
        _skip_absent_margin_boxes()
        weasy_text.install()
        _LOADED = True


def import_with(find_library: Callable[[str], str | None]) -> None:
    """Import WeasyPrint while ``ctypes.util.find_library`` is ``find_library``."""
    import ctypes.util  # here, not at the top: the main process imports this module but never WeasyPrint (~6 ms)

    real = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = real


_SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


class UnsizedArrays:
    """Stands in for cffi's FFI in WeasyPrint's font module: ``new("T[N]", items)`` with N items becomes
    ``new("T[]", items)``, the same array; everything else is passed through."""

    def __init__(self, ffi: Any) -> None:
        self.ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        """``ffi.new``, with the array length taken from ``init`` when it says the same."""
        sized = _SIZED_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if sized and init is not None and len(init) == int(sized[2]):
            cdecl = f"{sized[1]}[]"
        return self.ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ffi, name)


def _parse_array_types_once() -> None:
    """WeasyPrint's font subsetting allocates ``hb_codepoint_t[N]`` arrays with a new N for nearly every font it
    embeds, and cffi parses each new type string with pycparser (about 4 ms): 0.2–0.3 CPU-s per build, measured.
    Unsized arrays are parsed once. Remove when WeasyPrint allocates them that way itself."""
    from weasyprint.pdf import fonts

    if hasattr(fonts, "ffi") and not isinstance(fonts.ffi, UnsizedArrays):
        fonts.ffi = UnsizedArrays(fonts.ffi)


_ACROSS, _DOWN = ("left-corner", "left", "center", "right", "right-corner"), ("top", "middle", "bottom")
MARGIN_BOXES = tuple(f"@{side}-{part}" for side, parts in (("top", _ACROSS), ("bottom", _ACROSS), ("left", _DOWN),
                                                            ("right", _DOWN)) for part in parts)
"""The 16 page-margin boxes of CSS Paged Media."""
_NO_CONTENT = ("normal", "inhibit", "none")
"""Margin boxes with these ``content`` values are not generated (WeasyPrint's ``make_margin_boxes``)."""


def _skip_absent_margin_boxes() -> None:
    """WeasyPrint builds all 16 margin boxes of every page, each with a style and resolved lengths, then keeps those
    with content. A page none of whose margin boxes has content (the user-agent stylesheet gives each a style, but
    no ``content``; WeasyPrint's own test is the one below) gets none, without that work."""
    from weasyprint import layout

    original = layout.make_margin_boxes
    if getattr(original, "skips_absent", False):
        return

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        styles = (context.style_for(page.page_type, box) for box in MARGIN_BOXES)
        if any(style is not None and style["content"] not in _NO_CONTENT for style in styles):
            yield from make_margin_boxes.original(context, page, state)  # type: ignore[attr-defined]

    make_margin_boxes.skips_absent = True  # type: ignore[attr-defined]
    make_margin_boxes.original = original  # type: ignore[attr-defined]
    layout.make_margin_boxes = make_margin_boxes


def document(source: str, base_url: str, url_fetcher: Any, font_config: Any) -> tuple[Any, list[Any]]:
    """A WeasyPrint ``HTML`` of ``source`` and the stylesheets it links, to pass to ``render`` (user origin, before
    any others: the same cascade as author origin while no other sheet's rule outranks theirs by specificity).

    Well-formed XML is parsed by expat (~0.3 CPU-s less per build), and each linked stylesheet is parsed once per
    process while its file is unchanged (~10 ms per document). Anything else is parsed the normal way.
    tests/render/test_weasy.py holds both parsers to the same tree for every document of the bundled guide: XML
    that HTML parses differently (a ``div`` inside a ``p``, a table row outside ``tbody``) must not reach here.
    """
    load()
    from weasyprint import HTML

    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError:
        return HTML(string=source, base_url=base_url, url_fetcher=url_fetcher), []
    sheets = []
    for head in root.iter("head"):
        for link in [e for e in head if e.tag == "link" and e.get("rel") == "stylesheet" and e.get("href")]:
            sheets.append(_stylesheet(urljoin(base_url, link.get("href", "")), url_fetcher, font_config))
            head.remove(link)
    return _parsed_html_class()(root, base_url, url_fetcher), sheets


_SHEETS: dict[str, tuple[bytes, Any]] = {}


def _stylesheet(url: str, url_fetcher: Any, font_config: Any) -> Any:
    """The parsed stylesheet at ``url``, parsed again only when the file has changed (``studygen watch``)."""
    from weasyprint import CSS
    from weasyprint.urls import fetch

    with fetch(url_fetcher, url) as response:
        data = response.read()
    cached = _SHEETS.get(url)
    if cached is None or cached[0] != data:
        cached = _SHEETS[url] = data, CSS(string=data, base_url=url, url_fetcher=url_fetcher, font_config=font_config)
    return cached[1]


@functools.lru_cache(maxsize=1)
def _parsed_html_class() -> type:
    from cssselect2 import ElementWrapper
    from weasyprint import HTML

    class ParsedHTML(HTML):  # type: ignore[misc]
        """``HTML`` made from a parsed tree; sets what ``HTML.__init__`` sets after parsing."""

        def __init__(self, root: ElementTree.Element, base_url: str, url_fetcher: Any) -> None:
            self.base_url = base_url
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_scoped_ua_stylesheet(), *super()._ua_stylesheets(forms)[1:]]

    return ParsedHTML


_UNIVERSAL_PSEUDO = ("marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback")
"""The pseudo-elements that WeasyPrint's user-agent stylesheet styles for every element (``::marker { … }``)."""


@functools.lru_cache(maxsize=1)
def _scoped_ua_stylesheet() -> Any:
    """WeasyPrint's user-agent stylesheet with its six universal pseudo-element rules scoped to where they can apply.

    Each of those rules matches every element, so WeasyPrint computed six pseudo-element styles for every element
    of a document, nearly all for boxes that are never made: a marker is made only for a list item, and footnote and
    note pseudo-elements only for ``float: footnote`` and notes. In studygen's documents list items are ``li``
    (no template sets ``display: list-item`` elsewhere) and nothing is a footnote or a note, so the ``::marker`` rule
    is filed under ``li`` in the selector index (its specificity unchanged) and the others are left out. The parsed
    stylesheet is reused, not parsed again (45 ms). Instructions counted with valgrind (``--tool=cachegrind``): the
    13 cheat sheets of the bundled guide 3.8% fewer, the practice exam's PDF 6.4% fewer. The bytes are the same:
    tests/render/test_weasy.py holds every document of the bundled guide to the same PDF either way. If the
    stylesheet or cssselect2's index is no longer as expected, WeasyPrint's own stylesheet is used.
    """
    from weasyprint.html import UA_STYLESHEET

    index = UA_STYLESHEET.matcher
    try:
        universal = [entry for entry in index.other_selectors if entry[3]]  # (test, specificity, order, pseudo, …)
        if sorted(entry[3] for entry in universal) != sorted(_UNIVERSAL_PSEUDO):
            return UA_STYLESHEET
        scoped = copy.copy(index)
        scoped.other_selectors = [entry for entry in index.other_selectors if not entry[3]]
        markers = [entry for entry in universal if entry[3] == "marker"]
        scoped.lower_local_name_selectors = {**index.lower_local_name_selectors,
                                             "li": [*index.lower_local_name_selectors.get("li", []), *markers]}
    except (AttributeError, IndexError, TypeError):  # another cssselect2 index
        return UA_STYLESHEET
    sheet = copy.copy(UA_STYLESHEET)
    sheet.matcher = scoped
    return sheet
