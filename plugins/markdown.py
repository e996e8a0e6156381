"""TEMPORARY: ``brief.py`` still imports ``render_markdown`` from here. Remove this module
once the brief looks the ``md`` writer up by name (``convert.render(document, "md")``)."""

from .textformats.markdown import render_markdown

__all__ = ["render_markdown"]
