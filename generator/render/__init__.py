"""Renderers: one module per output. Each reads the model and writes one kind of file; none imports another.

Shared helpers that are not renderers: ``pdf`` (WeasyPrint, fonts, the confined URL fetcher, Jinja).
"""
