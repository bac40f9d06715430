"""Modules WeasyPrint imports up front but uses only for fonts studygen never embeds, loaded when first used instead.

WeasyPrint's PDF writer imports ``fontTools.subset`` and ``fontTools.varLib.instancer`` at import time: a quarter of
importing WeasyPrint (1.538 G → 1.175 G instructions without them, valgrind; about 0.08 CPU-s), paid by every build
before its first layout (a one-module edit waits for it). It uses them only for variable fonts, colour and bitmap fonts, fonts in forms, and subsetting where HarfBuzz
cannot; the bundled fonts are static TrueType, subset by HarfBuzz. While WeasyPrint is imported those two names are
stand-ins; afterwards they leave ``sys.modules``, so any later import gets the real modules, and the stand-ins
WeasyPrint keeps load the real ones on first use (a document that needs them still gets them, a little later).
Remove when WeasyPrint imports them where it uses them.
"""
from __future__ import annotations

import contextlib
import importlib
import sys
import types
from typing import Any, Iterator

DEFERRED: dict[str, tuple[str, ...]] = {
    "fontTools.subset": (),
    "fontTools.varLib.instancer": ("instantiateVariableFont",),
}
"""Module → the names WeasyPrint imports from it with ``from … import``."""


class StandIn(types.ModuleType):
    """A module whose attributes are the real module's, imported on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)  # during the import, or a dunder probe (copy, pickle, inspect)
        return getattr(importlib.import_module(self.__name__), name)


def _forward(module: str, name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within the block, importing a DEFERRED module gives its stand-in (unless the real one is loaded already)."""
    placed = []
    for module, names in DEFERRED.items():
        if module not in sys.modules:
            stand_in = StandIn(module)
            for name in names:
                setattr(stand_in, name, _forward(module, name))
            sys.modules[module] = stand_in
            placed.append(module)
    try:
        yield
    finally:
        for module in placed:
            if isinstance(sys.modules.get(module), StandIn):
                del sys.modules[module]
