"""studygen: one structured study guide → Anki decks, PDF cheat sheets, a domain checklist, a practice exam."""
from __future__ import annotations

__version__ = "0.1.0"
