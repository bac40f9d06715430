"""The model as plain JSON-ready data (for `studygen dump` and golden tests)."""
from __future__ import annotations

import dataclasses
from typing import Any

from generator.model import Guide


def to_data(obj: Any) -> Any:
    """Dataclasses → dicts with a "type" key for blocks; tuples → lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data: dict[str, Any] = {"type": type(obj).__name__}
        for f in dataclasses.fields(obj):
            data[f.name] = to_data(getattr(obj, f.name))
        return data
    if isinstance(obj, (list, tuple)):
        return [to_data(x) for x in obj]
    return obj


def guide_data(guide: Guide) -> dict[str, Any]:
    """The whole guide as data."""
    data = to_data(guide)
    assert isinstance(data, dict)
    return data
