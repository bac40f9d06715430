"""Two costs of WeasyPrint's text layout, paid for every text box of every document (each measured, each removable).

- WeasyPrint frees a text box's Pango layout once the box's line is found, and makes a new one to draw it: a Pango
  context, a font description, attributes and the text again, for every box (about 4,700 for the 13 sheets).
  ``keep_layouts`` keeps the layout instead, unconstrained in width as a new one would be, and drawing makes a new
  one only where it would differ: justified text, whose spacing is added then, or a style other than the one it was
  made with. Pango lays the kept layout out again to draw it (drawing changes its paragraph mode), so what is drawn
  is the same.
- Every layout gets a new Pango font description built from the style in Python (about 10,000 per build).
  ``cache_font_descriptions`` keeps one per distinct font (Pango copies a description into each layout).

Together: the 13 sheets of the bundled guide 3.4% fewer instructions (valgrind cachegrind), the same bytes;
tests/render/test_weasy.py holds every document of the bundled guide to the same PDF with and without them.
Remove when WeasyPrint stops rebuilding layouts to draw them and caches font descriptions itself.
"""
from __future__ import annotations

from typing import Any, Callable


def install() -> None:
    """Patch WeasyPrint's text layout (once; WeasyPrint is imported)."""
    from weasyprint.text import line_break

    keep_layouts(line_break.Layout, line_break.pango)
    line_break.get_font_description = cache_font_descriptions(line_break.get_font_description)


def keep_layouts(layout_class: type, pango: Any) -> None:
    """``Layout.deactivate`` keeps the Pango layout; ``Layout.reactivate`` makes a new one only where it differs."""
    if getattr(layout_class, "keeps_layouts", False):
        return

    def deactivate(self: Any) -> None:
        if getattr(self, "layout", None) is not None:
            pango.pango_layout_set_width(self.layout, -1)  # as a new layout for drawing: no width, no wrapping
            self.kept = True

    def reactivate(self: Any, style: Any) -> None:
        if getattr(self, "kept", False) and style is self.style and not self.justification_spacing:
            return
        reactivate.original(self, style)  # type: ignore[attr-defined]

    deactivate.original = layout_class.deactivate  # type: ignore[attr-defined]
    reactivate.original = layout_class.reactivate  # type: ignore[attr-defined]
    layout_class.deactivate = deactivate  # type: ignore[attr-defined]
    layout_class.reactivate = reactivate  # type: ignore[attr-defined]
    layout_class.keeps_layouts = True  # type: ignore[attr-defined]


_FONT_KEYS = ("font_style", "font_stretch", "font_weight", "font_size", "font_variant_caps", "font_variation_settings")
"""The style values WeasyPrint's ``get_font_description`` reads, besides ``font_family``."""


def cache_font_descriptions(describe: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``describe(style)`` remembered by the style values it reads (Pango copies the description it is given)."""
    if getattr(describe, "cached", False):
        return describe
    cache: dict[tuple[Any, ...], Any] = {}

    def cached(style: Any) -> Any:
        key = (tuple(style["font_family"]), *(style[k] for k in _FONT_KEYS))
        description = cache.get(key)
        if description is None:
            description = cache[key] = describe(style)
        return description

    cached.cached = True  # type: ignore[attr-defined]
    cached.original = describe  # type: ignore[attr-defined]
    return cached
