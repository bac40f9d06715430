"""Shared PDF plumbing: autoescaping Jinja, the bundled fonts, and a URL fetcher confined to templates/.

WeasyPrint is imported inside the functions that need it (through ``weasy.load``): importing it costs ~0.4–0.6 s,
which `check` and no-op builds must not pay.
"""
from __future__ import annotations

import atexit
import shutil
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render import weasy
from generator.text import inline_html, plain

if TYPE_CHECKING:
    from jinja2 import Environment
    from weasyprint import Document

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
"""templates/ at the top of the project: Jinja2 templates, CSS and fonts."""

PAPER = {"a4": ("297mm", "210mm"), "letter": ("11in", "8.5in")}
"""Paper sizes as (long side, short side)."""


def paper_mm(paper: str) -> tuple[float, float]:
    """PAPER[paper] in millimetres (long side, short side)."""
    def mm(length: str) -> float:
        return round(float(length[:-2]) * (25.4 if length.endswith("in") else 1.0), 3)

    long_side, short_side = PAPER[paper]
    return mm(long_side), mm(short_side)


@lru_cache(maxsize=1)
def jinja() -> Environment:
    """The one Jinja environment: autoescape on for every template, undefined names are errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape  # workers only (~35 ms)
    from markupsafe import Markup

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = lambda text: Markup(inline_html(str(text)))
    env.filters["plain"] = lambda text: plain(str(text))
    return env


def _confined_fetcher_class() -> type:
    weasy.load()
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves only files inside templates/; every other URL (network, other files, data:) is refused."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            from urllib.parse import unquote, urlparse

            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"studygen fetches no {parsed.scheme or 'relative'} URLs: {url}")
            path = Path(unquote(parsed.path)).resolve()
            if not path.is_relative_to(TEMPLATES) or not path.is_file():
                raise ValueError(f"studygen only reads files inside templates/: {url}")
            return super().fetch(path.as_uri(), headers)

    return ConfinedFetcher


@lru_cache(maxsize=1)
def fetcher() -> Any:
    """One confined fetcher per process."""
    return _confined_fetcher_class()(allowed_protocols=("file",))


@lru_cache(maxsize=1)
def font_config() -> Any:
    """One FontConfiguration per process, shared by every document it renders."""
    weasy.load()
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    atexit.register(_remove_font_copies, config)
    return config


def _remove_font_copies(config: Any) -> None:
    """Remove the folder where WeasyPrint copied the fonts: it does so only when the configuration is garbage
    collected, which happens too late at exit (its module is gone by then) or never (``gc.freeze``). Worker
    processes skip exit hooks; the pool removes their temporary folder."""
    folder = getattr(config, "_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        config._folder = None


def warm() -> None:
    """Load the fonts: lay out and write a tiny page with the bundled fonts, the way the templates' pages are laid
    out (XHTML: the fast path of ``weasy.document``, whose stylesheets are then parsed before a worker forks)."""
    render('<html><head><link rel="stylesheet" href="fonts.css" /></head><body><p style="font-family: StudySans">'
           'a <b>b</b> <code style="font-family: StudyMono">c</code></p></body></html>').write_pdf()


def render(html: str, css: list[str] | None = None) -> Document:
    """Lay out an HTML string (its relative URLs resolve in templates/) with extra CSS strings."""
    weasy.load()
    from weasyprint import CSS

    base = TEMPLATES.as_uri() + "/"
    doc, linked = weasy.document(html, base, fetcher(), font_config())
    sheets = [CSS(string=s, base_url=base, url_fetcher=fetcher(), font_config=font_config()) for s in css or []]
    return doc.render(stylesheets=[*linked, *sheets], font_config=font_config())


def write(document: Document, path: Path) -> None:
    """Write a laid-out document as PDF (fixed metadata dates so the bytes depend only on the content)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(path, pdf_identifier=b"studygen", uncompressed_pdf=False)
