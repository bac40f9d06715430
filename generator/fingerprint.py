"""Fingerprints for incremental builds: a hash of everything an output is made from.

An output's fingerprint covers the model data it renders, the templates it uses, the options that change it and the
generator's own code, so a change to any of them rebuilds it and nothing else does.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.serialize import to_data

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"


@lru_cache(maxsize=None)
def _tree(path: Path) -> str:
    """Hash of every file under ``path`` (names and bytes), or of the file itself."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
    for file in files:
        h.update(str(file.relative_to(path.parent)).encode())
        h.update(file.read_bytes() if file.exists() else b"<missing>")
    return h.hexdigest()


def code() -> str:
    """The generator's version: its version number and the hash of its Python sources."""
    return f"{__version__}:{_tree(PACKAGE)}"


def templates(*names: str) -> str:
    """Hash of templates/<name> for each name (files or folders), plus the bundled fonts every PDF uses."""
    return "|".join(_tree(TEMPLATES / n) for n in (*names, "fonts.css", "fonts"))


_JSON: dict[int, tuple[Any, str]] = {}
"""id(object) → (object, its JSON): model objects are immutable, and several renderers fingerprint the same module."""


def _json(item: Any) -> str:
    if isinstance(item, (list, tuple)):
        return "[" + ",".join(_json(i) for i in item) + "]"
    cached = _JSON.get(id(item))
    if cached is not None and cached[0] is item:
        return cached[1]
    text = json.dumps(to_data(item), sort_keys=True, ensure_ascii=False, default=str)
    if hasattr(item, "__dataclass_fields__"):
        _JSON[id(item)] = (item, text)  # keeps the object alive, so its id is never reused while cached
    return text


def digest(*items: Any) -> str:
    """Hash of model objects, options and strings, combined with the generator's code version."""
    payload = code() + "\0" + "\0".join(_json(i) for i in items)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]
